package io.sluice.zlib;

import io.sluice.testing.NodePhases;

/**
 * The node side of {@link ZlibLifecycleRandomDifferentialTest}: a {@link io.sluice.testing.NodeOracle}
 * script interpreting the spec language documented on the test class with node's own zlib streams,
 * printing per spec the same string as {@link ZlibLifecycleDifferentialInterpreter}. Kept apart so
 * both halves read side by side.
 *
 * <p>Node completes zlib work on the libuv threadpool, outside the {@code nextTick}/{@code setImmediate}
 * callbacks {@link NodePhases} tags: the script wraps the handles' {@code write} and completion
 * callbacks (on the binding's prototypes) so that a completion is logged as a callback of its own
 * ({@code pool}), and so that "idle" (when the snapshot is taken) also waits for work in flight.
 */
final class ZlibLifecycleDifferentialNodeScript {
    private ZlibLifecycleDifferentialNodeScript() {}

    static final String JS = """
            const zlib = require('zlib');
            """ + NodePhases.JS + """
            process.removeAllListeners('warning');
            process.on('uncaughtException', (e) => log('UNCAUGHT ' + code(e)));
            // Work in flight on the threadpool: counted from handle.write() to its completion (the
            // processCallback, or the onerror the binding calls instead), each completion logged as
            // its own 'pool' callback. onerror also reports synchronous failures (params), which
            // complete nothing: only a handle with a write in flight counts down.
            let inflight = 0;
            function completion(fn) {
              return function (...args) {
                if (!this.zfzBusy) return fn.apply(this, args);
                this.zfzBusy = false;
                inflight--;
                const saved = [phase, cur];
                phase = 'pool'; cur = ++ids;
                try { return fn.apply(this, args); }
                finally { phase = saved[0]; cur = saved[1]; checkIdle(); }
              };
            }
            const B = process.binding('zlib');
            for (const H of [B.Zlib, B.BrotliEncoder, B.BrotliDecoder]) {
              const init = H.prototype.init, write = H.prototype.write;
              H.prototype.init = function (...args) {
                return init.apply(this, args.map((a) => typeof a === 'function' ? completion(a) : a));
              };
              H.prototype.write = function (...args) {
                if (this.onerror && !this.onerror.zfz) { this.onerror = completion(this.onerror); this.onerror.zfz = true; }
                this.zfzBusy = true;
                inflight++;
                return write.apply(this, args);
              };
            }
            function payload(id, n) {
              const b = Buffer.alloc(n);
              for (let j = 0; j < n; j++) b[j] = 97 + ((j * j + id * 17 + (j >> 4)) % 23);
              return b;
            }
            function fnv(b, h) {
              for (let j = 0; j < b.length; j++) h = Math.imul(h ^ b[j], 16777619) >>> 0;
              return h;
            }
            const hex = (h, n) => h.toString(16).padStart(8, '0').slice(0, n);
            const PLAIN = payload(0, 6000);
            const SOURCES = {
              i: zlib.deflateSync(PLAIN), G: zlib.gzipSync(PLAIN), R: zlib.deflateRawSync(PLAIN),
              u: zlib.gzipSync(PLAIN), B: zlib.brotliCompressSync(PLAIN),
            };
            const FACTORIES = {
              d: zlib.createDeflate, i: zlib.createInflate, g: zlib.createGzip, G: zlib.createGunzip,
              r: zlib.createDeflateRaw, R: zlib.createInflateRaw, u: zlib.createUnzip,
              b: zlib.createBrotliCompress, B: zlib.createBrotliDecompress,
            };
            // The compressed input of a decompressor: valid, truncated, corrupt in the middle or the header.
            function source(kind, data) {
              const s = Buffer.from(SOURCES[kind]);
              if (data === 't') return s.subarray(0, Math.floor(s.length * 0.6));
              if (data === 'x') s[s.length >> 1] ^= 0x55;
              if (data === 'h') s[0] ^= 0xff;
              return s;
            }
            let ST, SRC, pos, wid, total, totalHash, readers, listeners;
            function chunk(n) {
              if (!SRC) return payload(wid, n);
              const c = SRC.subarray(pos, Math.min(SRC.length, pos + n));
              pos += c.length;
              return c;
            }
            // The total counts what the first 'data' listener saw, or read() while there is none.
            function got(what, d, counted) {
              if (counted) { total += d.length; totalHash = fnv(d, totalHash); }
              log(what + ' ' + d.length + ':' + hex(fnv(d, 0x811c9dc5), 4));
            }
            function dataListener() { const first = ++listeners === 1; ST.on('data', (d) => got('data', d, first)); }
            function readableListener() {
              const r = ++readers;
              ST.on('readable', () => {
                log('readable' + r);
                let d;
                while ((d = ST.read()) !== null) got('read', d, listeners === 0);
              });
            }
            function cb(what) { return (err) => log(what + ' ' + code(err)); }
            function guard(what, fn) {
              try { fn(); } catch (e) { log(what + ' THREW ' + code(e)); }
            }
            function op(t) {
              const id = ++wid;
              switch (t[0]) {
                case 'w': guard('w' + id, () => log('w' + id + '=' + ST.write(chunk(+t.slice(1)), cb('cb' + id)))); break;
                case 'f': guard('f' + id, () => ST.flush()); break;
                case 'F':
                  if (t[1] === 'c') guard('F' + id, () => ST.flush(cb('fcb' + id)));
                  else guard('F' + id, () => ST.flush(+t[1], cb('fcb' + id)));
                  break;
                case 'p': guard('p' + id, () => ST.params(+t[1], +t[2], cb('pcb' + id))); break;
                case 'e': guard('e' + id, () => ST.end()); break;
                case 'E': guard('E' + id, () => ST.end(chunk(+t.slice(1)), cb('ecb' + id))); break;
                case 'c': guard('c' + id, () => ST.close(cb('ccb' + id))); break;
                case 'd': guard('d' + id, () => ST.destroy()); break;
                case 'D': guard('D' + id, () => ST.destroy(new Error('boom'))); break;
                case 'P': ST.pause(); break;
                case 'U': ST.resume(); break;
                case 'L': dataListener(); break;
                case 'R': readableListener(); break;
                default: throw new Error('bad op ' + t);
              }
            }
            function run(spec, done) {
              const t = spec.split(' ');
              const kind = t[0];
              wid = 0; total = 0; totalHash = 0x811c9dc5; readers = 0; listeners = 0; pos = 0;
              SRC = SOURCES[kind] ? source(kind, t[5]) : null;
              const o = {};
              if (t[1] !== '-' && kind !== 'b' && kind !== 'B') o.level = +t[1];
              if (t[2] !== '-') o.chunkSize = +t[2];
              if (t[3] !== '-') o.finishFlush = +t[3];
              if (t[4] !== '-') o.maxOutputLength = +t[4];
              ST = null;
              try {
                ST = FACTORIES[kind](o);
                for (const ev of ['end', 'finish', 'close']) ST.on(ev, () => log(ev));
                ST.on('error', (e) => log('error ' + code(e)));
                if (t[6] === 'd') dataListener();
              } catch (e) { log('THREW ' + code(e)); }
              const ops = t.slice(7);
              // Ops run one after another: s right after the previous one, t on a nextTick after it,
              // i on a setImmediate once the stream has settled (nothing pending, nothing in flight).
              const step = (k) => {
                if (k === ops.length || !ST) { whenIdle(finish); return; }
                const go = () => { op(ops[k].slice(1)); step(k + 1); };
                switch (ops[k][0]) {
                  case 's': go(); break;
                  case 't': process.nextTick(go); break;
                  case 'i': whenIdle(() => setImmediate(go)); break;
                }
              };
              const finish = () => {
                const st = ST;
                const snapshot = !st ? '' : 'bw=' + st.bytesWritten + ' D=' + st.destroyed + ' re=' + st.readableEnded
                    + ' wf=' + st.writableFinished + ' wl=' + st.writableLength + ' rl=' + st.readableLength
                    + ' out=' + total + ':' + hex(totalHash, 8);
                done(phases().join(' | ') + ' || ' + snapshot);
              };
              step(0);
              phase = 'loop'; cur = 0;
            }
            // Runs fn once no wrapped tick or immediate is pending and no zlib work is in flight.
            function whenIdle(fn) {
              const check = () => {
                if (pending > 0 || inflight > 0) onIdle = check;
                else fn();
              };
              onIdle = check;
              checkIdle();
            }
            runEach(run);
            """;
}
