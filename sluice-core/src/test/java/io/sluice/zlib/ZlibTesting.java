package io.sluice.zlib;

import io.sluice.buffer.Buffer;
import io.sluice.loop.EventLoop;
import io.sluice.testing.TestData;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/** Shared helpers: seeded inputs and pumping bytes through a stream on a fresh loop. */
final class ZlibTesting {
    private ZlibTesting() {}

    /** What came out of a stream: its bytes, its events in order, and its error if any. */
    record Result(byte[] bytes, List<String> events, Throwable error, boolean codecEnded, long bytesWritten) {}

    /**
     * What a zlib stream delivered, recorded by listeners added at creation: its output, its
     * 'error'/'end'/'finish'/'close' events in order, the error, and bytesWritten at 'close'.
     * Loop thread; read the fields once the loop has finished.
     */
    static final class Recorder {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final List<String> events = new ArrayList<>();
        Throwable error;
        long written;

        Recorder(ZlibStream s) {
            s.onData(b -> out.writeBytes(b.toByteArray()));
            s.onError(e -> {
                events.add("error");
                error = e;
            });
            s.onEnd(() -> events.add("end"));
            s.onFinish(() -> events.add("finish"));
            s.onClose(() -> {
                events.add("close");
                written = s.bytesWritten();
            });
        }
    }

    /** Writes {@code input} in {@code chunk}-byte writes (0 = one write), then ends; runs the loop until idle. */
    static Result pump(Supplier<ZlibStream> make, byte[] input, int chunk) {
        ZlibStream[] holder = new ZlibStream[1];
        Recorder[] rec = new Recorder[1];
        EventLoop.run(() -> {
            ZlibStream s = make.get();
            holder[0] = s;
            rec[0] = new Recorder(s);
            int step = chunk <= 0 ? Math.max(1, input.length) : chunk;
            for (int off = 0; off < input.length; off += step) {
                s.write(Buffer.wrap(input, off, Math.min(step, input.length - off)));
            }
            s.end();
        });
        Recorder r = rec[0];
        return new Result(r.out.toByteArray(), r.events, r.error, holder[0].codecEnded(), r.written);
    }

    static byte[] random(long seed, int n) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static byte[] text(long seed, int n) {
        return TestData.text(seed, n);
    }

    /** The named inputs of the differential tests. */
    static List<Object[]> inputs() {
        byte[] mixed = new byte[1 << 20];
        byte[] t = text(7, mixed.length / 2);
        System.arraycopy(t, 0, mixed, 0, t.length);
        System.arraycopy(random(8, mixed.length - t.length), 0, mixed, t.length, mixed.length - t.length);
        return List.of(
                new Object[] {"empty", new byte[0]},
                new Object[] {"one byte", new byte[] {42}},
                new Object[] {"text 100k", text(1, 100_000)},
                new Object[] {"random 50k", random(2, 50_000)},
                new Object[] {"mixed 1MiB", mixed});
    }
}
