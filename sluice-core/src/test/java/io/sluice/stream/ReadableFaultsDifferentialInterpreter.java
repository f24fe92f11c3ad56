package io.sluice.stream;

import static io.sluice.stream.PipelineDifferentialInterpreter.code;

import io.sluice.buffer.Buffer;
import io.sluice.event.Event;
import io.sluice.loop.EventLoop;
import io.sluice.testing.EventLog;
import io.sluice.testing.LoopTiming;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The Java side of {@link ReadableFaultsRandomDifferentialTest}: interprets one spec with Sluice's
 * {@link Readable} and {@link Duplex} on a fresh event loop and returns the same string as
 * {@link ReadableFaultsDifferentialNodeScript} does in node (the log grouped by phase, then a state
 * snapshot 40 immediates later). The spec language is documented on the test class.
 */
final class ReadableFaultsDifferentialInterpreter {
    private static final Map<Character, String> OPT_ENCODINGS = Map.of('8', "utf8", 'h', "hex", '6', "base64",
            'l', "latin1", 'U', "UTF-8");
    private static final Map<Character, String> SET_ENCODINGS = Map.of('8', "utf8", 'h', "hex", '6', "base64",
            'l', "latin1", 'b', "binary", 'z', "bogus");
    private static final Map<Character, Long> READ_SIZES = Map.of('0', 0L, '1', 1L, '3', 3L, '5', 50L, 'k', 1000L,
            'B', (1L << 30) + 1);
    private static final Map<Character, String> EVENT_NAMES = Map.of('d', "data", 'r', "readable", 'e', "end",
            'E', "error", 'c', "close", 'p', "pause", 'R', "resume");

    private final EventLog log = new EventLog();
    private String cycle;
    private int calls;
    private int cid;
    private Readable<Object> st;
    /** The logging 'data' / 'readable' listeners added by ops, oldest first (for the removing ops). */
    private final List<Consumer<Object>> dataLs = new ArrayList<>();
    private final List<Consumer<Void>> readableLs = new ArrayList<>();
    private String snapshot = "";

    private ReadableFaultsDifferentialInterpreter() {}

    /** Runs {@code spec} and returns its outcome string. */
    static String run(String spec) {
        ReadableFaultsDifferentialInterpreter in = new ReadableFaultsDifferentialInterpreter();
        PipelineDifferentialInterpreter.onLoop(in.log, () -> in.runSpec(spec));
        return String.join(" | ", in.log.phases()) + " || " + in.snapshot;
    }

    static String desc(Object c) {
        if (c == null) {
            return "null";
        }
        if (c instanceof Buffer b) {
            return "b" + b.toString("hex");
        }
        if (c instanceof String s) {
            return "s" + s;
        }
        if (c instanceof Integer n) {
            return "n" + n;
        }
        return "o" + c;
    }

    private static void later(char m, Runnable fn) {
        if (m == 't') {
            EventLoop.current().nextTick(fn);
        } else {
            EventLoop.current().setImmediate(fn);
        }
    }

    /** A chunk of kind {@code k} and the encoding to push it with (null: none), as the node script's chunk(). */
    private Object[] chunk(char k) {
        return switch (k) {
            case 's' -> new Object[] {"c" + (++cid), null};
            case 'b' -> new Object[] {Buffer.from("c" + (++cid)), null};
            case 'h' -> new Object[] {"6869", "hex"};
            case 'e' -> new Object[] {"", null};
            case 'E' -> new Object[] {Buffer.alloc(0), null};
            case '9' -> new Object[] {42, null};
            case 'u' -> new Object[] {Buffer.from(0xe2, 0x82), null};
            case 'v' -> new Object[] {Buffer.from(0xac), null};
            case 'n' -> new Object[] {null, null};
            default -> throw new IllegalArgumentException("bad chunk " + k);
        };
    }

    private void push(String tag, char k) {
        Object[] a = chunk(k);
        try {
            boolean r = a[1] != null ? st.push((String) a[0], (String) a[1]) : st.push(a[0]);
            log.log(tag + " " + desc(a[0]) + "=" + r);
        } catch (RuntimeException err) {
            log.log(tag + " " + desc(a[0]) + " THREW " + code(err));
        }
    }

    private void unshift(char k) {
        Object[] a = chunk(k);
        try {
            boolean r = a[1] != null ? st.unshift((String) a[0], (String) a[1]) : st.unshift(a[0]);
            log.log("unshift " + desc(a[0]) + "=" + r);
        } catch (RuntimeException err) {
            log.log("unshift " + desc(a[0]) + " THREW " + code(err));
        }
    }

