package io.jtractor.internal.msg;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import io.jtractor.internal.msg.PayloadReader.Target;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import org.msgpack.jackson.dataformat.MessagePackFactory;
import org.msgpack.jackson.dataformat.MessagePackMapper;
import org.msgpack.jackson.dataformat.MessagePackParser;

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

    /** Marks a token sequence without a plain value tree. */
    private static final Object NOT_PLAIN = new Object();

    private Payloads() {
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
        if (plain == null) {
            plain = encodeThroughTokens(value);
        }
        return plain != null ? RawValue.wrap(plain) : encodeWithGenerator(value);
    }

    /**
     * Serialises {@code value} with Jackson into a token buffer rather than into msgpack's
     * generator (which allocates an 8 KiB buffer and a buffer recycler on every new thread),
     * turns the tokens into a plain value tree and writes that; returns null when a token has
     * no plain counterpart (a {@code float}, a big number, an embedded object, a raw value) or
     * serialisation fails, for {@link #encodeWithGenerator} to encode or report.
     *
     * <p>The generator turns the same calls into the same bytes: Jackson's serialisers write
     * the same calls to both, but for {@code UUID}s (text in a token buffer, and text in the
     * generator too, which does not write binary natively) and native type and object ids
     * (off in this buffer, as the generator has none).
     */
    static byte[] encodeThroughTokens(Object value) {
        try (var tokens = new TokenBuffer(Jackson.MAPPER, false)) {
            Jackson.MAPPER.writeValue(tokens, value);
            try (var parser = tokens.asParser()) {
                parser.nextToken();
                Object tree = readTokens(parser, 0);
                return tree == NOT_PLAIN ? null : PayloadWriter.tryEncode(tree);
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Reads the value at the parser's current token as a plain tree, or {@link #NOT_PLAIN}. */
    private static Object readTokens(JsonParser parser, int depth) throws IOException {
        if (depth > PayloadWriter.MAX_DEPTH) {
            return NOT_PLAIN;
        }
        return switch (parser.currentToken()) {
            case START_OBJECT -> readObjectTokens(parser, depth);
            case START_ARRAY -> {
                var list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    Object item = readTokens(parser, depth + 1);
                    if (item == NOT_PLAIN) {
                        yield NOT_PLAIN;
                    }
                    list.add(item);
                }
                yield list;
            }
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> parser.getIntValue();
                case LONG -> parser.getLongValue();
                default -> NOT_PLAIN;
            };
            case VALUE_NUMBER_FLOAT -> parser.getNumberType() == JsonParser.NumberType.DOUBLE
                    && parser.getNumberValue() instanceof Double d ? d : NOT_PLAIN;
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            case VALUE_EMBEDDED_OBJECT -> parser.getEmbeddedObject() instanceof byte[] b
                    ? b : NOT_PLAIN;
            default -> NOT_PLAIN;
        };
    }

    private static Object readObjectTokens(JsonParser parser, int depth) throws IOException {
        var map = new LinkedHashMap<String, Object>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            Object item = readTokens(parser, depth + 1);
            if (item == NOT_PLAIN || map.containsKey(name)) {
                return NOT_PLAIN;
            }
            map.put(name, item);
        }
        return map;
    }

    /** Encodes {@code value} with Jackson's msgpack generator, the reference for all paths. */
    static RawValue encodeWithGenerator(Object value) {
        if (value == null) {
            return RawValue.NIL;
        }
        try {
            return RawValue.wrap(Jackson.MAPPER.writeValueAsBytes(value));
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
        return decodeWithJackson(raw, type);
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

    /**
     * Decodes with Jackson only, as every type the plain reader does not handle is decoded. An
     * integer outside the range of an {@code int} or {@code long} target is refused, not
     * narrowed (see {@link RangeCheckedParser}).
     */
    static <T> T decodeWithJackson(RawValue raw, Type type) {
        try {
            var mapper = Jackson.MAPPER;
            return mapper.readValue(raw.array(), mapper.getTypeFactory().constructType(type));
        } catch (IOException e) {
            throw mismatch(raw, type, e);
        } catch (IntegerOutOfRange e) {
            throw mismatch(raw, type, e.getCause());
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

    /**
     * Jackson's mapper, built on first use: plain values never need it, and building it loads
     * about 460 classes, which a child would otherwise load while it boots.
     */
    private static final class Jackson {

        /** Jackson buffer recyclers kept for reuse by any thread. */
        private static final int RECYCLER_POOL_SIZE = 16;

        static final ObjectMapper MAPPER = MessagePackMapper.builder(jacksonFactory())
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

        /**
         * A msgpack factory whose parsers and token buffers take Jackson's buffer recyclers
         * from a pool shared by all threads rather than from a thread-local: every call runs
         * on a fresh virtual thread, whose thread-locals are always empty.
         */
        private static MessagePackFactory jacksonFactory() {
            var factory = new RangeCheckedFactory();
            factory.setRecyclerPool(JsonRecyclerPools.newBoundedPool(RECYCLER_POOL_SIZE));
            return factory;
        }
    }

    /** A msgpack factory whose parsers are {@link RangeCheckedParser}s. */
    private static final class RangeCheckedFactory extends MessagePackFactory {
        private static final long serialVersionUID = 1L;

        @Override
        protected JsonParser _createParser(byte[] data, int offset, int length, IOContext context)
                throws IOException {
            byte[] bytes = offset == 0 && length == data.length
                    ? data : Arrays.copyOfRange(data, offset, offset + length);
            return new RangeCheckedParser(context, _parserFeatures, _objectCodec, bytes);
        }
    }

    /**
     * A msgpack parser that refuses an integer outside the range of the type asked for:
     * msgpack-jackson narrows it silently ({@code 2^40} read as an {@code int} gives 0, a uint64
     * above {@code Long.MAX_VALUE} read as a {@code long} turns negative), where Jackson's own
     * parsers raise an input coercion error. Its accessors cannot throw that checked error, so
     * they throw it wrapped in {@link IntegerOutOfRange}; the mapper adds the property path when
     * the number sits inside a bean, a collection or an array.
     */
    private static final class RangeCheckedParser extends MessagePackParser {

        RangeCheckedParser(IOContext context, int features, ObjectCodec codec, byte[] bytes)
                throws IOException {
            super(context, features, codec, bytes, true);
        }

        @Override
        public int getIntValue() {
            if (currentToken() == JsonToken.VALUE_NUMBER_INT && getNumberType() != NumberType.INT) {
                long value = getLongValue();
                if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                    throw outOfRange(int.class);
                }
            }
            return super.getIntValue();
        }

        @Override
        public long getLongValue() {
            if (currentToken() == JsonToken.VALUE_NUMBER_INT
                    && getNumberType() == NumberType.BIG_INTEGER
                    && getBigIntegerValue().bitLength() > Long.SIZE - 1) {
                throw outOfRange(long.class);
            }
            return super.getLongValue();
        }

        private IntegerOutOfRange outOfRange(Class<?> target) {
            return new IntegerOutOfRange(new InputCoercionException(this, "integer "
                    + getBigIntegerValue() + " is out of the range of " + target.getName(),
                    JsonToken.VALUE_NUMBER_INT, target));
        }
    }

    /** An integer too large for its target, from {@link RangeCheckedParser}. */
    private static final class IntegerOutOfRange extends UncheckedIOException {
        private static final long serialVersionUID = 1L;

        IntegerOutOfRange(InputCoercionException cause) {
            super(cause.getOriginalMessage(), cause);
        }
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
