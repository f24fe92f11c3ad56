package io.sluice.stream.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.error.NodeError;
import io.sluice.error.NodeRangeException;
import io.sluice.error.NodeTypeException;
import io.sluice.stream.Readable;
import io.sluice.stream.StreamOptions;
import io.sluice.stream.Writable;
import io.sluice.testing.Must;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-streams-highwatermark.js: highWaterMarks beyond 32 bits are kept
 * exactly; invalid ones throw {@code ERR_INVALID_ARG_VALUE}; with highWaterMark 0 an empty push
 * still returns true and {@code read(0)} calls {@code _read}; {@code read(n)} above the mark
 * raises it; a read size above 1 GiB throws {@code ERR_OUT_OF_RANGE}.
 *
 * <p>Adapted: Java's option is a {@code long}, so of Node's invalid values (true, false, '5', {},
 * -5, NaN) only -5 can be expressed; Node's {@code push()} (undefined) becomes {@code push("")},
 * which node v20 also answers with true; read sizes given as strings ('1', '1.0') are JS-only.
 */
class StreamsHighwatermarkTest {

    @Test
    void hugeHighWaterMarkIsKept() {
        Must.run(() -> {
            long ovfl = 9007199254740991L; // Number.MAX_SAFE_INTEGER
            assertThat(new Readable<>(StreamOptions.create().highWaterMark(ovfl)).readableHighWaterMark()).isEqualTo(ovfl);
            assertThat(new Writable<>(StreamOptions.create().highWaterMark(ovfl)).writableHighWaterMark()).isEqualTo(ovfl);
        });
    }

    @Test
    void invalidHighWaterMark() {
        Must.run(() -> {
            for (boolean readable : new boolean[] {true, false}) {
                assertThatThrownBy(() -> {
                    if (readable) {
                        new Readable<>(StreamOptions.create().highWaterMark(-5));
                    } else {
                        new Writable<>(StreamOptions.create().highWaterMark(-5));
                    }
                })
                        .isInstanceOf(NodeTypeException.class)
                        .hasMessage("The property 'options.highWaterMark' is invalid. Received -5")
                        .satisfies(e -> assertThat(((NodeError) e).code()).isEqualTo("ERR_INVALID_ARG_VALUE"));
            }
        });
    }

    @Test
    void emptyPushWithZeroMarkNeedsMoreData() {
        Must.run(() -> {
            Readable<Object> readable = new Readable<>(StreamOptions.create().highWaterMark(0).doRead((s, n) -> {}));
            for (int i = 0; i < 3; i++) {
                assertThat(readable.push("")).isTrue();
            }
        });
    }

    @Test
    void readZeroWithZeroMarkCallsRead() {
        Must.run(() -> {
            Runnable read = Must.call();
            Readable<Object> readable = new Readable<>(StreamOptions.create().highWaterMark(0)
                    .doRead((s, n) -> read.run()));
            readable.read(0);
        });
    }

    @Test
    void readSizeRaisesTheMark() {
        Must.run(() -> {
            Runnable read = Must.call();
            Readable<Object> readable = new Readable<>(StreamOptions.create().highWaterMark(0)
                    .doRead((s, n) -> read.run()));
            readable.read(1);
            assertThat(readable.readableHighWaterMark()).isEqualTo(1);
        });
    }

    @Test
    void readSizeLimit() {
        Must.run(() -> {
            long hwm = 0x40000000L + 1;
            Readable<Object> readable = new Readable<>(StreamOptions.create().doRead((s, n) -> {}));
            assertThatThrownBy(() -> readable.read(hwm))
                    .isInstanceOf(NodeRangeException.class)
                    .hasMessage("The value of \"size\" is out of range. It must be <= 1GiB. Received " + hwm)
                    .satisfies(e -> assertThat(((NodeError) e).code()).isEqualTo("ERR_OUT_OF_RANGE"));
        });
    }
}
