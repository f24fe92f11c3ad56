package io.sluice.fs;

import io.sluice.loop.EventLoop;
import io.sluice.loop.KeepAlive;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

/**
 * Experimental ({@code -Dsluice.fs.hop=lane}): one worker per loop, shared by all of that loop's
 * file streams, draining a queue and parking only when it is empty. In a copy the read of chunk
 * N+1 and the write of chunk N are queued within microseconds of each other, so one wake-up
 * serves both: +35 % on a 64 KiB copy (see {@code Hop}). Not the default because every file
 * stream of the loop then waits behind the slowest call (a cold read on a slow disk), which the
 * per-stream {@link IoWorker} does not.
 *
 * <p>The worker thread ends after a second without work and is restarted by the next job.
 */
final class LoopLane {
    private record Job(Callable<?> work, BiConsumer<Object, Throwable> onLoop, KeepAlive alive) {}

    private static final long IDLE_EXIT_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final ThreadLocal<LoopLane> CURRENT = new ThreadLocal<>();

    private final EventLoop loop;
    private final ConcurrentLinkedQueue<Job> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean alive = new AtomicBoolean();
    private volatile Thread thread;
    private volatile boolean sleeping;

    private LoopLane(EventLoop loop) {
        this.loop = loop;
    }

    /** The lane of {@code loop}; called on that loop's thread. */
    static LoopLane of(EventLoop loop) {
        LoopLane lane = CURRENT.get();
        if (lane == null || lane.loop != loop) {
            lane = new LoopLane(loop);
            CURRENT.set(lane);
        }
        return lane;
    }

    @SuppressWarnings("unchecked")
    <T> void submit(Callable<T> work, BiConsumer<? super T, ? super Throwable> onLoop) {
        queue.offer(new Job(work, (BiConsumer<Object, Throwable>) onLoop, loop.keepAlive()));
        if (!alive.get() && alive.compareAndSet(false, true)) {
            thread = Thread.ofVirtual().name("sluice-fs-lane").start(this::run);
        } else if (sleeping) {
            Thread t = thread;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }

    private void run() {
        long idleSince = System.nanoTime();
        while (true) {
            Job job = queue.poll();
            if (job == null) {
                if (System.nanoTime() - idleSince >= IDLE_EXIT_NANOS) {
                    // Announce the exit, then look again: a submitter that raced with us either
                    // sees alive == false and starts a new thread, or its job is visible here.
                    alive.set(false);
                    if (queue.isEmpty() || !alive.compareAndSet(false, true)) {
                        return;
                    }
                    continue;
                }
                sleeping = true;
                if (queue.isEmpty()) {
                    LockSupport.parkNanos(this, IDLE_EXIT_NANOS);
                }
                sleeping = false;
                continue;
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
            idleSince = System.nanoTime();
        }
    }
}
