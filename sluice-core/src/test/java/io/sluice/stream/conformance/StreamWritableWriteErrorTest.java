package io.sluice.stream.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.error.NodeError;
import io.sluice.error.NodeTypeException;
import io.sluice.stream.StreamOptions;
import io.sluice.stream.Writable;
import io.sluice.testing.Must;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Port of test/parallel/test-stream-writable-write-error.js (as of node v20): which write
 * failures are thrown synchronously (a null chunk, a wrong chunk type, an unknown encoding) and
 * which go to the callback on a later tick (a write after end: callback, then {@code 'error'};
 * after destroy: the callback only), with and without autoDestroy.
 */
class StreamWritableWriteErrorTest {

    private static Writable<Object> make(boolean autoDestroy) {
        return new Writable<>(StreamOptions.create().autoDestroy(autoDestroy).doWrite((s, c, e, cb) -> {}));
    }

    @ParameterizedTest(name = "autoDestroy {0}")
    @ValueSource(booleans = {false, true})
    void writeAfterEnd(boolean autoDestroy) {
        Must.run(() -> {
            Writable<Object> w = make(autoDestroy);
            w.end();
            boolean[] ticked = {false};
            boolean[] errorCalled = {false};
            w.write("asd", Must.callConsumer((Throwable err) -> {
                assertThat(ticked[0]).isTrue();
                assertThat(errorCalled[0]).isFalse();
                assertThat(TestChunks.code(err)).isEqualTo("ERR_STREAM_WRITE_AFTER_END");
            })::accept);
            ticked[0] = true;
            w.on(Writable.ERROR, Must.callConsumer(err -> {
                errorCalled[0] = true;
                assertThat(TestChunks.code(err)).isEqualTo("ERR_STREAM_WRITE_AFTER_END");
            }));
        });
    }

    @ParameterizedTest(name = "autoDestroy {0}")
    @ValueSource(booleans = {false, true})
    void writeAfterDestroyGoesToTheCallbackOnly(boolean autoDestroy) {
        Must.run(() -> {
            Writable<Object> w = make(autoDestroy);
            w.destroy();
            boolean[] ticked = {false};
            w.write("asd", Must.callConsumer((Throwable err) -> {
                assertThat(ticked[0]).isTrue();
                assertThat(TestChunks.code(err)).isEqualTo("ERR_STREAM_DESTROYED");
            })::accept);
            ticked[0] = true;
            w.on(Writable.ERROR, Must.notCallConsumer());
        });
    }

    @ParameterizedTest(name = "autoDestroy {0}")
    @ValueSource(booleans = {false, true})
    void synchronousFailures(boolean autoDestroy) {
        Must.run(() -> {
            assertThatThrownBy(() -> make(autoDestroy).write(null, err -> Must.notCall().run()))
                    .isInstanceOf(NodeTypeException.class)
                    .satisfies(e -> assertThat(((NodeError) e).code()).isEqualTo("ERR_STREAM_NULL_VALUES"));
            assertThatThrownBy(() -> make(autoDestroy).write(new Object(), err -> Must.notCall().run()))
                    .isInstanceOf(NodeTypeException.class)
                    .satisfies(e -> assertThat(((NodeError) e).code()).isEqualTo("ERR_INVALID_ARG_TYPE"));
            Writable<Object> w = new Writable<>(StreamOptions.create().decodeStrings(false).autoDestroy(autoDestroy)
                    .doWrite((s, c, e, cb) -> {}));
            assertThatThrownBy(() -> w.write("asd", "noencoding", err -> Must.notCall().run()))
                    .isInstanceOf(NodeTypeException.class)
                    .satisfies(e -> assertThat(((NodeError) e).code()).isEqualTo("ERR_UNKNOWN_ENCODING"));
        });
    }
}
