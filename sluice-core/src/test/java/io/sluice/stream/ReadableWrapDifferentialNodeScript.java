package io.sluice.stream;

import io.sluice.testing.NodePhases;

/**
 * The node side of {@link ReadableWrapRandomDifferentialTest}: a {@link io.sluice.testing.NodeOracle}
 * script interpreting the spec language documented on the test class, printing per spec the same
 * string as {@link ReadableWrapDifferentialInterpreter}. Kept apart so both halves read side by side.
 */
final class ReadableWrapDifferentialNodeScript {
    private ReadableWrapDifferentialNodeScript() {}

    static final String JS = """
            const { Readable, Writable } = require('stream');
            const { EventEmitter } = require('events');
            """ + NodePhases.JS + """
            const origQM = global.queueMicrotask;
            global.queueMicrotask = (fn) => origQM(wrap('micro', fn));
            process.on('uncaughtException', (e) => log('UNCAUGHT ' + code(e)));
            process.removeAllListeners('warning');
            function later(m, fn) {
              if (m === 't') process.nextTick(fn);
              else if (m === 'i') setImmediate(fn);
              else if (m === 'm') queueMicrotask(fn);
              else fn();
            }
            const HWM = { '0': 0, '1': 1, '2': 2, 'g': 16 };
            function chunk(c) {
              switch (c) {
                case 'x': return Buffer.from([0xe2]);
                case 'y': return Buffer.from([0x82, 0xac]);
                case 'z': return '\u20ac';
                case '_': return '';
                case 'l': return 'klmnopqrstuvwxyz0123';
                case 'L': return Buffer.from('KLMNOPQRSTUVWXYZ0123');
                case '-': return Buffer.alloc(0);
                case '!': return null;
              }
              if (c >= '0' && c <= '9') return +c;
              if (c >= 'A' && c <= 'Z') return Buffer.from(c.toLowerCase());
              return c;
            }
            function run(spec, done) {
              const toks = spec.split(' ');
              const h = toks[0];
              const kind = h[0], obj = h[1] === '1';
              const opts = { objectMode: obj, emitClose: h[4] === '1', autoDestroy: h[5] === '1' };
              if (h[2] !== 'd') opts.highWaterMark = HWM[h[2]];
              if (h[3] === 'u') opts.encoding = 'utf8'; else if (h[3] === 'x') opts.encoding = 'hex';
              let old, oldPaused = false, W, first = null, firstPaused = false;
              const doWrap = () => W.wrap(old);
              try {
                if (kind === 'R' || kind === 'S') {
                  old = new Readable({ objectMode: kind === 'S' ? !obj : obj, read() {} });
                  old.on('pause', () => log('old:pause'));
                  old.on('resume', () => log('old:resume'));
                  old.on('error', () => {});
                } else {
                  old = new EventEmitter();
                  if (kind === 'Q' || kind === 'T') {
                    old.pause = () => { log('old:pause'); oldPaused = true; };
                    old.resume = () => { log('old:resume'); oldPaused = false; };
                  }
                }
                W = new Readable(opts);
                if (kind === 'T') {
                  first = new EventEmitter();
                  first.pause = () => { log('first:pause'); firstPaused = true; };
                  first.resume = () => { log('first:resume'); firstPaused = false; };
                  W.wrap(first);
                }
                if (h[6] !== '1') doWrap();
                W.on('error', (e) => log('error ' + code(e)));
                W.on('close', () => log('close'));
                W.on('end', () => log('end'));
                W.on('pause', () => log('pause'));
                W.on('resume', () => log('resume'));
                const c = toks[1];
                if (c === 'f' || c === 'b') W.on('data', (x) => log('data ' + s(x)));
                if (c === 'b') W.on('readable', () => {
                  log('readable');
                  let x;
                  while ((x = W.read()) !== null) log('read ' + s(x));
                });
                else if (c === 'r') W.on('readable', () => {
                  log('readable');
                  let x;
                  while ((x = W.read()) !== null) log('read ' + s(x));
                });
                else if (c[0] === 'p') {
                  const wopts = { objectMode: obj, write(x, e, cb) { log('w:write ' + s(x)); later(c[1], () => cb()); } };
                  wopts.highWaterMark = HWM[c[2]];
                  const w = new Writable(wopts);
                  w.on('finish', () => log('w:finish'));
                  W.pipe(w);
                }
              } catch (e) { log('THREW ' + code(e)); }
              const ops = toks.slice(2);
              function exec(op) {
                const o = op.slice(1);
                log('>' + o);
                if (o[0] === '~') {
                  switch (o[1]) {
                    case 'p': W.pause(); break;
                    case 'r': W.resume(); break;
                    case 'd': W.destroy(); break;
                    case 'D': W.destroy(new Error('boom')); break;
                    case 'R': log('R ' + s(W.read())); break;
                    case '0': log('R0 ' + s(W.read(0))); break;
                    case '1': log('R1 ' + s(W.read(1))); break;
                    case '9': log('R20 ' + s(W.read(20))); break;
                    case 'f': W.on('data', (x) => log('data2 ' + s(x))); break;
                    case 'u': W.unpipe(); break;
                    case 's': W.setEncoding('utf8'); break;
                    case 'w': doWrap(); break;
                  }
                } else if (o[0] === 'e') {
                  first.emit('data', chunk(o[1]));
                } else if (kind === 'R' || kind === 'S') {
                  switch (o[0]) {
                    case 'd': old.push(chunk(o[1])); break;
                    case 'E': old.push(null); break;
                    case 'X': old.destroy(new Error('oops')); break;
                    case 'C': old.destroy(); break;
                    case 'P': old.pause(); break;
                    case 'U': old.resume(); break;
                  }
                } else {
                  switch (o[0]) {
                    case 'd': if (o[1] === '.') old.emit('data'); else old.emit('data', chunk(o[1])); break;
                    case 'E': old.emit('end'); break;
                    case 'X': old.emit('error', new Error('oops')); break;
                    case 'C': old.emit('close'); break;
                    case 'D': old.emit('destroy'); break;
                  }
                }
              }
              function step(i) {
                if (i >= ops.length) return;
                later(ops[i][0], () => {
                  try { exec(ops[i]); } catch (e) { log('THREW ' + code(e)); }
                  step(i + 1);
                });
              }
              step(0);
              let snapshot = '', depth = 0;
              const tick = () => {
                if (++depth < 25) { setImmediate(tick); return; }
                snapshot = (W.destroyed ? 'D' : '-') + (W.closed ? 'C' : '-') + ' ended=' + W.readableEnded
                  + ' len=' + W.readableLength + ' err=' + code(W.errored) + ' flowing=' + W.readableFlowing
                  + (kind === 'Q' || kind === 'T' ? ' oldPaused=' + oldPaused : '')
                  + (kind === 'T' ? ' firstPaused=' + firstPaused : '');
              };
              setImmediate(tick);
              phase = 'loop'; cur = 0;
              onIdle = () => done(phases().join(' | ') + ' || ' + snapshot);
              checkIdle();
            }
            runEach(run);
            """;
}