    /** The k-th _read call's behaviour (the cycle, repeated; from the 13th call on, EOF). */
    private void behave(int k) {
        char b = k > 12 ? 'e' : cycle.charAt((k - 1) % cycle.length());
        switch (b) {
            case 's' -> push("_push", 's');
            case 'b' -> push("_push", 'b');
            case '2' -> {
                push("_push", 's');
                push("_push", 'b');
            }
            case 't' -> later('t', () -> push("_push", 's'));
            case 'i' -> later('i', () -> push("_push", 's'));
            case 'h' -> push("_push", 'h');
            case 'u' -> {
                push("_push", 'u');
                later('t', () -> push("_push", 'v'));
            }
            case '0' -> push("_push", 'e');
            case '9' -> push("_push", '9');
            case 'e' -> push("_push", 'n');
            case 'E' -> later('t', () -> push("_push", 'n'));
            case 'n' -> { }
            case 'x' -> throw new RuntimeException("rx" + k);
            case 'd' -> {
                log.log("self destroy()");
                st.destroy();
            }
            case 'D' -> {
                log.log("self destroy(err)");
                st.destroy(new RuntimeException("rd" + k));
            }
            case 'A' -> {
                push("_push", 's');
                push("_push", 'n');
                push("_push", 's');
            }
            default -> throw new IllegalArgumentException("bad behaviour " + b);
        }
    }

    private void build(char kind, boolean obj, int hwm, char cons, String flags) {
        StreamOptions o = StreamOptions.create().objectMode(obj).highWaterMark(hwm);
        if (flags.contains("a")) {
            o.autoDestroy(false);
        }
        if (flags.contains("c")) {
            o.emitClose(false);
        }
        if (flags.contains("y")) {
            o.doDestroy((Stream self, Throwable err, Callback cb) -> {
                log.log("_destroy " + code(err));
                later('i', () -> cb.done(err));
            });
        }
        if (flags.contains("Y")) {
            o.doDestroy((Stream self, Throwable err, Callback cb) -> {
                log.log("_destroy " + code(err));
                cb.done(new RuntimeException("de"));
            });
        }
        OPT_ENCODINGS.forEach((c, name) -> {
            if (flags.indexOf(c) >= 0) {
                o.encoding(name);
            }
        });
        o.doRead((Readable<Object> self, long n) -> {
            log.log("_read " + n);
            behave(++calls);
        });
        if (cons != '-') {
            o.doConstruct((Stream self, Callback cb) -> {
                log.log("_construct");
                switch (cons) {
                    case 't' -> later('t', cb::done);
                    case 'i' -> later('i', cb::done);
                    case 'e' -> later('i', () -> cb.done(new RuntimeException("ce")));
                    case 'E' -> cb.done(new RuntimeException("ce"));
                    default -> throw new RuntimeException("cx");
                }
            });
        }
        if (kind == 'D') {
            o.doWrite((Stream self, Object c, String e, Callback cb) -> cb.done());
            st = new Duplex<>(o);
        } else {
            st = new Readable<>(o);
        }
        loggers(kind);
    }

    private void loggers(char kind) {
        st.on(Stream.CLOSE, v -> log.log("close"));
        st.on(Stream.ERROR, e -> log.log("error " + code(e)));
        st.on(ReadableStream.END, v -> log.log("end"));
        st.on(ReadableStream.PAUSE, v -> log.log("pause"));
        st.on(ReadableStream.RESUME, v -> log.log("resume"));
        if (kind == 'D') {
            st.on(WritableStream.FINISH, v -> log.log("finish"));
        }
    }

    private void doRead(char sz) {
        String tag = sz == '-' ? "read" : "read" + READ_SIZES.get(sz);
        try {
            Object v = sz == '-' ? st.read() : st.read(READ_SIZES.get(sz));
            log.log(tag + "=" + desc(v));
        } catch (RuntimeException err) {
            log.log(tag + " THREW " + code(err));
        }
    }

    private void setEnc(char e) {
        String name = SET_ENCODINGS.get(e);
        try {
            st.setEncoding(name);
            log.log("enc " + name);
        } catch (RuntimeException err) {
            log.log("enc " + name + " THREW " + code(err));
        }
    }

    private void action(char a) {
        switch (a) {
            case '-' -> { }
            case 'd' -> {
                log.log("destroy()");
                st.destroy();
            }
            case 'D' -> {
                log.log("destroy(err)");
                st.destroy(new RuntimeException("act"));
            }
            case 'g' -> doRead('-');
            case 'u' -> unshift('s');
            case 'p' -> push("push", 's');
            case 'n' -> push("push", 'n');
            case 'P' -> st.pause();
            case 'R' -> st.resume();
            case 'k' -> setEnc('h');
            default -> throw new IllegalArgumentException("bad action " + a);
        }
    }

