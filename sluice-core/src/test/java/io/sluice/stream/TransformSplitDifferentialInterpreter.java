package io.sluice.stream;

import static io.sluice.stream.PipelineDifferentialInterpreter.code;
import static io.sluice.stream.PipelineDifferentialInterpreter.s;

import io.sluice.buffer.Buffer;
import io.sluice.loop.EventLoop;
import io.sluice.testing.EventLog;
import io.sluice.testing.LoopTiming;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The Java side of {@link TransformSplitRandomDifferentialTest}: interprets one spec on a fresh
 * event loop and returns the same string as {@link TransformSplitDifferentialNodeScript} does in
 * node (the log grouped by phase, then a state snapshot 20 immediates later). The spec language is
 * documented on the test class.
 */
final class TransformSplitDifferentialInterpreter {
    /** Chunk contents cycle through this text: two- and three-byte UTF-8 and a surrogate pair. */
    static final String TEXT = "ab\u20accd\u00e9fg\ud83d\ude00hijklmno\u00e9\u20acpqrstuvwxyz";
    private static final Map<Character, String> ENC = Map.of('u', "utf8", '6', "base64", 'l', "latin1",
            'x', "hex", 'w', "utf16le");

    /** Log entries after which a spec is taken to loop forever: the run is stopped (see {@link #log}). */
    private static final int RUNAWAY = 20_000;

    private final EventLog events = new EventLog();
    private int logged;
    private Duplex<Object, Object> st;
    private Writable<Object> dst;
    private int writes;
    private String snapshot = "";

    private TransformSplitDifferentialInterpreter() {}

    /** Runs {@code spec} and returns its outcome string. */
    static String run(String spec) {
        TransformSplitDifferentialInterpreter in = new TransformSplitDifferentialInterpreter();
        try {
            EventLoop.run(() -> {
                // As node's 'uncaughtException' listener, but a runaway spec stops the loop.
                EventLoop.current().setUncaughtExceptionHandler(e -> {
                    if (e instanceof Runaway r) {
                        throw r;
                    }
                    in.log("UNCAUGHT " + code(e));
                });
                in.runSpec(spec);
                in.settle();
            });
        } catch (Runaway e) {
            return "RUNAWAY " + String.join(" | ", in.events.phases());
        }
        return String.join(" | ", in.events.phases()) + " || " + in.snapshot;
    }

    /** Thrown once a spec has logged {@link #RUNAWAY} entries, so that a livelock fails the run instead of hanging it. */
    private static final class Runaway extends RuntimeException {
        Runaway() {
            super("runaway", null, false, false);
        }
    }

    private void log(String text) {
        if (++logged > RUNAWAY) {
            throw new Runaway();
        }
        events.log(text);
    }

    private static void later(char m, Runnable fn) {
        switch (m) {
            case 't' -> EventLoop.current().nextTick(fn);
            case 'i' -> EventLoop.current().setImmediate(fn);
            case 'j' -> EventLoop.current().setImmediate(() -> EventLoop.current().setImmediate(fn));
            default -> fn.run();
        }
    }

