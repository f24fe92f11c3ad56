package io.sluice.stream;

import io.sluice.testing.NodePhases;

/**
 * The node side of {@link PipelineRandomDifferentialTest}: a {@link io.sluice.testing.NodeOracle}
 * script that interprets the same spec language as {@link PipelineDifferentialInterpreter} and
 * prints, per spec, the same string. Kept apart from the Java interpreter so that both halves can
 * be read side by side; the spec language is documented on the test class.
 */
final class PipelineDifferentialNodeScript {
    private PipelineDifferentialNodeScript() {}

    static final String JS = """
            const { Readable, Writable, Transform, PassThrough, pipeline, finished, compose } = require('stream');
            const SP = require('stream/promises');
            """ + NodePhases.JS + """
            process.on('uncaughtException', (e) => log('UNCAUGHT ' + code(e)));
            // Rejections the harness does not observe must not kill the batch.
            process.on('unhandledRejection', () => {});
            // compose and the helpers are experimental in v20: keep stderr quiet.
            process.removeAllListeners('warning');
            function later(m, fn) { if (m === 't') process.nextTick(fn); else if (m === 'i') setImmediate(fn); else fn(); }
            const HWM = new Proxy({}, { get: (o, k) => +k });  // the digit is the highWaterMark
            const ITEMS = 'abcdefgh';
            const err3 = (e) => e == null ? 'ok' : code(e) + '/' + (e.name === 'AbortError' ? 'AbortError' : e instanceof TypeError ? 'TypeError' : e instanceof RangeError ? 'RangeError' : 'Error') + '/' + e.message;
            const show = (v) => v === undefined ? 'none' : Array.isArray(v) ? '[' + v.map(s).join(',') + ']' : s(v);
            let stages, kinds, counters, actions, results, ac;

            function fire(idx) {
              const k = ++counters[idx];
              const f = { err: false, eof: false };
              for (const a of actions) {
                if (a.trig !== idx || a.k !== k) continue;
                if (a.kind === 'e') f.err = true;
                else if (a.kind === 'n') f.eof = true;
                else if (a.kind === 'a') later(a.timing, () => { log('!abort'); ac.abort(); });
                else if (a.kind === 'd' || a.kind === 'D') later(a.timing, () => {
                  log('!' + a.target + a.kind);
                  if (a.kind === 'd') stages[a.target].destroy(); else stages[a.target].destroy(new Error('boom' + a.target));
                });
              }
              return f;
            }
            function mkSource(tok) {
              if (tok[0] === 'F') {
                const n = +tok[1], x = tok.length > 2 ? +tok[3] : 0;
                function* gen() {
                  for (let i = 1; i <= n; i++) { log('0:next'); if (i === x) throw new Error('iter'); yield ITEMS[i - 1]; }
                }
                return Readable.from(gen());
              }
              const obj = tok[1] === '1', hwm = HWM[tok[2]], n = +tok[3], m = tok[4];
              let i = 0;
              return new Readable({ objectMode: obj, highWaterMark: hwm, read() {
                log('0:_read');
                const f = fire(0);
                later(m, () => {
                  if (f.eof || i >= n) { log('0:push null'); this.push(null); }
                  else { const it = ITEMS[i++]; log('0:push ' + it + '=' + this.push(it)); }
                });
              } });
            }
            function mkTransform(idx, obj, hwm, m) {
              return new Transform({ objectMode: obj, highWaterMark: hwm, transform(c, e, cb) {
                log(idx + ':_t ' + s(c));
                const f = fire(idx);
                later(m, () => f.err ? cb(new Error('boom' + idx)) : cb(null, s(c).toUpperCase()));
              } });
            }
            function mkStage(idx, tok) {
              switch (tok[0]) {
                case 'T': return mkTransform(idx, tok[1] === '1', HWM[tok[2]], tok[3]);
                case 'P': return new PassThrough({ objectMode: tok[1] === '1', highWaterMark: HWM[tok[2]] });
                case 'C': return compose(new PassThrough({ objectMode: tok[1] === '1' }), mkTransform(idx, tok[1] === '1', 16, 's'));
                case 'W': {
                  const m = tok[3];
                  const opts = { objectMode: tok[1] === '1', highWaterMark: HWM[tok[2]], write(c, e, cb) {
                    log(idx + ':_w ' + s(c));
                    const f = fire(idx);
                    later(m, () => cb(f.err ? new Error('boom' + idx) : null));
                  } };
                  if (tok[4] === 'f') opts.final = (cb) => {
                    log(idx + ':_final');
                    const bad = actions.some((a) => a.target === idx && a.kind === 'F');
                    process.nextTick(() => cb(bad ? new Error('final' + idx) : null));
                  };
                  return new Writable(opts);
                }
                default: return mkSource(tok);
              }
            }
            const isR = (k) => k !== 'W';
            const isW = (k) => k !== 'R' && k !== 'F';
            function listen(i, st, kind) {
              st.on('error', (e) => log(i + ':error ' + code(e)));
              st.on('close', () => log(i + ':close'));
              if (isR(kind)) st.on('end', () => log(i + ':end'));
              if (isW(kind)) st.on('finish', () => log(i + ':finish'));
            }
            function snap(i, st, kind) {
              let o = i + ':' + (st.destroyed ? 'D' : '-') + (st.closed ? 'C' : '-') + ' err=' + code(st.errored);
              if (isR(kind)) o += ' re=' + st.readableEnded;
              if (isW(kind)) o += ' wf=' + st.writableFinished + ' we=' + st.writableEnded;
              return o;
            }
            function finOpts(o) {
              const r = {};
              if (o.includes('r')) r.readable = false;
              if (o.includes('w')) r.writable = false;
              if (o.includes('e')) r.error = false;
              if (o.includes('c')) r.cleanup = true;
              return r;
            }
            function observe(t) {
              const i = +t[1], st = stages[i], opts = finOpts(t.slice(2, -1));
              if (t[0] === 'o') finished(st, opts, (e) => log('fin' + i + ' ' + err3(e)));
              else SP.finished(st, opts).then(() => results.push('F' + i + ' ok'), (e) => results.push('F' + i + ' ' + err3(e)));
            }
            function settle(done, ordered) {
              let snapshot = '', depth = 0;
              const tick = () => {
                depth++;
                if (depth === 12) for (const t of lateObs) { try { observe(t); } catch (e) { log('THREW ' + code(e)); } }
                if (depth < 25) setImmediate(tick);
                else snapshot = stages.map((st, i) => snap(i, st, kinds[i])).join(' ');
              };
              setImmediate(tick);
              phase = 'loop'; cur = 0;
              onIdle = () => {
                const body = ordered ? entries.map((e) => e.text).join(', ') : phases().join(' | ');
                done(body + ' || ' + results.sort().join(' ; ') + ' || ' + snapshot);
              };
              checkIdle();
            }
            let lateObs = [];
            function runPipe(spec, done) {
              const toks = spec.split(' ');
              const form = toks[0];
              stages = []; kinds = []; counters = []; actions = []; results = []; lateObs = []; ac = null;
              let endOpt = true;
              const stageToks = [], obs = [];
              for (const t of toks.slice(1)) {
                if (t[0] === '!') actions.push({ target: +t[1], kind: t[2], k: +t[3], timing: t[4], trig: +t[5] });
                else if (t[0] === 'o' || t[0] === 'O') (t[t.length - 1] === 'L' ? lateObs : obs).push(t);
                else if (t === 'E') endOpt = false;
                else stageToks.push(t);
              }
              try {
                stageToks.forEach((t, i) => { const st = mkStage(i, t); stages.push(st); kinds.push(t[0]); counters.push(0); listen(i, st, t[0]); });
                let signal;
                if (actions.some((a) => a.kind === 'a')) {
                  ac = new AbortController(); signal = ac.signal;
                  if (actions.some((a) => a.kind === 'a' && a.k === 0)) ac.abort();
                }
                for (const t of obs) observe(t);
                if (form === 'c') pipeline(...stages, (e) => log('cb ' + err3(e)));
                else {
                  const args = [...stages];
                  if (signal || !endOpt) args.push({ signal, end: endOpt });
                  SP.pipeline(...args).then(() => results.push('P ok'), (e) => results.push('P ' + err3(e)));
                }
              } catch (e) { log('THREW ' + code(e)); }
              settle(done, spec.includes(' F'));
            }
            function runOps(spec, done) {
              const toks = spec.split(' ');
              stages = []; kinds = []; counters = [0]; actions = []; results = []; lateObs = []; ac = null;
              let calls = 0, abortAt = 0;
              for (const t of toks) if (t[0] === 'a') abortAt = +t.slice(1);
              const signal = abortAt ? (ac = new AbortController()).signal : undefined;
              const hit = () => { if (++calls === abortAt) { log('!abort'); ac.abort(); } };
              const sopt = (c) => signal ? { concurrency: c, signal } : { concurrency: c };
              try {
                const src = mkSource(toks[1]);
                stages.push(src); kinds.push(toks[1][0] === 'F' ? 'F' : 'R'); listen(0, src, kinds[0]);
                let st = src;
                toks.slice(2).forEach((t, oi) => {
                  const id = t[0] + oi, k = +t[2], c = +t[1], asy = t[3] === 'a';
                  let n = 0;
                  const call = (x, body) => {
                    const j = ++n;
                    log(id + '(' + s(x) + ')');
                    hit();
                    if (!asy) { if (j === k) throw new Error(id + 'x'); return body(); }
                    return new Promise((res, rej) => setImmediate(() => j === k ? rej(new Error(id + 'x')) : res(body())));
                  };
                  const tk = +t.slice(1);
                  const term = (p) => p.then((v) => log('= ' + show(v)), (e) => log('! ' + err3(e)));
                  const lc = (x) => s(x).toLowerCase();
                  const termFn = (body) => (x) => { const j = ++n; log(id + '(' + s(x) + ')'); hit(); if (j === tk) throw new Error(id + 'x'); return body(x); };
                  switch (t[0]) {
                    case 'm': st = st.map((x) => call(x, () => s(x).toUpperCase()), sopt(c)); break;
                    case 'f': st = st.filter((x) => call(x, () => s(x).charCodeAt(0) % 2 === 1), sopt(c)); break;
                    case 'F': st = st.flatMap((x) => call(x, () => [s(x), s(x) + s(x)]), sopt(c)); break;
                    case 't': st = st.take(tk); break;
                    case 'd': st = st.drop(tk); break;
                    case 'A': term(st.toArray()); break;
                    case 'E': term(st.forEach(termFn(() => undefined))); break;
                    case 'R': term(st.reduce((acc, x) => termFn(() => s(acc) + s(x))(x), '')); break;
                    case 'r': term(st.reduce((acc, x) => termFn(() => s(acc) + s(x))(x))); break;
                    case 'S': term(st.some(termFn((x) => lc(x) === 'c'))); break;
                    case 'V': term(st.every(termFn((x) => lc(x) !== 'd'))); break;
                    case 'N': term(st.find(termFn((x) => lc(x) === 'b'))); break;
                    case 'a': break;
                    default: throw new Error('bad op ' + t);
                  }
                });
              } catch (e) { log('THREW ' + code(e)); }
              settle(done, true);
            }
            runEach((spec, done) => (spec[0] === 'O' ? runOps : runPipe)(spec, done));
            """;
}
