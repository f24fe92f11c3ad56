package io.sluice.bench.jmh;

import io.sluice.buffer.Buffer;
import io.sluice.loop.EventLoop;
import io.sluice.stream.PassThrough;
import io.sluice.stream.StreamOptions;
import io.sluice.stream.Transform;
import io.sluice.stream.TransformCallback;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-chunk cost of one stream stage, the unit pipe_bytes and object_mode multiply: a Buffer
 * written through one {@link PassThrough} (16 KiB highWaterMark, Node 20's default) to a
 * {@code 'data'} listener, and a record through one objectMode {@link Transform} (map). Each
 * invocation runs a fresh event loop that writes {@value #CHUNKS} chunks honouring
 * back-pressure ({@code write} false → wait for {@code 'drain'}) and then ends the stream; the
 * score is per chunk (ns/op), loop start-up amortised over the batch.
 *
 * <p>Node's equivalents: pipe_bytes runs about 150 ns per chunk across three hops (BASELINE.md),
 * so ~50 ns per hop is par; object_mode ~190 ns per object across four hops.
 *
 * <p>Run: {@code java -cp 'classes:lib/*' org.openjdk.jmh.Main StreamBench}; add
 * {@code -prof gc} for allocation per chunk.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class StreamBench {
    static final int CHUNKS = 10_000;

    record Item(int id, String name) {}

    record Measured(int id, String name, int len) {}

    private final Buffer chunk = Buffer.alloc(1024, 0x61);

    /** Writes CHUNKS items into {@code stage}, pausing on back-pressure, then ends it. */
    private static final class Pump {
        private final Transform<Object, Object> stage;
        private final Object item;
        private int left = CHUNKS;

        @SuppressWarnings("unchecked")
        Pump(Transform<?, ?> stage, Object item) {
            this.stage = (Transform<Object, Object>) stage;
            this.item = item;
            stage.onDrain(this::run);
        }

        void run() {
            while (left > 0) {
                left--;
                if (!stage.write(item)) {
                    return; // resumed by 'drain'
                }
            }
            stage.end();
        }
    }

    /** One 1 KiB Buffer through one PassThrough to a 'data' listener. */
    @Benchmark
    @OperationsPerInvocation(CHUNKS)
    public long chunkThroughPassThrough() {
        long[] bytes = {0};
        EventLoop.run(() -> {
            PassThrough<Buffer> pt = new PassThrough<>(StreamOptions.create().highWaterMark(16 * 1024));
            pt.onData(b -> bytes[0] += b.length());
            new Pump(pt, chunk).run();
        });
        if (bytes[0] != (long) CHUNKS * chunk.length()) {
            throw new IllegalStateException("lost bytes: " + bytes[0]);
        }
        return bytes[0];
    }

    /** One record through one objectMode map Transform (highWaterMark 16) to a 'data' listener. */
    @Benchmark
    @OperationsPerInvocation(CHUNKS)
    public long objectThroughTransform() {
        long[] count = {0};
        EventLoop.run(() -> {
            Transform<Item, Measured> map = new Transform<>(StreamOptions.create().objectMode(true).highWaterMark(16)
                    .doTransform((Transform<Item, Measured> self, Item o, String enc, TransformCallback<Measured> cb) ->
                            cb.done(null, new Measured(o.id(), o.name(), o.name().length()))));
            map.onData(m -> count[0] += 1);
            new Pump(map, new Item(7, "user-7")).run();
        });
        if (count[0] != CHUNKS) {
            throw new IllegalStateException("lost objects: " + count[0]);
        }
        return count[0];
    }
}