    /** {@code len} UTF-16 units of {@link #TEXT} from offset {@code v - 'a'}, cycling (may cut a surrogate pair). */
    static String text(int len, char v) {
        int off = v - 'a';
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            sb.append(TEXT.charAt((off + i) % TEXT.length()));
        }
        return sb.toString();
    }

    /** {@code s<len><v>}: a string; {@code b<len><v>}: the first len bytes of the text's UTF-8; {@code n<len><v>}: the number len. */
    static Object chunk(String tok) {
        int len = Integer.parseInt(tok.substring(1, tok.length() - 1));
        char v = tok.charAt(tok.length() - 1);
        if (tok.charAt(0) == 'n') {
            return len;
        }
        return tok.charAt(0) == 's' ? text(len, v) : Buffer.from(text(len, v)).subarray(0, len);
    }

    private static Object bulkChunk(int j) {
        int len = 3 + (j * 5) % 11;
        char v = (char) ('a' + (j * 3) % 26);
        return j % 2 == 1 ? Buffer.from(text(len, v)).subarray(0, len) : text(len, v);
    }

    /** {@code c} cut into {@code k} near-equal pieces (UTF-16 units of a string, bytes of a Buffer). */
    private static List<Object> pieces(Object c, int k) {
        if (c instanceof Integer) {
            return java.util.Collections.nCopies(k, c);
        }
        int n = c instanceof Buffer b ? b.length() : ((String) c).length();
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            int a = i * n / k;
            int b = (i + 1) * n / k;
            out.add(c instanceof Buffer buf ? buf.subarray(a, b) : ((String) c).substring(a, b));
        }
        return out;
    }

    private void push(Object p) {
        log("push " + s(p) + "=" + st.push(p));
    }

    /** One element of a transform program: {@code <how><k><timing>}. */
    private void step(Object c, String el, TransformCallback<Object> cb) {
        char how = el.charAt(0);
        int k = el.charAt(1) - '0';
        char t = el.charAt(2);
        List<Object> ps = pieces(c, k);
        if (how == 'd') {
            ps.forEach(this::push);
            later(t, () -> cb.done());
            return;
        }
        later(t, () -> {
            switch (how) {
                case 'c' -> {
                    for (int i = 0; i < k - 1; i++) {
                        push(ps.get(i));
                    }
                    if (k > 0) {
                        log("cb+ " + s(ps.get(k - 1)));
                    }
                    cb.done(null, k > 0 ? ps.get(k - 1) : null);
                }
                case 'p' -> {
                    ps.forEach(this::push);
                    cb.done();
                }
                case 'a' -> {
                    cb.done();
                    ps.forEach(this::push);
                }
                case 'e' -> {
                    ps.forEach(this::push);
                    cb.done(new RuntimeException("tf"));
                }
                case 'x' -> {
                    ps.forEach(this::push);
                    st.destroy(new RuntimeException("tx"));
                }
                default -> throw new IllegalArgumentException("bad step " + el);
            }
        });
    }

    private void flushStep(String el, TransformCallback<Object> cb) {
        char how = el.charAt(0);
        int k = el.charAt(1) - '0';
        List<Object> ps = new ArrayList<>();
        for (int i = 1; i <= k; i++) {
            ps.add("F" + i + "\u00e9");
        }
        later(el.charAt(2), () -> {
            if (how == 'a') {
                cb.done();
                ps.forEach(this::push);
            } else if (how == 'c') {
                for (int i = 0; i < k - 1; i++) {
                    push(ps.get(i));
                }
                if (k > 0) {
                    log("cb+ " + s(ps.get(k - 1)));
                }
                cb.done(null, k > 0 ? ps.get(k - 1) : null);
            } else {
                ps.forEach(this::push);
                cb.done(how == 'e' ? new RuntimeException("fl") : null);
            }
        });
    }

    private void build(char kind, String obj, String hwm, String flags, String prog, String flush, String fin) {
        StreamOptions o = StreamOptions.create().readableObjectMode(obj.charAt(0) == '1')
                .writableObjectMode(obj.charAt(1) == '1');
        if (hwm.charAt(0) == '=') {
            o.highWaterMark(Long.parseLong(hwm.substring(1)));
        } else {
            String[] rw = hwm.split("/");
            if (!rw[0].equals("-")) {
                o.readableHighWaterMark(Long.parseLong(rw[0]));
            }
            if (!rw[1].equals("-")) {
                o.writableHighWaterMark(Long.parseLong(rw[1]));
            }
        }
        if (flags.contains("h")) {
            o.allowHalfOpen(false);
        }
        if (flags.contains("d")) {
            o.decodeStrings(false);
        }
        if (flags.contains("U")) {
            o.encoding("utf8");
        }
        if (flags.contains("L")) {
            o.defaultEncoding("latin1");
        }
        String[] els = prog.split(",");
        int[] n = {0};
        if (kind == 'T') {
            o.doTransform((Transform<Object, Object> self, Object c, String e, TransformCallback<Object> cb) -> {
                log("_transform " + s(c) + " " + e);
                step(c, els[n[0]++ % els.length], cb);
            });
            if (!flush.equals("-")) {
                o.doFlush((Transform<Object, Object> self, TransformCallback<Object> cb) -> {
                    log("_flush");
                    flushStep(flush, cb);
                });
            }
        }
        if (kind == 'D') {
            o.doWrite((Duplex<Object, Object> self, Object c, String e, Callback cb) -> {
                log("_write " + s(c) + " " + e);
                step(c, els[n[0]++ % els.length], (err, v) -> cb.done(err));
            });
            int[] pulls = {0};
            o.doRead((Duplex<Object, Object> self, long size) -> {
                log("_read");
                if (flags.contains("q") && pulls[0] < 3) {
                    push("R" + ++pulls[0]);
                }
            });
        }
        if (!fin.equals("-")) {
            o.doFinal((Stream self, Callback cb) -> {
                log("_final");
                later(fin.charAt(1), () -> {
                    if (fin.charAt(0) == 'x') {
                        cb.done(new RuntimeException("fx"));
                        return;
                    }
                    if (kind == 'D') {
                        log("push null=" + st.pushEnd());
                    }
                    cb.done();
                });
            });
        }
        st = switch (kind) {
            case 'T' -> new Transform<>(o);
            case 'P' -> new PassThrough<>(o);
            default -> new Duplex<>(o);
        };
        st.on(ReadableStream.END, v -> log("end"));
        st.on(WritableStream.FINISH, v -> log("finish"));
        st.on(WritableStream.PREFINISH, v -> log("prefinish"));
        st.on(Stream.CLOSE, v -> log("close"));
        st.on(WritableStream.DRAIN, v -> log("drain"));
        st.on(ReadableStream.PAUSE, v -> log("pause"));
        st.on(ReadableStream.RESUME, v -> log("resume"));
        st.on(Stream.ERROR, e -> log("error " + code(e)));
        for (char f : flags.toCharArray()) {
            if (ENC.containsKey(f)) {
                st.setEncoding(ENC.get(f));
            }
        }
    }

    private static Long readN(char c) {
        return switch (c) {
            case 'a' -> null;
            case '9' -> 50L;
            default -> (long) (c - '0');
        };
    }

    private Object read(char n) {
        Long size = readN(n);
        return size == null ? st.read() : st.read(size);
    }

    private void consume(String tok) {
        char kind = tok.charAt(1);
        if (kind == 'd') {
            int k = tok.charAt(2) - '0';
            char t = tok.charAt(3);
            int[] n = {0};
            st.on(ReadableStream.DATA, d -> {
                log("data " + s(d));
                if (++n[0] == k) {
                    st.pause();
                    later(t, st::resume);
                }
            });
        } else if (kind == 'r') {
            char n = tok.charAt(2);
            int k = tok.charAt(3) - '0';
            int[] reads = {0};
            boolean[] unshifted = {false};
            int[] fired = {0};
            st.on(ReadableStream.READABLE, x -> {
                // read(0) in a 'readable' listener livelocks while the buffer is at the mark (the
                // stream re-emits 'readable' on every tick, in node as in Sluice): stop reading after 40.
                if (++fired[0] > 40) {
                    return;
                }
                log("readable");
                Object v;
                while ((v = read(n)) != null) {
                    log("read " + s(v));
                    if (++reads[0] == k && !unshifted[0]) {
                        unshifted[0] = true;
                        log("unshift " + s(v) + "=" + st.unshift(v));
                        break;
                    }
                }
            });
        } else if (kind == 'p') {
            char t = tok.charAt(3);
            dst = new Writable<>(StreamOptions.create().objectMode(tok.charAt(2) == '1')
                    .highWaterMark(Long.parseLong(tok.substring(4)))
                    .doWrite((Stream self, Object c, String e, Callback cb) -> {
                        log("W:_write " + s(c));
                        later(t, cb::done);
                    }));
            dst.on(WritableStream.DRAIN, v -> log("W:drain"));
            dst.on(WritableStream.FINISH, v -> log("W:finish"));
            dst.on(Stream.CLOSE, v -> log("W:close"));
            dst.on(Stream.ERROR, e -> log("W:error " + code(e)));
            st.pipe(dst);
        }
    }

    private void write(Object c) {
        int idx = ++writes;
        log("write#" + idx + " " + s(c) + "=" + st.write(c, e -> log("wcb#" + idx + " " + code(e))));
    }

    private void bulk(int n, boolean end) {
        int[] j = {0};
        Runnable[] go = new Runnable[1];
        go[0] = () -> {
            while (j[0] < n) {
                Object c = bulkChunk(j[0]++);
                int idx = ++writes;
                boolean ok = st.write(c, e -> log("wcb#" + idx + " " + code(e)));
                log("write#" + idx + " " + s(c) + "=" + ok);
                if (!ok && j[0] < n) {
                    log("bwait");
                    st.once(WritableStream.DRAIN, v -> go[0].run());
                    return;
                }
            }
            if (end) {
                log("end()");
                st.end((Callback) e -> log("endcb " + code(e)));
            }
        };
        go[0].run();
    }

    private void op(String t) {
        char c = t.charAt(0);
        String a = t.substring(1);
        switch (c) {
            case 'w' -> write(chunk(a));
            case 'E' -> {
                Object x = chunk(a);
                log("end(" + s(x) + ")");
                st.end(x, e -> log("endcb " + code(e)));
            }
            case 'e' -> {
                log("end()");
                st.end((Callback) e -> log("endcb " + code(e)));
            }
            case 'c' -> st.cork();
            case 'u' -> st.uncork();
            case 'B' -> bulk(Integer.parseInt(a), true);
            case 'b' -> bulk(Integer.parseInt(a), false);
            case 'P' -> st.pause();
            case 'r' -> st.resume();
            case 'R' -> {
                Object v = read(a.charAt(0));
                log("read(" + a + ") " + (v == null ? "null" : s(v)));
            }
            case 'U' -> {
                Object x = chunk(a);
                log("unshift " + s(x) + "=" + st.unshift(x));
            }
            case 'p' -> push(chunk(a));
            case 'N' -> log("push null=" + st.pushEnd());
            case 'S' -> st.setEncoding(ENC.get(a.charAt(0)));
            case 'd' -> st.destroy();
            case 'D' -> st.destroy(new RuntimeException("boom"));
            default -> throw new IllegalArgumentException("bad op " + t);
        }
    }

    private String snapshotNow() {
        StringBuilder o = new StringBuilder().append("rlen=").append(st.readableLength())
                .append(" wlen=").append(st.writableLength()).append(" flowing=").append(st.readableFlowing())
                .append(" rended=").append(st.readableEnded()).append(" wfin=").append(st.writableFinished())
                .append(" needDrain=").append(st.writableNeedDrain())
                .append(" rhwm=").append(st.readableHighWaterMark()).append(" whwm=").append(st.writableHighWaterMark())
                .append(" robj=").append(st.readableObjectMode()).append(" wobj=").append(st.writableObjectMode())
                .append(" destroyed=").append(st.destroyed()).append(" enc=").append(st.readableEncoding());
        if (dst != null) {
            o.append(" W:wlen=").append(dst.writableLength()).append(" W:fin=").append(dst.writableFinished())
                    .append(" W:destroyed=").append(dst.destroyed());
        }
        return o.toString();
    }

    private void runSpec(String spec) {
        String[] p = spec.split(" ");
        try {
            build(p[0].charAt(0), p[1], p[2], p[3], p[4], p[5], p[6]);
            String cons = p[7];
            if (!cons.equals("-")) {
                later(cons.charAt(0), () -> consume(cons));
            }
            for (String tok : Arrays.asList(p).subList(8, p.length)) {
                later(tok.charAt(0), () -> {
                    try {
                        op(tok.substring(1));
                    } catch (RuntimeException e) {
                        log("THREW " + code(e));
                    }
                });
            }
        } catch (RuntimeException e) {
            log("THREW " + code(e));
        }
    }

    private void settle() {
        LoopTiming.afterImmediates(20, () -> {
            if (st != null) {
                snapshot = snapshotNow();
            }
        });
    }
}
