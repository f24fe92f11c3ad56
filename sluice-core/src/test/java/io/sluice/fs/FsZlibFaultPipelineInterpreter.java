package io.sluice.fs;

import io.sluice.buffer.Buffer;
import io.sluice.error.NodeError;
import io.sluice.event.AbortController;
import io.sluice.loop.EventLoop;
import io.sluice.stream.PassThrough;
import io.sluice.stream.PipelineOptions;
import io.sluice.stream.ReadableStream;
import io.sluice.stream.Stream;
import io.sluice.stream.StreamOptions;
import io.sluice.stream.Streams;
import io.sluice.stream.Transform;
import io.sluice.stream.TransformCallback;
import io.sluice.zlib.Zlib;
import io.sluice.zlib.ZlibConstants;
import io.sluice.zlib.ZlibException;
import io.sluice.zlib.ZlibLeakProbe;
import io.sluice.zlib.ZlibOptions;
import io.sluice.zlib.ZlibStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * The Sluice side of {@link FsZlibFaultPipelineRandomTest}: runs one spec on a fresh event loop
 * ({@code Fs.createReadStream} → zlib/Transform stages → {@code Fs.createWriteStream} through
 * {@code Streams.pipeline}) and answers the outcome string the node script answers, plus the
 * leak and model violations seen after the run (descriptors, IoWorker and zlib helper threads,
 * engines not ended, stages never closed, a failed destination that is not a prefix of the
 * expected output).
 */
final class FsZlibFaultPipelineInterpreter {
    private FsZlibFaultPipelineInterpreter() {}

    /** One run: the outcome string compared with node's, and Sluice-only violations (empty when clean). */
    record Run(String outcome, List<String> violations) {}

    /** A parsed spec (the grammar is on the test class). */
    static final class Spec {
        String src;
        Long start;
        Long end;
        Long hwm;
        final List<String> stages = new ArrayList<>();
        String dest;
        char faultKind;
        int faultTarget = -1;
        int faultK;

        static Spec parse(String spec) {
            Spec p = new Spec();
            for (String t : spec.split(" ")) {
                switch (t.charAt(0)) {
                    case 'F' -> p.src = t.substring(1);
                    case 'r' -> {
                        String[] ab = t.substring(1).split("-", -1);
                        p.start = ab[0].isEmpty() ? null : Long.parseLong(ab[0]);
                        p.end = ab[1].isEmpty() ? null : Long.parseLong(ab[1]);
                    }
                    case 'h' -> p.hwm = Long.parseLong(t.substring(1));
                    case 'W' -> p.dest = t.substring(1);
                    case '!' -> {
                        int at = t.indexOf('@');
                        p.faultKind = t.charAt(1);
                        p.faultTarget = p.faultKind == 'a' || p.faultKind == 'A' ? -1 : Integer.parseInt(t.substring(2, at));
                        p.faultK = Integer.parseInt(t.substring(at + 1));
                    }
                    default -> p.stages.add(t);
                }
            }
            return p;
        }

        /** The destination's open flags ({@code W<flags>[P<n>]}); 'w' for the missing-folder and folder cases. */
        String flags() {
            if (dest.equals("m") || dest.equals("d")) {
                return "w";
            }
            int pi = dest.indexOf('P');
            return pi < 0 ? dest : dest.substring(0, pi);
        }

        /** Bytes already in the destination before the run ({@code P<n>}), 0 when none. */
        int preLength() {
            int pi = dest.indexOf('P');
            return pi < 0 ? 0 : Integer.parseInt(dest.substring(pi + 1));
        }

        int fileSize() {
            return src.equals("m") || src.equals("d") ? -1 : Integer.parseInt(src.substring(0, src.length() - 1));
        }

        /** Compressors whose output reaches the file, in order; null when a decompressor has no matching compressor. */
        List<Character> unmatched() {
            List<Character> st = new ArrayList<>();
            for (String t : stages) {
                char c = t.charAt(0);
                if (c == 'g' || c == 'd' || c == 'b') {
                    st.add(c);
                } else if (c == 'G' || c == 'D' || c == 'B') {
                    if (!st.isEmpty() && st.getLast() == Character.toLowerCase(c)) {
                        st.removeLast();
                    } else {
                        return null;
                    }
                }
            }
            return st;
        }

