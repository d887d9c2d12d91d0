package io.jtractor;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the payload types of a context endpoint, as a contract both sides check.
 *
 * <pre>{@code
 * @PayloadTypes(started = Integer.class, stream = Quote.class)
 * public static String quotes(Context ctx, String symbol) { ... }
 * }</pre>
 *
 * <p>The child's {@link Context#started(Object)} checks its value before sending anything: a
 * value of another type raises {@link MessageTypeException} in the child and nothing is sent. A
 * parent that opened the context by method reference decodes the started value and the child's
 * stream messages into the declared types ({@link Context#first()}, {@link Context#openStream()});
 * the endpoint's return type is its declared result. A message that does not match is a
 * {@link MessageTypeException} attributed to the sender: it fails the context on both sides, and
 * its message names the expected and the found type and shows the offending value.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface PayloadTypes {

    /** The type of the value the child passes to {@code started()}. */
    Class<?> started() default Object.class;

    /** The type of the messages the child sends on the context's stream. */
    Class<?> stream() default Object.class;
}
