package io.sluice.fs;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.fs.FsStreamsAdversarialOracle.Case;
import io.sluice.fs.FsStreamsAdversarialOracle.JavaRun;
import io.sluice.loop.EventLoop;
import io.sluice.testing.NodeOracle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adversarial differential test of {@code fs.createReadStream} / {@code fs.createWriteStream}
 * against Node 20: range edges, chunk sizes, encodings split across chunks, open flags, write
 * offsets, lifecycle misuse (end twice, write after end, destroy at every stage) and open
 * failures. Each scenario runs in Node and in Sluice on identical copies of the files; the
 * event logs (see {@link FsStreamsAdversarialOracle}), final file contents and descriptor counts
 * must match. Cases where Sluice documents a difference from Node are left out.
 */
class FsStreamsAdversarialDifferentialTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void warmUp() {
        // The first stream starts the virtual-thread scheduler and the worker machinery, whose
        // descriptors must not be counted as a leak of the first case.
        EventLoop.run(() -> Fs.createReadStream(Path.of("/proc/self/status")).resume());
    }

    @AfterEach
    void removeLinks() throws java.io.IOException {
        // Links to outside the temporary folder (/dev/null, /dev/zero) make JUnit warn while deleting.
        try (var all = java.nio.file.Files.walk(dir)) {
            for (Path p : all.filter(java.nio.file.Files::isSymbolicLink).toList()) {
                java.nio.file.Files.delete(p);
            }
        }
    }

    @BeforeEach
    void needNode() {
        Assumptions.assumeTrue(NodeOracle.available(), NodeOracle.SKIP_MESSAGE);
    }

    // ---------------------------------------------------------------------------------------------
    // Reads

    @Test
    void readRangesAndChunkSizesMatchNode() {
        List<Case> cases = new ArrayList<>();
        for (int hwm : new int[] {1, 3, 7}) {
            for (int size : new LinkedHashSet<>(List.of(0, 1, hwm - 1, hwm, hwm + 1, 3 * hwm))) {
                if (size < 0) {
                    continue;
                }
                byte[] content = FsTesting.randomBytes(size, size * 31L + hwm);
                List<Long> points = java.util.Arrays.asList(null, 0L, 1L, size - 1L, (long) size, size + 1L);
                for (Long start : new LinkedHashSet<>(points)) {
                    for (Long end : new LinkedHashSet<>(points)) {
                        if ((start != null && start < 0) || (end != null && end < 0)) {
                            continue;
                        }
                        Map<String, Object> o = opts("highWaterMark", hwm);
                        if (start != null) {
                            o.put("start", start);
                        }
                        if (end != null) {
                            o.put("end", end);
                        }
                        cases.add(Case.read("r" + hwm + "-" + size + "-" + start + "-" + end, content, o));
                    }
                }
            }
        }
        byte[] big = FsTesting.randomBytes(200_000, 5);
        cases.add(Case.read("size-eq-hwm", FsTesting.randomBytes(100, 1), opts("highWaterMark", 100)));
        cases.add(Case.read("hwm-gt-size", FsTesting.randomBytes(100, 2), opts("highWaterMark", 101)));
        cases.add(Case.read("hwm-lt-size", FsTesting.randomBytes(100, 3), opts("highWaterMark", 99)));
        cases.add(Case.read("default-hwm-big", big, opts()));
        cases.add(Case.read("default-hwm-exact", FsTesting.randomBytes(65536 * 2, 4), opts()));
        cases.add(Case.read("hwm-16k-1", big, opts("highWaterMark", 16383, "start", 1000, "end", 70000)));
        cases.add(Case.read("hwm-1m-small", big, opts("highWaterMark", 1 << 20)));
        cases.add(Case.read("max-safe-start", big, opts("start", (1L << 53) - 1)));
        cases.add(Case.read("max-safe-end", big, opts("start", 199_990, "end", (1L << 53) - 1)));
        cases.add(Case.read("start-2p53", big, opts("start", 1L << 53)));
        cases.add(Case.read("end-2p53", big, opts("end", 1L << 53)));
        cases.add(Case.read("start-neg", big, opts("start", -1)));
        cases.add(Case.read("end-neg", big, opts("end", -1)));
        cases.add(Case.read("start-gt-end-big", big, opts("start", 5_000_000_000L, "end", 4_999_999_999L)));
        cases.add(Case.read("hwm-neg", big, opts("highWaterMark", -1)));
        cases.add(Case.read("hwm-0-range", big, opts("highWaterMark", 0, "start", 3, "end", 4)));
        compare(cases);
    }

    @Test
    void readEncodingsSplitAcrossChunksMatchNode() {
        byte[] text = "aé€😀ß\u0000z€😀".getBytes(StandardCharsets.UTF_8);
        List<Case> cases = new ArrayList<>();
        String[] encodings = {"utf8", "utf-8", "hex", "base64", "base64url", "latin1", "binary", "ascii", "utf16le", "ucs2"};
        for (String enc : encodings) {
            for (int hwm : new int[] {1, 2, 3, 5, 7, 64}) {
                cases.add(Case.read("enc-" + enc + "-" + hwm, text, opts("encoding", enc, "highWaterMark", hwm)));
            }
            // A start in the middle of a multi-byte character, and an end that cuts one.
            cases.add(Case.read("enc-" + enc + "-mid", text, opts("encoding", enc, "highWaterMark", 4, "start", 2, "end", 9)));
        }
        cases.add(Case.read("enc-utf8-truncated-tail", new byte[] {'a', (byte) 0xE2, (byte) 0x82}, opts("encoding", "utf8", "highWaterMark", 1)));
        cases.add(Case.read("enc-utf16-odd", new byte[] {'a', 0, 'b'}, opts("encoding", "utf16le", "highWaterMark", 1)));
        cases.add(Case.read("enc-utf16-surrogate-split", "😀😀".getBytes(StandardCharsets.UTF_16LE), opts("encoding", "utf16le", "highWaterMark", 3)));
        cases.add(Case.read("enc-base64-empty", new byte[0], opts("encoding", "base64")));
        compare(cases);
    }

    @Test
    void readFailuresFlagsAndLifecycleMatchNode() {
        byte[] ten = "0123456789".getBytes(StandardCharsets.US_ASCII);
        byte[] big = FsTesting.randomBytes(100_000, 9);
        List<Case> cases = new ArrayList<>();
        cases.add(Case.read("missing", null, opts()));
        cases.add(Case.read("missing-dir", null, opts()).atPath("nodir/f", false));
        cases.add(Case.read("directory", null, opts()).atPath("d", true));
        cases.add(Case.read("directory-range", null, opts("start", 0, "end", 0)).atPath("d", true));
        cases.add(new Case("not-a-dir", "read", "f/x", null, opts(), Map.of(), false, false, 0));
        cases.add(Case.read("flags-r+", ten, opts("flags", "r+", "start", 2, "end", 4)));
        cases.add(Case.read("flags-a+", ten, opts("flags", "a+")));
        cases.add(Case.read("flags-w+", ten, opts("flags", "w+")));
        cases.add(Case.read("flags-wx-missing", null, opts("flags", "wx")));
        cases.add(Case.read("flags-wx-exists", ten, opts("flags", "wx")));
        cases.add(Case.read("flags-rs", ten, opts("flags", "rs", "highWaterMark", 4)));
        cases.add(Case.read("flags-r+-missing", null, opts("flags", "r+")));
        cases.add(Case.read("destroy-sync", ten, opts()).withOps(Map.of("sync", List.of("destroy", "props"))));
        cases.add(Case.read("destroy-open", ten, opts()).withOps(Map.of("open", List.of("destroy", "props"))));
        cases.add(Case.read("destroyerr-sync", ten, opts()).withOps(Map.of("sync", List.of("destroyerr"))));
        cases.add(Case.read("destroyerr-ready", ten, opts()).withOps(Map.of("ready", List.of("destroyerr"))));
        cases.add(Case.read("destroy-data1", ten, opts("highWaterMark", 2)).withOps(Map.of("data1", List.of("destroy", "props"))));
        cases.add(Case.read("destroy-end", ten, opts()).withOps(Map.of("end", List.of("destroy", "props"))));
        cases.add(Case.read("destroy-close", ten, opts()).withOps(Map.of("close", List.of("destroy", "props"))));
        cases.add(Case.read("destroy-missing", null, opts()).withOps(Map.of("sync", List.of("destroy"))));
        cases.add(Case.read("close-sync", ten, opts()).withOps(Map.of("sync", List.of("close"))));
        cases.add(Case.read("close-ready", ten, opts()).withOps(Map.of("ready", List.of("close"))));
        cases.add(Case.read("close-end", ten, opts()).withOps(Map.of("end", List.of("close"))));
        cases.add(Case.read("close-twice", ten, opts()).withOps(Map.of("ready", List.of("close", "close"))));
        cases.add(Case.read("close-missing", null, opts()).withOps(Map.of("sync", List.of("close"))));
        cases.add(Case.read("pause-resume", ten, opts("highWaterMark", 3))
                .withOps(Map.of("data1", List.of("pause", "props", "imm:resume"))));
        cases.add(Case.read("props-each", ten, opts("highWaterMark", 4))
                .withOps(Map.of("open", List.of("props"), "ready", List.of("props"), "end", List.of("props"))));
        cases.add(Case.read("autoclose-false", ten, opts("autoClose", false, "highWaterMark", 4))
                .withOps(Map.of("end", List.of("props", "imm:props", "imm:destroy"))));
        cases.add(Case.read("autoclose-false-close", ten, opts("autoClose", false))
                .withOps(Map.of("end", List.of("close"))));
        cases.add(Case.read("emitclose-false", ten, opts("emitClose", false)).waiting(150));
        cases.add(Case.read("emitclose-false-missing", null, opts("emitClose", false)).waiting(150));
        cases.add(Case.read("emitclose-false-destroy", ten, opts("emitClose", false))
                .withOps(Map.of("ready", List.of("destroy"))).waiting(150));
        cases.add(Case.read("big-destroy-data1", big, opts("highWaterMark", 1000))
                .withOps(Map.of("data1", List.of("destroy"))));
        compare(cases);
    }

    // ---------------------------------------------------------------------------------------------
    // Writes

    @Test
    void writeFlagsOffsetsAndContentsMatchNode() {
        byte[] old = "abcdefghij".getBytes(StandardCharsets.US_ASCII);
        List<Case> cases = new ArrayList<>();
        Map<String, List<String>> xyEnd = Map.of("sync", List.of("writes:" + hex("XY"), "end"));
        for (String flags : new String[] {"w", "a", "r+", "wx", "w+", "a+", "ax", "as", "rs+", "wx+"}) {
            cases.add(Case.write("flags-" + flags + "-exists", old, opts("flags", flags), xyEnd));
            cases.add(Case.write("flags-" + flags + "-missing", null, opts("flags", flags), xyEnd));
            cases.add(Case.write("flags-" + flags + "-start3", old, opts("flags", flags, "start", 3), xyEnd));
        }
        for (long start : new long[] {0, 1, 9, 10, 11, 20}) {
            cases.add(Case.write("r+-start" + start, old, opts("flags", "r+", "start", start), xyEnd));
        }
        cases.add(Case.write("r-write", old, opts("flags", "r"), xyEnd));
        cases.add(Case.write("start-neg", old, opts("start", -1), xyEnd));
        cases.add(Case.write("start-2p53", old, opts("start", 1L << 53), xyEnd));
        cases.add(Case.write("missing-dir", null, opts(), xyEnd).atPath("nodir/f", false));
        cases.add(Case.write("into-dir", null, opts(), xyEnd).atPath("d", true));
        cases.add(Case.write("into-dir-flags-a", null, opts("flags", "a"), xyEnd).atPath("d", true));
        cases.add(Case.write("into-dir-r+", null, opts("flags", "r+"), xyEnd).atPath("d", true));
        cases.add(new Case("not-a-dir", "write", "f/x", null, opts(), xyEnd, false, false, 0));
        cases.add(Case.write("mode-600", null, opts("mode", 0600), xyEnd).checkingMode());
        cases.add(Case.write("mode-755-exists", old, opts("mode", 0755), xyEnd).checkingMode());
        cases.add(Case.write("mode-0", null, opts("mode", 0), xyEnd).checkingMode());
        cases.add(Case.write("encoding-hex", null, opts("encoding", "hex"),
                Map.of("sync", List.of("writes:" + hex("414243"), "writeenc:utf8:" + hex("é"), "writeenc:base64:" + hex("QUJD"), "end"))));
        cases.add(Case.write("encoding-latin1-write", null, opts(),
                Map.of("sync", List.of("writeenc:latin1:" + hex("é€"), "writeenc:ucs2:" + hex("hi"), "writeenc:hex:" + hex("zz1"), "end"))));
        cases.add(Case.write("encoding-unknown-write", null, opts(),
                Map.of("sync", List.of("writeenc:nope:" + hex("a"), "end"))));
        compare(cases);
    }

    @Test
    void writeLifecycleAndMisuseMatchNode() {
        byte[] old = "abcdefghij".getBytes(StandardCharsets.US_ASCII);
        List<Case> cases = new ArrayList<>();
        cases.add(Case.write("empty-chunks", null, opts(),
                Map.of("sync", List.of("write:", "writes:", "write:41", "write:", "endw:"))));
        cases.add(Case.write("only-empty-end", old, opts(), Map.of("sync", List.of("endw:"))));
        cases.add(Case.write("no-writes", old, opts(), Map.of("sync", List.of("end"))));
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            many.add("write:" + HexFormat.of().formatHex(new byte[] {(byte) i, (byte) (i * 7)}));
        }
        many.add("endw:" + hex("TAIL"));
        cases.add(Case.write("many-small", null, opts(), Map.of("sync", many)));
        cases.add(Case.write("many-small-hwm3", null, opts("highWaterMark", 3), Map.of("sync", many)));
        cases.add(Case.write("hwm-backpressure", null, opts("highWaterMark", 4),
                Map.of("sync", List.of("writes:" + hex("ab"), "writes:" + hex("cd"), "writes:" + hex("e")),
                        "drain", List.of("end"))));
        cases.add(Case.write("hwm0", null, opts("highWaterMark", 0), Map.of("sync", List.of("write:41", "write:", "end"))));
        cases.add(Case.write("after-ready", null, opts(),
                Map.of("ready", List.of("write:41", "write:42", "endw:43"))));
        cases.add(Case.write("end-twice", null, opts(), Map.of("sync", List.of("write:41", "end", "end"))));
        cases.add(Case.write("end-after-finish", null, opts(),
                Map.of("sync", List.of("write:41", "end"), "finish", List.of("end", "endw:42"))));
        cases.add(Case.write("end-after-close", null, opts(),
                Map.of("sync", List.of("write:41", "end"), "close", List.of("end", "endw:42", "props"))));
        cases.add(Case.write("write-after-end", null, opts(), Map.of("sync", List.of("write:41", "end", "write:42"))));
        cases.add(Case.write("write-after-end-ready", null, opts(),
                Map.of("sync", List.of("write:41", "end"), "ready", List.of("write:42"))));
        cases.add(Case.write("write-after-finish", null, opts(),
                Map.of("sync", List.of("write:41", "end"), "finish", List.of("write:42"))));
        cases.add(Case.write("write-after-close", null, opts(),
                Map.of("sync", List.of("write:41", "end"), "close", List.of("write:42"))));
        cases.add(Case.write("destroy-sync", old, opts(), Map.of("sync", List.of("write:41", "destroy", "props", "write:42"))));
        cases.add(Case.write("destroy-open", old, opts(), Map.of("sync", List.of("write:41"), "open", List.of("destroy", "props"))));
        cases.add(Case.write("destroy-ready-nowrite", old, opts(), Map.of("ready", List.of("destroy"))));
        cases.add(Case.write("destroy-finish", old, opts(), Map.of("sync", List.of("write:41", "end"), "finish", List.of("destroy"))));
        cases.add(Case.write("destroyerr-sync", old, opts(), Map.of("sync", List.of("write:41", "destroyerr"))));
        cases.add(Case.write("destroyerr-ready", old, opts(), Map.of("sync", List.of("write:41"), "ready", List.of("destroyerr", "end"))));
        cases.add(Case.write("destroy-missing-dir", null, opts(), Map.of("sync", List.of("write:41", "destroy"))).atPath("nodir/f", false));
        cases.add(Case.write("wx-exists-writes", old, opts("flags", "wx"),
                Map.of("sync", List.of("write:41", "write:42", "endw:43"))));
        cases.add(Case.write("missing-dir-writes", null, opts(),
                Map.of("sync", List.of("write:41", "write:42", "endw:43"))).atPath("nodir/f", false));
        cases.add(Case.write("close-sync", old, opts(), Map.of("sync", List.of("write:41", "close"))));
        cases.add(Case.write("close-twice", old, opts(), Map.of("sync", List.of("write:41", "close", "close"))));
        cases.add(Case.write("close-after-close", old, opts(), Map.of("sync", List.of("end"), "close", List.of("close"))));
        cases.add(Case.write("autoclose-false", null, opts("autoClose", false),
                Map.of("sync", List.of("write:41", "end"), "finish", List.of("props", "imm:props", "imm:destroy"))));
        cases.add(Case.write("autoclose-false-wx", old, opts("autoClose", false, "flags", "wx"),
                Map.of("sync", List.of("write:41", "end"))).waiting(150));
        cases.add(Case.write("emitclose-false", null, opts("emitClose", false),
                Map.of("sync", List.of("write:41", "end"))).waiting(150));
        cases.add(Case.write("emitclose-false-error", null, opts("emitClose", false),
                Map.of("sync", List.of("write:41", "end"))).atPath("nodir/f", false).waiting(150));
        cases.add(Case.write("emitclose-false-destroy", null, opts("emitClose", false),
                Map.of("sync", List.of("write:41"), "ready", List.of("destroy"))).waiting(150));
        cases.add(Case.write("flush-true", null, opts("flush", true), Map.of("sync", List.of("write:41", "end"))));
        cases.add(Case.write("abort-sync", old, opts("signal", true), Map.of("sync", List.of("write:41", "abort", "props"))));
        cases.add(Case.write("abort-ready", old, opts("signal", true),
                Map.of("sync", List.of("write:41"), "ready", List.of("abort", "write:42"))));
        cases.add(Case.write("abort-finish", old, opts("signal", true),
                Map.of("sync", List.of("write:41", "end"), "finish", List.of("abort"))));
        cases.add(Case.write("abort-missing-dir", null, opts("signal", true),
                Map.of("sync", List.of("write:41", "abort"))).atPath("nodir/f", false));
        cases.add(Case.read("r-abort-sync", old, opts("signal", true)).withOps(Map.of("sync", List.of("abort"))));
        cases.add(Case.read("r-abort-data1", old, opts("signal", true, "highWaterMark", 2))
                .withOps(Map.of("data1", List.of("abort", "props"))));
        cases.add(Case.read("r-abort-end", old, opts("signal", true)).withOps(Map.of("end", List.of("abort"))));
        cases.add(Case.read("r-abort-missing", null, opts("signal", true)).withOps(Map.of("sync", List.of("abort"))));
        compare(cases);
    }

    @Test
    void pathsAndSymbolicLinksMatchNode() {
        byte[] ten = "0123456789".getBytes(StandardCharsets.US_ASCII);
        Map<String, List<String>> xyEnd = Map.of("sync", List.of("writes:" + hex("XY"), "end"));
        List<Case> cases = new ArrayList<>();
        cases.add(Case.read("link-to-file", null, opts("start", 2, "end", 5)).linkedTo("target").atPath("f", false));
        cases.add(Case.read("link-dangling", null, opts()).linkedTo("nowhere"));
        cases.add(Case.read("link-loop", null, opts()).linkedTo("f"));
        cases.add(Case.read("link-dev-zero", null, opts("end", 99, "highWaterMark", 7)).linkedTo("/dev/zero"));
        cases.add(Case.read("link-dev-null", null, opts("start", 5)).linkedTo("/dev/null"));
        cases.add(Case.read("link-to-dir", null, opts()).linkedTo("."));
        cases.add(Case.write("w-link-dangling", null, opts(), xyEnd).linkedTo("made"));
        cases.add(Case.write("wx-link-dangling", null, opts("flags", "wx"), xyEnd).linkedTo("made"));
        cases.add(Case.write("w-link-loop", null, opts(), xyEnd).linkedTo("f"));
        cases.add(Case.write("w-link-dev-null", null, opts("start", 3), xyEnd).linkedTo("/dev/null"));
        cases.add(Case.read("dot-segment", ten, opts()).atPath("./f", false));
        cases.add(Case.read("unicode-name", ten, opts("start", 1, "end", 2)).atPath("é€😀 x", false));
        cases.add(Case.read("unicode-missing", null, opts()).atPath("ü/é", false));
        cases.add(Case.write("unicode-write", null, opts(), xyEnd).atPath("é€😀 x", false));
        cases.add(Case.write("unicode-missing-dir", null, opts(), xyEnd).atPath("ü/é", false));
        cases.add(Case.read("dotdot-through-missing", null, opts()).atPath("nodir/../f", false));
        cases.add(Case.read("double-slash", ten, opts()).atPath("/f", false));
        compare(cases);
    }

    @Test
    void largeWritesAndReadsMatchNode() {
        // Chunks larger than the 1 MiB native buffer, and queued chunks whose sum exceeds it
        // (gathered into one writev hop), written at an offset into an existing file.
        String big = HexFormat.of().formatHex(FsTesting.randomBytes(1_500_000, 11));
        String mid = HexFormat.of().formatHex(FsTesting.randomBytes(300_000, 12));
        byte[] old = FsTesting.randomBytes(3_000_000, 13);
        List<Case> cases = new ArrayList<>();
        cases.add(Case.write("one-big-chunk", null, opts(), Map.of("sync", List.of("write:" + big, "end"))));
        cases.add(Case.write("queued-over-1m", null, opts(),
                Map.of("sync", List.of("write:41", "write:" + mid, "write:" + mid, "write:" + mid, "write:" + mid, "endw:" + mid))));
        cases.add(Case.write("r+-big-at-offset", old, opts("flags", "r+", "start", 777_777),
                Map.of("sync", List.of("write:" + big, "write:" + mid, "end"))));
        cases.add(Case.read("read-3m-range", old, opts("start", 65_535, "end", 2_100_001)));
        cases.add(Case.read("read-3m-hwm-1m", old, opts("highWaterMark", 1 << 20, "start", 1)));
        cases.add(Case.read("read-3m-utf8", old, opts("encoding", "utf8", "highWaterMark", 100_003)));
        compare(cases);
    }

    @Test
    void pausedModeReadsMatchNode() {
        byte[] ten = "0123456789".getBytes(StandardCharsets.US_ASCII);
        byte[] text = "aé€😀ß".getBytes(StandardCharsets.UTF_8);
        List<Case> cases = new ArrayList<>();
        for (int hwm : new int[] {1, 3, 4, 16}) {
            for (String n : new String[] {"1", "2", "5", "0", "100"}) {
                cases.add(Case.read("read" + n + "-hwm" + hwm, ten, opts("highWaterMark", hwm, "start", 1, "end", 8))
                        // then drain it all, so that the stream ends and closes its file
                        .withOps(Map.of("readable", List.of("status", "read:" + n, "read:" + n, "status", "readall"))));
            }
            cases.add(Case.read("readall-hwm" + hwm, ten, opts("highWaterMark", hwm))
                    .withOps(Map.of("readable", List.of("readall"))));
            cases.add(Case.read("readall-utf8-hwm" + hwm, text, opts("highWaterMark", hwm, "encoding", "utf8"))
                    .withOps(Map.of("readable", List.of("readall"))));
            cases.add(Case.read("read2-utf16-hwm" + hwm, text, opts("highWaterMark", hwm, "encoding", "utf16le"))
                    .withOps(Map.of("readable", List.of("read:1", "read:2", "readall"))));
        }
        cases.add(Case.read("readable-empty", new byte[0], opts()).withOps(Map.of("readable", List.of("status", "readall", "status"))));
        cases.add(Case.read("readable-missing", null, opts()).withOps(Map.of("readable", List.of("readall"))));
        cases.add(Case.read("readable-destroy", ten, opts("highWaterMark", 2))
                .withOps(Map.of("readable", List.of("read:1", "destroy", "read:1", "props"))));
        compare(cases);
    }

    @Test
    void writeChunkMisuseCorkingAndEncodingsMatchNode() {
        List<Case> cases = new ArrayList<>();
        cases.add(Case.write("write-number", null, opts(), Map.of("sync", List.of("write:41", "writenum", "end"))));
        cases.add(Case.write("write-null", null, opts(), Map.of("sync", List.of("write:41", "writenull", "end"))));
        cases.add(Case.write("cork-after-ready", null, opts(),
                Map.of("ready", List.of("cork", "write:41", "write:42", "writes:" + hex("é"), "uncork", "write:43", "end"))));
        cases.add(Case.write("cork-twice-ready", null, opts(),
                Map.of("sync", List.of("cork", "cork", "write:41"), "ready", List.of("uncork", "write:42", "uncork", "end"))));
        cases.add(Case.write("setenc-hex", null, opts(), Map.of("sync", List.of("setenc:hex", "writes:" + hex("4142"), "end"))));
        cases.add(Case.write("setenc-bad", null, opts(), Map.of("sync", List.of("setenc:nope", "writes:" + hex("x"), "end"))));
        cases.add(Case.write("writeenc-odd-hex", null, opts(), Map.of("sync", List.of("writeenc:hex:" + hex("414"), "end"))));
        cases.add(Case.write("writeenc-base64-junk", null, opts(),
                Map.of("sync", List.of("writeenc:base64:" + hex("QU*JD=x"), "writeenc:base64url:" + hex("_-8"), "end"))));
        cases.add(Case.write("writeenc-ascii-high", null, opts(), Map.of("sync", List.of("writeenc:ascii:" + hex("é€😀"), "end"))));
        cases.add(Case.write("writeenc-utf16", null, opts(), Map.of("sync", List.of("writeenc:utf16le:" + hex("a😀"), "end"))));
        cases.add(Case.write("empty-string-end", null, opts(), Map.of("sync", List.of("writes:", "end"))));
        cases.add(Case.write("write-after-error", null, opts(), Map.of("error", List.of("write:41", "end")))
                .atPath("nodir/f", false));
        cases.add(Case.write("destroy-in-error", null, opts(), Map.of("sync", List.of("write:41"), "error", List.of("destroy", "props")))
                .atPath("nodir/f", false));
        compare(cases);
    }

    // ---------------------------------------------------------------------------------------------
    // Bugs these tests found, each fixed since (fs: paths as written, 'a+' read streams, the encoding
    // check, WriteStream.close; stream: corked writes during construction)

    @Test
    void readStreamWithAppendPlusFlagsCreatesAMissingFile() {
        // Node 20: open, ready, end br=0, close, and the file exists (empty) afterwards.
        compare(List.of(Case.read("a+", null, opts("flags", "a+")), Case.read("ax+", null, opts("flags", "ax+")),
                Case.read("as+", null, opts("flags", "as+"))));
    }

    @Test
    void unknownEncodingOptionIsErrInvalidArgValue() {
        // Node 20: throw ERR_INVALID_ARG_VALUE "The argument 'encoding' is invalid encoding. Received 'nope'"
        compare(List.of(Case.read("r", new byte[1], opts("encoding", "nope")),
                Case.write("w", null, opts("encoding", "nope"), Map.of("sync", List.of("end")))));
    }

    @Test
    void writeStreamCloseCallbackAfterOpenErrorGetsNoError() {
        // Node 20: error:ENOENT | close | closecb:null (close(cb) is on('close', cb) for write streams)
        compare(List.of(Case.write("close-missing-dir", null, opts(), Map.of("sync", List.of("close")))
                .atPath("nodir/f", false)));
    }

    @Test
    void trailingSlashOnAFileIsNotADirectory() {
        // Node 20, f a regular file "0123456789":
        //   createReadStream('f/')  -> error ENOTDIR "ENOTDIR: not a directory, open '<dir>/f/'", close
        //   createWriteStream('f/') -> wcb/endcb/error EISDIR "EISDIR: illegal operation on a directory, open '<dir>/f/'",
        //                              close; f unchanged (Sluice truncates it and writes "XY").
        byte[] ten = "0123456789".getBytes(StandardCharsets.US_ASCII);
        Map<String, List<String>> xyEnd = Map.of("sync", List.of("writes:" + hex("XY"), "end"));
        compare(List.of(new Case("r-slash-file", "read", "f/", ten, opts(), Map.of(), false, false, 0),
                new Case("w-slash-file", "write", "f/", ten, opts(), xyEnd, false, false, 0),
                new Case("a-slash-file", "write", "f/", ten, opts("flags", "a"), xyEnd, false, false, 0),
                new Case("w-slash-missing", "write", "f/", null, opts(), xyEnd, false, false, 0)));
    }

    @Test
    void emptyPathIsEnoent() {
        // Node 20: error ENOENT "ENOENT: no such file or directory, open ''" then close, for both streams.
        // Sluice: the read stream opens the working directory and fails on read with EISDIR; the
        // write stream fails open with EISDIR.
        compare(List.of(new Case("r-empty", "read", "!", null, opts(), Map.of(), false, false, 0),
                new Case("w-empty", "write", "!", null, opts(), Map.of("sync", List.of("writes:" + hex("XY"), "end")),
                        false, false, 0)));
    }

    @Test
    void corkedWritesBeforeOpenWaitForTheFile() {
        // Node 20 for cork(); write 'A'; write 'B'; end(cb), all before 'open':
        //   open, ready, wcb0:null, wcb1:null, endcb0:null, finish bw=2, close; file "AB".
        // Sluice: wcb0/wcb1/endcb0 fail at once with "UNKNOWN: unknown error (Cannot invoke
        // FileChannel.write(...) because "ch" is null), write", then open, ready, error, close;
        // the file is left truncated (empty).
        compare(List.of(Case.write("cork-end", null, opts(), Map.of("sync", List.of("cork", "write:41", "write:42", "end"))),
                Case.write("cork-batch", null, opts(),
                        Map.of("sync", List.of("cork", "write:41", "write:42", "writes:" + hex("é"), "uncork", "write:43", "end")))));
    }

    // ---------------------------------------------------------------------------------------------

    private void compare(List<Case> cases) {
        List<String> expected = FsStreamsAdversarialOracle.node(dir.resolve("node"), cases);
        Path javaBase = dir.resolve("java");
        FsStreamsAdversarialOracle.prepareAll(javaBase, cases);
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            JavaRun run = FsStreamsAdversarialOracle.java(javaBase, c);
            if (System.getenv("FSFUZZ_VERBOSE") != null) {
                // FSFUZZ_VERBOSE=1 in the environment: show what was compared, to review the scenarios themselves
                System.out.println(c.id() + "\n   node: " + expected.get(i) + "\n   java: " + run.log());
            }
            if (!run.log().equals(expected.get(i))) {
                problems.add(c.id() + " " + c.json() + "\n   node: " + expected.get(i) + "\n   java: " + run.log());
            }
            if (run.fdsAfter() != run.fdsBefore()) {
                problems.add(c.id() + ": descriptors " + run.fdsBefore() + " -> " + run.fdsAfter());
            }
        }
        assertThat(problems).as("%d of %d cases differ from Node", problems.size(), cases.size()).isEmpty();
    }

    static Map<String, Object> opts(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static String hex(String utf8) {
        return HexFormat.of().formatHex(utf8.getBytes(StandardCharsets.UTF_8));
    }
}
