package io.jtractor.internal.runtime;

import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Turns a serializable method reference ({@code Worker::process}) into the endpoint it names.
 * Results are cached per lambda class, so the reflection runs once per call site.
 */
final class FunctionRefs {

    private static final ClassValue<Endpoint[]> CACHE = new ClassValue<>() {
        @Override
        protected Endpoint[] computeValue(Class<?> type) {
            return new Endpoint[1];
        }
    };

    private FunctionRefs() {
    }

    static Endpoint resolve(Serializable ref) {
        var slot = CACHE.get(ref.getClass());
        var endpoint = slot[0];
        if (endpoint == null) {
            endpoint = Endpoint.of(method(ref));
            slot[0] = endpoint;
        }
        return endpoint;
    }

    private static Method method(Serializable ref) {
        SerializedLambda lambda;
        try {
            var writeReplace = ref.getClass().getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            lambda = (SerializedLambda) writeReplace.invoke(ref);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalArgumentException("expected a method reference such as"
                    + " Worker::process, got " + ref.getClass().getName(), e);
        }
        var name = lambda.getImplMethodName();
        if (name.startsWith("lambda$")) {
            throw new IllegalArgumentException("expected a method reference to a public static"
                    + " method (Worker::process), got a lambda defined in "
                    + lambda.getImplClass().replace('/', '.'));
        }
        Class<?> owner;
        try {
            owner = Class.forName(lambda.getImplClass().replace('/', '.'), false,
                    ref.getClass().getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("cannot load the class of method reference "
                    + lambda.getImplClass(), e);
        }
        var descriptor = lambda.getImplMethodSignature();
        return Arrays.stream(owner.getDeclaredMethods())
                .filter(m -> m.getName().equals(name) && descriptor(m).equals(descriptor))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("method " + owner.getName()
                        + "." + name + descriptor + " not found"));
    }

    private static String descriptor(Method m) {
        var text = new StringBuilder("(");
        for (var p : m.getParameterTypes()) {
            text.append(p.descriptorString());
        }
        return text.append(')').append(m.getReturnType().descriptorString()).toString();
    }
}
