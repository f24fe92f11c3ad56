package io.sluice.stream;

import static io.sluice.stream.PipelineDifferentialInterpreter.code;

import io.sluice.buffer.Buffer;
import io.sluice.loop.EventLoop;
import io.sluice.testing.EventLog;
import io.sluice.testing.LoopTiming;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The Java side of {@link PipeFanOutRandomDifferentialTest}: interprets one spec with Sluice's
 * {@link Readable} piped into {@link Writable}s and {@link Transform}s on a fresh event loop and
 * returns the same string as {@link PipeFanOutDifferentialNodeScript} does in node (the log grouped
 * by phase, then a state snapshot 40 immediates later). The spec language is documented on the
 * test class.
 */
final class PipeFanOutDifferentialInterpreter {
    private final EventLog log = new EventLog();
    private Readable<Object> src;
    private final List<Stream> dests = new ArrayList<>();
    /** One listener object per spec, so that removing it removes what was added (as node's function). */
    private final Consumer<Object> onData = c -> log.log("data " + s(c));
    private final Consumer<Void> onReadable = v -> log.log("readable");
    private String snapshot = "";

    private PipeFanOutDifferentialInterpreter() {}

    /** Runs {@code spec} and returns its outcome string. */
    static String run(String spec) {
        PipeFanOutDifferentialInterpreter in = new PipeFanOutDifferentialInterpreter();
        PipelineDifferentialInterpreter.onLoop(in.log, () -> in.runSpec(spec));
        return String.join(" | ", in.log.phases()) + " || " + in.snapshot;
    }

    /** A chunk as node's {@code String(c)} shows it: a Buffer as its UTF-8 text. */
    private static String s(Object c) {
        return c instanceof Buffer b ? b.toString() : String.valueOf(c);
    }

    private static void later(char m, Runnable fn) {
        switch (m) {
            case 's' -> fn.run();
            case 't' -> EventLoop.current().nextTick(fn);
            case 'i' -> EventLoop.current().setImmediate(fn);
            default -> EventLoop.current().setImmediate(() -> EventLoop.current().setImmediate(fn));
        }
    }

    private Readable<Object> buildSource(String t) {
        String[] f = t.substring(1).split("\\.");
        char how = f[2].charAt(0);
        int k = Integer.parseInt(f[2].substring(1));
        int[] n = {0};
        // flag n: the chunks are the numbers 1..k (objectMode's values; invalid otherwise)
        // flags h / u: setEncoding("hex") / setEncoding("utf8") (string chunks downstream)
        String flags = f.length > 3 ? f[3] : "";
        boolean numbers = flags.contains("n");
        StreamOptions o = StreamOptions.create().objectMode(f[0].equals("1")).highWaterMark(Integer.parseInt(f[1]));
        o.doRead((Readable<Object> self, long size) -> {
            if (how != 'n') {
                later(Character.toLowerCase(how), () -> {
                    n[0]++;
                    if (n[0] <= k) {
                        self.push(numbers ? (Object) n[0] : "c" + n[0]);
                    } else if (Character.isLowerCase(how)) {
                        self.push(null);
                    } else if (n[0] == k + 1) {
                        log.log("_read destroy(err)");
                        self.destroy(new RuntimeException("re"));
                    }
                });
            }
        });
        Readable<Object> r = new Readable<>(o);
        r.on(ReadableStream.PAUSE, v -> log.log("pause"));
        r.on(ReadableStream.RESUME, v -> log.log("resume"));
        r.on(ReadableStream.END, v -> log.log("end"));
        r.on(Stream.CLOSE, v -> log.log("close"));
        r.on(Stream.ERROR, e -> log.log("error " + code(e)));
        if (flags.contains("h")) {
            r.setEncoding("hex");
        }
        if (flags.contains("u")) {
            r.setEncoding("utf8");
        }
        return r;
    }

    /** Which stream piped: nothing for the source, else the Transform destination's name. */
    private String who(Object r) {
        return r == src ? "" : " from d" + (dests.indexOf(r) + 1);
    }

    /** A destination's write behaviour, shared by Writable's doWrite and Transform's doTransform. */
    private interface Hook {
        void run(Stream st, Object chunk, String encoding, Callback cb);
    }

