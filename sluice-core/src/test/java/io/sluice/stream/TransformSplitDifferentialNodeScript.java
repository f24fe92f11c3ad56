package io.sluice.stream;

import io.sluice.testing.NodePhases;

/**
 * The node side of {@link TransformSplitRandomDifferentialTest}: a {@link io.sluice.testing.NodeOracle}
 * script interpreting the spec language documented on the test class with node's Transform,
 * PassThrough and Duplex, printing per spec the same string as
 * {@link TransformSplitDifferentialInterpreter}. Kept apart so both halves read side by side.
 */
final class TransformSplitDifferentialNodeScript {
    private TransformSplitDifferentialNodeScript() {}

    static final String JS = """
            const { Writable, Duplex, Transform, PassThrough } = require('stream');
            """ + NodePhases.JS + """
            // Sluice's default byte highWaterMark is Node 22's 64 KiB (Streams.getDefaultHighWaterMark).
            require('stream').setDefaultHighWaterMark(false, 65536);
            process.on('uncaughtException', (e) => log('UNCAUGHT ' + code(e)));
            process.removeAllListeners('warning');
            function later(m, fn) {
              if (m === 't') process.nextTick(fn);
              else if (m === 'i') setImmediate(fn);
              else if (m === 'j') setImmediate(() => setImmediate(fn));
              else fn();
            }
            const TEXT = 'ab\\u20accd\\u00e9fg\\ud83d\\ude00hijklmno\\u00e9\\u20acpqrstuvwxyz';
            const ENC = { u: 'utf8', 6: 'base64', l: 'latin1', x: 'hex', w: 'utf16le' };
            const READN = { a: undefined, 0: 0, 1: 1, 3: 3, 9: 50 };
            function text(len, v) {
              const off = v.charCodeAt(0) - 97;
              let out = '';
              for (let i = 0; i < len; i++) out += TEXT[(off + i) % TEXT.length];
              return out;
            }
            function chunk(tok) {
              const len = +tok.slice(1, -1), v = tok[tok.length - 1];
              if (tok[0] === 'n') return len;
              return tok[0] === 's' ? text(len, v) : Buffer.from(text(len, v)).subarray(0, len);
            }
            function bulkChunk(j) {
              const len = 3 + (j * 5) % 11, v = String.fromCharCode(97 + (j * 3) % 26);
              return j % 2 ? Buffer.from(text(len, v)).subarray(0, len) : text(len, v);
            }
            function pieces(c, k) {
              if (typeof c === 'number') return new Array(k).fill(c);
              const out = [], n = c.length;
              for (let i = 0; i < k; i++) {
                const a = Math.floor(i * n / k), b = Math.floor((i + 1) * n / k);
                out.push(typeof c === 'string' ? c.slice(a, b) : c.subarray(a, b));
              }
              return out;
            }
            let st, dst, writes;
            function push(p) { log('push ' + s(p) + '=' + st.push(p)); }
            // One element of a transform program: <how><k><timing> (see the test class).
            function step(c, el, cb) {
              const how = el[0], k = +el[1], t = el[2];
              const ps = pieces(c, k);
              if (how === 'd') { ps.forEach(push); later(t, () => cb()); return; }
              later(t, () => {
                switch (how) {
                  case 'c': {
                    for (let i = 0; i < k - 1; i++) push(ps[i]);
                    if (k > 0) log('cb+ ' + s(ps[k - 1]));
                    cb(null, k > 0 ? ps[k - 1] : undefined);
                    break;
                  }
                  case 'p': ps.forEach(push); cb(); break;
                  case 'a': cb(); ps.forEach(push); break;
                  case 'e': ps.forEach(push); cb(new Error('tf')); break;
                  case 'x': ps.forEach(push); st.destroy(new Error('tx')); break;
                }
              });
            }
            function flushStep(el, cb) {
              const how = el[0], k = +el[1], t = el[2];
              const ps = [];
              for (let i = 1; i <= k; i++) ps.push('F' + i + '\\u00e9');
              later(t, () => {
                if (how === 'a') {
                  cb();
                  ps.forEach(push);
                } else if (how === 'c') {
                  for (let i = 0; i < k - 1; i++) push(ps[i]);
                  if (k > 0) log('cb+ ' + s(ps[k - 1]));
                  cb(null, k > 0 ? ps[k - 1] : undefined);
                } else {
                  ps.forEach(push);
                  cb(how === 'e' ? new Error('fl') : null);
                }
              });
            }
            function build(kind, obj, hwm, flags, prog, flush, fin) {
              const o = { readableObjectMode: obj[0] === '1', writableObjectMode: obj[1] === '1' };
              if (hwm[0] === '=') o.highWaterMark = +hwm.slice(1);
              else {
                const [r, w] = hwm.split('/');
                if (r !== '-') o.readableHighWaterMark = +r;
                if (w !== '-') o.writableHighWaterMark = +w;
              }
              if (flags.includes('h')) o.allowHalfOpen = false;
              if (flags.includes('d')) o.decodeStrings = false;
              if (flags.includes('U')) o.encoding = 'utf8';
              if (flags.includes('L')) o.defaultEncoding = 'latin1';
              const els = prog.split(',');
              let n = 0;
              if (kind === 'T') {
                o.transform = function (c, e, cb) { log('_transform ' + s(c) + ' ' + e); step(c, els[n++ % els.length], cb); };
                if (flush !== '-') o.flush = function (cb) { log('_flush'); flushStep(flush, cb); };
              }
              if (kind === 'D') {
                o.write = function (c, e, cb) { log('_write ' + s(c) + ' ' + e); step(c, els[n++ % els.length], (err) => cb(err)); };
                let pulls = 0;
                o.read = function () { log('_read'); if (flags.includes('q') && pulls < 3) push('R' + ++pulls); };
              }
              if (fin !== '-') {
                o.final = function (cb) {
                  log('_final');
                  later(fin[1], () => {
                    if (fin[0] === 'x') { cb(new Error('fx')); return; }
                    if (kind === 'D') log('push null=' + st.push(null));
                    cb();
                  });
                };
              }
              st = kind === 'T' ? new Transform(o) : kind === 'P' ? new PassThrough(o) : new Duplex(o);
              for (const ev of ['end', 'finish', 'prefinish', 'close', 'drain', 'pause', 'resume']) st.on(ev, () => log(ev));
              st.on('error', (e) => log('error ' + code(e)));
              for (const f of flags) if (ENC[f]) st.setEncoding(ENC[f]);
            }
            function consume(tok) {
              const kind = tok[1];
              if (kind === 'd') {
                const k = +tok[2], t = tok[3];
                let n = 0;
                st.on('data', (d) => {
                  log('data ' + s(d));
                  if (++n === k) { st.pause(); later(t, () => st.resume()); }
                });
              } else if (kind === 'r') {
                const n = READN[tok[2]], k = +tok[3];
                let reads = 0, unshifted = false, events = 0;
                st.on('readable', () => {
                  if (++events > 40) return;
                  log('readable');
                  let v;
                  while ((v = st.read(n)) !== null) {
                    log('read ' + s(v));
                    if (++reads === k && !unshifted) { unshifted = true; log('unshift ' + s(v) + '=' + st.unshift(v)); break; }
                  }
                });
              } else if (kind === 'p') {
                const t = tok[3];
                dst = new Writable({ objectMode: tok[2] === '1', highWaterMark: +tok.slice(4),
                  write(c, e, cb) { log('W:_write ' + s(c)); later(t, cb); } });
                for (const ev of ['drain', 'finish', 'close']) dst.on(ev, () => log('W:' + ev));
                dst.on('error', (e) => log('W:error ' + code(e)));
                st.pipe(dst);
              }
            }
            function write(c) {
              const idx = ++writes;
              log('write#' + idx + ' ' + s(c) + '=' + st.write(c, (e) => log('wcb#' + idx + ' ' + code(e))));
            }
            function bulk(n, end) {
              let j = 0;
              const go = () => {
                while (j < n) {
                  const c = bulkChunk(j++);
                  const idx = ++writes;
                  const ok = st.write(c, (e) => log('wcb#' + idx + ' ' + code(e)));
                  log('write#' + idx + ' ' + s(c) + '=' + ok);
                  if (!ok && j < n) { log('bwait'); st.once('drain', go); return; }
                }
                if (end) { log('end()'); st.end((e) => log('endcb ' + code(e))); }
              };
              go();
            }
            function op(t) {
              const c = t[0], a = t.slice(1);
              switch (c) {
                case 'w': write(chunk(a)); break;
                case 'E': { const x = chunk(a); log('end(' + s(x) + ')'); st.end(x, (e) => log('endcb ' + code(e))); break; }
                case 'e': log('end()'); st.end((e) => log('endcb ' + code(e))); break;
                case 'c': st.cork(); break;
                case 'u': st.uncork(); break;
                case 'B': bulk(+a, true); break;
                case 'b': bulk(+a, false); break;
                case 'P': st.pause(); break;
                case 'r': st.resume(); break;
                case 'R': { const v = st.read(READN[a]); log('read(' + a + ') ' + (v === null ? 'null' : s(v))); break; }
                case 'U': { const x = chunk(a); log('unshift ' + s(x) + '=' + st.unshift(x)); break; }
                case 'p': push(chunk(a)); break;
                case 'N': log('push null=' + st.push(null)); break;
                case 'S': st.setEncoding(ENC[a]); break;
                case 'd': st.destroy(); break;
                case 'D': st.destroy(new Error('boom')); break;
                default: throw new Error('bad op ' + t);
              }
            }
            function snapshot() {
              let o = 'rlen=' + st.readableLength + ' wlen=' + st.writableLength + ' flowing=' + st.readableFlowing
                  + ' rended=' + st.readableEnded + ' wfin=' + st.writableFinished + ' needDrain=' + st.writableNeedDrain
                  + ' rhwm=' + st.readableHighWaterMark + ' whwm=' + st.writableHighWaterMark
                  + ' robj=' + st.readableObjectMode + ' wobj=' + st.writableObjectMode
                  + ' destroyed=' + st.destroyed + ' enc=' + st.readableEncoding;
              if (dst) o += ' W:wlen=' + dst.writableLength + ' W:fin=' + dst.writableFinished + ' W:destroyed=' + dst.destroyed;
              return o;
            }
            function run(spec, done) {
              const [kind, obj, hwm, flags, prog, flush, fin, cons, ...ops] = spec.split(' ');
              st = null; dst = null; writes = 0;
              try {
                build(kind, obj, hwm, flags, prog, flush, fin);
                if (cons !== '-') later(cons[0], () => consume(cons));
                for (const tok of ops) {
                  later(tok[0], () => { try { op(tok.slice(1)); } catch (e) { log('THREW ' + code(e)); } });
                }
              } catch (e) { log('THREW ' + code(e)); }
              let snap = '', depth = 0;
              const later20 = () => { if (++depth < 20) setImmediate(later20); else if (st) snap = snapshot(); };
              setImmediate(later20);
              phase = 'loop'; cur = 0;
              onIdle = () => done(phases().join(' | ') + ' || ' + snap);
              checkIdle();
            }
            runEach(run);
            """;
}