        boolean hasCorrupter() {
            return stages.stream().anyMatch(t -> t.charAt(0) == 'c');
        }
    }

    static Path srcPath(Path dir, Spec p) {
        return dir.resolve(p.src.equals("m") ? "missing" : p.src.equals("d") ? "adir" : "src");
    }

    static Path destPath(Path dir, Spec p) {
        return p.dest.equals("m") ? dir.resolve("missing").resolve("out") : dir.resolve(p.dest.equals("d") ? "outdir" : "out");
    }

    /** Node's error as the outcome shows it: name/code/message/errno/syscall. */
    static String desc(Throwable e) {
        while (e instanceof CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        String name = e instanceof NodeError ne ? ne.nodeName() : "Error";
        String code = e instanceof NodeError ne && ne.code() != null ? ne.code() : "";
        String errno = e instanceof FsException fe ? String.valueOf(fe.errno())
                : e instanceof ZlibException ze ? String.valueOf(ze.errno()) : "";
        String syscall = e instanceof FsException fe && fe.syscall() != null ? fe.syscall() : "";
        return "err " + name + "/" + code + "/" + e.getMessage() + "/" + errno + "/" + syscall;
    }

    // ---------------------------------------------------------------------------------------------
    // Stages.

    /** Re-chunks into {@code n}-byte pieces; at its k-th transform call it fails as the spec's fault says. */
    private static Transform<Buffer, Buffer> rechunk(int n, int idx, Spec p) {
        List<Buffer> pending = new ArrayList<>();
        int[] len = {0};
        int[] calls = {0};
        return new Transform<>(StreamOptions.create()
                .doTransform((Transform<Buffer, Buffer> self, Buffer chunk, String enc, TransformCallback<Buffer> cb) -> {
                    calls[0]++;
                    if (p.faultTarget == idx && p.faultK == calls[0]) {
                        if (p.faultKind == 'e') {
                            cb.done(new RuntimeException("boom"));
                            return;
                        }
                        if (p.faultKind == 'x') {
                            throw new RuntimeException("boom");
                        }
                    }
                    pending.add(chunk);
                    len[0] += chunk.length();
                    if (len[0] >= n) {
                        Buffer all = Buffer.concat(pending);
                        int off = 0;
                        for (; all.length() - off >= n; off += n) {
                            self.push(all.subarray(off, off + n));
                        }
                        pending.clear();
                        pending.add(all.subarray(off));
                        len[0] = all.length() - off;
                    }
                    cb.done();
                })
                .doFlush((Transform<Buffer, Buffer> self, TransformCallback<Buffer> cb) -> {
                    if (len[0] > 0) {
                        self.push(Buffer.concat(pending));
                    }
                    cb.done();
                }));
    }

    /** {@code f}: flips the first byte; {@code e<j>}: flips the j-th byte from the end; {@code u<j>}: drops the last j bytes. */
    private static Transform<Buffer, Buffer> corrupter(char mode, int j) {
        boolean[] first = {true};
        byte[][] tail = {new byte[0]};
        return new Transform<>(StreamOptions.create()
                .doTransform((Transform<Buffer, Buffer> self, Buffer chunk, String enc, TransformCallback<Buffer> cb) -> {
                    if (mode == 'f') {
                        if (first[0] && chunk.length() > 0) {
                            byte[] b = chunk.toByteArray();
                            b[0] ^= (byte) 0xff;
                            chunk = Buffer.wrap(b);
                            first[0] = false;
                        }
                        cb.done(null, chunk);
                        return;
                    }
                    byte[] c = chunk.toByteArray();
                    byte[] all = Arrays.copyOf(tail[0], tail[0].length + c.length);
                    System.arraycopy(c, 0, all, tail[0].length, c.length);
                    int cut = Math.max(0, all.length - j);
                    tail[0] = Arrays.copyOfRange(all, cut, all.length);
                    if (cut > 0) {
                        self.push(Buffer.wrap(all, 0, cut));
                    }
                    cb.done();
                })
                .doFlush((Transform<Buffer, Buffer> self, TransformCallback<Buffer> cb) -> {
                    if (mode == 'e' && tail[0].length > 0) {
                        tail[0][0] ^= (byte) 0xff;
                        self.push(Buffer.wrap(tail[0]));
                    }
                    cb.done();
                }));
    }

    private static Stream makeStage(String t, int idx, Spec p) {
        char c = t.charAt(0);
        int mi = t.indexOf('m');
        ZlibOptions mo = ZlibOptions.create();
        if (mi > 0) {
            mo.maxOutputLength(Long.parseLong(t.substring(mi + 1)));
        }
        return switch (c) {
            case 'g' -> Zlib.createGzip(ZlibOptions.create().level(Integer.parseInt(t.substring(1))));
            case 'd' -> Zlib.createDeflate(ZlibOptions.create().level(Integer.parseInt(t.substring(1))));
            case 'b' -> Zlib.createBrotliCompress(ZlibOptions.create()
                    .brotliParam(ZlibConstants.BROTLI_PARAM_QUALITY, Integer.parseInt(t.substring(1))));
            case 'G' -> Zlib.createGunzip(mo);
            case 'D' -> Zlib.createInflate(mo);
            case 'B' -> Zlib.createBrotliDecompress(mo);
            case 'p' -> new PassThrough<Buffer>();
            case 't' -> rechunk(Integer.parseInt(t.substring(1)), idx, p);
            case 'c' -> corrupter(t.charAt(1), t.length() > 2 ? Integer.parseInt(t.substring(2)) : 0);
            default -> throw new IllegalArgumentException("bad stage " + t);
        };
    }

    // ---------------------------------------------------------------------------------------------
    // Running.

    /** Runs {@code spec} in {@code dir} (already prepared: source, destination's prior content). */
    static Run run(Path dir, String spec) {
        Spec p = Spec.parse(spec);
        int fdBase = FsTesting.openDescriptors();
        int workerBase = IoWorker.LIVE.get();
        long codecBase = ZlibLeakProbe.liveCodecs();
        int n = p.stages.size() + 2;
        List<Stream> streams = new ArrayList<>();
        char[] closed = new char[n];
        Arrays.fill(closed, '0');
        long[] outs = new long[n];
        Arrays.fill(outs, -1);
        String[] outcome = {"hang"};
        String[] uncaught = {null};
        List<String> violations = new ArrayList<>();
        try {
            EventLoop.run(() -> {
                EventLoop loop = EventLoop.current();
                loop.setUncaughtExceptionHandler(e -> {
                    uncaught[0] = e.getMessage();
                    for (Stream s : streams) {
                        s.destroy();
                    }
                });
                try {
                    ReadStreamOptions ro = ReadStreamOptions.create();
                    if (p.start != null) {
                        ro.start(p.start);
                    }
                    if (p.end != null) {
                        ro.end(p.end);
                    }
                    if (p.hwm != null) {
                        ro.highWaterMark(p.hwm);
                    }
                    ReadStream<Buffer> in = Fs.createReadStream(srcPath(dir, p), ro);
                    streams.add(in);
                    for (int i = 0; i < p.stages.size(); i++) {
                        streams.add(makeStage(p.stages.get(i), i + 1, p));
                    }
                    streams.add(Fs.createWriteStream(destPath(dir, p), WriteStreamOptions.create().flags(p.flags())));
                } catch (RuntimeException e) {
                    outcome[0] = "threw " + desc(e).substring(4);
                    // Stages made before the throw are not piped: destroy them, as the leak check expects nothing open.
                    for (Stream s : streams) {
                        s.destroy();
                    }
                    return;
                }
                for (int i = 0; i < n; i++) {
                    int idx = i;
                    Stream s = streams.get(i);
                    s.onClose(() -> {
                        closed[idx] = '1';
                        if (!s.destroyed()) {
                            violations.add("stage " + idx + " closed without being destroyed");
                        }
                    });
                }
                for (int i = 1; i <= p.stages.size(); i++) {
                    if (p.stages.get(i - 1).indexOf('m') > 0) {
                        int idx = i;
                        outs[idx] = 0;
                        ((ZlibStream) streams.get(idx)).onData(d -> outs[idx] += d.length());
                    }
                }
                AbortController ac = new AbortController();
                if (p.faultKind == 'a' && p.faultK == 0) {
                    ac.abort();
                }
                Object[] args = new Object[n + 1];
                for (int i = 0; i < n; i++) {
                    args[i] = streams.get(i);
                }
                args[n] = PipelineOptions.create().signal(ac.signal());
                Streams.pipeline(args).whenComplete((v, e) -> outcome[0] = e == null ? "ok" : desc(e));
                if (p.faultKind == 'T') {
                    loop.setTimeout(() -> streams.get(p.faultTarget).destroy(new RuntimeException("boom")), p.faultK);
                } else if (p.faultKind == 't') {
                    loop.setTimeout(() -> streams.get(p.faultTarget).destroy(), p.faultK);
                } else if (p.faultKind == 'A') {
                    loop.setTimeout(ac::abort, p.faultK);
                } else if (p.faultKind == 'D' || p.faultKind == 'd' || (p.faultKind == 'a' && p.faultK > 0)) {
                    int[] chunks = {0};
                    streams.get(0).on(ReadableStream.DATA, d -> {
                        if (++chunks[0] != p.faultK) {
                            return;
                        }
                        if (p.faultKind == 'a') {
                            ac.abort();
                        } else {
                            streams.get(p.faultTarget).destroy(p.faultKind == 'D' ? new RuntimeException("boom") : null);
                        }
                    });
                }
            });
        } catch (RuntimeException e) {
            violations.add("loop threw " + e);
        }
        if (!outcome[0].startsWith("threw")) {
            // Every stage must end destroyed and closed, whatever failed (autoDestroy or the pipeline).
            for (int i = 0; i < n; i++) {
                if (closed[i] != '1') {
                    violations.add("stage " + i + " never closed");
                }
            }
        }
        List<Character> um = p.unmatched();
        String dest = destState(destPath(dir, p), um);
        StringBuilder mo = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (outs[i] >= 0) {
                mo.append(" mo").append(i).append('=').append(outs[i]);
            }
        }
        String out = (uncaught[0] != null ? "uncaught " + uncaught[0] + " " : "") + outcome[0] + " | closed="
                + new String(closed, 0, outcome[0].startsWith("threw") ? streams.size() : n) + " | dest=" + dest + " |" + mo;
        checkLeaks(streams, fdBase, workerBase, codecBase, 300, violations);
        checkModel(dir, p, outcome[0], violations);
        return new Run(out, violations);
    }

