package io.sluice.fs;

import io.sluice.loop.EventLoop;
import io.sluice.loop.KeepAlive;
import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

/**
 * A stream's own virtual thread for its blocking file calls, parked between calls, so that a chunk
 * costs an unpark rather than the creation, start and teardown of a thread. Completions are
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
     * How long the worker polls for the next job before parking. 0 by default: on the 2-CPU
     * reference VM a 20 µs spin did not speed up reads and slowed a copy, where two spinning
     * workers and the loop compete for two CPUs (see {@code Hop}). A diagnostic knob only.
     */
    static final long SPIN_NANOS = Long.getLong("sluice.fs.spinMicros", 0) * 1000;

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
            thread = Thread.ofVirtual().name(name).start(this::run);
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
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        while (true) {
            Job job = next;
            if (job != null) {
                next = null;
                return job;
            }
            if (closed) {
                return null;
            }
            if (System.nanoTime() < spinUntil) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
            }
        }
    }
}
