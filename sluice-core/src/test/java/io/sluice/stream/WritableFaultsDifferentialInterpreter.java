package io.sluice.stream;

import static io.sluice.stream.PipelineDifferentialInterpreter.code;

import io.sluice.buffer.Buffer;
import io.sluice.loop.EventLoop;
import io.sluice.testing.EventLog;
import io.sluice.testing.LoopTiming;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Java side of {@link WritableFaultsRandomDifferentialTest}: interprets one spec with Sluice's
 * {@link Writable}, {@link Duplex} and {@link Transform} on a fresh event loop and returns the same
 * string as {@link WritableFaultsDifferentialNodeScript} does in node (the log grouped by phase,
 * then a state snapshot 40 immediates later). The spec language is documented on the test class.
 */
final class WritableFaultsDifferentialInterpreter {
    private static final String[] PAYLOADS = {"ab", "\u00e9\u20ac", "6869", "aGk=", "zz", ""};
    private static final Map<Character, String> ENCODINGS = Map.of('8', "utf8", 'h', "hex", '6', "base64",
            'l', "latin1", 'L', "LATIN1", 'z', "bogus");
    private static final Map<Character, String> DEFAULT_ENCODINGS = new java.util.HashMap<>(Map.of('h', "hex",
            'l', "latin1", 'b', "binary", 'U', "UTF8", '6', "base64", 'z', "bogus"));
    private static final Map<Character, String> EVENTS = Map.of('d', "drain", 'f', "finish", 'p', "prefinish",
            'e', "error", 'c', "close");

    static {
        DEFAULT_ENCODINGS.put('0', null);
    }

    private final EventLog log = new EventLog();
    private String cycle;
    private int calls;
    private int wid;
    private int eid;
    private Stream st;
    /** The stream as a Writable, or null for a Duplex/Transform (Java has no common type for cork etc.). */
    private Writable<Object> wr;
    private Duplex<Object, Object> du;
    private String snapshot = "";
    private int inEnd;

    private WritableFaultsDifferentialInterpreter() {}

    /** Runs {@code spec} and returns its outcome string. */
    static String run(String spec) {
        WritableFaultsDifferentialInterpreter in = new WritableFaultsDifferentialInterpreter();
        PipelineDifferentialInterpreter.onLoop(in.log, () -> in.runSpec(spec));
        return String.join(" | ", in.log.phases()) + " || " + in.snapshot;
    }

    /** A destroy logged while end() runs says so: the end-callback gate needs to tell it apart. */
    private void dlog(String what) {
        log.log(inEnd > 0 ? what + " in end" : what);
    }

    static String desc(Object c) {
        if (c instanceof Buffer b) {
            return "b" + b.toString("hex");
        }
        if (c instanceof byte[] u) {
            return "u" + Buffer.from(u).toString("hex");
        }
        if (c instanceof String s) {
            return "s" + s;
        }
        if (c instanceof Integer n) {
            return "n" + n;
        }
        return "o" + c;
    }

    private static String enc(String e) {
        return e == null ? "null" : e;
    }

    private static void later(char m, Runnable fn) {
        if (m == 't') {
            EventLoop.current().nextTick(fn);
        } else {
            EventLoop.current().setImmediate(fn);
        }
    }

    /** The callback behaviour of the k-th _write/_writev/_transform call (the cycle, repeated). */
    private void behave(int k, Callback cb) {
        Runnable ok = () -> cb.done(null);
        Runnable bad = () -> cb.done(new RuntimeException("we" + k));
        switch (cycle.charAt((k - 1) % cycle.length())) {
            case 's' -> ok.run();
            case 't' -> later('t', ok);
            case 'i' -> later('i', ok);
            case 'S' -> bad.run();
            case 'T' -> later('t', bad);
            case 'I' -> later('i', bad);
            case 'n' -> { }
            case '2' -> {
                ok.run();
                ok.run();
            }
            case '3' -> {
                later('t', ok);
                later('i', ok);
            }
            case 'x' -> throw new RuntimeException("wx" + k);
            case 'd' -> {
                dlog("self destroy()");
                st.destroy();
                ok.run();
            }
            case 'D' -> {
                dlog("self destroy(err)");
                st.destroy(new RuntimeException("wd" + k));
            }
            case 'e' -> {
                doEnd('f', '-', '0', '-');
                ok.run();
            }
            case 'W' -> {
                if (k <= 6) { // a cycle of only W would write forever
                    doWrite('-', '0', true, '-');
                }
                ok.run();
            }
            default -> throw new IllegalArgumentException("bad behaviour in " + cycle);
        }
    }

    private void finalHook(char fin, Callback cb) {
        log.log("_final");
        switch (fin) {
            case 's' -> cb.done();
            case 't' -> later('t', cb::done);
            case 'i' -> later('i', cb::done);
            case 'e' -> cb.done(new RuntimeException("fe"));
            case 'E' -> later('t', () -> cb.done(new RuntimeException("fe")));
            case 'x' -> throw new RuntimeException("fx");
            case '2' -> {
                cb.done();
                cb.done();
            }
            case 'd' -> {
                dlog("self destroy()");
                st.destroy();
            }
            default -> throw new IllegalArgumentException("bad final " + fin);
        }
    }

