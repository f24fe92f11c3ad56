package io.sluice.stream;

import io.sluice.loop.KeepAlive;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@link Readables#fromPublisher}: a Readable that subscribes to a {@link Flow.Publisher}.
 *
 * <p>Demand is the free room below the highWaterMark: {@code doRead} requests
 * {@code hwm - buffered - outstanding} items (at least one when nothing is outstanding), so a
 * slow reader holds the publisher back. Signals from other threads go through a lock-free queue
 * drained by one loop task at a time (the "work in progress" counter), so a burst of items
 * costs one handoff, not one per item.
 */
final class PublisherReadable<T> extends Readable<T> {
    private static final Object COMPLETE = new Object();

    private final KeepAlive alive;
    final Subscriber subscriber = new Subscriber();
    private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger wip = new AtomicInteger();
    private volatile Object terminal;
    private final Runnable drainTask = this::drain;
    // Loop thread only.
    private long outstanding;
    private boolean done;
    /** Set by the first doRead: nothing is requested until the stream is consumed. */
    private boolean started;
    private boolean cancelWanted;
    private boolean cancelSent;

    PublisherReadable(Flow.Publisher<? extends T> publisher, StreamOptions options) {
        super(options);
        this.alive = loop.keepAlive();
        if (publisher != null) {
            publisher.subscribe(subscriber);
        }
    }

    final class Subscriber implements Flow.Subscriber<T> {
        @Override
        public void onSubscribe(Flow.Subscription s) {
            Objects.requireNonNull(s, "subscription"); // rule 2.13
            if (!subscription.compareAndSet(null, s)) {
                s.cancel(); // rule 2.5
                return;
            }
            schedule();
        }

        @Override
        public void onNext(T item) {
            Objects.requireNonNull(item, "item"); // rule 2.13
            queue.offer(item);
            schedule();
        }

        @Override
        public void onError(Throwable t) {
            Objects.requireNonNull(t, "throwable"); // rule 2.13
            terminal = t;
            schedule();
        }

        @Override
        public void onComplete() {
            terminal = COMPLETE;
            schedule();
        }
    }

    private void schedule() {
        if (wip.getAndIncrement() == 0) {
            try {
                loop.execute(drainTask);
            } catch (RejectedExecutionException gone) {
                // The loop is gone: nobody can read any more.
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
            if (done) {
                cancelLate();
            } else {
                if (destroyed()) {
                    finish(true);
                } else {
                    Object item;
                    while ((item = queue.poll()) != null) {
                        outstanding--;
                        push(item);
                    }
                    Object t = terminal;
                    if (t != null && queue.isEmpty()) {
                        finish(false);
                        if (t == COMPLETE) {
                            pushEnd();
                        } else {
                            destroy((Throwable) t);
                        }
                    } else if (started) {
                        requestMore();
                    }
                }
            }
            missed = wip.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }

    private void requestMore() {
        Flow.Subscription s = subscription.get();
        if (s == null || done) {
            return;
        }
        long hwm = readableHighWaterMark();
        long want = hwm - readableLength() - outstanding;
        if (want <= 0 && outstanding == 0 && readableLength() == 0) {
            want = 1; // hwm 0: one at a time
        }
        if (want > 0) {
            outstanding += want;
            s.request(want);
        }
    }

    /** A subscription that arrives after the stream was destroyed is cancelled at once. */
    private void cancelLate() {
        Flow.Subscription s = subscription.get();
        if (s != null && !cancelSent && cancelWanted) {
            cancelSent = true;
            s.cancel();
        }
    }

    private void finish(boolean cancel) {
        if (done) {
            return;
        }
        done = true;
        cancelWanted = cancel;
        cancelLate();
        alive.close();
    }

    @Override
    protected void doRead(long size) {
        started = true;
        requestMore();
    }

    @Override
    protected void doDestroy(Throwable err, Callback callback) {
        finish(true);
        callback.done(err);
    }
}
