package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.testing.EventLog;
import io.sluice.testing.Must;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-stream-writable-finished.js and -ended-state.js: writableFinished
 * flips at 'finish', which is asynchronous; writableEnded and writable flip synchronously in end();
 * 'prefinish' and doFinal run synchronously inside end().
 */
class StreamWritableFinishedTest {

    @Test
    void finishedStateFlipsAtFinish() {
        Must.run(() -> {
            Writable<Object>[] ref = new Writable[1];
            Writable<Object> writable = ref[0] = new Writable<>(StreamOptions.create().doWrite((s, c, e, cb) -> {
                assertThat(ref[0].writableFinished()).isFalse();
                cb.done();
            }));
            writable.on(Writable.FINISH, Must.callConsumer(v -> assertThat(writable.writableFinished()).isTrue()));
            writable.end("testing finished state", Must.callConsumer((Throwable e) ->
                    assertThat(writable.writableFinished()).isTrue())::accept);
        });
    }

    @Test
    void finishIsAsynchronous() {
        Must.run(() -> {
            Writable<Object> w = new Writable<>(StreamOptions.create().doWrite((s, c, e, cb) -> cb.done()));
            w.end();
            w.on(Writable.FINISH, Must.callConsumer());
        });
    }

    @Test
    void endedStateIsSynchronous() {
        Must.run(() -> {
            Writable<Object> w = new Writable<>(StreamOptions.create().doWrite((s, c, e, cb) -> cb.done()));
            assertThat(w.writableEnded()).isFalse();
            assertThat(w.writable()).isTrue();
            w.write("asd");
            assertThat(w.writableEnded()).isFalse();
            w.end(Must.callConsumer((Throwable e) -> assertThat(w.writableEnded()).isTrue())::accept);
            assertThat(w.writableEnded()).isTrue();
            assertThat(w.writable()).isFalse();
        });
    }

    @Test
    void prefinishAndFinalAreSynchronousInsideEnd() {
        EventLog[] logs = new EventLog[1];
        Must.run(() -> {
            EventLog log = logs[0] = new EventLog();
            Writable<Object> w = new Writable<>(StreamOptions.create()
                    .doWrite((s, c, e, cb) -> cb.done())
                    .doFinal((s, cb) -> {
                        log.log("final");
                        cb.done();
                    }));
            w.on(Writable.PREFINISH, v -> log.log("prefinish"));
            w.on(Writable.FINISH, v -> log.log("finish"));
            w.end();
            log.log("after end");
            Writable<Object> w2 = new Writable<>(StreamOptions.create().doWrite((s, c, e, cb) -> cb.done()));
            w2.on(Writable.PREFINISH, v -> log.log("prefinish2"));
            w2.end();
            log.log("after end2");
        });
        assertThat(logs[0].phases()).containsExactly(
                "sync: final, prefinish, after end, prefinish2, after end2", "tick: finish");
    }
}