    /**
     * Descriptors, IoWorkers, zlib engines and helper threads back to their level before the run,
     * polled for up to {@code polls} × 10 ms (a close or a worker's exit may still be under way).
     */
    static void checkLeaks(List<Stream> streams, int fdBase, int workerBase, long codecBase, int polls, List<String> violations) {
        for (int i = 0; i < polls; i++) {
            if (FsTesting.openDescriptors() <= fdBase && IoWorker.LIVE.get() == workerBase
                    && ZlibLeakProbe.liveCodecs() == codecBase && ZlibLeakProbe.helperThreads() == 0) {
                break;
            }
            sleep(10);
        }
        int fds = FsTesting.openDescriptors();
        if (fds > fdBase) {
            violations.add("descriptors " + fdBase + " -> " + fds);
        }
        if (IoWorker.LIVE.get() != workerBase) {
            violations.add("IoWorkers " + workerBase + " -> " + IoWorker.LIVE.get());
        }
        if (ZlibLeakProbe.liveCodecs() != codecBase) {
            violations.add("live codecs " + codecBase + " -> " + ZlibLeakProbe.liveCodecs());
        }
        if (ZlibLeakProbe.helperThreads() != 0) {
            violations.add("zlib helper threads " + ZlibLeakProbe.helperThreads());
        }
        for (int i = 0; i < streams.size(); i++) {
            if (streams.get(i) instanceof ZlibStream z && !ZlibLeakProbe.codecEnded(z)) {
                violations.add("stage " + i + " engine not ended");
            }
        }
    }

