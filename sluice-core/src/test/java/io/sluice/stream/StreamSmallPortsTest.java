package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.buffer.Buffer;
import io.sluice.error.ErrorCodes;
import io.sluice.error.NodeError;
import io.sluice.event.EventEmitter;
import io.sluice.loop.EventLoop;
import io.sluice.testing.EventLog;
import io.sluice.testing.Must;
import org.junit.jupiter.api.Test;

/**
 * Small Node test files ported together (each test names its source): test-stream-writable-write-cb-twice.js,
 * test-stream-transform-callback-twice.js, test-stream-readable-with-unimplemented-_read.js,
 * test-stream-writable-null.js, test-stream-writable-write-error.js,
 * test-stream-writable-end-multiple.js, test-stream-writable-decoded-encoding.js,
 * test-stream-writable-change-default-encoding.js, test-streams-highwatermark.js,
 * test-stream-set-default-hwm.js, test-stream-unshift-read-race.js (the after-end part),
 * test-stream-write-drain.js, test-stream-end-of-streams.js.
 * Expected values are node v20.20.2's.
 */
class StreamSmallPortsTest {

    private static String code(Throwable e) {
        return e == null ? "null" : e instanceof NodeError ne ? ne.code() : e.getMessage();
    }

    /** test-stream-writable-write-cb-twice.js and test-stream-transform-callback-twice.js. */
    @Test
    void callbackTwice() {
        EventLog[] logs = new EventLog[1];
        Must.run(() -> {
            EventLog log = logs[0] = new EventLog();
            Writable<Object> w1 = new Writable<>(StreamOptions.create().doWrite((s, c, e, cb) -> {
                cb.done();
                cb.done();
            }));
            w1.on(EventEmitter.ERROR, e -> log.log("twice-sync error " + code(e)));
            w1.write("a", e -> log.log("twice-sync cb " + code(e)));
            Writable<Object> w2 = new Writable<>(StreamOptions.create().doWrite((s, c, e, cb) -> {
                cb.done();
                EventLoop.current().nextTick(cb::done);
            }));
            w2.on(EventEmitter.ERROR, e -> log.log("twice-mixed error " + code(e)));
            w2.write("a", e -> log.log("twice-mixed cb " + code(e)));
            Transform<Object, Object> t = new Transform<>(StreamOptions.create().doTransform((s, c, e, cb) -> {
                cb.done();
                cb.done();
            }));
            t.on(EventEmitter.ERROR, e -> log.log("t-twice error " + code(e)));
            t.write("a");
        });
        assertThat(logs[0].entries()).containsExactly(
                "twice-sync cb null", "twice-sync error ERR_MULTIPLE_CALLBACK", "twice-mixed cb null",
                "t-twice error ERR_MULTIPLE_CALLBACK", "twice-mixed error ERR_MULTIPLE_CALLBACK");
    }

    /** test-stream-readable-with-unimplemented-_read.js, plus Transform without doTransform. */
    @Test
    void unimplementedHooks() {
        EventLog[] logs = new EventLog[1];
        Must.run(() -> {
            EventLog log = logs[0] = new EventLog();
            Readable<Object> r = new Readable<>();
            r.on(EventEmitter.ERROR, e -> log.log("noread error " + code(e) + " " + e.getMessage()));
            r.on(Stream.CLOSE, v -> log.log("noread close"));
            r.read();
            Transform<Object, Object> t = new Transform<>();
            assertThatThrownBy(() -> t.write("a"))
                    .hasMessage("The _transform() method is not implemented")
                    .matches(e -> code(e).equals(ErrorCodes.ERR_METHOD_NOT_IMPLEMENTED));
            assertThatThrownBy(() -> new Writable<>().write("x"))
                    .hasMessage("The _write() method is not implemented");
        });
        assertThat(logs[0].entries()).containsExactly(
                "noread error ERR_METHOD_NOT_IMPLEMENTED The _read() method is not implemented", "noread close");
    }

    /** test-stream-writable-null.js and test-stream-writable-write-error.js (synchronous throws). */
    @Test
    void invalidWritesThrowSynchronously() {
        EventLog[] logs = new EventLog[1];
        Must.run(() -> {
            EventLog log = logs[0] = new EventLog();
            Writable<Object> obj = new Writable<>(StreamOptions.create().objectMode(true).doWrite((s, c, e, cb) -> {
                log.log("obj write " + c + " " + e);
                cb.done();
            }));
            obj.write(false);
            obj.write(0);
            assertThatThrownBy(() -> obj.write(null))
                    .matches(e -> code(e).equals(ErrorCodes.ERR_STREAM_NULL_VALUES))
                    .hasMessage("May not write null values to stream")
                    .isInstanceOf(IllegalArgumentException.class);
            Writable<Object> bytes = new Writable<>(StreamOptions.create().doWrite((s, c, e, cb) -> cb.done()));
            assertThatThrownBy(() -> bytes.write(false))
                    .matches(e -> code(e).equals(ErrorCodes.ERR_INVALID_ARG_TYPE))
                    .hasMessage("The \"chunk\" argument must be of type string or an instance of Buffer, "
                            + "TypedArray, or DataView. Received type boolean (false)");
            assertThatThrownBy(() -> bytes.write("x", "nope"))
                    .matches(e -> code(e).equals(ErrorCodes.ERR_UNKNOWN_ENCODING))
                    .hasMessage("Unknown encoding: nope");
            assertThatThrownBy(() -> bytes.setDefaultEncoding("nope"))
                    .matches(e -> code(e).equals(ErrorCodes.ERR_UNKNOWN_ENCODING));
            // Still usable: none of those changed the stream.
            assertThat(bytes.writable()).isTrue();
            assertThat(bytes.destroyed()).isFalse();
        });
        assertThat(logs[0].entries()).containsExactly("obj write false null", "obj write 0 null");
    }

