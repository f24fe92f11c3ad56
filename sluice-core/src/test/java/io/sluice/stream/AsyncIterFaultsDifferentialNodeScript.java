package io.sluice.stream;

import io.sluice.testing.NodePhases;

/**
 * The node side of {@link AsyncIterFaultsRandomDifferentialTest}: a {@link io.sluice.testing.NodeOracle}
 * script interpreting the spec language documented on the test class with node's own
 * {@code readable.iterator()} / {@code [Symbol.asyncIterator]()}, printing per spec the same string as
 * {@link AsyncIterFaultsDifferentialInterpreter}. Settlements are logged in a {@code .then}, that is in
 * a microtask; node's phase wrapper leaves microtasks tagged {@code loop} (the test folds that tag into
 * {@code micro}). Kept apart so both halves read side by side.
 */
final class AsyncIterFaultsDifferentialNodeScript {
    private AsyncIterFaultsDifferentialNodeScript() {}

    static final String JS = """
            const { Readable, Duplex, Transform } = require('stream');
            """ + NodePhases.JS + """
            process.removeAllListeners('warning');
            process.on('uncaughtException', (e) => log('UNCAUGHT ' + code(e)));
            process.on('unhandledRejection', (e) => {});
            let ST, IT, itn, pid, calls, pushed, ended, CYCLE, END, K, KIND, OBJ;
            function val(v) {
              if (Buffer.isBuffer(v)) return 'B' + v.toString();
              if (typeof v === 'string') return 'S' + v;
              return 'O' + String(v);
            }
            function later(m, fn) { if (m === 't') process.nextTick(fn); else if (m === 'i') setImmediate(fn); else fn(); }
            // The end action, once chunk K would be next.
            function finish(st) {
              if (ended) return; ended = true;
              switch (END) {
                case 'e': log('eof'); if (KIND === 'T') st.end(); else st.push(null); break;
                case 'x': log('self destroy(err)'); st.destroy(new Error('rx')); break;
                case 'd': log('self destroy()'); st.destroy(); break;
                case 'p':
                  log('eof');
                  if (KIND === 'T') { st.end(); st.write('late'); }
                  else { st.push(null); st.push('late'); }
                  break;
              }
            }
            function pushSome(st, n) {
              if (n < 0) {
                if (KIND === 'T') log('write empty=' + st.write('')); else log('push empty=' + st.push(''));
                return;
              }
              for (let i = 0; i < n && !ended; i++) {
                if (pushed === K) { finish(st); return; }
                const c = 'c' + (++pushed);
                if (KIND === 'T') log('write ' + c + '=' + st.write(c));
                else log('push ' + c + '=' + st.push(c));
              }
              if (pushed === K) finish(st);
            }
            function step(k) { return CYCLE[((k - 1) % (CYCLE.length / 2)) * 2] ; }
            function cnt(k) { const c = CYCLE[((k - 1) % (CYCLE.length / 2)) * 2 + 1]; return c === 'z' ? -1 : +c; }
            function build(kind, obj, hwm, enc, flags) {
              const o = { objectMode: obj, highWaterMark: hwm };
              if (enc === 'u') o.encoding = 'utf8';
              if (flags.includes('a')) o.autoDestroy = false;
              if (flags.includes('h')) o.allowHalfOpen = false;
              if (flags.includes('c')) o.emitClose = false;
              if (flags.includes('y')) o.destroy = function (err, cb) { log('_destroy ' + code(err)); setImmediate(() => cb(err)); };
              let st;
              if (kind === 'T') {
                o.transform = function (c, e, cb) { cb(null, c); };
                st = new Transform(o);
              } else {
                o.read = function () {
                  const k = ++calls;
                  log('_read');
                  // bounded: a cycle of empty pushes would call _read forever
                  if (ended || k > 30) return;
                  later(step(k), () => pushSome(this, cnt(k)));
                };
                if (kind === 'D') { o.write = function (c, e, cb) { cb(); }; st = new Duplex(o); }
                else st = new Readable(o);
              }
              st.on('end', () => log('end'));
              st.on('close', () => log('close'));
              st.on('error', (e) => log('error ' + code(e)));
              if (flags.includes('L')) st.on('readable', () => log('readable'));
              return st;
            }
            // A Transform is fed by writes: step k writes cnt(k) chunks after its timing, then schedules step k+1.
            function feed(st) {
              let k = 0;
              (function go() {
                if (ended || k > 12) return;
                k++;
                later(step(k), () => { pushSome(st, cnt(k)); if (!ended) setImmediate(go); });
              })();
            }
            function settle(p, tag, then) {
              p.then((r) => { log(tag + (r.done ? '=done' : '=' + val(r.value))); if (then) then(r); },
                     (e) => { log(tag + '!' + code(e)); if (then) then(null); });
            }
            function newIter(keep, sym) {
              itn++;
              IT = sym ? ST[Symbol.asyncIterator]() : keep ? ST.iterator({ destroyOnReturn: false }) : ST.iterator();
            }
            function op(t) {
              const c = t[0];
              const it = IT;
              switch (c) {
                case 'n': settle(it.next(), 'n' + (++pid)); break;
                case 'r': settle(it.return(), 'ret' + (++pid)); break;
                case 'x': settle(it.throw(new Error('th')), 'thr' + (++pid)); break;
                case 'f': {
                  const n = +t[1], a = t[2], id = ++pid;
                  let got = 0;
                  const more = () => settle(it.next(), 'f' + id + '.' + (got + 1), (r) => {
                    if (r === null || r.done) return;
                    if (++got < n) { more(); return; }
                    if (a === 'b') settle(it.return(), 'fret' + id);
                    else if (a === 'x') settle(it.throw(new Error('th')), 'fthr' + id);
                  });
                  more();
                  break;
                }
                case 'I': newIter(false, false); log('iter' + itn); break;
                case 'J': newIter(true, false); log('iter' + itn + ' keep'); break;
                case 'd': log('destroy()'); ST.destroy(); break;
                case 'D': log('destroy(err)'); ST.destroy(new Error('boom')); break;
                case 'o': ST.on('data', (d) => log('data ' + val(d))); break;
                case 'p': ST.pause(); break;
                case 'u': ST.resume(); break;
                case 'E': finish(ST); break;
                case 'S': ST.setEncoding('utf8'); log('enc'); break;
                case 'g': { const v = ST.read(); log('read=' + (v === null ? 'null' : val(v))); break; }
                default: throw new Error('bad op ' + t);
              }
            }
            function snap(st) {
              return 'D=' + st.destroyed + ' C=' + st.closed + ' ended=' + st.readableEnded + ' len=' + st.readableLength
                + ' err=' + code(st.errored) + ' fl=' + st.readableFlowing + ' lc=' + ['readable', 'error', 'end', 'close'].map((e) => st.listenerCount(e)).join('/');
            }
            function run(spec, done) {
              const t = spec.split(' ');
              KIND = t[0]; OBJ = t[1] === '1'; CYCLE = t[4]; END = t[5][0]; K = +t[5].slice(1);
              calls = 0; pushed = 0; ended = false; itn = 0; pid = 0;
              const flags = t[6];
              try {
                ST = build(KIND, OBJ, +t[2], t[3], flags);
                newIter(flags.includes('K'), flags.includes('A'));
                if (KIND === 'T') feed(ST);
                for (const tok of t.slice(7)) {
                  const go = () => op(tok.slice(1));
                  switch (tok[0]) {
                    case 's': go(); break;
                    case 't': process.nextTick(go); break;
                    case 'i': setImmediate(go); break;
                    case 'j': setImmediate(() => setImmediate(go)); break;
                    case 'k': { let n = 0; const w = () => { if (++n < 12) setImmediate(w); else go(); }; setImmediate(w); break; }
                  }
                }
              } catch (e) { log('THREW ' + code(e)); }
              let snapshot = '', depth = 0;
              const lat = () => { if (++depth < 40) setImmediate(lat); else snapshot = snap(ST); };
              setImmediate(lat);
              phase = 'loop'; cur = 0;
              onIdle = () => done(phases().join(' | ') + ' || ' + snapshot);
              checkIdle();
            }
            runEach(run);
            """;
}