    /**
     * Sluice-only checks against the model (node cannot pin these): a success writes exactly
     * the expected bytes; a failure of a pipeline with no compressed output reaching the file
     * leaves the prior content with some prefix of the expected output written over it.
     */
    private static void checkModel(Path dir, Spec p, String outcome, List<String> violations) {
        if (p.fileSize() < 0 || p.dest.equals("m") || p.dest.equals("d") || outcome.startsWith("threw")) {
            return;
        }
        if ((p.faultKind == 'd' || p.faultKind == 't') && p.faultTarget == p.stages.size() + 1) {
            // destroy() of the destination drops its buffered writes, yet the pipeline may
            // resolve (Node's finished() counts an ended destination whose buffer was emptied as
            // finished): the file holds whatever was written before.
            return;
        }
        List<Character> um = p.unmatched();
        Path dest = destPath(dir, p);
        if (um == null || !um.isEmpty() || p.hasCorrupter() || !Files.isRegularFile(dest)) {
            return;
        }
        byte[] src = FsTesting.read(dir.resolve("src"));
        int size = src.length;
        long s = p.start == null ? 0 : p.start;
        long e = p.end == null ? Integer.MAX_VALUE : p.end;
        byte[] slice = s >= size || e < s ? new byte[0] : Arrays.copyOfRange(src, (int) s, (int) Math.min((long) size, e + 1));
        byte[] pre = preContent(p.preLength());
        byte[] got = FsTesting.read(dest);
        String flags = p.flags();
        if (outcome.equals("ok")) {
            byte[] want = apply(flags, pre, slice, slice.length);
            if (!Arrays.equals(want, got)) {
                violations.add("model: destination has " + got.length + " bytes, expected " + want.length);
            }
            return;
        }
        if (!outcome.startsWith("err") || flags.equals("wx") && pre.length > 0) {
            return;
        }
        // Some prefix of the output was written: find the k that explains the file.
        int k = flags.equals("a") ? got.length - pre.length : flags.equals("r+") ? -1 : got.length;
        if (k == -1) {
            // r+ writes over the prior content from offset 0: the file is out[0, k) then pre[k, ...)
            // for some k. Such a k exists iff the file's common prefix with the output reaches
            // the point from which it equals the prior content (linear, for files of MiBs).
            if (got.length > pre.length) {
                k = got.length;
            } else {
                int m = Arrays.mismatch(got, slice);
                m = m < 0 ? got.length : m;
                int q = got.length;
                while (q > 0 && got[q - 1] == pre[q - 1]) {
                    q--;
                }
                if (got.length != pre.length || q > m) {
                    violations.add("model: failed r+ destination is not the prior content overwritten by a prefix");
                }
                return;
            }
        }
        if (k < 0 || k > slice.length || !Arrays.equals(apply(flags, pre, slice, k), got)) {
            violations.add("model: failed destination (" + got.length + " bytes) is not prior content + a prefix of the output");
        }
    }