    @SuppressWarnings("unchecked")
    private static Event<Object> event(char e) {
        return (Event<Object>) (Event<?>) switch (e) {
            case 'd' -> ReadableStream.DATA;
            case 'r' -> ReadableStream.READABLE;
            case 'e' -> ReadableStream.END;
            case 'E' -> Stream.ERROR;
            case 'c' -> Stream.CLOSE;
            case 'p' -> ReadableStream.PAUSE;
            default -> ReadableStream.RESUME;
        };
    }

    private void op(char kind, String t) {
        switch (t.charAt(0)) {
            case 'g' -> doRead(t.charAt(1));
            case 'p' -> push("push", t.charAt(1));
            case 'U' -> unshift(t.charAt(1));
            case 'P' -> st.pause();
            case 'R' -> st.resume();
            case 'o' -> {
                Consumer<Object> f = d -> log.log("data " + desc(d));
                dataLs.add(f);
                st.on(ReadableStream.DATA, f);
            }
            case 'f' -> {
                if (!dataLs.isEmpty()) {
                    st.removeListener(ReadableStream.DATA, dataLs.remove(0));
                }
            }
            case 'l' -> {
                Consumer<Void> f = v -> {
                    log.log("readable");
                    Object x;
                    while ((x = st.read()) != null) {
                        log.log("rl " + desc(x));
                    }
                };
                readableLs.add(f);
                st.on(ReadableStream.READABLE, f);
            }
            case 'L' -> {
                Consumer<Void> f = v -> log.log("readable");
                readableLs.add(f);
                st.on(ReadableStream.READABLE, f);
            }
            case 'm' -> {
                if (!readableLs.isEmpty()) {
                    st.removeListener(ReadableStream.READABLE, readableLs.remove(0));
                }
            }
            case 'x' -> {
                st.removeAllListeners(ReadableStream.DATA);
                dataLs.clear();
            }
            case 'X' -> {
                st.removeAllListeners(ReadableStream.READABLE);
                readableLs.clear();
            }
            case 'Q' -> {
                // everything goes; the loggers come back (an 'error' nobody listens to is fatal in node)
                st.removeAllListeners();
                dataLs.clear();
                readableLs.clear();
                loggers(kind);
            }
            case 'O' -> st.once(event(t.charAt(1)), v -> {
                log.log("once " + EVENT_NAMES.get(t.charAt(1)) + (t.charAt(1) == 'd' ? " " + desc(v) : ""));
                action(t.charAt(2));
            });
            case 'k' -> setEnc(t.charAt(1));
            case 'd' -> {
                log.log("destroy()");
                st.destroy();
            }
            case 'D' -> {
                log.log("destroy(err)");
                st.destroy(new RuntimeException("boom"));
            }
            case 'W' -> {
                log.log("end()");
                ((Duplex<?, ?>) st).end();
            }
            default -> throw new IllegalArgumentException("bad op " + t);
        }
    }

    private String snap() {
        return "len=" + st.readableLength() + " fl=" + st.readableFlowing() + " ended=" + st.readableEnded()
                + " hwm=" + st.readableHighWaterMark() + " dr=" + st.readableDidRead() + " ab=" + st.readableAborted()
                + " r=" + st.readable() + " D=" + st.destroyed() + " C=" + st.closed() + " err=" + code(st.errored())
                + " p=" + st.isPaused() + " enc=" + st.readableEncoding();
    }

    private void runSpec(String spec) {
        String[] t = spec.split(" ");
        char kind = t[0].charAt(0);
        cycle = t[3];
        try {
            build(kind, t[1].equals("1"), Integer.parseInt(t[2]), t[4].charAt(0), t[5]);
            for (int i = 6; i < t.length; i++) {
                String tok = t[i];
                Runnable go = () -> op(kind, tok.substring(1));
                switch (tok.charAt(0)) {
                    case 's' -> go.run();
                    case 't' -> EventLoop.current().nextTick(go);
                    case 'i' -> EventLoop.current().setImmediate(go);
                    default -> EventLoop.current().setImmediate(() -> EventLoop.current().setImmediate(go));
                }
            }
        } catch (RuntimeException e) {
            log.log("THREW " + code(e));
        }
        // The snapshot is taken 40 immediates later, identically on the node side: enough for every
        // op (two immediates deep) and a chain of immediate callbacks behind it.
        LoopTiming.afterImmediates(40, () -> {
            if (st != null) {
                snapshot = snap();
            }
        });
    }
}
