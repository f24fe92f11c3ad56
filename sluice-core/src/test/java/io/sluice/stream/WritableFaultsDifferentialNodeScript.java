package io.sluice.stream;

import io.sluice.testing.NodePhases;

/**
 * The node side of {@link WritableFaultsRandomDifferentialTest}: a {@link io.sluice.testing.NodeOracle}
 * script interpreting the spec language documented on the test class with node's own
 * {@code Writable}, {@code Duplex} and {@code Transform}, printing per spec the same string as
 * {@link WritableFaultsDifferentialInterpreter}. Kept apart so both halves read side by side.
 */
final class WritableFaultsDifferentialNodeScript {
    private WritableFaultsDifferentialNodeScript() {}

    static final String JS = """
            const { Writable, Duplex, Transform } = require('stream');
            """ + NodePhases.JS + """
            // A throw out of the stream machinery unwinds the phase wrapper before this handler
            // runs: log it in the callback that threw (recorded at the throw), as Sluice's loop does.
            let thrownAt = null;
            process.on('uncaughtException', (e) => {
              if (thrownAt) entries.push({ text: 'UNCAUGHT ' + code(e), tag: thrownAt[0], id: thrownAt[1] });
              else log('UNCAUGHT ' + code(e));
              thrownAt = null;
            });
            process.removeAllListeners('warning');
            function thrower(msg) { thrownAt = [phase, cur]; return new Error(msg); }
            const PAYLOADS = ['ab', '\\u00e9\\u20ac', '6869', 'aGk=', 'zz', ''];
            function desc(c) {
              if (Buffer.isBuffer(c)) return 'b' + c.toString('hex');
              if (c instanceof Uint8Array) return 'u' + Buffer.from(c).toString('hex');
              if (typeof c === 'string') return 's' + c;
              if (typeof c === 'number') return 'n' + c;
              return 'o' + String(c);
            }
            const enc = (e) => e == null ? 'null' : String(e);
            const ENCODINGS = { '8': 'utf8', h: 'hex', '6': 'base64', l: 'latin1', L: 'LATIN1', z: 'bogus' };
            // write()/end() arguments before the callback: a chunk, maybe with an encoding.
            function chunkArgs(e, p) {
              const payload = PAYLOADS[+p];
              switch (e) {
                case '-': return [payload];
                case 'b': return [Buffer.from(payload)];
                case 'u': return [new Uint8Array(Buffer.from(payload))];
                case 'N': return [null];
                case '9': return [42];
                default: return [payload, ENCODINGS[e]];
              }
            }
            let CYCLE, calls, wid, eid, ST, inEnd = 0;
            // A destroy logged while end() runs says so: the end-callback gate needs to tell it apart.
            function dlog(what) { log(what + (inEnd > 0 ? ' in end' : '')); }
            // The callback behaviour of the k-th _write/_writev/_transform call (the cycle, repeated).
            function behave(k, cb) {
              const ok = () => cb(null), bad = () => cb(new Error('we' + k));
              switch (CYCLE[(k - 1) % CYCLE.length]) {
                case 's': ok(); break;
                case 't': process.nextTick(ok); break;
                case 'i': setImmediate(ok); break;
                case 'S': bad(); break;
                case 'T': process.nextTick(bad); break;
                case 'I': setImmediate(bad); break;
                case 'n': break;
                case '2': ok(); ok(); break;
                case '3': process.nextTick(ok); setImmediate(ok); break;
                case 'x': throw thrower('wx' + k);
                case 'd': dlog('self destroy()'); ST.destroy(); ok(); break;
                case 'D': dlog('self destroy(err)'); ST.destroy(new Error('wd' + k)); break;
                case 'e': doEnd(ST, 'f', '-', '0', '-'); ok(); break;
                // bounded: a cycle of only W would write forever
                case 'W': if (k <= 6) doWrite(ST, '-', '0', true, '-'); ok(); break;
              }
            }
            function build(kind, obj, hwm, fin, cons, flags) {
              const o = { objectMode: obj, highWaterMark: hwm };
              if (flags.includes('a')) o.autoDestroy = false;
              if (flags.includes('c')) o.emitClose = false;
              if (flags.includes('d')) o.decodeStrings = false;
              if (flags.includes('l')) o.defaultEncoding = 'latin1';
              if (flags.includes('x')) o.defaultEncoding = 'hex';
              if (flags.includes('b')) o.defaultEncoding = 'base64';
              if (flags.includes('U')) o.defaultEncoding = 'UTF-8';
              if (flags.includes('h')) o.allowHalfOpen = false;
              if (flags.includes('y')) o.destroy = function (err, cb) { log('_destroy ' + code(err)); setImmediate(() => cb(err)); };
              if (kind === 'T') {
                o.transform = function (c, e, cb) {
                  log('_transform ' + desc(c) + ' ' + enc(e));
                  behave(++calls, (err) => err ? cb(err) : cb(null, c));
                };
              } else {
                o.write = function (c, e, cb) { log('_write ' + desc(c) + ' ' + enc(e)); behave(++calls, cb); };
                if (flags.includes('v')) {
                  o.writev = function (chunks, cb) {
                    log('_writev ' + chunks.map((x) => desc(x.chunk) + '/' + enc(x.encoding)).join(','));
                    behave(++calls, cb);
                  };
                }
              }
              if (fin !== '-') {
                o.final = function (cb) {
                  log('_final');
                  switch (fin) {
                    case 's': cb(); break;
                    case 't': process.nextTick(() => cb()); break;
                    case 'i': setImmediate(() => cb()); break;
                    case 'e': cb(new Error('fe')); break;
                    case 'E': process.nextTick(() => cb(new Error('fe'))); break;
                    case 'x': throw new Error('fx');
                    case '2': cb(); cb(); break;
                    case 'd': dlog('self destroy()'); this.destroy(); break;
                  }
                };
              }
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
              if (kind === 'U') {
                const items = ['r', 's'];
                o.read = function () {
                  log('_read');
                  process.nextTick(() => { const it = items.length ? items.shift() : null; log('push ' + it + '=' + this.push(it)); });
                };
              } else if (kind === 'D') {
                o.read = function () { log('_read'); };
              }
              const st = kind === 'W' ? new Writable(o) : kind === 'T' ? new Transform(o) : new Duplex(o);
              ST = st;
              st.on('close', () => log('close'));
              st.on('error', (e) => log('error ' + code(e)));
              st.on('drain', () => log('drain'));
              st.on('prefinish', () => log('prefinish'));
              st.on('finish', () => log('finish'));
              if (kind === 'U' || kind === 'T') st.on('end', () => log('end'));
              if (kind === 'U' || (kind === 'T' && flags.includes('o'))) st.on('data', (d) => log('data ' + desc(d)));
              return st;
            }
            function doWrite(st, e, p, withCb, act) {
              const id = ++wid;
              try {
                const args = chunkArgs(e, p);
                const r = withCb ? st.write(...args, (err) => { log('cb' + id + ' ' + code(err)); action(st, act); }) : st.write(...args);
                log('w' + id + '=' + r);
              } catch (err) { thrownAt = null; log('w' + id + ' THREW ' + code(err)); }
            }
            function doEnd(st, mode, e, p, act) {
              const id = ++eid;
              log('end' + id);
              const cb = (err) => { log('endcb' + id + ' ' + code(err)); action(st, act); };
              inEnd++;
              try {
                if (mode === 'e') st.end();
                else if (mode === 'f') st.end(cb);
                else st.end(...chunkArgs(e, p), cb);
              } catch (err) { thrownAt = null; log('end' + id + ' THREW ' + code(err)); }
              finally { inEnd--; }
            }
            function action(st, a) {
              switch (a) {
                case '-': case undefined: break;
                case 'd': dlog('destroy()'); st.destroy(); break;
                case 'D': dlog('destroy(err)'); st.destroy(new Error('act')); break;
                case 'w': doWrite(st, '-', '0', true, '-'); break;
                case 'e': doEnd(st, 'f', '-', '0', '-'); break;
                case 'c': st.cork(); break;
                case 'u': try { st.uncork(); } catch (err) { thrownAt = null; log('uncork THREW ' + code(err)); } break;
                default: throw new Error('bad action ' + a);
              }
            }
            const EVENTS = { d: 'drain', f: 'finish', p: 'prefinish', e: 'error', c: 'close' };
            const DEFAULT_ENCODINGS = { h: 'hex', l: 'latin1', b: 'binary', U: 'UTF8', '6': 'base64', z: 'bogus', '0': null };
            function op(st, t) {
              const c = t[0];
              switch (c) {
                case 'w': doWrite(st, t[1], t[2], true, t[3]); break;
                case 'n': doWrite(st, t[1], t[2], false, '-'); break;
                case 'e': doEnd(st, 'e'); break;
                case 'f': doEnd(st, 'f', '-', '0', t[1]); break;
                case 'E': doEnd(st, 'E', t[1], t[2], t[3]); break;
                case 'c': st.cork(); break;
                case 'u': try { st.uncork(); } catch (err) { thrownAt = null; log('uncork THREW ' + code(err)); } break;
                case 'd': dlog('destroy()'); st.destroy(); break;
                case 'D': dlog('destroy(err)'); st.destroy(new Error('boom')); break;
                case 'k': {
                  const name = DEFAULT_ENCODINGS[t[1]];
                  try { st.setDefaultEncoding(name); log('sde ' + name); } catch (err) { log('sde ' + name + ' THREW ' + code(err)); }
                  break;
                }
                case 'o': st.once(EVENTS[t[1]], () => { log('once ' + EVENTS[t[1]]); action(st, t[2]); }); break;
                default: throw new Error('bad op ' + t);
              }
            }
            function snap(kind, st) {
              let o = 'len=' + st.writableLength + ' nd=' + st.writableNeedDrain + ' ended=' + st.writableEnded
                  + ' fin=' + st.writableFinished + ' corked=' + st.writableCorked + ' w=' + st.writable
                  + ' D=' + st.destroyed + ' C=' + st.closed + ' err=' + code(st.errored);
              // Node 20's Duplex has no writableAborted (it is undefined there): a Writable's only.
              if (kind === 'W') o += ' ab=' + st.writableAborted;
              else o += ' rended=' + st.readableEnded;
              return o;
            }
            function run(spec, done) {
              const t = spec.split(' ');
              const kind = t[0];
              CYCLE = t[3]; calls = 0; wid = 0; eid = 0; thrownAt = null; ST = null; inEnd = 0;
              let st = null;
              try {
                st = build(kind, t[1] === '1', +t[2], t[4], t[5], t[6]);
                for (const tok of t.slice(7)) {
                  const go = () => op(st, tok.slice(1));
                  switch (tok[0]) {
                    case 's': go(); break;
                    case 't': process.nextTick(go); break;
                    case 'i': setImmediate(go); break;
                    case 'j': setImmediate(() => setImmediate(go)); break;
                  }
                }
              } catch (e) { thrownAt = null; log('THREW ' + code(e)); }
              let snapshot = '', depth = 0;
              const later = () => { if (++depth < 40) setImmediate(later); else if (st) snapshot = snap(kind, st); };
              setImmediate(later);
              phase = 'loop'; cur = 0;
              onIdle = () => done(phases().join(' | ') + ' || ' + snapshot);
              checkIdle();
            }
            runEach(run);
            """;
}
