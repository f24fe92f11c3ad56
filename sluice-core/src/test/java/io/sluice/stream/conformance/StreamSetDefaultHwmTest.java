package io.sluice.stream.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.stream.Readable;
import io.sluice.stream.StreamOptions;
import io.sluice.stream.Streams;
import io.sluice.stream.Transform;
import io.sluice.stream.Writable;
import io.sluice.testing.Must;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-stream-set-default-hwm.js: {@code setDefaultHighWaterMark} changes
 * the default of streams constructed afterwards, for byte and object mode, on Readable, Writable
 * and both sides of a Transform. The process-wide defaults are restored afterwards, since other
 * tests in this JVM depend on them.
 */
class StreamSetDefaultHwmTest {

    @Test
    void defaultsApplyToNewStreams() {
        long bytes = Streams.getDefaultHighWaterMark(false);
        long objects = Streams.getDefaultHighWaterMark(true);
        try {
            assertThat(bytes).isNotEqualTo(32 * 1000);
            Streams.setDefaultHighWaterMark(false, 32 * 1000);
            assertThat(Streams.getDefaultHighWaterMark(false)).isEqualTo(32 * 1000);
            assertThat(objects).isNotEqualTo(32);
            Streams.setDefaultHighWaterMark(true, 32);
            assertThat(Streams.getDefaultHighWaterMark(true)).isEqualTo(32);
            Must.run(() -> {
                Writable<Object> w = new Writable<>(StreamOptions.create().doWrite((s, c, e, cb) -> {}));
                assertThat(w.writableHighWaterMark()).isEqualTo(32 * 1000);
                Readable<Object> r = new Readable<>(StreamOptions.create().doRead((s, n) -> {}));
                assertThat(r.readableHighWaterMark()).isEqualTo(32 * 1000);
                Transform<Object, Object> t = new Transform<>();
                assertThat(t.writableHighWaterMark()).isEqualTo(32 * 1000);
                assertThat(t.readableHighWaterMark()).isEqualTo(32 * 1000);
                Readable<Object> ro = new Readable<>(StreamOptions.create().objectMode(true).doRead((s, n) -> {}));
                assertThat(ro.readableHighWaterMark()).isEqualTo(32);
                Transform<Object, Object> to = new Transform<>(StreamOptions.create().objectMode(true));
                assertThat(to.writableHighWaterMark()).isEqualTo(32);
                assertThat(to.readableHighWaterMark()).isEqualTo(32);
            });
        } finally {
            Streams.setDefaultHighWaterMark(false, bytes);
            Streams.setDefaultHighWaterMark(true, objects);
        }
    }
}
