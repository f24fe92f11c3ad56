package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.buffer.Buffer;
import io.sluice.event.EventEmitter;
import io.sluice.loop.EventLoop;
import io.sluice.testing.EventLog;
import io.sluice.testing.Must;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The verified traces of NODE-SEMANTICS.md §2.1–2.10, asserted entry by entry. Each expected
 * list was produced by running the same scenario on node v20.20.2 (see the JavaScript in the
 * test names' comments); the Java run must match it exactly, including what happens in which tick.
 */
class StreamTracesTest {

    private static String str(Object chunk) {
        return chunk instanceof Buffer b ? b.toString() : String.valueOf(chunk);
    }

    private static String code(Throwable e) {
        return e == null ? "null" : e instanceof io.sluice.error.NodeError ne ? ne.code() : e.getMessage();
    }

    /** §2.1: a 'data' listener starts the flow on the next tick; end and close on later ticks. */
    @Test
    void dataListenerStartsFlowOnNextTick() {
        EventLog[] logs = new EventLog[1];
        Must.run(() -> {
            EventLog log = logs[0] = new EventLog();
            ArrayDeque<String> items = new ArrayDeque<>(List.of("a", "b"));
            Readable<Buffer> r = new Readable<>(StreamOptions.create().doRead((Readable<?> self, long n) -> {
                log.log("_read");
                while (!items.isEmpty()) {
                    self.push(items.poll());
                }
                self.push(null);
            }));
            r.on(Readable.RESUME, v -> log.log("resume"));
            r.on(Readable.DATA, d -> log.log("data " + str(d)));
            r.on(Readable.END, v -> log.log("end"));
            r.on(Stream.CLOSE, v -> log.log("close"));
            log.log("flowing=" + r.readableFlowing());
            EventLoop.current().nextTick(log.logger("user tick"));
            EventLoop.current().setImmediate(log.logger("imm"));
        });
        assertThat(logs[0].phases()).containsExactly(
                "sync: flowing=true",
                "tick: _read, resume, data a, data b",
                "tick: user tick",
                "tick: end",
                "tick: close",
                "imm: imm");
    }

    /** §2.2: write() returns false at the mark, computed after the _write attempt. */
    @Test
    void writeReturnValueWithAsyncWrite() {
        EventLog[] logs = new EventLog[1];
        Must.run(() -> {
            EventLog log = logs[0] = new EventLog();
            Writable<Buffer> w = new Writable<>(StreamOptions.create().highWaterMark(3)
                    .doWrite((s, c, e, cb) -> EventLoop.current().setImmediate(() -> cb.done(null))));
            w.on(Writable.DRAIN, v -> log.log("drain " + w.writableLength()));
            log.log("a " + w.write("a") + " " + w.writableLength());
            log.log("bc " + w.write("bc") + " " + w.writableLength());
            log.log("d " + w.write("d") + " " + w.writableLength());
        });
        assertThat(logs[0].entries()).containsExactly("a true 1", "bc false 3", "d false 4", "drain 0");
    }

    /** §2.2: with a synchronous _write the length is back to 0 before the check. */
    @Test
    void writeReturnValueWithSyncWrite() {
        boolean[] ret = new boolean[1];
        Must.run(() -> {
            Writable<Buffer> w = new Writable<>(StreamOptions.create().highWaterMark(1).doWrite((s, c, e, cb) -> cb.done()));
            ret[0] = w.write("bb");
        });
        assertThat(ret[0]).isTrue();
    }

    /** §2.2: push() returns !ended && (length < hwm || length == 0), even for ''. */
    @Test
    void pushReturnValue() {
        EventLog[] logs = new EventLog[1];
        Must.run(() -> {
            EventLog log = logs[0] = new EventLog();
            Readable<Buffer> r = new Readable<>(StreamOptions.create().highWaterMark(4).doRead((s, n) -> {}));
            log.log("" + r.push("ab"));
            log.log("" + r.push("c"));
            log.log("" + r.push("d"));
            log.log("" + r.push("efg"));
            log.log("len " + r.readableLength());
            log.log("" + r.push(""));
        });
        assertThat(logs[0].entries()).containsExactly("true", "true", "false", "false", "len 7", "false");
    }

    /** §2.3: write callbacks are asynchronous; prefinish is synchronous inside end(). */
    @Test
    void writableEventOrder() {
        EventLog[] logs = new EventLog[1];
        Must.run(() -> {
            EventLog log = logs[0] = new EventLog();
            Writable<Buffer> w = new Writable<>(StreamOptions.create().doWrite((s, c, e, cb) -> {
                log.log("_write " + str(c));
                cb.done();
            }));
            w.on(Writable.PREFINISH, v -> log.log("prefinish"));
            w.on(Writable.FINISH, v -> log.log("finish"));
            w.on(Stream.CLOSE, v -> log.log("close"));
            w.write("ab", e -> log.log("cb1"));
            w.write("c", e -> log.log("cb2"));
            w.end(e -> log.log("cb3"));
            log.log("end returned");
        });
        assertThat(logs[0].entries()).containsExactly(
                "_write ab", "_write c", "prefinish", "end returned", "cb1", "cb2", "cb3", "finish", "close");
        assertThat(logs[0].phases().get(0)).isEqualTo("sync: _write ab, _write c, prefinish, end returned");
    }

    /** §2.3: with _final, _final runs synchronously inside end() when nothing is pending. */
    @Test
    void writableFinalOrder() {
        EventLog[] logs = new EventLog[1];
        Must.run(() -> {
            EventLog log = logs[0] = new EventLog();
            Writable<Buffer> w = new Writable<>(StreamOptions.create()
                    .doWrite((s, c, e, cb) -> {
                        log.log("_write " + str(c));
                        cb.done();
                    })
                    .doFinal((s, cb) -> {
                        log.log("_final");
                        cb.done();
                    }));
            w.on(Writable.PREFINISH, v -> log.log("prefinish"));
            w.on(Writable.FINISH, v -> log.log("finish"));
            w.on(Stream.CLOSE, v -> log.log("close"));
            w.end("last", e -> log.log("end cb"));
            log.log("end returned");
        });
        assertThat(logs[0].entries()).containsExactly(
                "_write last", "_final", "prefinish", "end returned", "end cb", "finish", "close");
    }

    /** §2.3: _final failing: error, close, then the end callback; no finish. */
    @Test
    void writableFinalError() {
        EventLog[] logs = new EventLog[1];
        Must.run(() -> {
            EventLog log = logs[0] = new EventLog();
            Writable<Buffer> w = new Writable<>(StreamOptions.create()
                    .doWrite((s, c, e, cb) -> cb.done())
                    .doFinal((s, cb) -> {
                        log.log("_final");
                        cb.done(new RuntimeException("boom"));
                    }));
            w.on(Writable.PREFINISH, v -> log.log("prefinish"));
            w.on(Writable.FINISH, v -> log.log("finish"));
            w.on(Stream.CLOSE, v -> log.log("close"));
            w.on(EventEmitter.ERROR, e -> log.log("error " + e.getMessage()));
            w.end(e -> log.log("end cb " + e.getMessage()));
        });
        assertThat(logs[0].entries()).containsExactly("_final", "error boom", "close", "end cb boom");
    }

    /** §2.3: a failed _write: callbacks, then 'error' (already destroyed), then 'close'. */
    @Test
    void writeErrorOrder() {
        EventLog[] logs = new EventLog[1];
        Must.run(() -> {
            EventLog log = logs[0] = new EventLog();
            Writable<Buffer>[] ref = new Writable[1];
            Writable<Buffer> w = ref[0] = new Writable<>(StreamOptions.create().doWrite((s, c, e, cb) ->
                    EventLoop.current().setImmediate(() -> cb.done(new RuntimeException("bad")))));
            w.on(Stream.CLOSE, v -> log.log("close"));
            w.on(EventEmitter.ERROR, e -> log.log("error " + e.getMessage() + " destroyed=" + ref[0].destroyed()));
            w.write("a", e -> log.log("cb1 " + e.getMessage()));
            w.write("b", e -> log.log("cb2 " + e.getMessage()));
        });
        assertThat(logs[0].entries()).containsExactly("cb1 bad", "cb2 bad", "error bad destroyed=true", "close");
    }

    /** §2.3: write after end: false, then the callback error, 'error', 'close'. */
    @Test
    void writeAfterEnd() {
        EventLog[] logs = new EventLog[1];
        Must.run(() -> {
            EventLog log = logs[0] = new EventLog();
            Writable<Buffer> w = new Writable<>(StreamOptions.create().doWrite((s, c, e, cb) -> cb.done()));
            w.on(Stream.CLOSE, v -> log.log("close"));
            w.on(EventEmitter.ERROR, e -> log.log("error " + code(e)));
            w.end();
            log.log("write " + w.write("x", e -> log.log("cb " + code(e))));
        });
        assertThat(logs[0].entries()).containsExactly(
                "write false", "cb ERR_STREAM_WRITE_AFTER_END", "error ERR_STREAM_WRITE_AFTER_END", "close");
    }

    /** §2.3: destroy with writes pending: close, later the in-flight callback, buffered ones fail. */
    @Test
    void destroyWithPendingWrites() {
        EventLog[] logs = new EventLog[1];
        Must.run(() -> {
            EventLog log = logs[0] = new EventLog();
            AtomicReference<Callback> pending = new AtomicReference<>();
            Writable<Buffer> w = new Writable<>(StreamOptions.create().doWrite((s, c, e, cb) -> {
                log.log("_write " + str(c));
                pending.set(cb);
            }));
            w.on(Stream.CLOSE, v -> {
                log.log("close");
                EventLoop.current().setImmediate(() -> pending.get().done());
            });
            w.on(EventEmitter.ERROR, e -> log.log("error " + code(e)));
            w.write("a", e -> log.log("cb a " + code(e)));
            w.write("b", e -> log.log("cb b " + code(e)));
            w.destroy();
            w.write("c", e -> log.log("cb c " + code(e)));
        });
        assertThat(logs[0].entries()).containsExactly(
                "_write a", "close", "cb c ERR_STREAM_DESTROYED", "cb a null", "cb b ERR_STREAM_DESTROYED");
    }

    /** §2.3: cork nesting, one _writev for the batch, later writes one by one. */
    @Test
    void corkBatchesIntoWritev() {
        EventLog[] logs = new EventLog[1];
        Must.run(() -> {
            EventLog log = logs[0] = new EventLog();
            Writable<Buffer> w = new Writable<>(StreamOptions.create()
                    .doWrite((s, c, e, cb) -> {
                        log.log("_write " + str(c));
                        cb.done();
                    })
                    .doWritev((Stream s, List<WriteChunk<Object>> cs, Callback cb) -> {
                        StringBuilder sb = new StringBuilder();
                        for (WriteChunk<Object> c : cs) {
                            sb.append(sb.isEmpty() ? "" : ",").append(str(c.chunk()));
                        }
                        log.log("_writev " + sb);
                        cb.done();
                    }));
            w.write("first");
            w.cork();
            w.write("a");
            w.write("b");
            w.cork();
            w.write("c");
            w.uncork();
            log.log("corked " + w.writableCorked());
            w.uncork();
            w.write("d");
        });
        assertThat(logs[0].entries()).containsExactly("_write first", "corked 1", "_writev a,b,c", "_write d");
    }

    /** §2.4: read(n) returns null until n bytes or EOF; after EOF the remainder; then 'end'. */
    @Test
    void readSizes() {
        EventLog[] logs = new EventLog[1];
        Must.run(() -> {
            EventLog log = logs[0] = new EventLog();
            Readable<Buffer> r = new Readable<>(StreamOptions.create().doRead((s, n) -> {}));
            r.push("abcdefg");
            log.log("read3 " + str(r.read(3)));
            log.log("read100 " + str(r.read(100)));
            r.push(null);
            log.log("read100 " + str(r.read(100)));
            r.on(Readable.END, v -> log.log("end"));
        });
        assertThat(logs[0].entries()).containsExactly("read3 abc", "read100 null", "read100 defg", "end");
    }

    /** §2.5: setEncoding joins a split '€' and flushes a dangling byte as U+FFFD before 'end'. */
    @Test
    void setEncodingMultibyte() {
        EventLog[] logs = new EventLog[1];
        Must.run(() -> {
            EventLog log = logs[0] = new EventLog();
            Readable<Buffer> r = new Readable<>(StreamOptions.create().doRead((s, n) -> {}));
            r.setEncoding("utf8");
            r.on(Readable.DATA, d -> log.log("data " + d));
            r.on(Readable.END, v -> log.log("end"));
            Buffer b = Buffer.from("€");
            r.push(b.subarray(0, 1));
            r.push(b.subarray(1, 2));
            r.push(b.subarray(2, 3));
            r.push(Buffer.from(new byte[] {(byte) 0xe2}));
            r.push(null);
        });
        assertThat(logs[0].entries()).containsExactly("data €", "data \uFFFD", "end");
    }

    /** §2.6: destroy(err) is synchronous for the flags; error then close in one tick. */
    @Test
    void destroyWithErrorOrder() {
        EventLog[] logs = new EventLog[1];
        Must.run(() -> {
            EventLog log = logs[0] = new EventLog();
            Readable<Buffer> r = new Readable<>(StreamOptions.create().doRead((s, n) -> {}));
            r.on(EventEmitter.ERROR, e -> log.log("error " + e.getMessage()));
            r.on(Stream.CLOSE, v -> log.log("close"));
            r.destroy(new RuntimeException("kaboom"));
            log.log("destroyed=" + r.destroyed() + " errored=" + r.errored().getMessage() + " closed=" + r.closed());
            EventLoop.current().nextTick(log.logger("user tick"));
        });
        assertThat(logs[0].phases()).containsExactly(
                "sync: destroyed=true errored=kaboom closed=true", "tick: error kaboom, close", "tick: user tick");
    }

    /** §2.6: _destroy calling back without the error swallows it; close still fires. */
    @Test
    void destroyHookSwallowsError() {
        EventLog[] logs = new EventLog[1];
        Must.run(() -> {
            EventLog log = logs[0] = new EventLog();
            Readable<Buffer> r = new Readable<>(StreamOptions.create().doRead((s, n) -> {})
                    .doDestroy((s, e, cb) -> {
                        log.log("_destroy " + e.getMessage());
                        cb.done();
                    }));
            r.on(EventEmitter.ERROR, e -> log.log("error " + e.getMessage()));
            r.on(Stream.CLOSE, v -> log.log("close"));
            r.destroy(new RuntimeException("x"));
        });
        assertThat(logs[0].entries()).containsExactly("_destroy x", "close");
    }

    /** §2.6: autoDestroy false: 'end' but never 'close', and not destroyed. */
    @Test
    void autoDestroyOff() {
        EventLog[] logs = new EventLog[1];
        Must.run(() -> {
            EventLog log = logs[0] = new EventLog();
            Readable<Buffer> r = new Readable<>(StreamOptions.create().autoDestroy(false).doRead((s, n) -> s.push(null)));
            r.on(Readable.END, v -> log.log("end"));
            r.on(Stream.CLOSE, v -> log.log("close"));
            r.resume();
            EventLoop.current().setImmediate(() -> log.log("destroyed=" + r.destroyed()));
        });
        assertThat(logs[0].entries()).containsExactly("end", "destroyed=false");
    }

    /** §2.7: finished reports a premature close, and fires when attached after finishing. */
    @Test
    void finishedPrematureAndLate() {
        EventLog[] logs = new EventLog[1];
        Must.run(() -> {
            EventLog log = logs[0] = new EventLog();
            Readable<Buffer> r = new Readable<>(StreamOptions.create().doRead((s, n) -> {}));
            Streams.finished(r, e -> log.log("finished " + code(e)));
            r.destroy();
            Writable<Buffer> w = new Writable<>(StreamOptions.create().doWrite((s, c, e, cb) -> cb.done()));
            w.end();
            w.on(Writable.FINISH, v -> Streams.finished(w, e -> log.log("late finished " + code(e))));
        });
        assertThat(logs[0].entries()).containsExactly("finished ERR_STREAM_PREMATURE_CLOSE", "late finished null");
    }

    private static Transform<Object, Object> traceTransform(EventLog log, StreamOptions o) {
        Transform<Object, Object> t = new Transform<>(o.doTransform((s, c, e, cb) -> cb.done(null, c)));
        t.on(Readable.DATA, d -> log.log("data " + str(d)));
        t.on(Writable.PREFINISH, v -> log.log("prefinish"));
        t.on(Readable.END, v -> log.log("end"));
        t.on(Writable.FINISH, v -> log.log("finish"));
        t.on(Stream.CLOSE, v -> log.log("close"));
        return t;
    }

    /** §2.9: no user final: prefinish, end, end-cb, finish, close. */
    @Test
    void transformFlushOrderWithoutFinal() {
        EventLog[] logs = new EventLog[1];
        Must.run(() -> {
            EventLog log = logs[0] = new EventLog();
            Transform<Object, Object> t = traceTransform(log, StreamOptions.create().doFlush((s, cb) -> {
                log.log("flush");
                cb.done(null, "F");
            }));
            t.write("a");
            t.end(e -> log.log("end-cb"));
        });
        assertThat(logs[0].entries()).containsExactly(
                "data a", "flush", "data F", "prefinish", "end", "end-cb", "finish", "close");
    }

    /** §2.9: async final and flush: prefinish, end-cb, finish, then the flushed data and end. */
    @Test
    void transformFlushOrderWithAsyncFinal() {
        EventLog[] logs = new EventLog[1];
        Must.run(() -> {
            EventLog log = logs[0] = new EventLog();
            Transform<Object, Object> t = traceTransform(log, StreamOptions.create()
                    .doFinal((s, cb) -> {
                        log.log("final");
                        EventLoop.current().setImmediate(cb::done);
                    })
                    .doFlush((s, cb) -> {
                        log.log("flush");
                        EventLoop.current().setImmediate(() -> cb.done(null, "F"));
                    }));
            t.write("a");
            t.end(e -> log.log("end-cb"));
        });
        assertThat(logs[0].entries()).containsExactly(
                "data a", "final", "flush", "prefinish", "end-cb", "finish", "data F", "end", "close");
    }

    /** §2.9: an unread Transform stalls: no finish until someone reads. */
    @Test
    void transformStallsUntilRead() {
        EventLog[] logs = new EventLog[1];
        Must.run(() -> {
            EventLog log = logs[0] = new EventLog();
            Transform<Object, Object> t = new Transform<>(StreamOptions.create().highWaterMark(2)
                    .doTransform((s, c, e, cb) -> cb.done(null, c)));
            log.log("write " + t.write("xx"));
            t.end();
            t.on(Writable.FINISH, v -> log.log("finish"));
            t.on(Readable.END, v -> log.log("end"));
            EventLoop.current().setImmediate(() -> {
                log.log("resume");
                t.resume();
            });
        });
        assertThat(logs[0].entries()).containsExactly("write false", "resume", "finish", "end");
    }

    /** §2.10: allowHalfOpen false: readable end ends the writable side. */
    @Test
    void duplexNoHalfOpen() {
        EventLog[] logs = new EventLog[1];
        Must.run(() -> {
            EventLog log = logs[0] = new EventLog();
            Duplex<Object, Object> d = new Duplex<>(StreamOptions.create().allowHalfOpen(false)
                    .doRead((s, n) -> s.push(null)).doWrite((s, c, e, cb) -> cb.done()));
            d.on(Readable.END, v -> log.log("end"));
            d.on(Writable.PREFINISH, v -> log.log("prefinish"));
            d.on(Writable.FINISH, v -> log.log("finish"));
            d.on(Stream.CLOSE, v -> log.log("close"));
            d.resume();
        });
        assertThat(logs[0].entries()).containsExactly("end", "prefinish", "finish", "close");
    }

    /** §2.10: allowHalfOpen true: still writable and not closed after 'end' until end(). */
    @Test
    void duplexHalfOpen() {
        EventLog[] logs = new EventLog[1];
        Must.run(() -> {
            EventLog log = logs[0] = new EventLog();
            Duplex<Object, Object>[] ref = new Duplex[1];
            Duplex<Object, Object> d = ref[0] = new Duplex<>(StreamOptions.create()
                    .doRead((s, n) -> s.push(null)).doWrite((s, c, e, cb) -> cb.done()));
            d.on(Readable.END, v -> {
                log.log("end writable=" + ref[0].writable() + " closed=" + ref[0].closed());
                EventLoop.current().setImmediate(() -> {
                    log.log("ending");
                    ref[0].end();
                });
            });
            d.on(Writable.FINISH, v -> log.log("finish"));
            d.on(Stream.CLOSE, v -> log.log("close"));
            d.resume();
        });
        assertThat(logs[0].entries()).containsExactly("end writable=true closed=false", "ending", "finish", "close");
    }

    /** §2.1: push from outside _read on a flowing, empty stream emits 'data' synchronously. */
    @Test
    void pushOutsideReadEmitsSynchronously() {
        EventLog[] logs = new EventLog[1];
        Must.run(() -> {
            EventLog log = logs[0] = new EventLog();
            Readable<Buffer> r = new Readable<>(StreamOptions.create().doRead((s, n) -> {}));
            r.on(Readable.DATA, d -> log.log("data " + str(d)));
            EventLoop.current().setTimeout(() -> {
                log.log("before push");
                r.push("x");
                log.log("after push");
                r.push(null);
            }, 1);
        });
        assertThat(logs[0].entries()).containsExactly("before push", "data x", "after push");
    }

    /** §2.1: a 'readable' listener: read() concatenates; the last 'readable' at EOF; then end. */
    @Test
    void readableListenerReadsConcatenated() {
        EventLog[] logs = new EventLog[1];
        Must.run(() -> {
            EventLog log = logs[0] = new EventLog();
            Readable<Buffer> r = new Readable<>(StreamOptions.create().doRead((s, n) -> {}));
            Readable<Buffer>[] ref = new Readable[] {r};
            r.on(Readable.READABLE, v -> {
                log.log("readable len=" + ref[0].readableLength());
                Object c;
                while ((c = ref[0].read()) != null) {
                    log.log("read " + str(c));
                }
                log.log("read null");
            });
            r.on(Readable.END, v -> log.log("end"));
            r.on(Stream.CLOSE, v -> log.log("close"));
            r.push("a");
            r.push("b");
            EventLoop.current().setImmediate(() -> r.push(null));
            log.log("flowing=" + r.readableFlowing() + " paused=" + r.isPaused());
        });
        assertThat(logs[0].entries()).containsExactly(
                "flowing=false paused=true",
                "readable len=2", "read ab", "read null",
                "readable len=0", "read null",
                "end", "close");
    }

    /** §2.1: destroy() inside 'data' still lets an already-buffered chunk through; no 'end'. */
    @Test
    void destroyInsideData() {
        EventLog[] logs = new EventLog[1];
        Must.run(() -> {
            EventLog log = logs[0] = new EventLog();
            int[] i = {0};
            Readable<Object> r = new Readable<>(StreamOptions.create().objectMode(true).doRead((s, n) -> {
                s.push(i[0]++);
                s.push(i[0]++);
                s.push(i[0]++);
            }));
            Readable<Object>[] ref = new Readable[] {r};
            r.on(Readable.DATA, d -> {
                log.log("data " + d);
                if (d.equals(1)) {
                    ref[0].destroy();
                }
            });
            r.on(Readable.END, v -> log.log("end"));
            r.on(Stream.CLOSE, v -> log.log("close"));
        });
        // node: everything already buffered when destroy() runs is still emitted by the flow loop.
        assertThat(logs[0].entries()).containsExactly(
                "data 0", "data 1", "data 2", "data 3", "data 4", "data 5", "data 6", "data 7", "data 8", "close");
    }

    static Consumer<Object> nop() {
        return x -> {};
    }
}