    private Stream buildDest(String t, int id) {
        String[] f = t.substring(1).split("\\.");
        String cycle = f[2];
        int[] calls = {0};
        String d = "d" + id;
        String flags = f.length > 3 ? f[3] : "";
        StreamOptions o = StreamOptions.create().objectMode(f[0].equals("1")).highWaterMark(Integer.parseInt(f[1]))
                .decodeStrings(!flags.contains("d"));
        boolean transform = t.charAt(0) == 'T';
        Hook hook = (Stream st, Object c, String e, Callback cb) -> {
            int k = ++calls[0];
            log.log(d + (transform ? " _transform " : " _write ") + s(c) + " " + (e == null ? "-" : e));
            Runnable bad = () -> cb.done(new RuntimeException("e" + id + k));
            switch (cycle.charAt((k - 1) % cycle.length())) {
                case 's' -> cb.done(null);
                case 't' -> later('t', () -> cb.done(null));
                case 'i' -> later('i', () -> cb.done(null));
                case 'l' -> later('j', () -> cb.done(null));
                case 'S' -> bad.run();
                case 'T' -> later('t', bad);
                case 'n' -> { }
                case 'd' -> {
                    log.log(d + " self destroy()");
                    st.destroy();
                    cb.done(null);
                }
                case 'D' -> {
                    log.log(d + " self destroy(err)");
                    st.destroy(new RuntimeException("x" + id + k));
                }
                default -> {
                    if (k <= 6) { // bounded: a cycle of writes (or pipes) into itself would go on forever
                        act(cycle.charAt((k - 1) % cycle.length()), id, d + " in _write");
                    }
                    cb.done(null);
                }
            }
        };
        Stream w;
        // kind T: a Transform passing each chunk through (its 'data' logged with flag o)
        if (transform) {
            o.doTransform((Transform<Object, Object> st, Object c, String e, TransformCallback<Object> cb) ->
                    hook.run(st, c, e, err -> cb.done(err, err == null ? c : null)));
            Transform<Object, Object> tr = new Transform<>(o);
            if (flags.contains("o")) {
                tr.on(ReadableStream.DATA, c -> log.log(d + " out " + s(c)));
            }
            w = tr;
        } else {
            o.doWrite(hook::run);
            w = new Writable<>(o);
        }
        w.on(WritableStream.PIPE, r -> log.log(d + " pipe" + who(r)));
        w.on(WritableStream.UNPIPE, r -> log.log(d + " unpipe" + who(r)));
        w.on(WritableStream.DRAIN, v -> log.log(d + " drain"));
        w.on(WritableStream.FINISH, v -> log.log(d + " finish"));
        w.on(Stream.CLOSE, v -> log.log(d + " close"));
        // a quiet destination has no 'error' listener: pipe's onerror then rethrows
        if (!flags.contains("q")) {
            w.on(Stream.ERROR, e -> log.log(d + " error " + code(e)));
        }
        return w;
    }

    /** An action run from inside a hook or listener: the re-entrant paths of pipe. */
    private void act(char a, int id, String where) {
        Stream d = dests.get(id - 1);
        WritableStream<Object> dw = ws(d);
        switch (a) {
            case 'u' -> {
                log.log(where + " unpipe(d" + id + ")");
                src.unpipe(dw);
            }
            case 'U' -> {
                log.log(where + " unpipe()");
                src.unpipe();
            }
            case 'p' -> {
                log.log(where + " pipe(d" + id + ")");
                src.pipe(dw);
            }
            case 'q' -> {
                int j = id % dests.size() + 1;
                log.log(where + " pipe(d" + j + ")");
                src.pipe(ws(dests.get(j - 1)));
            }
            case 'z' -> {
                log.log(where + " pause()");
                src.pause();
            }
            case 'm' -> {
                log.log(where + " resume()");
                src.resume();
            }
            case 'w' -> {
                boolean r = dw.write("h" + id);
                log.log(where + " write=" + r);
            }
            case 'r' -> {
                Object v = src.read();
                log.log(where + " read=" + (v == null ? "null" : s(v)));
            }
            case 'e' -> {
                log.log(where + " end()");
                dw.end();
            }
            case 'x' -> {
                log.log(where + " destroy()");
                src.destroy();
            }
            case 'k' -> {
                log.log(where + " d" + id + " destroy()");
                d.destroy();
            }
            case 'a' -> {
                log.log(where + " on data");
                src.on(ReadableStream.DATA, onData);
            }
            case 'A' -> {
                log.log(where + " off data");
                src.removeListener(ReadableStream.DATA, onData);
            }
            case 'l' -> {
                log.log(where + " on readable");
                src.on(ReadableStream.READABLE, onReadable);
            }
            default -> throw new IllegalArgumentException("bad action " + a);
        }
    }

    private static io.sluice.event.Event<?> hookEvent(char e) {
        return switch (e) {
            case 'd' -> WritableStream.DRAIN;
            case 'u' -> WritableStream.UNPIPE;
            case 'p' -> WritableStream.PIPE;
            case 'f' -> WritableStream.FINISH;
            case 'c' -> Stream.CLOSE;
            default -> Stream.ERROR;
        };
    }

    private static final java.util.Map<Character, String> HOOK_NAMES = java.util.Map.of('d', "drain", 'u', "unpipe",
            'p', "pipe", 'f', "finish", 'c', "close", 'e', "error");

