package io.sluice.stream;

import io.sluice.event.AbortController;
import io.sluice.loop.EventLoop;
import io.sluice.testing.EventLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The Java side of {@link DuplexFromRandomDifferentialTest}: interprets one spec on a fresh event
 * loop and returns the same string as {@link DuplexFromDifferentialNodeScript} does in node (the
 * log grouped by phase, then a state snapshot of the Duplex and its inner streams 25 immediates
 * later). The spec language is documented on the test class.
 */
final class DuplexFromDifferentialInterpreter {
    private static final String ITEMS = "abcdefgh";

    private record Action(char tgt, char kind, int k, char timing) {}

    private final EventLog log = new EventLog();
    private final Map<Character, Stream> streams = new LinkedHashMap<>();
    private final List<Action> actions = new ArrayList<>();
    private final Map<Character, AbortController> acs = new LinkedHashMap<>();
    private int count;
    private String snapshot = "";

    private DuplexFromDifferentialInterpreter() {}

    /** Runs {@code spec} and returns its outcome string. */
    static String run(String spec) {
        DuplexFromDifferentialInterpreter in = new DuplexFromDifferentialInterpreter();
        PipelineDifferentialInterpreter.onLoop(in.log, () -> {
            in.runSpec(spec);
            in.settle();
        });
        return String.join(" | ", in.log.phases()) + " || " + in.snapshot;
    }

    private static String s(Object c) {
        return PipelineDifferentialInterpreter.s(c);
    }

    private static String code(Throwable e) {
        return PipelineDifferentialInterpreter.code(e);
    }

    private static void later(char m, Runnable fn) {
        switch (m) {
            case 't' -> EventLoop.current().nextTick(fn);
            case 'i' -> EventLoop.current().setImmediate(fn);
            default -> fn.run();
        }
    }

    /** Counts one chunk handled (inner _read, inner _write, Duplex data/read) and fires the actions due. */
    private boolean fire() {
        int k = ++count;
        boolean err = false;
        for (Action a : actions) {
            if (a.k != k) {
                continue;
            }
            if (a.kind == 'e') {
                err = true;
                continue;
            }
            later(a.timing, () -> {
                log.log("!" + a.tgt + a.kind);
                Stream st = streams.get(a.tgt);
                if (st == null) {
                    return;
                }
                if (a.kind == 'a') {
                    acs.get(a.tgt).abort();
                } else if (a.kind == 'd') {
                    st.destroy(null);
                } else {
                    st.destroy(new RuntimeException("boom" + a.tgt));
                }
            });
        }
        return err;
    }

    private Readable<Object> mkR(boolean obj, int n, char m) {
        int[] i = {0};
        return new Readable<>(StreamOptions.create().objectMode(obj).highWaterMark(2)
                .doRead((Readable<Object> self, long size) -> {
                    log.log("r:_read");
                    fire();
                    later(m, () -> {
                        if (i[0] >= n) {
                            log.log("r:push null");
                            self.pushEnd();
                        } else {
                            String it = String.valueOf(ITEMS.charAt(i[0]++));
                            log.log("r:push " + it + "=" + self.push(it));
                        }
                    });
                }));
    }

    private Writable<Object> mkW(boolean obj, char m) {
        return new Writable<>(StreamOptions.create().objectMode(obj).highWaterMark(2)
                .doWrite((Stream self, Object c, String e, Callback cb) -> {
                    log.log("w:_w " + s(c));
                    boolean bad = fire() && actions.stream().anyMatch(a -> a.kind == 'e' && a.k == count);
                    later(m, () -> cb.done(bad ? new RuntimeException("werr") : null));
                }));
    }

    private void listen(char tag, Stream st) {
        st.on(Stream.ERROR, e -> log.log(tag + ":error " + code(e)));
        st.on(Stream.CLOSE, v -> log.log(tag + ":close"));
        if (st instanceof ReadableStream<?>) {
            st.on(ReadableStream.END, v -> log.log(tag + ":end"));
        }
        if (st instanceof WritableStream<?>) {
            st.on(WritableStream.FINISH, v -> log.log(tag + ":finish"));
        }
        if (tag == 'D') {
            st.on(WritableStream.PREFINISH, v -> log.log("D:prefinish"));
        }
    }

    private static String snap(char tag, Stream st) {
        if (st == null) {
            return "";
        }
        return PipelineDifferentialInterpreter.state(String.valueOf(tag), st, tag != 'w', tag != 'r', tag == 'D');
    }

