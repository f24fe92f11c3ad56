package io.sluice.stream.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.error.NodeError;
import io.sluice.error.NodeTypeException;
import io.sluice.stream.Readable;
import io.sluice.stream.StreamOptions;
import io.sluice.stream.Streams;
import io.sluice.stream.Transform;
import io.sluice.stream.Writable;
import io.sluice.testing.Must;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-stream-transform-split-highwatermark.js: readableHighWaterMark and
 * writableHighWaterMark set one side each; a plain highWaterMark wins over both; unset sides get
 * the default; an invalid value throws {@code ERR_INVALID_ARG_VALUE} naming the option; plain
 * Readable/Writable ignore the per-side options.
 *
 * <p>Java's options are {@code long}s, so JS's {@code undefined}/{@code null} (option not given)
 * is simply not calling the setter, and the invalid value is -1 instead of {@code NaN}
 * (node v20 gives the same error, "Received -1").
 */
class StreamTransformSplitHighwatermarkTest {

    private static final long DEFAULT = Streams.getDefaultHighWaterMark(false);

    private static void testTransform(long expectedReadable, long expectedWritable, StreamOptions options) {
        Transform<Object, Object> t = new Transform<>(options);
        assertThat(t.readableHighWaterMark()).isEqualTo(expectedReadable);
        assertThat(t.writableHighWaterMark()).isEqualTo(expectedWritable);
    }

    @Test
    void perSideOverrides() {
        Must.run(() -> {
            testTransform(666, DEFAULT, StreamOptions.create().readableHighWaterMark(666));
            testTransform(DEFAULT, 777, StreamOptions.create().writableHighWaterMark(777));
            testTransform(666, 777, StreamOptions.create().readableHighWaterMark(666).writableHighWaterMark(777));
        });
    }

    @Test
    void highWaterMarkWins() {
        Must.run(() -> {
            testTransform(555, 555, StreamOptions.create().highWaterMark(555).readableHighWaterMark(666));
            testTransform(555, 555, StreamOptions.create().highWaterMark(555).writableHighWaterMark(777));
            testTransform(555, 555, StreamOptions.create().highWaterMark(555).readableHighWaterMark(666)
                    .writableHighWaterMark(777));
        });
    }

    @Test
    void unsetSidesGetTheDefault() {
        Must.run(() -> {
            testTransform(DEFAULT, DEFAULT, StreamOptions.create());
            testTransform(DEFAULT, DEFAULT, null);
        });
    }

    @Test
    void invalidValues() {
        Must.run(() -> {
            assertThatThrownBy(() -> new Transform<>(StreamOptions.create().readableHighWaterMark(-1)))
                    .isInstanceOf(NodeTypeException.class)
                    .hasMessage("The property 'options.readableHighWaterMark' is invalid. Received -1")
                    .satisfies(e -> assertThat(((NodeError) e).code()).isEqualTo("ERR_INVALID_ARG_VALUE"));
            assertThatThrownBy(() -> new Transform<>(StreamOptions.create().writableHighWaterMark(-1)))
                    .isInstanceOf(NodeTypeException.class)
                    .hasMessage("The property 'options.writableHighWaterMark' is invalid. Received -1")
                    .satisfies(e -> assertThat(((NodeError) e).code()).isEqualTo("ERR_INVALID_ARG_VALUE"));
        });
    }

    @Test
    void nonDuplexStreamsIgnoreTheOptions() {
        Must.run(() -> {
            assertThat(new Readable<>(StreamOptions.create().readableHighWaterMark(666)).readableHighWaterMark())
                    .isEqualTo(DEFAULT);
            assertThat(new Writable<>(StreamOptions.create().writableHighWaterMark(777)).writableHighWaterMark())
                    .isEqualTo(DEFAULT);
        });
    }
}
