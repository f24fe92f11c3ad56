package io.sluice.fs;

import io.sluice.buffer.Buffer;
import io.sluice.error.NodeError;
import io.sluice.event.EventEmitter;
import io.sluice.loop.EventLoop;
import io.sluice.stream.Callback;
import io.sluice.stream.ReadableStream;
import io.sluice.stream.Stream;
import io.sluice.stream.Writable;
import io.sluice.testing.NodeOracle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The two halves of the adversarial fs-stream differential test: a Node script and its Java
 * mirror, both interpreting the same {@link Case} list and logging the same event vocabulary, so
 * the logs can be compared line for line.
 *
 * <p>Log vocabulary (identical on both sides): {@code created pending=..}, {@code open pending=..},
 * {@code ready}, {@code data:b<len>:<hex>} (or {@code s<len>:<utf16le hex>} for strings; a
 * {@code #hash} instead of hex above 48 bytes), {@code end br=..}, {@code finish bw=..},
 * {@code drain}, {@code error:<code>:<message>}, {@code close pending=.. br|bw=..},
 * {@code w<i>=<returned>}, {@code wcb<i>:<err>}, {@code endcb<i>:<err>}, {@code closecb:<err>},
 * {@code throw:<code>:<message>}, {@code opthrow:<code>:<message>}, and at the end
 * {@code file:<hex|#hash|absent>} and optionally {@code mode:<octal>}. Paths in messages read
 * {@code $D} for the per-side base folder, so Node's tree and Java's tree compare equal.
 */
final class FsStreamsAdversarialOracle {
    private FsStreamsAdversarialOracle() {}

    /**
     * One scenario. {@code path} is relative to the case folder ({@code f}, {@code d} for a
     * folder, {@code nodir/f} for a missing folder); {@code content} (may be null: no file) is
     * written to {@code path} first. {@code ops} maps a trigger ({@code sync}, {@code open},
     * {@code ready}, {@code data1}, {@code end}, {@code finish}, {@code error}, {@code close}) to
     * the operations run when it fires.
     */
    record Case(String id, String kind, String path, byte[] content, Map<String, Object> opts,
            Map<String, List<String>> ops, boolean dir, boolean checkMode, int waitMs, String link) {

        Case(String id, String kind, String path, byte[] content, Map<String, Object> opts,
                Map<String, List<String>> ops, boolean dir, boolean checkMode, int waitMs) {
            this(id, kind, path, content, opts, ops, dir, checkMode, waitMs, null);
        }

        static Case read(String id, byte[] content, Map<String, Object> opts) {
            return new Case(id, "read", "f", content, opts, Map.of(), false, false, 0);
        }

        static Case write(String id, byte[] content, Map<String, Object> opts, Map<String, List<String>> ops) {
            return new Case(id, "write", "f", content, opts, ops, false, false, 0);
        }

        Case withOps(Map<String, List<String>> o) {
            return new Case(id, kind, path, content, opts, o, dir, checkMode, waitMs, link);
        }

        Case atPath(String p, boolean isDir) {
            return new Case(id, kind, p, content, opts, ops, isDir, checkMode, waitMs, link);
        }

        Case checkingMode() {
            return new Case(id, kind, path, content, opts, ops, dir, true, waitMs, link);
        }

        /** For streams that never emit 'close' (emitClose false): how long Node waits instead. */
        Case waiting(int ms) {
            return new Case(id, kind, path, content, opts, ops, dir, checkMode, ms, link);
        }

        /** {@code path} is made a symbolic link to {@code target} (relative to the case folder unless absolute). */
        Case linkedTo(String target) {
            return new Case(id, kind, path, content, opts, ops, dir, checkMode, waitMs, target);
        }

        /** The path handed to createXStream: under the case folder, or as given after a {@code !}. */
        String pathIn(Path base) {
            return path.startsWith("!") ? path.substring(1) : base + "/" + id + "/" + path;
        }

        String json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("kind", kind);
            m.put("path", path);
            m.put("opts", opts);
            m.put("ops", ops);
            m.put("checkMode", checkMode);
            m.put("waitMs", waitMs);
            return toJson(m);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Node side

    private static final String SCRIPT = """
            const fs = require('fs');
            const lines = fs.readFileSync(0, 'utf8').split('\\n').filter(Boolean);
            const base = lines.shift();
            const hash = (b) => { let h = 0; for (const x of b) h = (Math.imul(h, 31) + x) | 0; return h; };
            const show = (b) => b.length <= 48 ? b.toString('hex') : '#' + hash(b);
            const chunkText = (d) => typeof d === 'string'
              ? 's' + d.length + ':' + show(Buffer.from(d, 'utf16le')) : 'b' + d.length + ':' + show(d);
            const clean = (s) => String(s).split(base).join('$D').replace(/\\n/g, '\\\\n');
            const errText = (e) => e == null ? 'null' : (e.code || e.name) + ':' + clean(e.message);
            async function runCase(c) {
              const log = [];
              const file = c.path.startsWith('!') ? c.path.slice(1) : base + '/' + c.id + '/' + c.path;
              const isR = c.kind === 'read';
              let s;
              const ac = new AbortController();
              if (c.opts.signal) c.opts.signal = ac.signal;
              try { s = isR ? fs.createReadStream(file, c.opts) : fs.createWriteStream(file, c.opts); }
              catch (e) { log.push('throw:' + errText(e)); return finish(c, file, log); }
              log.push('created pending=' + s.pending);
              const counter = () => isR ? 'br=' + s.bytesRead : 'bw=' + s.bytesWritten;
              let done; const closed = new Promise((r) => { done = r; });
              let wi = 0, ei = 0, nData = 0;
              const fire = (t) => { for (const op of (c.ops[t] || [])) doOp(op); };
              function doOp(op) {
                const k = op.indexOf(':');
                const name = k < 0 ? op : op.slice(0, k);
                const arg = k < 0 ? '' : op.slice(k + 1);
                try {
                  switch (name) {
                    case 'write': { const i = wi++; const r = s.write(Buffer.from(arg, 'hex'), (e) => log.push('wcb' + i + ':' + errText(e))); log.push('w' + i + '=' + r); break; }
                    case 'writes': { const i = wi++; const r = s.write(Buffer.from(arg, 'hex').toString('utf8'), (e) => log.push('wcb' + i + ':' + errText(e))); log.push('w' + i + '=' + r); break; }
                    case 'writeenc': { const j = arg.indexOf(':'); const i = wi++; const r = s.write(Buffer.from(arg.slice(j + 1), 'hex').toString('utf8'), arg.slice(0, j), (e) => log.push('wcb' + i + ':' + errText(e))); log.push('w' + i + '=' + r); break; }
                    case 'end': { const i = ei++; s.end((e) => log.push('endcb' + i + ':' + errText(e))); break; }
                    case 'endw': { const i = ei++; s.end(Buffer.from(arg, 'hex'), (e) => log.push('endcb' + i + ':' + errText(e))); break; }
                    case 'destroy': s.destroy(); break;
                    case 'destroyerr': s.destroy(new Error('boom')); break;
                    case 'pause': s.pause(); break;
                    case 'resume': s.resume(); break;
                    case 'close': s.close((e) => log.push('closecb:' + errText(e))); break;
                    case 'props': log.push('props pending=' + s.pending + ' ' + counter()); break;
                    case 'writenum': { const i = wi++; const r = s.write(123, (e) => log.push('wcb' + i + ':' + errText(e))); log.push('w' + i + '=' + r); break; }
                    case 'writenull': { const i = wi++; const r = s.write(null, (e) => log.push('wcb' + i + ':' + errText(e))); log.push('w' + i + '=' + r); break; }
                    case 'cork': s.cork(); break;
                    case 'abort': ac.abort(); break;
                    case 'uncork': s.uncork(); break;
                    case 'setenc': s.setDefaultEncoding(arg); break;
                    case 'read': { const d = s.read(Number(arg)); log.push('read=' + (d === null ? 'null' : chunkText(d))); break; }
                    case 'readall': { let d; while ((d = s.read()) !== null) log.push('read=' + chunkText(d)); log.push('read=null'); break; }
                    case 'status': log.push('status len=' + s.readableLength + ' ended=' + s.readableEnded + ' flowing=' + s.readableFlowing); break;
                    case 'imm': setImmediate(() => doOp(arg)); break;
                    default: throw new Error('unknown op ' + op);
                  }
                } catch (e) { log.push('opthrow:' + errText(e)); }
              }
              s.on('open', () => { log.push('open pending=' + s.pending); fire('open'); });
              s.on('ready', () => { log.push('ready'); fire('ready'); });
              if (isR && c.ops.readable) s.on('readable', () => { log.push('readable'); fire('readable'); });
              else if (isR) s.on('data', (d) => { log.push('data:' + chunkText(d)); if (nData++ === 0) fire('data1'); });
              s.on('end', () => { log.push('end ' + counter()); fire('end'); });
              s.on('finish', () => { log.push('finish ' + counter()); fire('finish'); });
              s.on('drain', () => { log.push('drain'); fire('drain'); });
              s.on('error', (e) => { log.push('error:' + errText(e)); fire('error'); });
              s.on('close', () => { log.push('close pending=' + s.pending + ' ' + counter()); fire('close'); done(); });
              fire('sync');
              let timer;
              await Promise.race([closed, new Promise((r) => { timer = setTimeout(r, c.waitMs > 0 ? c.waitMs : 5000); })]);
              clearTimeout(timer);
              // stragglers after 'close' (late callbacks) come within a few turns of the loop
              for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
              return finish(c, file, log);
            }
            function finish(c, file, log) {
              file = file.replace(/[/]+$/, '');
              if (!c.path.startsWith('!') && (c.kind === 'write' || (c.opts.flags && c.opts.flags !== 'r'))) {
                let st = null;
                try { st = fs.statSync(file); } catch (e) { }
                log.push('file:' + (st == null ? 'absent' : st.isDirectory() ? 'dir' : show(fs.readFileSync(file))));
                if (c.checkMode && st) log.push('mode:' + (st.mode & 0o777).toString(8));
              }
              return log;
            }
            (async () => {
              const out = [];
              for (const l of lines) out.push((await runCase(JSON.parse(l))).join(' | '));
              process.stdout.write(out.join('\\n') + '\\n');
            })();
            """;

    /** Prepares every case under {@code base} and returns Node's log line for each, in order. */
    static List<String> node(Path base, List<Case> cases) {
        prepareAll(base, cases);
        StringBuilder in = new StringBuilder(base.toString()).append('\n');
        for (Case c : cases) {
            in.append(c.json()).append('\n');
        }
        String out = new String(NodeOracle.runRaw(SCRIPT, in.toString().getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8);
        List<String> lines = List.of(out.split("\n", -1)).subList(0, cases.size());
        return lines;
    }

    static void prepareAll(Path base, List<Case> cases) {
        try {
            for (Case c : cases) {
                Path d = base.resolve(c.id());
                Files.createDirectories(d);
                if (c.link() != null) {
                    Files.createSymbolicLink(d.resolve(c.path()), Path.of(c.link()));
                } else if (c.dir()) {
                    Files.createDirectories(d.resolve(c.path()));
                } else if (c.content() != null) {
                    Files.write(d.resolve(c.path()), c.content());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Java side

    /** The result of one Java run: its log line and the descriptor counts around it. */
    record JavaRun(String log, int fdsBefore, int fdsAfter) {}

    /**
     * Runs {@code c} (already prepared under {@code base}) on a fresh event loop, on its own
     * thread with a 10 s limit so that a stream that never settles shows up as {@code HANG}
     * rather than blocking the suite.
     */
    static JavaRun java(Path base, Case c) {
        int before = FsTesting.openDescriptors();
        List<String> log = new ArrayList<>();
        CompletableFuture<Void> f = new CompletableFuture<>();
        Thread t = Thread.ofPlatform().daemon().name("fsfuzz-" + c.id()).start(() -> {
            try {
                EventLoop.run(() -> runCase(base, c, log));
                f.complete(null);
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        String line;
        try {
            f.get(10, TimeUnit.SECONDS);
            synchronized (log) {
                finish(base, c, log);
                line = String.join(" | ", log);
            }
        } catch (TimeoutException e) {
            t.interrupt();
            synchronized (log) {
                line = String.join(" | ", log) + " | HANG";
            }
        } catch (Exception e) {
            synchronized (log) {
                line = String.join(" | ", log) + " | LOOP-THREW:" + e.getCause();
            }
        }
        return new JavaRun(line.replace(base.toString(), "$D"), before, FsTesting.openDescriptors());
    }

    private static void finish(Path base, Case c, List<String> log) {
        Object flags = c.opts().get("flags");
        if (!c.kind().equals("write") && (flags == null || flags.equals("r"))) {
            return;
        }
        if (c.path().startsWith("!")) {
            return;
        }
        Path file = base.resolve(c.id()).resolve(c.path());
        if (!Files.exists(file)) {
            log.add("file:absent");
            return;
        }
        if (Files.isDirectory(file)) {
            log.add("file:dir");
            return;
        }
        log.add("file:" + show(FsTesting.read(file)));
        if (c.checkMode()) {
            try {
                String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
                int mode = 0;
                for (int i = 0; i < 9; i++) {
                    if (perms.charAt(i) != '-') {
                        mode |= 1 << (8 - i);
                    }
                }
                log.add("mode:" + Integer.toOctalString(mode));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void runCase(Path base, Case c, List<String> rawLog) {
        List<String> log = new SyncList(rawLog);
        String file = c.pathIn(base);
        boolean isR = c.kind().equals("read");
        Stream s;
        io.sluice.event.AbortController ac = new io.sluice.event.AbortController();
        try {
            if (isR) {
                ReadStreamOptions o = readOptions(c.opts());
                if (Boolean.TRUE.equals(c.opts().get("signal"))) {
                    o.signal(ac.signal());
                }
                s = Fs.createReadStream(file, o);
            } else {
                WriteStreamOptions o = writeOptions(c.opts());
                if (Boolean.TRUE.equals(c.opts().get("signal"))) {
                    o.signal(ac.signal());
                }
                s = Fs.createWriteStream(file, o);
            }
        } catch (RuntimeException e) {
            log.add("throw:" + errText(e));
            return;
        }
        ReadStream<Object> r = isR ? (ReadStream<Object>) s : null;
        WriteStream w = isR ? null : (WriteStream) s;
        Runner run = new Runner(c, r, w, log, ac);
        log.add("created pending=" + run.pending());
        s.on(ReadStream.OPEN, ch -> {
            log.add("open pending=" + run.pending());
            run.fire("open");
        });
        s.on(ReadStream.READY, v -> {
            log.add("ready");
            run.fire("ready");
        });
        if (isR && c.ops().containsKey("readable")) {
            s.on(ReadableStream.READABLE, v -> {
                log.add("readable");
                run.fire("readable");
            });
        } else if (isR) {
            int[] nData = {0};
            s.on(ReadableStream.DATA, d -> {
                log.add("data:" + chunkText(d));
                if (nData[0]++ == 0) {
                    run.fire("data1");
                }
            });
        }
        if (isR) {
            s.on(ReadableStream.END, v -> {
                log.add("end " + run.counter());
                run.fire("end");
            });
        } else {
            s.on(Writable.FINISH, v -> {
                log.add("finish " + run.counter());
                run.fire("finish");
            });
            s.on(Writable.DRAIN, v -> {
                log.add("drain");
                run.fire("drain");
            });
        }
        s.on(EventEmitter.ERROR, e -> {
            log.add("error:" + errText(e));
            run.fire("error");
        });
        s.on(Stream.CLOSE, v -> {
            log.add("close pending=" + run.pending() + " " + run.counter());
            run.fire("close");
        });
        run.fire("sync");
    }

    /** The log list is read by the test thread after the loop thread is done, or on a hang. */
    private static final class SyncList extends java.util.AbstractList<String> {
        private final List<String> inner;

        SyncList(List<String> inner) {
            this.inner = inner;
        }

        @Override
        public boolean add(String s) {
            synchronized (inner) {
                return inner.add(s);
            }
        }

        @Override
        public String get(int i) {
            synchronized (inner) {
                return inner.get(i);
            }
        }

        @Override
        public int size() {
            synchronized (inner) {
                return inner.size();
            }
        }
    }

    /** Interprets a case's operations against one Java stream, as the Node script's doOp. */
    private static final class Runner {
        private final Case c;
        private final ReadStream<Object> r;
        private final WriteStream w;
        private final List<String> log;
        private final io.sluice.event.AbortController ac;
        private int wi;
        private int ei;

        Runner(Case c, ReadStream<Object> r, WriteStream w, List<String> log, io.sluice.event.AbortController ac) {
            this.ac = ac;
            this.c = c;
            this.r = r;
            this.w = w;
            this.log = log;
        }

        boolean pending() {
            return r != null ? r.pending() : w.pending();
        }

        String counter() {
            return r != null ? "br=" + r.bytesRead() : "bw=" + w.bytesWritten();
        }

        void fire(String trigger) {
            for (String op : c.ops().getOrDefault(trigger, List.of())) {
                doOp(op);
            }
        }

        private Callback cb(String prefix) {
            return e -> log.add(prefix + ":" + errText(e));
        }

        void doOp(String op) {
            int k = op.indexOf(':');
            String name = k < 0 ? op : op.substring(0, k);
            String arg = k < 0 ? "" : op.substring(k + 1);
            try {
                switch (name) {
                    case "write" -> {
                        int i = wi++;
                        boolean ret = w.write(Buffer.from(HexFormat.of().parseHex(arg)), cb("wcb" + i));
                        log.add("w" + i + "=" + ret);
                    }
                    case "writes" -> {
                        int i = wi++;
                        boolean ret = w.write(utf8(arg), cb("wcb" + i));
                        log.add("w" + i + "=" + ret);
                    }
                    case "writeenc" -> {
                        int j = arg.indexOf(':');
                        int i = wi++;
                        boolean ret = w.write(utf8(arg.substring(j + 1)), arg.substring(0, j), cb("wcb" + i));
                        log.add("w" + i + "=" + ret);
                    }
                    case "end" -> w.end(cb("endcb" + ei++));
                    case "endw" -> w.end(Buffer.from(HexFormat.of().parseHex(arg)), cb("endcb" + ei++));
                    case "destroy" -> {
                        if (r != null) {
                            r.destroy();
                        } else {
                            w.destroy();
                        }
                    }
                    case "destroyerr" -> {
                        RuntimeException boom = new RuntimeException("boom");
                        if (r != null) {
                            r.destroy(boom);
                        } else {
                            w.destroy(boom);
                        }
                    }
                    case "pause" -> r.pause();
                    case "resume" -> r.resume();
                    case "close" -> {
                        if (r != null) {
                            r.close(cb("closecb"));
                        } else {
                            w.close(cb("closecb"));
                        }
                    }
                    case "props" -> log.add("props pending=" + pending() + " " + counter());
                    case "writenum" -> {
                        int i = wi++;
                        boolean ret = w.write(123, cb("wcb" + i));
                        log.add("w" + i + "=" + ret);
                    }
                    case "writenull" -> {
                        int i = wi++;
                        boolean ret = w.write(null, cb("wcb" + i));
                        log.add("w" + i + "=" + ret);
                    }
                    case "cork" -> w.cork();
                    case "abort" -> ac.abort();
                    case "uncork" -> w.uncork();
                    case "setenc" -> w.setDefaultEncoding(arg);
                    case "read" -> {
                        Object d = r.read(Long.parseLong(arg));
                        log.add("read=" + (d == null ? "null" : chunkText(d)));
                    }
                    case "readall" -> {
                        for (Object d; (d = r.read()) != null; ) {
                            log.add("read=" + chunkText(d));
                        }
                        log.add("read=null");
                    }
                    case "status" -> log.add("status len=" + r.readableLength() + " ended=" + r.readableEnded()
                            + " flowing=" + r.readableFlowing());
                    case "imm" -> EventLoop.current().setImmediate(() -> doOp(arg));
                    default -> throw new IllegalArgumentException("unknown op " + op);
                }
            } catch (RuntimeException e) {
                log.add("opthrow:" + errText(e));
            }
        }
    }

    private static String utf8(String hex) {
        return new String(HexFormat.of().parseHex(hex), StandardCharsets.UTF_8);
    }

    private static ReadStreamOptions readOptions(Map<String, Object> o) {
        ReadStreamOptions r = ReadStreamOptions.create();
        o.forEach((k, v) -> {
            switch (k) {
                case "start" -> r.start(((Number) v).longValue());
                case "end" -> r.end(((Number) v).longValue());
                case "highWaterMark" -> r.highWaterMark(((Number) v).longValue());
                case "flags" -> r.flags((String) v);
                case "mode" -> r.mode(((Number) v).intValue());
                case "encoding" -> r.encoding((String) v);
                case "autoClose" -> r.autoClose((Boolean) v);
                case "emitClose" -> r.emitClose((Boolean) v);
                case "signal" -> { }
                default -> throw new IllegalArgumentException(k);
            }
        });
        return r;
    }

    private static WriteStreamOptions writeOptions(Map<String, Object> o) {
        WriteStreamOptions w = WriteStreamOptions.create();
        o.forEach((k, v) -> {
            switch (k) {
                case "start" -> w.start(((Number) v).longValue());
                case "highWaterMark" -> w.highWaterMark(((Number) v).longValue());
                case "flags" -> w.flags((String) v);
                case "mode" -> w.mode(((Number) v).intValue());
                case "encoding" -> w.encoding((String) v);
                case "autoClose" -> w.autoClose((Boolean) v);
                case "emitClose" -> w.emitClose((Boolean) v);
                case "flush" -> w.flush((Boolean) v);
                case "signal" -> { }
                default -> throw new IllegalArgumentException(k);
            }
        });
        return w;
    }

    static String errText(Throwable e) {
        if (e == null) {
            return "null";
        }
        String code = e instanceof NodeError ne ? ne.code() : "Error";
        return code + ":" + String.valueOf(e.getMessage()).replace("\n", "\\n");
    }

    static String chunkText(Object d) {
        if (d instanceof Buffer b) {
            byte[] bytes = b.toByteArray();
            return "b" + bytes.length + ":" + show(bytes);
        }
        String s = (String) d;
        // not getBytes(UTF_16LE): it would replace a lone surrogate, which Node passes through
        return "s" + s.length() + ":" + show(NodeOracle.utf16(s));
    }

    /** Hex up to 48 bytes, else the same 31-multiplier hash the Node script computes. */
    static String show(byte[] b) {
        if (b.length <= 48) {
            return HexFormat.of().formatHex(b);
        }
        int h = 0;
        for (byte x : b) {
            h = h * 31 + (x & 0xFF);
        }
        return "#" + h;
    }

    // ---------------------------------------------------------------------------------------------

    static String toJson(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String s) {
            StringBuilder sb = new StringBuilder("\"");
            for (char ch : s.toCharArray()) {
                switch (ch) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    default -> {
                        if (ch < 0x20) {
                            sb.append(String.format("\\u%04x", (int) ch));
                        } else {
                            sb.append(ch);
                        }
                    }
                }
            }
            return sb.append('"').toString();
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            m.forEach((k, x) -> sb.append(sb.length() > 1 ? "," : "").append(toJson(k.toString())).append(':').append(toJson(x)));
            return sb.append('}').toString();
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (Object x : l) {
                sb.append(sb.length() > 1 ? "," : "").append(toJson(x));
            }
            return sb.append(']').toString();
        }
        throw new IllegalArgumentException(v.getClass().toString());
    }
}
