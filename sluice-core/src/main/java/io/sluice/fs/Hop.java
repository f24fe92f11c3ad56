package io.sluice.fs;

import io.sluice.loop.EventLoop;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;

/**
 * Runs a stream's blocking file calls off the loop and delivers each result on the loop.
 *
 * <h2>Why a per-stream worker, and why not more batching</h2>
 * Each chunk needs one hop: the read stream reads one chunk of at most highWaterMark bytes per
 * call, only while less than the highWaterMark is buffered, with one call in flight (so it holds
 * at most the highWaterMark plus one chunk), and the write stream has one write in flight. With the default 64 KiB highWaterMark that is one hop
 * per 64 KiB whatever we do, so the cost of the hop itself is what matters. Measured on the 2-CPU
 * reference VM (1 GiB in page cache, 64 KiB chunks, three runs each; the machine was shared with
 * other builds, load 5-13, so read ranges rather than single figures):
 * <ul>
 *   <li>{@link EventLoop#offload} (a new virtual thread per call): an empty round trip costs
 *       17-36 µs; read stream alone 0.20-1.46 GB/s.</li>
 *   <li>{@link IoWorker}, one parked virtual thread per stream, unparked per call: read stream
 *       alone 1.2-2.2 GB/s, about twice offload's; write stream alone 0.6-1.2 GB/s, the same as
 *       offload; read → write copy 0.8-1.4 GB/s, against 1.5-2.6 GB/s for a plain 64 KiB
 *       FileChannel loop and 0.62-0.88 GB/s for Node 20's {@code file_copy} run at the same
 *       time. With a 1 MiB highWaterMark the copy reaches 1.9-2.2 GB/s (channel loop: 2.4-2.8).</li>
 *   <li>The worker spinning 20/60/150 µs for the next call before parking: reads no faster, and
 *       the copy slower (0.56 / 0.59 / 0.38 GB/s medians against 0.9 without spinning): on two
 *       CPUs the two spinning workers take the CPU the loop needs. Yielding instead of spinning
 *       is what {@link IoWorker} now does (20 µs; measurements there): the loop runs on the
 *       yielding worker's carrier, and a copy reaches 2.2-3.1 GB/s with less CPU.</li>
 * </ul>
 * With a platform loop thread a copy was bound by the write hop: two wake-ups (worker, then
 * loop) of ~30 µs each around every 64 KiB write; {@code EventLoop.run} now runs loops on
 * virtual threads, and the worker's yielding wait removes most of the rest. Reading inline on the loop would avoid them but blocks the loop on the disk
 * (a page-cache miss, a dirty-page throttle), so it is not done. A single worker shared by all
 * streams of a loop, draining a queue, served the read and the write of a copy with one wake-up:
 * 1.1-1.5 GB/s against 0.6-1.6 for per-stream workers in three interleaved rounds (medians 1.37 /
 * 1.0), with reads and writes alone unchanged; it was not kept, because it makes every file
 * stream of the loop wait behind the slowest file call (a cold read on a slow disk). Since
 * {@code EventLoop.run} puts the loop on a virtual thread, the handoffs cost far less and the
 * shared worker no longer pays: copy 1.55-1.75 GB/s shared against 1.74-1.87 per stream
 * (file_copy twin, scale 0.5, interleaved runs).
 *
 * <p>Diagnostics: {@code -Dsluice.fs.hop=offload} switches to {@link EventLoop#offload}, for
 * comparison.
 */
final class Hop {
    static final boolean OFFLOAD = "offload".equals(System.getProperty("sluice.fs.hop"));

    private final EventLoop loop;
    private final IoWorker worker;

    /** A hop for the stream on {@code pathText}, whose worker thread is named after the path's tail. */
    Hop(EventLoop loop, String pathText) {
        this.loop = loop;
        this.worker = OFFLOAD ? null : new IoWorker(loop, threadName(pathText));
    }

    private static String threadName(String pathText) {
        return "sluice-fs-" + (pathText.length() > 40 ? pathText.substring(pathText.length() - 40) : pathText);
    }

    /** Runs {@code work} off the loop; {@code onLoop} gets its result or exception on the loop. Loop thread. */
    <T> void run(Callable<T> work, BiConsumer<? super T, ? super Throwable> onLoop) {
        if (worker == null) {
            loop.offload(work, onLoop);
        } else {
            worker.submit(work, onLoop);
        }
    }

    /** After the last operation: lets the worker thread end. Loop thread. */
    void close() {
        if (worker != null) {
            worker.close();
        }
    }
}
