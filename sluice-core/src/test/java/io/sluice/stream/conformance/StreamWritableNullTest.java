package io.sluice.stream.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.error.NodeError;
import io.sluice.error.NodeTypeException;
import io.sluice.stream.StreamOptions;
import io.sluice.stream.Writable;
import io.sluice.testing.Must;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-stream-writable-null.js: {@code write(null)} throws TypeError
 * {@code ERR_STREAM_NULL_VALUES} even in objectMode (with or without an error listener);
 * {@code write(false)} throws {@code ERR_INVALID_ARG_TYPE} in byte mode; objectMode accepts
 * {@code false}.
 */
class StreamWritableNullTest {

    private static Writable<Object> make(StreamOptions o) {
        return new Writable<>(o.doWrite((s, chunk, enc, cb) -> {
            assertThat(chunk).isNotNull();
            cb.done();
        }));
    }

    private static void assertCode(Throwable e, String code) {
        assertThat(((NodeError) e).code()).isEqualTo(code);
    }

    @Test
    void nullThrowsInObjectMode() {
        Must.run(() -> {
            assertThatThrownBy(() -> make(StreamOptions.create().objectMode(true)).write(null))
                    .isInstanceOf(NodeTypeException.class)
                    .hasMessage("May not write null values to stream")
                    .satisfies(e -> assertCode(e, "ERR_STREAM_NULL_VALUES"));
            Writable<Object> m = make(StreamOptions.create().objectMode(true));
            m.on(Writable.ERROR, Must.notCallConsumer());
            assertThatThrownBy(() -> m.write(null, err -> Must.notCall().run()))
                    .satisfies(e -> assertCode(e, "ERR_STREAM_NULL_VALUES"));
        });
    }

    @Test
    void falseThrowsInByteMode() {
        Must.run(() -> {
            assertThatThrownBy(() -> make(StreamOptions.create()).write(false))
                    .isInstanceOf(NodeTypeException.class)
                    .satisfies(e -> assertCode(e, "ERR_INVALID_ARG_TYPE"));
            Writable<Object> m = make(StreamOptions.create());
            m.on(Writable.ERROR, Must.notCallConsumer());
            assertThatThrownBy(() -> m.write(false, err -> Must.notCall().run()))
                    .satisfies(e -> assertCode(e, "ERR_INVALID_ARG_TYPE"));
        });
    }

    @Test
    void falseIsAnObject() {
        Must.run(() -> {
            Writable<Object> m = make(StreamOptions.create().objectMode(true));
            m.on(Writable.ERROR, Must.notCallConsumer());
            m.write(false, Must.callConsumer((Throwable err) -> assertThat(err).isNull())::accept);
        });
    }
}
