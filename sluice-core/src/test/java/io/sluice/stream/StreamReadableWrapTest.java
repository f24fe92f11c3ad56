package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.buffer.Buffer;
import io.sluice.error.ErrorCodes;
import io.sluice.error.NodeError;
import io.sluice.error.UnhandledErrorException;
import io.sluice.event.EventEmitter;
import io.sluice.loop.EventLoop;
import io.sluice.testing.Must;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code readable.wrap(oldStream)} beyond Node's stream2 wrap tests: the Java-specific surface
 * (a {@link ReadableStream} as the old stream, explicit or absent pause/resume, the thread rule)
 * and edge cases, each checked against node v20.20.2 running the same scenario; the expected
 * traces below are node's output.
 */
class StreamReadableWrapTest {

    private static final int HWM = 16;

    /**
     * Adversarial: 40 one-byte chunks, one 8 MiB chunk, 40 one-byte chunks, in byte mode with
     * highWaterMark 16, piped into a Writable (highWaterMark 16) that completes each write on the
     * next immediate. {@code Pn}/{@code Rn}: the wrap paused/resumed the old stream when n chunks
     * had been emitted; {@code wN}: a write of N bytes. node v20.20.2: 52 pauses, 52 resumes, 81
     * writes, the bytes complete and in order.
     */
    private static final List<String> ADVERSARIAL_TRACE = List.of((""
            + "P16 R16 P17 w1 R17 P18 R18 P19 R19 P20 R20 P21 R21 P22 R22 P23 R23 P24 R24 P25 R25 P26 R26 P27 "
            + "R27 P28 R28 P29 R29 P30 R30 P31 R31 P32 w1 w1 w1 w1 w1 w1 w1 w1 w1 w1 w1 w1 w1 w1 w1 R32 P33 w1 "
            + "R33 P34 R34 P35 R35 P36 R36 P37 R37 P38 R38 P39 R39 P40 R40 P41 w1 w1 w1 w1 w1 w1 w1 w1 w1 w1 w1 "
            + "w1 w1 w1 w1 w1 R41 P42 R42 P57 w1 w1 w1 w1 w1 w1 w1 w8388608 R57 P58 w1 R58 P59 R59 P60 R60 P61 "
            + "R61 P62 R62 P63 R63 P64 R64 P65 R65 P66 R66 P67 R67 P68 R68 P69 R69 P70 R70 P71 R71 P72 R72 P73 "
            + "w1 w1 w1 w1 w1 w1 w1 w1 w1 w1 w1 w1 w1 w1 w1 R73 P74 w1 R74 P75 R75 P76 R76 P77 R77 P78 R78 P79 "
            + "R79 P80 R80 P81 R81 end w1 w1 w1 w1 w1 w1 w1 w1 w1 w1 w1 w1 w1 w1 w1 w1 w1 w1 w1 w1 w1 w1 w1")
            .split(" "));

