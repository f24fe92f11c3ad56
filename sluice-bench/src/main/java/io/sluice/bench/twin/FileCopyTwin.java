package io.sluice.bench.twin;

import static io.sluice.bench.twin.Harness.MiB;
import static io.sluice.bench.twin.Harness.check;

import io.sluice.buffer.Buffer;
import io.sluice.fs.Fs;
import io.sluice.fs.ReadStream;
import io.sluice.fs.WriteStream;
import io.sluice.loop.EventLoop;
import io.sluice.stream.Streams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Twin of {@code shared/bench/node/file_copy.mjs}: {@code Fs.createReadStream} piped into
 * {@code Fs.createWriteStream}, default options (64 KiB reads, as Node), of a 2 GiB file (scale
 * 1) written from a 1 MiB random block and fsynced first, so it sits clean in the page cache.
 * One untimed warm-up copy, then {@code BENCH_RUNS} timed copies, each after deleting the
 * previous destination (not fsynced). Figures: {@code file_copy} (GB/s) and
 * {@code file_copy_peak_rss}, the highest process RSS sampled every 10 ms during a copy (MiB;
 * read from {@code /proc/self/status} by a sampler thread). {@code file_copy_sync_ref} (Node's
 * readSync/writeSync loop) has no twin: Sluice has no synchronous fs API.
 *
 * <p>The RSS figure depends on the heap the JVM is given: bench/compare runs this twin with a
 * small fixed heap (see BENCHMARKS.md), as a streaming job would be deployed.
 *
 * <p>Checks: the copy's size, and its first and last MiB against the source block.
 */
public final class FileCopyTwin {
    private FileCopyTwin() {}

    private static double rssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    /** Samples RSS every 10 ms on its own thread until {@link #finish}. */
    private static final class RssSampler extends Thread {
        private volatile boolean running = true;
        private volatile double peak = rssMiB();

        RssSampler() {
            super("rss-sampler");
            setDaemon(true);
        }

        @Override
        public void run() {
            while (running) {
                peak = Math.max(peak, rssMiB());
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        double finish() throws InterruptedException {
            running = false;
            join();
            return Math.max(peak, rssMiB());
        }
    }

    private static double copyStream(Path src, Path dst, long size, byte[] block) throws IOException {
        Files.deleteIfExists(dst);
        double[] elapsed = {Double.NaN};
        Throwable[] failure = {null};
        EventLoop.run(() -> {
            double t0 = Harness.seconds();
            ReadStream<Buffer> in = Fs.createReadStream(src);
            WriteStream out = Fs.createWriteStream(dst);
            Streams.pipeline(in, out).whenComplete((v, err) -> {
                elapsed[0] = Harness.seconds() - t0;
                failure[0] = err;
            });
        });
        if (failure[0] != null) {
            throw new IllegalStateException("copy failed", failure[0]);
        }
        check(!Double.isNaN(elapsed[0]), "the write stream never finished");
        check(Files.size(dst) == size, "short copy: " + Files.size(dst) + " of " + size);
        try (FileChannel ch = FileChannel.open(dst, StandardOpenOption.READ)) {
            for (long at : new long[] {0, size - MiB}) {
                ByteBuffer got = ByteBuffer.allocate(MiB);
                while (got.hasRemaining() && ch.read(got, at + got.position()) > 0) {
                    // keep reading until the MiB is complete
                }
                check(Arrays.equals(got.array(), block), "copied bytes differ at " + at);
            }
        }
        return elapsed[0];
    }

    public static void main(String[] args) throws Exception {
        long size = Math.max(1, Math.round(2048 * Harness.SCALE)) * (long) MiB;
        String tmp = System.getProperty("java.io.tmpdir");
        String env = System.getenv("TMPDIR");
        Path dir = Files.createTempDirectory(Path.of(env != null && !env.isEmpty() ? env : tmp), "bench-file-copy-");
        Path src = dir.resolve("src.bin");
        Path dst = dir.resolve("dst.bin");
        try {
            byte[] block = new byte[MiB];
            new SplittableRandom(3).nextBytes(block);
            try (FileChannel ch = FileChannel.open(src, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                for (long written = 0; written < size; written += MiB) {
                    ByteBuffer b = ByteBuffer.wrap(block);
                    while (b.hasRemaining()) {
                        ch.write(b);
                    }
                }
                ch.force(true);
            }
            double rssBefore = rssMiB();
            copyStream(src, dst, size, block); // warm-up, untimed
            double[] rates = new double[Harness.RUNS];
            double[] rss = new double[Harness.RUNS];
            for (int r = 0; r < Harness.RUNS; r++) {
                RssSampler sampler = new RssSampler();
                sampler.start();
                double elapsed = copyStream(src, dst, size, block);
                rss[r] = sampler.finish();
                rates[r] = size / elapsed / 1e9;
            }
            Harness.report("file_copy", rates, "GB/s");
            Harness.report("file_copy_peak_rss", rss, "MiB");
            Harness.note(String.format("file_copy: %d MiB file, RSS before copying %.1f MiB, max heap %d MiB",
                    size / MiB, rssBefore, Runtime.getRuntime().maxMemory() / MiB));
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
