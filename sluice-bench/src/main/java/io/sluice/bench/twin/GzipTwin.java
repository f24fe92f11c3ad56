package io.sluice.bench.twin;

import static io.sluice.bench.twin.Harness.MiB;
import static io.sluice.bench.twin.Harness.check;

import io.sluice.buffer.Buffer;
import io.sluice.loop.EventLoop;
import io.sluice.stream.Callback;
import io.sluice.stream.Readable;
import io.sluice.stream.StreamOptions;
import io.sluice.stream.Streams;
import io.sluice.stream.Writable;
import io.sluice.zlib.Zlib;
import io.sluice.zlib.ZlibOptions;
import io.sluice.zlib.ZlibStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Twin of {@code shared/bench/node/gzip.mjs}: 512 MiB (scale 1) of log lines streamed in 64 KiB
 * slices of a repeated 16 MiB block (the script's generator, byte for byte) through
 * {@code Zlib.createGzip()} (level 6) into a collecting Writable, then the compressed chunks back
 * through {@code Zlib.createGunzip()} into a counting Writable. Every highWaterMark is Node 20's
 * default (16 KiB), set explicitly. Figures per uncompressed byte: {@code gzip}, {@code gunzip}
 * (MB/s), and the one-shot references {@code gzip_sync_ref}/{@code gunzip_sync_ref}
 * ({@code Zlib.gzipSync}/{@code gunzipSync} of 64 MiB). Every run timed, no warm-up, as the script.
 *
 * <p>Checks: gunzip's byte count on every run; after the timed runs one more untimed gunzip
 * compares every output byte with the source; the sync round trip's length and bytes.
 */
public final class GzipTwin {
    private static final int SLICE = 64 * 1024;
    private static final long HWM = 16 * 1024;

    private GzipTwin() {}

    private static StreamOptions bytes() {
        return StreamOptions.create().highWaterMark(HWM);
    }

    private static Readable<Buffer> textSource(Buffer block, long total) {
        long[] sent = {0};
        return new Readable<>(bytes().doRead((Readable<Buffer> self, long size) -> {
            while (sent[0] < total) {
                int off = (int) (sent[0] % block.length());
                int len = (int) Math.min(SLICE, Math.min(block.length() - off, total - sent[0]));
                sent[0] += len;
                if (!self.push(block.subarray(off, off + len))) {
                    return;
                }
            }
            self.push(null);
        }));
    }

    private static Readable<Buffer> listSource(List<Buffer> list) {
        int[] i = {0};
        return new Readable<>(bytes().doRead((Readable<Buffer> self, long size) -> {
            while (i[0] < list.size()) {
                if (!self.push(list.get(i[0]++))) {
                    return;
                }
            }
            self.push(null);
        }));
    }

    private static void rethrow(Throwable[] failure, double[] elapsed) {
        if (failure[0] != null) {
            throw new IllegalStateException("pipeline failed", failure[0]);
        }
        check(!Double.isNaN(elapsed[0]), "the sink never finished");
    }

    public static void main(String[] args) {
        long total = Math.max(1, Math.round(512 * Harness.SCALE)) * (long) MiB;
        int blockSize = (int) Math.min(16L * MiB, total);
        Buffer block = Buffer.wrap(Harness.makeLogBlock(blockSize));

        List<Buffer> compressed = new ArrayList<>();
        double[] gzipRates = new double[Harness.RUNS];
        for (int r = 0; r < Harness.RUNS; r++) {
            List<Buffer> out = new ArrayList<>();
            double[] elapsed = {Double.NaN};
            Throwable[] failure = {null};
            EventLoop.run(() -> {
                Writable<Buffer> collect = new Writable<>(bytes()
                        .doWrite((Writable<Buffer> self, Buffer chunk, String enc, Callback cb) -> {
                            out.add(chunk);
                            cb.done();
                        }));
                double t0 = Harness.seconds();
                Readable<Buffer> source = textSource(block, total);
                ZlibStream gzip = Zlib.createGzip(ZlibOptions.create().highWaterMark(HWM));
                Streams.pipeline(source, gzip, collect).whenComplete((v, err) -> {
                    elapsed[0] = Harness.seconds() - t0;
                    failure[0] = err;
                });
            });
            rethrow(failure, elapsed);
            gzipRates[r] = total / elapsed[0] / 1e6;
            compressed = out;
        }

        double[] gunzipRates = new double[Harness.RUNS];
        List<Buffer> gz = compressed;
        for (int r = 0; r <= Harness.RUNS; r++) {
            boolean verify = r == Harness.RUNS; // one extra, untimed pass compares every byte
            long[] count = {0};
            boolean[] same = {true};
            double[] elapsed = {Double.NaN};
            Throwable[] failure = {null};
            EventLoop.run(() -> {
                Writable<Buffer> sink = new Writable<>(bytes()
                        .doWrite((Writable<Buffer> self, Buffer chunk, String enc, Callback cb) -> {
                            if (verify) {
                                for (int i = 0; i < chunk.length(); i++) {
                                    if (chunk.get(i) != block.get((int) ((count[0] + i) % block.length()))) {
                                        same[0] = false;
                                        break;
                                    }
                                }
                            }
                            count[0] += chunk.length();
                            cb.done();
                        }));
                double t0 = Harness.seconds();
                ZlibStream gunzip = Zlib.createGunzip(ZlibOptions.create().highWaterMark(HWM));
                Streams.pipeline(listSource(gz), gunzip, sink).whenComplete((v, err) -> {
                    elapsed[0] = Harness.seconds() - t0;
                    failure[0] = err;
                });
            });
            rethrow(failure, elapsed);
            check(count[0] == total, "gunzip gave " + count[0] + " bytes");
            check(same[0], "gunzip output differs from the input");
            if (!verify) {
                gunzipRates[r] = total / elapsed[0] / 1e6;
            }
        }

        int copies = (int) Math.max(1, Math.min(64L * MiB, total) / blockSize);
        List<Buffer> blocks = new ArrayList<>();
        for (int i = 0; i < copies; i++) {
            blocks.add(block);
        }
        Buffer whole = Buffer.concat(blocks);
        double[] gzipSync = new double[Harness.RUNS];
        double[] gunzipSync = new double[Harness.RUNS];
        for (int r = 0; r < Harness.RUNS; r++) {
            double t0 = Harness.seconds();
            Buffer packed = Zlib.gzipSync(whole);
            gzipSync[r] = whole.length() / (Harness.seconds() - t0) / 1e6;
            t0 = Harness.seconds();
            Buffer back = Zlib.gunzipSync(packed);
            gunzipSync[r] = whole.length() / (Harness.seconds() - t0) / 1e6;
            check(back.length() == whole.length(), "gunzipSync size " + back.length());
            check(r > 0 || back.equals(whole), "gunzipSync bytes differ");
        }

        Harness.report("gzip", gzipRates, "MB/s");
        Harness.report("gunzip", gunzipRates, "MB/s");
        Harness.report("gzip_sync_ref", gzipSync, "MB/s");
        Harness.report("gunzip_sync_ref", gunzipSync, "MB/s");
        long gzBytes = compressed.stream().mapToLong(Buffer::length).sum();
        String firstLine = block.toString("latin1", 0, 200).split("\n")[0];
        Harness.note("gzip: " + total / MiB + " MiB -> " + Harness.toFixed(gzBytes / (double) MiB, 1)
                + " MiB (ratio " + Harness.toFixed(total / (double) gzBytes, 2) + "); first line: " + firstLine);
    }
}