    /** The file after writing the first {@code k} bytes of {@code out} over {@code pre} with {@code flags}. */
    static byte[] apply(String flags, byte[] pre, byte[] out, int k) {
        return switch (flags) {
            case "a" -> {
                byte[] r = Arrays.copyOf(pre, pre.length + k);
                System.arraycopy(out, 0, r, pre.length, k);
                yield r;
            }
            case "r+" -> {
                byte[] r = Arrays.copyOf(pre, Math.max(pre.length, k));
                System.arraycopy(out, 0, r, 0, k);
                yield r;
            }
            default -> Arrays.copyOf(out, k);
        };
    }

    /** The destination's content before the run, {@code P<n>}: n deterministic bytes. */
    static byte[] preContent(int n) {
        return FsTesting.randomBytes(n, 4242);
    }

    static String destState(Path path, List<Character> um) {
        if (Files.isDirectory(path)) {
            return "dir";
        }
        if (!Files.exists(path)) {
            return "none";
        }
        byte[] b = FsTesting.read(path);
        if (um == null) {
            return "file";
        }
        if (um.isEmpty()) {
            return "file " + b.length + " " + sha(b);
        }
        try {
            Buffer d = Buffer.wrap(b);
            for (int i = um.size() - 1; i >= 0; i--) {
                d = switch (um.get(i)) {
                    case 'g' -> Zlib.gunzipSync(d);
                    case 'd' -> Zlib.inflateSync(d);
                    default -> Zlib.brotliDecompressSync(d);
                };
            }
            byte[] db = d.toByteArray();
            return "file dec " + db.length + " " + sha(db);
        } catch (RuntimeException e) {
            return "file dec ?";
        }
    }

    static String sha(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b)).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
