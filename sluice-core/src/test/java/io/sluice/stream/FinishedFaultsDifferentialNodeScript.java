package io.sluice.stream;

import io.sluice.testing.NodePhases;

/**
 * The node side of {@link FinishedFaultsRandomDifferentialTest}: a {@link io.sluice.testing.NodeOracle}
 * script interpreting the spec language documented on the test class with node's own streams and
 * {@code stream.finished} / {@code stream/promises.finished}, printing per spec the same string as
 * {@link FinishedFaultsDifferentialInterpreter}. Kept apart so both halves read side by side.
 */
final class FinishedFaultsDifferentialNodeScript {
    private FinishedFaultsDifferentialNodeScript() {}

    static final String JS = """
            const { Readable, Writable, Duplex, Transform, PassThrough, finished } = require('stream');
            const pfinished = require('stream/promises').finished;
            """ + NodePhases.JS + """
            // Sluice's default byte highWaterMark is Node 22's 64 KiB (Streams.getDefaultHighWaterMark).
            require('stream').setDefaultHighWaterMark(false, 65536);
            process.on('uncaughtException', (e) => log('UNCAUGHT ' + code(e)));
            process.removeAllListeners('warning');
            function later(m, fn) {
              switch (m) {
                case 't': process.nextTick(fn); break;
                case 'i': setImmediate(fn); break;
                case 'j': setImmediate(() => setImmediate(fn)); break;
                case 'k': setImmediate(() => setImmediate(() => setImmediate(() => setImmediate(fn)))); break;
                default: fn();
              }
            }
            function desc(c) {
              if (Buffer.isBuffer(c)) return 'b' + c.toString('hex');
              if (typeof c === 'string') return 's' + c;
              return 'o' + String(c);
            }
            let ST, READ, WRITE, reads, writes, pushes, wid, fid, cleanups, ctrl, promises;
            function build(kind, obj, flags, fin, des) {
              const o = { objectMode: obj };
              if (flags.includes('a')) o.autoDestroy = false;
              if (flags.includes('c')) o.emitClose = false;
              if (flags.includes('h')) o.allowHalfOpen = false;
              if (des !== '-') {
                o.destroy = function (err, cb) {
                  log('_destroy ' + code(err));
                  if (des === 's') cb(err);
                  else if (des === 'i') setImmediate(() => cb(err));
                  else setImmediate(() => cb(new Error('de')));
                };
              }
              // Only R and D: options.read would replace a Transform's own _read in node.
              if (kind === 'R' || kind === 'D') {
                o.read = function () {
                  const k = ++reads;
                  const b = READ[(k - 1) % READ.length];
                  log('_read');
                  // bounded: a flowing stream whose _read always pushes would never end
                  if (k > 4) return;
                  if (b === 'p') log('rpush=' + this.push('r' + k));
                  else if (b === 't') process.nextTick(() => log('rpush=' + this.push('r' + k)));
                  else if (b === 'n') process.nextTick(() => log('rpush=' + this.push(null)));
                  else if (b === 'e') process.nextTick(() => this.destroy(new Error('re')));
                };
              }
              const behave = (cb) => {
                const k = ++writes;
                switch (WRITE[(k - 1) % WRITE.length]) {
                  case 's': cb(null); break;
                  case 'i': setImmediate(() => cb(null)); break;
                  case 'S': cb(new Error('we' + k)); break;
                  case 'I': setImmediate(() => cb(new Error('we' + k))); break;
                }
              };
              if (kind === 'T') {
                o.transform = function (c, e, cb) { log('_transform ' + desc(c)); behave((err) => err ? cb(err) : cb(null, c)); };
              } else if (kind === 'W' || kind === 'D') {
                o.write = function (c, e, cb) { log('_write ' + desc(c)); behave(cb); };
              }
              if (fin !== '-') {
                const f = function (cb) {
                  log(kind === 'T' || kind === 'P' ? '_flush' : '_final');
                  if (fin === 's') cb();
                  else if (fin === 'i') setImmediate(() => cb());
                  else process.nextTick(() => cb(new Error('fe')));
                };
                if (kind === 'T' || kind === 'P') o.flush = f; else o.final = f;
              }
              const st = kind === 'R' ? new Readable(o) : kind === 'W' ? new Writable(o) : kind === 'D' ? new Duplex(o)
                  : kind === 'T' ? new Transform(o) : new PassThrough(o);
              ST = st;
              st.on('close', () => log('close'));
              st.on('error', (e) => log('error ' + code(e)));
              if (kind !== 'R') st.on('finish', () => log('finish'));
              if (kind !== 'W') st.on('end', () => log('end'));
              return st;
            }
            function doFinished(st, o) {
              const id = ++fid;
              const opts = {};
              if (o.includes('r')) opts.readable = false;
              if (o.includes('w')) opts.writable = false;
              if (o.includes('e')) opts.error = false;
              if (o.includes('a')) opts.signal = AbortSignal.abort();
              if (o.includes('A')) { ctrl = ctrl || new AbortController(); opts.signal = ctrl.signal; }
              if (o.includes('c')) opts.cleanup = true;
              log('F' + id);
              try {
                if (o.includes('q')) {
                  pfinished(st, opts).then(() => promises.push('P' + id + ' null'), (e) => promises.push('P' + id + ' ' + code(e)));
                } else {
                  cleanups[id] = finished(st, opts, (err) => log('cb' + id + ' ' + code(err)));
                }
              } catch (e) { log('F' + id + ' THREW ' + code(e)); }
            }
            function op(st, kind, t) {
              switch (t[0]) {
                case 'p': { const id = ++pushes; log('push' + id + '=' + st.push('o' + id)); break; }
                case 'P': log('pushnull=' + st.push(null)); break;
                case 'r': log('read ' + (() => { const c = st.read(); return c === null ? 'null' : desc(c); })()); break;
                case 'R': st.on('data', (d) => log('data ' + desc(d))); break;
                case 'w': {
                  const id = ++wid;
                  try {
                    log('w' + id + '=' + st.write('a' + id, (err) => log('wcb' + id + ' ' + code(err))));
                  } catch (e) { log('w' + id + ' THREW ' + code(e)); }
                  break;
                }
                case 'e': log('end'); st.end(); break;
                case 'd': log('destroy()'); st.destroy(); break;
                case 'D': log('destroy(err)'); st.destroy(new Error('boom')); break;
                case 'F': doFinished(st, t.slice(1)); break;
                case 'C': { const c = cleanups[+t[1]]; if (c) { log('cleanup' + t[1]); c(); } break; }
                case 'A': if (ctrl) { log('abort'); ctrl.abort(); } break;
                default: throw new Error('bad op ' + t);
              }
            }
            function snap(kind, st) {
              let o = 'D=' + st.destroyed + ' C=' + st.closed + ' err=' + code(st.errored);
              if (kind !== 'W') o += ' rended=' + st.readableEnded;
              if (kind !== 'R') o += ' wfin=' + st.writableFinished;
              o += ' L=' + ['end', 'finish', 'close', 'error'].map((e) => st.listenerCount(e)).join('/');
              if (promises.length) o += ' ' + promises.join(' ');
              return o;
            }
            function run(spec, done) {
              const t = spec.split(' ');
              const kind = t[0];
              READ = t[3]; WRITE = t[4]; reads = 0; writes = 0; pushes = 0; wid = 0; fid = 0;
              cleanups = {}; ctrl = null; promises = [];
              let st = null;
              try {
                st = build(kind, t[1] === '1', t[2], t[5], t[6]);
                for (const tok of t.slice(7)) later(tok[0], () => op(st, kind, tok.slice(1)));
              } catch (e) { log('THREW ' + code(e)); }
              let snapshot = '', depth = 0;
              const after = () => { if (++depth < 40) setImmediate(after); else if (st) snapshot = snap(kind, st); };
              setImmediate(after);
              phase = 'loop'; cur = 0;
              onIdle = () => done(phases().join(' | ') + ' || ' + snapshot);
              checkIdle();
            }
            runEach(run);
            """;
}
