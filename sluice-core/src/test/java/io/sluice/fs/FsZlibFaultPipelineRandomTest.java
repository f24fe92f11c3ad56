package io.sluice.fs;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.buffer.Buffer;
import io.sluice.fs.FsZlibFaultPipelineInterpreter.Run;
import io.sluice.fs.FsZlibFaultPipelineInterpreter.Spec;
import io.sluice.testing.NodeOracle;
import io.sluice.testing.SpecShrinker;
import io.sluice.testing.TestData;
import io.sluice.zlib.Zlib;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random fault injection in long file + zlib pipelines, compared with node v20. Each seeded spec
 * builds {@code createReadStream(range, highWaterMark) → 0-3 stages → createWriteStream(flags)}
 * over a temporary file of random size (0 B to 3 MiB, often at 64 KiB boundaries), with at most
 * one fault; node runs it with {@code fs}, {@code zlib} and {@code stream/promises.pipeline},
 * Sluice with {@link Fs}, {@link Zlib} and {@code Streams.pipeline}, on the same paths (so error
 * messages carrying a path compare exactly), one after the other. Node's default highWaterMark is
 * set to Sluice's (Node 22's 64 KiB; v20's is 16 KiB) so that backpressure falls at the same points.
 *
 * <h2>Specs</h2>
 * Space-separated tokens:
 * <ul>
 *   <li>{@code F<size><t|r>} a source file of text or random bytes; {@code Fm} a missing file;
 *       {@code Fd} a directory.
 *   <li>{@code r<start>-<end>} the read range (either side may be empty); {@code h<n>} the read
 *       highWaterMark.
 *   <li>Stages: {@code g<level>} gzip, {@code d<level>} deflate, {@code b<quality>} brotli;
 *       {@code G}, {@code D}, {@code B} their decompressors, {@code m<n>} after one sets
 *       maxOutputLength; {@code p} a PassThrough; {@code t<n>} a Transform re-chunking into n-byte
 *       pieces; {@code cf} flips the first byte, {@code ce<j>} the j-th byte from the end,
 *       {@code cu<j>} drops the last j bytes (compressed-stream corruption).
 *   <li>{@code W<flags>[P<n>]} the destination with open flags {@code w}, {@code a}, {@code wx},
 *       {@code r+}, n bytes there before; {@code Wm} in a missing folder; {@code Wd} a directory.
 *   <li>At most one fault: {@code !e<i>@<k>} / {@code !x<i>@<k>} re-chunking stage i calls back
 *       Error('boom') / throws it at its k-th chunk; {@code !D<i>@<k>} / {@code !d<i>@<k>} stage i
 *       (0 the source, last the destination) is destroy(Error('boom'))ed / destroy()ed when the
 *       source emits its k-th chunk; {@code !T<i>@<ms>} / {@code !t<i>@<ms>} the same on a
 *       timer; {@code !a@<k>} the pipeline's signal is aborted at the k-th source chunk (0: before
 *       the call), {@code !A@<ms>} on a timer. Other faults live in the tokens: missing or
 *       directory source and destination, end &lt; start, {@code wx} on an existing file,
 *       {@code r+} on a missing one, corruption, maxOutputLength, a decompressor fed plain bytes
 *       or another format.
 * </ul>
 *
 * <h2>What is compared</h2>
 * The outcome: {@code ok}, or the pipeline's error as name/code/message/errno/syscall, or the
 * synchronous throw (end &lt; start); which stages emitted 'close' (once the pipeline settled
 * and, bounded, the stages closed); the destination: absent, a directory, or a file, and on
 * success its exact bytes (length and SHA-256; when compressors' output reaches the file, the
 * bytes decoded through them, as compressed bytes differ between zlib builds). On failure only
 * the destination's kind is compared: how much reached the file before the failure depends on
 * how far the asynchronous reads and writes got, in Node as in Sluice. Sluice's failed
 * destination is checked against the model instead: the prior content with some prefix of the
 * expected output written over it, per the flags. A transform that throws is an uncaught
 * exception in both: node's {@code process.on('uncaughtException')} and the loop's
 * uncaught-exception handler record it and destroy every stage.
 *
 * <h2>Rules for the nondeterministic and documented cases</h2>
 * Where Node's own outcome depends on timing, Sluice may give any of the outcomes the race allows
 * (and must give the exact bytes when it succeeds); the destroy() races were seen going both ways
 * in node itself:
 * <ul>
 *   <li>A timer fault may land before or after the pipeline completed: success, or the fault's
 *       failure ('boom', AbortError, or for destroy() the premature close and the destination's
 *       ERR_STREAM_DESTROYED below).
 *   <li>destroy() (no error) of the source in its last 'data' event: when the EOF was already
 *       buffered behind that chunk (the destination drained slower than the reads), Node's
 *       endReadableNT still emits 'end' and the pipeline succeeds; else it is a premature close.
 *       (A 50 ms Writable turns node's premature close into success.)
 *   <li>destroy() (no error) of the destination: a write in flight completes with
 *       ERR_STREAM_DESTROYED "Cannot call write(v) after a stream was destroyed" (fs WriteStream's
 *       write callbacks), which becomes the pipeline's error; writes still buffered (the open not
 *       yet done) are dropped silently and the destination closes either before its source ended
 *       (premature close) or after end() (success, though the bytes were dropped: finished()
 *       counts an ended writable with an empty buffer as finished). The model check is skipped.
 *   <li>A transform that throws: both must report the uncaught 'boom' and fail (which stream's
 *       error the pipeline sees first depends on the state the exception cut through), or, when
 *       the transform ran inside read() because its callback had been held back (its readable
 *       side full), fail with 'boom' itself: Readable.read() catches what _read throws, in Node
 *       as in Sluice, and which happens depends on how fast the next stage consumes.
 *   <li>"The k-th chunk" of a re-chunking stage is generated only before any codec: how many
 *       chunks a compressor's or decompressor's output comes in differs between zlib builds and
 *       Sluice's parallel engine, so the k-th chunk after one is not the same chunk in node.
 *   <li>Node v20 sometimes never settles (seen with destroy() on a timer of a Transform between
 *       deflate and inflate, about 1 run in 7 when the timer lands as the stage ends: the inflate
 *       and the destination are never destroyed). Sluice must settle, with an outcome of the
 *       race; nothing else is compared.
 *   <li>A Brotli decoder fed zlib output, or a zlib decoder fed Brotli output: where the decoder
 *       gives up depends on the exact compressed bytes, which differ between builds (checked by
 *       hand: given the same bytes, Sluice's decoder fails exactly as node's), so any failure
 *       will do. A zlib decoder fed the other zlib format fails on the header, compared exactly.
 *       The same for a Brotli stream whose first byte is flipped: brotli4j's encoder output differs
 *       from node's from the first byte on, so the decoder reads different bytes (truncations
 *       and the zlib formats' corruptions are compared exactly).
 * </ul>
 * Documented differences: maxOutputLength (Node's streams ignore it, only the convenience
 * methods use it; Sluice's {@code ZlibOptions.maxOutputLength} destroys the stream with RangeError
 * {@code ERR_BUFFER_TOO_LARGE} once its output passes the limit: when node's decompressor
 * produced more than the limit, Sluice must fail with that error, only the destination's kind is
 * compared); corrupt Brotli input (node's decoder code {@code ERR__ERROR_FORMAT_...} and errno are
 * compared as {@code ERR_BROTLI_DECOMPRESSION_FAILED} / -1, {@code ZlibException}'s documented
 * difference).
 *
 * <h2>Leaks</h2>
 * After every Sluice case, with a bounded poll: the process's descriptor count back to its
 * level before the case, no IoWorker or zlib helper thread left, no zlib engine left open, every
 * stage closed after being destroyed.
 *
 * <p>Knobs: {@code -Dfsfault.count} (default 300), {@code -Dfsfault.seed},
 * {@code -Dfsfault.shrink=true} (prints minimised disagreeing specs), {@code -Dfsfault.spec='a;b'}
 * (runs {@link #oneSpec}), {@code -Dfsfault.slowMs} (prints Sluice runs slower than that). Skipped cleanly when node is not installed.
 */
class FsZlibFaultPipelineRandomTest {
    private static final int K64 = 64 * 1024;
    private static boolean brotli;

    @TempDir
    static Path root;

    private static int caseNo;

    @BeforeAll
    static void warmUp() throws IOException {
        try {
            Zlib.brotliCompressSync(Buffer.wrap(new byte[] {1}));
            brotli = true;
        } catch (UnsupportedOperationException | LinkageError e) {
            brotli = false;
        }
        // Load every class these pipelines touch first, so jars opened by class loading are not
        // counted as leaked descriptors of the first case.
        List<String> warm = new ArrayList<>(List.of("F70000t g1 G Ww", "F70000t d1 t1000 D Ww", "Fm Ww", "F10t r5-2 Ww",
                "F70000t p Wm", "F100r G Wd", "F100t g1 cu3 G Ww !a@1", "F70000t t100 Ww !x1@1", "F70000t Dm10 Ww",
                "F200000t g1 Gm100 Ww", "F100000t p Ww !D0@1", "F100000t Ww !T0@1"));
        if (brotli) {
            warm.add("F1000t b1 B Ww");
            warm.add("F1000t b1 cf B Ww");
        }
        for (String s : warm) {
            Path dir = prepare(s);
            FsZlibFaultPipelineInterpreter.run(dir, s);
            delete(dir);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Case folders.

    /** A fresh folder with the spec's source and the destination's prior state. */
    static Path prepare(String spec) {
        try {
            Path dir = Files.createDirectories(root.resolve("c" + (caseNo++)));
            Spec p = Spec.parse(spec);
            if (p.src.equals("d")) {
                Files.createDirectories(dir.resolve("adir"));
            } else if (!p.src.equals("m")) {
                Files.write(dir.resolve("src"), content(p.fileSize(), p.src.charAt(p.src.length() - 1)));
            }
            resetDest(dir, p);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Puts the destination back as the spec wants it before a run (node's run changed it). */
    static void resetDest(Path dir, Spec p) {
        try {
            Path out = dir.resolve("out");
            Files.deleteIfExists(out);
            if (p.dest.equals("d")) {
                Files.createDirectories(dir.resolve("outdir"));
            } else if (p.preLength() > 0 || p.dest.contains("P")) {
                Files.write(out, FsZlibFaultPipelineInterpreter.preContent(p.preLength()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path q : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Text compresses well (long zlib outputs from short inputs); random bytes do not. */
    static byte[] content(int size, char kind) {
        if (kind == 'r') {
            return FsTesting.randomBytes(size, size * 7919L + 1);
        }
        return TestData.text(size, size);
    }

    // ---------------------------------------------------------------------------------------------
    // Running both sides.

    /** Node's outcome strings for specs whose folders are prepared. */
    static List<String> runNode(List<String> specs, Map<String, Path> dirs) {
        List<String> in = new ArrayList<>();
        for (String s : specs) {
            in.add(dirs.get(s) + "\t" + s);
        }
        return NodeOracle.runStrings(FsZlibFaultPipelineNodeScript.JS, in, 100);
    }

    static Run runJava(String spec, Path dir) {
        resetDest(dir, Spec.parse(spec));
        return FsZlibFaultPipelineInterpreter.run(dir, spec);
    }

    private static final String BOOM = "err Error//boom//";
    private static final String ABORTED = "err AbortError/ABORT_ERR/The operation was aborted//";
    private static final String PREMATURE = "err Error/ERR_STREAM_PREMATURE_CLOSE/Premature close//";
    private static final String WRITE_DESTROYED = "err Error/ERR_STREAM_DESTROYED/Cannot call write after a stream was destroyed//";

    /** Node's brotli decoder error: code ERR__ERROR_FORMAT_... (or another decoder code) and its errno. */
    private static final java.util.regex.Pattern BROTLI_CODE =
            java.util.regex.Pattern.compile("(err Error/)ERR__ERROR_[A-Z0-9_]+/(Decompression failed)/-?\\d+/");

    /** Null when Sluice's run agrees with node's (rules on the class); else why not. */
    static String disagreement(String spec, String node, Run java) {
        if (node.startsWith("SCRIPT")) {
            return "node script failed: " + node;
        }
        if (!java.violations().isEmpty()) {
            return "violations " + java.violations();
        }
        String[] n = node.split(" \\|", -1);
        String[] j = java.outcome().split(" \\|", -1);
        Spec p = Spec.parse(spec);
        String want = n[0];
        boolean lenient = false;
        java.util.regex.Matcher br = BROTLI_CODE.matcher(want);
        if (br.matches()) {
            // ZlibException's documented difference: brotli4j does not expose the decoder's error code.
            want = br.group(1) + "ERR_BROTLI_DECOMPRESSION_FAILED/" + br.group(2) + "/-1/";
        }
        if (want.equals("ok")) {
            long limit = -1;
            for (int i = 0; i < p.stages.size(); i++) {
                String t = p.stages.get(i);
                int mi = t.indexOf('m');
                if (mi > 0 && n[3].contains(" mo" + (i + 1) + "=")) {
                    long produced = Long.parseLong(n[3].split(" mo" + (i + 1) + "=")[1].split(" ")[0]);
                    long max = Long.parseLong(t.substring(mi + 1));
                    if (produced > max) {
                        limit = max;
                    }
                }
            }
            if (limit >= 0) {
                want = "err RangeError/ERR_BUFFER_TOO_LARGE/Cannot create a Buffer larger than " + limit + " bytes//";
                lenient = true;
            }
        }
        // Outcomes that are a race in Node too (see the class comment): which of them a run gives
        // depends on how far the asynchronous opens, reads and writes got. destroy() of the
        // destination: a write in flight completes with ERR_STREAM_DESTROYED (fs WriteStream's
        // writeAll/writevAll callbacks), which becomes the pipeline's error; buffered writes are
        // dropped silently, and then the destination's 'close' either comes before its source
        // ended (premature close) or after its end() (success, as finished() sees an ended,
        // emptied writable as finished).
        java.util.Set<String> races = new java.util.HashSet<>();
        if (p.faultKind == 'T') {
            races.add("ok");
            races.add(BOOM);
        } else if (p.faultKind == 'A') {
            races.add("ok");
            races.add(ABORTED);
        } else if (p.faultKind == 't') {
            // destroy() on a timer: before the stage finished it is a premature close (or, for
            // the destination, the write in flight's ERR_STREAM_DESTROYED), after it nothing.
            races.add("ok");
            races.add(PREMATURE);
            races.add(WRITE_DESTROYED);
            races.add(WRITE_DESTROYED.replace("write after", "writev after"));
        } else if (p.faultKind == 'd' && p.faultTarget == 0 && p.faultK == sourceChunks(p)) {
            races.add("ok");
            races.add(PREMATURE);
        } else if (p.faultKind == 'd' && p.faultTarget == p.stages.size() + 1) {
            races.add("ok");
            races.add(PREMATURE);
            races.add(WRITE_DESTROYED);
            races.add(WRITE_DESTROYED.replace("write after", "writev after"));
        }
        if (j[0].equals("hang")) {
            return "the pipeline never settled";
        }
        if (want.equals("hang")) {
            // Node v20 itself can hang here (seen with destroy() of a Transform between deflate
            // and inflate on a timer: its pipe() waits for an 'end' the destroyed, already ended
            // stream never emits, and the later stages are never destroyed). Sluice must settle
            // with one of the race's outcomes; node's closes and file say nothing.
            return races.isEmpty() || races.contains(j[0]) ? null : "node hung; sluice gave no outcome of the race";
        }
        boolean allowed = j[0].equals(want) || races.contains(j[0]) && races.contains(want);
        if ((foreignBrotli(p) || flippedBrotli(p)) && want.startsWith("err ")) {
            // A Brotli decoder fed zlib output, or a zlib decoder fed Brotli output: where the
            // decoder gives up depends on the exact compressed bytes, which differ between zlib
            // and Brotli builds (checked: fed node's own deflate bytes, Sluice's decoder fails
            // exactly as node's; fed the JDK's, node's fails as Sluice's). Any failure will do.
            allowed = j[0].startsWith("err ");
        }
        if (p.faultKind == 'x' && (want.startsWith("uncaught ") || want.equals(BOOM))) {
            // What an exception escaping a stream's hook leaves behind is whatever state it cut
            // through (Node's Transform does not catch it): both must report it as uncaught and
            // fail, and which stream's error the pipeline sees first is not compared (the handler's
            // destroy() of the destination races its write in flight, as above). Unless the
            // transform ran from inside read() (its callback had been held back because its
            // readable side was full): Readable.read() catches what _read throws and destroys the
            // stream with it, in Node as in Sluice, so the pipeline fails with 'boom' and nothing
            // is uncaught; which of the two happens depends on how fast the next stage consumes.
            allowed = j[0].startsWith("uncaught boom err ") || j[0].equals(BOOM);
        }
        if (!allowed) {
            return "outcome differs";
        }
        if (!j[1].equals(n[1])) {
            return "closed differs";
        }
        if (!j[0].equals(n[0])) {
            // A race decided the other way than in node; Sluice's own bytes are checked against the model.
            return null;
        }
        if (want.equals("ok") && !lenient) {
            return j[2].equals(n[2]) ? null : "destination differs";
        }
        return j[2].trim().split(" ")[0].equals(n[2].trim().split(" ")[0]) ? null : "destination kind differs";
    }

    /**
     * Whether the first byte of a Brotli stream is flipped: it carries the window size, and where
     * the decoder then fails depends on the exact compressed bytes, and brotli4j's encoder output
     * differs from node's from the first byte on (checked: given node's bytes, Sluice's decoder
     * fails exactly as node's).
     */
    static boolean flippedBrotli(Spec p) {
        for (int i = 1; i < p.stages.size(); i++) {
            if (p.stages.get(i).equals("cf") && p.stages.get(i - 1).startsWith("b")) {
                return true;
            }
        }
        return false;
    }

    /** Whether a decompressor reads another format's compressed output, Brotli on either side. */
    static boolean foreignBrotli(Spec p) {
        List<Character> st = new ArrayList<>();
        for (String t : p.stages) {
            char c = t.charAt(0);
            if ("gdb".indexOf(c) >= 0) {
                st.add(c);
            } else if ("GDB".indexOf(c) >= 0) {
                if (st.isEmpty()) {
                    return false;
                }
                char top = st.removeLast();
                if (top != Character.toLowerCase(c)) {
                    return top == 'b' || c == 'B';
                }
            }
        }
        return false;
    }

    /** How many chunks the source emits: its range's length over its highWaterMark (64 KiB by default). */
    static long sourceChunks(Spec p) {
        int size = p.fileSize();
        if (size < 0) {
            return 0;
        }
        long s = p.start == null ? 0 : p.start;
        long e = p.end == null ? Long.MAX_VALUE - 1 : p.end;
        long len = Math.max(0, Math.min(size, e + 1) - s);
        long h = p.hwm == null ? K64 : p.hwm;
        return (len + h - 1) / h;
    }

    // ---------------------------------------------------------------------------------------------
    // Generation.

    static int pickSize(Random r) {
        int x = r.nextInt(20);
        return switch (x) {
            case 0 -> 0;
            case 1 -> 1 + r.nextInt(100);
            case 2, 3, 4, 5 -> (1 + r.nextInt(4)) * K64 + r.nextInt(3) - 1;
            case 6 -> K64 * (1 + r.nextInt(48)) + r.nextInt(3) - 1;
            case 7 -> r.nextInt(3 << 20);
            default -> r.nextInt(400_000);
        };
    }

    static long pickPoint(Random r, int size) {
        return switch (r.nextInt(7)) {
            case 0 -> 0;
            case 1 -> Math.max(0, K64 * (long) r.nextInt(4) + r.nextInt(3) - 1);
            case 2 -> Math.max(0, size - 1);
            case 3 -> size;
            case 4 -> size + 1 + r.nextInt(10);
            default -> size == 0 ? 0 : r.nextInt(size);
        };
    }

    static String codec(Random r, boolean compressor) {
        int c = r.nextInt(brotli ? 3 : 2);
        if (!compressor) {
            return String.valueOf("GDB".charAt(c));
        }
        return switch (c) {
            case 0 -> "g" + r.nextInt(10);
            case 1 -> "d" + r.nextInt(10);
            default -> "b" + r.nextInt(6);
        };
    }

    static String filler(Random r) {
        return r.nextBoolean() ? "p" : "t" + new int[] {1000, 4096, 16384, 65536, 100_000, 1 << 20}[r.nextInt(6)];
    }

    static String corruption(Random r, char comp) {
        return switch (comp) {
            case 'g' -> new String[] {"cf", "ce" + (1 + r.nextInt(8)), "cu" + (1 + r.nextInt(8))}[r.nextInt(3)];
            case 'd' -> new String[] {"cf", "ce" + (1 + r.nextInt(4)), "cu" + (1 + r.nextInt(4))}[r.nextInt(3)];
            default -> r.nextBoolean() ? "cf" : "cu1";
        };
    }

    static String generate(Random r) {
        int size = pickSize(r);
        char kind = r.nextInt(3) == 0 ? 'r' : 't';
        List<String> st = new ArrayList<>();
        String src = "F" + size + kind;
        String range = null;
        String dest = "Ww";
        String fault = null;
        int cat = r.nextInt(22);
        // The stages first (0-3): a matching codec pair with fillers, or fillers and lone compressors.
        int n = r.nextInt(4);
        if (n >= 2 && r.nextInt(3) > 0) {
            String comp = codec(r, true);
            st.add(comp);
            st.add(String.valueOf(Character.toUpperCase(comp.charAt(0))));
            for (int i = 2; i < n; i++) {
                st.add(r.nextInt(st.size() + 1), filler(r));
            }
        } else {
            for (int i = 0; i < n; i++) {
                st.add(r.nextInt(4) == 0 ? codec(r, true) : filler(r));
            }
        }
        switch (cat) {
            case 0, 1 -> { // a re-chunking stage fails (callback error or throw)
                // Only a stage with no codec before it: how many chunks a compressor's or
                // decompressor's output comes in differs between zlib builds (and Sluice's
                // parallel engine), so "the k-th chunk" after one is not the same chunk in node.
                int firstCodec = st.size();
                for (int i = 0; i < st.size(); i++) {
                    if ("gdbGDB".indexOf(st.get(i).charAt(0)) >= 0) {
                        firstCodec = Math.min(firstCodec, i);
                    }
                }
                List<Integer> ts = new ArrayList<>();
                for (int i = 0; i < firstCodec; i++) {
                    if (st.get(i).startsWith("t")) {
                        ts.add(i + 1);
                    }
                }
                if (ts.isEmpty()) {
                    if (st.size() == 3) {
                        st.removeLast();
                    }
                    st.addFirst("t" + (1 + r.nextInt(70_000)));
                    ts.add(1);
                }
                fault = "!" + (cat == 0 ? 'e' : 'x') + ts.get(r.nextInt(ts.size())) + "@" + (1 + r.nextInt(4));
            }
            case 2, 3 -> fault = "!" + (cat == 2 ? 'D' : 'd') + r.nextInt(st.size() + 2) + "@K";
            case 4 -> fault = switch (r.nextInt(4)) {
                case 0 -> "!A@" + r.nextInt(30);
                case 1 -> "!t" + r.nextInt(st.size() + 2) + "@" + r.nextInt(30);
                default -> "!T" + r.nextInt(st.size() + 2) + "@" + r.nextInt(30);
            };
            case 5, 6 -> { // corruption between a compressor and its decompressor
                String comp = codec(r, true);
                st.clear();
                st.add(comp);
                st.add(corruption(r, comp.charAt(0)));
                st.add(String.valueOf(Character.toUpperCase(comp.charAt(0))));
            }
            case 7 -> { // maxOutputLength on the decompressor
                String comp = codec(r, true);
                st.clear();
                st.add(comp);
                st.add(Character.toUpperCase(comp.charAt(0)) + "m" + (r.nextBoolean() ? 1 + r.nextInt(200_000) : 1 + r.nextInt(4 << 20)));
                if (r.nextBoolean()) {
                    st.add(r.nextInt(3), filler(r));
                }
            }
            case 8 -> dest = "Wm";
            case 9 -> dest = "Wd";
            case 10 -> src = "Fm";
            case 11 -> src = "Fd";
            case 12 -> {
                long s = 1 + pickPoint(r, size);
                range = "r" + s + "-" + r.nextInt((int) Math.min(s, Integer.MAX_VALUE));
            }
            case 13 -> fault = r.nextInt(5) == 0 ? "!a@0" : "!a@K";
            case 14 -> dest = r.nextBoolean() ? "WwxP" + r.nextInt(100) : "Wr+";
            case 15 -> { // a decompressor fed plain bytes or another format
                st.clear();
                if (r.nextBoolean()) {
                    st.add(codec(r, false));
                } else {
                    String comp = codec(r, true);
                    String other = codec(r, false);
                    if (other.charAt(0) == Character.toUpperCase(comp.charAt(0))) {
                        other = other.equals("G") ? "D" : "G";
                    }
                    st.add(comp);
                    st.add(other);
                }
            }
            default -> { }
        }
        if (range == null && r.nextInt(5) < 3) {
            long s = r.nextInt(3) == 0 ? -1 : pickPoint(r, size);
            long e = r.nextInt(3) == 0 ? -1 : pickPoint(r, size);
            if (s >= 0 && e >= 0 && e < s) {
                long t = s;
                s = e;
                e = t;
            }
            range = "r" + (s < 0 ? "" : s) + "-" + (e < 0 ? "" : e);
        }
        if (dest.equals("Ww") && st.stream().noneMatch(t -> "gdb".indexOf(t.charAt(0)) >= 0)) {
            // Prior content and other flags only where the file's bytes are compared exactly.
            dest = switch (r.nextInt(6)) {
                case 0 -> "WwP" + r.nextInt(70_000);
                case 1 -> "Wa";
                case 2 -> "WaP" + r.nextInt(70_000);
                case 3 -> "Wr+P" + r.nextInt(70_000);
                case 4 -> "Wwx";
                default -> "Ww";
            };
        }
        // Small highWaterMarks only over short reads: one chunk per callback keeps a spec fast.
        long slice = Math.max(1, size);
        String hwm = null;
        if (r.nextInt(5) < 3) {
            int h = new int[] {1024, 4096, 16384, 65535, 65536, 65537, 131072, 1 << 20}[r.nextInt(8)];
            if (slice / h <= 1500) {
                hwm = "h" + h;
            }
        }
        boolean hasBrotli = st.stream().anyMatch(t -> t.startsWith("b"));
        if (hasBrotli && size > (1 << 20)) {
            src = src.startsWith("F") && !src.equals("Fm") && !src.equals("Fd") ? "F" + (size >> 2) + kind : src;
        }
        StringBuilder sb = new StringBuilder(src);
        if (range != null) {
            sb.append(' ').append(range);
        }
        if (hwm != null) {
            sb.append(' ').append(hwm);
        }
        for (String t : st) {
            sb.append(' ').append(t);
        }
        sb.append(' ').append(dest);
        if (fault != null && fault.endsWith("@K")) {
            // The source chunk that triggers the fault: mostly an early one, often the last one
            // (where the source's EOF races its consumer), sometimes any.
            long chunks = sourceChunks(Spec.parse(sb + " Ww"));
            long k = switch (r.nextInt(4)) {
                case 0 -> Math.max(1, chunks);
                case 1 -> 1 + r.nextInt((int) Math.max(1, Math.min(chunks + 1, 1000)));
                default -> 1 + r.nextInt(4);
            };
            fault = fault.substring(0, fault.length() - 1) + k;
        }
        if (fault != null) {
            sb.append(' ').append(fault);
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------------------------------------
    // Shrinking.

    /** Candidates one step simpler: a token or middle stage dropped, a number made smaller. */
    static List<String> simpler(String spec) {
        List<String> out = new ArrayList<>();
        String[] p = spec.split(" ");
        for (int i = 1; i < p.length; i++) {
            char c = p[i].charAt(0);
            if (c == 'r' || c == 'h' || c == '!') {
                List<String> q = new ArrayList<>(List.of(p));
                q.remove(i);
                out.add(String.join(" ", q));
            }
        }
        // Drop a middle stage, re-indexing the fault's target.
        int stageIdx = 0;
        for (int i = 1; i < p.length; i++) {
            char c = p[i].charAt(0);
            if (c == 'r' || c == 'h' || c == 'W' || c == '!') {
                continue;
            }
            stageIdx++;
            int dropped = stageIdx;
            List<String> q = new ArrayList<>();
            boolean ok = true;
            for (int k = 0; k < p.length; k++) {
                if (k == i) {
                    continue;
                }
                String t = p[k];
                if (t.startsWith("!") && !t.startsWith("!a") && !t.startsWith("!A")) {
                    int at = t.indexOf('@');
                    int target = Integer.parseInt(t.substring(2, at));
                    if (target == dropped) {
                        ok = false;
                    }
                    t = t.substring(0, 2) + (target > dropped ? target - 1 : target) + t.substring(at);
                }
                q.add(t);
            }
            if (ok) {
                out.add(String.join(" ", q));
            }
        }
        // Smaller numbers: the file size, and each number in another token.
        for (int i = 0; i < p.length; i++) {
            String t = p[i];
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\d+").matcher(t);
            while (m.find()) {
                long v = Long.parseLong(m.group());
                for (long w : new long[] {0, 1, v / 2, v - 1, (v / K64) * K64}) {
                    if (w >= 0 && w < v) {
                        String[] q = p.clone();
                        q[i] = t.substring(0, m.start()) + w + t.substring(m.end());
                        out.add(String.join(" ", q));
                    }
                }
            }
            if (t.startsWith("F") && t.endsWith("r")) {
                String[] q = p.clone();
                q[i] = t.substring(0, t.length() - 1) + "t";
                out.add(String.join(" ", q));
            }
        }
        return out.stream().filter(FsZlibFaultPipelineRandomTest::valid).distinct().toList();
    }

    private static boolean valid(String spec) {
        try {
            Spec p = Spec.parse(spec);
            if (p.fileSize() > (8 << 20)) {
                return false;
            }
            for (String t : p.stages) {
                if (t.startsWith("t") && Integer.parseInt(t.substring(1)) == 0) {
                    return false;
                }
            }
            if (p.hwm != null && p.hwm == 0) {
                return false;
            }
            return p.faultKind != 'e' && p.faultKind != 'x'
                    || p.faultTarget >= 1 && p.faultTarget <= p.stages.size() && p.stages.get(p.faultTarget - 1).startsWith("t");
        } catch (RuntimeException e) {
            return false;
        }
    }

    static String shrink(String spec) {
        Map<String, Path> dirs = new HashMap<>();
        try {
            return SpecShrinker.shrink(spec, FsZlibFaultPipelineRandomTest::simpler, cands -> {
                for (String c : cands) {
                    dirs.computeIfAbsent(c, FsZlibFaultPipelineRandomTest::prepare);
                }
                return runNode(cands, dirs);
            }, (c, node) -> disagreement(c, node, runJava(c, dirs.get(c))) != null, 60);
        } finally {
            dirs.values().forEach(FsZlibFaultPipelineRandomTest::delete);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The random runs.

    /** Runs specs in batches (folders prepared, node, then Sluice case by case); returns the disagreements. */
    static Map<String, String> fuzz(List<String> specs) {
        Map<String, String> diffs = new LinkedHashMap<>();
        for (int from = 0; from < specs.size(); from += 50) {
            List<String> batch = specs.subList(from, Math.min(specs.size(), from + 50)).stream().distinct().toList();
            Map<String, Path> dirs = new HashMap<>();
            for (String s : batch) {
                dirs.put(s, prepare(s));
            }
            try {
                List<String> node = runNode(batch, dirs);
                for (int i = 0; i < batch.size(); i++) {
                    String s = batch.get(i);
                    long t0 = System.nanoTime();
                    Run java = runJava(s, dirs.get(s));
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    if (ms > Long.getLong("fsfault.slowMs", Long.MAX_VALUE)) {
                        System.out.println("SLOW " + ms + " ms: " + s);
                    }
                    String why = disagreement(s, node.get(i), java);
                    if (why != null) {
                        diffs.put(s, why + "\n node:   " + node.get(i) + "\n sluice: " + java.outcome() + " " + java.violations());
                    }
                }
            } finally {
                dirs.values().forEach(FsZlibFaultPipelineRandomTest::delete);
            }
        }
        return diffs;
    }

    @Test
    void randomFaultyFileZlibPipelinesAgreeWithNode() {
        Assumptions.assumeTrue(NodeOracle.available(), NodeOracle.SKIP_MESSAGE);
        long seed = Long.getLong("fsfault.seed", 20261127L);
        Random rnd = new Random(seed);
        List<String> specs = new ArrayList<>();
        for (int i = 0; i < Integer.getInteger("fsfault.count", 300); i++) {
            specs.add(generate(rnd));
        }
        Map<String, String> diffs = fuzz(specs);
        if (Boolean.getBoolean("fsfault.shrink") && !diffs.isEmpty()) {
            SpecShrinker.printMinimal(diffs.keySet(), Integer.getInteger("fsfault.shrinkMax", 10), FsZlibFaultPipelineRandomTest::shrink,
                    k -> " " + fuzz(List.of(k)).getOrDefault(k, "(agrees alone)"));
        }
        assertThat(diffs).as("seed %d: specs where Sluice and node disagree (%d of %d)", seed, diffs.size(), specs.size()).isEmpty();
    }

    /**
     * One fixed spec per fault kind (the deterministic ones), so each is exercised on every run
     * whatever the seed: every one must fail, in Sluice as in node, with node's error.
     */
    @Test
    void eachFaultKindFailsAsInNode() {
        Assumptions.assumeTrue(NodeOracle.available(), NodeOracle.SKIP_MESSAGE);
        List<String> specs = new ArrayList<>(List.of(
                "F200000t h65536 t5000 Ww !e1@2", "F200000t h16384 t777 p Ww !x1@2", "F300000t p Ww !D1@2",
                "F300000t h65536 g1 G Ww !D3@3", "F300000t d5 D Ww !d2@2", "F300000t p Ww !a@2", "F300000t g1 G Ww !a@0",
                "F200000t g6 cf G Ww", "F200000t g6 ce3 G Ww", "F200000t g6 ce6 G Ww", "F200000t g6 cu8 G Ww",
                "F200000t d6 cf D Ww", "F200000t d6 ce1 D Ww", "F200000t d6 cu2 D Ww", "F300000t g1 Gm1000 Ww",
                "F300000r G Ww", "F300000t g1 D Ww", "F300000t d1 G Ww", "Fm g1 G Ww", "Fd Ww", "F1000t Wm", "F1000t Wd",
                "F1000t r500-100 Ww", "F1000t WwxP10", "F1000t Wr+"));
        if (brotli) {
            specs.addAll(List.of("F300000t b3 cu1 B Ww", "F300000t b3 cf B Ww", "F300000r B Ww", "F300000t b2 Bm5000 Ww"));
        }
        Map<String, Path> dirs = new HashMap<>();
        for (String s : specs) {
            dirs.put(s, prepare(s));
        }
        try {
            List<String> node = runNode(specs, dirs);
            Map<String, String> diffs = new LinkedHashMap<>();
            for (int i = 0; i < specs.size(); i++) {
                String s = specs.get(i);
                Run java = runJava(s, dirs.get(s));
                String why = disagreement(s, node.get(i), java);
                if (why != null || java.outcome().startsWith("ok")) {
                    diffs.put(s, why + "\n node:   " + node.get(i) + "\n sluice: " + java.outcome() + " " + java.violations());
                }
            }
            assertThat(diffs).as("fixed fault specs that did not fail as in node").isEmpty();
        } finally {
            dirs.values().forEach(FsZlibFaultPipelineRandomTest::delete);
        }
    }

    /** A control: the leak check sees a descriptor opened during a case and not closed. */
    @Test
    void theLeakCheckSeesAnOpenDescriptor() throws IOException {
        Path file = Files.write(root.resolve("control"), new byte[] {1});
        int base = FsTesting.openDescriptors();
        List<String> violations = new ArrayList<>();
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
            FsZlibFaultPipelineInterpreter.checkLeaks(List.of(), base, IoWorker.LIVE.get(),
                    io.sluice.zlib.ZlibLeakProbe.liveCodecs(), 5, violations);
        }
        assertThat(violations).containsExactly("descriptors " + base + " -> " + (base + 1));
        Files.delete(file);
    }

    /** Exploration aid: {@code -Dfsfault.spec='F100t g1 G Ww;Fm Ww'} prints both outcomes. */
    @Test
    void oneSpec() {
        String spec = System.getProperty("fsfault.spec");
        Assumptions.assumeTrue(spec != null && NodeOracle.available(), "set -Dfsfault.spec to run one spec");
        for (String one : spec.split(";")) {
            Path dir = prepare(one);
            try {
                long t0 = System.nanoTime();
                String node = runNode(List.of(one), Map.of(one, dir)).get(0);
                long t1 = System.nanoTime();
                Run java = runJava(one, dir);
                long t2 = System.nanoTime();
                System.out.println("SPEC " + one + " (node " + (t1 - t0) / 1_000_000 + " ms, sluice " + (t2 - t1) / 1_000_000
                        + " ms)\n node:   " + node + "\n sluice: " + java.outcome() + " " + java.violations()
                        + "\n verdict: " + disagreement(one, node, java));
            } finally {
                delete(dir);
            }
        }
    }
}
