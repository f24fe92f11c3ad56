package io.sluice.stream;

import io.sluice.buffer.Buffer;
import io.sluice.error.NodeError;
import io.sluice.event.Event;
import io.sluice.loop.EventLoop;
import io.sluice.testing.EventLog;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The Java side of {@link ConsumersLifecycleRandomDifferentialTest}: runs one spec (the language
 * is documented on the test class) on a fresh event loop and returns the same trace string as
 * {@link ConsumersDifferentialNodeScript} does in node: the source's events and pushes grouped by
 * loop callback, the future's outcome as a {@code micro} entry, and a state snapshot taken 25
 * immediates after the start. The outcome is logged from a microtask queued when the future
 * completes, because Node's promise reactions run there (the future itself completes
 * synchronously inside the loop callback that ends the read).
 */
final class ConsumersDifferentialInterpreter {
    private static final Object[] CHUNKS = {
        "a", "bc", "\"", "1", "[", ",", "]", "\u00e9",
        hex("e282"), hex("ac"), hex("227822"), hex("32"), "", hex(""),
    };

    private final EventLog log = new EventLog();
    private String outcome = "pending";
    private String snapshot = "";
    private int si;
    private int hop;

    private ConsumersDifferentialInterpreter() {}

    private static Buffer hex(String h) {
        return Buffer.wrap(HexFormat.of().parseHex(h));
    }

    /** Runs {@code spec} and returns its trace. */
    static String run(String spec) {
        ConsumersDifferentialInterpreter in = new ConsumersDifferentialInterpreter();
        try {
            EventLoop.run(() -> {
                EventLoop.current().setUncaughtExceptionHandler(e -> in.log.log("UNCAUGHT " + code(e)));
                in.log.mark();
                in.start(spec);
            });
        } catch (RuntimeException e) {
            in.log.log("LOOP DIED " + errStr(e));
        }
        return String.join(" | ", in.log.phases()) + " || " + in.snapshot;
    }

    static String code(Throwable e) {
        return e == null ? "null" : e instanceof NodeError ne ? ne.code() : e.getMessage();
    }

    static String errStr(Throwable e) {
        if (e instanceof ConsumersDifferentialJson.SyntaxError) {
            return "SyntaxError";
        }
        return (e instanceof NodeError ne && ne.code() != null ? ne.code() : "-") + "/" + (e == null ? "undefined" : e.getMessage());
    }

