package io.sluice.stream;

import static io.sluice.stream.PipelineDifferentialInterpreter.code;
import static io.sluice.stream.PipelineDifferentialInterpreter.s;

import io.sluice.buffer.Buffer;
import io.sluice.event.EventEmitter;
import io.sluice.loop.EventLoop;
import io.sluice.testing.EventLog;

/**
 * The Java side of {@link ReadableWrapRandomDifferentialTest}: interprets one spec on a fresh
 * event loop and returns the same string as {@link ReadableWrapDifferentialNodeScript} does in
 * node (the log grouped by loop phase, then a state snapshot of the wrapping stream 25 immediates
 * later). The spec language is documented on the test class.
 */
final class ReadableWrapDifferentialInterpreter {
    private final EventLog log = new EventLog();
    private String snapshot = "";
    private char kind;
    private EventEmitter old;
    private Readable<Object> oldReadable;
    private boolean oldPaused;
    private EventEmitter first;
    private boolean firstPaused;
    private Readable<Object> w;
    private boolean deferred;

    private ReadableWrapDifferentialInterpreter() {}

    /** Runs {@code spec} and returns its outcome string. */
    static String run(String spec) {
        ReadableWrapDifferentialInterpreter in = new ReadableWrapDifferentialInterpreter();
        PipelineDifferentialInterpreter.onLoop(in.log, () -> {
            in.runSpec(spec);
            in.settle();
        });
        return String.join(" | ", in.log.phases()) + " || " + in.snapshot;
    }

    private static void later(char m, Runnable fn) {
        switch (m) {
            case 't' -> EventLoop.current().nextTick(fn);
            case 'i' -> EventLoop.current().setImmediate(fn);
            case 'm' -> EventLoop.current().queueMicrotask(fn);
            default -> fn.run();
        }
    }

    private static long hwm(char h) {
        return switch (h) {
            case '0' -> 0;
            case '1' -> 1;
            case '2' -> 2;
            default -> 16;
        };
    }

