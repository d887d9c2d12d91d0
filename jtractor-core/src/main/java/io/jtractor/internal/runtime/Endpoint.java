package io.jtractor.internal.runtime;

import io.jtractor.Context;
import io.jtractor.internal.msg.Payloads;
import io.jtractor.internal.msg.RawValue;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.BaseStream;
import java.util.stream.Collectors;

/**
 * One public static method of an exposed class, ready to be called with named arguments.
 *
 * <p>The kind comes from the signature (SPEC J6): a first parameter of type {@link Context} makes
 * a context endpoint; a return type that is a {@link BaseStream}, an {@link Iterator} or an
 * {@link Iterable} that is not a {@link Collection} a streaming one; anything else, a
 * {@code Collection} or a {@link Map} included, a plain function whose result is one value.
 */
record Endpoint(Class<?> owner, Method method, EndpointKind kind, List<Parameter> parameters) {

    static Endpoint of(Method method) {
        int modifiers = method.getModifiers();
        if (!Modifier.isStatic(modifiers) || !Modifier.isPublic(modifiers)) {
            throw new IllegalArgumentException("endpoint " + describe(method)
                    + " must be a public static method");
        }
        var params = Arrays.asList(method.getParameters());
        boolean context = !params.isEmpty() && params.get(0).getType() == Context.class;
        var kind = context ? EndpointKind.CONTEXT
                : isStreamType(method.getReturnType()) ? EndpointKind.STREAMING
                : EndpointKind.PLAIN;
        var named = context ? params.subList(1, params.size()) : params;
        for (var p : named) {
            if (!p.isNamePresent()) {
                throw new IllegalArgumentException("the parameter names of " + describe(method)
                        + " are not available: compile " + method.getDeclaringClass().getName()
                        + " with javac -parameters (Maven: <parameters>true</parameters>)");
            }
        }
        method.setAccessible(true);
        return new Endpoint(method.getDeclaringClass(), method, kind, List.copyOf(named));
    }

    /** Whether a method returning {@code type} streams its elements (see the class doc). */
    static boolean isStreamType(Class<?> type) {
        if (Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type)) {
            return false;
        }
        return BaseStream.class.isAssignableFrom(type) || Iterable.class.isAssignableFrom(type)
                || Iterator.class.isAssignableFrom(type);
    }

    /** The wire name of the function: {@code pkg.Class:method}. */
    String target() {
        return owner.getName() + ":" + method.getName();
    }

    /** The declared type of the value(s) this endpoint produces, for decoding on the caller. */
    Type resultType() {
        if (kind != EndpointKind.STREAMING) {
            return method.getGenericReturnType();
        }
        if (method.getGenericReturnType() instanceof ParameterizedType p
                && p.getActualTypeArguments().length == 1) {
            return p.getActualTypeArguments()[0];
        }
        return Object.class;
    }

    /** Names the arguments: positional values become a map of parameter name to value. */
    Map<String, Object> name(Object[] args) {
        if (args.length != parameters.size()) {
            throw new IllegalArgumentException(signature() + " takes " + parameters.size()
                    + " arguments, got " + args.length);
        }
        var kwargs = new LinkedHashMap<String, Object>();
        for (int i = 0; i < args.length; i++) {
            kwargs.put(parameters.get(i).getName(), args[i]);
        }
        return kwargs;
    }

    /**
     * Binds named wire arguments to this method's parameters, converting each to its declared
     * type. A missing argument is null (an error for primitive parameters).
     *
     * @throws IllegalArgumentException naming the expected signature, on an unknown or missing
     *     name or a value that does not convert
     */
    Object[] bind(Context ctx, Map<String, RawValue> kwargs) {
        for (var name : kwargs.keySet()) {
            if (parameters.stream().noneMatch(p -> p.getName().equals(name))) {
                throw new IllegalArgumentException("unknown argument '" + name + "' for "
                        + signature());
            }
        }
        int offset = kind == EndpointKind.CONTEXT ? 1 : 0;
        var args = new Object[parameters.size() + offset];
        if (offset == 1) {
            args[0] = ctx;
        }
        for (int i = 0; i < parameters.size(); i++) {
            var p = parameters.get(i);
            var raw = kwargs.get(p.getName());
            if (raw == null) {
                if (p.getType().isPrimitive()) {
                    throw new IllegalArgumentException("missing argument '" + p.getName()
                            + "' for " + signature());
                }
                continue;
            }
            try {
                args[i + offset] = Payloads.decode(raw, p.getParameterizedType());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("argument '" + p.getName() + "' of "
                        + signature() + " does not convert: " + e.getMessage(), e);
            }
        }
        return args;
    }

    /** The signature as a reader would write it, e.g. {@code Worker.process(String path)}. */
    String signature() {
        return describe(method);
    }

    static String describe(Method method) {
        return method.getDeclaringClass().getName() + "." + method.getName()
                + Arrays.stream(method.getParameters())
                        .map(p -> p.getParameterizedType().getTypeName() + " " + p.getName())
                        .collect(Collectors.joining(", ", "(", ")"));
    }
}
