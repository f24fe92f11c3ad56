package io.sluice.stream;

import static io.sluice.stream.PipelineDifferentialInterpreter.code;
import static io.sluice.stream.PipelineDifferentialInterpreter.s;

import io.sluice.loop.EventLoop;
import io.sluice.testing.EventLog;
import java.util.ArrayList;
import java.util.List;

/**
 * The Java side of {@link ComposeRandomDifferentialTest}: interprets one spec with
 * {@link Streams#compose} on a fresh event loop and returns the same string as
 * {@link ComposeDifferentialNodeScript} does in node (the log grouped by phase, then a state
 * snapshot of the composed Duplex and of each stage 25 immediates later). The spec language is
 * documented on the test class.
 */
final class ComposeDifferentialInterpreter {
    private static final String ITEMS = "abcdefgh";

    private record Action(char kind, int k, char timing) {}

    private final EventLog log = new EventLog();
    private final List<Action> actions = new ArrayList<>();
    private final List<Stream> stages = new ArrayList<>();
    private String[] stageToks;
    private Duplex<Object, Object> composed;
    private int count;
    private String snapshot = "";

    private ComposeDifferentialInterpreter() {}

    /** Runs {@code spec} and returns its outcome string. */
    static String run(String spec) {
        ComposeDifferentialInterpreter in = new ComposeDifferentialInterpreter();
        PipelineDifferentialInterpreter.onLoop(in.log, () -> {
            in.runSpec(spec);
            in.settle();
        });
        return String.join(" | ", in.log.phases()) + " || " + in.snapshot;
    }

    private static int hwm(char c) {
        return c == 'g' ? 16 : c - '0';
    }

    private static void later(char m, Runnable fn) {
        switch (m) {
            case 't' -> EventLoop.current().nextTick(fn);
            case 'i' -> EventLoop.current().setImmediate(fn);
            default -> fn.run();
        }
    }

    private void destroyComposed(char kind) {
        log.log("!" + kind);
        if (kind == 'd') {
            composed.destroy();
        } else {
            composed.destroy(new RuntimeException("boom"));
        }
    }

    /** Counts one chunk handled (a stage's _transform/_write/_read, a delivered chunk, a sink write) and fires the destroys due. */
    private void fire() {
        int k = ++count;
        for (Action a : actions) {
            if (a.k == k) {
                later(a.timing, () -> destroyComposed(a.kind));
            }
        }
    }

    private static StreamOptions opts(String t) {
        return StreamOptions.create().objectMode(t.charAt(1) == '1').highWaterMark(hwm(t.charAt(2)));
    }

    private Transform<Object, Object> mkT(int i, String t) {
        char m = t.charAt(3);
        char f = t.charAt(4);
        int k = t.charAt(5) - '0';
        int[] n = {0};
        return new Transform<>(opts(t).doTransform((Transform<Object, Object> self, Object c, String e, TransformCallback<Object> cb) -> {
            log.log(i + ":_t " + s(c));
            fire();
            boolean bad = f != '-' && ++n[0] == k;
            if (bad && f == 'x') {
                throw new RuntimeException("tx" + i);
            }
            if (bad && f == 'd') {
                later(m, () -> self.destroy(new RuntimeException("td" + i)));
                return;
            }
            later(m, () -> cb.done(bad ? new RuntimeException("te" + i) : null, s(c) + i));
        }));
    }

    private Writable<Object> mkW(int i, String t) {
        char m = t.charAt(3);
        char f = t.charAt(4);
        int k = t.charAt(5) - '0';
        int[] n = {0};
        return new Writable<>(opts(t).doWrite((Stream self, Object c, String e, Callback cb) -> {
            log.log(i + ":_w " + s(c));
            fire();
            boolean bad = f != '-' && ++n[0] == k;
            if (bad && f == 'x') {
                throw new RuntimeException("wx" + i);
            }
            if (bad && f == 'd') {
                later(m, () -> self.destroy(new RuntimeException("wd" + i)));
                return;
            }
            later(m, () -> cb.done(bad ? new RuntimeException("we" + i) : null));
        }));
    }

