package io.sluice.stream.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.stream.StreamOptions;
import io.sluice.stream.Writable;
import io.sluice.testing.Must;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-stream-writable-ended-state.js: {@code writable} and
 * {@code writableEnded} flip synchronously inside {@code end()}, not while the final chunk is
 * being written. (Node's private {@code _writableState} checks are not ported.)
 */
class StreamWritableEndedStateTest {

    @Test
    void endedFlipsInsideEnd() {
        Must.run(() -> {
            Writable<?>[] ref = new Writable<?>[1];
            Writable<Object> writable = new Writable<>(StreamOptions.create().doWrite((s, c, e, cb) -> {
                assertThat(ref[0].writableEnded()).isFalse();
                cb.done();
            }));
            ref[0] = writable;
            assertThat(writable.writable()).isTrue();
            assertThat(writable.writableEnded()).isFalse();
            writable.end("testing ended state", Must.callConsumer((Throwable err) -> {
                assertThat(writable.writable()).isFalse();
                assertThat(writable.writableEnded()).isTrue();
            })::accept);
            assertThat(writable.writable()).isFalse();
            assertThat(writable.writableEnded()).isTrue();
        });
    }
}
