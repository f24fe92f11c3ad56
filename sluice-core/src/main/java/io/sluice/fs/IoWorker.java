package io.sluice.fs;

import io.sluice.loop.EventLoop;
import io.sluice.loop.KeepAlive;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

/**
 * A stream's own virtual thread for its blocking file calls, parked between calls (after a short
 * yielding wait, see {@link #YIELD_NANOS}), so that a chunk costs at most an unpark rather than
 * the creation, start and teardown of a thread. Completions are
 * posted back with {@link EventLoop#execute}, which costs nothing extra while the loop is awake.
 *
 * <p>The thread ends when the stream closes it; a stream that is never closed (autoClose off and
 * never destroyed) keeps one parked virtual thread, as it keeps its file descriptor.
 *
 * <p>One job at a time (the streams never have two operations in flight); {@link #submit} and
 * {@link #close} are called on the loop, the jobs run on the worker.
 */
final class IoWorker {
    /**
     * How long the worker keeps looking for the next job, yielding its carrier between looks,
     * before it parks: 20 µs ({@code -Dsluice.fs.yieldMicros=N} changes it, 0 parks at once).
     *
     * <p>Why: the loop usually asks for the next call a few µs after taking a result (a read
     * stream refills its buffer, a pipe writes the chunk it just got), and a parked worker must
     * then be unparked, which makes the virtual-thread scheduler wake an idle carrier on the
     * other CPU; in a copy that churn took ~16 % of the CPU (pthread_cond_signal, ForkJoinPool
     * deactivate) and sat on every chunk's critical path. {@code Thread.yield()} lets the loop's
     * continuation run on this carrier meanwhile, so nothing is busy-waited away. Measured with the
     * file_copy twin (2 CPUs, scale 0.5, runs interleaved): 1.46-1.76 GB/s parking at once,
     * 2.15-3.08 with 20 µs, and less CPU in total (user+sys 4.9-5.3 s against 4.4 s); 10, 30 and
     * 50 µs gave the same, 100 µs (with the loop also yielding) less. With the loop on a platform
     * thread: 1.31-1.38 against 1.50-1.87 GB/s. A busy spin ({@code onSpinWait}) of the same
     * length had made copies slower (Hop), because it holds the CPU the loop needs. An idle
     * stream pays at most this much CPU after each call.
     */
    static final long YIELD_NANOS = Long.getLong("sluice.fs.yieldMicros", 20) * 1000;

    /** Worker threads running right now, JVM-wide: tests check that closed streams end theirs. */
    static final java.util.concurrent.atomic.AtomicInteger LIVE = new java.util.concurrent.atomic.AtomicInteger();

    private record Job(Callable<?> work, BiConsumer<Object, Throwable> onLoop, KeepAlive alive) {}

    private final EventLoop loop;
    private final String name;
    private volatile Job next;
    private volatile boolean closed;
    private Thread thread;

    IoWorker(EventLoop loop, String name) {
        this.loop = loop;
        this.name = name;
    }

    @SuppressWarnings("unchecked")
    <T> void submit(Callable<T> work, BiConsumer<? super T, ? super Throwable> onLoop) {
        // The keep-alive is taken on the loop before the job is visible, so the loop cannot exit
        // while the job runs; the worker closes it after posting the result.
        next = new Job(work, (BiConsumer<Object, Throwable>) onLoop, loop.keepAlive());
        if (thread == null) {
            LIVE.incrementAndGet();
            thread = Thread.ofVirtual().name(name).start(() -> {
                try {
                    run();
                } finally {
                    LIVE.decrementAndGet();
                }
            });
        } else {
            LockSupport.unpark(thread);
        }
    }

    /** Lets the thread end once it is idle. Loop thread; idempotent. */
    void close() {
        closed = true;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    private void run() {
        while (true) {
            Job job = awaitJob();
            if (job == null) {
                return;
            }
            Object result = null;
            Throwable error = null;
            try {
                result = job.work().call();
            } catch (Throwable t) {
                error = t;
            }
            Object r = result;
            Throwable e = error;
            try {
                loop.execute(() -> job.onLoop().accept(r, e));
            } catch (RejectedExecutionException stopped) {
                // The loop died of an uncaught exception; like Node at exit, drop the result.
            } finally {
                job.alive().close();
            }
        }
    }

    private Job awaitJob() {
        long yieldUntil = System.nanoTime() + YIELD_NANOS;
        while (true) {
            Job job = next;
            if (job != null) {
                next = null;
                return job;
            }
            if (closed) {
                return null;
            }
            if (System.nanoTime() < yieldUntil) {
                Thread.yield();
            } else {
                LockSupport.park(this);
            }
        }
    }
}
