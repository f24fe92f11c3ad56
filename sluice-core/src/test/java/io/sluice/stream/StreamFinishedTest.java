package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.error.AbortException;
import io.sluice.error.ErrorCodes;
import io.sluice.error.NodeError;
import io.sluice.event.AbortController;
import io.sluice.event.EventEmitter;
import io.sluice.loop.EventLoop;
import io.sluice.testing.Must;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-stream-finished.js (the parts without fs, legacy emitters and
 * async iteration), plus the promise form and the abort signal.
 */
class StreamFinishedTest {

    private static String code(Throwable e) {
        return e instanceof NodeError ne ? ne.code() : String.valueOf(e);
    }

    private static Callback noError() {
        java.util.function.Consumer<Throwable> c = Must.callConsumer(err -> assertThat(err).isNull());
        return c::accept;
    }

    private static Callback premature() {
        java.util.function.Consumer<Throwable> c = Must.callConsumer(err ->
                assertThat(code(err)).isEqualTo(ErrorCodes.ERR_STREAM_PREMATURE_CLOSE));
        return c::accept;
    }

    private static Callback never() {
        Runnable r = Must.notCall();
        return err -> r.run();
    }

    private static Callback once() {
        Runnable r = Must.call();
        return err -> r.run();
    }

    @Test
    void readableEnds() {
        Must.run(() -> {
            Readable<Object> rs = new Readable<>(StreamOptions.create().doRead((s, n) -> {}));
            Streams.finished(rs, noError());
            rs.push(null);
            rs.resume();
        });
    }

    @Test
    void writableFinishes() {
        Must.run(() -> {
            Writable<Object> ws = new Writable<>(StreamOptions.create().doWrite((s, c, e, cb) -> cb.done()));
            Streams.finished(ws, noError());
            ws.end();
        });
    }

    @Test
    void transformWaitsForBothSides() {
        Must.run(() -> {
            Transform<Object, Object> tr = new Transform<>(StreamOptions.create().doTransform((s, c, e, cb) -> cb.done()));
            boolean[] finish = {false};
            boolean[] ended = {false};
            tr.on(Readable.END, v -> ended[0] = true);
            tr.on(Writable.FINISH, v -> finish[0] = true);
            java.util.function.Consumer<Throwable> c = Must.callConsumer(err -> {
                assertThat(err).isNull();
                assertThat(finish[0]).isTrue();
                assertThat(ended[0]).isTrue();
            });
            Streams.finished(tr, c::accept);
            tr.end();
            tr.resume();
        });
    }

    @Test
    void manualCloseAfterEof() {
        Must.run(() -> {
            Readable<Object> rs = new Readable<>(StreamOptions.create().doRead((s, n) -> {}));
            Streams.finished(rs, noError());
            rs.push(null);
            rs.emit(Stream.CLOSE); // after EOF was pushed: not premature
            rs.resume();
        });
    }

    @Test
    void manualCloseBeforeEofIsPremature() {
        Must.run(() -> {
            Readable<Object> rs = new Readable<>(StreamOptions.create().doRead((s, n) -> {}));
            Streams.finished(rs, premature());
            rs.emit(Stream.CLOSE);
            rs.push(null);
            rs.resume();
        });
    }

    @Test
    void nullArgumentsAreRejected() {
        Must.run(() -> {
            Readable<Object> rs = new Readable<>(StreamOptions.create().doRead((s, n) -> {}));
            try {
                Streams.finished(rs, (Callback) null);
                throw new AssertionError("expected ERR_INVALID_ARG_TYPE");
            } catch (IllegalArgumentException e) {
                assertThat(code(e)).isEqualTo(ErrorCodes.ERR_INVALID_ARG_TYPE);
                assertThat(e.getMessage()).contains("callback");
            }
            Streams.finished(rs, null, once());
            rs.push(null);
            rs.resume();
        });
    }

    @Test
    void cleanupRemovesListeners() {
        Must.run(() -> {
            Writable<Object> ws = new Writable<>(StreamOptions.create().doWrite((s, c, e, cb) -> cb.done()));
            Runnable remove = Streams.finished(ws, never());
            remove.run();
            ws.end();
            assertThat(ws.listenerCount("finish")).isZero();
            assertThat(ws.listenerCount("error")).isZero();
            Readable<Object> rs = new Readable<>(StreamOptions.create().doRead((s, n) -> {}));
            Runnable removeListeners = Streams.finished(rs, never());
            removeListeners.run();
            rs.emit(Stream.CLOSE);
            rs.push(null);
            rs.resume();
        });
    }

    @Test
    void destroyAfterEndIsPremature() {
        Must.run(() -> {
            Writable<Object> w = new Writable<>(StreamOptions.create()
                    .doWrite((s, c, e, cb) -> EventLoop.current().setImmediate(cb::done)));
            Streams.finished(w, premature());
            w.end("asd");
            w.destroy();
        });
    }

