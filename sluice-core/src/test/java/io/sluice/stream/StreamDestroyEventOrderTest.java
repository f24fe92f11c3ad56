package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.event.EventEmitter;
import io.sluice.testing.Must;
import org.junit.jupiter.api.Test;

/** Port of test/parallel/test-stream-destroy-event-order.js: 'error' strictly before 'close'. */
class StreamDestroyEventOrderTest {
    @Test
    void errorBeforeClose() {
        Must.run(() -> {
            boolean[] closed = {false};
            boolean[] errored = {false};
            Readable<Object> rs = new Readable<>(StreamOptions.create().doRead((s, n) -> {}));
            rs.on(Stream.CLOSE, Must.callConsumer(v -> {
                closed[0] = true;
                assertThat(errored[0]).isTrue();
            }));
            rs.on(EventEmitter.ERROR, Must.callConsumer(err -> {
                errored[0] = true;
                assertThat(closed[0]).isFalse();
            }));
            rs.destroy(new RuntimeException("kaboom"));
        });
    }
}
