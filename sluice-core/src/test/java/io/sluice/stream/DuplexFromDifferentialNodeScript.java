package io.sluice.stream;

import io.sluice.testing.NodePhases;

/**
 * The node side of {@link DuplexFromRandomDifferentialTest}: a {@link io.sluice.testing.NodeOracle}
 * script interpreting the spec language documented on the test class, printing per spec the same
 * string as {@link DuplexFromDifferentialInterpreter}. Kept apart so both halves read side by side.
 */
final class DuplexFromDifferentialNodeScript {
    private DuplexFromDifferentialNodeScript() {}

    static final String JS = """
            const { Readable, Writable, Duplex, addAbortSignal } = require('stream');
            """ + NodePhases.JS + """
            process.on('uncaughtException', (e) => log('UNCAUGHT ' + code(e)));
            process.on('unhandledRejection', () => {});
            process.removeAllListeners('warning');
            function later(m, fn) { if (m === 't') process.nextTick(fn); else if (m === 'i') setImmediate(fn); else fn(); }
            const ITEMS = 'abcdefgh';
            let S, count, actions, acs;
            function fire() {
              const k = ++count;
              let err = false;
              for (const a of actions) {
                if (a.k !== k) continue;
                if (a.kind === 'e') { err = true; continue; }
                later(a.timing, () => {
                  log('!' + a.tgt + a.kind);
                  const st = S[a.tgt];
                  if (!st) return;
                  if (a.kind === 'a') acs[a.tgt].abort();
                  else if (a.kind === 'd') st.destroy(); else st.destroy(new Error('boom' + a.tgt));
                });
              }
              return err;
            }
            function mkR(obj, n, m) {
              let i = 0;
              return new Readable({ objectMode: obj, highWaterMark: 2, read() {
                log('r:_read'); fire();
                later(m, () => {
                  if (i >= n) { log('r:push null'); this.push(null); }
                  else { const it = ITEMS[i++]; log('r:push ' + it + '=' + this.push(it)); }
                });
              } });
            }
            function mkW(obj, m) {
              return new Writable({ objectMode: obj, highWaterMark: 2, write(c, e, cb) {
                log('w:_w ' + s(c));
                const bad = fire() && actions.some((a) => a.kind === 'e' && a.k === count);
                later(m, () => cb(bad ? new Error('werr') : null));
              } });
            }
            function listen(tag, st) {
              st.on('error', (e) => log(tag + ':error ' + code(e)));
              st.on('close', () => log(tag + ':close'));
              st.on('end', () => log(tag + ':end'));
              st.on('finish', () => log(tag + ':finish'));
              if (tag === 'D') st.on('prefinish', () => log('D:prefinish'));
            }
            function snap(tag, st) {
              if (!st) return '';
              let o = tag + ':' + (st.destroyed ? 'D' : '-') + (st.closed ? 'C' : '-') + ' err=' + code(st.errored);
              if (tag !== 'w') o += ' re=' + st.readableEnded;
              if (tag !== 'r') o += ' wf=' + st.writableFinished + ' we=' + st.writableEnded;
              if (tag === 'D') o += ' r=' + st.readable + ' w=' + st.writable;
              return o;
            }
            function build(t) {
              const obj = t[1] === '1';
              switch (t[0]) {
                case 'P': S.r = mkR(obj, +t[2], t[3]); S.w = mkW(obj, t[3]); return Duplex.from({ readable: S.r, writable: S.w });
                case 'R': S.r = mkR(obj, +t[2], t[3]); return Duplex.from(S.r);
                case 'W': S.w = mkW(obj, t[2]); return Duplex.from(S.w);
                case 'A': return Duplex.from(ITEMS.slice(0, +t[1]).split(''));
                case 'Q': return Duplex.from(new Promise((res, rej) => setImmediate(() => t[1] === 'x' ? rej(new Error('rej')) : t[1] === 'n' ? res(null) : res('a'))));
                case 'G': return Duplex.from(async function* (src) { for await (const c of src) { log('G:' + s(c)); if (c === t[1]) throw new Error('gen'); yield s(c).toUpperCase(); } });
              }
              throw new Error('bad kind ' + t);
            }
            function run(spec, done) {
              const toks = spec.split(' ');
              S = {}; count = 0; actions = []; acs = {};
              for (const t of toks) if (t[0] === '!') actions.push({ tgt: t[1], kind: t[2], k: +t[3], timing: t[4] });
              try {
                const D = build(toks[0]);
                S.D = D;
                for (const tag of ['D', 'r', 'w']) if (S[tag]) listen(tag, S[tag]);
                for (const a of actions) if (a.kind === 'a' && S[a.tgt] && !acs[a.tgt]) {
                  acs[a.tgt] = new AbortController();
                  if (a.k === 0) { log('!' + a.tgt + 'a'); acs[a.tgt].abort(); }
                  addAbortSignal(acs[a.tgt].signal, S[a.tgt]);
                }
                for (const t of toks.slice(1)) {
                  if (t[0] === 'w') {
                    for (let i = 0; i < +t[1]; i++) { const c = ITEMS[i]; log('D:write ' + c + '=' + D.write(c, (e) => log('D:wcb ' + c + ' ' + code(e)))); }
                  } else if (t === 'e') D.end(() => log('D:endcb'));
                  else if (t === 'f') D.on('data', (c) => { log('D:data ' + s(c)); fire(); });
                  else if (t === 'p') D.on('readable', () => { let c; while ((c = D.read()) !== null) { log('D:read ' + s(c)); fire(); } });
                }
              } catch (e) { log('THREW ' + code(e)); }
              let snapshot = '', depth = 0;
              const tick = () => { if (++depth < 25) setImmediate(tick); else snapshot = ['D', 'r', 'w'].map((k) => snap(k, S[k])).filter((x) => x).join(' '); };
              setImmediate(tick);
              phase = 'loop'; cur = 0;
              onIdle = () => done(phases().join(' | ') + ' || ' + snapshot);
              checkIdle();
            }
            runEach(run);
            """;
}
