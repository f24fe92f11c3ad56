package io.sluice.stream;

import io.sluice.testing.NodePhases;

/**
 * The node side of {@link PipeFanOutRandomDifferentialTest}: a {@link io.sluice.testing.NodeOracle}
 * script interpreting the spec language documented on the test class with node's own
 * {@code Readable} and {@code Writable}, printing per spec the same string as
 * {@link PipeFanOutDifferentialInterpreter}. Kept apart so both halves read side by side.
 */
final class PipeFanOutDifferentialNodeScript {
    private PipeFanOutDifferentialNodeScript() {}

    static final String JS = """
            const { Readable, Writable, Transform } = require('stream');
            """ + NodePhases.JS + """
            process.on('uncaughtException', (e) => log('UNCAUGHT ' + code(e)));
            process.removeAllListeners('warning');
            let SRC, DESTS, onDataFn, onReadableFn;
            function later(m, fn) {
              if (m === 's') fn();
              else if (m === 't') process.nextTick(fn);
              else if (m === 'i') setImmediate(fn);
              else setImmediate(() => setImmediate(fn));
            }
            function buildSource(t) {
              const [obj, hwm, mode, flags] = t.slice(1).split('.');
              // flag n: the chunks are the numbers 1..k (objectMode's values; invalid otherwise)
              // flags h / u: setEncoding('hex') / setEncoding('utf8') (string chunks downstream)
              const item = (n) => (flags || '').includes('n') ? n : 'c' + n;
              const k = +mode.slice(1), how = mode[0];
              let n = 0;
              const src = new Readable({
                objectMode: obj === '1', highWaterMark: +hwm,
                read() {
                  if (how === 'n') return;
                  later(how.toLowerCase(), () => {
                    n++;
                    if (n <= k) src.push(item(n));
                    else if (how === how.toLowerCase()) src.push(null);
                    else if (n === k + 1) { log('_read destroy(err)'); src.destroy(new Error('re')); }
                  });
                },
              });
              src.on('pause', () => log('pause'));
              src.on('resume', () => log('resume'));
              src.on('end', () => log('end'));
              src.on('close', () => log('close'));
              src.on('error', (e) => log('error ' + code(e)));
              if ((flags || '').includes('h')) src.setEncoding('hex');
              if ((flags || '').includes('u')) src.setEncoding('utf8');
              return src;
            }
            // which stream piped: nothing for the source, else the Transform destination's name
            const who = (r) => r === SRC ? '' : ' from d' + (DESTS.indexOf(r) + 1);
            function buildDest(t, id) {
              const [obj, hwm, cycle, flags] = t.slice(1).split('.');
              let calls = 0;
              const o = { objectMode: obj === '1', highWaterMark: +hwm, decodeStrings: !(flags || '').includes('d') };
              // kind T: a Transform passing each chunk through (its 'data' logged with flag o)
              const hook = t[0] === 'T' ? 'transform' : 'write';
              o[hook] = function (c, e, done) {
                  const cb = hook === 'write' ? done : (err) => err ? done(err) : done(null, c);
                  const k = ++calls;
                  log('d' + id + ' _' + hook + ' ' + s(c) + ' ' + (e == null ? '-' : e));
                  const bad = () => cb(new Error('e' + id + k));
                  switch (cycle[(k - 1) % cycle.length]) {
                    case 's': cb(); break;
                    case 't': process.nextTick(cb); break;
                    case 'i': setImmediate(cb); break;
                    case 'l': setImmediate(() => setImmediate(cb)); break;
                    case 'S': bad(); break;
                    case 'T': process.nextTick(bad); break;
                    case 'n': break;
                    case 'd': log('d' + id + ' self destroy()'); d.destroy(); cb(); break;
                    case 'D': log('d' + id + ' self destroy(err)'); d.destroy(new Error('x' + id + k)); break;
                    // bounded: a cycle of writes (or pipes) into itself would go on forever
                    default: if (k <= 6) act(cycle[(k - 1) % cycle.length], id, 'd' + id + ' in _write'); cb(); break;
                  }
              };
              const d = t[0] === 'T' ? new Transform(o) : new Writable(o);
              if ((flags || '').includes('o')) d.on('data', (c) => log('d' + id + ' out ' + s(c)));
              d.on('pipe', (src) => log('d' + id + ' pipe' + who(src)));
              d.on('unpipe', (src) => log('d' + id + ' unpipe' + who(src)));
              d.on('drain', () => log('d' + id + ' drain'));
              d.on('finish', () => log('d' + id + ' finish'));
              d.on('close', () => log('d' + id + ' close'));
              // a quiet destination has no 'error' listener: pipe's onerror then rethrows
              if (!(flags || '').includes('q')) d.on('error', (e) => log('d' + id + ' error ' + code(e)));
              return d;
            }
            // An action run from inside a hook or listener: the re-entrant paths of pipe.
            function act(a, id, where) {
              const d = DESTS[id - 1];
              switch (a) {
                case 'u': log(where + ' unpipe(d' + id + ')'); SRC.unpipe(d); break;
                case 'U': log(where + ' unpipe()'); SRC.unpipe(); break;
                case 'p': log(where + ' pipe(d' + id + ')'); SRC.pipe(d); break;
                case 'q': { const j = id % DESTS.length + 1; log(where + ' pipe(d' + j + ')'); SRC.pipe(DESTS[j - 1]); break; }
                case 'z': log(where + ' pause()'); SRC.pause(); break;
                case 'm': log(where + ' resume()'); SRC.resume(); break;
                case 'w': log(where + ' write=' + d.write('h' + id)); break;
                case 'r': { const v = SRC.read(); log(where + ' read=' + (v === null ? 'null' : s(v))); break; }
                case 'e': log(where + ' end()'); d.end(); break;
                case 'x': log(where + ' destroy()'); SRC.destroy(); break;
                case 'k': log(where + ' d' + id + ' destroy()'); d.destroy(); break;
                case 'a': log(where + ' on data'); SRC.on('data', onDataFn); break;
                case 'A': log(where + ' off data'); SRC.removeListener('data', onDataFn); break;
                case 'l': log(where + ' on readable'); SRC.on('readable', onReadableFn); break;
                default: throw new Error('bad action ' + a);
              }
            }
            const HOOK_EVENTS = { d: 'drain', u: 'unpipe', p: 'pipe', f: 'finish', c: 'close', e: 'error' };
            function op(t) {
              const c = t[0], d = DESTS[+t[1] - 1];
              switch (c) {
                case 'p': SRC.pipe(d); break;
                case 'P': SRC.pipe(d, { end: false }); break;
                case 'u': SRC.unpipe(d); break;
                case 'U': SRC.unpipe(); break;
                case 'a': SRC.on('data', onDataFn); break;
                case 'A': SRC.removeListener('data', onDataFn); break;
                case 'l': SRC.on('readable', onReadableFn); break;
                case 'L': SRC.removeListener('readable', onReadableFn); break;
                case 'z': SRC.pause(); break;
                case 'm': SRC.resume(); break;
                case 'r': { const v = SRC.read(); log('read=' + (v === null ? 'null' : s(v))); break; }
                case 'x': log('destroy()'); SRC.destroy(); break;
                case 'X': log('destroy(err)'); SRC.destroy(new Error('sx')); break;
                case 'k': log('d' + t[1] + ' destroy()'); d.destroy(); break;
                case 'K': log('d' + t[1] + ' destroy(err)'); d.destroy(new Error('dk' + t[1])); break;
                case 'e': log('d' + t[1] + ' end()'); d.end(); break;
                case 'c': d.cork(); break;
                case 'v': d.uncork(); break;
                case 'w': log('d' + t[1] + ' write=' + d.write('u' + t[1])); break;
                case 'h': d.pipe(DESTS[+t[2] - 1]); break;
                case 'E': log('d' + t[1] + ' emit error'); d.emit('error', new Error('em' + t[1])); break;
                case 'F': log('d' + t[1] + ' emit finish'); d.emit('finish'); break;
                case 'C': log('d' + t[1] + ' emit close'); d.emit('close'); break;
                case 'N': log('d' + t[1] + ' emit drain'); d.emit('drain'); break;
                case 'o': {
                  const ev = HOOK_EVENTS[t[2]], a = t[3], id = +t[1];
                  d.once(ev, () => act(a, id, 'd' + id + ' on ' + ev));
                  break;
                }
                case 'b': SRC.once('data', (c) => act(t[2], +t[1], 'data ' + s(c))); break;
                case 'y': SRC.on('readable', () => {
                  let v; const got = [];
                  while ((v = SRC.read()) !== null) got.push(s(v));
                  log('readable read=' + got.join('+'));
                }); break;
                default: throw new Error('bad op ' + t);
              }
            }
            function snap() {
              const r = SRC;
              let o = 'src flowing=' + r.readableFlowing + ' len=' + r.readableLength + ' paused=' + r.isPaused()
                  + ' data=' + r.listenerCount('data') + ' end=' + r.listenerCount('end');
              DESTS.forEach((d, i) => {
                o += ' ; d' + (i + 1) + ' len=' + d.writableLength + ' nd=' + d.writableNeedDrain
                    + ' fin=' + d.writableFinished + ' D=' + d.destroyed
                    + ' lc=' + ['drain', 'error', 'close', 'finish', 'unpipe'].map((e) => d.listenerCount(e)).join('/');
              });
              return o;
            }
            function run(spec, done) {
              const t = spec.split(' ');
              SRC = null; DESTS = [];
              onDataFn = (c) => log('data ' + s(c));
              onReadableFn = () => log('readable');
              try {
                SRC = buildSource(t[0]);
                let i = 1;
                for (; i < t.length && (t[i][0] === 'W' || t[i][0] === 'T'); i++) DESTS.push(buildDest(t[i], i));
                for (const tok of t.slice(i)) {
                  const go = () => { try { op(tok.slice(1)); } catch (e) { log('THREW ' + code(e)); } };
                  later(tok[0], go);
                }
              } catch (e) { log('THREW ' + code(e)); }
              let snapshot = '', depth = 0;
              const fin = () => { if (++depth < 40) setImmediate(fin); else if (SRC) snapshot = snap(); };
              setImmediate(fin);
              phase = 'loop'; cur = 0;
              onIdle = () => done(phases().join(' | ') + ' || ' + snapshot);
              checkIdle();
            }
            runEach(run);
            """;
}
