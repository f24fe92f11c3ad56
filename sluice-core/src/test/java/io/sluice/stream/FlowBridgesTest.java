package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.event.EventEmitter;
import io.sluice.loop.EventLoop;
import io.sluice.testing.Must;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import org.junit.jupiter.api.Test;

/**
 * The Flow bridges' behaviour beyond the TCK rules: {@code Readables.fromPublisher} and
 * {@code Writables.toSubscriber} keep order, end or fail the stream as the publisher does, and
 * hold the publisher back by the stream's highWaterMark.
 */
class FlowBridgesTest {
    private static final int N = 10_000;

    /**
     * Submits 0..n-1 from a virtual thread (blocking on the publisher's own buffer), then closes.
     * (Not for failures: SubmissionPublisher's closeExceptionally may overtake buffered items.)
     */
    private static void publishFrom(SubmissionPublisher<Integer> pub, int n) {
        io.sluice.loop.KeepAlive alive = EventLoop.current().keepAlive();
        Thread.ofVirtual().start(() -> {
            try {
                for (int i = 0; i < n; i++) {
                    pub.submit(i);
                }
                pub.close();
            } finally {
                alive.close();
            }
        });
    }

    @Test
    void fromPublisherDeliversEveryItemInOrderThenEndAndClose() {
        List<Object> seen = new ArrayList<>();
        Must.run(() -> {
            SubmissionPublisher<Integer> pub = new SubmissionPublisher<>(Runnable::run, 64);
            Readable<Integer> r = Readables.fromPublisher(pub);
            r.on(ReadableStream.DATA, seen::add);
            r.on(ReadableStream.END, v -> seen.add("end"));
            r.on(Stream.CLOSE, v -> seen.add("close"));
            publishFrom(pub, N);
        });
        assertThat(seen).hasSize(N + 2);
        for (int i = 0; i < N; i++) {
            assertThat(seen.get(i)).isEqualTo(i);
        }
        assertThat(seen.subList(N, N + 2)).containsExactly("end", "close");
    }

    @Test
    void fromPublisherErrorDestroysTheReadableWithThatError() {
        IllegalStateException boom = new IllegalStateException("boom");
        List<Object> seen = new ArrayList<>();
        Must.run(() -> {
            Readable<Integer> r = Readables.fromPublisher(new CountingPublisher(3, boom));
            r.on(ReadableStream.DATA, seen::add);
            r.on(ReadableStream.END, v -> seen.add("end"));
            r.on(EventEmitter.ERROR, e -> seen.add(e));
            r.on(Stream.CLOSE, v -> seen.add("close"));
        });
        assertThat(seen).containsExactly(0, 1, 2, boom, "close");
    }

    /**
     * A publisher on the calling thread that answers each request at once, then completes (or
     * fails with {@code failure}) after {@code count} items; it records the demand and the most
     * items ever delivered and not yet {@code consumed}.
     */
    private static final class CountingPublisher implements Flow.Publisher<Integer> {
        final int count;
        final Throwable failure;
        long requested;
        long delivered;
        long consumed;
        long maxUnconsumed;

        CountingPublisher(int count, Throwable failure) {
            this.count = count;
            this.failure = failure;
        }

        @Override
        public void subscribe(Flow.Subscriber<? super Integer> s) {
            s.onSubscribe(new Flow.Subscription() {
                private boolean ended;

                @Override
                public void request(long n) {
                    requested += n;
                    while (delivered < requested && delivered < count) {
                        s.onNext((int) delivered++);
                        maxUnconsumed = Math.max(maxUnconsumed, delivered - consumed);
                    }
                    if (delivered == count && !ended) {
                        ended = true;
                        if (failure == null) {
                            s.onComplete();
                        } else {
                            s.onError(failure);
                        }
                    }
                }

                @Override
                public void cancel() {}
            });
        }
    }

    @Test
    void fromPublisherRequestsNothingUntilReadThenAtMostTheHighWaterMark() {
        CountingPublisher pub = new CountingPublisher(N, null);
        long[] requestedBeforeRead = {-1};
        Must.run(() -> {
            Readable<Integer> r = Readables.fromPublisher(pub, StreamOptions.create().highWaterMark(4));
            EventLoop.current().setImmediate(() -> {
                requestedBeforeRead[0] = pub.requested;
                r.on(ReadableStream.DATA, v -> pub.consumed++);
            });
            r.on(ReadableStream.END, Must.callConsumer());
        });
        assertThat(requestedBeforeRead[0]).isZero();
        assertThat(pub.consumed).isEqualTo(N);
        // Demand is the room below the highWaterMark (4): never more items in the Readable.
        assertThat(pub.maxUnconsumed).isEqualTo(4);
    }

    @Test
    void toSubscriberWritesEveryItemInOrderThenFinishes() {
        List<Object> seen = new ArrayList<>();
        Must.run(() -> {
            Writable<Integer> w = new Writable<>(StreamOptions.create().objectMode(true).highWaterMark(2)
                    .doWrite((Writable<Integer> self, Integer v, String enc, Callback cb) -> {
                        seen.add(v);
                        EventLoop.current().setImmediate(cb::done); // a slow sink
                    }));
            w.on(WritableStream.FINISH, v -> seen.add("finish"));
            w.on(Stream.CLOSE, v -> seen.add("close"));
            SubmissionPublisher<Integer> pub = new SubmissionPublisher<>(Runnable::run, 64);
            pub.subscribe(Writables.toSubscriber(w));
            publishFrom(pub, 1000);
        });
        assertThat(seen).hasSize(1002);
        for (int i = 0; i < 1000; i++) {
            assertThat(seen.get(i)).isEqualTo(i);
        }
        assertThat(seen.subList(1000, 1002)).containsExactly("finish", "close");
    }

    @Test
    void toSubscriberHoldsAtMostTheHighWaterMark() {
        CountingPublisher pub = new CountingPublisher(N, null);
        Must.run(() -> {
            Writable<Integer> w = new Writable<>(StreamOptions.create().objectMode(true).highWaterMark(3)
                    .doWrite((Writable<Integer> self, Integer v, String enc, Callback cb) ->
                            EventLoop.current().setImmediate(() -> {
                                pub.consumed++;
                                cb.done();
                            })));
            w.on(WritableStream.FINISH, Must.callConsumer());
            pub.subscribe(Writables.toSubscriber(w));
        });
        assertThat(pub.consumed).isEqualTo(N);
        // One more item after each write() that returned true: the write that reaches the mark
        // (the third) returns false, and nothing more is asked for until 'drain'.
        assertThat(pub.maxUnconsumed).isEqualTo(3);
    }

    @Test
    void toSubscriberErrorDestroysTheWritableWithThatError() {
        IllegalStateException boom = new IllegalStateException("boom");
        List<Object> seen = new ArrayList<>();
        Must.run(() -> {
            Writable<Integer> w = new Writable<>(StreamOptions.create().objectMode(true)
                    .doWrite((Writable<Integer> self, Integer v, String enc, Callback cb) -> {
                        seen.add(v);
                        cb.done();
                    }));
            w.on(WritableStream.FINISH, v -> seen.add("finish"));
            w.on(EventEmitter.ERROR, e -> seen.add(e));
            w.on(Stream.CLOSE, v -> seen.add("close"));
            new CountingPublisher(3, boom).subscribe(Writables.toSubscriber(w));
        });
        assertThat(seen).containsExactly(0, 1, 2, boom, "close");
    }
}
