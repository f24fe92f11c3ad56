package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.cli.CliFuzzCase.Kind;
import io.sluice.cli.CliFuzzNode.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random differential test of the {@code sluice} command against Node 20: random inputs
 * for gzip/gunzip, brotli/unbrotli, {@code cp --start/--end} and {@code hash}, each compared with
 * what Node's own calls do with the same files ({@link CliFuzzCase} says which calls). Node and
 * Sluice each run in one process per batch ({@link CliFuzzNode}, {@link CliFuzzBatch}); {@code cat}
 * with stdin needs a process of its own per case and has a test of its own.
 *
 * <p>The rules checked: a command succeeds exactly when Node's equivalent does; on success the
 * output equals Node's bytes (for compression: Node decompresses it back to the input) and stderr is
 * empty; on failure the exit code is 1 (2 for arguments Node rejects, as the README's "bad usage"),
 * stderr is one line, {@code sluice: <command>: <Node's code>: <Node's message>}, and no output or
 * temporary file is left. The oracle for gunzip/unbrotli is Node's stream pipeline
 * ({@code fs.createReadStream(in).pipe(createGunzip())}), which the command ports; where
 * {@code gunzipSync} decides differently (trailing garbage at a 64 KiB read boundary) the case is
 * counted and printed, not failed.
 *
 * <p>System properties: {@code clifuzz.cases} (default {@value #DEFAULT_CASES}), {@code clifuzz.seed}
 * (default fixed; {@code random} for a new one), {@code clifuzz.only} (comma-separated case indices,
 * to reproduce), {@code clifuzz.dir} (keep the files there) and {@code clifuzz.catCases}.
 */
class CliRandomDifferentialTest {
    /**
     * About 7 s on two cores (2000 cases take about 20 s): most of it Brotli at high qualities, the
     * node start-ups and the two batch JVMs. Raise it with {@code -Dclifuzz.cases}.
     */
    static final int DEFAULT_CASES = 600;
    static final int DEFAULT_CAT_CASES = 4;
    private static final long DEFAULT_SEED = 20_250_601L;

    /** A disagreement: the case, a short category and the details. */
    record Mismatch(CliFuzzCase c, String category, String detail) {}

    @Test
    void commandsAgreeWithNodeOnRandomInputs(@TempDir Path tmp) throws Exception {
        Node.assume();
        long seed = seed();
        Path root = root(tmp);
        List<Integer> indices = indices(Integer.getInteger("clifuzz.cases", DEFAULT_CASES));
        List<CliFuzzCase> cases = new ArrayList<>();
        for (int i : indices) {
            cases.add(CliFuzzCase.generate(seed, i, root));
        }

        // 1. Node makes the compressed inputs and computes every expected result.
        Map<String, List<Outcome>> prep = CliFuzzNode.run(root, "prep",
                cases.stream().filter(c -> c.prep != null).map(c -> c.prep).toList());

        // 2. Sluice runs every command: two batch JVMs side by side, one per core.
        List<List<String>> all = cases.stream().map(c -> {
            List<String> line = new ArrayList<>(List.of(c.id(), c.aux.resolve("sluice.stdout").toString()));
            line.addAll(c.args);
            return line;
        }).toList();
        int half = (all.size() + 1) / 2;
        CompletableFuture<Map<String, CliFuzzBatch.Result>> first = CompletableFuture.supplyAsync(
                () -> batch(root, "b0", all.subList(0, half)), Thread::startVirtualThread);
        Map<String, CliFuzzBatch.Result> sluice = new java.util.HashMap<>(batch(root, "b1", all.subList(half, all.size())));
        sluice.putAll(first.join());

        // 3. Node decompresses what Sluice compressed.
        Map<String, List<Outcome>> check = CliFuzzNode.run(root, "check", cases.stream()
                .filter(c -> c.check != null && Files.exists(c.dir.resolve(c.output))).map(c -> c.check).toList());

        List<Mismatch> mismatches = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (CliFuzzCase c : cases) {
            CliFuzzBatch.Result r = sluice.get(c.id());
            if (r == null) {
                mismatches.add(new Mismatch(c, "not run", "the batch JVM stopped before this case: "
                        + CliFuzzBatch.diagnostics(root, "b0") + CliFuzzBatch.diagnostics(root, "b1")));
                continue;
            }
            compare(c, r, prep.get(c.id()), check.get(c.id()), mismatches, notes);
        }
        report(seed, cases.size(), mismatches, notes);
    }

    @Test
    void catConcatenatesFilesAndStdinInOrder(@TempDir Path tmp) throws Exception {
        long seed = seed();
        Path root = root(tmp);
        List<Mismatch> mismatches = new ArrayList<>();
        int n = Integer.getInteger("clifuzz.catCases", DEFAULT_CAT_CASES);
        for (int i = 0; i < n; i++) {
            Random r = new Random(seed * 31 + i);
            Path dir = Files.createDirectories(root.resolve("cat" + i));
            byte[] stdin = CliFuzzData.sample(r, 200_000).bytes();
            List<String> args = new ArrayList<>(List.of("cat"));
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            StringBuilder expectedErr = new StringBuilder();
            StringBuilder what = new StringBuilder("stdin " + stdin.length + " B");
            boolean stdinRead = false;
            int parts = 1 + r.nextInt(5);
            for (int p = 0; p < parts; p++) {
                int pick = r.nextInt(10);
                if (pick < 3) {
                    args.add("-");
                    // As cat(1): the first '-' drains stdin, a later one finds it at EOF.
                    expected.writeBytes(stdinRead ? new byte[0] : stdin);
                    stdinRead = true;
                } else if (pick == 3) {
                    args.add("gone" + p);
                    expectedErr.append("sluice: cat: ENOENT: no such file or directory, open 'gone").append(p).append("'\n");
                } else {
                    CliFuzzData.Sample s = CliFuzzData.sample(r, 300_000);
                    Files.write(dir.resolve("f" + p), s.bytes());
                    args.add("f" + p);
                    expected.writeBytes(s.bytes());
                    what.append(", f").append(p).append(" = ").append(s.description());
                }
            }
            Cli.Result result = Cli.run(dir, stdin, args.toArray(String[]::new));
            int exit = expectedErr.isEmpty() ? 0 : 1;
            if (result.exit() != exit || !result.stderr().contentEquals(expectedErr)
                    || !Arrays.equals(result.stdout(), expected.toByteArray())) {
                mismatches.add(new Mismatch(null, "cat", "cat case " + i + " (seed " + seed + "): ./sluice "
                        + String.join(" ", args.subList(1, args.size())) + " where " + what
                        + "\n    expected: exit " + exit + ", " + expected.size() + " B on stdout, stderr "
                        + quote(expectedErr.toString()) + "\n    sluice:   exit " + result.exit() + ", "
                        + result.stdout().length + " B on stdout" + firstDifference(expected.toByteArray(), result.stdout())
                        + ", stderr " + quote(result.stderr())));
            }
        }
        report(seed, n, mismatches, List.of());
    }

    /**
     * The two defects this test found (fixed), as fixed cases. Expected values are Node 20's, found by
     * running it.
     */
    @Test
    void defectsFoundByTheFuzzStayFixed(@TempDir Path dir) throws Exception {
        // gzip("hello") with its CRC's first byte flipped and the last two ISIZE bytes cut. zlib checks
        // the CRC as soon as its four bytes are in, so Node's gunzipSync and createGunzip() both throw
        // Z_DATA_ERROR "incorrect data check"; GunzipCodec used to wait for all eight trailer bytes and
        // report the truncation instead.
        Files.write(dir.resolve("crc-cut.gz"), HexFormat.of().parseHex("1f8b0800000000000003cb48cdc9c9070087a610360500"));
        Cli.Result gunzip = Cli.run(dir, "gunzip", "crc-cut.gz", "out");
        // Node's createReadStream rejects a position over 2^53-1 with ERR_OUT_OF_RANGE, as it rejects
        // start > end; the README makes such arguments bad usage (exit 2), as --start 5 --end 2 is. It
        // used to exit 1, rejected only once the pipeline started.
        Files.writeString(dir.resolve("in"), "abc");
        Cli.Result cp = Cli.run(dir, "cp", "--end", "9007199254740992", "in", "out2");
        assertThat(List.of(gunzip.exit() + " " + gunzip.stderr(), cp.exit() + " " + cp.stderr().lines().findFirst().orElse("")))
                .containsExactly("1 sluice: gunzip: Z_DATA_ERROR: incorrect data check\n",
                        "2 The value of \"end\" is out of range. It must be >= 0 && <= 9007199254740991. "
                                + "Received 9_007_199_254_740_992");
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted().toList()).containsExactly("crc-cut.gz", "in");
        }
    }

    // ---------------------------------------------------------------------------------------------

    private static Map<String, CliFuzzBatch.Result> batch(Path root, String name, List<List<String>> commands) {
        try {
            return CliFuzzBatch.run(root, name, commands);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void compare(CliFuzzCase c, CliFuzzBatch.Result r, List<Outcome> prep, List<Outcome> check,
            List<Mismatch> out, List<String> notes) throws IOException {
        String command = c.args.getFirst();
        String sluice = "exit " + r.exit() + ", stderr " + quote(r.stderr());
        List<String> listing = listing(c.dir);
        List<String> inputsOnly = c.inputs.stream().sorted().toList();
        List<String> withOutput = new ArrayList<>(c.inputs);
        if (c.output != null) {
            withOutput.add(c.output);
        }
        withOutput.sort(null);
        switch (c.kind) {
            case GZIP, BROTLI -> {
                if (!r.exit().equals("0") || !r.stderr().isEmpty()) {
                    out.add(new Mismatch(c, command + ": failed", "node: compressing any input succeeds; sluice: " + sluice));
                } else if (check == null || !check.getFirst().ok()) {
                    out.add(new Mismatch(c, command + ": output not decodable", "node's "
                            + (c.kind == Kind.GZIP ? "gunzipSync" : "brotliDecompressSync") + " of sluice's output: "
                            + (check == null ? "not run" : check.getFirst())));
                }
                listing(c, listing, r.exit().equals("0") ? withOutput : inputsOnly, out);
            }
            case GUNZIP, UNBROTLI -> {
                Outcome sync = prep.get(0);
                Outcome stream = prep.get(1);
                if (sync.ok() != stream.ok() || !sync.code().equals(stream.code())) {
                    notes.add(c + "\n    node's sync call and stream disagree: sync " + sync + ", stream " + stream
                            + " (stream is the oracle)");
                }
                expectOutcome(c, stream, r, c.expect().resolveSibling("expect.stream"), out);
                listing(c, listing, stream.ok() ? withOutput : inputsOnly, out);
            }
            case CP -> {
                Outcome node = prep.getFirst();
                if (node.ok()) {
                    expectOutcome(c, node, r, c.expect(), out);
                } else if (!r.exit().equals("2")) {
                    out.add(new Mismatch(c, "cp: node rejects the range, sluice " + (r.exit().equals("0") ? "copies" : "exit " + r.exit()),
                            "node: fs.createReadStream " + node + "\n    sluice: " + sluice
                                    + (r.exit().equals("0") ? ", wrote " + Files.size(c.dir.resolve(c.output)) + " B" : "")));
                }
                listing(c, listing, r.exit().equals("0") ? withOutput : inputsOnly, out);
            }
            case HASH -> {
                String exit = prep.getFirst().code();
                String stdout = Files.readString(c.expect().resolveSibling("expect.out"));
                String stderr = Files.readString(c.expect().resolveSibling("expect.err"));
                String got = Files.readString(c.aux.resolve("sluice.stdout"));
                if (!r.exit().equals(exit) || !got.equals(stdout) || !r.stderr().equals(stderr)) {
                    out.add(new Mismatch(c, "hash: output", "node: exit " + exit + ", stdout " + quote(stdout)
                            + ", stderr " + quote(stderr) + "\n    sluice: " + sluice + ", stdout " + quote(got)));
                }
                listing(c, listing, inputsOnly, out);
            }
        }
    }

    /** Sluice's result against Node's outcome {@code node} whose bytes (when OK) are in {@code expectFile}. */
    private static void expectOutcome(CliFuzzCase c, Outcome node, CliFuzzBatch.Result r, Path expectFile,
            List<Mismatch> out) throws IOException {
        String command = c.args.getFirst();
        String sluice = "exit " + r.exit() + ", stderr " + quote(r.stderr());
        if (node.ok()) {
            if (!r.exit().equals("0") || !r.stderr().isEmpty()) {
                out.add(new Mismatch(c, command + ": fails where node succeeds",
                        "node: " + node + "\n    sluice: " + sluice));
                return;
            }
            byte[] expected = Files.readAllBytes(expectFile);
            byte[] got = Files.readAllBytes(c.dir.resolve(c.output));
            if (!Arrays.equals(expected, got)) {
                out.add(new Mismatch(c, command + ": output bytes", "node: " + node + "\n    sluice: wrote "
                        + got.length + " B" + firstDifference(expected, got)));
            }
            return;
        }
        if (!r.exit().equals("1")) {
            out.add(new Mismatch(c, command + ": succeeds where node fails" + (r.exit().equals("0") ? "" : " (exit " + r.exit() + ")"),
                    "node: " + node + "\n    sluice: " + sluice
                            + (Files.exists(c.dir.resolve(c.output)) ? ", wrote " + Files.size(c.dir.resolve(c.output)) + " B" : "")));
            return;
        }
        String line = "sluice: " + command + ": " + nodeCode(c, node) + ": " + node.message() + "\n";
        if (!r.stderr().equals(line)) {
            out.add(new Mismatch(c, command + ": error line", "node: " + node + ", expected " + quote(line)
                    + "\n    sluice: " + sluice));
        }
    }

    /**
     * Node's error code as Sluice reports it. Documented difference (ZlibException's javadoc): every
     * corrupt-Brotli code of Node ({@code ERR__ERROR_FORMAT_...} from libbrotli) is reported as
     * {@code ERR_BROTLI_DECOMPRESSION_FAILED}, with Node's message.
     */
    private static String nodeCode(CliFuzzCase c, Outcome node) {
        return c.kind == Kind.UNBROTLI && node.code().startsWith("ERR_") ? "ERR_BROTLI_DECOMPRESSION_FAILED" : node.code();
    }

    private static void listing(CliFuzzCase c, List<String> listing, List<String> expected, List<Mismatch> out) {
        if (!listing.equals(expected)) {
            out.add(new Mismatch(c, c.args.getFirst() + ": files left", "expected the directory to hold " + expected
                    + ", it holds " + listing));
        }
    }

    private static void report(long seed, int cases, List<Mismatch> mismatches, List<String> notes) {
        StringBuilder sb = new StringBuilder();
        List<String> failing = new ArrayList<>();
        for (Mismatch m : mismatches) {
            failing.add(m.category());
            sb.append("MISMATCH [").append(m.category()).append("] ");
            if (m.c() != null) {
                sb.append(m.c()).append('\n').append("    ").append(m.detail()).append('\n')
                        .append("    reproduce: -Dclifuzz.seed=").append(seed).append(" -Dclifuzz.only=")
                        .append(m.c().index).append(" -Dclifuzz.dir=/tmp/clifuzz-repro").append(smallInput(m.c())).append('\n');
            } else {
                sb.append(m.detail()).append('\n');
            }
        }
        for (String n : notes) {
            sb.append("NOTE ").append(n).append('\n');
        }
        System.out.println("clifuzz: seed " + seed + ", " + cases + " cases, " + failing.size() + " mismatches, "
                + notes.size() + " notes\n" + sb);
        assertThat(failing).as("mismatches with node (seed %d):%n%s", seed, sb).isEmpty();
    }

    /** For an input of at most 64 bytes, a shell line recreating it. */
    private static String smallInput(CliFuzzCase c) {
        for (String name : c.inputs) {
            try {
                byte[] b = Files.readAllBytes(c.dir.resolve(name));
                if (b.length <= 64) {
                    return "\n    or: printf '" + HexFormat.of().formatHex(b) + "' | xxd -r -p > " + name + " && "
                            + c.commandLine();
                }
            } catch (IOException e) {
                return "";
            }
        }
        return "";
    }

    private static String firstDifference(byte[] expected, byte[] got) {
        int i = Arrays.mismatch(expected, got);
        return i < 0 ? "" : " (first difference at byte " + i + " of " + expected.length + " expected)";
    }

    private static String quote(String s) {
        String q = s.length() > 300 ? s.substring(0, 300) + "..." : s;
        return "\"" + q.replace("\n", "\\n") + "\"";
    }

    private static List<String> listing(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static long seed() {
        String s = System.getProperty("clifuzz.seed");
        if (s == null || s.isEmpty()) {
            return DEFAULT_SEED;
        }
        return s.equals("random") ? System.nanoTime() : Long.parseLong(s);
    }

    private static Path root(Path tmp) throws IOException {
        String dir = System.getProperty("clifuzz.dir");
        return dir == null || dir.isEmpty() ? tmp : Files.createDirectories(Path.of(dir).toAbsolutePath());
    }

    private static List<Integer> indices(int n) {
        String only = System.getProperty("clifuzz.only");
        if (only != null && !only.isEmpty()) {
            return Arrays.stream(only.split(",")).map(String::trim).map(Integer::valueOf).toList();
        }
        return IntStream.range(0, n).boxed().toList();
    }
}