    private Duplex<Object, Object> build(String t) {
        boolean obj = t.length() > 1 && t.charAt(1) == '1';
        switch (t.charAt(0)) {
            case 'P' -> {
                Readable<Object> r = mkR(obj, t.charAt(2) - '0', t.charAt(3));
                Writable<Object> w = mkW(obj, t.charAt(3));
                streams.put('r', r);
                streams.put('w', w);
                return Duplexes.from(r, w);
            }
            case 'R' -> {
                Readable<Object> r = mkR(obj, t.charAt(2) - '0', t.charAt(3));
                streams.put('r', r);
                return Duplexes.from(r);
            }
            case 'W' -> {
                Writable<Object> w = mkW(obj, t.charAt(2));
                streams.put('w', w);
                return Duplexes.from(w);
            }
            case 'A' -> {
                List<String> items = new ArrayList<>();
                for (int i = 0; i < t.charAt(1) - '0'; i++) {
                    items.add(String.valueOf(ITEMS.charAt(i)));
                }
                return Duplexes.from(items);
            }
            case 'Q' -> {
                CompletableFuture<Object> f = new CompletableFuture<>();
                EventLoop.current().setImmediate(() -> {
                    switch (t.charAt(1)) {
                        case 'x' -> f.completeExceptionally(new RuntimeException("rej"));
                        case 'n' -> f.complete(null);
                        default -> f.complete("a");
                    }
                });
                return Duplexes.from(f);
            }
            case 'G' -> {
                String bad = t.substring(1);
                Function<Readable<Object>, Object> fn = src -> src.map(c -> {
                    log.log("G:" + s(c));
                    if (s(c).equals(bad)) {
                        throw new RuntimeException("gen");
                    }
                    return s(c).toUpperCase();
                });
                return Duplexes.from(fn);
            }
            default -> throw new IllegalArgumentException("bad kind " + t);
        }
    }

    private void runSpec(String spec) {
        String[] toks = spec.split(" ");
        for (String t : toks) {
            if (t.charAt(0) == '!') {
                actions.add(new Action(t.charAt(1), t.charAt(2), t.charAt(3) - '0', t.charAt(4)));
            }
        }
        try {
            Duplex<Object, Object> d = build(toks[0]);
            Map<Character, Stream> inner = new LinkedHashMap<>(streams);
            streams.clear();
            streams.put('D', d);
            streams.putAll(inner);
            for (char tag : new char[] {'D', 'r', 'w'}) {
                if (streams.containsKey(tag)) {
                    listen(tag, streams.get(tag));
                }
            }
            for (Action a : actions) {
                if (a.kind == 'a' && streams.containsKey(a.tgt) && !acs.containsKey(a.tgt)) {
                    AbortController ac = new AbortController();
                    acs.put(a.tgt, ac);
                    if (a.k == 0) {
                        log.log("!" + a.tgt + "a");
                        ac.abort();
                    }
                    Streams.addAbortSignal(ac.signal(), streams.get(a.tgt));
                }
            }
            for (int j = 1; j < toks.length; j++) {
                String t = toks[j];
                if (t.charAt(0) == 'w') {
                    for (int i = 0; i < t.charAt(1) - '0'; i++) {
                        String c = String.valueOf(ITEMS.charAt(i));
                        log.log("D:write " + c + "=" + d.write(c, e -> log.log("D:wcb " + c + " " + code(e))));
                    }
                } else if (t.equals("e")) {
                    d.end(e -> log.log("D:endcb"));
                } else if (t.equals("f")) {
                    d.on(ReadableStream.DATA, c -> {
                        log.log("D:data " + s(c));
                        fire();
                    });
                } else if (t.equals("p")) {
                    d.on(ReadableStream.READABLE, v -> {
                        Object c;
                        while ((c = d.read()) != null) {
                            log.log("D:read " + s(c));
                            fire();
                        }
                    });
                }
            }
        } catch (RuntimeException e) {
            log.log("THREW " + code(e));
        }
    }

    private void settle() {
        int[] depth = {0};
        Runnable[] tick = new Runnable[1];
        tick[0] = () -> {
            if (++depth[0] < 25) {
                EventLoop.current().setImmediate(tick[0]);
            } else {
                List<String> out = new ArrayList<>();
                for (char tag : new char[] {'D', 'r', 'w'}) {
                    String sn = snap(tag, streams.get(tag));
                    if (!sn.isEmpty()) {
                        out.add(sn);
                    }
                }
                snapshot = String.join(" ", out);
            }
        };
        EventLoop.current().setImmediate(tick[0]);
    }
}
