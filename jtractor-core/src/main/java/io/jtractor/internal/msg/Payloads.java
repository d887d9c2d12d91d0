package io.jtractor.internal.msg;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import io.jtractor.internal.msg.PayloadReader.Target;
import java.lang.reflect.Type;
import java.util.HexFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.jackson.dataformat.MessagePackFactory;
import org.msgpack.jackson.dataformat.MessagePackMapper;

/**
 * Converts application values to and from payloads ({@link RawValue}s), through Jackson over
 * msgpack.
 *
 * <p>Plain values (null, booleans, numbers, strings, {@code byte[]}, and lists, arrays and maps
 * of them) and plain target types take a path without Jackson ({@link PayloadWriter},
 * {@link PayloadReader}) that gives the same bytes and the same values; every other value or
 * type, and every value that fails or needs a conversion, goes through Jackson, so that its
 * conversions and error messages are Jackson's.
 *
 * <p>Records and beans become maps keyed by property name; collections and arrays become
 * arrays; {@code byte[]} becomes msgpack binary; integers take their shortest form and every
 * float is written as float64, so simple values encode exactly as the reference encoder writes
 * them ({@code 11} is the single byte {@code 0x0b}). Decoding ignores unknown properties and
 * accepts an integer where a floating-point number is expected, but refuses to truncate a
 * float to an integer, to read a string as a number, or to read nil into a primitive.
 *
 * <p>All methods are thread-safe: they share one configured mapper. A user type must be
 * accessible to Jackson ({@code com.fasterxml.jackson.databind}); on the module path its
 * package must be open to it.
 */
public final class Payloads {

    private static final int PREVIEW_CHARS = 200;

    /**
     * The packer buffer of Jackson's generator. msgpack-jackson keeps one per thread, and
     * every call runs on a fresh virtual thread: the default of 8 KiB was allocated per call.
     */
    private static final int GENERATOR_BUFFER_BYTES = 1024;

    private static final ObjectMapper MAPPER = MessagePackMapper.builder(jacksonFactory())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .addModule(new SimpleModule("jtractor-payloads")
                    .addSerializer(Float.class, new FloatAsDouble())
                    .addSerializer(float.class, new FloatAsDouble())
                    .addSerializer(float[].class, new FloatsAsDoubles()))
            .build();

    private Payloads() {
    }

    /**
     * A msgpack factory whose per-call buffers do not live in thread-locals (Jackson's own
     * buffer recycler comes from a shared pool) or are small (msgpack's packer buffer).
     */
    private static MessagePackFactory jacksonFactory() {
        var factory = new MessagePackFactory(
                new MessagePack.PackerConfig().withBufferSize(GENERATOR_BUFFER_BYTES));
        factory.setRecyclerPool(JsonRecyclerPools.sharedConcurrentDequePool());
        return factory;
    }

    /**
     * Encodes {@code value} as a payload; null gives {@link RawValue#NIL}.
     *
     * @throws PayloadTypeException if Jackson cannot serialise the value's type
     */
    public static RawValue encode(Object value) {
        if (value == null) {
            return RawValue.NIL;
        }
        byte[] plain = PayloadWriter.tryEncode(value);
        return plain != null ? RawValue.wrap(plain) : encodeWithJackson(value);
    }

