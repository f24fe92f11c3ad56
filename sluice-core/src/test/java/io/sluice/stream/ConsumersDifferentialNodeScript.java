package io.sluice.stream;

import io.sluice.testing.NodePhases;

/**
 * The node side of {@link ConsumersLifecycleRandomDifferentialTest}: a
 * {@link io.sluice.testing.NodeOracle} script that interprets the spec language documented on the
 * test class with {@code require('stream/consumers')} and emits, per spec, the same trace string
 * as {@link ConsumersDifferentialInterpreter}. The source's events are observed by wrapping its
 * {@code emit} (a {@code 'data'} listener would switch it to flowing mode); the consumer's
 * outcome is logged as a {@code micro} entry because a promise settles in a microtask.
 */
final class ConsumersDifferentialNodeScript {
    private ConsumersDifferentialNodeScript() {}

    static final String JS = """
            const C = require('stream/consumers');
            const { Readable } = require('stream');
            """ + NodePhases.JS + """
            process.on('uncaughtException', (e) => log('UNCAUGHT ' + code(e)));
            process.on('unhandledRejection', () => {});
            function later(m, fn) { if (m === 't') process.nextTick(fn); else if (m === 'i') setImmediate(fn); else fn(); }
            const CH = [['S', 'a'], ['S', 'bc'], ['S', '"'], ['S', '1'], ['S', '['], ['S', ','], ['S', ']'], ['S', '\\u00e9'],
                        ['B', 'e282'], ['B', 'ac'], ['B', '227822'], ['B', '32'], ['S', ''], ['B', '']];
            const chunk = (c) => { const x = CH[c.charCodeAt(0) - 97]; return x[0] === 'S' ? x[1] : Buffer.from(x[1], 'hex'); };
            const ENC = { u: 'utf8', l: 'latin1', x: 'hex' };
            const LOGGED = new Set(['data', 'end', 'error', 'close', 'pause', 'resume']);
            function esc(str) {
              let o = '';
              for (let i = 0; i < str.length; i++) {
                const c = str.charCodeAt(i);
                o += c >= 0x20 && c < 0x7f && c !== 0x5c ? str[i] : '\\\\u' + c.toString(16).padStart(4, '0');
              }
              return o;
            }
            function errStr(e) {
              if (e instanceof SyntaxError) return 'SyntaxError';
              return (e && e.code ? e.code : '-') + '/' + (e ? e.message : 'undefined');
            }
            function run(spec, done) {
              const toks = spec.split(' ');
              const head = toks[0], cons = head[0], obj = head[1] === '1';
              const hwm = head[2] === '9' ? 16 : +head[2], enc = head[3];
              const steps = toks.filter((t) => /^[sti]/.test(t));
              let callAt = 0, killAt = -1, killKind = '', pre = '';
              for (const t of toks.slice(1)) {
                if (t[0] === 'C') callAt = +t.slice(1);
                else if (t[0] === 'K') { killAt = +t.slice(1, -1); killKind = t[t.length - 1]; }
                else if (t[0] === 'P') pre = t.slice(1);
              }
              let si = 0, outcome = 'pending';
              const r = new Readable({ objectMode: obj, highWaterMark: hwm, read() {
                log('_read');
                const st = steps[si++];
                if (!st) return;
                const body = st.slice(1);
                if (body === 'T') throw new Error('thrown');
                later(st[0], () => {
                  for (const ch of body) {
                    if (ch === 'E') log('push null ' + this.push(null));
                    else if (ch === 'X') this.destroy(new Error('boom'));
                    else if (ch === 'D') this.destroy();
                    else if (ch === 'V') log('push 42 ' + this.push(42));
                    else if (ch === 'Q') { this.push(null); log('push late ' + this.push('a')); }
                    else log('push ' + this.push(chunk(ch)));
                  }
                });
              } });
              const origEmit = r.emit;
              r.emit = function (ev, ...a) {
                if (LOGGED.has(ev)) log(ev + (ev === 'error' ? ' ' + errStr(a[0]) : ''));
                return origEmit.call(this, ev, ...a);
              };
              // The trace needs no 'error' listener of its own: the consumer adds one; before it
              // is called, an error with no listener would be uncaught (logged as such).
              if (enc !== '-') r.setEncoding(ENC[enc]);
              for (const p of pre) {
                if (p === 'r') r.resume();
                else if (p === 'p') r.pause();
                else if (p === 'd') r.on('data', () => {});
                else if (p === 'e') r.on('error', () => {});
                else if (p === 'R') r.on('readable', () => log('readable'));
              }
              const kill = () => { log('!kill' + killKind); if (killKind === 'X') r.destroy(new Error('killed')); else r.destroy(); };
              const call = () => {
                log('!call');
                let p;
                try {
                  p = cons === 'T' ? C.text(r) : cons === 'J' ? C.json(r) : cons === 'B' ? C.buffer(r) : C.arrayBuffer(r);
                } catch (e) { log('THREW ' + errStr(e)); return; }
                const settle = (text) => { outcome = text; entries.push({ text: 'settle ' + text, tag: 'micro', id: ++ids }); };
                p.then((v) => {
                  const shown = cons === 'T' ? esc(v) : cons === 'J' ? esc(JSON.stringify(v)) : cons === 'B' ? v.toString('hex') : Buffer.from(v).toString('hex');
                  settle('ok ' + shown);
                }, (e) => settle('err ' + errStr(e)));
              };
              let hop = 0, snapshot = '';
              const step = () => {
                if (hop === killAt) kill();
                if (hop === callAt) call();
                hop++;
                if (hop < 25) setImmediate(step);
                else snapshot = 'D=' + r.destroyed + ' E=' + r.readableEnded + ' err=' + (r.errored ? errStr(r.errored) : 'null')
                    + ' fl=' + r.readableFlowing + ' len=' + r.readableLength + ' out=' + outcome;
              };
              try { step(); } catch (e) { log('THREW ' + errStr(e)); }
              phase = 'loop'; cur = 0;
              onIdle = () => done(phases().join(' | ') + ' || ' + snapshot);
              checkIdle();
            }
            runEach(run);
            """;
}
