package io.sluice.stream;

import io.sluice.loop.EventLoop;
import io.sluice.loop.KeepAlive;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link Readables#toPublisher}: a single-subscriber {@link Flow.Publisher} over a Readable.
 *
 * <p>Every signal to the subscriber runs on the stream's loop thread, which serializes them
 * (rule 1.3). {@code request} and {@code cancel} may come from any thread: demand is an atomic
 * counter and at most one drain task is queued at a time, so a subscriber requesting one item
 * per {@code onNext} from the loop thread costs no task at all (and no recursion, rule 3.3).
 */
final class ReadablePublisher<T> implements Flow.Publisher<T> {
    private final ReadableStream<T> stream;
    private final EventLoop loop;
    private final AtomicBoolean subscribed = new AtomicBoolean();

    ReadablePublisher(ReadableStream<T> stream) {
        this.stream = stream;
        this.loop = StreamErrors.requireStream(stream, "stream", "Readable").eventLoop();
    }

    @Override
    public void subscribe(Flow.Subscriber<? super T> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber"); // rule 1.9
        if (!subscribed.compareAndSet(false, true)) {
            reject(subscriber, new IllegalStateException("a Readable can be consumed once: this publisher already has a subscriber"));
            return;
        }
        KeepAlive alive;
        try {
            alive = loop.keepAlive();
        } catch (IllegalStateException terminated) {
            reject(subscriber, terminated);
            return;
        }
        Subscription sub = new Subscription(subscriber, alive);
        try {
            loop.execute(sub::start);
        } catch (RejectedExecutionException e) {
            alive.close();
            reject(subscriber, e);
        }
    }

    private static void reject(Flow.Subscriber<?> subscriber, Throwable why) {
        subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {}

            @Override
            public void cancel() {}
        });
        subscriber.onError(why);
    }

    private final class Subscription implements Flow.Subscription {
        // Not final: dropped on termination so a cancelled subscriber can be collected (rule 3.13).
        private Flow.Subscriber<? super T> subscriber;
        private final KeepAlive alive;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicBoolean scheduled = new AtomicBoolean();
        private volatile boolean cancelled;
        private volatile Throwable badRequest;
        // Loop thread only.
        private PullIterator pull;
        private boolean draining;
        private boolean terminated;
        private final Runnable drainTask = this::drainFromTask;
        private final Runnable wakeTask = this::drain;

        Subscription(Flow.Subscriber<? super T> subscriber, KeepAlive alive) {
            this.subscriber = subscriber;
            this.alive = alive;
        }

        void start() {
            pull = new PullIterator(stream);
            try {
                subscriber.onSubscribe(this);
            } catch (Throwable t) {
                // Rule 2.13: a throwing subscriber is broken; stop talking to it.
                terminate(true);
                return;
            }
            drain();
        }

        @Override
        public void request(long n) {
            if (cancelled) {
                return; // rule 3.6
            }
            if (n <= 0) {
                badRequest = new IllegalArgumentException("§3.9: request(" + n + "): the number of items must be positive");
            } else {
                demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b); // rule 3.17
            }
            schedule();
        }

        @Override
        public void cancel() {
            if (!cancelled) {
                cancelled = true;
                schedule();
            }
        }

        private void schedule() {
            if (loop.inLoop() && draining) {
                return; // the running drain loop sees the new demand
            }
            if (scheduled.compareAndSet(false, true)) {
                try {
                    loop.execute(drainTask);
                } catch (RejectedExecutionException gone) {
                    scheduled.set(false);
                }
            }
        }

        private void drainFromTask() {
            scheduled.set(false);
            drain();
        }

        private void drain() {
            if (terminated || draining || pull == null) {
                return;
            }
            draining = true;
            try {
                while (!terminated) {
                    if (cancelled) {
                        terminate(true);
                        return;
                    }
                    Throwable bad = badRequest;
                    if (bad != null) {
                        Flow.Subscriber<? super T> s = subscriber;
                        terminate(true);
                        s.onError(bad);
                        return;
                    }
                    if (demand.get() > 0) {
                        Object chunk = pull.poll();
                        if (chunk != null) {
                            demand.decrementAndGet();
                            @SuppressWarnings("unchecked")
                            T item = (T) chunk;
                            subscriber.onNext(item);
                            continue;
                        }
                    } else if (!pull.done() && stream.readableLength() == 0 && !stream.destroyed()) {
                        // No demand: still let an empty, ended stream reach 'end' so that
                        // onComplete needs no request (rule 1.4/1.5). read(0) never returns data.
                        stream.read(0);
                    }
                    if (pull.failure() != null) {
                        Throwable err = pull.failure();
                        Flow.Subscriber<? super T> s = subscriber;
                        terminate(false);
                        s.onError(err);
                        return;
                    }
                    if (pull.ended()) {
                        Flow.Subscriber<? super T> s = subscriber;
                        terminate(false);
                        s.onComplete();
                        return;
                    }
                    pull.await(wakeTask);
                    return;
                }
            } catch (Throwable t) {
                // Rule 2.13: the subscriber threw; treat as cancelled and surface nothing more to it.
                terminate(true);
            } finally {
                draining = false;
            }
        }

        private void terminate(boolean destroy) {
            if (terminated) {
                return;
            }
            terminated = true;
            cancelled = true;
            subscriber = null;
            pull.close(destroy);
            alive.close();
        }
    }
}
