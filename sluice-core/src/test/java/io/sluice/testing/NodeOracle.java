package io.sluice.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs Node.js as the oracle for differential tests: one {@code node} process per batch, fed
 * a script and a binary payload, so thousands of cases cost one process start (~50 ms).
 *
 * <p>Finding node: {@code $NODE} if set, else the first executable {@code node} on
 * {@code PATH}. A test skips cleanly when there is none:
 *
 * <pre>{@code
 * Assumptions.assumeTrue(NodeOracle.available(), NodeOracle.SKIP_MESSAGE);
 * }</pre>
 *
 * <p><b>Frames.</b> {@link #run(String, List)} sends a list of byte arrays ("frames") and gets a
 * list back. On the wire each frame is a 4-byte big-endian length and its bytes, both ways.
 * The script runs after a prelude that defines these globals:
 * <ul>
 *   <li>{@code input}: an array of Buffers, the request frames;
 *   <li>{@code emit(x)}: appends a response frame; {@code x} is a Buffer/Uint8Array, or a
 *       string, which is sent as UTF-16LE (exact for any JS string, lone surrogates included);
 *   <li>{@code u16(buf)}: the JS string whose UTF-16LE bytes are {@code buf} (the inverse of
 *       what {@code emit} does with a string); pair it with {@link #utf16(String)} in Java;
 *   <li>{@code pack(list)} / {@code unpack(buf)}: nest a list of frames (Buffers or strings)
 *       into one frame and back; pair them with {@link #pack(List)} / {@link #unpack(byte[])}.
 * </ul>
 * The response frames are written when the script's synchronous code has finished. Example:
 *
 * <pre>{@code
 * List<byte[]> out = NodeOracle.run(
 *     "for (const f of input) emit(f.toString('base64'));",
 *     List.of(new byte[] {1, 2, 3}));
 * String b64 = NodeOracle.utf16(out.get(0)); // "AQID"
 * }</pre>
 *
 * <p>{@link #runRaw(String, byte[])} is the frameless form: raw stdin in, raw stdout out.
 * Failures (node exits non-zero, times out, or writes malformed frames) throw
 * {@link IllegalStateException} carrying node's stderr, so a broken script fails the test
 * rather than skipping it.
 */
public final class NodeOracle {
    /** The message for {@code assumeTrue(available(), SKIP_MESSAGE)}. */
    public static final String SKIP_MESSAGE = "node not found on PATH (or $NODE): differential test skipped";

    /** How long one batch may run before it is killed. */
    private static final long TIMEOUT_SECONDS = 120;

    private static final String PRELUDE = """
            'use strict';
            const __fs = require('fs');
            const __chunks = [];
            for (;;) {
              const b = Buffer.allocUnsafe(1 << 20);
              let n;
              try { n = __fs.readSync(0, b, 0, b.length, null); }
              catch (e) { if (e.code === 'EAGAIN') continue; if (e.code === 'EOF') break; throw e; }
              if (n === 0) break;
              __chunks.push(b.subarray(0, n));
            }
            function unpack(buf) {
              const out = [];
              for (let p = 0; p < buf.length; ) {
                const n = buf.readUInt32BE(p);
                out.push(buf.subarray(p + 4, p + 4 + n));
                p += 4 + n;
              }
              return out;
            }
            function __frame(x) {
              const b = typeof x === 'string' ? Buffer.from(x, 'utf16le') : Buffer.from(x.buffer, x.byteOffset, x.byteLength);
              const h = Buffer.allocUnsafe(4);
              h.writeUInt32BE(b.length);
              return [h, b];
            }
            function pack(list) { return Buffer.concat(list.flatMap(__frame)); }
            function u16(buf) { return Buffer.from(buf).toString('utf16le'); }
            const input = unpack(Buffer.concat(__chunks));
            const __out = [];
            function emit(x) { __out.push(...__frame(x)); }
            process.on('exit', (code) => {
              if (code !== 0) return;
              // A pipe's stdout is non-blocking in node: past ~64 KB, writeSync would fail with EAGAIN.
              if (process.stdout._handle && process.stdout._handle.setBlocking) process.stdout._handle.setBlocking(true);
              const all = Buffer.concat(__out);
              for (let p = 0; p < all.length; ) p += __fs.writeSync(1, all, p, all.length - p);
            });
            """;

    private static volatile String nodePath;
    private static volatile boolean probed;

    private NodeOracle() {}

    /** Whether a usable {@code node} was found ({@code $NODE} or {@code PATH}); probed once. */
    public static boolean available() {
        return node() != null;
    }

    /** The node executable's path, or null if there is none. */
    public static String node() {
        if (!probed) {
            synchronized (NodeOracle.class) {
                if (!probed) {
                    nodePath = find();
                    probed = true;
                }
            }
        }
        return nodePath;
    }

    private static String find() {
        String env = System.getenv("NODE");
        if (env != null && !env.isBlank() && Files.isExecutable(Path.of(env))) {
            return env;
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "node");
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    /**
     * Runs {@code script} (after the prelude described in the class documentation) with the
     * given request frames, returning the frames it {@code emit}s, in order.
     *
     * @throws IllegalStateException if node is unavailable, fails, times out or answers with
     *     malformed frames; the message includes node's stderr
     */
    public static List<byte[]> run(String script, List<byte[]> frames) {
        byte[] out = runRaw(PRELUDE + "\n" + script, pack(frames));
        return unpack(out);
    }

    /**
     * The differential tests' shape: runs {@code script} over {@code inputs} sent as string frames
     * ({@link #utf16(String)}), {@code batch} inputs per node process (so one process's time and
     * memory stay bounded), and returns the string frames it emitted, in order. The script must
     * emit exactly one string per input.
     *
     * @throws IllegalStateException as {@link #run}, or if node answered a different number of
     *     strings than it was given
     */
    public static List<String> runStrings(String script, List<String> inputs, int batch) {
        List<String> out = new ArrayList<>(inputs.size());
        for (int from = 0; from < inputs.size(); from += batch) {
            List<byte[]> in = new ArrayList<>();
            for (String s : inputs.subList(from, Math.min(inputs.size(), from + batch))) {
                in.add(utf16(s));
            }
            for (byte[] f : run(script, in)) {
                out.add(utf16(f));
            }
        }
        if (out.size() != inputs.size()) {
            throw new IllegalStateException("node answered " + out.size() + " strings for " + inputs.size() + " inputs");
        }
        return out;
    }

    /**
     * Runs {@code script} as a plain Node script with {@code stdin} as its standard input,
     * returning its standard output.
     *
     * @throws IllegalStateException if node is unavailable, exits non-zero or times out
     */
    public static byte[] runRaw(String script, byte[] stdin) {
        String node = node();
        if (node == null) {
            throw new IllegalStateException(SKIP_MESSAGE);
        }
        Path file = null;
        Process p = null;
        try {
            file = Files.createTempFile("sluice-oracle-", ".js");
            Files.writeString(file, script, StandardCharsets.UTF_8);
            p = new ProcessBuilder(node, file.toString()).start();
            Process proc = p;
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try (OutputStream os = proc.getOutputStream()) {
                    os.write(stdin);
                } catch (IOException e) {
                    // node died early; its exit code and stderr tell why
                }
            });
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(proc.getErrorStream()));
            byte[] out = readAll(proc.getInputStream());
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("node timed out after " + TIMEOUT_SECONDS + " s");
            }
            writer.join();
            String stderr = new String(err.join(), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException("node exited with " + p.exitValue() + ":\n" + stderr);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for node", e);
        } finally {
            if (p != null && p.isAlive()) {
                p.destroyForcibly();
            }
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a stray temp file is harmless
                }
            }
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            in.transferTo(buf);
            return buf.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Frames concatenated, each as a 4-byte big-endian length and its bytes. */
    public static byte[] pack(List<byte[]> frames) {
        long total = 0;
        for (byte[] f : frames) {
            total += 4 + f.length;
        }
        ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(total));
        for (byte[] f : frames) {
            b.putInt(f.length).put(f);
        }
        return b.array();
    }

    /**
     * The frames of {@code packed} (the inverse of {@link #pack(List)}).
     *
     * @throws IllegalStateException if the data is not a whole number of frames
     */
    public static List<byte[]> unpack(byte[] packed) {
        List<byte[]> frames = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(packed);
        while (b.hasRemaining()) {
            if (b.remaining() < 4) {
                throw new IllegalStateException("truncated frame header");
            }
            int n = b.getInt();
            if (n < 0 || n > b.remaining()) {
                throw new IllegalStateException("truncated frame: " + n + " bytes announced, " + b.remaining() + " left");
            }
            byte[] f = new byte[n];
            b.get(f);
            frames.add(f);
        }
        return frames;
    }

    /** The UTF-16LE bytes of {@code s}, exact for any string (lone surrogates included). */
    public static byte[] utf16(String s) {
        byte[] b = new byte[s.length() * 2];
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b[2 * i] = (byte) c;
            b[2 * i + 1] = (byte) (c >>> 8);
        }
        return b;
    }

    /**
     * The string whose UTF-16LE bytes are {@code b} (what {@code emit(string)} sent), exact for
     * any string.
     *
     * @throws IllegalArgumentException if {@code b} has an odd length
     */
    public static String utf16(byte[] b) {
        if ((b.length & 1) != 0) {
            throw new IllegalArgumentException("odd UTF-16LE length " + b.length);
        }
        char[] c = new char[b.length / 2];
        for (int i = 0; i < c.length; i++) {
            c[i] = (char) ((b[2 * i] & 0xFF) | (b[2 * i + 1] << 8));
        }
        return new String(c);
    }
}