    @SuppressWarnings("unchecked")
    private void build(char kind, boolean obj, int hwm, char fin, char cons, String flags) {
        StreamOptions o = StreamOptions.create().objectMode(obj).highWaterMark(hwm);
        if (flags.contains("a")) {
            o.autoDestroy(false);
        }
        if (flags.contains("c")) {
            o.emitClose(false);
        }
        if (flags.contains("d")) {
            o.decodeStrings(false);
        }
        if (flags.contains("h")) {
            o.allowHalfOpen(false);
        }
        if (flags.contains("y")) {
            o.doDestroy((Stream self, Throwable err, Callback cb) -> {
                log.log("_destroy " + code(err));
                later('i', () -> cb.done(err));
            });
        }
        for (String[] de : new String[][] {{"l", "latin1"}, {"x", "hex"}, {"b", "base64"}, {"U", "UTF-8"}}) {
            if (flags.contains(de[0])) {
                o.defaultEncoding(de[1]);
            }
        }
        if (kind == 'T') {
            o.doTransform((Transform<Object, Object> self, Object c, String e, TransformCallback<Object> cb) -> {
                log.log("_transform " + desc(c) + " " + enc(e));
                behave(++calls, err -> {
                    if (err != null) {
                        cb.done(err);
                    } else {
                        cb.done(null, c);
                    }
                });
            });
        } else {
            o.doWrite((Stream self, Object c, String e, Callback cb) -> {
                log.log("_write " + desc(c) + " " + enc(e));
                behave(++calls, cb);
            });
            if (flags.contains("v")) {
                o.doWritev((Stream self, List<WriteChunk<Object>> chunks, Callback cb) -> {
                    List<String> parts = new ArrayList<>();
                    for (WriteChunk<Object> x : chunks) {
                        parts.add(desc(x.chunk()) + "/" + enc(x.encoding()));
                    }
                    log.log("_writev " + String.join(",", parts));
                    behave(++calls, cb);
                });
            }
        }
        if (fin != '-') {
            o.doFinal((Stream self, Callback cb) -> finalHook(fin, cb));
        }
        if (cons != '-') {
            o.doConstruct((Stream self, Callback cb) -> {
                log.log("_construct");
                if (cons == 't') {
                    later('t', cb::done);
                } else if (cons == 'i') {
                    later('i', cb::done);
                } else if (cons == 'e') {
                    later('i', () -> cb.done(new RuntimeException("ce")));
                } else if (cons == 'E') {
                    cb.done(new RuntimeException("ce"));
                } else {
                    throw new RuntimeException("cx");
                }
            });
        }
        if (kind == 'U') {
            List<String> items = new ArrayList<>(List.of("r", "s"));
            o.doRead((Readable<Object> self, long n) -> {
                log.log("_read");
                later('t', () -> {
                    String it = items.isEmpty() ? null : items.remove(0);
                    log.log("push " + it + "=" + self.push(it));
                });
            });
        } else if (kind == 'D') {
            o.doRead((Readable<Object> self, long n) -> log.log("_read"));
        }
        if (kind == 'W') {
            wr = new Writable<>(o);
            st = wr;
        } else {
            du = kind == 'T' ? new Transform<>(o) : new Duplex<>(o);
            st = du;
        }
        st.on(Stream.CLOSE, v -> log.log("close"));
        st.on(Stream.ERROR, e -> log.log("error " + code(e)));
        st.on(WritableStream.DRAIN, v -> log.log("drain"));
        st.on(WritableStream.PREFINISH, v -> log.log("prefinish"));
        st.on(WritableStream.FINISH, v -> log.log("finish"));
        if (kind == 'U' || kind == 'T') {
            st.on(ReadableStream.END, v -> log.log("end"));
        }
        if (kind == 'U' || (kind == 'T' && flags.contains("o"))) {
            st.on(ReadableStream.DATA, d -> log.log("data " + desc(d)));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The writable API of whichever class the stream is.

    private boolean write(Object chunk, String encoding, Callback cb) {
        if (wr != null) {
            return cb == null ? wr.write(chunk, encoding) : wr.write(chunk, encoding, cb);
        }
        return cb == null ? du.write(chunk, encoding) : du.write(chunk, encoding, cb);
    }

    private void end(Object chunk, String encoding, Callback cb) {
        if (wr != null) {
            wr.end(chunk, encoding, cb);
        } else {
            du.end(chunk, encoding, cb);
        }
    }

    private void cork() {
        if (wr != null) {
            wr.cork();
        } else {
            du.cork();
        }
    }

    private void uncork() {
        try {
            if (wr != null) {
                wr.uncork();
            } else {
                du.uncork();
            }
        } catch (RuntimeException e) {
            log.log("uncork THREW " + code(e));
        }
    }

    private void setDefaultEncoding(String name) {
        if (wr != null) {
            wr.setDefaultEncoding(name);
        } else {
            du.setDefaultEncoding(name);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Ops.

    /** A chunk and its encoding (null: none given), as the node script's chunkArgs. */
    private static Object[] chunkArgs(char e, char p) {
        String payload = PAYLOADS[p - '0'];
        return switch (e) {
            case '-' -> new Object[] {payload, null};
            case 'b' -> new Object[] {Buffer.from(payload), null};
            case 'u' -> new Object[] {payload.getBytes(java.nio.charset.StandardCharsets.UTF_8), null};
            case 'N' -> new Object[] {null, null};
            case '9' -> new Object[] {42, null};
            default -> new Object[] {payload, ENCODINGS.get(e)};
        };
    }

    private void doWrite(char e, char p, boolean withCb, char act) {
        int id = ++wid;
        try {
            Object[] a = chunkArgs(e, p);
            Callback cb = withCb ? err -> {
                log.log("cb" + id + " " + code(err));
                action(act);
            } : null;
            boolean r = write(a[0], (String) a[1], cb);
            log.log("w" + id + "=" + r);
        } catch (RuntimeException err) {
            log.log("w" + id + " THREW " + code(err));
        }
    }

    private void doEnd(char mode, char e, char p, char act) {
        int id = ++eid;
        log.log("end" + id);
        Callback cb = err -> {
            log.log("endcb" + id + " " + code(err));
            action(act);
        };
        inEnd++;
        try {
            if (mode == 'e') {
                end(null, null, null);
            } else if (mode == 'f') {
                end(null, null, cb);
            } else {
                Object[] a = chunkArgs(e, p);
                end(a[0], (String) a[1], cb);
            }
        } catch (RuntimeException err) {
            log.log("end" + id + " THREW " + code(err));
        } finally {
            inEnd--;
        }
    }

    private void action(char a) {
        switch (a) {
            case '-' -> { }
            case 'd' -> {
                dlog("destroy()");
                st.destroy();
            }
            case 'D' -> {
                dlog("destroy(err)");
                st.destroy(new RuntimeException("act"));
            }
            case 'w' -> doWrite('-', '0', true, '-');
            case 'e' -> doEnd('f', '-', '0', '-');
            case 'c' -> cork();
            case 'u' -> uncork();
            default -> throw new IllegalArgumentException("bad action " + a);
        }
    }

    private static char at(String t, int i) {
        return i < t.length() ? t.charAt(i) : '-';
    }

    private void op(String t) {
        switch (t.charAt(0)) {
            case 'w' -> doWrite(t.charAt(1), t.charAt(2), true, at(t, 3));
            case 'n' -> doWrite(t.charAt(1), t.charAt(2), false, '-');
            case 'e' -> doEnd('e', '-', '0', '-');
            case 'f' -> doEnd('f', '-', '0', at(t, 1));
            case 'E' -> doEnd('E', t.charAt(1), t.charAt(2), at(t, 3));
            case 'c' -> cork();
            case 'u' -> uncork();
            case 'd' -> {
                dlog("destroy()");
                st.destroy();
            }
            case 'D' -> {
                dlog("destroy(err)");
                st.destroy(new RuntimeException("boom"));
            }
            case 'k' -> {
                String name = DEFAULT_ENCODINGS.get(t.charAt(1));
                try {
                    setDefaultEncoding(name);
                    log.log("sde " + name);
                } catch (RuntimeException err) {
                    log.log("sde " + name + " THREW " + code(err));
                }
            }
            case 'o' -> {
                String ev = EVENTS.get(t.charAt(1));
                char a = t.charAt(2);
                io.sluice.event.Event<?> event = switch (t.charAt(1)) {
                    case 'd' -> WritableStream.DRAIN;
                    case 'f' -> WritableStream.FINISH;
                    case 'p' -> WritableStream.PREFINISH;
                    case 'e' -> Stream.ERROR;
                    default -> Stream.CLOSE;
                };
                st.once(event, v -> {
                    log.log("once " + ev);
                    action(a);
                });
            }
            default -> throw new IllegalArgumentException("bad op " + t);
        }
    }

    private String snap(char kind) {
        WritableStream<?> w = (WritableStream<?>) st;
        String o = "len=" + w.writableLength() + " nd=" + w.writableNeedDrain() + " ended=" + w.writableEnded()
                + " fin=" + w.writableFinished() + " corked=" + w.writableCorked() + " w=" + w.writable()
                + " D=" + st.destroyed() + " C=" + st.closed() + " err=" + code(st.errored());
        // Node 20's Duplex has no writableAborted (undefined there), so only a Writable's is compared.
        if (kind == 'W') {
            o += " ab=" + w.writableAborted();
        } else {
            o += " rended=" + du.readableEnded();
        }
        return o;
    }

    private void runSpec(String spec) {
        String[] t = spec.split(" ");
        char kind = t[0].charAt(0);
        cycle = t[3];
        try {
            build(kind, t[1].equals("1"), Integer.parseInt(t[2]), t[4].charAt(0), t[5].charAt(0), t[6]);
            for (int i = 7; i < t.length; i++) {
                String tok = t[i];
                Runnable go = () -> op(tok.substring(1));
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
                snapshot = snap(kind);
            }
        });
    }
}
