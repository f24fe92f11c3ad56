package io.sluice.stream;

import static io.sluice.stream.PipelineDifferentialInterpreter.code;

import io.sluice.buffer.Buffer;
import io.sluice.event.AbortController;
import io.sluice.event.AbortSignal;
import io.sluice.loop.EventLoop;
import io.sluice.testing.EventLog;
import io.sluice.testing.LoopTiming;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Java side of {@link FinishedFaultsRandomDifferentialTest}: interprets one spec with Sluice's
 * streams and {@link Streams#finished} on a fresh event loop and returns the same string as
 * {@link FinishedFaultsDifferentialNodeScript} does in node (the log grouped by phase, then a state
 * snapshot 40 immediates later). The spec language is documented on the test class.
 */
final class FinishedFaultsDifferentialInterpreter {
    private final EventLog log = new EventLog();
    private String read;
    private String write;
    private int reads;
    private int writes;
    private int pushes;
    private int wid;
    private int fid;
    private final Map<Integer, Runnable> cleanups = new HashMap<>();
    /** Settled promise forms, in settling order ({@code P<id> <code>}); printed with the snapshot. */
    private final List<String> promises = new ArrayList<>();
    private AbortController ctrl;
    private Stream st;
    private String snapshot = "";

    private FinishedFaultsDifferentialInterpreter() {}

    /** Runs {@code spec} and returns its outcome string. */
    static String run(String spec) {
        FinishedFaultsDifferentialInterpreter in = new FinishedFaultsDifferentialInterpreter();
        PipelineDifferentialInterpreter.onLoop(in.log, () -> in.runSpec(spec));
        return String.join(" | ", in.log.phases()) + " || " + in.snapshot;
    }

    static String desc(Object c) {
        if (c instanceof Buffer b) {
            return "b" + b.toString("hex");
        }
        if (c instanceof String s) {
            return "s" + s;
        }
        return "o" + c;
    }

    private static void later(char m, Runnable fn) {
        EventLoop loop = EventLoop.current();
        switch (m) {
            case 't' -> loop.nextTick(fn);
            case 'i' -> loop.setImmediate(fn);
            case 'j' -> loop.setImmediate(() -> loop.setImmediate(fn));
            case 'k' -> loop.setImmediate(() -> loop.setImmediate(() -> loop.setImmediate(() -> loop.setImmediate(fn))));
            default -> fn.run();
        }
    }

    /** The callback behaviour of the k-th _write/_transform call (the WRITE cycle, repeated). */
    private void behave(Callback cb) {
        int k = ++writes;
        switch (write.charAt((k - 1) % write.length())) {
            case 's' -> cb.done(null);
            case 'i' -> later('i', () -> cb.done(null));
            case 'S' -> cb.done(new RuntimeException("we" + k));
            case 'I' -> later('i', () -> cb.done(new RuntimeException("we" + k)));
            default -> throw new IllegalArgumentException("bad write cycle " + write);
        }
    }

    /** The k-th _read call (the READ cycle, repeated). */
    private void readHook(Readable<Object> self) {
        int k = ++reads;
        char b = read.charAt((k - 1) % read.length());
        log.log("_read");
        if (k > 4) { // bounded: a flowing stream whose _read always pushes would never end
            return;
        }
        switch (b) {
            case 'p' -> log.log("rpush=" + self.push("r" + k));
            case 't' -> later('t', () -> log.log("rpush=" + self.push("r" + k)));
            case 'n' -> later('t', () -> log.log("rpush=" + self.pushEnd()));
            case 'e' -> later('t', () -> self.destroy(new RuntimeException("re")));
            default -> { }
        }
    }

    private void flushOrFinal(char kind, char fin, Runnable ok, java.util.function.Consumer<Throwable> bad) {
        log.log(kind == 'T' || kind == 'P' ? "_flush" : "_final");
        switch (fin) {
            case 's' -> ok.run();
            case 'i' -> later('i', ok);
            default -> later('t', () -> bad.accept(new RuntimeException("fe")));
        }
    }

    private void build(char kind, boolean obj, String flags, char fin, char des) {
        StreamOptions o = StreamOptions.create().objectMode(obj);
        if (flags.contains("a")) {
            o.autoDestroy(false);
        }
        if (flags.contains("c")) {
            o.emitClose(false);
        }
        if (flags.contains("h")) {
            o.allowHalfOpen(false);
        }
        if (des != '-') {
            o.doDestroy((Stream self, Throwable err, Callback cb) -> {
                log.log("_destroy " + code(err));
                switch (des) {
                    case 's' -> cb.done(err);
                    case 'i' -> later('i', () -> cb.done(err));
                    default -> later('i', () -> cb.done(new RuntimeException("de")));
                }
            });
        }
        // Only R and D, as on the node side (options.read would replace a Transform's own _read).
        if (kind == 'R' || kind == 'D') {
            o.doRead((Readable<Object> self, long n) -> readHook(self));
        }
        if (kind == 'T') {
            o.doTransform((Transform<Object, Object> self, Object c, String e, TransformCallback<Object> cb) -> {
                log.log("_transform " + desc(c));
                behave(err -> {
                    if (err != null) {
                        cb.done(err);
                    } else {
                        cb.done(null, c);
                    }
                });
            });
        } else if (kind == 'W' || kind == 'D') {
            o.doWrite((Stream self, Object c, String e, Callback cb) -> {
                log.log("_write " + desc(c));
                behave(cb);
            });
        }
        if (fin != '-') {
            if (kind == 'T' || kind == 'P') {
                o.doFlush((Transform<Object, Object> self, TransformCallback<Object> cb) ->
                        flushOrFinal(kind, fin, () -> cb.done(), cb::done));
            } else {
                o.doFinal((Stream self, Callback cb) -> flushOrFinal(kind, fin, () -> cb.done(), cb::done));
            }
        }
        st = switch (kind) {
            case 'R' -> new Readable<>(o);
            case 'W' -> new Writable<>(o);
            case 'D' -> new Duplex<>(o);
            case 'T' -> new Transform<>(o);
            default -> new PassThrough<>(o);
        };
        st.on(Stream.CLOSE, v -> log.log("close"));
        st.on(Stream.ERROR, e -> log.log("error " + code(e)));
        if (kind != 'R') {
            st.on(WritableStream.FINISH, v -> log.log("finish"));
        }
        if (kind != 'W') {
            st.on(ReadableStream.END, v -> log.log("end"));
        }
    }

    @SuppressWarnings("unchecked")
    private Readable<Object> readable() {
        return (Readable<Object>) st;
    }

    @SuppressWarnings("unchecked")
    private WritableStream<Object> writable() {
        return (WritableStream<Object>) st;
    }

    private void doFinished(String o) {
        int id = ++fid;
        FinishedOptions opts = FinishedOptions.create();
        if (o.contains("r")) {
            opts.readable(false);
        }
        if (o.contains("w")) {
            opts.writable(false);
        }
        if (o.contains("e")) {
            opts.error(false);
        }
        if (o.contains("a")) {
            opts.signal(AbortSignal.abort());
        }
        if (o.contains("A")) {
            if (ctrl == null) {
                ctrl = new AbortController();
            }
            opts.signal(ctrl.signal());
        }
        if (o.contains("c")) {
            opts.cleanup(true);
        }
        log.log("F" + id);
        try {
            if (o.contains("q")) {
                Streams.finished(st, opts).whenComplete((v, e) -> promises.add("P" + id + " " + code(e)));
            } else {
                cleanups.put(id, Streams.finished(st, opts, err -> log.log("cb" + id + " " + code(err))));
            }
        } catch (RuntimeException e) {
            log.log("F" + id + " THREW " + code(e));
        }
    }

    private void op(String t) {
        switch (t.charAt(0)) {
            case 'p' -> {
                int id = ++pushes;
                log.log("push" + id + "=" + readable().push("o" + id));
            }
            case 'P' -> log.log("pushnull=" + readable().pushEnd());
            case 'r' -> {
                Object c = readable().read();
                log.log("read " + (c == null ? "null" : desc(c)));
            }
            case 'R' -> readable().on(ReadableStream.DATA, d -> log.log("data " + desc(d)));
            case 'w' -> {
                int id = ++wid;
                try {
                    log.log("w" + id + "=" + writable().write("a" + id, err -> log.log("wcb" + id + " " + code(err))));
                } catch (RuntimeException e) {
                    log.log("w" + id + " THREW " + code(e));
                }
            }
            case 'e' -> {
                log.log("end");
                writable().end();
            }
            case 'd' -> {
                log.log("destroy()");
                st.destroy();
            }
            case 'D' -> {
                log.log("destroy(err)");
                st.destroy(new RuntimeException("boom"));
            }
            case 'F' -> doFinished(t.substring(1));
            case 'C' -> {
                Runnable c = cleanups.get(t.charAt(1) - '0');
                if (c != null) {
                    log.log("cleanup" + t.charAt(1));
                    c.run();
                }
            }
            case 'A' -> {
                if (ctrl != null) {
                    log.log("abort");
                    ctrl.abort();
                }
            }
            default -> throw new IllegalArgumentException("bad op " + t);
        }
    }

    private String snap(char kind) {
        String o = "D=" + st.destroyed() + " C=" + st.closed() + " err=" + code(st.errored());
        if (kind != 'W') {
            o += " rended=" + readable().readableEnded();
        }
        if (kind != 'R') {
            o += " wfin=" + writable().writableFinished();
        }
        o += " L=" + st.listenerCount(ReadableStream.END) + "/" + st.listenerCount(WritableStream.FINISH) + "/"
                + st.listenerCount(Stream.CLOSE) + "/" + st.listenerCount(Stream.ERROR);
        if (!promises.isEmpty()) {
            o += " " + String.join(" ", promises);
        }
        return o;
    }

    private void runSpec(String spec) {
        String[] t = spec.split(" ");
        char kind = t[0].charAt(0);
        read = t[3];
        write = t[4];
        try {
            build(kind, t[1].equals("1"), t[2], t[5].charAt(0), t[6].charAt(0));
            for (int i = 7; i < t.length; i++) {
                String tok = t[i];
                later(tok.charAt(0), () -> op(tok.substring(1)));
            }
        } catch (RuntimeException e) {
            log.log("THREW " + code(e));
        }
        // The snapshot is taken 40 immediates later, identically on the node side: enough for every
        // op (four immediates deep) and a chain of immediate callbacks behind it.
        LoopTiming.afterImmediates(40, () -> {
            if (st != null) {
                snapshot = snap(kind);
            }
        });
    }
}
