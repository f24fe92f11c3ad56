package io.sluice.stream;

/**
 * The node side of {@link OperatorsRandomDifferentialTest}: a {@link io.sluice.testing.NodeOracle}
 * script that interprets the spec language documented on the test class with node's Readable
 * helpers ({@code map}, {@code filter}, {@code flatMap}, {@code take}, {@code drop},
 * {@code toArray}, {@code forEach}, {@code reduce}, {@code some}, {@code every}, {@code find}) and
 * emits, per spec, the same trace string as {@link OperatorsDifferentialInterpreter}: entries
 * grouped by loop turn (a chain of immediates counts them), then the state of every stream after
 * 60 turns. The synchronous source is a plain iterator object (no {@code return}/{@code throw}),
 * like the Java Iterator it is compared with; the asynchronous one is an async generator that
 * awaits the step before each item.
 */
final class OperatorsDifferentialNodeScript {
    private OperatorsDifferentialNodeScript() {}

    static final String JS = """
            const { Readable, Writable } = require('stream');
            let turn = 0, entries = [], lastTurn = 0;
            function log(t) { entries.push([turn, t]); lastTurn = turn; }
            process.on('uncaughtException', (e) => log('UNCAUGHT ' + errStr(e)));
            process.on('unhandledRejection', () => {});
            function later(m, fn) {
              if (m === 't') process.nextTick(fn);
              else if (m === 'm') queueMicrotask(fn);
              else if (m === 'i') setImmediate(fn);
              else fn();
            }
            const step = (m) => new Promise((res) => later(m, res));
            function errStr(e) {
              if (e == null) return String(e);
              return (e.name || 'Error') + '/' + (e.code || '-') + '/' + e.message;
            }
            const s = (v) => (typeof v === 'string' ? '"' + v + '"' : String(v));
            function json(v) { return v === undefined ? 'undefined' : JSON.stringify(v); }
            const mapV = (v) => (typeof v === 'number' ? v + 1 : v + 'x');
            const pred = (v) => (typeof v === 'number' ? v % 3 !== 0 : (v.length + v.charCodeAt(0)) % 2 === 1);
            const flat = (v) => (typeof v === 'number' ? [v, v * 10].slice(0, v % 3) : [v, v + v].slice(0, v.charCodeAt(0) % 3));
            const value = (c) => (c >= '0' && c <= '9' ? +c : c);
            // fn spec: timing (s sync, r resolved promise, t/m/i promise settled on that step), concurrency, hwm ('-' default), xK, A
            function parseFn(t) {
              const m = /^(.)([0-9])?([0-9-])?(?:x([0-9]))?(A)?$/.exec(t);
              return { t: m[1], c: m[2] ? +m[2] : 1, h: m[3] && m[3] !== '-' ? +m[3] : null, fail: m[4] != null ? +m[4] : -1, sig: !!m[5] };
            }
            function run(spec, done) {
              entries = []; turn = 0; lastTurn = 0;
              const toks = spec.split(' ');
              const ac = new AbortController();
              let kill = null;
              for (const t of toks) if (t[0] === 'K') kill = t.slice(1);
              const killAt = (w) => { if (kill === w) { log('!abort'); ac.abort(); } };
              const streams = [];
              const watch = (st, name) => {
                streams.push([name, st]);
                st.on('end', () => log(name + ' end'));
                st.on('error', (e) => log(name + ' error ' + errStr(e)));
                st.on('close', () => log(name + ' close'));
              };
              let outcome = 'pending';
              let w = null;
              const settle = (text) => { outcome = text; log('out ' + text); };
              // The turn counter's immediate goes first, so that every later immediate runs after it in its turn.
              setImmediate(clock);
              try {
                killAt('b');
                // Source.
                const src = /^S(.)(.)([0-9a-h]*)(?:x([0-9]))?(A)?$/.exec(toks[0]);
                const kind = src[1], tm = src[2], vals = [...src[3]].map(value), failAt = src[4] != null ? +src[4] : -1;
                const sopts = src[5] ? { signal: ac.signal } : undefined;
                let source;
                if (kind === 'f') {
                  // A plain iterator, without return()/throw(): Java's Iterator has neither, and node's
                  // from() cannot close a generator that is running (an abort from inside its body would
                  // fail with 'Generator is already running').
                  let i = 0;
                  const it = { [Symbol.iterator]() { return this; }, next() {
                    const k = i++;
                    killAt('p' + k);
                    if (k === failAt) { log('src !'); throw new Error('src'); }
                    if (k >= vals.length) return { done: true, value: undefined };
                    log('src ' + s(vals[k]));
                    return { done: false, value: vals[k] };
                  } };
                  source = Readable.from(it, sopts);
                } else if (kind === 'g') {
                  source = Readable.from(async function* () {
                    for (let i = 0; i <= vals.length; i++) {
                      if (i === vals.length && failAt !== i) return;
                      await step(tm);
                      killAt('p' + i);
                      if (i === failAt) { log('src !'); throw new Error('src'); }
                      log('src ' + s(vals[i]));
                      yield vals[i];
                    }
                  }(), sopts);
                } else {
                  let i = 0;
                  source = new Readable({ objectMode: true, ...sopts, read() {
                    const k = i++;
                    later(tm, () => {
                      if (this.destroyed) return;
                      killAt('p' + k);
                      if (k === failAt) { log('src !'); this.destroy(new Error('src')); }
                      else if (k >= vals.length) this.push(null);
                      else { log('src ' + s(vals[k])); this.push(vals[k]); }
                    });
                  } });
                }
                watch(source, 's0');
                let last = source;
                let idx = 0;
                const mkFn = (name, f, kindFn) => {
                  let calls = 0;
                  return (...args) => {
                    const c = calls++;
                    const v = args[kindFn === 'R' ? 1 : 0];
                    log(name + '(' + s(v) + ')');
                    if (f.t === 's') {
                      if (c === f.fail) throw new Error('fn ' + name);
                      return apply(kindFn, args);
                    }
                    if (f.t === 'r') return c === f.fail ? Promise.reject(new Error('fn ' + name)) : Promise.resolve(apply(kindFn, args));
                    return new Promise((res, rej) => later(f.t, () => {
                      log(name + ' ' + s(v) + (c === f.fail ? ' !' : ' ok'));
                      if (c === f.fail) rej(new Error('fn ' + name)); else res(apply(kindFn, args));
                    }));
                  };
                };
                const apply = (k, args) => k === 'M' ? mapV(args[0]) : k === 'F' ? pred(args[0]) : k === 'Q' ? flat(args[0])
                    : k === 'R' ? args[0] + args[1] : k === 'E' ? undefined : pred(args[0]);
                const opts = (f) => {
                  const o = {};
                  if (f.c !== 1) o.concurrency = f.c;
                  if (f.h != null) o.highWaterMark = f.h;
                  if (f.sig) o.signal = ac.signal;
                  return o;
                };
                for (const t of toks.slice(1)) {
                  const k = t[0];
                  if ('MFQ'.includes(k)) {
                    idx++;
                    const f = parseFn(t.slice(1));
                    const fn = mkFn(idx + k, f, k);
                    last = k === 'M' ? last.map(fn, opts(f)) : k === 'F' ? last.filter(fn, opts(f)) : last.flatMap(fn, opts(f));
                    watch(last, 's' + idx);
                  } else if (k === 'T' || k === 'D') {
                    idx++;
                    last = k === 'T' ? last.take(+t.slice(1)) : last.drop(+t.slice(1));
                    watch(last, 's' + idx);
                  }
                }
                const cons = toks.find((t) => t[0] === 'C');
                const ck = cons[1];
                const promise = (p) => p.then((v) => settle('ok ' + json(v)), (e) => settle('err ' + errStr(e)));
                if (ck === 'l') promise(last.toArray());
                else if (ck === 'e') { const f = parseFn(cons.slice(2)); promise(last.forEach(mkFn('C', f, 'E'), opts(f))); }
                else if (ck === 'r') {
                  const f = parseFn(cons[2] + (cons.length > 4 ? cons.slice(4) : ''));
                  const fn = mkFn('C', f, 'R');
                  promise(cons[3] === '0' ? last.reduce(fn, 0) : last.reduce(fn));
                } else if ('svf'.includes(ck)) {
                  const f = parseFn('s' + cons.slice(2));
                  const fn = mkFn('C', f, 'P');
                  promise(ck === 's' ? last.some(fn) : ck === 'v' ? last.every(fn) : last.find(fn));
                } else if (ck === 'd') {
                  const m = cons[2] === '-' ? -1 : +cons[2];
                  let n = 0;
                  last.on('data', (v) => { log('data ' + s(v)); if (++n === m) { log('!destroy'); last.destroy(); } });
                } else if (ck === 'w') {
                  const tm2 = cons[2];
                  w = new Writable({ objectMode: true, highWaterMark: 1, write(c, e, cb) { log('w ' + s(c)); later(tm2, cb); } });
                  w.on('finish', () => log('w finish'));
                  w.on('error', (e) => log('w error ' + errStr(e)));
                  last.pipe(w);
                }
                killAt('s');
                process.nextTick(() => killAt('t'));
              } catch (e) { log('THREW ' + errStr(e)); }
              function clock() {
                turn++;
                killAt('i' + turn);
                // Done after 60 turns, or once 6 turns in a row logged nothing (every step that can wait a
                // turn logs when it runs, so the run is over).
                if (turn < 60 && (turn < 10 || lastTurn > turn - 6)) { setImmediate(clock); return; }
                const snap = streams.map(([n, st]) => n + ':' + (st.destroyed ? 'D' : '-') + (st.readableEnded ? 'E' : '-')
                    + (st.errored ? ' ' + errStr(st.errored) : '')).join(' ') + (w ? ' w:' + (w.writableFinished ? 'F' : '-') + (w.destroyed ? 'D' : '-') : '');
                const groups = [];
                let prev = -1;
                for (const [tn, text] of entries) {
                  if (tn === prev) groups[groups.length - 1] += ', ' + text;
                  else groups.push(tn + ': ' + text);
                  prev = tn;
                }
                done(groups.join(' | ') + ' || ' + snap);
              }
            }
            let idx = 0;
            function next() {
              if (idx >= input.length) return;
              const spec = u16(input[idx++]);
              run(spec, (r) => { emit(r); next(); });
            }
            next();
            """;
}
