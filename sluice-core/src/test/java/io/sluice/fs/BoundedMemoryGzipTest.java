package io.sluice.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file far larger than the heap goes read stream → gzip → gunzip → write stream in one
 * {@code Streams.pipeline}, in a separate JVM ({@link GzipRoundTripMain}) capped at
 * {@code -Xmx64m}: it must come out byte for byte, without the heap growing with the file.
 *
 * <p>Gzip level 1 by default ({@code -Dsluice.fs.gzipLevel}): measured on 2 loaded cores, 2 GiB
 * take about 35 s at level 1 and 115 s at level 6, and the level does not change what is tested
 * (back-pressure across four stages). Sizes: {@code -Dsluice.fs.boundedGzipMiB} (default 2048)
 * for the CI test, {@code -Dsluice.fs.largeGzipMiB} for the {@code large}-tagged one, which CI
 * excludes and which is skipped unless that property is set (run it with {@code -Plarge}, which
 * sets 10240: about 5 minutes here and 20 GiB of temporary disk).
 */
class BoundedMemoryGzipTest {
    private static final long MIB = 1 << 20;
    private static final Pattern LINE = Pattern.compile(
            "^bytes=(\\d+) compressed=(\\d+) millis=(\\d+) mbps=[\\d.]+ peakHeapMiB=([\\d.]+) maxHeapMiB=([\\d.]+)$");

    @TempDir
    Path dir;

    @Test
    void twoGiBThroughGzipAndGunzipInSixtyFourMiBOfHeap() throws Exception {
        roundTrip(Long.getLong("sluice.fs.boundedGzipMiB", 2048));
    }

    @Test
    @Tag("large")
    void tenGiBThroughGzipAndGunzipInSixtyFourMiBOfHeap() throws Exception {
        // Belt and braces besides the tag: five minutes and 20 GiB of disk only when asked for.
        String mib = System.getProperty("sluice.fs.largeGzipMiB");
        Assumptions.assumeTrue(mib != null, "set -Dsluice.fs.largeGzipMiB=10240 (the -Plarge profile does)");
        roundTrip(Long.parseLong(mib));
    }

    private void roundTrip(long mib) throws Exception {
        int level = Integer.getInteger("sluice.fs.gzipLevel", 1);
        Path src = dir.resolve("src.txt");
        Path dst = dir.resolve("dst.txt");
        try {
            long t0 = System.nanoTime();
            GzipRoundTripMain.writeSource(src, mib);
            long t1 = System.nanoTime();

            String[] child = runChild(src.toString(), dst.toString(), Integer.toString(level));
            int exit = Integer.parseInt(child[0]);
            String output = child[1];
            long t2 = System.nanoTime();

            String srcSha = FsTesting.sha256(src);
            String dstSha = FsTesting.sha256(dst);
            long t3 = System.nanoTime();
            System.out.printf("BoundedMemoryGzipTest %d MiB, gzip level %d, -Xmx64m: %s | generate %d ms, child %d ms,"
                    + " sha256 x2 %d ms%n", mib, level, output, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                    (t3 - t2) / 1_000_000);

            assertThat(exit).as(output).isZero();
            // The last line: a JVM may print notices first (JAVA_TOOL_OPTIONS, say).
            Matcher m = LINE.matcher(output.substring(output.lastIndexOf('\n') + 1));
            assertThat(m.matches()).as(output).isTrue();
            assertThat(Long.parseLong(m.group(1))).isEqualTo(mib * MIB);
            // The input is text with entropy: gzip must really work (about 43% at level 1), so a
            // stage that passed bytes through or dropped them would show here before the digest.
            long compressed = Long.parseLong(m.group(2));
            assertThat(compressed).isBetween(mib * MIB / 4, mib * MIB * 6 / 10);
            assertThat(Double.parseDouble(m.group(5))).isEqualTo(64.0);
            assertThat(Double.parseDouble(m.group(4))).isGreaterThan(0.0).isLessThanOrEqualTo(64.0);
            assertThat(dstSha).isEqualTo(srcSha);
            assertThat(FsTesting.listNames(dir)).containsExactly("dst.txt", "src.txt");
        } finally {
            // Several GiB: do not wait for the TempDir cleanup (or leave them behind if it fails).
            Files.deleteIfExists(src);
            Files.deleteIfExists(dst);
        }
    }

    /** Runs {@link GzipRoundTripMain} in {@code -Xmx64m}; returns {exit code, trimmed output}. */
    private static String[] runChild(String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-Xmx64m", "-cp",
                System.getProperty("java.class.path"), GzipRoundTripMain.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("GzipRoundTripMain did not exit: " + new String(out, StandardCharsets.UTF_8));
        }
        return new String[] {Integer.toString(p.exitValue()), new String(out, StandardCharsets.UTF_8).trim()};
    }
}
