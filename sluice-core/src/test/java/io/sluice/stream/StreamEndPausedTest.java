package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.loop.EventLoop;
import io.sluice.testing.Must;
import org.junit.jupiter.api.Test;

/** Port of test/parallel/test-stream-end-paused.js: a paused, empty stream still ends once resumed. */
class StreamEndPausedTest {
    @Test
    void pausedZeroLengthStreamEmitsEndAfterResume() {
        boolean[] calledRead = {false};
        Must.run(() -> {
            Readable<Object> stream = new Readable<>(StreamOptions.create().doRead((s, n) -> {
                assertThat(calledRead[0]).isFalse();
                calledRead[0] = true;
                s.push(null);
            }));
            stream.on(Readable.DATA, Must.notCallConsumer("should not ever get data"));
            stream.pause();
            EventLoop.current().setTimeout(() -> {
                stream.on(Readable.END, Must.callConsumer());
                stream.resume();
            }, 1);
        });
        assertThat(calledRead[0]).isTrue();
    }
}
