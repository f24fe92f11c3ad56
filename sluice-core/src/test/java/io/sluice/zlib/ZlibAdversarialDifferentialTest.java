package io.sluice.zlib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.testing.NodeOracle;
import io.sluice.zlib.ZlibAdversarialOracle.Job;
import io.sluice.zlib.ZlibAdversarialOracle.Outcome;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Adversarial inputs for every format, both directions, one-shot and streamed (1, 7, 1000 and 64 KiB
 * writes and one write), with the classic engine ({@code parallelism(1)}) and the parallel ones
 * ({@code parallelism(2)}): shapes that the other differential tests never produce, found after a Brotli
 * stream whose last bytes expanded past the decoder's window failed as "unexpected end of file".
 *
 * <ul>
 *   <li>extreme expansion (zeros, 1-byte, 3-byte, 1 KiB and 64 KiB random blocks repeated) at the start,
 *       in the middle and at the end, between incompressible stretches;</li>
 *   <li>sizes at the engines' boundaries ±1: the 16 KiB chunk, 64 KiB, the 128 KiB parallel block,
 *       256 KiB, and the 4 MiB Brotli window;</li>
 *   <li>flushes in the middle of an expanding stretch, awaited (the output at the callback must equal
 *       Node's) or not (it must hold at least everything written before the flush);</li>
 *   <li>{@code maxOutputLength} equal to the output and one less; truncation at each of the last 20
 *       bytes; trailing bytes, concatenated members, empty input; Brotli qualities and windows.</li>
 * </ul>
 *
 * Node answers every case through {@link ZlibAdversarialOracle} (a few node processes for the whole
 * class); its summaries (result hash or error code and message, events, bytesWritten, output at each
 * flush callback) must equal Sluice's. Every test also checks that no native codec is left open.
 */
class ZlibAdversarialDifferentialTest {
    private static final String[][] FORMATS = {
        {"gzip", "gunzip"}, {"deflate", "inflate"}, {"deflateRaw", "inflateRaw"}, {"brotliCompress", "brotliDecompress"}
    };
    private static final int K16 = ZlibConstants.Z_DEFAULT_CHUNK;
    private static final int BLOCK = ParallelDeflate.BLOCK;
    /** The Brotli window at the default lgwin 22. */
    private static final int BROTLI_WINDOW = 4 << 20;

    private long liveBefore;

    @BeforeEach
    void recordLiveCodecs() {
        liveBefore = Codec.LIVE.get();
    }

    @AfterEach
    void noCodecLeftOpen() {
        assertEquals(liveBefore, Codec.LIVE.get(), "native codecs left open");
    }

    private static void needNode() {
        Assumptions.assumeTrue(NodeOracle.available(), NodeOracle.SKIP_MESSAGE);
    }

    // ---------------------------------------------------------------------------------------------
    // Inputs

    static byte[] repeat(byte[] block, int total) {
        byte[] b = new byte[total];
        for (int i = 0; i < total; i += block.length) {
            System.arraycopy(block, 0, b, i, Math.min(block.length, total - i));
        }
        return b;
    }

    static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    /** Inputs that expand enormously when decoded, somewhere in the stream. */
    static Map<String, byte[]> expansionShapes() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("zeros 1 MiB", new byte[1 << 20]);
        m.put("1 byte x 3 MiB", repeat(new byte[] {'a'}, 3 << 20));
        m.put("3 bytes x 2 MiB + 1", repeat(new byte[] {1, 2, 3}, (2 << 20) + 1));
        m.put("1 KiB random x 2 MiB", repeat(ZlibTesting.random(3, 1024), 2 << 20));
        // Compressible only with a window above 64 KiB: Brotli expands it, deflate's 32 KiB window cannot.
        m.put("64 KiB random x 6 MiB", repeat(ZlibTesting.random(4, 65536), 6 << 20));
        m.put("expansion at the end", cat(ZlibTesting.random(5, 200_000), new byte[4 << 20]));
        m.put("expansion at the start", cat(new byte[4 << 20], ZlibTesting.random(6, 200_000)));
        m.put("expansion in the middle", cat(ZlibTesting.random(7, 100_000), new byte[4 << 20], ZlibTesting.random(8, 100_000)));
        return m;
    }

    /** Inputs (and so decoded outputs) whose sizes sit on the engines' boundaries. */
    static Map<String, byte[]> boundaryShapes() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int size : new int[] {K16, 3 * K16, 64 * 1024, BLOCK, 2 * BLOCK, 256 * 1024}) {
            for (int d = -1; d <= 1; d++) {
                m.put("text " + (size + d), ZlibTesting.text(size + d, size + d));
            }
        }
        for (int d = -1; d <= 1; d++) {
            m.put("zeros " + (BROTLI_WINDOW + d), new byte[BROTLI_WINDOW + d]);
        }
        for (int d = 0; d <= 1; d++) {
            m.put("random 128 KiB then zeros to " + (BROTLI_WINDOW + d),
                    cat(ZlibTesting.random(d + 10, BLOCK), new byte[BROTLI_WINDOW + d - BLOCK]));
        }
        return m;
    }

    /** The mixed input of the flush and truncation tests: random, 2 MiB of zeros, text. */
    static byte[] mixed() {
        return cat(ZlibTesting.random(5, 50_000), new byte[2 << 20], ZlibTesting.text(3, 30_000));
    }

    private static boolean brotli(String method) {
        return method.startsWith("brotli");
    }

    /** Node-side compression jobs for {@code data}: Brotli at quality 5 (11 takes seconds per MiB). */
    private static Job nodeCompress(String method, byte[] data) {
        return Job.sync(method, data, 0).asRaw().brotli(brotli(method) ? 5 : null, null);
    }

    /** Stream write sizes worth their time for {@code n} input bytes (each write is a loop round). */
    private static int[] chunkings(int n, boolean slow) {
        List<Integer> c = new ArrayList<>();
        if (n <= (slow ? 5_000 : 30_000)) {
            c.add(1);
        }
        if (n <= (slow ? 40_000 : 200_000)) {
            c.add(7);
        }
        if (n <= 5_000_000) {
            c.add(1000);
        }
        c.add(65536);
        c.add(0);
        return c.stream().mapToInt(Integer::intValue).toArray();
    }

    /** What a Sluice stream that decodes {@code original} from {@code packed} must report. */
    private static String streamOk(byte[] original, long bytesWritten) {
        return ZlibAdversarialOracle.okSync(original) + " ev=finish,end,close bw=" + bytesWritten + " fl=";
    }

    private static void assertSame(List<Job> jobs, List<Outcome> node) {
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            String ours = ZlibAdversarialOracle.sluice(jobs.get(i)).summary();
            if (!ours.equals(node.get(i).summary())) {
                wrong.add(jobs.get(i).label() + "\n    sluice " + ours + "\n    node   " + node.get(i).summary());
            }
        }
        assertTrue(wrong.isEmpty(), wrong.size() + " of " + jobs.size() + " differ from Node:\n  " + String.join("\n  ", wrong));
    }

    // ---------------------------------------------------------------------------------------------
    // Expansion and boundaries, both directions

    @Test
    void sluiceDecodesNodesExpandingStreamsInEveryEngineAndChunking() {
        needNode();
        Map<String, byte[]> shapes = expansionShapes();
        shapes.putAll(boundaryShapes());
        List<String> wrong = new ArrayList<>();
        int cases = 0;
        // One node batch per format: all shapes at once would need a few hundred MiB of frames.
        for (String[] f : FORMATS) {
            List<Job> compress = new ArrayList<>();
            for (byte[] d : shapes.values()) {
                compress.add(nodeCompress(f[0], d));
            }
            List<Outcome> packed = ZlibAdversarialOracle.node(compress);
            List<String> names = new ArrayList<>(shapes.keySet());
            for (int i = 0; i < compress.size(); i++) {
                byte[] original = compress.get(i).data();
                byte[] p = packed.get(i).bytes();
                for (Job j : decodeJobs(f[1], p)) {
                    String expected = j.stream() ? streamOk(original, p.length) : ZlibAdversarialOracle.okSync(original);
                    String got = ZlibAdversarialOracle.sluice(j).summary();
                    cases++;
                    if (!got.equals(expected)) {
                        wrong.add(names.get(i) + ", " + j.label() + ": " + got);
                    }
                }
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        assertTrue(cases > 500, "cases: " + cases);
    }

    /** One-shot (and unzip where it applies), then streams in both engines and every affordable chunking. */
    private static List<Job> decodeJobs(String dec, byte[] p) {
        List<Job> jobs = new ArrayList<>();
        jobs.add(Job.sync(dec, p, 0));
        if (!brotli(dec) && !dec.equals("inflateRaw")) {
            jobs.add(Job.sync("unzip", p, 0));
        }
        for (int par : new int[] {1, 2}) {
            for (int chunk : chunkings(p.length, false)) {
                jobs.add(Job.stream(dec, p, chunk, par));
            }
        }
        return jobs;
    }

    @Test
    void nodeDecodesWhatSluiceCompressesFromExpandingAndBoundaryInputs() {
        needNode();
        Map<String, byte[]> shapes = expansionShapes();
        shapes.putAll(boundaryShapes());
        shapes.put("zeros 20 MiB", new byte[20 << 20]);
        List<Job> decode = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : shapes.entrySet()) {
            byte[] d = e.getValue();
            boolean huge = d.length > (8 << 20);
            for (String[] f : FORMATS) {
                boolean br = brotli(f[0]);
                for (int par : br ? new int[] {1} : new int[] {1, 2}) {
                    List<Job> jobs = new ArrayList<>();
                    jobs.add(Job.sync(f[0], d, par));
                    for (int chunk : huge ? new int[] {0} : chunkings(d.length, br)) {
                        if (chunk == 1000 && d.length > (1 << 20) + 1) {
                            continue; // a thousand-byte write is a loop round: enough of them at 1 MiB
                        }
                        jobs.add(Job.stream(f[0], d, chunk, par));
                    }
                    for (Job j : jobs) {
                        Outcome o = ZlibAdversarialOracle.sluice(j.asRaw().brotli(br ? 5 : null, null));
                        assertTrue(o.summary().startsWith("OK"), e.getKey() + ", " + j.label() + ": " + o.summary());
                        decode.add(Job.sync(f[1], o.bytes(), 0));
                        names.add(e.getKey() + ", " + j.label());
                    }
                }
            }
        }
        List<Outcome> decoded = ZlibAdversarialOracle.node(decode);
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < decode.size(); i++) {
            byte[] original = shapes.get(names.get(i).substring(0, names.get(i).indexOf(", ")));
            if (!decoded.get(i).summary().equals(ZlibAdversarialOracle.okSync(original))) {
                wrong.add(names.get(i) + ": node says " + decoded.get(i).summary());
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    // ---------------------------------------------------------------------------------------------
    // Brotli qualities and windows

    @Test
    void brotliQualitiesAndWindowsRoundTripWithNode() {
        needNode();
        byte[] small = cat(ZlibTesting.text(21, 40_000), new byte[300_000], ZlibTesting.random(22, 20_000));
        // Past a 64 KiB window (lgwin 16) but inside 16 MiB (lgwin 24): only the large window expands it.
        byte[] large = cat(repeat(ZlibTesting.random(23, 100_000), 6 << 20), new byte[10 << 20]);
        List<Job> nodeJobs = new ArrayList<>();
        List<byte[]> originals = new ArrayList<>();
        for (int q : new int[] {0, 1, 5, 11}) {
            for (Integer w : new Integer[] {10, 16, 24, null}) {
                nodeJobs.add(Job.sync("brotliCompress", small, 0).asRaw().brotli(q, w));
                originals.add(small);
                if (q <= 5 && w != null && w >= 16) {
                    nodeJobs.add(Job.sync("brotliCompress", large, 0).asRaw().brotli(q, w));
                    originals.add(large);
                }
            }
        }
        List<Outcome> packed = ZlibAdversarialOracle.node(nodeJobs);
        List<Job> back = new ArrayList<>();
        List<byte[]> backOriginals = new ArrayList<>();
        List<String> backLabels = new ArrayList<>();
        for (int i = 0; i < nodeJobs.size(); i++) {
            Job c = nodeJobs.get(i);
            byte[] p = packed.get(i).bytes();
            String what = c.label();
            assertEquals(ZlibAdversarialOracle.okSync(originals.get(i)), ZlibAdversarialOracle.sluice(Job.sync("brotliDecompress", p, 0)).summary(), what);
            for (int chunk : chunkings(p.length, true)) {
                assertEquals(streamOk(originals.get(i), p.length), ZlibAdversarialOracle.sluice(Job.stream("brotliDecompress", p, chunk, 0)).summary(),
                        what + " streamed in " + chunk);
            }
            // The reverse: Sluice with the same parameters, decoded by Node. One-shot only from quality 4
            // (below it fails: see brotliLowQualityOneShotOfMoreThan64KiB); streamed writes of 64 KiB always.
            byte[] original = originals.get(i);
            Job ours = c.data(original).asRaw();
            if (c.quality() >= 4) {
                back.add(Job.sync("brotliDecompress", ZlibAdversarialOracle.sluice(ours).bytes(), 0));
                backOriginals.add(original);
                backLabels.add(c.label() + " one-shot by Sluice");
            }
            Job streamed = Job.stream("brotliCompress", original, 65536, 0).asRaw().brotli(c.quality(), c.lgwin());
            back.add(Job.sync("brotliDecompress", ZlibAdversarialOracle.sluice(streamed).bytes(), 0));
            backOriginals.add(original);
            backLabels.add(streamed.label() + " by Sluice");
        }
        List<Outcome> decoded = ZlibAdversarialOracle.node(back);
        for (int i = 0; i < back.size(); i++) {
            assertEquals(ZlibAdversarialOracle.okSync(backOriginals.get(i)), decoded.get(i).summary(), backLabels.get(i));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Flushes in the middle of an expanding stretch

    @Test
    void awaitedFlushesDeliverExactlyWhatNodeDelivers() {
        needNode();
        byte[] original = mixed();
        List<Job> compress = new ArrayList<>();
        for (String[] f : FORMATS) {
            compress.add(nodeCompress(f[0], original));
        }
        List<Outcome> packed = ZlibAdversarialOracle.node(compress);
        List<Job> awaited = new ArrayList<>();
        List<Job> unawaited = new ArrayList<>();
        for (int i = 0; i < FORMATS.length; i++) {
            String dec = FORMATS[i][1];
            byte[] p = packed.get(i).bytes();
            boolean br = brotli(dec);
            int sync = br ? ZlibConstants.BROTLI_OPERATION_FLUSH : ZlibConstants.Z_SYNC_FLUSH;
            int full = br ? ZlibConstants.BROTLI_OPERATION_FLUSH : ZlibConstants.Z_FULL_FLUSH;
            // 50 000 random bytes come first: about 50 010 compressed bytes in, then the zeros expand.
            int[][][] plans = {
                {{p.length / 3, sync}, {p.length / 2, full}, {p.length - 5, sync}},
                {{0, sync}, {50_500, full}, {50_501, full}, {p.length, sync}},
            };
            for (int par : new int[] {1, 2}) {
                for (int chunk : new int[] {0, 1000, 7}) {
                    for (int[][] plan : plans) {
                        awaited.add(Job.stream(dec, p, chunk, par).flushAt(plan).sequential());
                        if (chunk != 7) {
                            unawaited.add(Job.stream(dec, p, chunk, par).flushAt(plan));
                        }
                    }
                }
            }
        }
        List<Job> all = new ArrayList<>(awaited);
        all.addAll(unawaited);
        List<Outcome> node = ZlibAdversarialOracle.node(all);
        assertSame(awaited, node.subList(0, awaited.size()));
        // Not awaited: Node processes each write in its own turn, so its callback sees exactly the output
        // up to the flush; Sluice processes small writes inline and runs their callbacks a tick later,
        // after later writes, so it may have delivered more, never less.
        for (int i = 0; i < unawaited.size(); i++) {
            Job j = unawaited.get(i);
            String theirs = node.get(awaited.size() + i).summary();
            String ours = ZlibAdversarialOracle.sluice(j).summary();
            assertEquals(ZlibAdversarialOracle.withoutFlushCounts(theirs), ZlibAdversarialOracle.withoutFlushCounts(ours), j.label());
            long[] n = ZlibAdversarialOracle.flushCounts(theirs);
            long[] s = ZlibAdversarialOracle.flushCounts(ours);
            assertEquals(n.length, s.length, j.label());
            for (int k = 0; k < n.length; k++) {
                assertTrue(s[k] >= n[k], j.label() + ": flush " + k + " delivered " + s[k] + " < node's " + n[k]);
            }
        }
    }

    @Test
    void aCompressorsOutputAtEachFlushDecodesToEverythingWrittenBeforeIt() {
        needNode();
        byte[] original = mixed();
        int[] points = {10_000, 50_000, 50_001, 1_000_000, BLOCK * 9, BLOCK * 9 + 1, 2_000_000};
        List<Job> decode = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Integer> expected = new ArrayList<>();
        List<Boolean> exact = new ArrayList<>();
        for (String[] f : FORMATS) {
            boolean br = brotli(f[0]);
            int sync = br ? ZlibConstants.BROTLI_OPERATION_FLUSH : ZlibConstants.Z_SYNC_FLUSH;
            int full = br ? ZlibConstants.BROTLI_OPERATION_FLUSH : ZlibConstants.Z_FULL_FLUSH;
            int[][] plan = new int[points.length][];
            for (int k = 0; k < points.length; k++) {
                plan[k] = new int[] {points[k], k % 2 == 0 ? sync : full};
            }
            for (int par : br ? new int[] {1} : new int[] {1, 2}) {
                for (int chunk : new int[] {0, 1000, 65536}) {
                    for (boolean awaited : new boolean[] {true, false}) {
                        Job j = Job.stream(f[0], original, chunk, par).asRaw().brotli(br ? 5 : null, null).flushAt(plan);
                        j = awaited ? j.sequential() : j;
                        Outcome o = ZlibAdversarialOracle.sluice(j);
                        long[] at = ZlibAdversarialOracle.flushCounts(o.summary());
                        assertEquals(points.length, at.length, j.label() + ": " + o.summary());
                        for (int k = 0; k < points.length; k++) {
                            // Node decodes the bytes delivered so far, without asking for the end.
                            decode.add(Job.sync(f[1], Arrays.copyOf(o.bytes(), (int) at[k]), 0)
                                    .finish(br ? ZlibConstants.BROTLI_OPERATION_FLUSH : ZlibConstants.Z_SYNC_FLUSH));
                            labels.add(j.label() + " at flush " + k + " (" + points[k] + " bytes in)");
                            expected.add(points[k]);
                            exact.add(awaited);
                        }
                        decode.add(Job.sync(f[1], o.bytes(), 0));
                        labels.add(j.label() + " whole");
                        expected.add(original.length);
                        exact.add(true);
                    }
                }
            }
        }
        List<Outcome> decoded = ZlibAdversarialOracle.node(decode);
        for (int i = 0; i < decode.size(); i++) {
            String theirs = decoded.get(i).summary();
            String what = labels.get(i) + ": node says " + theirs;
            assertTrue(theirs.startsWith("OK "), what);
            // Exact: the output at an awaited flush decodes to the input before it. Otherwise to at
            // least that, and always to a prefix of the input (compared by hash, not by copies).
            int length = Integer.parseInt(theirs.split(" ")[1]);
            assertTrue(exact.get(i) ? length == expected.get(i) : length >= expected.get(i), what);
            assertEquals(ZlibAdversarialOracle.okSync(Arrays.copyOf(original, length)), theirs, what);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // maxOutputLength

    @Test
    void oneShotMaxOutputLengthAtAndBelowTheOutputAsNode() {
        needNode();
        Map<String, byte[]> shapes = new LinkedHashMap<>();
        shapes.put("mixed", mixed());
        shapes.put("zeros at the end", cat(ZlibTesting.random(5, 300_000), new byte[1 << 20]));
        shapes.put("64 KiB random repeated", repeat(ZlibTesting.random(4, 65536), 5 << 20));
        shapes.put("3 x 16 KiB", ZlibTesting.text(9, 3 * K16));
        shapes.put("2 x 128 KiB + 1", ZlibTesting.text(9, 2 * BLOCK + 1));
        List<Job> compress = new ArrayList<>();
        for (byte[] d : shapes.values()) {
            for (String[] f : FORMATS) {
                compress.add(nodeCompress(f[0], d));
            }
        }
        List<Outcome> packed = ZlibAdversarialOracle.node(compress);
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < compress.size(); i++) {
            Job c = compress.get(i);
            long n = Long.parseLong(packed.get(i).summary().split(" ")[1]);
            String dec = FORMATS[i % FORMATS.length][1];
            for (long d = -1; d <= 1; d++) {
                jobs.add(Job.sync(dec, packed.get(i).bytes(), 0).max(c.data().length + d));
                // Node's compressor with a limit at its own output's length (Sluice's length differs).
                jobs.add(c.max(n + d));
            }
        }
        List<Outcome> node = ZlibAdversarialOracle.node(jobs.stream().map(j -> j.raw() ? notRaw(j) : j).toList());
        for (int i = 0; i < jobs.size(); i++) {
            Job j = jobs.get(i);
            if (!j.mode().compresses()) {
                assertEquals(node.get(i).summary(), ZlibAdversarialOracle.sluice(j).summary(), j.label());
            } else {
                // Node: at its length OK, one less ERR_BUFFER_TOO_LARGE; Sluice must do the same at its own length.
                boolean fits = node.get(i).summary().startsWith("OK");
                long nodeLength = Long.parseLong(packed.get(i / 6).summary().split(" ")[1]);
                assertEquals(j.maxOutput() >= nodeLength, fits, j.label() + ": node " + node.get(i).summary());
            }
        }
        for (byte[] d : shapes.values()) {
            for (String[] f : FORMATS) {
                for (int par : new int[] {1, 2}) {
                    Job j = Job.sync(f[0], d, par).brotli(brotli(f[0]) ? 5 : null, null);
                    String full = ZlibAdversarialOracle.sluice(j).summary();
                    long n = Long.parseLong(full.split(" ")[1]);
                    assertEquals(full, ZlibAdversarialOracle.sluice(j.max(n)).summary(), j.label() + " at its length");
                    assertEquals("ERR ERR_BUFFER_TOO_LARGE Cannot create a Buffer larger than " + (n - 1) + " bytes",
                            ZlibAdversarialOracle.sluice(j.max(n - 1)).summary(), j.label() + " one below");
                }
            }
        }
    }

    private static Job notRaw(Job j) {
        return new Job(j.method(), j.stream(), j.chunk(), j.flushes(), false, j.quality(), j.lgwin(), j.maxOutput(),
                j.finishFlush(), j.seq(), j.parallelism(), j.data());
    }

    /**
     * Streams: Node ignores {@code maxOutputLength}; Sluice applies it (a documented difference), so a
     * stream whose output has exactly that length succeeds and one byte more is ERR_BUFFER_TOO_LARGE,
     * in every engine and chunking. Pure Java.
     */
    @Test
    void streamMaxOutputLengthIsExactInEveryEngine() {
        Map<String, byte[]> shapes = new LinkedHashMap<>();
        shapes.put("mixed", mixed());
        shapes.put("64 KiB random repeated", repeat(ZlibTesting.random(4, 65536), 5 << 20));
        shapes.put("2 x 128 KiB + 1", ZlibTesting.text(9, 2 * BLOCK + 1));
        for (Map.Entry<String, byte[]> e : shapes.entrySet()) {
            byte[] original = e.getValue();
            for (String[] f : FORMATS) {
                boolean br = brotli(f[0]);
                Integer q = br ? 5 : null;
                for (int par : new int[] {1, 2}) {
                    for (int chunk : new int[] {65536, 0}) {
                        Job c = Job.stream(f[0], original, chunk, par).brotli(q, null);
                        String full = ZlibAdversarialOracle.sluice(c).summary();
                        long n = Long.parseLong(full.split(" ")[1]);
                        assertEquals(full, ZlibAdversarialOracle.sluice(c.max(n)).summary(), e.getKey() + ", " + c.max(n).label());
                        assertEquals("ERR ERR_BUFFER_TOO_LARGE Cannot create a Buffer larger than " + (n - 1) + " bytes ev=error,close",
                                ZlibAdversarialOracle.sluice(c.max(n - 1)).summary(), e.getKey() + ", " + c.max(n - 1).label());
                    }
                    byte[] p = Zlib.processSync(Job.sync(f[0], original, par).mode(), Buffer.wrap(original),
                            Job.sync(f[0], original, par).brotli(q, null).options()).toByteArray();
                    for (int chunk : new int[] {7, 1000, 65536, 0}) {
                        if (chunk == 7 && p.length > 100_000) {
                            continue;
                        }
                        Job d = Job.stream(f[1], p, chunk, par);
                        long n = original.length;
                        assertEquals(streamOk(original, p.length), ZlibAdversarialOracle.sluice(d.max(n)).summary(), e.getKey() + ", " + d.max(n).label());
                        assertEquals("ERR ERR_BUFFER_TOO_LARGE Cannot create a Buffer larger than " + (n - 1) + " bytes ev=error,close",
                                ZlibAdversarialOracle.sluice(d.max(n - 1)).summary(), e.getKey() + ", " + d.max(n - 1).label());
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Truncation, trailing bytes, concatenation, empty input

    @Test
    void aStreamCutAtEachOfItsLastTwentyBytesFailsAsInNode() {
        needNode();
        // The expansion right before the cut: the truncated tail is what would have expanded.
        byte[] original = cat(ZlibTesting.random(51, 20_000), ZlibTesting.text(52, 5_000), new byte[600_000]);
        List<Job> compress = new ArrayList<>();
        for (String[] f : FORMATS) {
            compress.add(nodeCompress(f[0], original));
        }
        List<Outcome> packed = ZlibAdversarialOracle.node(compress);
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < FORMATS.length; i++) {
            String dec = FORMATS[i][1];
            byte[] p = packed.get(i).bytes();
            for (int cut = 1; cut <= 20; cut++) {
                byte[] c = Arrays.copyOf(p, p.length - cut);
                jobs.add(Job.sync(dec, c, 0));
                for (int par : new int[] {1, 2}) {
                    for (int chunk : new int[] {0, 1000}) {
                        jobs.add(Job.stream(dec, c, chunk, par));
                    }
                }
                if (!brotli(dec) && !dec.equals("inflateRaw")) {
                    jobs.add(Job.sync("unzip", c, 0));
                }
            }
            // Every byte a write of its own, the last one missing.
            jobs.add(Job.stream(dec, Arrays.copyOf(p, p.length - 1), 1, 1));
        }
        assertSame(jobs, ZlibAdversarialOracle.node(jobs));
    }

    /**
     * Node ends the readable side as soon as bytes follow the end of the compressed data in one
     * chunk ({@code 'end'} before {@code 'finish'}, or before {@code 'error'}); Sluice ends it at the
     * normal time (documented in {@link ZlibStream}). Everything else must agree.
     */
    private static String withoutEarlyEnd(String nodeSummary) {
        return nodeSummary.replace(" ev=end,finish,close", " ev=finish,end,close").replace(" ev=end,error,close", " ev=error,close");
    }

    @Test
    void trailingBytesAndConcatenatedMembersAsInNode() {
        needNode();
        byte[] original = cat(ZlibTesting.random(31, 10_000), new byte[200_000], ZlibTesting.text(32, 3_000));
        List<Job> compress = new ArrayList<>();
        for (String[] f : FORMATS) {
            if (!brotli(f[0])) {
                compress.add(nodeCompress(f[0], original));
            }
        }
        List<Outcome> packed = ZlibAdversarialOracle.node(compress);
        byte[][] tails = {"xyz".getBytes(), {0}, {0, 1, 2}, {0x1f}, {0x1f, (byte) 0x8b}, {0x1f, (byte) 0x8b, 8, 0}, new byte[70_000]};
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < compress.size(); i++) {
            String dec = FORMATS[i][1];
            byte[] p = packed.get(i).bytes();
            List<byte[]> inputs = new ArrayList<>();
            for (byte[] t : tails) {
                inputs.add(cat(p, t));
            }
            inputs.add(cat(p, p));
            inputs.add(cat(p, p, p));
            for (byte[] in : inputs) {
                jobs.add(Job.sync(dec, in, 0));
                if (!dec.equals("inflateRaw")) {
                    jobs.add(Job.sync("unzip", in, 0));
                }
                for (int par : new int[] {1, 2}) {
                    // Writes that end exactly at, just after and just before a member's end.
                    for (int chunk : new int[] {0, 7, p.length, p.length + 1, p.length - 1}) {
                        jobs.add(Job.stream(dec, in, chunk, par));
                    }
                }
            }
        }
        List<Outcome> node = ZlibAdversarialOracle.node(jobs);
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            String theirs = withoutEarlyEnd(node.get(i).summary());
            String ours = ZlibAdversarialOracle.sluice(jobs.get(i)).summary();
            if (!ours.equals(theirs)) {
                wrong.add(jobs.get(i).label() + "\n    sluice " + ours + "\n    node   " + theirs);
            }
        }
        assertTrue(wrong.isEmpty(), wrong.size() + " differ:\n  " + String.join("\n  ", wrong));
    }

    /**
     * gzip members separated by zero padding, written so that the padding arrives in a chunk of its
     * own: Node 20 ends the readable side at the padding and then fails with ERR_STREAM_PUSH_AFTER_EOF
     * when the next member decodes (a Node defect). Sluice follows zlib's member rule instead: the
     * padding chunk is skipped and the next member decodes, as {@code gunzipSync} of each chunk
     * boundary would have it. Node confirms the one-shot result of the same bytes.
     */
    @Test
    void paddingInAChunkOfItsOwnThenAnotherMember() {
        needNode();
        byte[] original = cat(ZlibTesting.random(41, 10_000), new byte[300_000]);
        byte[] gz = Zlib.gzipSync(Buffer.wrap(original)).toByteArray();
        byte[] in = cat(gz, new byte[3], gz);
        List<Outcome> node = ZlibAdversarialOracle.node(List.of(Job.stream("gunzip", in, 1, 0), Job.sync("gunzip", in, 0)));
        assertEquals("ERR ERR_STREAM_PUSH_AFTER_EOF stream.push() after EOF ev=end,error,close", node.get(0).summary());
        assertEquals(ZlibAdversarialOracle.okSync(original), node.get(1).summary(), "one-shot: the rest of the padding's chunk is dropped");
        assertEquals(ZlibAdversarialOracle.okSync(original), ZlibAdversarialOracle.sluice(Job.sync("gunzip", in, 0)).summary());
        for (int par : new int[] {1, 2}) {
            for (int chunk : new int[] {1, gz.length + 3}) {
                assertEquals(streamOk(cat(original, original), gz.length + gz.length),
                        ZlibAdversarialOracle.sluice(Job.stream("gunzip", in, chunk, par)).summary(), "p" + par + " " + chunk);
            }
        }
    }

    @Test
    void emptyInputEverywhereAsInNode() {
        needNode();
        List<Job> jobs = new ArrayList<>();
        for (String[] f : FORMATS) {
            for (String m : f) {
                jobs.add(Job.sync(m, new byte[0], 0));
                for (int par : new int[] {1, 2}) {
                    jobs.add(Job.stream(m, new byte[0], 0, par));
                    // An empty write, then a flush, then the end.
                    jobs.add(Job.stream(m, new byte[0], 0, par).flushAt(new int[] {0, brotli(m) ? 1 : 2}).sequential());
                }
            }
        }
        jobs.add(Job.sync("unzip", new byte[0], 0));
        jobs.add(Job.stream("unzip", new byte[0], 0, 1));
        List<Outcome> node = ZlibAdversarialOracle.node(jobs);
        for (int i = 0; i < jobs.size(); i++) {
            Job j = jobs.get(i);
            if (j.mode().compresses()) {
                // The bytes differ from zlib's only in the parallel framing: Node must decode ours to nothing.
                continue;
            }
            assertEquals(node.get(i).summary(), ZlibAdversarialOracle.sluice(j).summary(), j.label());
        }
        List<Job> decode = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (Job j : jobs) {
            if (j.mode().compresses()) {
                Outcome o = ZlibAdversarialOracle.sluice(j.asRaw());
                assertTrue(o.summary().startsWith("OK"), j.label() + ": " + o.summary());
                String dec = Arrays.stream(FORMATS).filter(f -> f[0].equals(j.method())).findFirst().orElseThrow()[1];
                decode.add(Job.sync(dec, o.bytes(), 0));
                labels.add(j.label());
            }
        }
        List<Outcome> decoded = ZlibAdversarialOracle.node(decode);
        for (int i = 0; i < decode.size(); i++) {
            assertEquals(ZlibAdversarialOracle.okSync(new byte[0]), decoded.get(i).summary(), labels.get(i));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Bugs these tests found, fixed since: Brotli bytes after the end of the stream (the decoder now
    // runs libbrotli through FFM) and the fast Brotli qualities in one-shots (BrotliEncodeCodec).

    @Test
    void brotliIgnoresBytesAfterTheEndOfTheStreamAsNodeDoes() {
        needNode();
        byte[] original = "hello world hello world".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] br = Zlib.brotliCompressSync(Buffer.wrap(original)).toByteArray();
        List<Job> jobs = new ArrayList<>();
        for (byte[] tail : new byte[][] {"xyz".getBytes(), {0}, new byte[100_000]}) {
            byte[] in = cat(br, tail);
            jobs.add(Job.sync("brotliDecompress", in, 0));
            for (int chunk : new int[] {0, 7, 1}) {
                jobs.add(Job.stream("brotliDecompress", in, chunk, 0));
            }
        }
        List<Outcome> node = ZlibAdversarialOracle.node(jobs);
        for (int i = 0; i < jobs.size(); i++) {
            Job j = jobs.get(i);
            // Node: OK with the 23 bytes (streams end early, see withoutEarlyEnd), bytesWritten 23.
            assertEquals(withoutEarlyEnd(node.get(i).summary()), ZlibAdversarialOracle.sluice(j).summary(), j.label());
        }
        // Minimal reproduction without node: one byte after the end of a Brotli stream.
        assertArrayEquals(original, Zlib.brotliDecompressSync(Buffer.wrap(cat(br, new byte[] {0}))).toByteArray());
    }

    @Test
    void brotliLowQualityOneShotOfMoreThan64KiB() {
        needNode();
        byte[] text = ZlibTesting.text(200_000, 200_000);
        List<Job> jobs = new ArrayList<>();
        for (int[] qw : new int[][] {{0, 10}, {1, 12}, {0, 15}, {2, 14}, {2, 22}, {3, 24}}) {
            jobs.add(Job.sync("brotliCompress", text, 0).asRaw().brotli(qw[0], qw[1]));
        }
        List<Outcome> node = ZlibAdversarialOracle.node(jobs);
        for (int i = 0; i < jobs.size(); i++) {
            Job j = jobs.get(i);
            // Node compresses; its output decodes to the input (checked by Sluice, which decodes it fine).
            assertTrue(node.get(i).summary().startsWith("OK "), j.label() + ": node " + node.get(i).summary());
            assertArrayEquals(text, Zlib.brotliDecompressSync(Buffer.wrap(node.get(i).bytes())).toByteArray(), j.label());
            Outcome ours = ZlibAdversarialOracle.sluice(j);
            assertTrue(ours.summary().startsWith("OK "), j.label() + ": sluice " + ours.summary());
            assertArrayEquals(text, Zlib.brotliDecompressSync(Buffer.wrap(ours.bytes())).toByteArray(), j.label());
        }
        // Minimal reproduction without node: 65 537 bytes at quality 0, lgwin 10.
        byte[] in = ZlibTesting.random(1, 65_537);
        ZlibOptions o = ZlibOptions.create().brotliParam(ZlibConstants.BROTLI_PARAM_QUALITY, 0)
                .brotliParam(ZlibConstants.BROTLI_PARAM_LGWIN, 10);
        assertArrayEquals(in, Zlib.brotliDecompressSync(Zlib.brotliCompressSync(Buffer.wrap(in), o)).toByteArray());
    }
}
