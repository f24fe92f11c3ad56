package io.sluice.stream;

import io.sluice.loop.KeepAlive;
import java.util.concurrent.Flow;

/**
 * {@link Readables#fromPublisher}: a Readable that subscribes to a {@link Flow.Publisher}.
 *
 * <p>Demand is the free room below the highWaterMark: {@code doRead} requests, on the next
 * tick, {@code hwm - buffered - outstanding} items (at least one when nothing is outstanding),
 * so a slow reader holds the publisher back. Signals from other threads reach the loop through a
 * {@link LoopSubscriber}.
 */
final class PublisherReadable<T> extends Readable<T> {
    private final KeepAlive alive;
    final Subscriber subscriber = new Subscriber();
    // Loop thread only.
    private long outstanding;
    private boolean done;
    /** Set by the first doRead: nothing is requested until the stream is consumed. */
    private boolean started;
    private boolean cancelWanted;
    private boolean cancelSent;
    private boolean requestScheduled;
    private final Runnable requestTask = () -> {
        requestScheduled = false;
        requestMore();
    };

    PublisherReadable(Flow.Publisher<? extends T> publisher, StreamOptions options) {
        super(options);
        this.alive = loop.keepAlive();
        if (publisher != null) {
            publisher.subscribe(subscriber);
        }
    }

    final class Subscriber extends LoopSubscriber<T> {
        Subscriber() {
            super(loop);
        }

        @Override
        void step() {
            if (done) {
                cancelLate();
            } else if (destroyed()) {
                finish(true);
            } else {
                T item;
                while ((item = poll()) != null) {
                    outstanding--;
                    push(item);
                }
                if (terminated()) {
                    finish(false);
                    Throwable failure = failure();
                    if (failure == null) {
                        pushEnd();
                    } else {
                        destroy(failure);
                    }
                } else if (started) {
                    requestMore();
                }
            }
        }
    }

    private void requestMore() {
        Flow.Subscription s = subscriber.subscription();
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
        Flow.Subscription s = subscriber.subscription();
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
        // read() calls doRead before it takes out the chunk it returns: measured now, a full
        // buffer would leave no room, nothing would be requested, and with nothing outstanding no
        // push would ever come to end this read (the stream stalled after one highWaterMark when
        // read in paused mode or piped to a slow destination). A tick later that chunk is gone.
        if (!requestScheduled) {
            requestScheduled = true;
            loop.nextTick(requestTask);
        }
    }

    @Override
    protected void doDestroy(Throwable err, Callback callback) {
        finish(true);
        callback.done(err);
    }
}
