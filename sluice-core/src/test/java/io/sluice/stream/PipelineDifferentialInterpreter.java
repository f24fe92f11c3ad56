package io.sluice.stream;

import io.sluice.buffer.Buffer;
import io.sluice.error.NodeError;
import io.sluice.event.AbortController;
import io.sluice.event.AbortSignal;
import io.sluice.loop.EventLoop;
import io.sluice.testing.EventLog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The Java side of {@link PipelineRandomDifferentialTest}: interprets one spec on a fresh event
 * loop and returns the same string as {@link PipelineDifferentialNodeScript} does in node (the
 * log, the promise results sorted, and a state snapshot of every stage 25 immediates later).
 */
final class PipelineDifferentialInterpreter {
    private static final String ITEMS = "abcdefgh";

    private record Action(int target, char kind, int k, char timing, int trig) {}

    private record Fired(boolean err, boolean eof) {}

    private final EventLog log = new EventLog();
    private final List<Stream> stages = new ArrayList<>();
    private final List<Character> kinds = new ArrayList<>();
    private final List<Integer> counters = new ArrayList<>();
    private final List<Action> actions = new ArrayList<>();
    private final List<String> results = new ArrayList<>();
    private final List<String> lateObs = new ArrayList<>();
    private AbortController ac;
    private String snapshot = "";

    private PipelineDifferentialInterpreter() {}

