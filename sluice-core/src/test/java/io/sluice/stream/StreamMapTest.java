package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.error.AbortException;
import io.sluice.error.ErrorCodes;
import io.sluice.error.NodeRangeException;
import io.sluice.error.NodeTypeException;
import io.sluice.event.AbortController;
import io.sluice.event.EventEmitter;
import io.sluice.loop.EventLoop;
import io.sluice.testing.Must;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Port of test/parallel/test-stream-map.js (sync and async functions, concurrency, order, errors, abort, validation). */
class StreamMapTest {

    private static Readable<Integer> range(int from, int to) {
        return Readables.from(IntStream.range(from, to).boxed().toList());
    }

    @Test
    void syncMap() {
        Must.run(() -> {
            Readable<Integer> out = Operators.map(range(1, 6), x -> x + x);
            List<Object> got = new ArrayList<>();
            out.on(ReadableStream.DATA, got::add);
            out.on(Stream.CLOSE, Must.callConsumer(v -> assertThat(got).containsExactly(2, 4, 6, 8, 10)));
        });
    }

    @Test
    void asyncMapKeepsInputOrderUnderConcurrency() {
        Must.run(() -> {
            EventLoop loop = EventLoop.current();
            int[] inFlight = {0};
            int[] maxInFlight = {0};
            // Later items finish first (shorter delay): output must still be in input order.
            Readable<Integer> out = Operators.mapAsync(range(1, 9), x -> {
                inFlight[0]++;
                maxInFlight[0] = Math.max(maxInFlight[0], inFlight[0]);
                CompletableFuture<Integer> f = new CompletableFuture<>();
                loop.setTimeout(() -> {
                    inFlight[0]--;
                    f.complete(x * 10);
                }, 20 - 2L * x);
                return f;
            }, 4);
            Operators.toList(out).thenAccept(Must.callConsumer(list -> {
                assertThat(list).containsExactly(10, 20, 30, 40, 50, 60, 70, 80);
                assertThat(maxInFlight[0]).isEqualTo(4);
            }));
        });
    }

    @Test
    void concurrencyOneIsSequential() {
        Must.run(() -> {
            int[] inFlight = {0};
            int[] max = {0};
            EventLoop loop = EventLoop.current();
            Readable<Integer> out = Operators.mapAsync(range(0, 5), x -> {
                max[0] = Math.max(max[0], ++inFlight[0]);
                CompletableFuture<Integer> f = new CompletableFuture<>();
                loop.setImmediate(() -> {
                    inFlight[0]--;
                    f.complete(x);
                });
                return f;
            }, 1);
            Operators.toList(out).thenAccept(Must.callConsumer(list -> {
                assertThat(list).containsExactly(0, 1, 2, 3, 4);
                assertThat(max[0]).isEqualTo(1);
            }));
        });
    }

    @Test
    void errorInFunctionDestroysResultAndSource() {
        Must.run(() -> {
            RuntimeException boom = new RuntimeException("boom");
            Readable<Integer> src = range(1, 100);
            src.on(EventEmitter.ERROR, Must.callConsumer(e -> assertThat(e).isInstanceOf(AbortException.class)));
            Readable<Integer> out = Operators.map(src, x -> {
                if (x == 3) {
                    throw boom;
                }
                return x;
            });
            List<Object> got = new ArrayList<>();
            out.on(ReadableStream.DATA, got::add);
            out.on(EventEmitter.ERROR, Must.callConsumer(e -> {
                assertThat(e).isSameAs(boom);
                assertThat(got).containsExactly(1, 2);
            }));
            out.on(Stream.CLOSE, Must.callConsumer(v -> assertThat(src.destroyed()).isTrue()));
        });
    }

    @Test
    void failedStageRejects() {
        Must.run(() -> {
            RuntimeException boom = new RuntimeException("async boom");
            Readable<Integer> out = Operators.mapAsync(range(1, 4),
                    x -> x == 2 ? CompletableFuture.<Integer>failedFuture(boom) : CompletableFuture.completedFuture(x), 2);
            Operators.toList(out).whenComplete(Must.callBiConsumer((v, e) -> {
                assertThat(v).isNull();
                assertThat(e).isSameAs(boom);
            }));
        });
    }

    @Test
    void sourceErrorPropagates() {
        Must.run(() -> {
            RuntimeException boom = new RuntimeException("source");
            Readable<Object> src = new Readable<>(StreamOptions.create().objectMode(true).doRead((s, n) -> {}));
            Readable<Object> out = Operators.map(src, x -> x);
            out.on(EventEmitter.ERROR, Must.callConsumer(e -> assertThat(e).isSameAs(boom)));
            out.resume();
            src.on(EventEmitter.ERROR, e -> {});
            src.destroy(boom);
        });
    }

    @Test
    void abortSignalDestroysResult() {
        Must.run(() -> {
            AbortController ac = new AbortController();
            Readable<Object> src = new Readable<>(StreamOptions.create().objectMode(true).doRead((s, n) -> {}));
            Readable<Object> out = Operators.map(src, x -> x, OperatorOptions.create().signal(ac.signal()));
            out.on(EventEmitter.ERROR, Must.callConsumer(e -> assertThat(e).isInstanceOf(AbortException.class)));
            out.resume();
            src.on(EventEmitter.ERROR, e -> {});
            EventLoop.current().setImmediate(ac::abort);
        });
    }

    @Test
    void lazyUntilConsumed() {
        Must.run(() -> {
            int[] calls = {0};
            Readable<Integer> src = range(0, 3);
            Operators.map(src, x -> ++calls[0]);
            EventLoop.current().setImmediate(Must.call(() -> {
                assertThat(calls[0]).isZero();
                assertThat(src.readableDidRead()).isFalse();
            }));
        });
    }

    @Test
    void validation() {
        Must.run(() -> {
            assertThatThrownBy(() -> Operators.map(range(0, 1), null))
                    .isInstanceOf(NodeTypeException.class)
                    .hasFieldOrPropertyWithValue("code", ErrorCodes.ERR_INVALID_ARG_TYPE)
                    .hasMessage("The \"fn\" argument must be of type function or an instance of AsyncFunction. Received null");
            assertThatThrownBy(() -> Operators.map(range(0, 1), x -> x, 0))
                    .isInstanceOf(NodeRangeException.class)
                    .hasMessage("The value of \"options.concurrency\" is out of range. It must be >= 1 && <= 9007199254740991. Received 0");
        });
    }
}
