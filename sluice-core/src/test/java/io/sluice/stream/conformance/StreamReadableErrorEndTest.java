package io.sluice.stream.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.stream.Readable;
import io.sluice.stream.StreamOptions;
import io.sluice.testing.Must;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-stream-readable-error-end.js: a destroy with an error after
 * {@code push(null)} but before the data is consumed gives {@code 'error'}, not {@code 'end'}
 * (the buffered chunk is still delivered).
 */
class StreamReadableErrorEndTest {

    @Test
    void errorAfterEofBeforeConsumptionWins() {
        Must.run(() -> {
            Readable<Object> r = new Readable<>(StreamOptions.create().doRead((s, n) -> {}));
            r.on(Readable.DATA, Must.callConsumer(d -> assertThat(TestChunks.str(d)).isEqualTo("asd")));
            r.on(Readable.END, Must.notCallConsumer());
            r.on(Readable.ERROR, Must.callConsumer(e -> assertThat(e.getMessage()).isEqualTo("kaboom")));
            r.push("asd");
            r.push(null);
            r.destroy(new RuntimeException("kaboom"));
        });
    }
}
