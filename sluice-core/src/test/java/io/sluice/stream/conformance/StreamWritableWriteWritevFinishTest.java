package io.sluice.stream.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.buffer.Buffer;
import io.sluice.loop.EventLoop;
import io.sluice.stream.Readable;
import io.sluice.stream.StreamOptions;
import io.sluice.stream.Writable;
import io.sluice.testing.Must;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Port of test/parallel/test-stream-writable-write-writev-finish.js: a failing {@code _write} or
 * {@code _writev} (sync or async) gives {@code 'error'} and never {@code 'prefinish'} or
 * {@code 'finish'}, with or without cork; the same when the writer is a pipe destination
 * (issue #13812); a write from a {@code 'prefinish'} or {@code 'finish'} listener is a write
 * after end.
 */
class StreamWritableWriteWritevFinishTest {

    private static void failIn(Runnable fail, boolean async) {
        if (async) {
            EventLoop.current().setImmediate(fail);
        } else {
            fail.run();
        }
    }

    @ParameterizedTest(name = "async {0}")
    @ValueSource(booleans = {false, true})
    void writeError(boolean async) {
        Must.run(() -> {
            Writable<Object> writable = new Writable<>(StreamOptions.create().doWrite((s, c, e, cb) ->
                    failIn(() -> cb.done(new RuntimeException("write test error")), async)));
            writable.on(Writable.FINISH, Must.notCallConsumer());
            writable.on(Writable.PREFINISH, Must.notCallConsumer());
            writable.on(Writable.ERROR, Must.callConsumer(er -> assertThat(er).hasMessage("write test error")));
            writable.end("test");
        });
    }

    @ParameterizedTest(name = "async {0}")
    @ValueSource(booleans = {false, true})
    void writevError(boolean async) {
        Must.run(() -> {
            Writable<Object> writable = new Writable<>(StreamOptions.create()
                    .doWrite((s, c, e, cb) -> failIn(() -> cb.done(new RuntimeException("write test error")), async))
                    .doWritev((s, chunks, cb) -> failIn(() -> cb.done(new RuntimeException("writev test error")), async)));
            writable.on(Writable.FINISH, Must.notCallConsumer());
            writable.on(Writable.PREFINISH, Must.notCallConsumer());
            writable.on(Writable.ERROR, Must.callConsumer(er -> assertThat(er).hasMessage("writev test error")));
            writable.cork();
            writable.write("test");
            EventLoop.current().setImmediate(() -> writable.end("test"));
        });
    }

    /** Issue #13812: a piped-into writer whose write fails emits 'error' and no 'finish'. */
    @ParameterizedTest(name = "async {0}")
    @ValueSource(booleans = {false, true})
    void pipeDestinationWriteError(boolean async) {
        Must.run(() -> {
            Readable<Buffer> rs = new Readable<>(StreamOptions.create().doRead((s, n) -> {}));
            rs.push("ok");
            rs.push(null);
            Writable<Object> ws = new Writable<>(StreamOptions.create().doWrite((s, c, e, done) ->
                    failIn(() -> done.done(new RuntimeException()), async)));
            ws.on(Writable.FINISH, Must.notCallConsumer());
            ws.on(Writable.ERROR, Must.callConsumer());
            rs.pipe(ws);
        });
    }

    @Test
    void writeInPrefinishListener() {
        Must.run(() -> {
            Writable<Object> w = new Writable<>(StreamOptions.create().doWrite((s, c, e, cb) ->
                    EventLoop.current().nextTick(() -> cb.done())));
            w.on(Writable.ERROR, Must.callConsumer(e ->
                    assertThat(TestChunks.code(e)).isEqualTo("ERR_STREAM_WRITE_AFTER_END")));
            w.on(Writable.PREFINISH, v -> w.write("shouldn't write in prefinish listener"));
            w.end();
        });
    }

    @Test
    void writeInFinishListener() {
        Must.run(() -> {
            Writable<Object> w = new Writable<>(StreamOptions.create().doWrite((s, c, e, cb) ->
                    EventLoop.current().nextTick(() -> cb.done())));
            w.on(Writable.ERROR, Must.callConsumer(e ->
                    assertThat(TestChunks.code(e)).isEqualTo("ERR_STREAM_WRITE_AFTER_END")));
            w.on(Writable.FINISH, v -> w.write("shouldn't write in finish listener"));
            w.end();
        });
    }
}
