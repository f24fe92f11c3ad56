package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.error.ErrorCodes;
import io.sluice.error.NodeError;
import io.sluice.error.NodeException;
import io.sluice.event.EventEmitter;
import io.sluice.loop.EventLoop;
import io.sluice.testing.EventLog;
import io.sluice.testing.Must;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-stream-writable-destroy.js. Where the file in the search index is
 * older than v20, the expectations are node v20.20.2's (each checked by running it): a second
 * destroy(err) is ignored, a write after destroy only calls back, a buffered write fails with the
 * stream's error. {@code _undestroy} and the {@code destroyed} setter are not ported (no Java API).
 */
class StreamWritableDestroyTest {

    private static Writable<Object> syncWriter(StreamOptions o) {
        return new Writable<>(o.doWrite((s, c, e, cb) -> cb.done()));
    }

    private static String code(Throwable e) {
        return e instanceof NodeError ne ? ne.code() : null;
    }

    @Test
    void destroyWithoutError() {
        Must.run(() -> {
            Writable<Object> write = syncWriter(StreamOptions.create());
            write.on(Writable.FINISH, Must.notCallConsumer());
            write.on(Stream.CLOSE, Must.callConsumer());
            write.destroy();
            assertThat(write.destroyed()).isTrue();
        });
    }

    @Test
    void destroyInsideWrite() {
        Must.run(() -> {
            Writable<Object> write = new Writable<>(StreamOptions.create().doWrite((Stream s, Object c, String e, Callback cb) -> {
                s.destroy(new RuntimeException("asd"));
                cb.done();
            }));
            write.on(EventEmitter.ERROR, Must.callConsumer());
            write.on(Writable.FINISH, Must.notCallConsumer());
            write.end("asd");
            assertThat(write.destroyed()).isTrue();
        });
    }

    @Test
    void destroyWithError() {
        Must.run(() -> {
            Writable<Object> write = syncWriter(StreamOptions.create());
            RuntimeException expected = new RuntimeException("kaboom");
            write.on(Writable.FINISH, Must.notCallConsumer());
            write.on(Stream.CLOSE, Must.callConsumer());
            write.on(EventEmitter.ERROR, Must.callConsumer(err -> assertThat(err).isSameAs(expected)));
            write.destroy(expected);
            assertThat(write.destroyed()).isTrue();
        });
    }

    @Test
    void destroyHookPassesErrorOn() {
        Must.run(() -> {
            RuntimeException expected = new RuntimeException("kaboom");
            Writable<Object> write = syncWriter(StreamOptions.create().doDestroy((s, err, cb) -> {
                assertThat(err).isSameAs(expected);
                cb.done(err);
            }));
            write.on(Writable.FINISH, Must.notCallConsumer("no finish event"));
            write.on(Stream.CLOSE, Must.callConsumer());
            write.on(EventEmitter.ERROR, Must.callConsumer(err -> assertThat(err).isSameAs(expected)));
            write.destroy(expected);
            assertThat(write.destroyed()).isTrue();
        });
    }

    @Test
    void destroyHookSwallowsError() {
        Must.run(() -> {
            RuntimeException expected = new RuntimeException("kaboom");
            Runnable called = Must.call();
            Writable<Object> write = syncWriter(StreamOptions.create().doDestroy((s, err, cb) -> {
                called.run();
                assertThat(err).isSameAs(expected);
                cb.done();
            }));
            write.on(Writable.FINISH, Must.notCallConsumer("no finish event"));
            write.on(Stream.CLOSE, Must.callConsumer());
            write.on(EventEmitter.ERROR, Must.notCallConsumer("no error event"));
            write.destroy(expected);
            assertThat(write.destroyed()).isTrue();
        });
    }

    @Test
    void destroyHookGetsNullWithoutError() {
        Must.run(() -> {
            Runnable called = Must.call();
            Writable<Object> write = syncWriter(StreamOptions.create().doDestroy((s, err, cb) -> {
                called.run();
                assertThat(err).isNull();
                cb.done();
            }));
            write.destroy();
            assertThat(write.destroyed()).isTrue();
        });
    }

