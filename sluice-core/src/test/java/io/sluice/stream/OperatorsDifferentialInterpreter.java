package io.sluice.stream;

import io.sluice.error.NodeError;
import io.sluice.event.AbortController;
import io.sluice.loop.EventLoop;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Java side of {@link OperatorsRandomDifferentialTest}: runs one spec (the language is
 * documented on the test class) on a fresh event loop with {@link Operators} and returns the same
 * trace string as {@link OperatorsDifferentialNodeScript} does in node. Entries are grouped by
 * loop turn: a chain of immediates started with the spec counts the turns, so an entry's number
 * says in which loop iteration it happened (ticks and microtasks belong to the turn that queued
 * them). After 60 turns, or 6 quiet turns, the state of every stream is appended.
 */
final class OperatorsDifferentialInterpreter {
    static final int TURNS = 60;
    private static final Pattern SOURCE = Pattern.compile("^S(.)(.)([0-9a-h]*)(?:x([0-9]))?(A)?$");
    private static final Pattern FN = Pattern.compile("^(.)([0-9])?([0-9-])?(?:x([0-9]))?(A)?$");

    /** A function's spec: timing, concurrency, highWaterMark (null: default), failing call, signal. */
    record FnSpec(char t, int c, Integer h, int fail, boolean sig) {
        static FnSpec parse(String s) {
            Matcher m = FN.matcher(s);
            if (!m.matches()) {
                throw new IllegalArgumentException("bad fn spec " + s);
            }
            return new FnSpec(m.group(1).charAt(0), m.group(2) == null ? 1 : Integer.parseInt(m.group(2)),
                    m.group(3) == null || m.group(3).equals("-") ? null : Integer.valueOf(m.group(3)),
                    m.group(4) == null ? -1 : Integer.parseInt(m.group(4)), m.group(5) != null);
        }

        boolean async() {
            return t != 's';
        }
    }

    private final List<String> texts = new ArrayList<>();
    private final List<Integer> turns = new ArrayList<>();
    private final List<Object[]> streams = new ArrayList<>();
    private final AbortController ac = new AbortController();
    private EventLoop loop;
    private int turn;
    private int lastTurn;
    private String kill;
    private Writable<Object> w;
    private String result = "";

    private OperatorsDifferentialInterpreter() {}

    /** Runs {@code spec} and returns its trace. */
    static String run(String spec) {
        OperatorsDifferentialInterpreter in = new OperatorsDifferentialInterpreter();
        try {
            EventLoop.run(() -> {
                in.loop = EventLoop.current();
                in.loop.setUncaughtExceptionHandler(e -> in.log("UNCAUGHT " + errStr(e)));
                in.start(spec);
            });
        } catch (RuntimeException e) {
            in.log("LOOP DIED " + errStr(e));
            in.finish();
        }
        return in.result;
    }

    private void log(String text) {
        texts.add(text);
        turns.add(turn);
        lastTurn = turn;
    }

    static String errStr(Throwable e) {
        if (e == null) {
            return "undefined";
        }
        if (e instanceof NodeError ne) {
            return ne.nodeName() + "/" + (ne.code() == null ? "-" : ne.code()) + "/" + e.getMessage();
        }
        return "Error/-/" + e.getMessage();
    }

    /** A value as node's {@code s(v)} prints it: strings quoted, numbers plain. */
    static String s(Object v) {
        return v instanceof String str ? "\"" + str + "\"" : String.valueOf(v);
    }

    /** {@code JSON.stringify} for the values the specs produce (null is node's undefined). */
    static String json(Object v) {
        if (v == null) {
            return "undefined";
        }
        if (v instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            for (Object o : l) {
                parts.add(json(o));
            }
            return "[" + String.join(",", parts) + "]";
        }
        return s(v);
    }

    private static Object value(char c) {
        return c >= '0' && c <= '9' ? (Object) (c - '0') : String.valueOf(c);
    }

    // The functions of the specs, as in node: map, filter's predicate, flatMap's expansion, JS '+'.

    static Object mapV(Object v) {
        return v instanceof Integer i ? (Object) (i + 1) : v + "x";
    }

