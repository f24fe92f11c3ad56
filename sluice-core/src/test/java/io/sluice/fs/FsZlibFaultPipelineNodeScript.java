package io.sluice.fs;

/**
 * The node side of {@link FsZlibFaultPipelineRandomTest}: a {@link io.sluice.testing.NodeOracle}
 * script that runs each spec with {@code fs.createReadStream}, {@code zlib} and
 * {@code stream/promises.pipeline}, one case after the other, and answers per spec the same
 * outcome string as {@link FsZlibFaultPipelineInterpreter}. Input frames are
 * {@code <case dir>\t<spec>}; the spec language is documented on the test class.
 */
final class FsZlibFaultPipelineNodeScript {
    private FsZlibFaultPipelineNodeScript() {}

    static final String JS = """
            const fs = require('fs'), zlib = require('zlib'), crypto = require('crypto');
            const { Transform, PassThrough } = require('stream');
            const { pipeline } = require('stream/promises');
            // Sluice's default highWaterMark is Node 22's 64 KiB (Streams.getDefaultHighWaterMark);
            // node v20's is 16 KiB. The same value on both sides puts backpressure at the same
            // points (fs read streams default to 64 KiB in both anyway).
            require('stream').setDefaultHighWaterMark(false, 65536);
            process.on('unhandledRejection', () => {});
            let current = null;
            // A transform that throws: in Node the exception escapes through whoever wrote into it
            // (an uncaught exception). The harness records it and destroys every stage, as the Java
            // side does from its loop's uncaught-exception handler.
            process.on('uncaughtException', (e) => {
              if (!current) throw e;
              current.uncaught = e.message;
              for (const s of current.streams) s.destroy();
            });
            const sha = (b) => crypto.createHash('sha256').update(b).digest('hex').slice(0, 16);
            function desc(e) {
              const f = (v) => v === undefined || v === null ? '' : String(v);
              return 'err ' + e.name + '/' + f(e.code) + '/' + e.message + '/' + f(e.errno) + '/' + f(e.syscall);
            }
            function parse(spec) {
              const p = { stages: [], range: {}, hwm: undefined, fault: null };
              for (const t of spec.split(' ')) {
                const c = t[0];
                if (c === 'F') p.src = t.slice(1);
                else if (c === 'r') { const [a, b] = t.slice(1).split('-'); if (a !== '') p.range.start = +a; if (b !== '') p.range.end = +b; }
                else if (c === 'h') p.hwm = +t.slice(1);
                else if (c === 'W') p.dest = t.slice(1);
                else if (c === '!') {
                  const f = t.slice(1), at = f.indexOf('@');
                  p.fault = { kind: f[0], target: 'aA'.includes(f[0]) ? -1 : +f.slice(1, at), k: +f.slice(at + 1) };
                } else p.stages.push(t);
              }
              return p;
            }
            // Compressors left without their decompressor, in order (their output reaches the file).
            function unmatched(stages) {
              const st = [];
              for (const t of stages) {
                if ('gdb'.includes(t[0])) st.push(t[0]);
                else if ('GDB'.includes(t[0])) { if (st.length && st[st.length - 1] === t[0].toLowerCase()) st.pop(); else return null; }
              }
              return st;
            }
            function rechunk(n, idx, fault) {
              let pending = [], len = 0, calls = 0;
              return new Transform({
                transform(chunk, enc, cb) {
                  calls++;
                  if (fault && fault.target === idx && fault.k === calls) {
                    if (fault.kind === 'e') return cb(new Error('boom'));
                    if (fault.kind === 'x') throw new Error('boom');
                  }
                  pending.push(chunk); len += chunk.length;
                  if (len >= n) {
                    const all = Buffer.concat(pending);
                    let off = 0;
                    for (; all.length - off >= n; off += n) this.push(all.subarray(off, off + n));
                    pending = [all.subarray(off)]; len = all.length - off;
                  }
                  cb();
                },
                flush(cb) { if (len > 0) this.push(Buffer.concat(pending)); cb(); },
              });
            }
            // f: flip the first byte; e<j>: flip the j-th byte from the end; u<j>: drop the last j bytes.
            function corrupter(mode, j) {
              let first = true, tail = Buffer.alloc(0);
              return new Transform({
                transform(chunk, enc, cb) {
                  if (mode === 'f') {
                    if (first && chunk.length > 0) { chunk = Buffer.from(chunk); chunk[0] ^= 0xff; first = false; }
                    return cb(null, chunk);
                  }
                  const all = Buffer.concat([tail, chunk]);
                  const cut = Math.max(0, all.length - j);
                  tail = all.subarray(cut);
                  if (cut > 0) this.push(all.subarray(0, cut));
                  cb();
                },
                flush(cb) {
                  if (mode === 'e') { if (tail.length > 0) tail[0] ^= 0xff; if (tail.length > 0) this.push(tail); }
                  cb();
                },
              });
            }
            function makeStage(t, idx, fault) {
              const c = t[0], mi = t.indexOf('m'), mo = mi > 0 ? { maxOutputLength: +t.slice(mi + 1) } : {};
              switch (c) {
                case 'g': return zlib.createGzip({ level: +t.slice(1) });
                case 'd': return zlib.createDeflate({ level: +t.slice(1) });
                case 'b': return zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: +t.slice(1) } });
                case 'G': return zlib.createGunzip(mo);
                case 'D': return zlib.createInflate(mo);
                case 'B': return zlib.createBrotliDecompress(mo);
                case 'p': return new PassThrough();
                case 't': return rechunk(+t.slice(1), idx, fault);
                case 'c': return corrupter(t[1], +t.slice(2));
              }
              throw new Error('bad stage ' + t);
            }
            function decode(kind, b) {
              return kind === 'g' ? zlib.gunzipSync(b) : kind === 'd' ? zlib.inflateSync(b) : zlib.brotliDecompressSync(b);
            }
            function destState(path, um) {
              let st;
              try { st = fs.statSync(path); } catch (e) { return 'none'; }
              if (st.isDirectory()) return 'dir';
              const b = fs.readFileSync(path);
              if (um === null) return 'file';
              if (um.length === 0) return 'file ' + b.length + ' ' + sha(b);
              try {
                let d = b;
                for (let i = um.length - 1; i >= 0; i--) d = decode(um[i], d);
                return 'file dec ' + d.length + ' ' + sha(d);
              } catch (e) { return 'file dec ?'; }
            }
            const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
            async function runOne(dir, spec) {
              const p = parse(spec);
              const um = unmatched(p.stages);
              const srcPath = p.src === 'm' ? dir + '/missing' : p.src === 'd' ? dir + '/adir' : dir + '/src';
              const destPath = p.dest === 'm' ? dir + '/missing/out' : p.dest === 'd' ? dir + '/outdir' : dir + '/out';
              const flags = p.dest.indexOf('P') >= 0 ? p.dest.slice(0, p.dest.indexOf('P')) : p.dest;
              const c = { streams: [], uncaught: null };
              current = c;
              const n = p.stages.length + 2;
              const closed = new Array(n).fill(0);
              const outs = new Array(n).fill(-1);
              let outcome;
              let timer = null;
              try {
                const ro = { ...p.range };
                if (p.hwm !== undefined) ro.highWaterMark = p.hwm;
                c.streams.push(fs.createReadStream(srcPath, ro));
                p.stages.forEach((t, i) => c.streams.push(makeStage(t, i + 1, p.fault)));
                c.streams.push(fs.createWriteStream(destPath, { flags: flags === 'm' || flags === 'd' ? 'w' : flags }));
                c.streams.forEach((s, i) => s.on('close', () => { closed[i] = 1; }));
                p.stages.forEach((t, i) => {
                  if (t.indexOf('m') > 0) { outs[i + 1] = 0; c.streams[i + 1].on('data', (d) => { outs[i + 1] += d.length; }); }
                });
                const ac = new AbortController();
                const f = p.fault;
                if (f && f.kind === 'a' && f.k === 0) ac.abort();
                const done = pipeline(...c.streams, { signal: ac.signal });
                if (f) {
                  let chunks = 0;
                  if (f.kind === 'T') timer = setTimeout(() => c.streams[f.target].destroy(new Error('boom')), f.k);
                  else if (f.kind === 't') timer = setTimeout(() => c.streams[f.target].destroy(), f.k);
                  else if (f.kind === 'A') timer = setTimeout(() => ac.abort(), f.k);
                  else if (f.kind === 'D' || f.kind === 'd' || (f.kind === 'a' && f.k > 0)) {
                    c.streams[0].on('data', () => {
                      if (++chunks !== f.k) return;
                      if (f.kind === 'a') ac.abort();
                      else c.streams[f.target].destroy(f.kind === 'D' ? new Error('boom') : undefined);
                    });
                  }
                }
                const hang = Symbol('hang');
                let hangTimer;
                const r = await Promise.race([done.then(() => 'ok', desc), new Promise((res) => { hangTimer = setTimeout(() => res('hang'), 20000); })]);
                clearTimeout(hangTimer);
                outcome = r;
              } catch (e) {
                outcome = 'threw ' + desc(e).slice(4);
              }
              // Streams may close after the pipeline settled (a read or the close in flight).
              for (let w = 0; w < 3000 && c.streams.some((s, i) => !closed[i]); w += 2) await sleep(2);
              if (timer) clearTimeout(timer);
              current = null;
              const mo = outs.map((v, i) => v < 0 ? '' : ' mo' + i + '=' + v).join('');
              return (c.uncaught !== null ? 'uncaught ' + c.uncaught + ' ' : '') + outcome + ' | closed='
                  + closed.slice(0, c.streams.length).join('') + ' | dest=' + destState(destPath, um) + ' |' + mo;
            }
            (async () => {
              for (const fr of input) {
                const [dir, spec] = u16(fr).split('\\t');
                let r;
                try { r = await runOne(dir, spec); } catch (e) { r = 'SCRIPT ' + e.stack; }
                emit(r);
              }
            })();
            """;
}
