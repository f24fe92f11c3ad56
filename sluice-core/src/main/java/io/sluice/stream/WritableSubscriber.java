package io.sluice.stream;

import io.sluice.loop.EventLoop;
import io.sluice.loop.KeepAlive;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * {@link Writables#toSubscriber}: writes a publisher's items into a Writable.
 *
 * <p>Demand follows {@code write()}'s return value, Node's backpressure signal: one item is
 * requested at the start, then one more after each write that returned true, or at the next
 * {@code 'drain'} after one that returned false. So the Writable holds at most its
 * highWaterMark plus one item. Signals reach the loop through
 * {@link LoopSubscriber}.
 */
final class WritableSubscriber<T> extends LoopSubscriber<T> {
    private final WritableStream<? super T> writable;
    private final KeepAlive alive;
    // Loop thread only.
    private boolean started;
    private boolean done;
    private boolean waitingDrain;
    private final Consumer<Void> onDrain = v -> {
        if (waitingDrain && !done) {
            waitingDrain = false;
            subscription().request(1);
        }
    };

    WritableSubscriber(WritableStream<? super T> writable) {
        EventLoop loop = StreamErrors.requireStream(writable, "writable", "Writable").eventLoop();
        super(loop);
        this.writable = writable;
        this.alive = loop.keepAlive();
    }

    @Override
    void step() {
        if (done) {
            clear();
            return;
        }
        Flow.Subscription subscription = subscription();
        if (!started && subscription != null) {
            started = true;
            writable.on(WritableStream.DRAIN, onDrain);
            // The finished() listeners stay attached, as Node's do (pitfall 9): a late 'error' from
            // the Writable then still has a listener and cannot surface as uncaught.
            Streams.finished(writable, err -> {
                // The Writable is done (finished, failed or closed): no more items wanted.
                if (!done) {
                    stop(true);
                }
            });
            subscription.request(1);
        }
        T item;
        while (!done && (item = poll()) != null) {
            boolean more = writable.write(item);
            if (more) {
                subscription.request(1);
            } else {
                waitingDrain = true;
            }
        }
        if (!done && terminated()) {
            stop(false);
            Throwable failure = failure();
            if (failure == null) {
                writable.end();
            } else {
                Streams.destroy(writable, failure);
            }
        }
    }

    private void stop(boolean cancel) {
        done = true;
        writable.removeListener(WritableStream.DRAIN, onDrain);
        Flow.Subscription subscription = subscription();
        if (cancel && subscription != null) {
            subscription.cancel();
        }
        alive.close();
    }
}
