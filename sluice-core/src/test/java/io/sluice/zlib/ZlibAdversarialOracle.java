package io.sluice.zlib;

import io.sluice.buffer.Buffer;
import io.sluice.error.NodeError;
import io.sluice.loop.EventLoop;
import io.sluice.testing.NodeOracle;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.StringJoiner;

/**
 * One job description run twice, by Node and by Sluice, each answering with the same one-line summary,
 * so a differential test is a string comparison: {@code OK <length> <sha256 prefix>} or {@code ERR <code>
 * [<errno>] <message>}, and for streams also the events in order ({@code 'finish'} left out when the
 * stream failed, because Node emits it or not depending on timing), and for streams that succeed
 * {@code bytesWritten} (Node does not count the write that fails) and the output length delivered when
 * each flush callback ran (Node runs none of them before {@code 'close'} when the stream fails).
 * How much output a failing stream delivered before its error is left out: Node drops the output of its
 * failing zlib call, whose size depends on its 16 KiB call steps. Node runs every job of a batch in one
 * process.
 */
final class ZlibAdversarialOracle {
    private ZlibAdversarialOracle() {}

    /**
     * A job: {@code method} is Node's zlib function name without {@code Sync} (gzip, gunzip, deflate, inflate,
     * deflateRaw, inflateRaw, unzip, brotliCompress, brotliDecompress); {@code stream} false = the one-shot
     * call; {@code chunk} the write size (0 = one write); {@code flushes} pairs (input offset, flush kind):
     * after writing the bytes before the offset, {@code flush(kind, cb)}; {@code raw} asks for the output
     * bytes themselves too; {@code quality}/{@code lgwin} Brotli params (null = default); {@code maxOutput}
     * 0 = none; {@code parallelism} is Sluice's only (Node has none).
     */
    record Job(String method, boolean stream, int chunk, int[][] flushes, boolean raw, Integer quality, Integer lgwin,
            long maxOutput, Integer finishFlush, boolean seq, int parallelism, byte[] data) {

        static Job sync(String method, byte[] data, int parallelism) {
            return new Job(method, false, 0, new int[0][], false, null, null, 0, null, false, parallelism, data);
        }

        static Job stream(String method, byte[] data, int chunk, int parallelism) {
            return new Job(method, true, chunk, new int[0][], false, null, null, 0, null, false, parallelism, data);
        }

        Job asRaw() {
            return new Job(method, stream, chunk, flushes, true, quality, lgwin, maxOutput, finishFlush, seq, parallelism, data);
        }

        Job brotli(Integer q, Integer w) {
            return new Job(method, stream, chunk, flushes, raw, q, w, maxOutput, finishFlush, seq, parallelism, data);
        }

        Job max(long max) {
            return new Job(method, stream, chunk, flushes, raw, quality, lgwin, max, finishFlush, seq, parallelism, data);
        }

        Job finish(int kind) {
            return new Job(method, stream, chunk, flushes, raw, quality, lgwin, maxOutput, kind, seq, parallelism, data);
        }

        Job flushAt(int[]... points) {
            return new Job(method, stream, chunk, points, raw, quality, lgwin, maxOutput, finishFlush, seq, parallelism, data);
        }

        /** Each flush waits for its callback before the next write (so what it delivered is exact). */
        Job sequential() {
            return new Job(method, stream, chunk, flushes, raw, quality, lgwin, maxOutput, finishFlush, true, parallelism, data);
        }

        Job data(byte[] d) {
            return new Job(method, stream, chunk, flushes, raw, quality, lgwin, maxOutput, finishFlush, seq, parallelism, d);
        }

        String json() {
            StringBuilder sb = new StringBuilder("{\"m\":\"").append(method).append("\",\"op\":\"")
                    .append(stream ? "stream" : "sync").append("\",\"chunk\":").append(chunk);
            if (raw) {
                sb.append(",\"raw\":true");
            }
            if (seq) {
                sb.append(",\"seq\":true");
            }
            if (quality != null) {
                sb.append(",\"q\":").append(quality);
            }
            if (lgwin != null) {
                sb.append(",\"w\":").append(lgwin);
            }
            StringJoiner o = new StringJoiner(",", "{", "}");
            if (maxOutput > 0) {
                o.add("\"maxOutputLength\":" + maxOutput);
            }
            if (finishFlush != null) {
                o.add("\"finishFlush\":" + finishFlush);
            }
            sb.append(",\"o\":").append(o);
            StringJoiner fl = new StringJoiner(",", "[", "]");
            for (int[] f : flushes) {
                fl.add("[" + f[0] + "," + f[1] + "]");
            }
            return sb.append(",\"fl\":").append(fl).append('}').toString();
        }

        /** A short name for assertion messages. */
        String label() {
            return method + (stream ? " stream " + (chunk == 0 ? "whole" : chunk + "-byte") + " writes" : " sync")
                    + (parallelism > 0 ? " p" + parallelism : "") + (quality != null ? " q" + quality : "")
                    + (lgwin != null ? " lgwin" + lgwin : "") + (maxOutput > 0 ? " max " + maxOutput : "")
                    + (flushes.length > 0 ? (seq ? " awaited" : "") + " flushes " + flushes.length : "") + " input " + data.length;
        }

        ZlibMode mode() {
            return switch (method) {
                case "gzip" -> ZlibMode.GZIP;
                case "gunzip" -> ZlibMode.GUNZIP;
                case "deflate" -> ZlibMode.DEFLATE;
                case "inflate" -> ZlibMode.INFLATE;
                case "deflateRaw" -> ZlibMode.DEFLATERAW;
                case "inflateRaw" -> ZlibMode.INFLATERAW;
                case "unzip" -> ZlibMode.UNZIP;
                case "brotliCompress" -> ZlibMode.BROTLI_ENCODE;
                case "brotliDecompress" -> ZlibMode.BROTLI_DECODE;
                default -> throw new IllegalArgumentException(method);
            };
        }

        ZlibOptions options() {
            ZlibOptions o = ZlibOptions.create();
            if (parallelism > 0) {
                o.parallelism(parallelism);
            }
            if (quality != null) {
                o.brotliParam(ZlibConstants.BROTLI_PARAM_QUALITY, quality);
            }
            if (lgwin != null) {
                o.brotliParam(ZlibConstants.BROTLI_PARAM_LGWIN, lgwin);
            }
            if (maxOutput > 0) {
                o.maxOutputLength(maxOutput);
            }
            if (finishFlush != null) {
                o.finishFlush(finishFlush);
            }
            return o;
        }
    }

