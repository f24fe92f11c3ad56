package io.sluice.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The oracle side of {@link CliRandomDifferentialTest}: one {@code node} process per batch runs a
 * JSON manifest of operations and writes one result line per operation, so a run of hundreds of
 * cases starts node twice, not hundreds of times.
 *
 * <p>Operations (each object has {@code id} and {@code op}):
 * <ul>
 *   <li>{@code mkgz}: gzipSync each member file with its options, concatenate, corrupt, write {@code out};
 *       then gunzip it both with {@code gunzipSync} and with {@code fs.createReadStream(out)} piped
 *       through {@code createGunzip()} (the pipeline the CLI ports), writing each output to
 *       {@code expect + ".sync"/".stream"};</li>
 *   <li>{@code mkbr}: the same with Brotli;</li>
 *   <li>{@code cp}: {@code fs.createReadStream(file, {start, end})} collected into {@code expect};</li>
 *   <li>{@code hash}: each file through {@code crypto.createHash(algo)} as a stream; writes the stdout
 *       and stderr that a sha256sum-like tool prints to {@code expect + ".out"/".err"};</li>
 *   <li>{@code gunzipcheck}/{@code unbrcheck}: decompress {@code file} with the sync call and compare
 *       with {@code orig}.</li>
 * </ul>
 * A result line is {@code id} then one or two outcomes of three tab-separated fields:
 * {@code OK len -}, {@code DIFF len -} or {@code ERR code message}.
 */
final class CliFuzzNode {
    private CliFuzzNode() {}

    /** One outcome: status OK/DIFF/ERR, then the length or Node's error code, then the message. */
    record Outcome(String status, String code, String message) {
        boolean ok() {
            return status.equals("OK");
        }

        @Override
        public String toString() {
            return status.equals("ERR") ? "throws " + code + ": " + message : status + " (" + code + " bytes)";
        }
    }

    static final String SCRIPT = """
            'use strict';
            const fs = require('fs');
            const zlib = require('zlib');
            const crypto = require('crypto');
            const { pipeline, Writable } = require('stream');
            const [manifestPath, resultPath] = process.argv.slice(2);
            const cases = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
            const clean = (s) => String(s).split('\\t').join(' ').split('\\n').join(' ');
            const outcome = (r, file) => {
              if (r.error) return 'ERR\\t' + clean(r.error.code) + '\\t' + clean(r.error.message);
              if (file) fs.writeFileSync(file, r.data);
              return 'OK\\t' + r.data.length + '\\t-';
            };
            const sync = (f) => { try { return { data: f() }; } catch (e) { return { error: e }; } };
            const streamed = (file, opts, transform) => new Promise((resolve) => {
              let rs;
              try { rs = fs.createReadStream(file, opts); } catch (e) { resolve({ error: e }); return; }
              const chunks = [];
              const sink = new Writable({ write(c, enc, cb) { chunks.push(c); cb(); } });
              const stages = transform ? [rs, transform(), sink] : [rs, sink];
              pipeline(...stages, (e) => resolve(e ? { error: e } : { data: Buffer.concat(chunks) }));
            });
            const corrupt = (members, c) => {
              let buf = Buffer.concat(members);
              if (!c || c.kind === 'none' || members.length === 0) return buf;
              const m = Math.min(members.length - 1, Math.floor(c.member * members.length));
              let start = 0;
              for (let i = 0; i < m; i++) start += members[i].length;
              const len = members[m].length;
              const flip = (lo, hi) => {
                if (hi <= lo) return;
                buf[start + lo + Math.floor(c.frac * (hi - lo))] ^= c.mask;
              };
              switch (c.kind) {
                case 'header': flip(0, Math.min(10, len)); break;
                case 'body': flip(10, len - 8); break;
                case 'crc': flip(len - 8, len - 4); break;
                case 'isize': flip(len - 4, len); break;
                case 'anybyte': flip(0, len); break;
                case 'truncate': buf = buf.subarray(0, Math.floor(c.frac * buf.length)); break;
                case 'trail': buf = Buffer.concat([buf, Buffer.from(c.bytes)]); break;
                case 'boundary': {
                  // A stored filler member sized so that the members end exactly where a 64 KiB read
                  // of the file ends: the bytes then arrive as the first ones of the next chunk.
                  const target = Math.ceil((buf.length + 64) / 65536) * 65536;
                  let n = target - buf.length - 23, filler = Buffer.alloc(0);
                  for (let i = 0; i < 32; i++) {
                    filler = zlib.gzipSync(Buffer.alloc(Math.max(0, n), 0x61), { level: 0 });
                    const diff = target - buf.length - filler.length;
                    if (diff === 0) break;
                    n += diff;
                  }
                  buf = Buffer.concat([buf, filler, Buffer.from(c.bytes)]);
                  break;
                }
                default: throw new Error('unknown corruption ' + c.kind);
              }
              return buf;
            };
            const brotliParams = (o) => ({ params: {
              [zlib.constants.BROTLI_PARAM_QUALITY]: o.quality,
              [zlib.constants.BROTLI_PARAM_LGWIN]: o.lgwin,
              [zlib.constants.BROTLI_PARAM_MODE]: o.mode,
            } });
            const run = async (c) => {
              switch (c.op) {
                case 'mkgz': case 'mkbr': {
                  const gz = c.op === 'mkgz';
                  const members = c.members.map((m) => gz
                    ? zlib.gzipSync(fs.readFileSync(m.file), { level: m.level, strategy: m.strategy,
                        windowBits: m.windowBits, memLevel: m.memLevel })
                    : zlib.brotliCompressSync(fs.readFileSync(m.file), brotliParams(m)));
                  const buf = corrupt(members, c.corrupt);
                  fs.writeFileSync(c.out, buf);
                  const s = sync(() => gz ? zlib.gunzipSync(buf) : zlib.brotliDecompressSync(buf));
                  const t = await streamed(c.out, {}, gz ? zlib.createGunzip : zlib.createBrotliDecompress);
                  return outcome(s, c.expect + '.sync') + '\\t' + outcome(t, c.expect + '.stream');
                }
                case 'cp': {
                  const opts = {};
                  if (c.start !== null) opts.start = Number(c.start);
                  if (c.end !== null) opts.end = Number(c.end);
                  return outcome(await streamed(c.file, opts, null), c.expect);
                }
                case 'hash': {
                  let out = '', err = '', exit = 0;
                  for (const f of c.files) {
                    const r = await streamed(f, {}, () => crypto.createHash(c.algo));
                    if (r.error) { err += 'sluice: hash: ' + r.error.message + '\\n'; exit = 1; }
                    else out += r.data.toString('hex') + '  ' + f + '\\n';
                  }
                  fs.writeFileSync(c.expect + '.out', out);
                  fs.writeFileSync(c.expect + '.err', err);
                  return 'OK\\t' + exit + '\\t-';
                }
                case 'gunzipcheck': case 'unbrcheck': {
                  const buf = fs.readFileSync(c.file);
                  const r = sync(() => c.op === 'gunzipcheck' ? zlib.gunzipSync(buf) : zlib.brotliDecompressSync(buf));
                  if (r.error) return outcome(r, null);
                  const same = Buffer.compare(r.data, fs.readFileSync(c.orig)) === 0;
                  return (same ? 'OK' : 'DIFF') + '\\t' + r.data.length + '\\t-';
                }
                default: throw new Error('unknown op ' + c.op);
              }
            };
            (async () => {
              const lines = [];
              for (const c of cases) {
                let line;
                try { line = await run(c); } catch (e) { line = 'ERR\\tSCRIPT\\t' + clean(e.stack); }
                lines.push(c.id + '\\t' + line);
              }
              fs.writeFileSync(resultPath, lines.join('\\n') + '\\n');
            })();
            """;