    private Readable<Object> mkR(int i, String t) {
        int total = t.charAt(3) - '0';
        char m = t.charAt(4);
        int[] n = {0};
        return new Readable<>(opts(t).doRead((Readable<Object> self, long size) -> {
            log.log(i + ":_r");
            fire();
            later(m, () -> {
                if (n[0] >= total) {
                    log.log(i + ":push null");
                    self.pushEnd();
                } else {
                    String it = String.valueOf(ITEMS.charAt(n[0]++));
                    log.log(i + ":push " + it + "=" + self.push(it));
                }
            });
        }));
    }

    private Stream mkStage(int i, String t) {
        return switch (t.charAt(0)) {
            case 'T' -> mkT(i, t);
            case 'P' -> new PassThrough<Object>(opts(t));
            case 'W' -> mkW(i, t);
            case 'R' -> mkR(i, t);
            default -> throw new IllegalArgumentException("bad stage " + t);
        };
    }

    private static String snap(String tag, Stream st, char kind) {
        return PipelineDifferentialInterpreter.state(tag, st, kind != 'W', kind != 'R', kind == 'C');
    }

    private void runSpec(String spec) {
        String[] toks = spec.split(" ");
        for (String t : toks) {
            if (t.charAt(0) == '!') {
                actions.add(new Action(t.charAt(1), t.charAt(2) - '0', t.charAt(3)));
            }
        }
        stageToks = toks[0].split("/");
        for (int i = 0; i < stageToks.length; i++) {
            stages.add(mkStage(i, stageToks[i]));
        }
        try {
            Duplex<Object, Object> d = Streams.compose(stages.toArray());
            composed = d;
            d.on(Stream.ERROR, e -> log.log("C:error " + code(e)));
            d.on(Stream.CLOSE, v -> log.log("C:close"));
            d.on(ReadableStream.END, v -> log.log("C:end"));
            d.on(WritableStream.FINISH, v -> log.log("C:finish"));
            for (int j = 1; j < toks.length; j++) {
                String t = toks[j];
                if (t.charAt(0) == 'w') {
                    for (int i = 0; i < t.charAt(1) - '0'; i++) {
                        String c = String.valueOf(ITEMS.charAt(i));
                        log.log("C:write " + c + "=" + d.write(c, e -> log.log("C:wcb " + c + " " + code(e))));
                    }
                } else if (t.equals("e")) {
                    log.log("C:end()");
                    d.end(e -> log.log("C:endcb"));
                } else if (t.equals("f")) {
                    d.on(ReadableStream.DATA, c -> {
                        log.log("C:data " + s(c));
                        fire();
                    });
                } else if (t.equals("p")) {
                    d.on(ReadableStream.READABLE, v -> {
                        Object c;
                        while ((c = d.read()) != null) {
                            log.log("C:read " + s(c));
                            fire();
                        }
                    });
                } else if (t.equals("s")) {
                    Writable<Object> sink = new Writable<>(StreamOptions.create().objectMode(true).highWaterMark(2)
                            .doWrite((Stream self, Object c, String e, Callback cb) -> {
                                log.log("K:_w " + s(c));
                                fire();
                                cb.done();
                            }));
                    sink.on(WritableStream.FINISH, v -> log.log("K:finish"));
                    sink.on(Stream.CLOSE, v -> log.log("K:close"));
                    d.pipe(sink);
                } else if (t.charAt(0) == '!' && t.charAt(2) == '0') {
                    char a = t.charAt(1);
                    later(t.charAt(3), () -> destroyComposed(a));
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
                return;
            }
            List<String> out = new ArrayList<>();
            if (composed != null) {
                out.add(snap("C", composed, 'C'));
            }
            for (int i = 0; i < stages.size(); i++) {
                out.add(snap(String.valueOf(i), stages.get(i), stageToks[i].charAt(0)));
            }
            snapshot = String.join(" ", out);
        };
        EventLoop.current().setImmediate(tick[0]);
    }
}
