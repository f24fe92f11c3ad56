package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.error.AbortException;
import io.sluice.error.ErrorCodes;
import io.sluice.event.AbortController;
import io.sluice.event.EventEmitter;
import io.sluice.loop.EventLoop;
import io.sluice.testing.EventLog;
import io.sluice.testing.Must;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-stream-readable-destroy.js, with node v20.20.2's results where the
 * indexed file is older (checked by running node): a second destroy(err) is ignored, destroy with
 * a callback still emits 'error'. The {@code destroyed} setter has no Java counterpart.
 */
class StreamReadableDestroyTest {

    private static Readable<Object> idle(StreamOptions o) {
        return new Readable<>(o.doRead((s, n) -> {}));
    }

    @Test
    void destroyFlowingStream() {
        Must.run(() -> {
            Readable<Object> read = idle(StreamOptions.create());
            read.resume();
            read.on(Stream.CLOSE, Must.callConsumer());
            read.destroy();
            assertThat(read.destroyed()).isTrue();
        });
    }

    @Test
    void destroyWithErrorNoEnd() {
        Must.run(() -> {
            Readable<Object> read = idle(StreamOptions.create());
            read.resume();
            RuntimeException expected = new RuntimeException("kaboom");
            read.on(Readable.END, Must.notCallConsumer("no end event"));
            read.on(Stream.CLOSE, Must.callConsumer());
            read.on(EventEmitter.ERROR, Must.callConsumer(err -> assertThat(err).isSameAs(expected)));
            read.destroy(expected);
            assertThat(read.destroyed()).isTrue();
        });
    }

    @Test
    void destroyHookPassesError() {
        Must.run(() -> {
            RuntimeException expected = new RuntimeException("kaboom");
            Runnable hook = Must.call();
            Readable<Object> read = idle(StreamOptions.create().doDestroy((s, err, cb) -> {
                hook.run();
                assertThat(err).isSameAs(expected);
                cb.done(err);
            }));
            read.on(Readable.END, Must.notCallConsumer("no end event"));
            read.on(Stream.CLOSE, Must.callConsumer());
            read.on(EventEmitter.ERROR, Must.callConsumer(err -> assertThat(err).isSameAs(expected)));
            read.destroy(expected);
            assertThat(read.destroyed()).isTrue();
        });
    }

    @Test
    void destroyHookSwallowsError() {
        Must.run(() -> {
            RuntimeException expected = new RuntimeException("kaboom");
            Runnable hook = Must.call();
            Readable<Object> read = idle(StreamOptions.create().doDestroy((s, err, cb) -> {
                hook.run();
                assertThat(err).isSameAs(expected);
                cb.done();
            }));
            read.on(Readable.END, Must.notCallConsumer("no end event"));
            read.on(EventEmitter.ERROR, Must.notCallConsumer("no error event"));
            read.on(Stream.CLOSE, Must.callConsumer());
            read.destroy(expected);
            assertThat(read.destroyed()).isTrue();
        });
    }

    @Test
    void pushNullInsideDestroyHookGivesNoEnd() {
        Must.run(() -> {
            Runnable hook = Must.call();
            Readable<Object> read = idle(StreamOptions.create().doDestroy((Readable<?> s, Throwable err, Callback cb) -> {
                hook.run();
                assertThat(err).isNull();
                EventLoop.current().nextTick(() -> {
                    s.push(null);
                    cb.done();
                });
            }));
            read.resume();
            read.on(Readable.END, Must.notCallConsumer("no end event"));
            read.on(Stream.CLOSE, Must.callConsumer());
            read.destroy();
            assertThat(read.destroyed()).isTrue();
        });
    }

    @Test
    void errorFromHookIsEmittedOnATick() {
        Must.run(() -> {
            RuntimeException expected = new RuntimeException("kaboom");
            Readable<Object> read = idle(StreamOptions.create().doDestroy((s, err, cb) -> {
                assertThat(err).isNull();
                cb.done(expected);
            }));
            boolean[] ticked = {false};
            read.on(Readable.END, Must.notCallConsumer("no end event"));
            read.on(EventEmitter.ERROR, Must.callConsumer(err -> {
                assertThat(ticked[0]).isTrue();
                assertThat(read.r.has(SideState.ERROR_EMITTED)).isTrue();
                assertThat(err).isSameAs(expected);
            }));
            read.destroy();
            assertThat(read.r.has(SideState.ERROR_EMITTED)).isFalse();
            assertThat(read.errored()).isSameAs(expected);
            assertThat(read.destroyed()).isTrue();
            ticked[0] = true;
        });
    }

