package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.loop.EventLoop;
import io.sluice.testing.Must;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Port of test/parallel/test-stream-filter.js. */
class StreamFilterTest {

    private static Readable<Integer> range(int from, int to) {
        return Readables.from(IntStream.range(from, to).boxed().toList());
    }

    @Test
    void syncPredicate() {
        Must.run(() -> Operators.toList(Operators.filter(range(1, 11), x -> x % 2 == 0))
                .thenAccept(Must.callConsumer(l -> assertThat(l).containsExactly(2, 4, 6, 8, 10))));
    }

    @Test
    void asyncPredicateWithConcurrencyKeepsOrder() {
        Must.run(() -> {
            EventLoop loop = EventLoop.current();
            Readable<Integer> out = Operators.filterAsync(range(1, 11), x -> {
                CompletableFuture<Boolean> f = new CompletableFuture<>();
                loop.setTimeout(() -> f.complete(x % 3 != 0), 12 - x);
                return f;
            }, OperatorOptions.create().concurrency(5));
            Operators.toList(out).thenAccept(Must.callConsumer(l -> assertThat(l).containsExactly(1, 2, 4, 5, 7, 8, 10)));
        });
    }

    @Test
    void predicateErrorRejects() {
        Must.run(() -> {
            RuntimeException boom = new RuntimeException("filter");
            Operators.toList(Operators.filter(range(1, 5), x -> {
                if (x == 2) {
                    throw boom;
                }
                return true;
            })).whenComplete(Must.callBiConsumer((v, e) -> assertThat(e).isSameAs(boom)));
        });
    }
}
