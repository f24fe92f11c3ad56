package io.sluice.stream;

import io.sluice.loop.EventLoop;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Flow.Subscriber} whose signals, arriving on any thread, are handled on an event loop:
 * items and the terminal signal go into a lock-free queue, and one loop task at a time drains it
 * (the "work in progress" counter), so a burst of items costs one handoff, not one per item.
 * Subclasses handle the signals in {@link #step()}, on the loop.
 */
abstract class LoopSubscriber<T> implements Flow.Subscriber<T> {
    private static final Object COMPLETE = new Object();

    private final EventLoop loop;
    private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger wip = new AtomicInteger();
    private final Runnable drainTask = this::drain;
    private volatile Object terminal;

    LoopSubscriber(EventLoop loop) {
        this.loop = loop;
    }

    @Override
    public final void onSubscribe(Flow.Subscription s) {
        Objects.requireNonNull(s, "subscription"); // rule 2.13
        if (!subscription.compareAndSet(null, s)) {
            s.cancel(); // rule 2.5
            return;
        }
        schedule();
    }

    @Override
    public final void onNext(T item) {
        Objects.requireNonNull(item, "item"); // rule 2.13
        queue.offer(item);
        schedule();
    }

    @Override
    public final void onError(Throwable t) {
        Objects.requireNonNull(t, "throwable"); // rule 2.13
        terminal = t;
        schedule();
    }

    @Override
    public final void onComplete() {
        terminal = COMPLETE;
        schedule();
    }

    /** Handles what has arrived; runs on the loop, never concurrently with itself. */
    abstract void step();

    /** The subscription, or null before {@code onSubscribe}. Any thread. */
    final Flow.Subscription subscription() {
        return subscription.get();
    }

    /** The next queued item, or null. Loop thread. */
    @SuppressWarnings("unchecked")
    final T poll() {
        return (T) queue.poll();
    }

    /** Drops the queued items (after cancelling). Loop thread. */
    final void clear() {
        queue.clear();
    }

    /**
     * Whether the terminal signal has arrived and every item before it has been taken: then
     * {@link #failure()} tells completion from error. Loop thread.
     */
    final boolean terminated() {
        return terminal != null && queue.isEmpty();
    }

    /** After {@link #terminated()}: the publisher's error, or null for {@code onComplete}. */
    final Throwable failure() {
        Object t = terminal;
        return t == COMPLETE ? null : (Throwable) t;
    }

    private void schedule() {
        if (wip.getAndIncrement() == 0) {
            try {
                loop.execute(drainTask);
            } catch (RejectedExecutionException gone) {
                // The loop is gone: nobody will handle anything any more.
                Flow.Subscription s = subscription.get();
                if (s != null) {
                    s.cancel();
                }
            }
        }
    }

    private void drain() {
        int missed = 1;
        while (true) {
            step();
            missed = wip.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }
}