    private static void testClosed(Function<StreamOptions, Stream> factory) {
        Must.run(() -> {
            // Already destroyed, but the wait is cancelled in the same tick: no callback.
            Stream s1 = factory.apply(StreamOptions.create());
            s1.destroy();
            Runnable dispose = Streams.finished(s1, never());
            dispose.run();

            // Already destroyed: called back.
            Stream s2 = factory.apply(StreamOptions.create());
            s2.destroy();
            Streams.finished(s2, once());

            // Not before destroy has completed.
            boolean[] destroyed = {false};
            Stream s3 = factory.apply(StreamOptions.create().doDestroy((s, err, cb) ->
                    EventLoop.current().setImmediate(() -> {
                        destroyed[0] = true;
                        cb.done();
                    })));
            s3.destroy();
            java.util.function.Consumer<Throwable> c3 = Must.callConsumer(err -> assertThat(destroyed[0]).isTrue());
            Streams.finished(s3, c3::accept);

            // Even if 'close' is inhibited.
            Stream[] s4 = new Stream[1];
            s4[0] = factory.apply(StreamOptions.create().emitClose(false).doDestroy((s, err, cb) -> {
                cb.done();
                Streams.finished(s4[0], once());
            }));
            s4[0].destroy();

            // Deep async.
            Stream[] s5 = new Stream[1];
            s5[0] = factory.apply(StreamOptions.create().doDestroy((s, err, cb) ->
                    EventLoop.current().setImmediate(() -> {
                        cb.done();
                        EventLoop.current().setImmediate(() -> Streams.finished(s5[0], once()));
                    })));
            s5[0].destroy();
        });
    }

    @Test
    void closedReadables() {
        testClosed(o -> new Readable<>(o));
    }

    @Test
    void closedWritables() {
        testClosed(o -> new Writable<>(o.doWrite((s, c, e, cb) -> {})));
    }

    @Test
    void finishedWithoutAutoDestroy() {
        Must.run(() -> {
            Writable<Object> w = new Writable<>(StreamOptions.create().autoDestroy(false)
                    .doWrite((s, c, e, cb) -> cb.done()));
            w.end("asd");
            EventLoop.current().nextTick(() -> Streams.finished(w, once()));

            Writable<Object> w2 = new Writable<>(StreamOptions.create().autoDestroy(false)
                    .doWrite((s, c, e, cb) -> cb.done(new RuntimeException())));
            w2.write("asd");
            w2.on(EventEmitter.ERROR, Must.callConsumer(e -> Streams.finished(w2, once())));

            Readable<Object> r = new Readable<>(StreamOptions.create().autoDestroy(false));
            r.push(null);
            r.resume();
            r.on(Readable.END, Must.callConsumer(v -> Streams.finished(r, once())));
        });
    }

    @Test
    void destroyAfterPushingEofIsPremature() {
        Must.run(() -> {
            Readable<Object> r = new Readable<>();
            Streams.finished(r, premature());
            r.push("asd");
            r.push(null);
            r.destroy();
        });
    }

    @Test
    void duplexReadableSideOnly() {
        Must.run(() -> {
            for (int variant = 0; variant < 2; variant++) {
                Duplex<Object, Object> d = new Duplex<>(StreamOptions.create()
                        .doFinal((s, cb) -> {}) // never finishes the writable side
                        .doRead((s, n) -> s.push(null)));
                d.on(Readable.END, Must.callConsumer());
                if (variant == 0) {
                    Streams.finished(d, FinishedOptions.create().readable(true).writable(false), once());
                    d.end();
                } else {
                    d.end();
                    Streams.finished(d, FinishedOptions.create().readable(true).writable(false), once());
                }
                d.resume();
            }
        });
    }

    @Test
    void endedPassThroughNeverReadDoesNotFinish() {
        Must.run(() -> {
            PassThrough<Object> p = new PassThrough<>();
            p.end();
            Streams.finished(p, never());
        });
    }

    @Test
    void futureForm() {
        CompletableFuture<?>[] f = new CompletableFuture<?>[2];
        Must.run(() -> {
            Readable<Object> ok = new Readable<>(StreamOptions.create().doRead((s, n) -> s.push(null)));
            f[0] = Streams.finished(ok);
            ok.resume();
            Readable<Object> bad = new Readable<>(StreamOptions.create().doRead((s, n) -> {}));
            f[1] = Streams.finished(bad, FinishedOptions.create().cleanup(true));
            bad.destroy(new RuntimeException("boom"));
        });
        assertThat(f[0]).isCompletedWithValue(null);
        assertThat(f[1]).isCompletedExceptionally();
        assertThat(f[1].exceptionNow()).hasMessage("boom");
    }

    @Test
    void abortSignalStopsWaiting() {
        Must.run(() -> {
            AbortController ac = new AbortController();
            Readable<Object> r = new Readable<>(StreamOptions.create().doRead((s, n) -> {}));
            java.util.function.Consumer<Throwable> c = Must.callConsumer(err -> {
                assertThat(err).isInstanceOf(AbortException.class);
                assertThat(code(err)).isEqualTo(ErrorCodes.ABORT_ERR);
            });
            Streams.finished(r, FinishedOptions.create().signal(ac.signal()), c::accept);
            ac.abort();
            assertThat(r.destroyed()).isFalse(); // finished() leaves the stream alone
            assertThat(r.listenerCount("close")).isZero();
        });
    }

    @Test
    void errorIsReported() {
        Must.run(() -> {
            Writable<Object> w = new Writable<>(StreamOptions.create().doWrite((s, c, e, cb) -> cb.done(new RuntimeException("x"))));
            java.util.function.Consumer<Throwable> c = Must.callConsumer(err -> assertThat(err).hasMessage("x"));
            Streams.finished(w, c::accept);
            w.write("a");
        });
    }
}
