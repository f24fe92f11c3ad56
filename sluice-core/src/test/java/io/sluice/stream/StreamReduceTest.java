package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.error.AbortException;
import io.sluice.error.ErrorCodes;
import io.sluice.error.NodeError;
import io.sluice.error.NodeTypeException;
import io.sluice.event.EventEmitter;
import io.sluice.testing.EventLog;
import io.sluice.testing.Must;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-stream-reduce.js, plus the other terminal helpers
 * (test-stream-forEach.js, test-stream-toArray.js, test-stream-flatMap.js, test-stream-some-find-every.mjs).
 */
class StreamReduceTest {

    private static Readable<Integer> range(int from, int to) {
        return Readables.from(IntStream.range(from, to).boxed().toList());
    }

    @Test
    void reduceWithAndWithoutInitial() {
        Must.run(() -> {
            Operators.reduce(range(1, 5), (Integer a, Integer b) -> a + b, 10)
                    .thenAccept(Must.callConsumer(v -> assertThat(v).isEqualTo(20)));
            Operators.reduce(range(1, 5), Integer::sum).thenAccept(Must.callConsumer(v -> assertThat(v).isEqualTo(10)));
            Operators.reduce(range(1, 4), (String acc, Integer x) -> CompletableFuture.completedFuture(acc + x), "")
                    .thenAccept(Must.callConsumer(v -> assertThat(v).isEqualTo("123")));
        });
    }

    @Test
    void emptyWithoutInitialRejectsMissingArgs() {
        Must.run(() -> Operators.reduce(Readables.<Integer>from(List.<Integer>of()), Integer::sum)
                .whenComplete(Must.callBiConsumer((v, e) -> {
                    assertThat(e).isInstanceOf(NodeTypeException.class)
                            .hasMessage("Reduce of an empty stream requires an initial value");
                    assertThat(((NodeError) e).code()).isEqualTo(ErrorCodes.ERR_MISSING_ARGS);
                })));
    }

    @Test
    void reducerErrorRejectsAndDestroysSource() {
        Must.run(() -> {
            RuntimeException boom = new RuntimeException("reduce");
            Readable<Integer> src = range(1, 100);
            src.on(EventEmitter.ERROR, Must.callConsumer(e -> assertThat(e).isInstanceOf(AbortException.class)));
            Operators.reduce(src, (Integer a, Integer b) -> {
                if (b == 3) {
                    throw boom;
                }
                return a + b;
            }, 0).whenComplete(Must.callBiConsumer((v, e) -> assertThat(e).isSameAs(boom)));
        });
    }

    @Test
    void forEachAndToList() {
        Must.run(() -> {
            StringBuilder sb = new StringBuilder();
            Operators.forEach(range(1, 4), sb::append).thenRun(Must.call(() -> assertThat(sb).hasToString("123")));
            Operators.toList(range(0, 0)).thenAccept(Must.callConsumer(l -> assertThat(l).isEmpty()));
        });
    }

    @Test
    void flatMapFlattensIterablesStreamsAndReadables() {
        Must.run(() -> Operators.toList(Operators.flatMap(range(1, 4), x -> switch (x) {
            case 1 -> List.of("a", "b");
            case 2 -> Readables.from(List.of("c"));
            default -> java.util.stream.Stream.of("d", "e");
        })).thenAccept(Must.callConsumer(l -> assertThat(l).containsExactly("a", "b", "c", "d", "e"))));
    }

    @Test
    void someFindEveryShortCircuitAndDestroySource() {
        // node: some true / find 2 and the source gets 'error' AbortError then 'close'.
        EventLog log = new EventLog();
        Must.run(() -> {
            Readable<Integer> a = range(1, 5);
            a.on(EventEmitter.ERROR, e -> log.log("a err " + e.getClass().getSimpleName()));
            Operators.some(a, x -> x == 2).thenAccept(Must.callConsumer(v -> log.log("some " + v)));
            Readable<Integer> b = range(1, 5);
            b.on(EventEmitter.ERROR, e -> log.log("b err " + e.getClass().getSimpleName()));
            Operators.find(b, x -> x == 2).thenAccept(Must.callConsumer(v -> log.log("find " + v)));
            Operators.every(range(1, 5), x -> x < 10).thenAccept(Must.callConsumer(v -> log.log("every " + v)));
            Operators.find(range(1, 5), x -> x > 10).thenAccept(Must.callConsumer(v -> log.log("none " + v)));
        });
        assertThat(log.entries()).contains("some true", "find 2", "every true", "none null",
                "a err AbortException", "b err AbortException");
    }
}