    /** test-stream-writable-end-multiple.js. */
    @Test
    void endCalledSeveralTimes() {
        EventLog[] logs = new EventLog[1];
        Must.run(() -> {
            EventLog log = logs[0] = new EventLog();
            Writable<Object> w = new Writable<>(StreamOptions.create()
                    .doWrite((s, c, e, cb) -> EventLoop.current().setImmediate(cb::done)));
            w.write("x");
            w.end(e -> log.log("end1 " + code(e)));
            w.end(e -> log.log("end2 " + code(e)));
            w.on(Writable.FINISH, v -> {
                log.log("finish");
                w.end(e -> log.log("end3 " + code(e)));
            });
        });
        assertThat(logs[0].entries()).containsExactly("end1 null", "end2 null", "finish", "end3 ERR_STREAM_ALREADY_FINISHED");
    }

    /** test-stream-writable-decoded-encoding.js and -change-default-encoding.js. */
    @Test
    void decodeStringsAndDefaultEncoding() {
        EventLog[] logs = new EventLog[1];
        Must.run(() -> {
            EventLog log = logs[0] = new EventLog();
            Writable<Object> dec = new Writable<>(StreamOptions.create().decodeStrings(true).doWrite((s, c, e, cb) -> {
                log.log("dec " + (c instanceof Buffer) + " " + e + " " + c);
                cb.done();
            }));
            dec.write("6869", "hex");
            Writable<Object> raw = new Writable<>(StreamOptions.create().decodeStrings(false).doWrite((s, c, e, cb) -> {
                log.log("nodec " + c.getClass().getSimpleName() + " " + e + " " + c);
                cb.done();
            }));
            raw.write("6869", "hex");
            raw.setDefaultEncoding("base64");
            raw.write("aGk=");
            Writable<Object> def = new Writable<>(StreamOptions.create().defaultEncoding("hex").doWrite((s, c, e, cb) -> {
                log.log("def " + c);
                cb.done();
            }));
            def.write("6869");
        });
        assertThat(logs[0].entries()).containsExactly(
                "dec true buffer hi", "nodec String hex 6869", "nodec String base64 aGk=", "def hi");
    }

    /** test-streams-highwatermark.js: big and zero marks; invalid ones rejected with Node's message. */
    @Test
    void highWaterMarkValues() {
        Must.run(() -> {
            for (long h : new long[] {0, 1, 1L << 31, (1L << 32) + 1}) {
                assertThat(new Readable<>(StreamOptions.create().highWaterMark(h)).readableHighWaterMark()).isEqualTo(h);
                assertThat(new Writable<>(StreamOptions.create().highWaterMark(h)).writableHighWaterMark()).isEqualTo(h);
            }
            assertThatThrownBy(() -> new Writable<>(StreamOptions.create().highWaterMark(-1)))
                    .matches(e -> code(e).equals(ErrorCodes.ERR_INVALID_ARG_VALUE))
                    .hasMessage("The property 'options.highWaterMark' is invalid. Received -1");
            assertThatThrownBy(() -> new Transform<>(StreamOptions.create().writableHighWaterMark(-5)))
                    .hasMessage("The property 'options.writableHighWaterMark' is invalid. Received -5");
            assertThatThrownBy(() -> new Readable<>().read(0x40000001L))
                    .matches(e -> code(e).equals(ErrorCodes.ERR_OUT_OF_RANGE))
                    .hasMessage("The value of \"size\" is out of range. It must be <= 1GiB. Received 1073741825");
            // hwm 0: push still works, one chunk at a time.
            Readable<Object> r = new Readable<>(StreamOptions.create().highWaterMark(0).doRead((s, n) -> {}));
            assertThat(r.push("a")).isFalse();
            assertThat(r.readableLength()).isEqualTo(1);
            assertThat(r.read(0)).isNull();
            r.destroy();
        });
    }