    /** What a job gave: the summary line and (for raw jobs) the output bytes. */
    record Outcome(String summary, byte[] bytes) {}

    private static final String NODE_RUNNER = """
            const zlib = require('zlib');
            const crypto = require('crypto');
            function desc(e) { return 'ERR ' + e.code + (e.errno === undefined ? '' : ' ' + e.errno) + ' ' + e.message; }
            function ok(len, hash) { return 'OK ' + len + ' ' + hash.digest('hex').slice(0, 16); }
            function opts(spec) {
              const o = Object.assign({}, spec.o);
              if (spec.q !== undefined || spec.w !== undefined) {
                o.params = {};
                if (spec.q !== undefined) o.params[zlib.constants.BROTLI_PARAM_QUALITY] = spec.q;
                if (spec.w !== undefined) o.params[zlib.constants.BROTLI_PARAM_LGWIN] = spec.w;
              }
              return o;
            }
            function runSync(spec, data) {
              try {
                const r = zlib[spec.m + 'Sync'](data, opts(spec));
                return [ok(r.length, crypto.createHash('sha256').update(r)), spec.raw ? r : Buffer.alloc(0)];
              } catch (e) { return [desc(e), Buffer.alloc(0)]; }
            }
            function runStream(spec, data) {
              return new Promise((resolve) => {
                const s = zlib['create' + spec.m[0].toUpperCase() + spec.m.slice(1)](opts(spec));
                const hash = crypto.createHash('sha256');
                const chunks = [];
                let n = 0, err = null;
                const ev = [], fl = [];
                s.on('data', c => { n += c.length; hash.update(c); if (spec.raw) chunks.push(c); });
                s.on('error', e => { err = e; ev.push('error'); });
                s.on('end', () => ev.push('end'));
                s.on('finish', () => ev.push('finish'));
                s.on('close', () => {
                  ev.push('close');
                  const head = err ? desc(err) + ' ev=' + ev.filter(x => x !== 'finish').join(',')
                                   : ok(n, hash) + ' ev=' + ev.join(',') + ' bw=' + s.bytesWritten + ' fl=' + fl.join(',');
                  resolve([head, spec.raw ? Buffer.concat(chunks) : Buffer.alloc(0)]);
                });
                const flushes = spec.fl.slice();
                const step = spec.chunk > 0 ? spec.chunk : Math.max(1, data.length);
                let off = 0;
                const go = () => {
                  for (;;) {
                    while (flushes.length && flushes[0][0] <= off) {
                      const kind = flushes.shift()[1];
                      if (spec.seq) {
                        s.flush(kind, () => { fl.push(n); go(); });
                        return;
                      }
                      s.flush(kind, () => fl.push(n));
                    }
                    if (off >= data.length) break;
                    let end = Math.min(off + step, data.length);
                    if (flushes.length && flushes[0][0] < end) end = flushes[0][0];
                    s.write(data.subarray(off, end));
                    off = end;
                  }
                  s.end();
                };
                go();
              });
            }
            (async () => {
              for (let i = 0; i < input.length; i += 2) {
                const spec = JSON.parse(input[i].toString());
                const [head, raw] = spec.op === 'stream' ? await runStream(spec, input[i + 1]) : runSync(spec, input[i + 1]);
                emit(head);
                emit(raw);
              }
            })();
            """;