    /** Node's {@code esc}: printable ASCII as it is, every other code unit (and backslash) as \\uXXXX. */
    static String esc(String s) {
        StringBuilder o = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '\\') {
                o.append(c);
            } else {
                o.append(String.format("\\u%04x", (int) c));
            }
        }
        return o.toString();
    }

    private static void later(char m, Runnable fn) {
        switch (m) {
            case 't' -> EventLoop.current().nextTick(fn);
            case 'i' -> EventLoop.current().setImmediate(fn);
            default -> fn.run();
        }
    }

    private void start(String spec) {
        String[] toks = spec.split(" ");
        String head = toks[0];
        char cons = head.charAt(0);
        boolean obj = head.charAt(1) == '1';
        long hwm = head.charAt(2) == '9' ? 16 : head.charAt(2) - '0';
        char enc = head.charAt(3);
        List<String> steps = new ArrayList<>();
        int callAt = 0;
        int killAt = -1;
        char killKind = ' ';
        String pre = "";
        for (int i = 1; i < toks.length; i++) {
            String t = toks[i];
            switch (t.charAt(0)) {
                case 's', 't', 'i' -> steps.add(t);
                case 'C' -> callAt = Integer.parseInt(t.substring(1));
                case 'K' -> {
                    killAt = Integer.parseInt(t.substring(1, t.length() - 1));
                    killKind = t.charAt(t.length() - 1);
                }
                case 'P' -> pre = t.substring(1);
                default -> throw new IllegalArgumentException("bad token " + t);
            }
        }
        StreamOptions opts = StreamOptions.create().objectMode(obj).highWaterMark(hwm)
                .doRead((Readable<Object> self, long size) -> {
                    log.log("_read");
                    if (si >= steps.size()) {
                        return;
                    }
                    String st = steps.get(si++);
                    String body = st.substring(1);
                    if (body.equals("T")) {
                        throw new RuntimeException("thrown");
                    }
                    later(st.charAt(0), () -> {
                        for (char ch : body.toCharArray()) {
                            switch (ch) {
                                case 'E' -> log.log("push null " + self.pushEnd());
                                case 'X' -> self.destroy(new RuntimeException("boom"));
                                case 'D' -> self.destroy();
                                case 'V' -> log.log("push 42 " + self.push(42));
                                case 'Q' -> {
                                    self.pushEnd();
                                    log.log("push late " + self.push("a"));
                                }
                                default -> log.log("push " + self.push(CHUNKS[ch - 'a']));
                            }
                        }
                    });
                });
        Readable<Object> r = new Readable<>(opts) {
            @Override
            public <E> boolean emit(Event<E> event, E value) {
                note(event, value);
                return super.emit(event, value);
            }

            @Override
            public boolean emit(Event<Void> event) {
                note(event, null);
                return super.emit(event);
            }
        };
        if (enc != '-') {
            r.setEncoding(enc == 'u' ? "utf8" : enc == 'l' ? "latin1" : "hex");
        }
        for (char p : pre.toCharArray()) {
            switch (p) {
                case 'r' -> r.resume();
                case 'p' -> r.pause();
                case 'd' -> r.onData(x -> { });
                case 'e' -> r.onError(x -> { });
                case 'R' -> r.onReadable(() -> log.log("readable"));
                default -> throw new IllegalArgumentException("bad pre " + p);
            }
        }
        int callAtF = callAt;
        int killAtF = killAt;
        char killKindF = killKind;
        Runnable[] step = new Runnable[1];
        step[0] = () -> {
            if (hop == killAtF) {
                log.log("!kill" + killKindF);
                if (killKindF == 'X') {
                    r.destroy(new RuntimeException("killed"));
                } else {
                    r.destroy();
                }
            }
            if (hop == callAtF) {
                call(cons, r);
            }
            hop++;
            if (hop < 25) {
                EventLoop.current().setImmediate(step[0]);
            } else {
                snapshot = "D=" + r.destroyed() + " E=" + r.readableEnded() + " err="
                        + (r.errored() != null ? errStr(r.errored()) : "null") + " fl=" + flowing(r.readableFlowing())
                        + " len=" + r.readableLength() + " out=" + outcome;
            }
        };
        try {
            step[0].run();
        } catch (RuntimeException e) {
            log.log("THREW " + errStr(e));
        }
    }

    private static String flowing(Boolean f) {
        return f == null ? "null" : f.toString();
    }

    private void note(Event<?> event, Object value) {
        String name = event.name();
        switch (name) {
            case "data", "end", "close", "pause", "resume" -> log.log(name);
            case "error" -> log.log("error " + errStr((Throwable) value));
            default -> { }
        }
    }

    private void call(char cons, Readable<Object> r) {
        log.log("!call");
        CompletableFuture<?> f;
        try {
            f = switch (cons) {
                case 'T' -> Consumers.text(r);
                case 'J' -> Consumers.json(r, ConsumersDifferentialJson::parse);
                case 'B' -> Consumers.buffer(r);
                default -> Consumers.bytes(r);
            };
        } catch (RuntimeException e) {
            log.log("THREW " + errStr(e));
            return;
        }
        EventLoop loop = EventLoop.current();
        f.whenComplete((v, e) -> {
            String text;
            if (e != null) {
                text = "err " + errStr(e);
            } else {
                text = "ok " + switch (cons) {
                    case 'T', 'J' -> esc((String) v);
                    case 'B' -> ((Buffer) v).toString("hex");
                    default -> HexFormat.of().formatHex((byte[]) v);
                };
            }
            loop.queueMicrotask(() -> {
                outcome = text;
                log.log("settle " + text);
            });
        });
    }
}