    /** Encodes {@code value} with Jackson only, as every value not plain is encoded. */
    static RawValue encodeWithJackson(Object value) {
        if (value == null) {
            return RawValue.NIL;
        }
        try {
            return RawValue.wrap(MAPPER.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new PayloadTypeException("cannot encode payload of type "
                    + value.getClass().getName() + ": " + problem(e), value.getClass(),
                    truncate(String.valueOf(value)), e);
        }
    }

    /**
     * Decodes a payload into {@code type}; nil gives null (or fails for a primitive).
     *
     * @throws PayloadTypeException if the value does not fit {@code type}
     */
    @SuppressWarnings("unchecked")
    public static <T> T decode(RawValue raw, Class<T> type) {
        Object plain = PayloadReader.tryDecode(raw.array(), Target.of(type));
        if (plain != PayloadReader.UNHANDLED) {
            return (T) plain;
        }
        try {
            return MAPPER.readValue(raw.array(), type);
        } catch (IOException e) {
            throw mismatch(raw, type, e);
        }
    }

    /**
     * Decodes a payload into a possibly generic {@code type}, e.g. the parameter type
     * {@code List<Integer>} of a method; nil gives null (or fails for a primitive).
     *
     * @throws PayloadTypeException if the value does not fit {@code type}
     */
    @SuppressWarnings("unchecked")
    public static <T> T decode(RawValue raw, Type type) {
        Object plain = PayloadReader.tryDecode(raw.array(), Target.of(type));
        return plain != PayloadReader.UNHANDLED ? (T) plain : decodeWithJackson(raw, type);
    }

    /** Decodes with Jackson only, as every type the plain reader does not handle is decoded. */
    static <T> T decodeWithJackson(RawValue raw, Type type) {
        try {
            return MAPPER.readValue(raw.array(), MAPPER.getTypeFactory().constructType(type));
        } catch (IOException e) {
            throw mismatch(raw, type, e);
        }
    }

    /**
     * Decodes a payload into a generic value tree, as {@link Values#fromRaw} does.
     *
     * @throws PayloadTypeException if the payload holds a msgpack extension type or nests too
     *     deeply for a value tree
     */
    public static Object decodeGeneric(RawValue raw) {
        try {
            return Values.fromRaw(raw);
        } catch (MalformedMessageException e) {
            throw new PayloadTypeException("cannot decode payload as a value tree: "
                    + e.getMessage(), Object.class, preview(raw), e);
        }
    }

    private static PayloadTypeException mismatch(RawValue raw, Type type, IOException e) {
        String found = preview(raw);
        return new PayloadTypeException("cannot decode payload as " + type.getTypeName()
                + ": found " + found + " (" + problem(e) + ")", type, found, e);
    }

    /** Renders a payload for an error message, as a value tree or else as hex. */
    private static String preview(RawValue raw) {
        try {
            return Values.describe(Values.fromRaw(raw), PREVIEW_CHARS);
        } catch (MalformedMessageException e) {
            byte[] b = raw.array();
            int shown = Math.min(b.length, PREVIEW_CHARS / 2);
            return "bytes " + HexFormat.of().formatHex(b, 0, shown)
                    + (shown < b.length ? "..." : "");
        }
    }

    /** Jackson's reason on one line, with the property path where there is one. */
    private static String problem(IOException e) {
        if (e instanceof JsonMappingException jme) {
            String reason = firstLine(jme.getOriginalMessage());
            String path = jme.getPath().isEmpty() ? "" : " at " + jme.getPathReference();
            return reason + path;
        }
        return firstLine(e.getMessage());
    }

    private static String truncate(String s) {
        return s.length() <= PREVIEW_CHARS ? s : s.substring(0, PREVIEW_CHARS) + "...";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no detail";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Writes {@code Float}s as float64, as the reference encoder writes every float. */
    private static final class FloatAsDouble extends StdSerializer<Float> {
        private static final long serialVersionUID = 1L;

        FloatAsDouble() {
            super(Float.class);
        }

        @Override
        public void serialize(Float value, JsonGenerator gen, SerializerProvider provider)
                throws IOException {
            gen.writeNumber(value.doubleValue());
        }
    }

    /** Writes {@code float[]} elements as float64. */
    private static final class FloatsAsDoubles extends StdSerializer<float[]> {
        private static final long serialVersionUID = 1L;

        FloatsAsDoubles() {
            super(float[].class);
        }

        @Override
        public void serialize(float[] value, JsonGenerator gen, SerializerProvider provider)
                throws IOException {
            gen.writeStartArray(value, value.length);
            for (float f : value) {
                gen.writeNumber((double) f);
            }
            gen.writeEndArray();
        }
    }
}
