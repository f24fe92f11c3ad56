package io.sluice.stream;

import io.sluice.loop.EventLoop;
import io.sluice.loop.KeepAlive;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * {@link Writables#toSubscriber}: writes a publisher's items into a Writable.
 *
 * <p>Demand follows {@code write()}'s return value, Node's backpressure signal: one item is
 * requested at the start, then one more after each write that returned true, or at the next
 * {@code 'drain'} after one that returned false. So the Writable holds at most its
 * highWaterMark plus one item. Signals are queued and drained by one loop task at a time.
 */
final class WritableSubscriber<T> implements Flow.Subscriber<T> {
    private static final Object COMPLETE = new Object();

    private final WritableStream<? super T> writable;
    private final EventLoop loop;
    private final KeepAlive alive;
    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger wip = new AtomicInteger();
    private volatile Flow.Subscription subscription;
    private volatile Object terminal;
    // Loop thread only.
    private boolean started;
    private boolean done;
    private boolean waitingDrain;
    private final Runnable drainTask = this::drain;
    private final Consumer<Void> onDrain = v -> {
        if (waitingDrain && !done) {
            waitingDrain = false;
            subscription.request(1);
        }
    };

    WritableSubscriber(WritableStream<? super T> writable) {
        if (!(writable instanceof Stream s)) {
            throw io.sluice.error.Errors.invalidArgType("writable", "an instance of Writable", writable);
        }
        this.writable = writable;
        this.loop = s.eventLoop();
        this.alive = loop.keepAlive();
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        Objects.requireNonNull(s, "subscription"); // rule 2.13
        if (subscription != null) {
            s.cancel(); // rule 2.5
            return;
        }
        subscription = s;
        schedule();
    }

    @Override
    public void onNext(T item) {
        Objects.requireNonNull(item, "item");
        queue.offer(item);
        schedule();
    }

    @Override
    public void onError(Throwable t) {
        Objects.requireNonNull(t, "throwable");
        terminal = t;
        schedule();
    }

    @Override
    public void onComplete() {
        terminal = COMPLETE;
        schedule();
    }

    private void schedule() {
        if (wip.getAndIncrement() == 0) {
            try {
                loop.execute(drainTask);
            } catch (RejectedExecutionException gone) {
                Flow.Subscription s = subscription;
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

    private void step() {
        if (done) {
            queue.clear();
            return;
        }
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
        Object item;
        while (!done && (item = queue.poll()) != null) {
            boolean more = writable.write(item);
            if (more) {
                subscription.request(1);
            } else {
                waitingDrain = true;
            }
        }
        Object t = terminal;
        if (!done && t != null && queue.isEmpty()) {
            stop(false);
            if (t == COMPLETE) {
                writable.end();
            } else {
                Streams.destroy(writable, (Throwable) t);
            }
        }
    }

    private void stop(boolean cancel) {
        done = true;
        writable.removeListener(WritableStream.DRAIN, onDrain);
        if (cancel && subscription != null) {
            subscription.cancel();
        }
        alive.close();
    }
}
