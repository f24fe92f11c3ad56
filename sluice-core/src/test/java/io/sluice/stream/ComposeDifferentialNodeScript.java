package io.sluice.stream;

import io.sluice.testing.NodePhases;

/**
 * The node side of {@link ComposeRandomDifferentialTest}: a {@link io.sluice.testing.NodeOracle}
 * script interpreting the spec language documented on the test class with node's
 * {@code stream.compose}, printing per spec the same string as {@link ComposeDifferentialInterpreter}.
 * Kept apart so both halves read side by side.
 */
final class ComposeDifferentialNodeScript {
    private ComposeDifferentialNodeScript() {}

    static final String JS = """
            const { Readable, Writable, Transform, PassThrough, compose } = require('stream');
            """ + NodePhases.JS + """
            // A stage's throw unwinds the phase wrapper before this handler runs: log it in the
            // callback that threw (recorded at the throw), as Sluice's loop reports it there.
            let thrownAt = null;
            process.on('uncaughtException', (e) => {
              if (thrownAt) entries.push({ text: 'UNCAUGHT ' + code(e), tag: thrownAt[0], id: thrownAt[1] });
              else log('UNCAUGHT ' + code(e));
              thrownAt = null;
            });
            function thrower(msg) { thrownAt = [phase, cur]; return new Error(msg); }
            process.on('unhandledRejection', () => {});
            process.removeAllListeners('warning');
            function later(m, fn) { if (m === 't') process.nextTick(fn); else if (m === 'i') setImmediate(fn); else fn(); }
            const ITEMS = 'abcdefgh';
            const hwm = (c) => c === 'g' ? 16 : +c;
            let S, C, K, count, actions;
            function fire() {
              const k = ++count;
              for (const a of actions) {
                if (a.k !== k) continue;
                later(a.timing, () => { log('!' + a.kind); if (a.kind === 'd') C.destroy(); else C.destroy(new Error('boom')); });
              }
            }
            // T<o><h><m><f><k>: a Transform appending its index; fault f ('-', 'e' callback error,
            // 'd' destroy itself, 'x' throw) at its k-th chunk.
            function mkT(i, t) {
              let n = 0;
              const m = t[3], f = t[4], k = +t[5];
              return new Transform({ objectMode: t[1] === '1', highWaterMark: hwm(t[2]), transform(c, e, cb) {
                log(i + ':_t ' + s(c)); fire();
                const bad = f !== '-' && ++n === k;
                if (bad && f === 'x') throw thrower('tx' + i);
                if (bad && f === 'd') { later(m, () => this.destroy(new Error('td' + i))); return; }
                later(m, () => cb(bad ? new Error('te' + i) : null, s(c) + i));
              } });
            }
            function mkW(i, t) {
              let n = 0;
              const m = t[3], f = t[4], k = +t[5];
              return new Writable({ objectMode: t[1] === '1', highWaterMark: hwm(t[2]), write(c, e, cb) {
                log(i + ':_w ' + s(c)); fire();
                const bad = f !== '-' && ++n === k;
                if (bad && f === 'x') throw thrower('wx' + i);
                if (bad && f === 'd') { later(m, () => this.destroy(new Error('wd' + i))); return; }
                later(m, () => cb(bad ? new Error('we' + i) : null));
              } });
            }
            function mkR(i, t) {
              let n = 0;
              const total = +t[3], m = t[4];
              return new Readable({ objectMode: t[1] === '1', highWaterMark: hwm(t[2]), read() {
                log(i + ':_r'); fire();
                later(m, () => {
                  if (n >= total) { log(i + ':push null'); this.push(null); }
                  else { const it = ITEMS[n++]; log(i + ':push ' + it + '=' + this.push(it)); }
                });
              } });
            }
            function mkStage(i, t) {
              switch (t[0]) {
                case 'T': return mkT(i, t);
                case 'P': return new PassThrough({ objectMode: t[1] === '1', highWaterMark: hwm(t[2]) });
                case 'W': return mkW(i, t);
                case 'R': return mkR(i, t);
              }
              throw new Error('bad stage ' + t);
            }
            function snap(tag, st, kind) {
              let o = tag + ':' + (st.destroyed ? 'D' : '-') + (st.closed ? 'C' : '-') + ' err=' + code(st.errored);
              if (kind !== 'W') o += ' re=' + st.readableEnded;
              if (kind !== 'R') o += ' wf=' + st.writableFinished + ' we=' + st.writableEnded;
              if (tag === 'C') o += ' r=' + st.readable + ' w=' + st.writable;
              return o;
            }
            function run(spec, done) {
              const toks = spec.split(' ');
              count = 0; actions = []; C = null; K = null;
              for (const t of toks) if (t[0] === '!') actions.push({ kind: t[1], k: +t[2], timing: t[3] });
              const stageToks = toks[0].split('/');
              S = stageToks.map((t, i) => mkStage(i, t));
              try {
                C = compose(...S);
                C.on('error', (e) => log('C:error ' + code(e)));
                C.on('close', () => log('C:close'));
                C.on('end', () => log('C:end'));
                C.on('finish', () => log('C:finish'));
                for (const t of toks.slice(1)) {
                  if (t[0] === 'w') {
                    for (let i = 0; i < +t[1]; i++) { const c = ITEMS[i]; log('C:write ' + c + '=' + C.write(c, (e) => log('C:wcb ' + c + ' ' + code(e)))); }
                  } else if (t === 'e') { log('C:end()'); C.end(() => log('C:endcb')); }
                  else if (t === 'f') C.on('data', (c) => { log('C:data ' + s(c)); fire(); });
                  else if (t === 'p') C.on('readable', () => { let c; while ((c = C.read()) !== null) { log('C:read ' + s(c)); fire(); } });
                  else if (t === 's') {
                    K = new Writable({ objectMode: true, highWaterMark: 2, write(c, e, cb) { log('K:_w ' + s(c)); fire(); cb(); } });
                    K.on('finish', () => log('K:finish'));
                    K.on('close', () => log('K:close'));
                    C.pipe(K);
                  } else if (t[0] === '!' && t[2] === '0') {
                    const a = t[1];
                    later(t[3], () => { log('!' + a); if (a === 'd') C.destroy(); else C.destroy(new Error('boom')); });
                  }
                }
              } catch (e) { log('THREW ' + code(e)); }
              let snapshot = '', depth = 0;
              const tick = () => {
                if (++depth < 25) { setImmediate(tick); return; }
                const out = [];
                if (C) out.push(snap('C', C, 'C'));
                S.forEach((st, i) => out.push(snap(String(i), st, stageToks[i][0])));
                snapshot = out.join(' ');
              };
              setImmediate(tick);
              phase = 'loop'; cur = 0;
              onIdle = () => done(phases().join(' | ') + ' || ' + snapshot);
              checkIdle();
            }
            runEach(run);
            """;
}