    static boolean pred(Object v) {
        if (v instanceof Integer i) {
            return i % 3 != 0;
        }
        String str = (String) v;
        return (str.length() + str.charAt(0)) % 2 == 1;
    }

    static List<Object> flat(Object v) {
        if (v instanceof Integer i) {
            return List.<Object>of(i, i * 10).subList(0, i % 3);
        }
        String str = (String) v;
        return List.<Object>of(str, str + str).subList(0, str.charAt(0) % 3);
    }

    static Object plus(Object a, Object b) {
        if (a instanceof Integer x && b instanceof Integer y) {
            return x + y;
        }
        return String.valueOf(a) + b;
    }

    private void later(char m, Runnable fn) {
        switch (m) {
            case 't' -> loop.nextTick(fn);
            case 'm' -> loop.queueMicrotask(fn);
            case 'i' -> loop.setImmediate(fn);
            default -> fn.run();
        }
    }

    private void killAt(String where) {
        if (where.equals(kill)) {
            log("!abort");
            ac.abort();
        }
    }

    private void watch(Readable<Object> st, String name) {
        streams.add(new Object[] {name, st});
        st.onEnd(() -> log(name + " end"));
        st.onError(e -> log(name + " error " + errStr(e)));
        st.onClose(() -> log(name + " close"));
    }

    private void settle(String text) {
        log("out " + text);
    }

    private <T> void promise(CompletableFuture<T> f) {
        // Node's reactions run in a microtask after the promise settles.
        f.whenComplete((v, e) -> loop.queueMicrotask(() -> settle(e != null ? "err " + errStr(unwrap(e)) : "ok " + json(v))));
    }

    private static Throwable unwrap(Throwable e) {
        return Await.unwrap(e);
    }

    private Function<Object[], Object> mkFn(String name, FnSpec f, char kind) {
        int[] calls = {0};
        return args -> {
            int c = calls[0]++;
            Object v = args[kind == 'R' ? 1 : 0];
            log(name + "(" + s(v) + ")");
            if (f.t() == 's') {
                if (c == f.fail()) {
                    throw new RuntimeException("fn " + name);
                }
                return apply(kind, args);
            }
            if (f.t() == 'r') {
                return c == f.fail() ? CompletableFuture.failedFuture(new RuntimeException("fn " + name))
                        : CompletableFuture.completedFuture(apply(kind, args));
            }
            CompletableFuture<Object> p = new CompletableFuture<>();
            later(f.t(), () -> {
                log(name + " " + s(v) + (c == f.fail() ? " !" : " ok"));
                if (c == f.fail()) {
                    p.completeExceptionally(new RuntimeException("fn " + name));
                } else {
                    p.complete(apply(kind, args));
                }
            });
            return p;
        };
    }

    private static Object apply(char kind, Object[] args) {
        return switch (kind) {
            case 'M' -> mapV(args[0]);
            case 'Q' -> flat(args[0]);
            case 'R' -> plus(args[0], args[1]);
            case 'E' -> null;
            default -> pred(args[0]);
        };
    }

    private OperatorOptions opts(FnSpec f) {
        OperatorOptions o = OperatorOptions.create().concurrency(f.c());
        if (f.h() != null) {
            o.highWaterMark(f.h());
        }
        if (f.sig()) {
            o.signal(ac.signal());
        }
        return o;
    }

    @SuppressWarnings("unchecked")
    private static CompletionStage<Object> stage(Object o) {
        return (CompletionStage<Object>) o;
    }

