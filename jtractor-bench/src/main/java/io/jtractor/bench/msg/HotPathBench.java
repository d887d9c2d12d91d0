package io.jtractor.bench.msg;

import io.jtractor.internal.msg.ContextIds;
import io.jtractor.internal.msg.Msg;
import io.jtractor.internal.msg.MsgCodec;
import io.jtractor.internal.msg.Payloads;
import io.jtractor.internal.msg.RawValue;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.core.buffer.ArrayBufferInput;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The pieces of one message's trip through the runtime that {@code jtractor bench} points at,
 * each beside a cheaper way to do the same, with the heap bytes each allocates: what fixing
 * each would save per message (see RESULTS.md).
 *
 * <p>Usage: {@code java -cp 'jtractor-bench/target/classes:jtractor-bench/target/lib/*'
 * io.jtractor.bench.msg.HotPathBench [regex]}; about a minute.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HotPathBench {

    private static final String CID = "0b8c3f5e-54d1-4a39-8f2e-2f0a4b6c9d11";
    private static final byte[] EIGHT_BYTES = new byte[8];
    private static final byte[] ONE_KIB = new byte[1024];
    private static final Point POINT = new Point(3, 4.5, "corner");

    /** A small record, for the payloads that still go through Jackson. */
    public record Point(int x, double y, String label) {
    }

    private final MsgCodec codec = new MsgCodec();
    private final MessageBufferPacker packer = MessagePack.newDefaultBufferPacker();
    private final OutputStream sink = OutputStream.nullOutputStream();
    private RawValue eightBytesPayload;
    private RawValue pointPayload;
    private RawValue oneKibPayload;
    private byte[] yieldBody;
    private byte[] eightBytesEncoded;
    private final ArrayBufferInput input = new ArrayBufferInput(new byte[0]);
    private final MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(input);

    @Setup
    public void setUp() {
        eightBytesPayload = Payloads.encode(EIGHT_BYTES);
        pointPayload = Payloads.encode(POINT);
        oneKibPayload = Payloads.encode(ONE_KIB);
        eightBytesEncoded = eightBytesPayload.bytes();
        yieldBody = codec.encode(new Msg.Yield(CID, eightBytesPayload));
    }

    // ---- context ids -----------------------------------------------------------------------

    /** How every dialog got its cid: a SecureRandom UUID, as text. */
    @Benchmark
    public String cidFromRandomUuid() {
        return UUID.randomUUID().toString();
    }

    /** How the runtime makes cids now: the same shape of id from ThreadLocalRandom. */
    @Benchmark
    public String cidFromContextIds() {
        return ContextIds.random();
    }

    // ---- payloads ----------------------------------------------------------------------------

    /** How a stream message is encoded: a plain value, written without Jackson. */
    @Benchmark
    public RawValue payloadEncode() {
        return Payloads.encode(EIGHT_BYTES);
    }

    /** The 1 KiB payload of the other stream workload. */
    @Benchmark
    public RawValue payloadEncode1KiB() {
        return Payloads.encode(ONE_KIB);
    }

    /** A record, which still goes through Jackson: a generator per call. */
    @Benchmark
    public RawValue recordEncode() {
        return Payloads.encode(POINT);
    }

    /** The same bytes written by msgpack-core into a reused buffer. */
    @Benchmark
    public byte[] payloadEncodeWithPacker() throws IOException {
        packer.clear();
        packer.packBinaryHeader(EIGHT_BYTES.length);
        packer.writePayload(EIGHT_BYTES);
        return packer.toByteArray();
    }

    /** How a received message is decoded into the type asked for, without Jackson. */
    @Benchmark
    public byte[] payloadDecode() {
        return Payloads.decode(eightBytesPayload, byte[].class);
    }

    /** The 1 KiB payload decoded as {@code byte[]}. */
    @Benchmark
    public byte[] payloadDecode1KiB() {
        return Payloads.decode(oneKibPayload, byte[].class);
    }

    /** The same payload received on a stream opened without a type. */
    @Benchmark
    public Object payloadDecodeAsObject() {
        return Payloads.decode(eightBytesPayload, Object.class);
    }

    /** A record, which still goes through Jackson: a parser per call. */
    @Benchmark
    public Point recordDecode() {
        return Payloads.decode(pointPayload, Point.class);
    }

    /** The same value read by msgpack-core with a reused unpacker. */
    @Benchmark
    public byte[] payloadDecodeWithUnpacker() throws IOException {
        input.reset(eightBytesEncoded);
        unpacker.reset(input);
        int length = unpacker.unpackBinaryHeader();
        return unpacker.readPayload(length);
    }

    /**
     * Encoding on a fresh virtual thread, as the child side of every RPC does: Jackson's and
     * msgpack's per-thread buffers are new each time. Compare with {@link #virtualThreadOnly}.
     */
    @Benchmark
    public Object payloadEncodeOnFreshVirtualThread() throws InterruptedException {
        var result = new Object[1];
        Thread.ofVirtual().start(() -> result[0] = Payloads.encode(2)).join();
        return result[0];
    }

    /** The same with a record, through Jackson with its buffers from a shared pool. */
    @Benchmark
    public Object recordEncodeOnFreshVirtualThread() throws InterruptedException {
        var result = new Object[1];
        Thread.ofVirtual().start(() -> result[0] = Payloads.encode(POINT)).join();
        return result[0];
    }

    /** Starting and joining a virtual thread that does nothing. */
    @Benchmark
    public Object virtualThreadOnly() throws InterruptedException {
        var result = new Object[1];
        Thread.ofVirtual().start(() -> result[0] = RawValue.NIL).join();
        return result[0];
    }

    // ---- the message codec -------------------------------------------------------------------

    /** A Yield frame encoded and written: what the transport does per message. */
    @Benchmark
    public int codecEncodeYield() throws IOException {
        return codec.encodeFrame(new Msg.Yield(CID, eightBytesPayload), sink);
    }

    /** A Yield body decoded: the cid is the String of the last Yield, the payload a copy. */
    @Benchmark
    public Msg codecDecodeYield() {
        return codec.decode(yieldBody, 0, yieldBody.length);
    }

    public static void main(String[] args) throws RunnerException {
        var filter = args.length > 0 ? args[0] : "";
        var options = new OptionsBuilder()
                .include("io\\.jtractor\\.bench\\.msg\\..*" + filter + ".*")
                .forks(1)
                .warmupIterations(2)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(3)
                .measurementTime(TimeValue.seconds(1))
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true)
                .build();
        var table = new TreeMap<String, String>();
        for (var run : new Runner(options).run()) {
            var name = run.getParams().getBenchmark();
            var alloc = run.getSecondaryResults().get("gc.alloc.rate.norm");
            table.put(name.substring(name.lastIndexOf('.') + 1), String.format(Locale.ROOT,
                    "| %.1f | %s |", run.getPrimaryResult().getScore(),
                    alloc == null ? "?" : String.format(Locale.ROOT, "%.0f", alloc.getScore())));
        }
        System.out.println();
        System.out.println("| benchmark | ns/op | heap bytes/op |");
        System.out.println("|---|---|---|");
        table.forEach((name, cells) -> System.out.println("| " + name + " " + cells));
    }
}