    @Test
    void endInsideDestroyHookDoesNotFinish() {
        Must.run(() -> {
            Runnable called = Must.call();
            Writable<Object> write = syncWriter(StreamOptions.create().doDestroy((Writable<Object> s, Throwable err, Callback cb) -> {
                called.run();
                assertThat(err).isNull();
                EventLoop.current().nextTick(() -> {
                    s.end();
                    cb.done();
                });
            }));
            write.on(Writable.FINISH, Must.notCallConsumer("no finish event"));
            write.on(Stream.CLOSE, Must.callConsumer());
            write.destroy();
            assertThat(write.destroyed()).isTrue();
        });
    }

    @Test
    void destroyHookReplacesMissingError() {
        Must.run(() -> {
            RuntimeException expected = new RuntimeException("kaboom");
            Runnable called = Must.call();
            Writable<Object> write = syncWriter(StreamOptions.create().doDestroy((s, err, cb) -> {
                called.run();
                assertThat(err).isNull();
                cb.done(expected);
            }));
            write.on(Stream.CLOSE, Must.callConsumer());
            write.on(Writable.FINISH, Must.notCallConsumer("no finish event"));
            write.on(EventEmitter.ERROR, Must.callConsumer(err -> assertThat(err).isSameAs(expected)));
            write.destroy();
            assertThat(write.destroyed()).isTrue();
        });
    }

    @Test
    void doubleErrorEmitsOnlyTheFirst() {
        Must.run(() -> {
            Writable<Object> write = syncWriter(StreamOptions.create());
            write.on(Stream.CLOSE, Must.callConsumer());
            write.on(EventEmitter.ERROR, Must.callConsumer(e -> assertThat(e).hasMessage("kaboom 1")));
            write.destroy(new RuntimeException("kaboom 1"));
            write.destroy(new RuntimeException("kaboom 2"));
            assertThat(write.destroyed()).isTrue();
            assertThat(write.errored()).hasMessage("kaboom 1");
        });
    }

    @Test
    void secondDestroyWhileHookPendingIsIgnored() {
        Must.run(() -> {
            Runnable called = Must.call();
            Writable<Object> writable = syncWriter(StreamOptions.create().doDestroy((s, err, cb) -> {
                called.run();
                EventLoop.current().nextTick(() -> cb.done(new RuntimeException("kaboom 1")));
            }));
            writable.on(Stream.CLOSE, Must.callConsumer());
            // v20: the hook's error is the one emitted; the second destroy's error is dropped.
            writable.on(EventEmitter.ERROR, Must.expectsError(null, RuntimeException.class, "kaboom 1"));
            writable.destroy();
            assertThat(writable.destroyed()).isTrue();
            assertThat(writable.w.has(SideState.ERROR_EMITTED)).isFalse();
            writable.destroy(new RuntimeException("kaboom 2"));
            assertThat(writable.w.has(SideState.ERROR_EMITTED)).isFalse();
            assertThat(writable.errored()).isNull();
        });
    }

    @Test
    void destroyThenDestroyWithCallback() {
        Must.run(() -> {
            Writable<Object> write = syncWriter(StreamOptions.create());
            write.destroy();
            RuntimeException expected = new RuntimeException("kaboom");
            // Node's undocumented destroy(err, cb): on an already destroyed stream cb runs at once.
            Runnable called = Must.call();
            write.destroyImpl(expected, err -> {
                called.run();
                assertThat(err).isNull();
            });
        });
    }

    @Test
    void writeAfterDestroyOnlyCallsBack() {
        Must.run(() -> {
            Writable<Object> write = new Writable<>();
            write.destroy();
            write.on(EventEmitter.ERROR, Must.notCallConsumer());
            write.write("asd", e -> Must.expectsError(ErrorCodes.ERR_STREAM_DESTROYED, NodeException.class,
                    "Cannot call write after a stream was destroyed").accept(e));
        });
    }