    private static Object chunk(char c) {
        switch (c) {
            case 'x' -> {
                return Buffer.from(new byte[] {(byte) 0xe2});
            }
            case 'y' -> {
                return Buffer.from(new byte[] {(byte) 0x82, (byte) 0xac});
            }
            case 'z' -> {
                return "\u20ac";
            }
            case '_' -> {
                return "";
            }
            case 'l' -> {
                return "klmnopqrstuvwxyz0123";
            }
            case 'L' -> {
                return Buffer.from("KLMNOPQRSTUVWXYZ0123");
            }
            case '-' -> {
                return Buffer.from(new byte[0]);
            }
            case '!' -> {
                return null;
            }
            default -> { }
        }
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'Z') {
            return Buffer.from(String.valueOf(Character.toLowerCase(c)));
        }
        return String.valueOf(c);
    }

    private void runSpec(String spec) {
        String[] toks = spec.split(" ");
        String h = toks[0];
        kind = h.charAt(0);
        boolean obj = h.charAt(1) == '1';
        try {
            StreamOptions opts = StreamOptions.create().objectMode(obj).emitClose(h.charAt(4) == '1')
                    .autoDestroy(h.charAt(5) == '1');
            if (h.charAt(2) != 'd') {
                opts.highWaterMark(hwm(h.charAt(2)));
            }
            if (h.charAt(3) == 'u') {
                opts.encoding("utf8");
            } else if (h.charAt(3) == 'x') {
                opts.encoding("hex");
            }
            w = new Readable<>(opts);
            if (kind == 'T') {
                first = new EventEmitter();
                w.wrap(first, () -> {
                    log.log("first:pause");
                    firstPaused = true;
                }, () -> {
                    log.log("first:resume");
                    firstPaused = false;
                });
            }
            deferred = h.charAt(6) == '1';
            if (kind == 'R' || kind == 'S') {
                oldReadable = new Readable<>(StreamOptions.create().objectMode(kind == 'S' ? !obj : obj).doRead((Readable<Object> self, long n) -> { }));
                oldReadable.on(ReadableStream.PAUSE, v -> log.log("old:pause"));
                oldReadable.on(ReadableStream.RESUME, v -> log.log("old:resume"));
                oldReadable.on(Stream.ERROR, e -> { });
                old = oldReadable;
            } else {
                old = new EventEmitter();
            }
            if (!deferred) {
                doWrap();
            }
            w.on(Stream.ERROR, e -> log.log("error " + code(e)));
            w.on(Stream.CLOSE, v -> log.log("close"));
            w.on(ReadableStream.END, v -> log.log("end"));
            w.on(ReadableStream.PAUSE, v -> log.log("pause"));
            w.on(ReadableStream.RESUME, v -> log.log("resume"));
            String c = toks[1];
            if (c.equals("f") || c.equals("b")) {
                w.on(ReadableStream.DATA, x -> log.log("data " + s(x)));
            }
            if (c.equals("r") || c.equals("b")) {
                w.on(ReadableStream.READABLE, v -> {
                    log.log("readable");
                    Object x;
                    while ((x = w.read()) != null) {
                        log.log("read " + s(x));
                    }
                });
            } else if (c.charAt(0) == 'p') {
                char timing = c.charAt(1);
                Writable<Object> dest = new Writable<>(StreamOptions.create().objectMode(obj).highWaterMark(hwm(c.charAt(2)))
                        .doWrite((Writable<Object> self, Object x, String e, Callback cb) -> {
                            log.log("w:write " + s(x));
                            later(timing, () -> cb.done(null));
                        }));
                dest.on(WritableStream.FINISH, v -> log.log("w:finish"));
                w.pipe(dest);
            }
        } catch (RuntimeException e) {
            log.log("THREW " + code(e));
        }
        step(toks, 2);
    }

    /** Wraps the old stream: Q and T through the Runnable overload, R and P through the plain one. */
    private void doWrap() {
        if (kind == 'Q' || kind == 'T') {
            w.wrap(old, () -> {
                log.log("old:pause");
                oldPaused = true;
            }, () -> {
                log.log("old:resume");
                oldPaused = false;
            });
        } else {
            w.wrap(old);
        }
    }

    private void step(String[] toks, int i) {
        if (i >= toks.length) {
            return;
        }
        later(toks[i].charAt(0), () -> {
            try {
                exec(toks[i].substring(1));
            } catch (RuntimeException e) {
                log.log("THREW " + code(e));
            }
            step(toks, i + 1);
        });
    }

    private void exec(String o) {
        log.log(">" + o);
        if (o.charAt(0) == '~') {
            switch (o.charAt(1)) {
                case 'p' -> w.pause();
                case 'r' -> w.resume();
                case 'd' -> w.destroy();
                case 'D' -> w.destroy(new RuntimeException("boom"));
                case 'R' -> log.log("R " + s(w.read()));
                case '0' -> log.log("R0 " + s(w.read(0)));
                case '1' -> log.log("R1 " + s(w.read(1)));
                case '9' -> log.log("R20 " + s(w.read(20)));
                case 'f' -> w.on(ReadableStream.DATA, x -> log.log("data2 " + s(x)));
                case 'u' -> w.unpipe();
                case 's' -> w.setEncoding("utf8");
                case 'w' -> doWrap();
                default -> throw new IllegalArgumentException(o);
            }
        } else if (o.charAt(0) == 'e') {
            first.emit("data", chunk(o.charAt(1)));
        } else if (kind == 'R' || kind == 'S') {
            switch (o.charAt(0)) {
                case 'd' -> oldReadable.push(chunk(o.charAt(1)));
                case 'E' -> oldReadable.pushEnd();
                case 'X' -> oldReadable.destroy(new RuntimeException("oops"));
                case 'C' -> oldReadable.destroy();
                case 'P' -> oldReadable.pause();
                case 'U' -> oldReadable.resume();
                default -> throw new IllegalArgumentException(o);
            }
        } else {
            switch (o.charAt(0)) {
                case 'd' -> {
                    if (o.charAt(1) == '.') {
                        old.emit("data");
                    } else {
                        old.emit("data", chunk(o.charAt(1)));
                    }
                }
                case 'E' -> old.emit("end");
                case 'X' -> old.emit("error", new RuntimeException("oops"));
                case 'C' -> old.emit("close");
                case 'D' -> old.emit("destroy");
                default -> throw new IllegalArgumentException(o);
            }
        }
    }

    private void settle() {
        int[] depth = {0};
        Runnable[] tick = new Runnable[1];
        tick[0] = () -> {
            if (++depth[0] < 25) {
                EventLoop.current().setImmediate(tick[0]);
            } else {
                snapshot = (w.destroyed() ? "D" : "-") + (w.closed() ? "C" : "-") + " ended=" + w.readableEnded()
                        + " len=" + w.readableLength() + " err=" + code(w.errored()) + " flowing=" + w.readableFlowing()
                        + (kind == 'Q' || kind == 'T' ? " oldPaused=" + oldPaused : "")
                        + (kind == 'T' ? " firstPaused=" + firstPaused : "");
            }
        };
        EventLoop.current().setImmediate(tick[0]);
    }
}
