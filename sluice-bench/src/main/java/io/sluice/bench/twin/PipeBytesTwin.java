package io.sluice.bench.twin;

import static io.sluice.bench.twin.Harness.check;

import io.sluice.buffer.Buffer;
import io.sluice.loop.EventLoop;
import io.sluice.stream.Callback;
import io.sluice.stream.PassThrough;
import io.sluice.stream.Readable;
import io.sluice.stream.StreamOptions;
import io.sluice.stream.Streams;
import io.sluice.stream.Writable;

/**
 * Twin of {@code shared/bench/node/pipe_bytes.mjs}: an in-memory Readable → PassThrough →
 * PassThrough → discarding Writable, every highWaterMark set to Node 20's byte default (16 KiB;
 * Sluice's own default follows Node 22's 64 KiB). The source pushes one preallocated Buffer over
 * and over (no byte is touched), so the figure is the per-chunk cost of the stream machinery:
 * {@code pipe_bytes_64k} (GB/s) and {@code pipe_bytes_1k} (MB/s) over 1 Mi chunks at scale 1,
 * and {@code pipe_bytes_64k_alloc}, a fresh {@code Buffer.allocUnsafe(64 KiB)} per chunk over
 * 1/4 Mi chunks. As in the script every run is timed, the first included (no warm-up), and each
 * run builds its pipeline on a fresh event loop.
 *
 * <p>The stages are joined with {@code Streams.pipeline}, as the script does with
 * {@code stream/promises.pipeline}; the time runs until its future completes. Check: the sink
 * counts every byte; a short count or a stream error fails the twin.
 */
public final class PipeBytesTwin {
    /** Node 20's default highWaterMark for byte streams. */
    static final long NODE20_BYTES_HWM = 16 * 1024;

    private PipeBytesTwin() {}

    private static StreamOptions bytesOptions() {
        return StreamOptions.create().highWaterMark(NODE20_BYTES_HWM);
    }

    /** One pipeline run; returns the seconds from joining the stages to the sink's finish. */
    static double pipeOnce(int chunkSize, int chunks, boolean freshChunks) {
        long[] received = {0};
        double[] elapsed = {Double.NaN};
        Throwable[] failure = {null};
        EventLoop.run(() -> {
            Buffer chunk = Buffer.alloc(chunkSize, 0x61); // pushed again and again, unless fresh
            int[] left = {chunks};
            Readable<Buffer> source = new Readable<>(bytesOptions().doRead((Readable<Buffer> self, long size) -> {
                while (left[0] > 0) {
                    left[0]--;
                    Buffer c = freshChunks ? Buffer.allocUnsafe(chunkSize) : chunk;
                    if (!self.push(c)) {
                        return; // back-pressure: wait for the next read
                    }
                }
                self.push(null);
            }));
            Writable<Buffer> sink = new Writable<>(bytesOptions()
                    .doWrite((Writable<Buffer> self, Buffer c, String encoding, Callback callback) -> {
                        received[0] += c.length();
                        callback.done();
                    }));
            double t0 = Harness.seconds();
            Streams.pipeline(source, new PassThrough<Buffer>(bytesOptions()), new PassThrough<Buffer>(bytesOptions()), sink)
                    .whenComplete((v, err) -> {
                        elapsed[0] = Harness.seconds() - t0;
                        failure[0] = err;
                    });
        });
        if (failure[0] != null) {
            throw new IllegalStateException("pipeline failed", failure[0]);
        }
        check(!Double.isNaN(elapsed[0]), "the sink never finished");
        check(received[0] == (long) chunkSize * chunks, "lost bytes: " + received[0]);
        return elapsed[0];
    }

    public static void main(String[] args) {
        int chunks = (int) Math.max(1024, 4 * Math.round(256 * 1024 * Harness.SCALE)); // multiple of 4
        Object[][] variants = {
            {"pipe_bytes_64k", 64 * 1024, chunks, false, "GB/s", 1e9},
            {"pipe_bytes_1k", 1024, chunks, false, "MB/s", 1e6},
            {"pipe_bytes_64k_alloc", 64 * 1024, chunks / 4, true, "GB/s", 1e9},
        };
        for (Object[] v : variants) {
            int chunkSize = (Integer) v[1];
            int count = (Integer) v[2];
            double[] rates = new double[Harness.RUNS];
            for (int r = 0; r < Harness.RUNS; r++) {
                double elapsed = pipeOnce(chunkSize, count, (Boolean) v[3]);
                rates[r] = (double) chunkSize * count / elapsed / (Double) v[5];
            }
            Harness.report((String) v[0], rates, (String) v[4]);
        }
    }
}