    @Test
    void corkedWritesFailAfterDestroy() {
        EventLog[] logs = new EventLog[1];
        Must.run(() -> {
            EventLog log = logs[0] = new EventLog();
            Writable<Object> write = syncWriter(StreamOptions.create());
            write.on(EventEmitter.ERROR, Must.notCallConsumer());
            write.cork();
            write.write("asd", e -> log.log("cb a " + code(e)));
            write.uncork();
            write.cork();
            write.write("asd", e -> log.log("cb b " + code(e)));
            write.destroy();
            write.write("asd", e -> log.log("cb c " + code(e)));
            write.uncork();
        });
        assertThat(logs[0].entries()).containsExactly(
                "cb a null", "cb b ERR_STREAM_DESTROYED", "cb c ERR_STREAM_DESTROYED");
    }

    @Test
    void endCallbackAfterErrorAndDestroy() {
        Must.run(() -> {
            Writable<Object> write = new Writable<>(StreamOptions.create()
                    .doWrite((s, c, e, cb) -> cb.done(new RuntimeException("asd"))));
            write.on(EventEmitter.ERROR, Must.callConsumer(x -> {
                write.destroy();
                boolean[] ticked = {false};
                write.end(Must.callConsumer((Throwable err) -> {
                    assertThat(ticked[0]).isTrue();
                    assertThat(code(err)).isEqualTo(ErrorCodes.ERR_STREAM_DESTROYED);
                })::accept);
                ticked[0] = true;
            }));
            write.write("asd");
        });
    }

    @Test
    void endCallbackAfterFinishAndDestroy() {
        Must.run(() -> {
            Writable<Object> write = syncWriter(StreamOptions.create());
            write.on(Writable.FINISH, Must.callConsumer(x -> {
                write.destroy();
                boolean[] ticked = {false};
                write.end(Must.callConsumer((Throwable err) -> {
                    assertThat(ticked[0]).isTrue(); // v20: always on a later tick
                    assertThat(code(err)).isEqualTo(ErrorCodes.ERR_STREAM_ALREADY_FINISHED);
                })::accept);
                ticked[0] = true;
            }));
            write.end();
        });
    }

    @Test
    void endCallbackGetsDestroyError() {
        Must.run(() -> {
            Writable<Object> write = new Writable<>(StreamOptions.create()
                    .doWrite((s, c, e, cb) -> EventLoop.current().nextTick(cb::done)));
            write.once(EventEmitter.ERROR, Must.callConsumer(err -> assertThat(err).hasMessage("asd")));
            write.end("asd", Must.callConsumer((Throwable err) -> assertThat(err).hasMessage("asd"))::accept);
            write.destroy(new RuntimeException("asd"));
        });
    }

    @Test
    void bufferedWriteCallbackGetsStreamError() {
        Must.run(() -> {
            Writable<Object> write = new Writable<>(StreamOptions.create().autoDestroy(false)
                    .doWrite((s, c, e, cb) -> EventLoop.current().nextTick(() -> cb.done(new RuntimeException("asd")))));
            write.cork();
            write.write("asd", Must.callConsumer((Throwable err) -> assertThat(err).hasMessage("asd"))::accept);
            // v20: the buffered write fails with the stream's error (errorBuffer uses state.errored).
            write.write("asd", Must.callConsumer((Throwable err) -> assertThat(err).hasMessage("asd"))::accept);
            write.on(EventEmitter.ERROR, Must.callConsumer(err -> assertThat(err).hasMessage("asd")));
            write.uncork();
        });
    }

    @Test
    void callbackOrderOnDestroy() {
        Must.run(() -> {
            int[] state = {0};
            Writable<Object> write = new Writable<>(StreamOptions.create()
                    .doWrite((s, c, e, cb) -> EventLoop.current().setImmediate(cb::done)));
            Consumer<Throwable> first = Must.callConsumer(err -> {
                assertThat(err).isNull();
                assertThat(state[0]++).isZero();
            });
            Consumer<Throwable> second = Must.callConsumer(err -> {
                assertThat(code(err)).isEqualTo(ErrorCodes.ERR_STREAM_DESTROYED);
                assertThat(state[0]++).isEqualTo(1);
            });
            write.write("asd", first::accept);
            write.write("asd", second::accept);
            write.destroy();
        });
    }
}