    /** Runs {@code spec} (pipeline or operator form) and returns its outcome string. */
    static String run(String spec) {
        PipelineDifferentialInterpreter in = new PipelineDifferentialInterpreter();
        boolean ordered = spec.startsWith("O") || spec.contains(" F");
        onLoop(in.log, () -> {
            if (spec.startsWith("O")) {
                in.runOps(spec);
            } else {
                in.runPipe(spec);
            }
            in.settle();
        });
        String body = ordered ? String.join(", ", in.log.entries()) : String.join(" | ", in.log.phases());
        List<String> sorted = new ArrayList<>(in.results);
        Collections.sort(sorted);
        return body + " || " + String.join(" ; ", sorted) + " || " + in.snapshot;
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers shared with the node script (same names, same output).

    static String s(Object chunk) {
        return chunk instanceof Buffer b ? b.toString() : String.valueOf(chunk);
    }

    static String code(Throwable e) {
        return e == null ? "null" : e instanceof NodeError ne ? ne.code() : e.getMessage();
    }

    /**
     * A stream's final state as the differential scripts print it:
     * {@code tag:<D|-><C|-> err=<code>}, then {@code re=} (readable sides), {@code wf= we=} (writable
     * sides) and {@code r= w=} (a Duplex's readable/writable flags).
     */
    static String state(String tag, Stream st, boolean readable, boolean writable, boolean duplex) {
        StringBuilder o = new StringBuilder().append(tag).append(':').append(st.destroyed() ? 'D' : '-')
                .append(st.closed() ? 'C' : '-').append(" err=").append(code(st.errored()));
        if (readable) {
            o.append(" re=").append(((ReadableStream<?>) st).readableEnded());
        }
        if (writable) {
            WritableStream<?> w = (WritableStream<?>) st;
            o.append(" wf=").append(w.writableFinished()).append(" we=").append(w.writableEnded());
        }
        if (duplex) {
            Duplex<?, ?> d = (Duplex<?, ?>) st;
            o.append(" r=").append(d.readable()).append(" w=").append(d.writable());
        }
        return o.toString();
    }

    /**
     * Runs {@code body} on a new event loop as the differential interpreters do: an uncaught
     * exception is logged as {@code UNCAUGHT <code>} (the loop goes on, as node's process does with
     * an uncaughtException handler), a loop that dies anyway as {@code LOOP DIED <code>}.
     */
    static void onLoop(EventLog log, Runnable body) {
        try {
            EventLoop.run(() -> {
                EventLoop.current().setUncaughtExceptionHandler(e -> log.log("UNCAUGHT " + code(e)));
                body.run();
            });
        } catch (RuntimeException e) {
            log.log("LOOP DIED " + code(e));
        }
    }

    static String err3(Throwable e) {
        if (e == null) {
            return "ok";
        }
        String name = e instanceof NodeError ne ? ne.nodeName() : "Error";
        return code(e) + "/" + name + "/" + e.getMessage();
    }

    private static String show(Object v) {
        if (v == null) {
            return "none";
        }
        if (v instanceof List<?> l) {
            List<String> out = new ArrayList<>();
            for (Object o : l) {
                out.add(s(o));
            }
            return "[" + String.join(",", out) + "]";
        }
        return s(v);
    }

    private static void later(char m, Runnable fn) {
        switch (m) {
            case 't' -> EventLoop.current().nextTick(fn);
            case 'i' -> EventLoop.current().setImmediate(fn);
            default -> fn.run();
        }
    }

    private static long hwm(char c) {
        return c - '0';
    }

    // ---------------------------------------------------------------------------------------------
    // Stages.

    private Fired fire(int idx) {
        int k = counters.get(idx) + 1;
        counters.set(idx, k);
        boolean err = false;
        boolean eof = false;
        for (Action a : actions) {
            if (a.trig != idx || a.k != k) {
                continue;
            }
            switch (a.kind) {
                case 'e' -> err = true;
                case 'n' -> eof = true;
                case 'a' -> later(a.timing, () -> {
                    log.log("!abort");
                    ac.abort();
                });
                case 'd', 'D' -> later(a.timing, () -> {
                    log.log("!" + a.target + a.kind);
                    if (a.kind == 'd') {
                        stages.get(a.target).destroy(null);
                    } else {
                        stages.get(a.target).destroy(new RuntimeException("boom" + a.target));
                    }
                });
                default -> { }
            }
        }
        return new Fired(err, eof);
    }

    /** A generator-like iterator: logs each pull, throws at item {@code x} (1-based; 0 = never). */
    private Iterator<Object> items(int n, int x) {
        return new Iterator<>() {
            private int i = 0;

            @Override
            public boolean hasNext() {
                return i < n;
            }

            @Override
            public Object next() {
                if (i >= n) {
                    throw new NoSuchElementException();
                }
                i++;
                log.log("0:next");
                if (i == x) {
                    throw new RuntimeException("iter");
                }
                return String.valueOf(ITEMS.charAt(i - 1));
            }
        };
    }

    private Readable<Object> mkSource(String tok) {
        if (tok.charAt(0) == 'F') {
            int n = tok.charAt(1) - '0';
            int x = tok.length() > 2 ? tok.charAt(3) - '0' : 0;
            return Readables.from(items(n, x));
        }
        boolean obj = tok.charAt(1) == '1';
        int n = tok.charAt(3) - '0';
        char m = tok.charAt(4);
        int[] i = {0};
        return new Readable<>(StreamOptions.create().objectMode(obj).highWaterMark(hwm(tok.charAt(2)))
                .doRead((Readable<Object> self, long size) -> {
                    log.log("0:_read");
                    Fired f = fire(0);
                    later(m, () -> {
                        if (f.eof || i[0] >= n) {
                            log.log("0:push null");
                            self.pushEnd();
                        } else {
                            String it = String.valueOf(ITEMS.charAt(i[0]++));
                            log.log("0:push " + it + "=" + self.push(it));
                        }
                    });
                }));
    }

    private Transform<Object, Object> mkTransform(int idx, boolean obj, long hwm, char m) {
        return new Transform<>(StreamOptions.create().objectMode(obj).highWaterMark(hwm)
                .doTransform((Transform<?, ?> self, Object c, String e, TransformCallback<Object> cb) -> {
                    log.log(idx + ":_t " + s(c));
                    Fired f = fire(idx);
                    later(m, () -> {
                        if (f.err) {
                            cb.done(new RuntimeException("boom" + idx));
                        } else {
                            cb.done(null, s(c).toUpperCase());
                        }
                    });
                }));
    }

    private Stream mkStage(int idx, String tok) {
        switch (tok.charAt(0)) {
            case 'T':
                return mkTransform(idx, tok.charAt(1) == '1', hwm(tok.charAt(2)), tok.charAt(3));
            case 'P':
                return new PassThrough<>(StreamOptions.create().objectMode(tok.charAt(1) == '1').highWaterMark(hwm(tok.charAt(2))));
            case 'C': {
                boolean obj = tok.charAt(1) == '1';
                return Streams.compose(new PassThrough<>(StreamOptions.create().objectMode(obj)), mkTransform(idx, obj, 16, 's'));
            }
            case 'W': {
                char m = tok.charAt(3);
                StreamOptions o = StreamOptions.create().objectMode(tok.charAt(1) == '1').highWaterMark(hwm(tok.charAt(2)))
                        .doWrite((Stream self, Object c, String e, Callback cb) -> {
                            log.log(idx + ":_w " + s(c));
                            Fired f = fire(idx);
                            later(m, () -> cb.done(f.err ? new RuntimeException("boom" + idx) : null));
                        });
                if (tok.length() > 4 && tok.charAt(4) == 'f') {
                    o.doFinal((Stream self, Callback cb) -> {
                        log.log(idx + ":_final");
                        boolean bad = actions.stream().anyMatch(a -> a.target == idx && a.kind == 'F');
                        EventLoop.current().nextTick(() -> cb.done(bad ? new RuntimeException("final" + idx) : null));
                    });
                }
                return new Writable<>(o);
            }
            default:
                return mkSource(tok);
        }
    }

    private static boolean isR(char k) {
        return k != 'W';
    }

    private static boolean isW(char k) {
        return k != 'R' && k != 'F';
    }

    private void listen(int i, Stream st, char kind) {
        st.on(Stream.ERROR, e -> log.log(i + ":error " + code(e)));
        st.on(Stream.CLOSE, v -> log.log(i + ":close"));
        if (isR(kind)) {
            st.on(ReadableStream.END, v -> log.log(i + ":end"));
        }
        if (isW(kind)) {
            st.on(WritableStream.FINISH, v -> log.log(i + ":finish"));
        }
    }

    private static String snap(int i, Stream st, char kind) {
        StringBuilder o = new StringBuilder().append(i).append(':').append(st.destroyed() ? 'D' : '-')
                .append(st.closed() ? 'C' : '-').append(" err=").append(code(st.errored()));
        if (isR(kind)) {
            o.append(" re=").append(((ReadableStream<?>) st).readableEnded());
        }
        if (isW(kind)) {
            WritableStream<?> w = (WritableStream<?>) st;
            o.append(" wf=").append(w.writableFinished()).append(" we=").append(w.writableEnded());
        }
        return o.toString();
    }

    private static FinishedOptions finOpts(String o) {
        FinishedOptions r = FinishedOptions.create();
        if (o.contains("r")) {
            r.readable(false);
        }
        if (o.contains("w")) {
            r.writable(false);
        }
        if (o.contains("e")) {
            r.error(false);
        }
        if (o.contains("c")) {
            r.cleanup(true);
        }
        return r;
    }

    private void observe(String t) {
        int i = t.charAt(1) - '0';
        Stream st = stages.get(i);
        FinishedOptions opts = finOpts(t.substring(2, t.length() - 1));
        if (t.charAt(0) == 'o') {
            Streams.finished(st, opts, e -> log.log("fin" + i + " " + err3(e)));
        } else {
            Streams.finished(st, opts).whenComplete((v, e) -> results.add("F" + i + " " + err3(Await.unwrap(e))));
        }
    }

    private void settle() {
        int[] depth = {0};
        Runnable[] tick = new Runnable[1];
        tick[0] = () -> {
            depth[0]++;
            if (depth[0] == 12) {
                for (String t : lateObs) {
                    try {
                        observe(t);
                    } catch (RuntimeException e) {
                        log.log("THREW " + code(e));
                    }
                }
            }
            if (depth[0] < 25) {
                EventLoop.current().setImmediate(tick[0]);
            } else {
                List<String> out = new ArrayList<>();
                for (int i = 0; i < stages.size(); i++) {
                    out.add(snap(i, stages.get(i), kinds.get(i)));
                }
                snapshot = String.join(" ", out);
            }
        };
        EventLoop.current().setImmediate(tick[0]);
    }

    // ---------------------------------------------------------------------------------------------
    // Pipeline specs.

    private void runPipe(String spec) {
        String[] toks = spec.split(" ");
        char form = toks[0].charAt(0);
        boolean endOpt = true;
        List<String> stageToks = new ArrayList<>();
        List<String> obs = new ArrayList<>();
        for (int j = 1; j < toks.length; j++) {
            String t = toks[j];
            char c = t.charAt(0);
            if (c == '!') {
                actions.add(new Action(t.charAt(1) - '0', t.charAt(2), t.charAt(3) - '0', t.charAt(4), t.charAt(5) - '0'));
            } else if (c == 'o' || c == 'O') {
                (t.endsWith("L") ? lateObs : obs).add(t);
            } else if (t.equals("E")) {
                endOpt = false;
            } else {
                stageToks.add(t);
            }
        }
        try {
            for (int i = 0; i < stageToks.size(); i++) {
                String t = stageToks.get(i);
                Stream st = mkStage(i, t);
                stages.add(st);
                kinds.add(t.charAt(0));
                counters.add(0);
                listen(i, st, t.charAt(0));
            }
            AbortSignal signal = null;
            if (actions.stream().anyMatch(a -> a.kind == 'a')) {
                ac = new AbortController();
                signal = ac.signal();
                if (actions.stream().anyMatch(a -> a.kind == 'a' && a.k == 0)) {
                    ac.abort();
                }
            }
            for (String t : obs) {
                observe(t);
            }
            if (form == 'c') {
                Streams.pipeline(new ArrayList<Object>(stages), (e, v) -> log.log("cb " + err3(e)));
            } else {
                List<Object> args = new ArrayList<>(stages);
                if (signal != null || !endOpt) {
                    args.add(PipelineOptions.create().signal(signal).end(endOpt));
                }
                Streams.pipeline(args.toArray()).whenComplete((v, e) -> results.add("P " + err3(Await.unwrap(e))));
            }
        } catch (RuntimeException e) {
            log.log("THREW " + code(e));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Operator specs.

    private int calls;
    private int abortAt;

    private void hit() {
        if (++calls == abortAt) {
            log.log("!abort");
            ac.abort();
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void runOps(String spec) {
        String[] toks = spec.split(" ");
        counters.add(0);
        for (String t : toks) {
            if (t.charAt(0) == 'a') {
                abortAt = Integer.parseInt(t.substring(1));
            }
        }
        AbortSignal signal = abortAt > 0 ? (ac = new AbortController()).signal() : null;
        try {
            Readable<Object> src = mkSource(toks[1]);
            stages.add(src);
            kinds.add(toks[1].charAt(0) == 'F' ? 'F' : 'R');
            listen(0, src, kinds.get(0));
            Readable st = src;
            for (int oi = 0; oi < toks.length - 2; oi++) {
                String t = toks[oi + 2];
                String id = t.charAt(0) + "" + oi;
                int[] n = {0};
                Function<Object, OperatorOptions> sopt = c -> {
                    OperatorOptions o = OperatorOptions.create().concurrency((Integer) c);
                    return signal != null ? o.signal(signal) : o;
                };
                int tk = t.length() > 1 && Character.isDigit(t.charAt(1)) ? Integer.parseInt(t.substring(1).replaceAll("[^0-9].*", "")) : 0;
                switch (t.charAt(0)) {
                    case 'm', 'f', 'F' -> {
                        int c = t.charAt(1) - '0';
                        int k = t.charAt(2) - '0';
                        boolean asy = t.length() > 3 && t.charAt(3) == 'a';
                        char op = t.charAt(0);
                        Function<Object, Object> body = switch (op) {
                            case 'm' -> x -> s(x).toUpperCase();
                            case 'f' -> x -> s(x).charAt(0) % 2 == 1;
                            default -> x -> List.of(s(x), s(x) + s(x));
                        };
                        Function<Object, Object> call = x -> {
                            int j = ++n[0];
                            log.log(id + "(" + s(x) + ")");
                            hit();
                            if (!asy) {
                                if (j == k) {
                                    throw new RuntimeException(id + "x");
                                }
                                return body.apply(x);
                            }
                            CompletableFuture<Object> f = new CompletableFuture<>();
                            EventLoop.current().setImmediate(() -> {
                                if (j == k) {
                                    f.completeExceptionally(new RuntimeException(id + "x"));
                                } else {
                                    f.complete(body.apply(x));
                                }
                            });
                            return f;
                        };
                        OperatorOptions o = sopt.apply(c);
                        if (op == 'm') {
                            st = Operators.map(st, call, o);
                        } else if (op == 'F') {
                            st = Operators.flatMap(st, call, o);
                        } else if (asy) {
                            st = Operators.filterAsync(st, x -> (CompletionStage<Boolean>) (CompletionStage) call.apply(x), o);
                        } else {
                            st = Operators.filter(st, x -> (Boolean) call.apply(x), o);
                        }
                    }
                    case 't' -> st = Operators.take(st, tk);
                    case 'd' -> st = Operators.drop(st, tk);
                    case 'a' -> { }
                    default -> {
                        Function<Function<Object, Object>, Function<Object, Object>> termFn = body -> x -> {
                            int j = ++n[0];
                            log.log(id + "(" + s(x) + ")");
                            hit();
                            if (j == tk) {
                                throw new RuntimeException(id + "x");
                            }
                            return body.apply(x);
                        };
                        Readable cur = st;
                        Supplier<CompletableFuture<?>> term = switch (t.charAt(0)) {
                            case 'A' -> () -> Operators.toList(cur);
                            case 'E' -> {
                                Function<Object, Object> f = termFn.apply(x -> null);
                                Readable s0 = cur;
                                yield () -> Operators.forEach(s0, x -> f.apply(x));
                            }
                            case 'R', 'r' -> {
                                Readable s0 = cur;
                                boolean init = t.charAt(0) == 'R';
                                yield () -> {
                                    java.util.function.BiFunction<Object, Object, Object> fn =
                                            (acc, x) -> termFn.apply(y -> s(acc) + s(y)).apply(x);
                                    return init ? Operators.reduce(s0, fn, (Object) "")
                                            : Operators.reduce(s0, (java.util.function.BinaryOperator<Object>) fn::apply);
                                };
                            }
                            case 'S' -> pred(cur, termFn, x -> s(x).toLowerCase().equals("c"), 'S');
                            case 'V' -> pred(cur, termFn, x -> !s(x).toLowerCase().equals("d"), 'V');
                            case 'N' -> pred(cur, termFn, x -> s(x).toLowerCase().equals("b"), 'N');
                            default -> throw new IllegalArgumentException("bad op " + t);
                        };
                        // Node logs the outcome in a promise reaction: a microtask after settling.
                        term.get().whenComplete((v, e) -> EventLoop.current().queueMicrotask(() -> {
                            if (e != null) {
                                log.log("! " + err3(Await.unwrap(e)));
                            } else {
                                log.log("= " + show(v));
                            }
                        }));
                    }
                }
            }
        } catch (RuntimeException e) {
            log.log("THREW " + code(e));
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Supplier<CompletableFuture<?>> pred(Readable st,
            Function<Function<Object, Object>, Function<Object, Object>> termFn, Predicate<Object> p, char which) {
        Function<Object, Object> f = termFn.apply(x -> p.test(x));
        Predicate<Object> q = x -> (Boolean) f.apply(x);
        return switch (which) {
            case 'S' -> () -> Operators.some(st, q);
            case 'V' -> () -> Operators.every(st, q);
            default -> () -> Operators.find(st, q);
        };
    }
}
