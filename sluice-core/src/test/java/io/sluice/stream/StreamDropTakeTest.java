package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.error.AbortException;
import io.sluice.error.NodeRangeException;
import io.sluice.event.EventEmitter;
import io.sluice.testing.EventLog;
import io.sluice.testing.Must;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Port of test/parallel/test-stream-drop-take.js. */
class StreamDropTakeTest {

    private static Readable<Integer> range(int from, int to) {
        return Readables.from(IntStream.range(from, to).boxed().toList());
    }

    @Test
    void dropAndTakeCounts() {
        Must.run(() -> {
            Operators.toList(Operators.drop(range(1, 4), 2)).thenAccept(Must.callConsumer(l -> assertThat(l).containsExactly(3)));
            Operators.toList(Operators.take(range(1, 4), 2)).thenAccept(Must.callConsumer(l -> assertThat(l).containsExactly(1, 2)));
            Operators.toList(Operators.drop(range(1, 4), 5)).thenAccept(Must.callConsumer(l -> assertThat(l).isEmpty()));
            Operators.toList(Operators.take(range(1, 4), 0)).thenAccept(Must.callConsumer(l -> assertThat(l).isEmpty()));
            Operators.toList(Operators.take(Operators.drop(range(1, 10), 2), 3))
                    .thenAccept(Must.callConsumer(l -> assertThat(l).containsExactly(3, 4, 5)));
        });
    }

    @Test
    void takeDestroysSourceLikeNode() {
        // node: take src err AbortError, take src close, take [ 1, 2 ]
        EventLog log = new EventLog();
        Must.run(() -> {
            Readable<Integer> src = range(1, 5);
            src.on(EventEmitter.ERROR, e -> log.log("src err " + (e instanceof AbortException)));
            src.on(Stream.CLOSE, v -> log.log("src close"));
            Operators.toList(Operators.take(src, 2)).thenAccept(Must.callConsumer(l -> log.log("take " + l)));
        });
        assertThat(log.entries()).containsExactly("src err true", "src close", "take [1, 2]");
    }

    @Test
    void takeOfInfiniteSourceEnds() {
        Must.run(() -> {
            Readable<Integer> src = Readables.from(IntStream.iterate(0, i -> i + 1).boxed().iterator());
            src.on(EventEmitter.ERROR, e -> {});
            Operators.toList(Operators.take(src, 3)).thenAccept(Must.callConsumer(l -> assertThat(l).containsExactly(0, 1, 2)));
        });
    }

    @Test
    void invalidNumbersThrow() {
        Must.run(() -> {
            assertThatThrownBy(() -> Operators.take(range(1, 2), -1)).isInstanceOf(NodeRangeException.class)
                    .hasMessage("The value of \"number\" is out of range. It must be >= 0. Received -1");
            assertThatThrownBy(() -> Operators.drop(range(1, 2), -1)).isInstanceOf(NodeRangeException.class)
                    .hasMessage("The value of \"number\" is out of range. It must be >= 0. Received -1");
        });
    }
}