    @Test
    void destroyWithCallbackStillEmitsError() {
        EventLog[] logs = new EventLog[1];
        Must.run(() -> {
            EventLog log = logs[0] = new EventLog();
            Readable<Object> read = idle(StreamOptions.create());
            read.resume();
            RuntimeException expected = new RuntimeException("kaboom");
            read.on(Stream.CLOSE, v -> log.log("close errorEmitted=" + read.r.has(SideState.ERROR_EMITTED)));
            read.on(EventEmitter.ERROR, e -> log.log("error " + e.getMessage()));
            read.destroyImpl(expected, err -> log.log("cb " + (err == expected)));
            log.log("sync errorEmitted=" + read.r.has(SideState.ERROR_EMITTED) + " errored=" + (read.errored() != null));
        });
        assertThat(logs[0].entries()).containsExactly(
                "cb true", "sync errorEmitted=false errored=true", "error kaboom", "close errorEmitted=true");
    }

    @Test
    void secondDestroyBeforeHookCallbackIsIgnored() {
        EventLog[] logs = new EventLog[1];
        Must.run(() -> {
            EventLog log = logs[0] = new EventLog();
            Runnable hook = Must.call();
            Readable<Object> readable = idle(StreamOptions.create().doDestroy((s, err, cb) -> {
                hook.run();
                EventLoop.current().nextTick(() -> cb.done(new RuntimeException("kaboom 1")));
            }));
            readable.on(Stream.CLOSE, v -> log.log("close"));
            readable.on(EventEmitter.ERROR, e -> log.log("error " + e.getMessage()));
            readable.destroy();
            log.log("errored " + readable.errored());
            readable.destroy(new RuntimeException("kaboom 2"));
            log.log("errored " + readable.errored());
        });
        assertThat(logs[0].entries()).containsExactly("errored null", "errored null", "error kaboom 1", "close");
    }

    @Test
    void pushReadUnshiftAfterDestroyAreNoOps() {
        Must.run(() -> {
            Readable<Object> read = idle(StreamOptions.create());
            read.destroy();
            read.push("hi");
            read.on(Readable.DATA, Must.notCallConsumer());
            Readable<Object> read2 = new Readable<>(StreamOptions.create().doRead((s, n) -> Must.notCall().run()));
            read2.destroy();
            assertThat(read2.destroyed()).isTrue();
            assertThat(read2.read()).isNull();
            read2.unshift("x");
            assertThat(read2.readableLength()).isZero();
        });
    }

    @Test
    void abortSignalDestroysWithAbortError() {
        Must.run(() -> {
            AbortController ac = new AbortController();
            Readable<Object> read = idle(StreamOptions.create().signal(ac.signal()));
            read.on(EventEmitter.ERROR, Must.callConsumer(e -> {
                assertThat(e).isInstanceOf(AbortException.class);
                assertThat(((AbortException) e).code()).isEqualTo(ErrorCodes.ABORT_ERR);
                assertThat(e.getCause()).isSameAs(ac.signal().reason());
            }));
            read.on(Stream.CLOSE, Must.callConsumer());
            ac.abort();
            assertThat(read.destroyed()).isTrue();
        });
    }

    @Test
    void addAbortSignalOnExistingStream() {
        Must.run(() -> {
            AbortController ac = new AbortController();
            Readable<Object> read = Streams.addAbortSignal(ac.signal(), idle(StreamOptions.create()));
            read.on(EventEmitter.ERROR, Must.expectsError(ErrorCodes.ABORT_ERR, AbortException.class, "The operation was aborted"));
            read.on(Stream.CLOSE, Must.callConsumer());
            assertThat(ac.signal().listenerCount()).isEqualTo(1);
            ac.abort();
            assertThat(read.destroyed()).isTrue();
            // An already aborted signal destroys at once.
            Readable<Object> late = idle(StreamOptions.create());
            late.on(EventEmitter.ERROR, Must.callConsumer());
            Streams.addAbortSignal(ac.signal(), late);
            assertThat(late.destroyed()).isTrue();
            // A stream that finishes first stops listening.
            AbortController ac2 = new AbortController();
            Readable<Object> done = Streams.addAbortSignal(ac2.signal(), new Readable<>(StreamOptions.create().doRead((s, n) -> s.push(null))));
            done.resume();
            done.on(Stream.CLOSE, Must.callConsumer(v -> assertThat(ac2.signal().listenerCount()).isZero()));
        });
    }

    @Test
    void readableAbortedAfterErrorBeforeEnd() {
        Must.run(() -> {
            Readable<Object> read = idle(StreamOptions.create());
            read.on(EventEmitter.ERROR, Must.callConsumer());
            read.on(Stream.CLOSE, Must.callConsumer(v -> assertThat(read.readableAborted()).isTrue()));
            read.push("a");
            read.destroy(new RuntimeException("x"));
            assertThat(read.readableAborted()).isTrue();
            assertThat(read.readable()).isFalse();
        });
    }
}