    private Readable<Object> source(String tok) {
        Matcher m = SOURCE.matcher(tok);
        if (!m.matches()) {
            throw new IllegalArgumentException("bad source " + tok);
        }
        char kind = m.group(1).charAt(0);
        char tm = m.group(2).charAt(0);
        List<Object> vals = new ArrayList<>();
        for (char c : m.group(3).toCharArray()) {
            vals.add(value(c));
        }
        int failAt = m.group(4) == null ? -1 : Integer.parseInt(m.group(4));
        StreamOptions so = StreamOptions.create();
        if (m.group(5) != null) {
            so.signal(ac.signal());
        }
        return switch (kind) {
            case 'f' -> Readables.from(new Iterator<Object>() {
                private int i;
                private boolean peeked;

                // Node's iterator.next() does the step and answers done or a value; Java's
                // hasNext() does the step (once per item), next() hands the value out.
                @Override
                public boolean hasNext() {
                    if (!peeked) {
                        peeked = true;
                        killAt("p" + i);
                        if (i == failAt) {
                            log("src !");
                            throw new RuntimeException("src");
                        }
                    }
                    return i < vals.size();
                }

                @Override
                public Object next() {
                    peeked = false;
                    Object v = vals.get(i++);
                    log("src " + s(v));
                    return v;
                }
            }, so);
            case 'g' -> Readables.from(new Iterator<Object>() {
                private int i;

                @Override
                public boolean hasNext() {
                    return i < vals.size() || i == failAt;
                }

                @Override
                public Object next() {
                    int k = i++;
                    CompletableFuture<Object> f = new CompletableFuture<>();
                    later(tm, () -> {
                        killAt("p" + k);
                        if (k == failAt) {
                            log("src !");
                            f.completeExceptionally(new RuntimeException("src"));
                        } else {
                            log("src " + s(vals.get(k)));
                            f.complete(vals.get(k));
                        }
                    });
                    return f;
                }
            }, so);
            default -> {
                int[] i = {0};
                so.objectMode(true).doRead((Readable<Object> self, long size) -> {
                    int k = i[0]++;
                    later(tm, () -> {
                        if (self.destroyed()) {
                            return;
                        }
                        killAt("p" + k);
                        if (k == failAt) {
                            log("src !");
                            self.destroy(new RuntimeException("src"));
                        } else if (k >= vals.size()) {
                            self.pushEnd();
                        } else {
                            log("src " + s(vals.get(k)));
                            self.push(vals.get(k));
                        }
                    });
                });
                yield new Readable<>(so);
            }
        };
    }

    private void start(String spec) {
        String[] toks = spec.split(" ");
        for (String t : toks) {
            if (t.charAt(0) == 'K') {
                kill = t.substring(1);
            }
        }
        // The turn counter's immediate goes first, so that every later immediate runs after it in its turn.
        loop.setImmediate(this::clock);
        try {
            killAt("b");
            Readable<Object> last = source(toks[0]);
            watch(last, "s0");
            int idx = 0;
            for (int ti = 1; ti < toks.length; ti++) {
                String t = toks[ti];
                char k = t.charAt(0);
                if ("MFQ".indexOf(k) >= 0) {
                    idx++;
                    FnSpec f = FnSpec.parse(t.substring(1));
                    Function<Object[], Object> fn = mkFn(idx + "" + k, f, k);
                    last = switch (k) {
                        case 'M' -> f.async() ? Operators.mapAsync(last, v -> stage(fn.apply(new Object[] {v})), opts(f))
                                : Operators.map(last, v -> fn.apply(new Object[] {v}), opts(f));
                        case 'F' -> f.async()
                                ? Operators.filterAsync(last, v -> stage(fn.apply(new Object[] {v})).thenApply(b -> (Boolean) b), opts(f))
                                : Operators.filter(last, v -> (Boolean) fn.apply(new Object[] {v}), opts(f));
                        default -> Operators.flatMap(last, v -> fn.apply(new Object[] {v}), opts(f));
                    };
                    watch(last, "s" + idx);
                } else if (k == 'T' || k == 'D') {
                    idx++;
                    int n = Integer.parseInt(t.substring(1));
                    last = k == 'T' ? Operators.take(last, n) : Operators.drop(last, n);
                    watch(last, "s" + idx);
                }
            }
            consume(last, java.util.Arrays.stream(toks).filter(t -> t.charAt(0) == 'C').findFirst().orElseThrow());
            killAt("s");
            loop.nextTick(() -> killAt("t"));
        } catch (RuntimeException e) {
            log("THREW " + errStr(e));
        }
    }

