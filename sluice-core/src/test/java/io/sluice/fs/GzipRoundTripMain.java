package io.sluice.fs;

import io.sluice.buffer.Buffer;
import io.sluice.loop.EventLoop;
import io.sluice.stream.Streams;
import io.sluice.zlib.Zlib;
import io.sluice.zlib.ZlibOptions;
import io.sluice.zlib.ZlibStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;

/**
 * A file pushed through compression and back in its own JVM, for {@link BoundedMemoryGzipTest}
 * (and by hand, for throughput): {@code GzipRoundTripMain <src> <dst> [level]} runs one
 * {@code Streams.pipeline(readStream, gzip, gunzip, writeStream)} and prints one line,
 * {@code bytes=<n> compressed=<n> millis=<ms> mbps=<MB/s> peakHeapMiB=<MiB> maxHeapMiB=<MiB>}
 * ({@code compressed} is what the gunzip consumed, i.e. the gzip's output; the peak is sampled
 * every 5 ms: used heap, garbage included), and exits 0, or prints {@code error=<error>} and
 * exits 1. {@code GzipRoundTripMain --generate <file> <mib>} writes the test input instead.
 */
public final class GzipRoundTripMain {
    private static final int MIB = 1 << 20;

    private GzipRoundTripMain() {}

    /**
     * Runs the round trip (or {@code --generate}) described in the class comment; exits 1 with
     * {@code error=<error>} if the pipeline fails.
     */
    public static void main(String[] args) throws Exception {
        if (args[0].equals("--generate")) {
            writeSource(Path.of(args[1]), Long.parseLong(args[2]));
            return;
        }
        Path src = Path.of(args[0]);
        Path dst = Path.of(args[1]);
        int level = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        // java.management is not readable from the module under test: sample the heap instead.
        long[] peak = {0};
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            Runtime rt = Runtime.getRuntime();
            while (true) {
                peak[0] = Math.max(peak[0], rt.totalMemory() - rt.freeMemory());
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        long t0 = System.nanoTime();
        Throwable[] failure = {null};
        long[] compressed = {-1};
        EventLoop.run(() -> {
            ReadStream<Buffer> in = Fs.createReadStream(src);
            ZlibStream gzip = Zlib.createGzip(ZlibOptions.create().level(level));
            ZlibStream gunzip = Zlib.createGunzip();
            WriteStream out = Fs.createWriteStream(dst);
            Streams.pipeline(in, gzip, gunzip, out).whenComplete((v, e) -> {
                failure[0] = e;
                compressed[0] = gunzip.bytesWritten();
            });
        });
        long nanos = System.nanoTime() - t0;
        sampler.interrupt();
        if (failure[0] != null) {
            System.out.println("error=" + failure[0]);
            System.exit(1);
        }
        long bytes = Files.size(dst);
        System.out.printf("bytes=%d compressed=%d millis=%d mbps=%.1f peakHeapMiB=%.1f maxHeapMiB=%.1f%n", bytes,
                compressed[0], nanos / 1_000_000, bytes * 1000.0 / nanos, peak[0] / 1048576.0,
                Runtime.getRuntime().maxMemory() / 1048576.0);
    }

    /**
     * {@code mib} copies of one 1 MiB block of seeded pseudo-random words and numbers, each copy
     * stamped with its index (so a lost, doubled or reordered block changes the digest). The text
     * compresses to about a third at level 1 — real work for deflate, unlike zeros — and the
     * repeats are 1 MiB apart, far beyond deflate's 32 KiB window, so they do not make it easier.
     * Written with a FileChannel from one direct buffer: about 1 s per GiB into the page cache.
     */
    static void writeSource(Path file, long mib) throws IOException {
        ByteBuffer block = ByteBuffer.allocateDirect(MIB).put(textBlock(MIB, 20260101L)).flip();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (long i = 0; i < mib; i++) {
                block.put(0, String.format("%015x\n", i).getBytes(StandardCharsets.US_ASCII));
                block.clear();
                while (block.hasRemaining()) {
                    ch.write(block);
                }
            }
        }
    }

    private static byte[] textBlock(int size, long seed) {
        String[] words = {"stream", "buffer", "pipeline", "gzip", "inflate", "deflate", "chunk", "loop", "event",
                "drain", "finish", "close", "error", "backpressure", "highWaterMark", "readable", "writable",
                "the", "a", "of", "to", "and", "file", "descriptor", "sluice", "node", "java", "virtual", "thread"};
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder(size + 64);
        while (sb.length() < size) {
            int k = r.nextInt(10);
            if (k < 7) {
                sb.append(words[r.nextInt(words.length)]);
            } else if (k < 9) {
                sb.append(r.nextInt(1_000_000));
            } else {
                sb.append(Long.toHexString(r.nextLong()));
            }
            sb.append(r.nextInt(12) == 0 ? '\n' : ' ');
        }
        return sb.substring(0, size).getBytes(StandardCharsets.US_ASCII);
    }
}
