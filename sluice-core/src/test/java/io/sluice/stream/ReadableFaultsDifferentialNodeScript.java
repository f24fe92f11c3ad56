package io.sluice.stream;

import io.sluice.testing.NodePhases;

/**
 * The node side of {@link ReadableFaultsRandomDifferentialTest}: a {@link io.sluice.testing.NodeOracle}
 * script interpreting the spec language documented on the test class with node's own
 * {@code Readable} and {@code Duplex}, printing per spec the same string as
 * {@link ReadableFaultsDifferentialInterpreter}. Kept apart so both halves read side by side.
 */
final class ReadableFaultsDifferentialNodeScript {
    private ReadableFaultsDifferentialNodeScript() {}

    static final String JS = """
            const { Readable, Duplex } = require('stream');
            """ + NodePhases.JS + """
            // Nothing in a spec should throw out of the stream machinery; if something does, it is
            // logged where node reports it, and the difference to Sluice's tag shows up in the trace.
            process.on('uncaughtException', (e) => log('UNCAUGHT ' + code(e)));
            process.removeAllListeners('warning');
            function desc(c) {
              if (c === null) return 'null';
              if (Buffer.isBuffer(c)) return 'b' + c.toString('hex');
              if (typeof c === 'string') return 's' + c;
              if (typeof c === 'number') return 'n' + c;
              return 'o' + String(c);
            }
            let CYCLE, calls, cid, ST, dataLs, readableLs;
            // A chunk of kind k and the encoding to push it with (undefined: none), as the Java chunk().
            function chunk(k) {
              switch (k) {
                case 's': return ['c' + (++cid)];
                case 'b': return [Buffer.from('c' + (++cid))];
                case 'h': return ['6869', 'hex'];
                case 'e': return [''];
                case 'E': return [Buffer.alloc(0)];
                case '9': return [42];
                case 'u': return [Buffer.from([0xe2, 0x82])];
                case 'v': return [Buffer.from([0xac])];
                case 'n': return [null];
              }
              throw new Error('bad chunk ' + k);
            }
            function push(tag, k) {
              const a = chunk(k);
              try { log(tag + ' ' + desc(a[0]) + '=' + ST.push(...a)); } catch (err) { log(tag + ' ' + desc(a[0]) + ' THREW ' + code(err)); }
            }
            function unshift(k) {
              const a = chunk(k);
              try { log('unshift ' + desc(a[0]) + '=' + ST.unshift(...a)); } catch (err) { log('unshift ' + desc(a[0]) + ' THREW ' + code(err)); }
            }
            // The k-th _read call's behaviour (the cycle, repeated; from the 13th call on, EOF).
            function behave(k) {
              const b = k > 12 ? 'e' : CYCLE[(k - 1) % CYCLE.length];
              switch (b) {
                case 's': push('_push', 's'); break;
                case 'b': push('_push', 'b'); break;
                case '2': push('_push', 's'); push('_push', 'b'); break;
                case 't': process.nextTick(() => push('_push', 's')); break;
                case 'i': setImmediate(() => push('_push', 's')); break;
                case 'h': push('_push', 'h'); break;
                case 'u': push('_push', 'u'); process.nextTick(() => push('_push', 'v')); break;
                case '0': push('_push', 'e'); break;
                case '9': push('_push', '9'); break;
                case 'e': push('_push', 'n'); break;
                case 'E': process.nextTick(() => push('_push', 'n')); break;
                case 'n': break;
                case 'x': throw new Error('rx' + k);
                case 'd': log('self destroy()'); ST.destroy(); break;
                case 'D': log('self destroy(err)'); ST.destroy(new Error('rd' + k)); break;
                case 'A': push('_push', 's'); push('_push', 'n'); push('_push', 's'); break;
                default: throw new Error('bad behaviour ' + b);
              }
            }
            const OPT_ENCODINGS = { '8': 'utf8', h: 'hex', '6': 'base64', l: 'latin1', U: 'UTF-8' };
            function build(kind, obj, hwm, cons, flags) {
              const o = { objectMode: obj, highWaterMark: hwm };
              if (flags.includes('a')) o.autoDestroy = false;
              if (flags.includes('c')) o.emitClose = false;
              if (flags.includes('y')) o.destroy = function (err, cb) { log('_destroy ' + code(err)); setImmediate(() => cb(err)); };
              if (flags.includes('Y')) o.destroy = function (err, cb) { log('_destroy ' + code(err)); cb(new Error('de')); };
              for (const e of Object.keys(OPT_ENCODINGS)) if (flags.includes(e)) o.encoding = OPT_ENCODINGS[e];
              o.read = function (n) { log('_read ' + n); behave(++calls); };
              if (cons !== '-') {
                o.construct = function (cb) {
                  log('_construct');
                  if (cons === 't') process.nextTick(() => cb());
                  else if (cons === 'i') setImmediate(() => cb());
                  else if (cons === 'e') setImmediate(() => cb(new Error('ce')));
                  else if (cons === 'E') cb(new Error('ce'));
                  else throw new Error('cx');
                };
              }
              if (kind === 'D') o.write = function (c, e, cb) { cb(); };
              const st = kind === 'D' ? new Duplex(o) : new Readable(o);
              ST = st;
              loggers(st, kind);
              return st;
            }
            function loggers(st, kind) {
              st.on('close', () => log('close'));
              st.on('error', (e) => log('error ' + code(e)));
              st.on('end', () => log('end'));
              st.on('pause', () => log('pause'));
              st.on('resume', () => log('resume'));
              if (kind === 'D') st.on('finish', () => log('finish'));
            }
            const READ_SIZES = { '0': 0, '1': 1, '3': 3, '5': 50, k: 1000, B: 2 ** 30 + 1 };
            function doRead(st, sz) {
              const tag = sz === '-' ? 'read' : 'read' + READ_SIZES[sz];
              try {
                const v = sz === '-' ? st.read() : st.read(READ_SIZES[sz]);
                log(tag + '=' + desc(v));
              } catch (err) { log(tag + ' THREW ' + code(err)); }
            }
            const SET_ENCODINGS = { '8': 'utf8', h: 'hex', '6': 'base64', l: 'latin1', b: 'binary', z: 'bogus' };
            function setEnc(st, e) {
              const name = SET_ENCODINGS[e];
              try { st.setEncoding(name); log('enc ' + name); } catch (err) { log('enc ' + name + ' THREW ' + code(err)); }
            }
            function action(st, a) {
              switch (a) {
                case '-': break;
                case 'd': log('destroy()'); st.destroy(); break;
                case 'D': log('destroy(err)'); st.destroy(new Error('act')); break;
                case 'g': doRead(st, '-'); break;
                case 'u': unshift('s'); break;
                case 'p': push('push', 's'); break;
                case 'n': push('push', 'n'); break;
                case 'P': st.pause(); break;
                case 'R': st.resume(); break;
                case 'k': setEnc(st, 'h'); break;
                default: throw new Error('bad action ' + a);
              }
            }
            const EVENTS = { d: 'data', r: 'readable', e: 'end', E: 'error', c: 'close', p: 'pause', R: 'resume' };
            function op(st, kind, t) {
              switch (t[0]) {
                case 'g': doRead(st, t[1]); break;
                case 'p': push('push', t[1]); break;
                case 'U': unshift(t[1]); break;
                case 'P': st.pause(); break;
                case 'R': st.resume(); break;
                case 'o': { const f = (d) => log('data ' + desc(d)); dataLs.push(f); st.on('data', f); break; }
                case 'f': if (dataLs.length) st.removeListener('data', dataLs.shift()); break;
                case 'l': {
                  const f = () => { log('readable'); let v; while ((v = st.read()) !== null) log('rl ' + desc(v)); };
                  readableLs.push(f); st.on('readable', f); break;
                }
                case 'L': { const f = () => log('readable'); readableLs.push(f); st.on('readable', f); break; }
                case 'm': if (readableLs.length) st.removeListener('readable', readableLs.shift()); break;
                case 'x': st.removeAllListeners('data'); dataLs = []; break;
                case 'X': st.removeAllListeners('readable'); readableLs = []; break;
                // everything goes; the loggers come back (an 'error' nobody listens to is fatal in node)
                case 'Q': st.removeAllListeners(); dataLs = []; readableLs = []; loggers(st, kind); break;
                case 'O': st.once(EVENTS[t[1]], (v) => {
                  log('once ' + EVENTS[t[1]] + (t[1] === 'd' ? ' ' + desc(v) : ''));
                  action(st, t[2]);
                }); break;
                case 'k': setEnc(st, t[1]); break;
                case 'd': log('destroy()'); st.destroy(); break;
                case 'D': log('destroy(err)'); st.destroy(new Error('boom')); break;
                case 'W': log('end()'); st.end(); break;
                default: throw new Error('bad op ' + t);
              }
            }
            function snap(st) {
              return 'len=' + st.readableLength + ' fl=' + st.readableFlowing + ' ended=' + st.readableEnded
                  + ' hwm=' + st.readableHighWaterMark + ' dr=' + st.readableDidRead + ' ab=' + st.readableAborted
                  + ' r=' + st.readable + ' D=' + st.destroyed + ' C=' + st.closed + ' err=' + code(st.errored)
                  + ' p=' + st.isPaused() + ' enc=' + st.readableEncoding;
            }
            function run(spec, done) {
              const t = spec.split(' ');
              const kind = t[0];
              CYCLE = t[3]; calls = 0; cid = 0; ST = null; dataLs = []; readableLs = [];
              let st = null;
              try {
                st = build(kind, t[1] === '1', +t[2], t[4], t[5]);
                for (const tok of t.slice(6)) {
                  const go = () => op(st, kind, tok.slice(1));
                  switch (tok[0]) {
                    case 's': go(); break;
                    case 't': process.nextTick(go); break;
                    case 'i': setImmediate(go); break;
                    case 'j': setImmediate(() => setImmediate(go)); break;
                  }
                }
              } catch (e) { log('THREW ' + code(e)); }
              let snapshot = '', depth = 0;
              const later = () => { if (++depth < 40) setImmediate(later); else if (st) snapshot = snap(st); };
              setImmediate(later);
              phase = 'loop'; cur = 0;
              onIdle = () => done(phases().join(' | ') + ' || ' + snapshot);
              checkIdle();
            }
            runEach(run);
            """;
}
