package io.sluice.stream;

import io.sluice.buffer.Buffer;
import io.sluice.loop.EventLoop;
import io.sluice.testing.EventLog;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * The Java side of {@link AsyncIterFaultsRandomDifferentialTest}: interprets one spec on a fresh event
 * loop and returns the same string as {@link AsyncIterFaultsDifferentialNodeScript} does in node (the
 * log grouped by phase, then a state snapshot 40 immediates later). The spec language is documented on
 * the test class.
 *
 * <p>Sluice has no promise-returning iterator: on the loop, Node's {@code createAsyncIterator} is
 * {@link PullIterator} (used by the operators, {@link Consume} and the bridges), and the public
 * {@link StreamIterator} is a blocking view of it for another thread, whose timing against the loop
 * cannot be compared phase by phase. So the async generator around it is rebuilt here, in {@link Iter},
 * as ECMAScript specifies one (a request queue; the body runs in the caller up to its first await;
 * {@code yield} and a resumed {@code await} go through a microtask; {@code return()} at a yield awaits
 * before the {@code finally}), with the generator body of node's readable.js written over
 * {@link PullIterator}: {@code poll} is {@code stream.destroyed ? null : stream.read()}, {@code failure}
 * / {@code ended} are the {@code error} variable, {@code await} is {@code await new Promise(next)} and
 * {@code close} is the {@code finally}. What is under test is therefore PullIterator and the stream
 * machinery it drives; the queueing is the test's own model of the language.
 */
final class AsyncIterFaultsDifferentialInterpreter {
    private static final Object DONE = new Object();

    private final EventLog log = new EventLog();
    private Readable<Object> st;
    private Iter it;
    private int itn;
    private int pid;
    private int calls;
    private int pushed;
    private boolean ended;
    private String cycle;
    private char end;
    private int k;
    private char kind;
    private String snapshot = "";

    private AsyncIterFaultsDifferentialInterpreter() {}

    static String code(Throwable e) {
        return PipelineDifferentialInterpreter.code(e);
    }

    /** Runs {@code spec} and returns its outcome string. */
    static String run(String spec) {
        AsyncIterFaultsDifferentialInterpreter in = new AsyncIterFaultsDifferentialInterpreter();
        PipelineDifferentialInterpreter.onLoop(in.log, () -> in.runSpec(spec));
        return String.join(" | ", in.log.phases()) + " || " + in.snapshot;
    }

    static String val(Object v) {
        if (v instanceof Buffer b) {
            return "B" + b.toString("utf8");
        }
        if (v instanceof String s) {
            return "S" + s;
        }
        return "O" + v;
    }

    private static void later(char m, Runnable fn) {
        switch (m) {
            case 't' -> EventLoop.current().nextTick(fn);
            case 'i' -> EventLoop.current().setImmediate(fn);
            default -> fn.run();
        }
    }

    @SuppressWarnings("unchecked")
    private Duplex<Object, Object> duplex() {
        return (Duplex<Object, Object>) (Duplex<?, ?>) st;
    }

    /** The end action, once chunk k would be next. */
    private void finish() {
        if (ended) {
            return;
        }
        ended = true;
        switch (end) {
            case 'e' -> {
                log.log("eof");
                if (kind == 'T') {
                    duplex().end();
                } else {
                    st.push(null);
                }
            }
            case 'x' -> {
                log.log("self destroy(err)");
                st.destroy(new RuntimeException("rx"));
            }
            case 'd' -> {
                log.log("self destroy()");
                st.destroy();
            }
            case 'p' -> {
                log.log("eof");
                if (kind == 'T') {
                    duplex().end();
                    duplex().write("late");
                } else {
                    st.push(null);
                    st.push("late");
                }
            }
            default -> throw new IllegalArgumentException("bad end " + end);
        }
    }

    private void pushSome(int n) {
        if (n < 0) {
            if (kind == 'T') {
                log.log("write empty=" + duplex().write(""));
            } else {
                log.log("push empty=" + st.push(""));
            }
            return;
        }
        for (int i = 0; i < n && !ended; i++) {
            if (pushed == k) {
                finish();
                return;
            }
            String c = "c" + (++pushed);
            if (kind == 'T') {
                log.log("write " + c + "=" + duplex().write(c));
            } else {
                log.log("push " + c + "=" + st.push(c));
            }
        }
        if (pushed == k) {
            finish();
        }
    }

    private char step(int call) {
        return cycle.charAt(((call - 1) % (cycle.length() / 2)) * 2);
    }

    private int count(int call) {
        char c = cycle.charAt(((call - 1) % (cycle.length() / 2)) * 2 + 1);
        return c == 'z' ? -1 : c - '0';
    }