    @Test
    void oneByteChunksAndAnEightMebibyteChunkArriveWholeWithAlternatingPauseResume() {
        List<Buffer> chunks = new ArrayList<>();
        int b = 0;
        for (int i = 0; i < 40; i++) {
            chunks.add(Buffer.from(new byte[] {(byte) b++}));
        }
        byte[] big = new byte[8 << 20];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31 + 7);
        }
        chunks.add(Buffer.from(big));
        for (int i = 0; i < 40; i++) {
            chunks.add(Buffer.from(new byte[] {(byte) b++}));
        }
        List<String> log = new ArrayList<>();
        List<Buffer> got = new ArrayList<>();
        int[] pauses = {0};
        int[] resumes = {0};
        int[] mismatches = {0};
        boolean[] alternating = {true};
        Must.run(() -> {
            EventEmitter old = new EventEmitter();
            Readable<Buffer> r = new Readable<>(StreamOptions.create().highWaterMark(HWM));
            int[] idx = {0};
            boolean[] flowing = {false};
            boolean[] lastWasPause = {false};
            Runnable[] flow = new Runnable[1];
            flow[0] = () -> {
                flowing[0] = true;
                while (flowing[0] && idx[0] < chunks.size()) {
                    int before = pauses[0];
                    old.emit("data", chunks.get(idx[0]++));
                    // push() returns false exactly when the buffer is at the mark and not empty;
                    // the wrap must have paused the old stream then, and only then.
                    long len = r.readableLength();
                    boolean pushSaidStop = !(len < HWM || len == 0);
                    if (pushSaidStop != (pauses[0] > before)) {
                        mismatches[0]++;
                    }
                }
                if (idx[0] == chunks.size() && flowing[0]) {
                    log.add("end");
                    old.emit("end");
                    idx[0]++;
                }
            };
            Runnable pause = () -> {
                pauses[0]++;
                alternating[0] &= !lastWasPause[0];
                lastWasPause[0] = true;
                log.add("P" + idx[0]);
                flowing[0] = false;
            };
            Runnable resume = () -> {
                resumes[0]++;
                alternating[0] &= lastWasPause[0];
                lastWasPause[0] = false;
                log.add("R" + idx[0]);
                flow[0].run();
            };
            r.wrap(old, pause, resume);
            Writable<Buffer> w = new Writable<>(StreamOptions.create().highWaterMark(HWM)
                    .doWrite((Writable<Buffer> self, Buffer c, String enc, Callback cb) -> {
                        got.add(c);
                        log.add("w" + c.length());
                        EventLoop.current().setImmediate(cb::done);
                    }));
            w.on(Writable.FINISH, Must.callConsumer());
            r.pipe(w);
            flow[0].run();
        });
        assertThat(Buffer.concat(got).equals(Buffer.concat(chunks))).isTrue();
        assertThat(Buffer.concat(got).length()).isEqualTo(80 + (8 << 20));
        assertThat(got).hasSize(81);
        assertThat(mismatches[0]).isZero();
        assertThat(alternating[0]).isTrue();
        assertThat(pauses[0]).isEqualTo(52);
        assertThat(resumes[0]).isEqualTo(52);
        assertThat(log).containsExactlyElementsOf(ADVERSARIAL_TRACE);
    }

    /**
     * A modern stream as the old one: wrap(EventEmitter) finds its pause()/resume(). As in Node,
     * the old stream's autoDestroy 'close' destroys the wrapper before the last item is written
     * and before 'end' (v5 is never written, no 'finish'). node v20.20.2: {@code old_read oldresume
     * old_read oldpause w:v0 old_read oldpause old_read oldresume w:v1 oldresume old_read oldpause
     * w:v2 oldresume old_read oldpause w:v3 oldresume old_read oldpause w:v4 oldresume oldpause close}.
     */
    @Test
    void readableStreamAsOldStreamUsesItsPauseAndResume() {
        List<String> log = new ArrayList<>();
        Must.run(() -> {
            int[] n = {0};
            Readable<Object> old = new Readable<>(StreamOptions.create().objectMode(true).highWaterMark(2)
                    .doRead((Readable<Object> self, long size) -> {
                        log.add("old_read");
                        self.push(n[0] < 6 ? "v" + n[0]++ : null);
                    }));
            old.on(Readable.PAUSE, v -> log.add("oldpause"));
            old.on(Readable.RESUME, v -> log.add("oldresume"));
            Readable<Object> r = new Readable<>(StreamOptions.create().objectMode(true).highWaterMark(1));
            assertThat(r.wrap(old)).isSameAs(r);
            Writable<Object> w = new Writable<>(StreamOptions.create().objectMode(true).highWaterMark(1)
                    .doWrite((Writable<Object> self, Object c, String enc, Callback cb) -> {
                        log.add("w:" + c);
                        EventLoop.current().setImmediate(cb::done);
                    }));
            r.onEnd(() -> log.add("end"));
            r.onClose(() -> log.add("close"));
            w.on(Writable.FINISH, v -> log.add("finish"));
            r.pipe(w);
        });
        assertThat(log).containsExactly("old_read", "oldresume", "old_read", "oldpause", "w:v0", "old_read",
                "oldpause", "old_read", "oldresume", "w:v1", "oldresume", "old_read", "oldpause", "w:v2", "oldresume",
                "old_read", "oldpause", "w:v3", "oldresume", "old_read", "oldpause", "w:v4", "oldresume", "oldpause",
                "close");
    }

    /** Subclass whose own doRead must never run once wrapped (Node: this._read shadows the prototype's). */
    static final class OwnRead extends Readable<Object> {
        final List<String> log;

        OwnRead(List<String> log) {
            super(StreamOptions.create().objectMode(true).highWaterMark(1));
            this.log = log;
        }

        @Override
        protected void doRead(long size) {
            log.add("own doRead");
        }
    }

    /**
     * The wrap's read wins over an overridden doRead and over the options' read hook. node
     * v20.20.2, for a class with its own _read and for {@code new Readable({ read })} alike:
     * {@code P P d:a R d:b d:c end}.
     */
    @Test
    void wrapReadWinsOverSubclassAndOptionsRead() {
        for (boolean subclass : new boolean[] {true, false}) {
            List<String> log = new ArrayList<>();
            Must.run(() -> {
                EventEmitter old = new EventEmitter();
                Readable<Object> r = subclass ? new OwnRead(log)
                        : new Readable<>(StreamOptions.create().objectMode(true).highWaterMark(1)
                                .doRead((s, size) -> log.add("options read")));
                r.wrap(old, () -> log.add("P"), () -> log.add("R"));
                old.emit("data", "a");
                old.emit("data", "b");
                r.onData(d -> log.add("d:" + d));
                r.onEnd(() -> log.add("end"));
                EventLoop.current().setImmediate(() -> {
                    old.emit("data", "c");
                    old.emit("end");
                });
            });
            assertThat(log).as(subclass ? "subclass" : "options").containsExactly("P", "P", "d:a", "R", "d:b",
                    "d:c", "end");
        }
    }

    /**
     * An emitter without pause/resume: every chunk is buffered past the mark. node v20.20.2:
     * {@code push0:0 push1:1 push2:2 push3:3 push4:4 d0 d1 d2 d3 d4 end}.
     */
    @Test
    void plainEmitterWithoutPauseIgnoresBackpressure() {
        List<String> log = new ArrayList<>();
        Must.run(() -> {
            EventEmitter old = new EventEmitter();
            Readable<Object> r = new Readable<>(StreamOptions.create().objectMode(true).highWaterMark(2)).wrap(old);
            for (int i = 0; i < 5; i++) {
                log.add("push" + i + ":" + r.readableLength());
                old.emit("data", i);
            }
            old.emit("end");
            r.onData(d -> log.add("d" + d));
            r.onEnd(() -> log.add("end"));
        });
        assertThat(log).containsExactly("push0:0", "push1:1", "push2:2", "push3:3", "push4:4", "d0", "d1", "d2",
                "d3", "d4", "end");
    }

    /**
     * Byte mode, a chunk that is neither Buffer nor String: ERR_INVALID_ARG_TYPE through
     * errorOrDestroy, and push's false pauses the old stream. node v20.20.2:
     * {@code P after error:ERR_INVALID_ARG_TYPE close}, destroyed.
     */
    @Test
    void invalidByteModeChunkFailsTheStream() {
        List<String> log = new ArrayList<>();
        Must.run(() -> {
            EventEmitter old = new EventEmitter();
            Readable<Buffer> r = new Readable<Buffer>().wrap(old, () -> log.add("P"), () -> log.add("R"));
            r.on(Readable.ERROR, Must.callConsumer(e -> log.add("error:" + ((NodeError) e).code())));
            r.onClose(Must.call(() -> {
                log.add("close");
                assertThat(r.destroyed()).isTrue();
            }));
            old.emit("data", 42);
            log.add("after");
        });
        assertThat(log).containsExactly("P", "after", "error:" + ErrorCodes.ERR_INVALID_ARG_TYPE, "close");
    }

    /**
     * Byte mode, highWaterMark 0: a 'data' without an argument is Node's push(undefined), an empty
     * chunk (no data, not EOF, push returns true); a real chunk then reaches the mark. node
     * v20.20.2: {@code len0 P len2 d:ab end}.
     */
    @Test
    void dataWithoutArgumentIsAnEmptyChunkInByteMode() {
        List<String> log = new ArrayList<>();
        Must.run(() -> {
            EventEmitter old = new EventEmitter();
            Readable<Buffer> r = new Readable<Buffer>(StreamOptions.create().highWaterMark(0))
                    .wrap(old, () -> log.add("P"), () -> log.add("R"));
            old.emit("data");
            log.add("len" + r.readableLength());
            old.emit("data", "ab");
            log.add("len" + r.readableLength());
            old.emit("end");
            r.onData(d -> log.add("d:" + d));
            r.onEnd(() -> log.add("end"));
        });
        assertThat(log).containsExactly("len0", "P", "len2", "d:ab", "end");
    }

    /**
     * objectMode: a 'data' without an argument is ignored (a deviation: Node queues an undefined
     * item, which Java cannot carry); nothing is buffered and the old stream is not paused.
     */
    @Test
    void dataWithoutArgumentIsIgnoredInObjectMode() {
        List<String> log = new ArrayList<>();
        Must.run(() -> {
            EventEmitter old = new EventEmitter();
            Readable<Object> r = new Readable<>(StreamOptions.create().objectMode(true).highWaterMark(0))
                    .wrap(old, () -> log.add("P"), () -> log.add("R"));
            old.emit("data");
            log.add("len" + r.readableLength());
            old.emit("data", "a");
            log.add("len" + r.readableLength());
            old.emit("end");
            r.onData(d -> log.add("d:" + d));
            r.onEnd(() -> log.add("end"));
        });
        assertThat(log).containsExactly("len0", "P", "len1", "d:a", "end");
    }

    /** 'data' with null is push(null): EOF. node v20.20.2: {@code d:x end}. */
    @Test
    void nullDataIsEof() {
        List<String> log = new ArrayList<>();
        Must.run(() -> {
            EventEmitter old = new EventEmitter();
            Readable<Buffer> r = new Readable<Buffer>().wrap(old);
            old.emit("data", "x");
            old.emit("data", (Object) null);
            r.onData(d -> log.add("d:" + d));
            r.onEnd(() -> log.add("end"));
        });
        assertThat(log).containsExactly("d:x", "end");
    }

    /**
     * An 'error' value that is not a Throwable. Node emits it as it is ({@code 'boom'}, then
     * destroyed and 'close'); Java wraps it in an UnhandledErrorException carrying it. A missing
     * value is Node's undefined: destroyed without an error, 'close' only.
     */
    @Test
    void nonThrowableAndMissingErrorValues() {
        List<String> log = new ArrayList<>();
        Must.run(() -> {
            EventEmitter old1 = new EventEmitter();
            Readable<Object> r1 = new Readable<>().wrap(old1);
            r1.on(Readable.ERROR, Must.callConsumer(e -> {
                assertThat(e).isInstanceOf(UnhandledErrorException.class);
                assertThat(((UnhandledErrorException) e).context()).isEqualTo("boom");
                log.add("error destroyed=" + r1.destroyed());
            }));
            r1.onClose(() -> log.add("close1"));
            old1.emit("error", "boom");

            EventEmitter old2 = new EventEmitter();
            Readable<Object> r2 = new Readable<>().wrap(old2);
            r2.on(Readable.ERROR, Must.notCallConsumer("undefined is no error"));
            r2.onClose(() -> log.add("close2 destroyed=" + r2.destroyed() + " errored=" + r2.errored()));
            old2.emit("error");
        });
        assertThat(log).containsExactly("error destroyed=true", "close1", "close2 destroyed=true errored=null");
    }

    /**
     * The old emitter must emit on the stream's loop thread: from another thread every wrapped
     * event throws IllegalStateException out of emit and leaves the stream untouched.
     */
    @Test
    void eventsFromAnotherThreadAreRejected() {
        Must.run(() -> {
            EventEmitter old = new EventEmitter();
            Readable<Object> r = new Readable<>(StreamOptions.create().objectMode(true)).wrap(old);
            List<Throwable> thrown = new ArrayList<>();
            Thread t = Thread.ofPlatform().start(() -> {
                for (Object[] ev : List.of(new Object[] {"data", "x"}, new Object[] {"end"},
                        new Object[] {"error", new RuntimeException("x")}, new Object[] {"close"},
                        new Object[] {"destroy"})) {
                    try {
                        old.emit((String) ev[0], Arrays.copyOfRange(ev, 1, ev.length));
                    } catch (Throwable e) {
                        thrown.add(e);
                    }
                }
            });
            try {
                t.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            assertThat(thrown).hasSize(5).allSatisfy(e -> assertThat(e).isInstanceOf(IllegalStateException.class));
            assertThat(thrown).extracting(Throwable::getMessage).allSatisfy(m -> assertThat(m).startsWith("wrap()'s '"));
            assertThat(r.readableLength()).isZero();
            assertThat(r.destroyed()).isFalse();
            assertThat(r.errored()).isNull();
            // On the loop thread the same events work.
            old.emit("data", "y");
            assertThat(r.readableLength()).isEqualTo(1);
            r.destroy();
        });
    }
}
