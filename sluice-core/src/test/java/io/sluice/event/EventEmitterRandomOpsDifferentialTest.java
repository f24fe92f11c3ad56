package io.sluice.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.error.NodeError;
import io.sluice.testing.NodeOracle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Differential fuzzing of {@link EventEmitter} against Node 20's {@code events.EventEmitter}:
 * seeded random scripts of registrations, removals, emits and inspections on two emitters, where
 * the listeners themselves register, remove, emit (re-entrantly) and throw while an emit is in
 * progress. Each script is interpreted once by the Node script below and once in Java; both write
 * one log line per listener call, per operation (with its return value or what it threw), per
 * {@code MaxListenersExceededWarning}, and a final dump of every event's raw listeners; the two
 * logs must be equal.
 *
 * <h2>Script language</h2>
 * A script is {@code DEFS | OPS}, both space-separated.
 * <ul>
 *   <li>DEFS: one token per listener function {@code k} (0..7): {@code k} then its kind, then
 *       {@code ,}-separated actions it performs when called. Kinds: {@code S} a string
 *       {@link Listener}, registered and removed through the string API, logging
 *       {@code fk(all,args)}; {@code T} a typed {@code Consumer}, registered through
 *       {@code Event<T>} keys, logging {@code fk<first arg>} (or {@code fk<key,listener>} for a
 *       {@link ListenerChange}); {@code H} an object that is both (so it goes through the hidden
 *       typed adapter), used like {@code T}. An action is an op (below) or {@code !} (throw
 *       {@code Error('tk')}). A call nested more than 3 listener calls deep, or made once the log
 *       has 400 entries, only logs itself: that bounds recursion through re-entrant emits and
 *       'newListener' listeners that add listeners.
 *   <li>OPS: {@code X} (emitter {@code A} or {@code B}), an op character, its operands. With an
 *       event {@code e} and a function {@code k}: {@code o} on, {@code a} addListener, {@code O}
 *       once, {@code p} prependListener, {@code P} prependOnceListener, {@code f} off, {@code r}
 *       removeListener, {@code C} listenerCount(e, k). With an event: {@code R}
 *       removeAllListeners(e), {@code c} listenerCount, {@code l} listeners, {@code w}
 *       rawListeners ({@code wk} for a once-wrapper). {@code Ed}/{@code Td}: emit with the string
 *       API / the typed API ({@code emit(Event)}, {@code emit(Event, v)}, {@code emitArgs}); d 0..3
 *       is that many arguments {@code x1..}, 4..6 is d-3 arguments of which the first is
 *       {@code Error('boom')}. {@code Mn} setMaxListeners(n), {@code M-} setMaxListeners(-1);
 *       {@code g} getMaxListeners, {@code Z} removeAllListeners(), {@code N} eventNames(),
 *       {@code Wef} on(f, rawListeners(e)[0]) (f named; re-registers a once-wrapper as it is).
 *       On B, {@code c} is the static {@code EventEmitter.listenerCount(B, e)}.
 *   <li>Events: {@code a b c} those names, {@code 0 1} and {@code y} ("01") to test property
 *       order, {@code n} 'newListener', {@code r} 'removeListener', {@code e} 'error', {@code s} a
 *       symbol ({@code Event.symbol("s")} / {@code Symbol('s')}), {@code m} errorMonitor. Symbol
 *       events are only used with T and H functions (the string API cannot name them).
 * </ul>
 * Example: {@code 0S,Aoa1 1T | Aoa0 AEa2} registers f0 on 'a', then emits 'a' with two
 * arguments: f0 logs {@code f0(x1,x2)} and adds f1, which the emit's snapshot does not call.
 *
 * <h2>Documented differences kept out</h2>
 * {@code emit('error')} with no argument and no listener: Node says "Unhandled error.
 * (undefined)", Sluice "(null)" (the {@link io.sluice.error.UnhandledErrorException} comment); the
 * node side rewrites the former to the latter. Checked exceptions as 'error' values (wrapped in
 * Java) and calling a {@link OnceWrapper} directly (its javadoc) are not generated; warnings are
 * captured synchronously on both sides (node's {@code process.emitWarning} is replaced, as
 * {@link Warnings} is synchronous by design). The global default limit is never changed here.
 *
 * <h2>Known differences stepped around</h2>
 * Each has a {@code @Disabled} reproduction below. Two are Node quirks that the node side detects
 * and reports by ending its log with {@code TAINTED reason}; such scripts are counted, not
 * compared: {@code live-array} (removeAllListeners(type) with 'removeListener' listeners walks
 * Node's live listener array) and {@code monitor-reset} (an errorMonitor listener emptied the
 * emitter, so Node decides the 'error' emit on a stale events object; also set, harmlessly, when
 * a script emits errorMonitor itself and empties the emitter); EventEmitter's javadoc states
 * both. A third was a Sluice bug, now fixed and kept as an enabled test
 * ({@link #removeAllRemovesAdapterByIdentity}). The node side also marks {@code wrapper-reentry}: a once-wrapper called again while
 * its own removal is being reported (or after that removal threw), which Node lets fire twice
 * and Sluice, as {@link OnceWrapper} documents, does not; op {@code W} makes that reachable. The
 * summary line printed per test gives the counts.
 *
 * <p>Knobs: {@code -Deefuzz.count} (scripts per random test, default 2500), {@code -Deefuzz.seed},
 * {@code -Deefuzz.sample=true} (prints a few scripts and node's logs). A disagreement fails the test
 * with the greedily shrunk script and both logs. Skipped cleanly when node is not installed.
 */
@ResourceLock("io.sluice.event.Warnings")
class EventEmitterRandomOpsDifferentialTest {

    /** Listener calls deeper than this only log themselves. */
    static final int MAX_DEPTH = 3;
    /** Once the log is this long, listener calls only log themselves. */
    static final int BUDGET = 400;

    private static final String NODE_SCRIPT = """
            const EE = require('events');
            const { errorMonitor } = EE;
            const MAX_DEPTH = %d, BUDGET = %d;
            let out = [], depth = 0, em = { A: null, B: null }, fns = [], sym = null;
            // Warnings are captured where they are raised, as Sluice's Warnings handler is synchronous.
            process.emitWarning = (w) => {
              const who = w.emitter === em.A ? 'A' : w.emitter === em.B ? 'B' : '?';
              out.push('WARN ' + w.name + ' ' + who + ' ' + fmt(w.type) + ' ' + w.count + ': ' + w.message);
            };
            function lid(f) {
              if (f.__id !== undefined) return 'f' + f.__id;
              if (f.listener && f.listener.__id !== undefined) return 'w' + f.listener.__id;
              return '?';
            }
            function fmt(x) {
              if (x === undefined || x === null) return 'null';
              if (typeof x === 'symbol') return x.toString();
              if (typeof x === 'function') return lid(x);
              if (x instanceof Error) return 'Err(' + x.message + ')';
              return String(x);
            }
            // A typed Java listener gets the first argument, or a ListenerChange for the meta events.
            function fmtTyped(a) {
              if (a.length >= 2 && typeof a[1] === 'function') return fmt(a[0]) + ',' + fmt(a[1]);
              return fmt(a[0]);
            }
            function err(e) {
              const m = (e.code ? e.code + ': ' : '') + e.message;
              // Documented: Sluice has no undefined, so a missing error value reads (null).
              return m.replace('Unhandled error. (undefined)', 'Unhandled error. (null)');
            }
            function ev(c) {
              switch (c) {
                case 'n': return 'newListener';
                case 'r': return 'removeListener';
                case 'e': return 'error';
                case 's': return sym;
                case 'm': return errorMonitor;
                case 'y': return '01';
                default: return c;
              }
            }
            function args(d) {
              const a = [];
              if (d <= 3) { for (let i = 1; i <= d; i++) a.push('x' + i); }
              else { a.push(new Error('boom')); for (let i = 2; i <= d - 3; i++) a.push('x' + i); }
              return a;
            }
            const list = (xs) => '[' + xs.map(fmt).join(',') + ']';
            function act(t) {
              if (t === '!') throw new Error('thrown');
              const X = em[t[0]], op = t[1];
              let r;
              switch (op) {
                case 'o': r = X.on(ev(t[2]), fns[+t[3]]); break;
                case 'a': r = X.addListener(ev(t[2]), fns[+t[3]]); break;
                case 'O': r = X.once(ev(t[2]), fns[+t[3]]); break;
                case 'p': r = X.prependListener(ev(t[2]), fns[+t[3]]); break;
                case 'P': r = X.prependOnceListener(ev(t[2]), fns[+t[3]]); break;
                case 'f': r = X.off(ev(t[2]), fns[+t[3]]); break;
                case 'r': r = X.removeListener(ev(t[2]), fns[+t[3]]); break;
                case 'C': r = X.listenerCount(ev(t[2]), fns[+t[3]]); break;
                case 'R': r = X.removeAllListeners(ev(t[2])); break;
                case 'c': r = X === em.A ? X.listenerCount(ev(t[2])) : EE.listenerCount(X, ev(t[2])); break;
                case 'l': r = list(X.listeners(ev(t[2]))); break;
                case 'w': r = list(X.rawListeners(ev(t[2]))); break;
                case 'E': case 'T': r = X.emit(ev(t[2]), ...args(+t[3])); break;
                case 'M': r = X.setMaxListeners(t[2] === '-' ? -1 : +t[2]); break;
                case 'g': r = X.getMaxListeners(); break;
                case 'Z': r = X.removeAllListeners(); break;
                case 'N': r = list(X.eventNames()); break;
                case 'W': { const raw = X.rawListeners(ev(t[2]))[0]; r = raw === undefined ? 'none' : X.on(ev(t[3]), raw); break; }
                default: throw new Error('bad op ' + t);
              }
              out.push(t + '=' + (r === em.A ? 'A' : r === em.B ? 'B' : String(r)));
            }
            function makeFn(k, kind, acts) {
              const typed = kind !== 'S';
              const f = function (...a) {
                out.push('f' + k + (typed ? '<' + fmtTyped(a) + '>' : '(' + a.map(fmt).join(',') + ')'));
                if (depth >= MAX_DEPTH || out.length >= BUDGET) return;
                depth++;
                try {
                  for (const t of acts) { if (t === '!') throw new Error('t' + k); act(t); }
                } finally { depth--; }
              };
              f.__id = k;
              return f;
            }
            function dump(name) {
              const X = em[name];
              return 'END ' + name + ' max=' + X.getMaxListeners() + ' '
                  + X.eventNames().map((key) => fmt(key) + ':' + list(X.rawListeners(key))).join(' ');
            }
            // Two Node quirks are detected here and the scripts that hit them marked TAINTED (not
            // compared; their reproductions are the @Disabled tests):
            // 1. removeAllListeners(type), when someone listens for 'removeListener', walks the live
            //    listener array; Sluice walks a snapshot. They agree exactly when every
            //    removeListener call the loop makes passes the listener the snapshot predicts.
            // 2. emit('error') reads 'error' from the _events object it captured before calling the
            //    errorMonitor listeners; if those empty the emitter, _events is replaced and the
            //    decision (throw or call) is taken on the stale object.
            // 3. (documented by OnceWrapper) a once-wrapper that gets called again while its removal
            //    is being reported, or after that removal threw: Node has not set its fired flag
            //    yet and calls the listener again; Sluice sets it first. Reachable here because
            //    op W re-registers raw once-wrappers.
            let tainted = null, emitDepth = 0, inRemoval = new Set(), unfired = new Set();
            function instrument(X) {
              const proto = EE.prototype, loops = [];
              X.emit = function (...a) {
                const before = this._events;
                emitDepth++;
                try { return proto.emit.apply(this, a); } finally {
                  emitDepth--;
                  if (a[0] === errorMonitor && this._events !== before) tainted = tainted || 'monitor-reset';
                }
              };
              X.removeListener = function (type, l) {
                const top = loops[loops.length - 1];
                // The loop's own calls: same type, not from inside a listener of an emit.
                if (top && top.type === type && top.emitDepth === emitDepth && top.expect.pop() !== l) tainted = tainted || 'live-array';
                if (typeof l !== 'function' || l.listener === undefined) return proto.removeListener.call(this, type, l);
                // A once-wrapper removing itself again: it was called while its first removal was
                // still reporting, or after that removal threw, before Node set its fired flag.
                if (inRemoval.has(l) || unfired.has(l)) tainted = tainted || 'wrapper-reentry';
                inRemoval.add(l);
                let ok = false;
                try { const r = proto.removeListener.call(this, type, l); ok = true; return r; }
                finally { inRemoval.delete(l); if (!ok) unfired.add(l); }
              };
              X.removeAllListeners = function (...a) {
                if (a.length === 0 || this._events === undefined || this._events.removeListener === undefined) {
                  return proto.removeAllListeners.apply(this, a);
                }
                const cur = this._events[a[0]];
                const frame = { type: a[0], emitDepth,
                  expect: cur === undefined ? [] : typeof cur === 'function' ? [cur] : cur.slice() };
                loops.push(frame);
                let ok = false;
                try { const r = proto.removeAllListeners.apply(this, a); ok = true; return r; }
                finally { loops.pop(); if (ok && frame.expect.length) tainted = tainted || 'live-array'; }
              };
              return X;
            }
            function runOne(spec) {
              const [defs, ops] = spec.split(' | ');
              out = []; depth = 0; fns = []; tainted = null; emitDepth = 0; inRemoval = new Set(); unfired = new Set();
              em = { A: instrument(new EE()), B: instrument(new EE()) };
              sym = Symbol('s');
              for (const d of defs.split(' ')) {
                const parts = d.split(',');
                fns[+parts[0][0]] = makeFn(+parts[0][0], parts[0][1], parts.slice(1));
              }
              for (const t of (ops || '').split(' ').filter((x) => x)) {
                try { act(t); } catch (e) { out.push(t + '!' + err(e)); }
              }
              out.push(dump('A'), dump('B'));
              if (tainted) out.push('TAINTED ' + tainted);
              return out.join('\\n');
            }
            for (const f of input) emit(runOne(u16(f)));
            """.formatted(MAX_DEPTH, BUDGET);

    // ---------------------------------------------------------------------------------------------
    // The Java interpreter: the same script, the same log lines.

    /** The Java side's sink for warnings raised by the script running on this thread. */
    private static final ThreadLocal<Run> CURRENT = new ThreadLocal<>();

    @BeforeEach
    void captureWarnings() {
        Warnings.setHandler(w -> {
            Run run = CURRENT.get();
            // Other test classes may raise warnings on other threads meanwhile: keep only ours.
            if (run != null && (w.emitter() == run.a || w.emitter() == run.b)) {
                run.warning(w);
            }
        });
    }

    @AfterEach
    void restoreWarnings() {
        Warnings.setHandler(null);
    }

    /** One script's state: two emitters, the functions, the log. */
    static final class Run {
        final List<String> out = new ArrayList<>();
        final EventEmitter a;
        final EventEmitter b;
        final Event<Object> sym = Event.symbol("s");
        final Object[] fns = new Object[10];
        final char[] kinds = new char[10];
        final String[][] acts = new String[10][];
        int depth;

        /** Named-event listener written against the string API. */
        final class SFn implements Listener {
            final int k;

            SFn(int k) {
                this.k = k;
            }

            @Override
            public void handle(Object... args) {
                StringBuilder sb = new StringBuilder("f").append(k).append('(');
                for (int i = 0; i < args.length; i++) {
                    sb.append(i == 0 ? "" : ",").append(fmt(args[i]));
                }
                call(k, sb.append(')').toString());
            }
        }

        /** Typed listener. */
        class TFn implements Consumer<Object> {
            final int k;

            TFn(int k) {
                this.k = k;
            }

            @Override
            public void accept(Object v) {
                call(k, "f" + k + "<" + (v instanceof ListenerChange c ? fmt(c.event()) + "," + fmt(c.listener()) : fmt(v)) + ">");
            }
        }

        /**
         * Both a Consumer and a Listener, registered through the typed API: Sluice must call it the
         * typed way; a string-way call is logged distinctly, so it shows up as a difference.
         */
        final class HFn extends TFn implements Listener {
            HFn(int k) {
                super(k);
            }

            @Override
            public void handle(Object... args) {
                call(k, "f" + k + "!handle" + args.length);
            }
        }

        Run(String spec) {
            a = new EventEmitter();
            b = new EventEmitter();
            int bar = spec.indexOf(" | ");
            String defs = bar < 0 ? spec : spec.substring(0, bar);
            for (String d : defs.split(" ")) {
                String[] parts = d.split(",");
                int k = parts[0].charAt(0) - '0';
                kinds[k] = parts[0].charAt(1);
                acts[k] = java.util.Arrays.copyOfRange(parts, 1, parts.length);
                fns[k] = switch (kinds[k]) {
                    case 'S' -> new SFn(k);
                    case 'T' -> new TFn(k);
                    default -> new HFn(k);
                };
            }
        }

        void call(int k, String entry) {
            out.add(entry);
            if (depth >= MAX_DEPTH || out.size() >= BUDGET) {
                return;
            }
            depth++;
            try {
                for (String t : acts[k]) {
                    if (t.equals("!")) {
                        throw new RuntimeException("t" + k);
                    }
                    act(t);
                }
            } finally {
                depth--;
            }
        }

        void warning(Warning w) {
            String who = w.emitter() == a ? "A" : w.emitter() == b ? "B" : "?";
            out.add("WARN " + w.name() + " " + who + " " + fmt(w.event()) + " " + w.count() + ": " + w.message());
        }

        String fmt(Object x) {
            if (x == null) {
                return "null";
            }
            if (x instanceof Event<?> e) {
                return e.toString();
            }
            if (x instanceof Throwable t) {
                return "Err(" + t.getMessage() + ")";
            }
            if (x instanceof OnceWrapper w) {
                return w.listener() instanceof TFn t ? "w" + t.k : w.listener() instanceof SFn s ? "w" + s.k : "?";
            }
            if (x instanceof TFn t) {
                return "f" + t.k;
            }
            if (x instanceof SFn s) {
                return "f" + s.k;
            }
            if (x instanceof String s) {
                return s;
            }
            return "?" + x.getClass().getSimpleName();
        }

        String list(List<Object> xs) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < xs.size(); i++) {
                sb.append(i == 0 ? "" : ",").append(fmt(xs.get(i)));
            }
            return sb.append(']').toString();
        }

        static String name(char c) {
            return switch (c) {
                case 'n' -> "newListener";
                case 'r' -> "removeListener";
                case 'e' -> "error";
                case 'y' -> "01";
                case 's', 'm' -> null;
                default -> String.valueOf(c);
            };
        }

        @SuppressWarnings("unchecked")
        Event<Object> event(char c) {
            return switch (c) {
                case 's' -> sym;
                case 'm' -> (Event<Object>) (Event<?>) EventEmitter.ERROR_MONITOR;
                default -> Event.of(name(c));
            };
        }

        /** The key for the Object-keyed methods: A uses names where it can, B always Events. */
        Object key(EventEmitter x, char c) {
            String n = name(c);
            return n != null && x == a ? n : event(c);
        }

        static Object[] args(int d) {
            List<Object> out = new ArrayList<>();
            if (d <= 3) {
                for (int i = 1; i <= d; i++) {
                    out.add("x" + i);
                }
            } else {
                out.add(new RuntimeException("boom"));
                for (int i = 2; i <= d - 3; i++) {
                    out.add("x" + i);
                }
            }
            return out.toArray();
        }

        @SuppressWarnings("unchecked")
        void act(String t) {
            EventEmitter x = t.charAt(0) == 'A' ? a : b;
            char op = t.charAt(1);
            Object r = switch (op) {
                case 'o', 'a', 'O', 'p', 'P', 'f', 'r' -> register(x, op, t.charAt(2), t.charAt(3) - '0');
                case 'C' -> x.listenerCount(key(x, t.charAt(2)), fns[t.charAt(3) - '0']);
                case 'R' -> x.removeAllListeners(key(x, t.charAt(2)));
                case 'c' -> x == a ? x.listenerCount(key(x, t.charAt(2))) : EventEmitter.listenerCount(x, key(x, t.charAt(2)));
                case 'l' -> list(x.listeners(key(x, t.charAt(2))));
                case 'w' -> list(x.rawListeners(key(x, t.charAt(2))));
                case 'E' -> {
                    Object[] args = args(t.charAt(3) - '0');
                    String n = name(t.charAt(2));
                    yield n != null ? x.emit(n, args) : x.emitArgs(event(t.charAt(2)), args);
                }
                case 'T' -> {
                    Object[] args = args(t.charAt(3) - '0');
                    Event<Object> e = event(t.charAt(2));
                    yield switch (args.length) {
                        case 0 -> x.emit((Event<Void>) (Event<?>) e);
                        case 1 -> x.emit(e, args[0]);
                        default -> x.emitArgs(x == a ? e : key(x, t.charAt(2)), args);
                    };
                }
                case 'M' -> x.setMaxListeners(t.charAt(2) == '-' ? -1 : t.charAt(2) - '0');
                case 'g' -> x.getMaxListeners();
                case 'Z' -> x.removeAllListeners();
                case 'N' -> list(x.eventNames());
                case 'W' -> reRegister(x, t.charAt(2), t.charAt(3));
                default -> throw new IllegalArgumentException("bad op " + t);
            };
            out.add(t + "=" + (r == a ? "A" : r == b ? "B" : String.valueOf(r)));
        }

        /**
         * Registers the first of {@code from}'s raw listeners (possibly a once-wrapper) on the
         * named event {@code to}, as Node's {@code on(to, rawListeners(from)[0])}.
         */
        @SuppressWarnings("unchecked")
        private Object reRegister(EventEmitter x, char from, char to) {
            List<Object> raw = x.rawListeners(key(x, from));
            if (raw.isEmpty()) {
                return "none";
            }
            Object l = raw.get(0);
            // A once-wrapper fits either API and is stored as it is; the typed one reaches symbols too.
            return l instanceof SFn s ? x.on(name(to), s) : x.on(Event.of(name(to)), (Consumer<Object>) l);
        }

        @SuppressWarnings("unchecked")
        private EventEmitter register(EventEmitter x, char op, char e, int k) {
            if (kinds[k] == 'S') {
                String n = name(e);
                if (n == null) {
                    throw new IllegalStateException("string listener on a symbol event");
                }
                Listener l = (Listener) fns[k];
                return switch (op) {
                    case 'o' -> x.on(n, l);
                    case 'a' -> x.addListener(n, l);
                    case 'O' -> x.once(n, l);
                    case 'p' -> x.prependListener(n, l);
                    case 'P' -> x.prependOnceListener(n, l);
                    case 'f' -> x.off(n, l);
                    default -> x.removeListener(n, l);
                };
            }
            Consumer<Object> c = (Consumer<Object>) fns[k];
            Event<Object> ev = event(e);
            return switch (op) {
                case 'o' -> x.on(ev, c);
                case 'a' -> x.addListener(ev, c);
                case 'O' -> x.once(ev, c);
                case 'p' -> x.prependListener(ev, c);
                case 'P' -> x.prependOnceListener(ev, c);
                case 'f' -> x.off(ev, c);
                default -> x.removeListener(ev, c);
            };
        }

        String dump(String label, EventEmitter x) {
            StringBuilder sb = new StringBuilder("END ").append(label).append(" max=").append(x.getMaxListeners()).append(' ');
            List<Object> names = x.eventNames();
            for (int i = 0; i < names.size(); i++) {
                sb.append(i == 0 ? "" : " ").append(fmt(names.get(i))).append(':').append(list(x.rawListeners(names.get(i))));
            }
            return sb.toString();
        }

        String joined() {
            return String.join("\n", out);
        }

        static String err(RuntimeException e) {
            return e instanceof NodeError ne ? ne.code() + ": " + e.getMessage() : e.getMessage();
        }
    }

    /** Runs one script in Java on plain emitters; the same text as the node side. */
    static String runJava(String spec) {
        return execute(spec).joined();
    }


    private static Run execute(String spec) {
        Run run = new Run(spec);
        CURRENT.set(run);
        try {
            int bar = spec.indexOf(" | ");
            String ops = bar < 0 ? "" : spec.substring(bar + 3);
            for (String t : ops.split(" ")) {
                if (t.isEmpty()) {
                    continue;
                }
                try {
                    run.act(t);
                } catch (RuntimeException e) {
                    run.out.add(t + "!" + Run.err(e));
                }
            }
            run.out.add(run.dump("A", run.a));
            run.out.add(run.dump("B", run.b));
        } finally {
            CURRENT.remove();
        }
        return run;
    }

    /** Runs the scripts in node, a batch per process. */
    static List<String> runNode(List<String> specs) {
        return NodeOracle.runStrings(NODE_SCRIPT, specs, 1000);
    }

    // ---------------------------------------------------------------------------------------------
    // Generation.

    /** What a script favours. */
    enum Profile {
        /** Everything, evenly. */
        MIXED,
        /** Listeners with more actions, meta events and re-entrant emits. */
        REENTRANT,
        /** Many registrations: max-listeners warnings, eventNames order, removeAllListeners. */
        CROWDED
    }

    private static final String NAMED_EVENTS = "aaaabbbbcc01ynnnrrreee";
    private static final String SYMBOL_EVENTS = "ssm";

    static String generate(Random rnd, Profile profile) {
        int nf = 3 + rnd.nextInt(4);
        char[] kinds = new char[nf];
        boolean anyTyped = false;
        for (int k = 0; k < nf; k++) {
            int x = rnd.nextInt(10);
            kinds[k] = x < 5 ? 'S' : x < 8 ? 'T' : 'H';
            anyTyped |= kinds[k] != 'S';
        }
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < nf; k++) {
            sb.append(k == 0 ? "" : " ").append(k).append(kinds[k]);
            int maxActs = profile == Profile.REENTRANT ? 4 : 3;
            int n = rnd.nextInt(maxActs);
            for (int i = 0; i < n; i++) {
                sb.append(',');
                if (rnd.nextInt(12) == 0) {
                    sb.append('!');
                } else {
                    sb.append(op(rnd, kinds, anyTyped, true, profile));
                }
            }
        }
        sb.append(" |");
        int ops = switch (profile) {
            case MIXED -> 4 + rnd.nextInt(20);
            case REENTRANT -> 4 + rnd.nextInt(14);
            case CROWDED -> 10 + rnd.nextInt(30);
        };
        for (int i = 0; i < ops; i++) {
            sb.append(' ').append(op(rnd, kinds, anyTyped, false, profile));
        }
        return sb.toString();
    }

    private static String op(Random rnd, char[] kinds, boolean anyTyped, boolean inListener, Profile profile) {
        String x = rnd.nextInt(4) == 0 ? "B" : "A";
        int roll = rnd.nextInt(100);
        int adds = profile == Profile.CROWDED ? 55 : inListener ? 30 : 38;
        int removes = adds + (inListener ? 22 : 15);
        int emits = removes + (profile == Profile.REENTRANT || inListener ? 28 : 22);
        int queries = emits + 10;
        int removeAll = queries + 5;
        int maxes = removeAll + 4;
        if (roll < removes) {
            int k = rnd.nextInt(kinds.length);
            char ev = event(rnd, kinds[k] != 'S', profile);
            String ops = roll < adds ? "ooooaOOpPP" : "ffrrC";
            return x + ops.charAt(rnd.nextInt(ops.length())) + ev + k;
        }
        if (roll < emits) {
            char ev = event(rnd, anyTyped, profile);
            int d = ev == 'e' ? "0144456".charAt(rnd.nextInt(7)) - '0' : "01112234".charAt(rnd.nextInt(8)) - '0';
            return x + (rnd.nextBoolean() ? 'E' : 'T') + ev + d;
        }
        if (roll < queries) {
            char q = "cclwwNW".charAt(rnd.nextInt(7));
            if (q == 'W') {
                // re-register a raw listener (maybe a once-wrapper) on a named event
                return x + q + event(rnd, true, profile) + event(rnd, false, profile);
            }
            return q == 'N' ? x + q : x + q + event(rnd, true, profile);
        }
        if (roll < removeAll) {
            return rnd.nextInt(5) == 0 ? x + "Z" : x + "R" + event(rnd, true, profile);
        }
        if (roll < maxes) {
            return x + "M" + "0112233-".charAt(rnd.nextInt(profile == Profile.CROWDED ? 7 : 8));
        }
        return rnd.nextBoolean() ? x + "g" : x + "N";
    }

    private static char event(Random rnd, boolean symbolsAllowed, Profile profile) {
        if (symbolsAllowed && rnd.nextInt(8) == 0) {
            return SYMBOL_EVENTS.charAt(rnd.nextInt(SYMBOL_EVENTS.length()));
        }
        String named = profile == Profile.REENTRANT ? "aabnnnrrre" : NAMED_EVENTS;
        return named.charAt(rnd.nextInt(named.length()));
    }

    // ---------------------------------------------------------------------------------------------
    // Shrinking and checking.

    /** Smaller variants of a script: one op dropped, or one action of one function dropped. */
    static List<String> candidates(String spec) {
        List<String> out = new ArrayList<>();
        int bar = spec.indexOf(" |");
        String[] defs = spec.substring(0, bar).split(" ");
        String opsPart = spec.substring(bar + 2).trim();
        String[] ops = opsPart.isEmpty() ? new String[0] : opsPart.split(" ");
        for (int i = 0; i < ops.length; i++) {
            List<String> rest = new ArrayList<>(List.of(ops));
            rest.remove(i);
            out.add(String.join(" ", defs) + " |" + (rest.isEmpty() ? "" : " " + String.join(" ", rest)));
        }
        for (int d = 0; d < defs.length; d++) {
            String[] parts = defs[d].split(",");
            for (int i = 1; i < parts.length; i++) {
                List<String> p = new ArrayList<>(List.of(parts));
                p.remove(i);
                String[] copy = defs.clone();
                copy[d] = String.join(",", p);
                out.add(String.join(" ", copy) + " |" + (ops.length == 0 ? "" : " " + opsPart));
            }
        }
        return out;
    }

    /** Greedy shrinking: take the first smaller variant on which node and Sluice still disagree. */
    static String shrink(String spec) {
        String cur = spec;
        for (boolean progress = true; progress; ) {
            progress = false;
            List<String> cands = candidates(cur);
            if (cands.isEmpty()) {
                break;
            }
            List<String> node = runNode(cands);
            for (int i = 0; i < cands.size(); i++) {
                if (taint(node.get(i)) == null && !node.get(i).equals(runJava(cands.get(i)))) {
                    cur = cands.get(i);
                    progress = true;
                    break;
                }
            }
        }
        return cur;
    }

    private static void fuzz(long defaultSeed, Profile profile) {
        Assumptions.assumeTrue(NodeOracle.available(), NodeOracle.SKIP_MESSAGE);
        long seed = Long.getLong("eefuzz.seed", defaultSeed);
        int count = Integer.getInteger("eefuzz.count", 2500);
        Random rnd = new Random(seed);
        List<String> specs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            specs.add(generate(rnd, profile));
        }
        List<String> node = runNode(specs);
        List<String> diffs = new ArrayList<>();
        Map<String, Integer> tainted = new java.util.TreeMap<>();
        for (int i = 0; i < specs.size(); i++) {
            String reason = taint(node.get(i));
            if (reason != null) {
                tainted.merge(reason, 1, Integer::sum);
                continue;
            }
            if (!runJava(specs.get(i)).equals(node.get(i))) {
                diffs.add(specs.get(i));
            }
        }
        System.out.println("eefuzz " + profile + " seed " + seed + ": " + count + " scripts, not compared "
                + tainted + ", " + diffs.size() + " disagree");
        if (Boolean.getBoolean("eefuzz.sample")) {
            for (int i = 0; i < 5; i++) {
                System.out.println("SAMPLE " + specs.get(i) + "\n" + node.get(i));
            }
        }
        // Shrink a few (shrinking costs a node process per step); the count says how many failed.
        Map<String, String> minimal = new LinkedHashMap<>();
        for (String s : diffs.subList(0, Math.min(diffs.size(), 5))) {
            String m = shrink(s);
            minimal.computeIfAbsent(m, k -> "\n node:\n" + runNode(List.of(k)).get(0) + "\n sluice:\n" + runJava(k));
        }
        minimal.forEach((k, v) -> System.out.println("MINIMAL " + profile + " " + k + v));
        assertThat(minimal).as("%d of %d scripts (seed %d, %s) disagree with node; shrunk:", diffs.size(), count, seed, profile)
                .isEmpty();
    }

    /** Why node marked its log as not comparable (a Node quirk it hit), or null. */
    static String taint(String nodeLog) {
        int i = nodeLog.lastIndexOf("\nTAINTED ");
        return i < 0 ? null : nodeLog.substring(i + 9);
    }

    /** Compares one script, whether or not it is tainted (the bug reproductions need that). */
    private static void assertSame(String spec) {
        Assumptions.assumeTrue(NodeOracle.available(), NodeOracle.SKIP_MESSAGE);
        String node = runNode(List.of(spec)).get(0);
        if (taint(node) != null) {
            node = node.substring(0, node.lastIndexOf("\nTAINTED "));
        }
        String java = runJava(spec);
        assertThat(java).as("%s%n node:%n%s%n sluice:%n%s", spec, node, java).isEqualTo(node);
    }

    // ---------------------------------------------------------------------------------------------
    // Minimal reproductions of the differences found (asserting Node's behaviour). The random
    // tests step around the Node quirks, which the node side marks TAINTED; the third was a
    // Sluice bug, fixed (removeAllListeners now hands removeListener the listener, not its
    // hidden adapter).

    /**
     * With a 'removeListener' listener, Node's {@code removeAllListeners('a')} removes
     * {@code listeners[i]} for i from the end down, on the live array. Here f0, called for the
     * removal of f3, removes f1 too: 'a' drops to one listener, Node replaces the array by that
     * function, and the loop's next index reads past the end of the (detached) array:
     * {@code removeListener('a', undefined)} throws ERR_INVALID_ARG_TYPE and f2 stays. Sluice walks
     * a snapshot and removes f3, f1 (already gone: a no-op) and f2, without throwing.
     */
    @Disabled("Node 20 quirk, not copied (EventEmitter javadoc): removeAllListeners(type) with a 'removeListener' listener that removes another listener of"
            + " type: Node throws ERR_INVALID_ARG_TYPE (Received undefined) and keeps f2, Sluice removes all")
    @Test
    void removeAllWalksLiveArray() {
        // node:   ... f0(a,f3) f0(a,f1) Afa1=A Afa1=A
        //         ARa!ERR_INVALID_ARG_TYPE: The "listener" argument must be of type function. Received undefined
        //         Awa=[f2]
        // sluice: ... f0(a,f3) f0(a,f1) Afa1=A f0(a,f2) Afa1=A ARa=A Awa=[]
        assertSame("0S,Afa1 1S 2S 3S | Aoa1 Aoa2 Aoa3 Aor0 ARa Awa");
    }

    /** The fuzzer's first find of the same quirk: once-listeners on 'removeListener' itself. */
    @Disabled("Node 20 quirk, not copied (EventEmitter javadoc): removeAllListeners('removeListener') whose once-listeners remove themselves meanwhile:"
            + " Node throws ERR_INVALID_ARG_TYPE (Received undefined), Sluice returns normally")
    @Test
    void removeAllOfRemoveListenerWithOnceListeners() {
        // node:   ... f2<removeListener,w1> f1(removeListener,w2)
        //         ARr!ERR_INVALID_ARG_TYPE: The "listener" argument must be of type function. Received undefined
        // sluice: ... f2<removeListener,w1> f1(removeListener,w2) ARr=A
        assertSame("0S 1S 2T | AOr2 APr1 AOr2 ARr");
    }

    /**
     * Node's {@code emit('error')} captures {@code this._events}, emits errorMonitor, then decides
     * on the captured object. The once-monitor was the emitter's only listener: its removal makes
     * Node replace {@code _events} by a fresh object, so the 'error' listener it then adds is not
     * seen and Node throws (the new listener is neither called nor removed). Sluice looks the
     * 'error' listeners up after the monitors, calls f0 and returns true.
     */
    @Disabled("Node 20 quirk, not copied (EventEmitter javadoc): errorMonitor listener that empties the emitter then adds an 'error' listener: Node still"
            + " throws ERR_UNHANDLED_ERROR (stale _events), Sluice calls the new listener")
    @Test
    void errorDecidedOnStaleEventsAfterMonitorAddsListener() {
        // node:   AOm1=A f1<null> APe0=A AEe0!ERR_UNHANDLED_ERROR: Unhandled error. (null) ... error:[w0]
        // sluice: AOm1=A f1<null> APe0=A f0<null> AEe0=true ...
        assertSame("0T 1T,APe0 | AOm1 AEe0");
    }

    /** The other direction: the monitor removes everything, and Node still calls the removed listener. */
    @Disabled("Node 20 quirk, not copied (EventEmitter javadoc): errorMonitor listener calling removeAllListeners(): Node still calls the removed 'error'"
            + " listener (stale _events) and returns true, Sluice throws ERR_UNHANDLED_ERROR")
    @Test
    void errorDecidedOnStaleEventsAfterMonitorRemovesAll() {
        // node:   AOm1=A Aoe0=A f1<null> AZ=A f0() ATe0=true
        // sluice: AOm1=A Aoe0=A f1<null> AZ=A ATe0!ERR_UNHANDLED_ERROR: Unhandled error. (null)
        assertSame("0S 1T,AZ | AOm1 Aoe0 ATe0");
    }

    /**
     * f1 is both a Consumer and a Listener, registered through the typed API (so Sluice stores it
     * behind a hidden adapter). removeAllListeners('a') with a 'removeListener' listener f0 that
     * adds f2 and f1 back: for the original f1 registration, Node calls removeListener('a', f1),
     * which removes the most recent f1 (the one f0 just added); Sluice passes the adapter of the
     * original registration, which matches only itself, so the first f1 goes and the order
     * differs.
     */
    @Test
    void removeAllRemovesAdapterByIdentity() {
        // node:   ... ARa=A Awa=[f1,f2,f2,f1]
        // sluice: ... ARa=A Awa=[f2,f1,f2,f1]
        assertSame("0S,Aoa2,Aoa1 1H 2S | Aoa1 Aoa2 Aor0 ARa Awa");
    }

    /**
     * The once-wrapper of f0, re-registered as it is on 'removeListener', is called by the report
     * of its own removal: Node has not set its fired flag yet and runs f0 twice; Sluice sets the
     * flag first (OnceWrapper's javadoc) and runs it once.
     */
    @Disabled("Documented difference (OnceWrapper): a once-wrapper re-entered while its removal is reported"
            + " fires twice in Node, once in Sluice")
    @Test
    void onceWrapperReenteredDuringItsRemoval() {
        // node:   AOb0=A AWbr=A f0(b,f0) f0(x1) ATb1=true
        // sluice: AOb0=A AWbr=A f0(x1) ATb1=true
        assertSame("0S | AOb0 AWbr ATb1");
    }

    /**
     * The same flag, reached another way the javadoc does not mention: the wrapper's removal
     * throws (a 'removeListener' listener throws), so Node never sets fired, and the wrapper,
     * re-registered on 'newListener', fires again on the next registration; Sluice's stays spent.
     */
    @Disabled("Documented difference (OnceWrapper sets fired before removing): after its removal threw, Node's"
            + " once-wrapper can still fire, Sluice's cannot")
    @Test
    void onceWrapperAfterItsRemovalThrew() {
        // node:   ... ATn4!boom f1(removeListener,f1) APr1=A
        // sluice: ... ATn4!boom APr1=A
        assertSame("0S,AEe5 1S | Aor0 APb1 AWbn ATn4 APr1");
    }

    /** Control: a re-registered once-wrapper fires once, removes itself from its own event only. */
    @Test
    void reRegisteredOnceWrapperAgrees() {
        assertSame("0S | AOa0 AWab AEb1 AEa1 Awa Awb");
    }

    /** Control for the above: a plain typed Consumer is removed by Node's rule. */
    @Test
    void removeAllRemovesPlainConsumerByNodeRule() {
        assertSame("0S,Aoa2,Aoa1 1T 2S | Aoa1 Aoa2 Aor0 ARa Awa");
    }

    // ---------------------------------------------------------------------------------------------
    // The random tests.

    @Test
    void randomMixedScriptsAgreeWithNode() {
        fuzz(20260101L, Profile.MIXED);
    }

    @Test
    void randomReentrantScriptsAgreeWithNode() {
        fuzz(20260202L, Profile.REENTRANT);
    }

    @Test
    void randomCrowdedScriptsAgreeWithNode() {
        fuzz(20260303L, Profile.CROWDED);
    }

    // ---------------------------------------------------------------------------------------------
    // Hand-picked scripts (controls for the interpreter, and the cases the brief names).

    @Test
    void snapshotPerEmitWhileListenersAddAndRemove() {
        // f0 removes f1 and adds f2 during the emit: f1 still runs, f2 does not (snapshot).
        assertSame("0S,Afa1,Aoa2 1S 2T | Aoa0 Aoa1 AEa2 AEa1 Awa");
    }

    @Test
    void onceWrapperRemovedByOriginalAndReentrantEmit() {
        // f0 re-emits 'a' from inside the once-listener, which has already removed itself.
        assertSame("0S,AEa1 1T | AOa0 AOa1 Ara1 Awa AEa0 Awa AOa0 Aoa0 Afa0 Awa");
    }

    @Test
    void metaEventsReportOriginalsAndWrappers() {
        assertSame("0S 1S 2T | Aon0 Aor0 AOa1 Aoa2 AOa1 AEa0 Afa1 Afa2 ARa");
    }

    @Test
    void errorWithAndWithoutListenerAndMonitor() {
        assertSame("0S 1T 2S,! | AEe4 AEe1 AEe0 ATe4 Aom1 AEe5 Aoe0 AEe4 Ape2 AEe4 AN");
    }

    @Test
    void maxListenersWarningAndEventNamesOrder() {
        assertSame("0S 1T | AM1 Aob0 Ao10 Aob0 Ao00 Aos1 Aos1 Aoy0 Aoa0 AN Afb0 Aob0 Aob0 AN Ag AM- Ag");
    }
}
