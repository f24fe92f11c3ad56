package io.sluice.stream.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.loop.EventLoop;
import io.sluice.stream.StreamOptions;
import io.sluice.stream.Writable;
import io.sluice.testing.Must;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-stream-writable-end-cb-error.js, with the expectations of node
 * v20.20.2 (checked by running the cases): every end callback receives the write error (before
 * {@code 'error'}); an end callback is not called twice when a stray {@code 'error'} follows
 * {@code 'finish'}; {@code end(chunk)} on an ending stream fails with
 * {@code ERR_STREAM_WRITE_AFTER_END}, which every pending end callback then receives.
 */
class StreamWritableEndCbErrorTest {

    @Test
    void endCallbacksGetTheWriteError() {
        Must.run(() -> {
            boolean[] errorSeen = {false};
            Writable<Object> writable = new Writable<>(StreamOptions.create().doWrite((s, c, e, cb) ->
                    EventLoop.current().nextTick(() -> cb.done(new RuntimeException("kaboom")))));
            writable.on(Writable.ERROR, Must.callConsumer(err -> {
                errorSeen[0] = true;
                assertThat(err.getMessage()).isEqualTo("kaboom");
            }));
            writable.write("asd");
            for (int i = 0; i < 2; i++) {
                writable.end(Must.callConsumer((Throwable err) -> {
                    assertThat(err).hasMessage("kaboom");
                    assertThat(errorSeen[0]).isFalse();
                })::accept);
            }
        });
    }

    @Test
    void endCallbackNotInvokedTwice() {
        Must.run(() -> {
            Writable<Object> writable = new Writable<>(StreamOptions.create().doWrite((s, c, e, cb) ->
                    EventLoop.current().nextTick(() -> cb.done())));
            boolean[] called = {false};
            writable.end("asd", Must.callConsumer((Throwable err) -> {
                called[0] = true;
                assertThat(err).isNull();
            })::accept);
            writable.on(Writable.ERROR, Must.callConsumer(err -> assertThat(err.getMessage()).isEqualTo("kaboom")));
            writable.on(Writable.FINISH, Must.callConsumer(v -> {
                assertThat(called[0]).isTrue();
                writable.emit(Writable.ERROR, new RuntimeException("kaboom"));
            }));
        });
    }

    @Test
    void endWithChunkWhileEnding() {
        Must.run(() -> {
            EventLoop loop = EventLoop.current();
            Writable<Object> w = new Writable<>(StreamOptions.create().doWrite((s, c, e, cb) ->
                    loop.setImmediate(() -> cb.done())));
            w.end("testing ended state", Must.callConsumer((Throwable err) ->
                    assertThat(TestChunks.code(err)).isEqualTo("ERR_STREAM_WRITE_AFTER_END"))::accept);
            assertThat(w.destroyed()).isFalse();
            assertThat(w.writableEnded()).isTrue();
            w.end(Must.callConsumer((Throwable err) ->
                    assertThat(TestChunks.code(err)).isEqualTo("ERR_STREAM_WRITE_AFTER_END"))::accept);
            assertThat(w.destroyed()).isFalse();
            assertThat(w.writableEnded()).isTrue();
            w.end("end", Must.callConsumer((Throwable err) ->
                    assertThat(TestChunks.code(err)).isEqualTo("ERR_STREAM_WRITE_AFTER_END"))::accept);
            assertThat(w.destroyed()).isTrue();
            w.on(Writable.ERROR, Must.callConsumer(err ->
                    assertThat(TestChunks.code(err)).isEqualTo("ERR_STREAM_WRITE_AFTER_END")));
            w.on(Writable.FINISH, Must.notCallConsumer());
        });
    }
}
