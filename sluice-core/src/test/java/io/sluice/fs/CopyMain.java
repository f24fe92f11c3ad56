package io.sluice.fs;

import io.sluice.buffer.Buffer;
import io.sluice.event.EventEmitter;
import io.sluice.loop.EventLoop;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file copy run in its own JVM by {@link BoundedMemoryCopyTest} (and by hand, for throughput):
 * {@code CopyMain <src> <dst> [stream|atomic|channel] [hwm] [flags]}. Prints one line,
 * {@code bytes=<n> millis=<ms> gbps=<GB/s> peakHeapMiB=<MiB> maxHeapMiB=<MiB>} (the peak is
 * sampled every 5 ms: used heap, garbage included), and exits 0, or prints the error and
 * exits 1. {@code channel} is the baseline: a plain 64 KiB FileChannel read/write loop.
 */
public final class CopyMain {
    private CopyMain() {}

    public static void main(String[] args) throws Exception {
        Path src = Path.of(args[0]);
        Path dst = Path.of(args[1]);
        String mode = args.length > 2 ? args[2] : "stream";
        long hwm = args.length > 3 ? Long.parseLong(args[3]) : 64 << 10;
        // "r+" overwrites an existing file in place: no page allocation, so the copy itself is measured.
        String flags = args.length > 4 ? args[4] : "w";
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
        if (mode.equals("channel")) {
            channelCopy(src, dst, (int) hwm, flags.equals("r+"));
        } else {
            EventLoop.run(() -> {
                ReadStream<Buffer> in = Fs.createReadStream(src, ReadStreamOptions.create().highWaterMark(hwm));
                WriteStream out = Fs.createWriteStream(dst,
                        WriteStreamOptions.create().highWaterMark(hwm).flags(flags).atomic(mode.equals("atomic")));
                // pipeline's contract by hand: any failure destroys both ends.
                in.on(EventEmitter.ERROR, e -> {
                    failure[0] = e;
                    out.destroy(e);
                });
                out.on(EventEmitter.ERROR, e -> {
                    failure[0] = e;
                    in.destroy();
                });
                in.pipe(out);
            });
        }
        long nanos = System.nanoTime() - t0;
        if (failure[0] != null) {
            System.out.println("error=" + failure[0]);
            System.exit(1);
        }
        long bytes = Files.size(dst);
        sampler.interrupt();
        System.out.printf("bytes=%d millis=%d gbps=%.3f peakHeapMiB=%.1f maxHeapMiB=%.1f%n", bytes, nanos / 1_000_000,
                bytes / (double) nanos, peak[0] / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0);
    }

    private static void channelCopy(Path src, Path dst, int size, boolean inPlace) throws IOException {
        try (FileChannel in = FileChannel.open(src, StandardOpenOption.READ);
                FileChannel out = inPlace ? FileChannel.open(dst, StandardOpenOption.WRITE)
                        : FileChannel.open(dst, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.allocateDirect(size);
            while (in.read(buf.clear()) > 0) {
                buf.flip();
                while (buf.hasRemaining()) {
                    out.write(buf);
                }
            }
        }
    }
}
