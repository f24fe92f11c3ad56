package io.sluice.stream.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.stream.Duplex;
import io.sluice.stream.StreamOptions;
import io.sluice.testing.Must;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-stream-duplex-props.js: shared and per-side objectMode and
 * highWaterMark options are reflected in the {@code readable*} / {@code writable*} properties.
 */
class StreamDuplexPropsTest {

    @Test
    void sharedOptions() {
        Must.run(() -> {
            Duplex<Object, Object> d = new Duplex<>(StreamOptions.create().objectMode(true).highWaterMark(100));
            assertThat(d.writableObjectMode()).isTrue();
            assertThat(d.writableHighWaterMark()).isEqualTo(100);
            assertThat(d.readableObjectMode()).isTrue();
            assertThat(d.readableHighWaterMark()).isEqualTo(100);
        });
    }

    @Test
    void perSideOptions() {
        Must.run(() -> {
            Duplex<Object, Object> d = new Duplex<>(StreamOptions.create()
                    .readableObjectMode(false).readableHighWaterMark(10)
                    .writableObjectMode(true).writableHighWaterMark(100));
            assertThat(d.writableObjectMode()).isTrue();
            assertThat(d.writableHighWaterMark()).isEqualTo(100);
            assertThat(d.readableObjectMode()).isFalse();
            assertThat(d.readableHighWaterMark()).isEqualTo(10);
        });
    }
}