    private void op(String t) {
        char c = t.charAt(0);
        String i = t.length() > 1 ? t.substring(1, 2) : "";
        Stream d = i.isEmpty() ? null : dests.get(Integer.parseInt(i) - 1);
        WritableStream<Object> dw = d == null ? null : ws(d);
        switch (c) {
            case 'p' -> src.pipe(dw);
            case 'P' -> src.pipe(dw, false);
            case 'u' -> src.unpipe(dw);
            case 'U' -> src.unpipe();
            case 'a' -> src.on(ReadableStream.DATA, onData);
            case 'A' -> src.removeListener(ReadableStream.DATA, onData);
            case 'l' -> src.on(ReadableStream.READABLE, onReadable);
            case 'L' -> src.removeListener(ReadableStream.READABLE, onReadable);
            case 'z' -> src.pause();
            case 'm' -> src.resume();
            case 'r' -> {
                Object v = src.read();
                log.log("read=" + (v == null ? "null" : s(v)));
            }
            case 'x' -> {
                log.log("destroy()");
                src.destroy();
            }
            case 'X' -> {
                log.log("destroy(err)");
                src.destroy(new RuntimeException("sx"));
            }
            case 'k' -> {
                log.log("d" + i + " destroy()");
                d.destroy();
            }
            case 'K' -> {
                log.log("d" + i + " destroy(err)");
                d.destroy(new RuntimeException("dk" + i));
            }
            case 'e' -> {
                log.log("d" + i + " end()");
                dw.end();
            }
            case 'c' -> {
                if (d instanceof Writable<?> w) {
                    w.cork();
                } else {
                    ((Duplex<?, ?>) d).cork();
                }
            }
            case 'v' -> {
                if (d instanceof Writable<?> w) {
                    w.uncork();
                } else {
                    ((Duplex<?, ?>) d).uncork();
                }
            }
            case 'h' -> {
                @SuppressWarnings("unchecked")
                Readable<Object> from = (Readable<Object>) d;
                from.pipe(ws(dests.get(t.charAt(2) - '1')));
            }
            case 'E' -> {
                log.log("d" + i + " emit error");
                d.emit(Stream.ERROR, new RuntimeException("em" + i));
            }
            case 'F' -> {
                log.log("d" + i + " emit finish");
                d.emit(WritableStream.FINISH);
            }
            case 'C' -> {
                log.log("d" + i + " emit close");
                d.emit(Stream.CLOSE);
            }
            case 'N' -> {
                log.log("d" + i + " emit drain");
                d.emit(WritableStream.DRAIN);
            }
            case 'w' -> {
                // logged after the call returns, as node evaluates the whole expression first
                boolean r = dw.write("u" + i);
                log.log("d" + i + " write=" + r);
            }
            case 'o' -> {
                int id = t.charAt(1) - '0';
                char a = t.charAt(3);
                String where = "d" + id + " on " + HOOK_NAMES.get(t.charAt(2));
                d.once(hookEvent(t.charAt(2)), v -> act(a, id, where));
            }
            case 'b' -> {
                int id = t.charAt(1) - '0';
                char a = t.charAt(2);
                src.once(ReadableStream.DATA, chunk -> act(a, id, "data " + s(chunk)));
            }
            case 'y' -> src.on(ReadableStream.READABLE, v -> {
                List<String> got = new ArrayList<>();
                Object x;
                while ((x = src.read()) != null) {
                    got.add(s(x));
                }
                log.log("readable read=" + String.join("+", got));
            });
            default -> throw new IllegalArgumentException("bad op " + t);
        }
    }

    @SuppressWarnings("unchecked")
    private static WritableStream<Object> ws(Stream d) {
        return (WritableStream<Object>) d;
    }

    private String snap() {
        StringBuilder o = new StringBuilder("src flowing=").append(src.readableFlowing()).append(" len=")
                .append(src.readableLength()).append(" paused=").append(src.isPaused()).append(" data=")
                .append(src.listenerCount(ReadableStream.DATA)).append(" end=").append(src.listenerCount(ReadableStream.END));
        for (int i = 0; i < dests.size(); i++) {
            Stream d = dests.get(i);
            WritableStream<Object> dw = ws(d);
            o.append(" ; d").append(i + 1).append(" len=").append(dw.writableLength()).append(" nd=")
                    .append(dw.writableNeedDrain()).append(" fin=").append(dw.writableFinished()).append(" D=")
                    .append(d.destroyed()).append(" lc=").append(d.listenerCount(WritableStream.DRAIN)).append('/')
                    .append(d.listenerCount(Stream.ERROR)).append('/').append(d.listenerCount(Stream.CLOSE)).append('/')
                    .append(d.listenerCount(WritableStream.FINISH)).append('/').append(d.listenerCount(WritableStream.UNPIPE));
        }
        return o.toString();
    }

    private void runSpec(String spec) {
        String[] t = spec.split(" ");
        try {
            src = buildSource(t[0]);
            int i = 1;
            for (; i < t.length && (t[i].charAt(0) == 'W' || t[i].charAt(0) == 'T'); i++) {
                dests.add(buildDest(t[i], i));
            }
            for (; i < t.length; i++) {
                String tok = t[i];
                later(tok.charAt(0), () -> {
                    try {
                        op(tok.substring(1));
                    } catch (RuntimeException e) {
                        log.log("THREW " + code(e));
                    }
                });
            }
        } catch (RuntimeException e) {
            log.log("THREW " + code(e));
        }
        // The snapshot is taken 40 immediates later, identically on the node side.
        LoopTiming.afterImmediates(40, () -> {
            if (src != null) {
                snapshot = snap();
            }
        });
    }
}