    /** test-stream-set-default-hwm.js. */
    @Test
    void defaultHighWaterMarks() {
        long bytes = Streams.getDefaultHighWaterMark(false);
        long objects = Streams.getDefaultHighWaterMark(true);
        assertThat(bytes).isEqualTo(65536);
        assertThat(objects).isEqualTo(16);
        try {
            Streams.setDefaultHighWaterMark(false, 32000);
            Streams.setDefaultHighWaterMark(true, 32);
            Must.run(() -> {
                assertThat(new Readable<>().readableHighWaterMark()).isEqualTo(32000);
                assertThat(new Writable<>().writableHighWaterMark()).isEqualTo(32000);
                Transform<Object, Object> t = new Transform<>(StreamOptions.create().objectMode(true));
                assertThat(t.readableHighWaterMark()).isEqualTo(32);
                assertThat(t.writableHighWaterMark()).isEqualTo(32);
                Duplex<Object, Object> d = new Duplex<>(StreamOptions.create().readableObjectMode(true));
                assertThat(d.readableHighWaterMark()).isEqualTo(32);
                assertThat(d.writableHighWaterMark()).isEqualTo(32000);
            });
            assertThatThrownBy(() -> Streams.setDefaultHighWaterMark(false, -1))
                    .matches(e -> code(e).equals(ErrorCodes.ERR_INVALID_ARG_VALUE));
        } finally {
            Streams.setDefaultHighWaterMark(false, bytes);
            Streams.setDefaultHighWaterMark(true, objects);
        }
    }

    /** test-stream-unshift-read-race.js (end): unshift after 'end' fails the stream. */
    @Test
    void unshiftAfterEnd() {
        Must.run(() -> {
            Readable<Object> r = new Readable<>(StreamOptions.create().doRead((s, n) -> {}));
            r.on(EventEmitter.ERROR, Must.expectsError(ErrorCodes.ERR_STREAM_UNSHIFT_AFTER_END_EVENT,
                    RuntimeException.class, "stream.unshift() after end event"));
            r.push(null);
            r.resume();
            r.on(Readable.END, Must.callConsumer(v -> r.unshift("x")));
        });
    }

    /** test-stream-unshift-read-race.js: push after EOF is an 'error', not a throw. */
    @Test
    void pushAfterEof() {
        Must.run(() -> {
            Readable<Object> r = new Readable<>(StreamOptions.create().doRead((s, n) -> {}));
            r.on(EventEmitter.ERROR, Must.expectsError(ErrorCodes.ERR_STREAM_PUSH_AFTER_EOF,
                    RuntimeException.class, "stream.push() after EOF"));
            r.push(null);
            assertThat(r.push("late")).isFalse();
        });
    }

    /** test-stream-readable-invalid-chunk.js: a wrong chunk type is an 'error' TypeError. */
    @Test
    void invalidChunkIsAnErrorEvent() {
        Must.run(() -> {
            Readable<Object> r = new Readable<>(StreamOptions.create().doRead((s, n) -> {}));
            r.on(EventEmitter.ERROR, Must.expectsError(ErrorCodes.ERR_INVALID_ARG_TYPE, IllegalArgumentException.class));
            assertThat(r.push(42)).isFalse();
            Readable<Object> u = new Readable<>(StreamOptions.create().doRead((s, n) -> {}));
            u.on(EventEmitter.ERROR, Must.expectsError(ErrorCodes.ERR_INVALID_ARG_TYPE, IllegalArgumentException.class));
            assertThat(u.unshift(4.2)).isFalse();
        });
    }

    /**
     * test-stream-write-drain.js: a write over the mark followed by end() owes no 'drain' (Node
     * emits it only when not ending), though the write completes on a later tick.
     */
    @Test
    void noDrainOnceEnded() {
        EventLog[] logs = new EventLog[1];
        Must.run(() -> {
            EventLog log = logs[0] = new EventLog();
            EventLoop loop = EventLoop.current();
            Writable<Object> w = new Writable<>(StreamOptions.create().highWaterMark(1L)
                    .doWrite((s, c, e, cb) -> loop.nextTick(() -> cb.done())));
            w.on(WritableStream.DRAIN, v -> log.log("drain"));
            w.on(WritableStream.FINISH, v -> log.log("finish"));
            assertThat(w.write("asd")).isFalse();
            w.end();
        });
        assertThat(logs[0].entries()).containsExactly("finish");
    }

    /**
     * test-stream-end-of-streams.js: finished() on something that is not a stream throws
     * ERR_INVALID_ARG_TYPE at once (Node passes {}; Java's types leave only null), and on an ended
     * Duplex it does not throw.
     */
    @Test
    void finishedChecksItsStreamArgument() {
        Must.run(() -> {
            assertThatThrownBy(() -> Streams.finished(null, err -> {}))
                    .isInstanceOf(NodeError.class)
                    .satisfies(e -> assertThat(((NodeError) e).code()).isEqualTo(ErrorCodes.ERR_INVALID_ARG_TYPE));
            Duplex<Object, Object> d = new Duplex<>();
            d.end();
            assertThat(Streams.finished(d, err -> {})).isNotNull();
        });
    }
}