    /** Runs the manifest {@code ops} in one node process; returns id → outcomes (one or two). */
    static Map<String, List<Outcome>> run(Path work, String name, List<Map<String, Object>> ops) throws Exception {
        Path script = work.resolve("clifuzz-oracle.js");
        if (!Files.exists(script)) {
            Files.writeString(script, SCRIPT);
        }
        Path manifest = work.resolve(name + ".node.json");
        Path results = work.resolve(name + ".node.out");
        Files.writeString(manifest, json(ops));
        Process p = new ProcessBuilder("node", script.toString(), manifest.toString(), results.toString())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve(name + ".node.log").toFile())
                .start();
        if (!p.waitFor(20, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new AssertionError("node oracle failed: " + Files.readString(work.resolve(name + ".node.log")));
        }
        Map<String, List<Outcome>> map = new HashMap<>();
        for (String line : Files.readAllLines(results, StandardCharsets.UTF_8)) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            List<Outcome> outcomes = new java.util.ArrayList<>();
            for (int i = 1; i + 2 < f.length; i += 3) {
                outcomes.add(new Outcome(f[i], f[i + 1], f[i + 2]));
            }
            map.put(f[0], outcomes);
        }
        return map;
    }

    /** JSON for maps, lists, strings, numbers, booleans, byte arrays (as arrays of numbers) and null. */
    static String json(Object o) {
        StringBuilder sb = new StringBuilder();
        json(o, sb);
        return sb.toString();
    }

    private static void json(Object o, StringBuilder sb) {
        switch (o) {
            case null -> sb.append("null");
            case String s -> {
                sb.append('"');
                for (char c : s.toCharArray()) {
                    if (c == '"' || c == '\\') {
                        sb.append('\\').append(c);
                    } else if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
                sb.append('"');
            }
            case Number n -> sb.append(n);
            case Boolean b -> sb.append(b);
            case byte[] bytes -> {
                sb.append('[');
                for (int i = 0; i < bytes.length; i++) {
                    sb.append(i == 0 ? "" : ",").append(bytes[i] & 0xff);
                }
                sb.append(']');
            }
            case Map<?, ?> m -> {
                sb.append('{');
                boolean first = true;
                for (var e : m.entrySet()) {
                    sb.append(first ? "" : ",");
                    first = false;
                    json(String.valueOf(e.getKey()), sb);
                    sb.append(':');
                    json(e.getValue(), sb);
                }
                sb.append('}');
            }
            case List<?> l -> {
                sb.append('[');
                for (int i = 0; i < l.size(); i++) {
                    sb.append(i == 0 ? "" : ",");
                    json(l.get(i), sb);
                }
                sb.append(']');
            }
            default -> throw new IllegalArgumentException("no JSON for " + o.getClass());
        }
    }
}
