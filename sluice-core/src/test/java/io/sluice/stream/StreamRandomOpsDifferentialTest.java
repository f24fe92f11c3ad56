package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.buffer.Buffer;
import io.sluice.error.NodeError;
import io.sluice.loop.EventLoop;
import io.sluice.testing.EventLog;
import io.sluice.testing.LoopTiming;
import io.sluice.testing.NodeOracle;
import io.sluice.testing.SpecShrinker;
import io.sluice.testing.NodePhases;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * Differential fuzzing of event order: seeded random scripts of stream operations are interpreted
 * once by a Node script and once in Java, each producing one string (events grouped by the phase
 * they ran in, as in {@code StreamTraceDifferentialTest}, plus a state snapshot taken 20
 * immediates later); the strings must be equal.
 *
 * <h2>Script language</h2>
 * A script is space-separated tokens: {@code KIND OBJECTMODE HWM MODE FLAGS op...}.
 * <ul>
 *   <li>KIND: {@code W} Writable, {@code R} Readable, {@code T} Transform (upper-casing),
 *       {@code P} PassThrough, {@code D} Duplex, {@code Q} a Readable piped into a Writable.
 *   <li>MODE: for W/T when the write/transform callback runs: {@code s}ync, next{@code t}ick,
 *       setImmediate ({@code i}), or for W {@code v} (sync, with a writev). For R, {@code _read}
 *       does nothing ({@code x}), or pushes the next of a, b, c, then EOF {@code s}ynchronously
 *       or on nextTick ({@code a}). D and Q take two characters: the read mode, then the write
 *       mode (of the Duplex, or of the pipe's destination).
 *   <li>FLAGS ({@code -} then any of): {@code a} autoDestroy false, {@code c} emitClose false,
 *       {@code h} allowHalfOpen false, {@code f} a final hook (nextTick), {@code F} a flush hook
 *       pushing "F", {@code y} a destroy hook (setImmediate).
 *   <li>op: a timing character (sync {@code s}, nextTick {@code t}, setImmediate {@code i},
 *       setImmediate twice {@code j}), an op character and an optional chunk:
 *       {@code w}rite, {@code e}nd(), {@code E}nd(chunk), {@code c}ork, {@code u}ncork,
 *       {@code d}estroy(), {@code D}estroy(err), {@code p}ush(chunk), push(null) {@code n},
 *       {@code P}ause, {@code r}esume, read() {@code g}, read(1) {@code 1}, read(0) {@code 0},
 *       read(20) {@code 9}, {@code U}nshift(chunk), {@code s}etEncoding('utf8'),
 *       {@code o}n('data'), a 'data' listener that pauses and resumes an immediate later
 *       {@code O}, on('readab{@code l}e'), a 'readable' listener that reads until null
 *       {@code L}, removeAllListeners('data') {@code x} / ('readable') {@code X}, once('data',
 *       destroy) {@code Z}, once('readable', destroy(err)) {@code V}, once('drain', end(chunk))
 *       {@code M}; for Q: unpipe {@code y}, destination write {@code h}, end {@code K},
 *       destroy {@code k}.
 * </ul>
 *
 * <p>Left out: pushing null/undefined items in objectMode (documented: null is always EOF in
 * Java), and scripts that combine a plain {@code destroy()} with {@code end(cb)} (the
 * documented difference in {@code Writable.end(Callback)}, kept as {@code @Disabled} tests below). Knobs:
 * {@code -Dstreamfuzz.count}, {@code -Dstreamfuzz.seed}, {@code -Dstreamfuzz.shrink=true}
 * (prints minimised disagreeing scripts), {@code -Dstreamfuzz.sample=true}. Skipped cleanly when
 * node is not installed.
 */
class StreamRandomOpsDifferentialTest {

    private static final String NODE_SCRIPT = """
            const { Readable, Writable, Duplex, Transform, PassThrough } = require('stream');
            """ + NodePhases.JS + """
            function later(mode, fn) {
              if (mode === 't') process.nextTick(fn);
              else if (mode === 'i') setImmediate(fn);
              else fn();
            }
            function build(kind, objectMode, hwm, mode, flags) {
              let st;
              const base = { objectMode, highWaterMark: hwm };
              if (flags.includes('a')) base.autoDestroy = false;
              if (flags.includes('c')) base.emitClose = false;
              if (flags.includes('h')) base.allowHalfOpen = false;
              if (flags.includes('f')) base.final = function (cb) { log('_final'); process.nextTick(cb); };
              if (flags.includes('F')) base.flush = function (cb) { log('_flush'); cb(null, 'F'); };
              if (flags.includes('y')) base.destroy = function (err, cb) { log('_destroy ' + code(err)); setImmediate(() => cb(err)); };
              if (kind === 'W') {
                const opts = { ...base,
                  write(c, e, cb) { log('_write ' + s(c)); later(mode, cb); } };
                if (mode === 'v') opts.writev = (chunks, cb) => { log('_writev ' + chunks.map((x) => s(x.chunk)).join('+')); cb(); };
                st = new Writable(opts);
              } else if (kind === 'R' || kind === 'D') {
                const items = ['a', 'b', 'c'];
                const opts = { ...base, read() {
                  log('_read');
                  if (mode[0] === 'x') return;
                  const go = () => { const it = items.length ? items.shift() : null; log('_push ' + it + '=' + this.push(it)); };
                  if (mode[0] === 's') go(); else process.nextTick(go);
                } };
                if (kind === 'D') opts.write = function (c, e, cb) { log('_write ' + s(c)); later(mode[1], cb); };
                st = kind === 'D' ? new Duplex(opts) : new Readable(opts);
              } else if (kind === 'P') {
                st = new PassThrough(base);
              } else {
                st = new Transform({ ...base, transform(c, e, cb) {
                  log('_transform ' + s(c)); later(mode, () => cb(null, s(c).toUpperCase()));
                } });
              }
              st.on('close', () => log('close'));
              st.on('error', (e) => log('error ' + code(e)));
              if (kind !== 'R' && kind !== 'Q') {
                st.on('drain', () => log('drain'));
                st.on('finish', () => log('finish'));
              }
              if (kind !== 'W') {
                st.on('end', () => log('end'));
                st.on('pause', () => log('pause'));
                st.on('resume', () => log('resume'));
              }
              return st;
            }
            let dst = null;
            function buildDest(objectMode, hwm, mode) {
              const d = new Writable({ objectMode, highWaterMark: hwm,
                write(c, e, cb) { log('W:_write ' + s(c)); later(mode, cb); } });
              for (const ev of ['drain', 'finish', 'close']) d.on(ev, () => log('W:' + ev));
              d.on('error', (e) => log('W:error ' + code(e)));
              d.on('pipe', () => log('W:pipe'));
              d.on('unpipe', () => log('W:unpipe'));
              return d;
            }
            function op(st, t) {
              const c = t[0], a = t.slice(1);
              switch (c) {
                case 'y': st.unpipe(); break;
                case 'k': dst.destroy(); break;
                case 'K': dst.end(); break;
                case 'h': log('W:write ' + a + '=' + dst.write(a)); break;
                case 'w': log('write ' + a + '=' + st.write(a, (e) => log('cb ' + a + ' ' + code(e)))); break;
                case 'e': st.end((e) => log('endcb ' + code(e))); break;
                case 'E': st.end(a, (e) => log('endcb ' + code(e))); break;
                case 'c': st.cork(); break;
                case 'u': st.uncork(); break;
                case 'd': st.destroy(); break;
                case 'D': st.destroy(new Error('boom')); break;
                case 'p': log('push ' + a + '=' + st.push(a)); break;
                case 'n': log('push null=' + st.push(null)); break;
                case 'P': st.pause(); break;
                case 'r': st.resume(); break;
                case 'g': { const v = st.read(); log('read ' + (v === null ? 'null' : s(v))); break; }
                case 's': st.setEncoding('utf8'); break;
                case 'o': st.on('data', (d) => log('data ' + s(d))); break;
                case 'O': st.on('data', (d) => { log('pdata ' + s(d)); st.pause(); setImmediate(() => st.resume()); }); break;
                case 'L': st.on('readable', () => { log('readable'); let v; while ((v = st.read()) !== null) log('rl ' + s(v)); }); break;
                case 'X': st.removeAllListeners('readable'); break;
                case 'Z': st.once('data', (d) => { log('zdata ' + s(d)); st.destroy(); }); break;
                case 'V': st.once('readable', () => { log('vreadable'); st.destroy(new Error('vv')); }); break;
                case 'M': st.once('drain', () => { log('mdrain'); st.end('m', (e) => log('mendcb ' + code(e))); }); break;
                case '1': { const v = st.read(1); log('read1 ' + (v === null ? 'null' : s(v))); break; }
                case '9': { const v = st.read(20); log('read20 ' + (v === null ? 'null' : s(v))); break; }
                case '0': { const v = st.read(0); log('read0 ' + (v === null ? 'null' : s(v))); break; }
                case 'U': log('unshift ' + a + '=' + st.unshift(a)); break;
                case 'x': st.removeAllListeners('data'); break;
                case 'l': st.on('readable', () => log('readable')); break;
                default: throw new Error('bad op ' + t);
              }
            }
            function snapshot(kind, st) {
              let out = 'destroyed=' + st.destroyed + ' closed=' + st.closed + ' errored=' + code(st.errored);
              if (kind !== 'W') out += ' rlen=' + st.readableLength + ' flowing=' + st.readableFlowing + ' rended=' + st.readableEnded
                  + ' didRead=' + st.readableDidRead + ' aborted=' + st.readableAborted + ' paused=' + st.isPaused() + ' readable=' + st.readable;
              if (dst) out += ' W:destroyed=' + dst.destroyed + ' wlen=' + dst.writableLength + ' finished=' + dst.writableFinished;
              if (kind !== 'R' && kind !== 'Q') out += ' wlen=' + st.writableLength + ' wended=' + st.writableEnded + ' finished=' + st.writableFinished
                  + ' corked=' + st.writableCorked + ' needDrain=' + st.writableNeedDrain + ' writable=' + st.writable;
              return out;
            }
            function runOne(spec, done) {
              const [kind, obj, hwm, mode, flags, ...ops] = spec.split(' ');
              entries = []; phase = 'sync'; cur = ++ids;
              let st;
              dst = null;
              try {
                if (kind === 'Q') {
                  st = build('R', obj === '1', +hwm, mode[0], flags);
                  dst = buildDest(obj === '1', +hwm, mode[1]);
                  st.pipe(dst);
                } else {
                  st = build(kind, obj === '1', +hwm, mode, flags);
                }
                for (const tok of ops) {
                  const run = () => { try { op(st, tok.slice(1)); } catch (e) { log('THREW ' + code(e)); } };
                  switch (tok[0]) {
                    case 's': run(); break;
                    case 't': process.nextTick(run); break;
                    case 'i': setImmediate(run); break;
                    case 'j': setImmediate(() => setImmediate(run)); break;
                  }
                }
              } catch (e) { log('THREW ' + code(e)); }
              let snap = '';
              let depth = 0;
              const later20 = () => { if (++depth < 20) setImmediate(later20); else if (st) snap = snapshot(kind, st); };
              setImmediate(later20);
              phase = 'loop'; cur = 0;
              onIdle = () => { done(phases().join(' | ') + ' || ' + snap); };
              checkIdle();
            }
            let i = 0;
            function next() {
              if (i >= input.length) return;
              runOne(u16(input[i++]), (r) => { emit(r); next(); });
            }
            next();
            """;

    // ---------------------------------------------------------------------------------------------
    // The Java interpreter: the same script, the same log lines.

    private static String str(Object chunk) {
        return chunk instanceof Buffer b ? b.toString() : String.valueOf(chunk);
    }

    private static String code(Throwable e) {
        return e == null ? "null" : e instanceof NodeError ne ? ne.code() : e.getMessage();
    }

    private static void later(char mode, Runnable fn) {
        switch (mode) {
            case 't' -> EventLoop.current().nextTick(fn);
            case 'i' -> EventLoop.current().setImmediate(fn);
            default -> fn.run();
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Stream build(EventLog log, char kind, boolean objectMode, int hwm, String modes, String flags) {
        char mode = modes.charAt(0);
        char writeMode = modes.length() > 1 ? modes.charAt(1) : mode;
        StreamOptions o = StreamOptions.create().objectMode(objectMode).highWaterMark(hwm);
        if (flags.contains("a")) {
            o.autoDestroy(false);
        }
        if (flags.contains("c")) {
            o.emitClose(false);
        }
        if (flags.contains("h")) {
            o.allowHalfOpen(false);
        }
        if (flags.contains("f")) {
            o.doFinal((Stream self, Callback cb) -> {
                log.log("_final");
                EventLoop.current().nextTick(cb::done);
            });
        }
        if (flags.contains("F")) {
            o.doFlush((Transform<?, ?> self, TransformCallback<Object> cb) -> {
                log.log("_flush");
                cb.done(null, "F");
            });
        }
        if (flags.contains("y")) {
            o.doDestroy((Stream self, Throwable err, Callback cb) -> {
                log.log("_destroy " + code(err));
                EventLoop.current().setImmediate(() -> cb.done(err));
            });
        }
        Stream st;
        switch (kind) {
            case 'W' -> {
                o.doWrite((s, c, e, cb) -> {
                    log.log("_write " + str(c));
                    later(mode, cb::done);
                });
                if (mode == 'v') {
                    o.doWritev((Stream s, List<WriteChunk<Object>> chunks, Callback cb) -> {
                        log.log("_writev " + String.join("+", chunks.stream().map(x -> str(x.chunk())).toList()));
                        cb.done();
                    });
                }
                st = new Writable<>(o);
            }
            case 'R', 'D' -> {
                List<String> items = new ArrayList<>(List.of("a", "b", "c"));
                if (kind == 'D') {
                    o.doWrite((s, c, e, cb) -> {
                        log.log("_write " + str(c));
                        later(writeMode, cb::done);
                    });
                }
                o.doRead((Readable<?> self, long n) -> {
                    log.log("_read");
                    if (mode == 'x') {
                        return;
                    }
                    Runnable go = () -> {
                        String it = items.isEmpty() ? null : items.remove(0);
                        log.log("_push " + it + "=" + self.push(it));
                    };
                    if (mode == 's') {
                        go.run();
                    } else {
                        EventLoop.current().nextTick(go);
                    }
                });
                st = kind == 'D' ? new Duplex<>(o) : new Readable<>(o);
            }
            case 'P' -> st = new PassThrough<>(o);
            default -> st = new Transform<>(o.doTransform(
                    (Transform<?, ?> self, Object c, String e, TransformCallback<Object> cb) -> {
                        log.log("_transform " + str(c));
                        later(mode, () -> cb.done(null, str(c).toUpperCase()));
                    }));
        }
        st.on(Stream.CLOSE, v -> log.log("close"));
        st.on(Stream.ERROR, e -> log.log("error " + code(e)));
        if (kind != 'R' && kind != 'Q') {
            st.on(Writable.DRAIN, v -> log.log("drain"));
            st.on(Writable.FINISH, v -> log.log("finish"));
        }
        if (kind != 'W') {
            st.on(Readable.END, v -> log.log("end"));
            st.on(Readable.PAUSE, v -> log.log("pause"));
            st.on(Readable.RESUME, v -> log.log("resume"));
        }
        return st;
    }

    private static Writable<Object> buildDest(EventLog log, boolean objectMode, int hwm, char mode) {
        Writable<Object> d = new Writable<>(StreamOptions.create().objectMode(objectMode).highWaterMark(hwm)
                .doWrite((s, c, e, cb) -> {
                    log.log("W:_write " + str(c));
                    later(mode, cb::done);
                }));
        d.on(Writable.DRAIN, v -> log.log("W:drain"));
        d.on(Writable.FINISH, v -> log.log("W:finish"));
        d.on(Stream.CLOSE, v -> log.log("W:close"));
        d.on(Stream.ERROR, e -> log.log("W:error " + code(e)));
        d.on(Writable.PIPE, v -> log.log("W:pipe"));
        d.on(Writable.UNPIPE, v -> log.log("W:unpipe"));
        return d;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void op(EventLog log, Stream st, Writable<Object> dst, String t) {
        char c = t.charAt(0);
        String a = t.substring(1);
        WritableStream<Object> w = st instanceof WritableStream ws ? ws : null;
        Readable<Object> r = st instanceof Readable rr ? rr : null;
 switch (c) {
            case 'y' -> r.unpipe();
            case 'k' -> dst.destroy();
            case 'K' -> dst.end();
            case 'h' -> log.log("W:write " + a + "=" + dst.write(a));
            case 'w' -> log.log("write " + a + "=" + w.write(a, e -> log.log("cb " + a + " " + code(e))));
            case 'e' -> w.end(e -> log.log("endcb " + code(e)));
            case 'E' -> {
                if (w instanceof Duplex d) {
                    d.end(a, e -> log.log("endcb " + code(e)));
                } else {
                    ((Writable<Object>) w).end(a, e -> log.log("endcb " + code(e)));
                }
            }
            case 'c' -> {
                if (w instanceof Duplex d) {
                    d.cork();
                } else {
                    ((Writable<Object>) w).cork();
                }
            }
            case 'u' -> {
                if (w instanceof Duplex d) {
                    d.uncork();
                } else {
                    ((Writable<Object>) w).uncork();
                }
            }
            case 'd' -> st.destroy();
            case 'D' -> st.destroy(new RuntimeException("boom"));
            case 'p' -> log.log("push " + a + "=" + r.push(a));
            case 'n' -> log.log("push null=" + r.push(null));
            case 'P' -> r.pause();
            case 'r' -> r.resume();
            case 'g' -> {
                Object v = r.read();
                log.log("read " + (v == null ? "null" : str(v)));
            }
            case 's' -> r.setEncoding("utf8");
            case 'o' -> r.on(Readable.DATA, d -> log.log("data " + str(d)));
            case 'O' -> r.on(Readable.DATA, d -> {
                log.log("pdata " + str(d));
                r.pause();
                EventLoop.current().setImmediate(r::resume);
            });
            case 'L' -> r.on(Readable.READABLE, v -> {
                log.log("readable");
                Object x;
                while ((x = r.read()) != null) {
                    log.log("rl " + str(x));
                }
            });
            case 'X' -> r.removeAllListeners(Readable.READABLE);
            case 'Z' -> r.once(Readable.DATA, d -> {
                log.log("zdata " + str(d));
                r.destroy();
            });
            case 'V' -> r.once(Readable.READABLE, v -> {
                log.log("vreadable");
                r.destroy(new RuntimeException("vv"));
            });
            case 'M' -> st.once(Writable.DRAIN, v -> {
                log.log("mdrain");
                if (w instanceof Duplex d) {
                    d.end("m", e -> log.log("mendcb " + code(e)));
                } else {
                    ((Writable<Object>) w).end("m", e -> log.log("mendcb " + code(e)));
                }
            });
            case '1' -> {
                Object v = r.read(1);
                log.log("read1 " + (v == null ? "null" : str(v)));
            }
            case '9' -> {
                Object v = r.read(20);
                log.log("read20 " + (v == null ? "null" : str(v)));
            }
            case '0' -> {
                Object v = r.read(0);
                log.log("read0 " + (v == null ? "null" : str(v)));
            }
            case 'U' -> log.log("unshift " + a + "=" + r.unshift(a));
            case 'x' -> r.removeAllListeners(Readable.DATA);
            case 'l' -> r.on(Readable.READABLE, v -> log.log("readable"));
            default -> throw new IllegalArgumentException("bad op " + t);
        }
    }

    private static String snapshot(char kind, Stream st, Writable<Object> dst) {
        StringBuilder out = new StringBuilder("destroyed=" + st.destroyed() + " closed=" + st.closed()
                + " errored=" + code(st.errored()));
        if (kind != 'W') {
            Readable<?> r = (Readable<?>) st;
            out.append(" rlen=").append(r.readableLength()).append(" flowing=").append(r.readableFlowing())
                    .append(" rended=").append(r.readableEnded()).append(" didRead=").append(r.readableDidRead())
                    .append(" aborted=").append(r.readableAborted()).append(" paused=").append(r.isPaused())
                    .append(" readable=").append(r.readable());
        }
        if (dst != null) {
            out.append(" W:destroyed=").append(dst.destroyed()).append(" wlen=").append(dst.writableLength())
                    .append(" finished=").append(dst.writableFinished());
        }
        if (kind != 'R' && kind != 'Q') {
            WritableStream<?> w = (WritableStream<?>) st;
            out.append(" wlen=").append(w.writableLength()).append(" wended=").append(w.writableEnded())
                    .append(" finished=").append(w.writableFinished()).append(" corked=").append(w.writableCorked())
                    .append(" needDrain=").append(w.writableNeedDrain()).append(" writable=").append(w.writable());
        }
        return out.toString();
    }

    /** Runs one script on a fresh loop; same format as the node side. */
    @SuppressWarnings("unchecked")
    static String runJava(String spec) {
        String[] p = spec.split(" ");
        char kind = p[0].charAt(0);
        EventLog log = new EventLog();
        Stream[] st = new Stream[1];
        @SuppressWarnings("unchecked")
        Writable<Object>[] dst = new Writable[1];
        String[] snap = {""};
        EventLoop.run(() -> {
            try {
                boolean obj = p[1].equals("1");
                int hwm = Integer.parseInt(p[2]);
                if (kind == 'Q') {
                    st[0] = build(log, 'R', obj, hwm, p[3].substring(0, 1), p[4]);
                    dst[0] = buildDest(log, obj, hwm, p[3].charAt(1));
                    ((Readable<Object>) st[0]).pipe(dst[0]);
                } else {
                    st[0] = build(log, kind, obj, hwm, p[3], p[4]);
                }
                for (int i = 5; i < p.length; i++) {
                    String tok = p[i];
                    Runnable run = () -> {
                        try {
                            op(log, st[0], dst[0], tok.substring(1));
                        } catch (RuntimeException e) {
                            log.log("THREW " + code(e));
                        }
                    };
                    switch (tok.charAt(0)) {
                        case 's' -> run.run();
                        case 't' -> EventLoop.current().nextTick(run);
                        case 'i' -> EventLoop.current().setImmediate(run);
                        default -> EventLoop.current().setImmediate(() -> EventLoop.current().setImmediate(run));
                    }
                }
            } catch (RuntimeException e) {
                log.log("THREW " + code(e));
            }
            // The snapshot is taken 20 immediates later, identically on the node side: the loop
            // is gone once run() returns, and by then every op (at most two immediates deep) ran.
            LoopTiming.afterImmediates(20, () -> {
                if (st[0] != null) {
                    snap[0] = snapshot(kind, st[0], dst[0]);
                }
            });
        });
        return String.join(" | ", log.phases()) + " || " + snap[0];
    }

    /** Runs the scripts in node, 100 per process. */
    static List<String> runNode(List<String> specs) {
        return NodeOracle.runStrings(NODE_SCRIPT, specs, 100);
    }

    // ---------------------------------------------------------------------------------------------
    // Generation.

    private static final String[] CHUNKS = {"a", "b", "c", "xyz", "\u00e9\u20ac"};

    static String generate(Random rnd, Set<Character> excluded) {
        char kind = "WRTPQD".charAt(rnd.nextInt(6));
        boolean obj = rnd.nextBoolean();
        int hwm = new int[] {0, 1, 2, 16}[rnd.nextInt(4)];
        String mode = kind == 'Q' || kind == 'D' ? "" + "xsa".charAt(rnd.nextInt(3)) + "sti".charAt(rnd.nextInt(3))
                : "" + (kind == 'R' ? "xsa".charAt(rnd.nextInt(3))
                : kind == 'W' ? "stiv".charAt(rnd.nextInt(4)) : "sti".charAt(rnd.nextInt(3)));
        // destroy is drawn rarely: it ends the interesting part of a script
        String ops = switch (kind) {
            case 'W' -> "wwwwwwwweEcccuuuM" + (rnd.nextInt(3) == 0 ? "dD" : "");
            case 'R' -> "pppppnPPrrgg109UxoollssOLXZV" + (rnd.nextInt(3) == 0 ? "dD" : "");
            case 'Q' -> "pppnPPrrg109UxoollsyKhhOLXZV" + (rnd.nextInt(3) == 0 ? "dDk" : "");
            case 'D' -> "wwwwweEccuuPPrrgg109UxoollssOLXZVMppn" + (rnd.nextInt(3) == 0 ? "dD" : "");
            default -> "wwwwweEccuuPPrrgg109UxoollssOLXZVM" + (rnd.nextInt(3) == 0 ? "dD" : "");
        };
        StringBuilder flags = new StringBuilder("-");
        String allowed = switch (kind) {
            case 'W' -> "acfy";
            case 'R', 'Q' -> "acy";
            case 'D' -> "acfyh";
            default -> "acfyFh";
        };
        for (char f : allowed.toCharArray()) {
            if (rnd.nextInt(4) == 0) {
                flags.append(f);
            }
        }
        StringBuilder sb = new StringBuilder().append(kind).append(' ').append(obj ? 1 : 0).append(' ')
                .append(hwm).append(' ').append(mode).append(' ').append(flags);
        int n = 2 + rnd.nextInt(9);
        boolean ends = false;
        boolean plainDestroy = false;
        for (int i = 0; i < n; i++) {
            char c;
            do {
                c = ops.charAt(rnd.nextInt(ops.length()));
            } while (excluded.contains(c) || (c == 's' && obj)
                    // known difference (endAfterPlainDestroy): end(cb) with destroy() in one script
                    || ((c == 'e' || c == 'E' || c == 'M') && plainDestroy) || ((c == 'd' || c == 'Z') && ends));
            ends |= c == 'e' || c == 'E' || c == 'M';
            plainDestroy |= c == 'd' || c == 'Z';
            char timing = "sssstij".charAt(rnd.nextInt(7));
            sb.append(' ').append(timing).append(c);
            if (c == 'w' || c == 'E' || c == 'p' || c == 'U' || c == 'h') {
                sb.append(CHUNKS[rnd.nextInt(CHUNKS.length)]);
            }
        }
        return sb.toString();
    }

    /** Greedy shrinking: drop one op at a time while node and Sluice still disagree. */
    static String shrink(String spec) {
        return SpecShrinker.shrink(spec, StreamRandomOpsDifferentialTest::candidates,
                StreamRandomOpsDifferentialTest::runNode, (c, node) -> !node.equals(runJava(c)), 200);
    }

    /** The spec without one of its ops (the five header tokens stay). */
    private static List<String> candidates(String spec) {
        String[] p = spec.split(" ");
        List<String> candidates = new ArrayList<>();
        for (int i = 5; i < p.length; i++) {
            List<String> parts = new ArrayList<>(List.of(p));
            parts.remove(i);
            candidates.add(String.join(" ", parts));
        }
        return candidates;
    }

    private static void assertSame(String spec) {
        Assumptions.assumeTrue(NodeOracle.available(), NodeOracle.SKIP_MESSAGE);
        String node = runNode(List.of(spec)).get(0);
        String java = runJava(spec);
        assertThat(java).as("%s%n node:   %s%n sluice: %s", spec, node, java).isEqualTo(node);
    }

    // ---------------------------------------------------------------------------------------------
    // Minimal reproductions of the differences found (kept out of the random generator).

    /**
     * Node: {@code end(cb)} after a plain {@code destroy()} queues cb on the finish list, which
     * destroy has already flushed, so cb never runs (the 'ending' branch wins over the
     * 'destroyed' one because there is no stored error). Sluice calls it with ERR_STREAM_DESTROYED
     * on the next tick, as its javadoc says; Node does that only after destroy(err).
     */
    @Disabled("Documented difference (Writable.end(Callback)): after plain destroy() Node never calls cb, Sluice calls cb(ERR_STREAM_DESTROYED)")
    @Test
    void endAfterPlainDestroy() {
        // node:   tick: close || destroyed=true wlen=0 wended=true finished=false
        // sluice: tick: endcb ERR_STREAM_DESTROYED | tick: close || ...
        assertSame("W 0 16 s - sd se");
    }

    /** The same with end(cb) first on a nextTick and destroy() synchronously. */
    @Disabled("Documented difference (Writable.end(Callback)): after plain destroy() Node never calls cb, Sluice calls cb(ERR_STREAM_DESTROYED)")
    @Test
    void endOnTickAfterPlainDestroy() {
        assertSame("W 1 2 t - te sd");
    }

    /**
     * Node: with a write in flight, the end callback queued after a plain destroy() runs only when
     * that write completes (afterWrite flushes the finish list with ERR_STREAM_DESTROYED), after
     * 'close' and after the write's own callback. Sluice runs it on the next tick, before both.
     */
    @Disabled("Documented difference (Writable.end(Callback)): after destroy() with a write in flight Node calls cb after the write cb, Sluice at once")
    @Test
    void endAfterPlainDestroyWithWriteInFlight() {
        // node:   sync: zdata c, write c=false | tick: resume | tick: close | tick: cb c null, endcb ERR_STREAM_DESTROYED
        // sluice: sync: zdata c, write c=false | tick: resume | tick: endcb ERR_STREAM_DESTROYED | tick: close | tick: cb c null
        assertSame("P 1 1 t - sZ swc se");
    }

    /** Control: after destroy(err) both call end's callback with ERR_STREAM_DESTROYED. */
    @Test
    void endAfterDestroyWithErrorAgrees() {
        assertSame("W 0 16 s - sD se");
    }

    @Test
    void readableLoopWithPipeAndUnshiftAgrees() {
        assertSame("Q 0 2 ss -ac jo to is iL sl tk jpxyz");
    }

    @Test
    void transformFlushFinalNoHalfOpenAgrees() {
        assertSame("P 1 16 t -afFh iX sP iUxyz tr sExyz");
    }

    @Test
    void randomScriptsAgreeWithNode() {
        Assumptions.assumeTrue(NodeOracle.available(), NodeOracle.SKIP_MESSAGE);
        Random rnd = new Random(Long.getLong("streamfuzz.seed", 20261127L));
        List<String> specs = new ArrayList<>();
        for (int i = 0; i < Integer.getInteger("streamfuzz.count", 3000); i++) {
            specs.add(generate(rnd, Set.of()));
        }
        List<String> node = runNode(specs);
        Map<String, String> diffs = new LinkedHashMap<>();
        for (int i = 0; i < specs.size(); i++) {
            String java = runJava(specs.get(i));
            if (!java.equals(node.get(i))) {
                diffs.put(specs.get(i), "\n node:   " + node.get(i) + "\n sluice: " + java);
            }
        }
        if (Boolean.getBoolean("streamfuzz.sample")) {
            for (int i = 0; i < 15; i++) {
                System.out.println("SAMPLE " + specs.get(i) + "\n  " + node.get(i));
            }
        }
        if (Boolean.getBoolean("streamfuzz.shrink")) {
            SpecShrinker.printMinimal(diffs.keySet(), Integer.MAX_VALUE, StreamRandomOpsDifferentialTest::shrink,
                    SpecShrinker.traces(StreamRandomOpsDifferentialTest::runNode, StreamRandomOpsDifferentialTest::runJava));
        }
        assertThat(diffs).as("scripts where Sluice and node disagree").isEmpty();
    }
}
