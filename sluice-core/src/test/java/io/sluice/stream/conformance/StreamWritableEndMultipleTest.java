package io.sluice.stream.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.loop.EventLoop;
import io.sluice.stream.StreamOptions;
import io.sluice.stream.Writable;
import io.sluice.testing.Must;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-stream-writable-end-multiple.js: two {@code end()} calls before
 * {@code 'finish'} both get their callback (without error); an {@code end()} after finish gets
 * {@code ERR_STREAM_ALREADY_FINISHED}, on a later tick.
 */
class StreamWritableEndMultipleTest {

    @Test
    void endCallbacksBeforeAndAfterFinish() {
        Must.run(() -> {
            Writable<Object> writable = new Writable<>(StreamOptions.create().doWrite((s, c, e, cb) ->
                    EventLoop.current().setTimeout(() -> cb.done(), 10)));
            writable.end("testing ended state", Must.callConsumer((Throwable err) -> assertThat(err).isNull())::accept);
            writable.end(Must.callConsumer((Throwable err) -> assertThat(err).isNull())::accept);
            writable.on(Writable.FINISH, Must.callConsumer(v -> {
                boolean[] ticked = {false};
                writable.end(Must.callConsumer((Throwable err) -> {
                    assertThat(TestChunks.code(err)).isEqualTo("ERR_STREAM_ALREADY_FINISHED");
                    assertThat(ticked[0]).isTrue();
                })::accept);
                ticked[0] = true;
            }));
        });
    }
}