    private void consume(Readable<Object> last, String cons) {
        char ck = cons.charAt(1);
        switch (ck) {
            case 'l' -> promise(Operators.toList(last));
            case 'e' -> {
                FnSpec f = FnSpec.parse(cons.substring(2));
                Function<Object[], Object> fn = mkFn("C", f, 'E');
                if (!f.async() && f.c() == 1 && f.h() == null && !f.sig()) {
                    promise(Operators.forEach(last, v -> fn.apply(new Object[] {v})));
                } else {
                    promise(Operators.forEachAsync(last, v -> {
                        Object r = fn.apply(new Object[] {v});
                        return f.async() ? stage(r) : CompletableFuture.completedFuture(r);
                    }, opts(f)));
                }
            }
            case 'r' -> {
                FnSpec f = FnSpec.parse(cons.charAt(2) + (cons.length() > 4 ? cons.substring(4) : ""));
                Function<Object[], Object> fn = mkFn("C", f, 'R');
                if (cons.charAt(3) == '0') {
                    promise(Operators.<Object, Object>reduce(last, (a, v) -> fn.apply(new Object[] {a, v}), 0));
                } else {
                    BinaryOperator<Object> op = (a, v) -> fn.apply(new Object[] {a, v});
                    promise(Operators.reduce(last, op));
                }
            }
            case 's', 'v', 'f' -> {
                FnSpec f = FnSpec.parse("s" + cons.substring(2));
                Function<Object[], Object> fn = mkFn("C", f, 'P');
                java.util.function.Predicate<Object> p = v -> (Boolean) fn.apply(new Object[] {v});
                if (ck == 'f') {
                    promise(Operators.find(last, p));
                } else {
                    promise(ck == 's' ? Operators.some(last, p) : Operators.every(last, p));
                }
            }
            case 'd' -> {
                int m = cons.charAt(2) == '-' ? -1 : cons.charAt(2) - '0';
                int[] n = {0};
                last.onData(v -> {
                    log("data " + s(v));
                    if (++n[0] == m) {
                        log("!destroy");
                        last.destroy();
                    }
                });
            }
            case 'w' -> {
                char tm = cons.charAt(2);
                w = new Writable<>(StreamOptions.create().objectMode(true).highWaterMark(1)
                        .doWrite((Stream self, Object c, String e, Callback cb) -> {
                            log("w " + s(c));
                            later(tm, () -> cb.done(null));
                        }));
                w.on(WritableStream.FINISH, v -> log("w finish"));
                w.onError(e -> log("w error " + errStr(e)));
                last.pipe(w);
            }
            default -> throw new IllegalArgumentException("bad consumer " + cons);
        }
    }

    private void clock() {
        turn++;
        killAt("i" + turn);
        // Done after TURNS turns, or once 6 turns in a row logged nothing (every step that can
        // wait a turn logs when it runs, so the run is over), exactly as the node script.
        if (turn < TURNS && (turn < 10 || lastTurn > turn - 6)) {
            loop.setImmediate(this::clock);
            return;
        }
        finish();
    }

    private void finish() {
        StringBuilder snap = new StringBuilder();
        for (Object[] e : streams) {
            Readable<?> st = (Readable<?>) e[1];
            if (!snap.isEmpty()) {
                snap.append(' ');
            }
            snap.append(e[0]).append(':').append(st.destroyed() ? 'D' : '-').append(st.readableEnded() ? 'E' : '-');
            if (st.errored() != null) {
                snap.append(' ').append(errStr(st.errored()));
            }
        }
        if (w != null) {
            snap.append(" w:").append(w.writableFinished() ? 'F' : '-').append(w.destroyed() ? 'D' : '-');
        }
        List<String> groups = new ArrayList<>();
        int prev = -1;
        for (int i = 0; i < texts.size(); i++) {
            if (turns.get(i) == prev) {
                groups.set(groups.size() - 1, groups.getLast() + ", " + texts.get(i));
            } else {
                groups.add(turns.get(i) + ": " + texts.get(i));
            }
            prev = turns.get(i);
        }
        result = String.join(" | ", groups) + " || " + snap;
    }
}
