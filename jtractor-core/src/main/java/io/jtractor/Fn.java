package io.jtractor;

import java.io.Serializable;

/**
 * Serializable method references to remote endpoints, by arity.
 *
 * <p>Pass a reference to a public static method of an exposed class ({@code Worker::process});
 * the compiler checks the argument types, and the runtime turns the reference into the class
 * and method name and the arguments into a map of parameter names to values (so endpoint
 * classes are compiled with {@code -parameters}). Lambdas are rejected: only a method reference
 * names a method the peer can find.
 *
 * <p>{@code Of*} are plain (and streaming) endpoints, {@code Void*} plain ones that return
 * nothing; {@code Ctx*} are context endpoints, whose
 * first parameter is the {@link Context}; they accept endpoints with any return type (the value
 * reaches the parent through {@link Context#result()}, decoded to the declared type).
 */
public final class Fn {

    private Fn() {
    }

    /** A plain endpoint with no arguments. */
    @FunctionalInterface
    public interface Of0<R> extends Serializable {
        R call() throws Exception;
    }

    /** A plain endpoint with one argument. */
    @FunctionalInterface
    public interface Of1<A, R> extends Serializable {
        R call(A a) throws Exception;
    }

    /** A plain endpoint with two arguments. */
    @FunctionalInterface
    public interface Of2<A, B, R> extends Serializable {
        R call(A a, B b) throws Exception;
    }

    /** A plain endpoint with three arguments. */
    @FunctionalInterface
    public interface Of3<A, B, C, R> extends Serializable {
        R call(A a, B b, C c) throws Exception;
    }

    /** A plain endpoint with four arguments. */
    @FunctionalInterface
    public interface Of4<A, B, C, D, R> extends Serializable {
        R call(A a, B b, C c, D d) throws Exception;
    }

    /** A plain endpoint with no arguments and no value. */
    @FunctionalInterface
    public interface Void0 extends Serializable {
        void call() throws Exception;
    }

    /** A plain endpoint with one argument and no value. */
    @FunctionalInterface
    public interface Void1<A> extends Serializable {
        void call(A a) throws Exception;
    }

    /** A plain endpoint with two arguments and no value. */
    @FunctionalInterface
    public interface Void2<A, B> extends Serializable {
        void call(A a, B b) throws Exception;
    }

    /** A plain endpoint with three arguments and no value. */
    @FunctionalInterface
    public interface Void3<A, B, C> extends Serializable {
        void call(A a, B b, C c) throws Exception;
    }

    /** A context endpoint with no arguments besides the context. */
    @FunctionalInterface
    public interface Ctx0 extends Serializable {
        void call(Context ctx) throws Exception;
    }

    /** A context endpoint with one argument. */
    @FunctionalInterface
    public interface Ctx1<A> extends Serializable {
        void call(Context ctx, A a) throws Exception;
    }

    /** A context endpoint with two arguments. */
    @FunctionalInterface
    public interface Ctx2<A, B> extends Serializable {
        void call(Context ctx, A a, B b) throws Exception;
    }

    /** A context endpoint with three arguments. */
    @FunctionalInterface
    public interface Ctx3<A, B, C> extends Serializable {
        void call(Context ctx, A a, B b, C c) throws Exception;
    }

    /** A context endpoint with four arguments. */
    @FunctionalInterface
    public interface Ctx4<A, B, C, D> extends Serializable {
        void call(Context ctx, A a, B b, C c, D d) throws Exception;
    }
}