    private void build(boolean obj, int hwm, char enc, String flags) {
        StreamOptions o = StreamOptions.create().objectMode(obj).highWaterMark(hwm);
        if (enc == 'u') {
            o.encoding("utf8");
        }
        if (flags.contains("a")) {
            o.autoDestroy(false);
        }
        if (flags.contains("h")) {
            o.allowHalfOpen(false);
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
        if (kind == 'T') {
            o.doTransform((Transform<Object, Object> self, Object c, String e, TransformCallback<Object> cb) -> cb.done(null, c));
            st = new Transform<>(o);
        } else {
            o.doRead((Readable<Object> self, long n) -> {
                int call = ++calls;
                log.log("_read");
                if (!ended && call <= 30) { // bounded: a cycle of empty pushes would call _read forever
                    later(step(call), () -> pushSome(count(call)));
                }
            });
            if (kind == 'D') {
                o.doWrite((Stream self, Object c, String e, Callback cb) -> cb.done());
                st = new Duplex<>(o);
            } else {
                st = new Readable<>(o);
            }
        }
        st.on(ReadableStream.END, v -> log.log("end"));
        st.on(Stream.CLOSE, v -> log.log("close"));
        st.on(Stream.ERROR, e -> log.log("error " + code(e)));
        if (flags.contains("L")) {
            st.on(ReadableStream.READABLE, v -> log.log("readable"));
        }
    }

    /** A Transform is fed by writes: step k writes count(k) chunks after its timing, then schedules step k+1. */
    private void feed(int[] step) {
        if (ended || step[0] > 12) {
            return;
        }
        int call = ++step[0];
        later(step(call), () -> {
            pushSome(count(call));
            if (!ended) {
                EventLoop.current().setImmediate(() -> feed(step));
            }
        });
    }

    // ---------------------------------------------------------------------------------------------
    // The async generator of node's createAsyncIterator, over PullIterator.

    /** One next/return/throw call waiting in the generator's queue. */
    private record Req(char kind, String tag, Consumer<Object> then) {}

    /**
     * An async generator object running readable.js's iterator body. States as ECMAScript's:
     * not started, suspended at a yield, executing (also while awaiting), completed.
     */
    private final class Iter {
        private static final int NEW = 0;
        private static final int YIELD = 1;
        private static final int RUNNING = 2;
        private static final int COMPLETED = 3;

        private final boolean destroyOnReturn;
        private final ArrayDeque<Req> queue = new ArrayDeque<>();
        private PullIterator pull;
        private int state = NEW;

        Iter(boolean destroyOnReturn) {
            this.destroyOnReturn = destroyOnReturn;
        }

        void request(Req r) {
            queue.add(r);
            drain();
        }

        /** Settles {@code r}: its reaction (the log line and what follows) runs as a microtask, as a {@code .then}'s. */
        private void settle(Req r, Object result) {
            EventLoop.current().queueMicrotask(() -> {
                if (result instanceof Throwable t) {
                    log.log(r.tag() + "!" + code(t));
                } else {
                    log.log(r.tag() + (result == DONE ? "=done" : "=" + val(result)));
                }
                if (r.then() != null) {
                    r.then().accept(result);
                }
            });
        }

        /** AsyncGeneratorResumeNext / DrainQueue: serve queued requests while the generator is not executing. */
        private void drain() {
            while (!queue.isEmpty() && state != RUNNING) {
                Req head = queue.peek();
                if (head.kind() != 'n') {
                    if (state == NEW) {
                        state = COMPLETED;
                    }
                    if (state == COMPLETED) {
                        queue.poll();
                        if (head.kind() == 'r') {
                            // AsyncGeneratorAwaitReturn: the value is awaited, then {done: true}
                            state = RUNNING;
                            EventLoop.current().queueMicrotask(() -> {
                                state = COMPLETED;
                                settle(head, DONE);
                                drain();
                            });
                        } else {
                            settle(head, new RuntimeException("th"));
                        }
                        continue;
                    }
                    // suspended at the yield
                    queue.poll();
                    if (head.kind() == 'r') {
                        // return at a yield awaits its value, then runs the finally
                        state = RUNNING;
                        EventLoop.current().queueMicrotask(() -> {
                            pull.close(destroyOnReturn);
                            state = COMPLETED;
                            settle(head, DONE);
                            drain();
                        });
                    } else {
                        // throw at a yield: the catch records it, the finally destroys (error is set)
                        RuntimeException th = new RuntimeException("th");
                        pull.close(true);
                        state = COMPLETED;
                        settle(head, th);
                    }
                    continue;
                }
                if (state == COMPLETED) {
                    queue.poll();
                    settle(head, DONE);
                    continue;
                }
                if (state == NEW) {
                    pull = new PullIterator(st);
                }
                state = RUNNING;
                body();
            }
        }

        /** The loop of node's generator, from a (re)start until it yields, returns, throws or awaits. */
        private void body() {
            Object chunk = pull.poll();
            if (chunk != null) {
                // yield awaits its operand first: the request settles a microtask later
                EventLoop.current().queueMicrotask(() -> {
                    state = YIELD;
                    settle(queue.poll(), chunk);
                    drain();
                });
            } else if (pull.failure() != null) {
                Throwable err = pull.failure();
                pull.close(destroyOnReturn);
                state = COMPLETED;
                settle(queue.poll(), err);
            } else if (pull.ended()) {
                pull.close(destroyOnReturn);
                state = COMPLETED;
                settle(queue.poll(), DONE);
            } else {
                pull.await(() -> EventLoop.current().queueMicrotask(this::resume));
            }
        }

        private void resume() {
            body();
            drain();
        }
    }

    private void settleTag(char kind, String tag, Consumer<Object> then) {
        it.request(new Req(kind, tag, then));
    }

    private void forAwait(Iter iter, int id, int n, char a, int[] got) {
        iter.request(new Req('n', "f" + id + "." + (got[0] + 1), r -> {
            if (r instanceof Throwable || r == DONE) {
                return;
            }
            if (++got[0] < n) {
                forAwait(iter, id, n, a, got);
            } else if (a == 'b') {
                iter.request(new Req('r', "fret" + id, null));
            } else if (a == 'x') {
                iter.request(new Req('x', "fthr" + id, null));
            }
        }));
    }

    private void newIter(boolean keep) {
        itn++;
        it = new Iter(!keep);
    }

    private void op(String t) {
        switch (t.charAt(0)) {
            case 'n' -> settleTag('n', "n" + (++pid), null);
            case 'r' -> settleTag('r', "ret" + (++pid), null);
            case 'x' -> settleTag('x', "thr" + (++pid), null);
            case 'f' -> forAwait(it, ++pid, t.charAt(1) - '0', t.charAt(2), new int[1]);
            case 'I' -> {
                newIter(false);
                log.log("iter" + itn);
            }
            case 'J' -> {
                newIter(true);
                log.log("iter" + itn + " keep");
            }
            case 'd' -> {
                log.log("destroy()");
                st.destroy();
            }
            case 'D' -> {
                log.log("destroy(err)");
                st.destroy(new RuntimeException("boom"));
            }
            case 'o' -> st.on(ReadableStream.DATA, d -> log.log("data " + val(d)));
            case 'p' -> st.pause();
            case 'u' -> st.resume();
            case 'E' -> finish();
            case 'S' -> {
                st.setEncoding("utf8");
                log.log("enc");
            }
            case 'g' -> {
                Object v = st.read();
                log.log("read=" + (v == null ? "null" : val(v)));
            }
            default -> throw new IllegalArgumentException("bad op " + t);
        }
    }

    private String snap() {
        return "D=" + st.destroyed() + " C=" + st.closed() + " ended=" + st.readableEnded() + " len=" + st.readableLength()
                + " err=" + code(st.errored()) + " fl=" + st.readableFlowing() + " lc="
                + st.listenerCount(ReadableStream.READABLE) + "/" + st.listenerCount(Stream.ERROR) + "/"
                + st.listenerCount(ReadableStream.END) + "/" + st.listenerCount(Stream.CLOSE);
    }

    private void waitImmediates(int n, Runnable then) {
        if (n <= 0) {
            then.run();
        } else {
            EventLoop.current().setImmediate(() -> waitImmediates(n - 1, then));
        }
    }

    private void runSpec(String spec) {
        String[] t = spec.split(" ");
        kind = t[0].charAt(0);
        cycle = t[4];
        end = t[5].charAt(0);
        k = Integer.parseInt(t[5].substring(1));
        String flags = t[6];
        try {
            build(t[1].equals("1"), Integer.parseInt(t[2]), t[3].charAt(0), flags);
            newIter(flags.contains("K"));
            if (kind == 'T') {
                feed(new int[1]);
            }
            for (int i = 7; i < t.length; i++) {
                String tok = t[i];
                Runnable go = () -> op(tok.substring(1));
                switch (tok.charAt(0)) {
                    case 's' -> go.run();
                    case 't' -> EventLoop.current().nextTick(go);
                    case 'i' -> EventLoop.current().setImmediate(go);
                    case 'j' -> EventLoop.current().setImmediate(() -> EventLoop.current().setImmediate(go));
                    case 'k' -> waitImmediates(12, go);
                    default -> throw new IllegalArgumentException("bad timing " + tok);
                }
            }
        } catch (RuntimeException e) {
            log.log("THREW " + code(e));
        }
        waitImmediates(40, () -> snapshot = snap());
    }
}