    /** Runs every job in one node process; outcomes in job order. */
    static List<Outcome> node(List<Job> jobs) {
        List<byte[]> frames = new ArrayList<>(2 * jobs.size());
        for (Job j : jobs) {
            frames.add(j.json().getBytes(StandardCharsets.UTF_8));
            frames.add(j.data());
        }
        List<byte[]> back = NodeOracle.run(NODE_RUNNER, frames);
        if (back.size() != 2 * jobs.size()) {
            throw new IllegalStateException("node answered " + back.size() + " frames for " + jobs.size() + " jobs");
        }
        List<Outcome> out = new ArrayList<>(jobs.size());
        for (int i = 0; i < jobs.size(); i++) {
            out.add(new Outcome(NodeOracle.utf16(back.get(2 * i)), back.get(2 * i + 1)));
        }
        return out;
    }

    /** Runs one job in Sluice (a stream on a fresh event loop), answering as {@link #node} does. */
    static Outcome sluice(Job job) {
        return job.stream() ? stream(job) : sync(job);
    }

    private static Outcome sync(Job job) {
        try {
            byte[] r = Zlib.processSync(job.mode(), Buffer.wrap(job.data()), job.options()).toByteArray();
            return new Outcome(ok(r.length, sha(r)), job.raw() ? r : new byte[0]);
        } catch (RuntimeException e) {
            return new Outcome(describe(e), new byte[0]);
        }
    }

    private static Outcome stream(Job job) {
        List<Integer> flushed = new ArrayList<>();
        ZlibTesting.Recorder[] rec = new ZlibTesting.Recorder[1];
        EventLoop.run(() -> {
            ZlibStream s = Zlib.create(job.mode(), job.options());
            rec[0] = new ZlibTesting.Recorder(s);
            new Writer(job, s, rec[0].out, flushed).go();
        });
        ZlibTesting.Recorder r = rec[0];
        byte[] bytes = r.out.toByteArray();
        String head = r.error != null
                ? describe(r.error) + " ev=" + String.join(",", r.events.stream().filter(e -> !e.equals("finish")).toList())
                : ok(bytes.length, sha(bytes)) + " ev=" + String.join(",", r.events) + " bw=" + r.written + " fl=" + joined(flushed);
        return new Outcome(head, job.raw() ? bytes : new byte[0]);
    }

    /** Writes a job's input with its flushes, as the node runner does (resumed by a flush's callback when sequential). */
    private static final class Writer {
        private final Job job;
        private final ZlibStream s;
        private final ByteArrayOutputStream out;
        private final List<Integer> flushed;
        private final int step;
        private int next;
        private int off;

        Writer(Job job, ZlibStream s, ByteArrayOutputStream out, List<Integer> flushed) {
            this.job = job;
            this.s = s;
            this.out = out;
            this.flushed = flushed;
            this.step = job.chunk() > 0 ? job.chunk() : Math.max(1, job.data().length);
        }

        void go() {
            int[][] flushes = job.flushes();
            byte[] data = job.data();
            while (true) {
                while (next < flushes.length && flushes[next][0] <= off) {
                    int kind = flushes[next++][1];
                    if (job.seq()) {
                        s.flush(kind, err -> {
                            flushed.add(out.size());
                            go();
                        });
                        return;
                    }
                    s.flush(kind, err -> flushed.add(out.size()));
                }
                if (off >= data.length) {
                    break;
                }
                int end = Math.min(off + step, data.length);
                if (next < flushes.length && flushes[next][0] < end) {
                    end = flushes[next][0];
                }
                s.write(Buffer.wrap(data, off, end - off));
                off = end;
            }
            s.end();
        }
    }

    /** Node's rendering of an error: code, errno if the error has one, message. */
    static String describe(Throwable e) {
        if (e instanceof ZlibException z) {
            return "ERR " + z.code() + " " + z.errno() + " " + z.getMessage();
        }
        if (e instanceof NodeError n) {
            return "ERR " + n.code() + " " + e.getMessage();
        }
        return "ERR (not a Node error) " + e;
    }

    private static String joined(List<Integer> counts) {
        StringJoiner j = new StringJoiner(",");
        counts.forEach(n -> j.add(Integer.toString(n)));
        return j.toString();
    }

    /** The flush counts of a stream summary ({@code fl=a,b,c}), empty if none. */
    static long[] flushCounts(String summary) {
        int i = summary.indexOf(" fl=");
        if (i < 0 || i + 4 == summary.length()) {
            return new long[0];
        }
        return java.util.Arrays.stream(summary.substring(i + 4).split(",")).mapToLong(Long::parseLong).toArray();
    }

    /** A summary without its flush counts. */
    static String withoutFlushCounts(String summary) {
        int i = summary.indexOf(" fl=");
        return i < 0 ? summary : summary.substring(0, i);
    }

    static String ok(long length, byte[] sha) {
        return "OK " + length + " " + HexFormat.of().formatHex(sha).substring(0, 16);
    }

    static byte[] sha(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** The summary a successful one-shot of {@code original} gives. */
    static String okSync(byte[] original) {
        return ok(original.length, sha(original));
    }
}
