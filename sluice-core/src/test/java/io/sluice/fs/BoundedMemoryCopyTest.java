package io.sluice.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Copies run in a separate JVM ({@link CopyMain}), where the heap and the file size limit can be
 * set: a file far larger than the heap streams through {@code -Xmx64m}, and a write that hits the
 * process's file size limit (EFBIG, the portable stand-in for a full disk) leaves no file behind.
 *
 * <p>Size: 512 MiB by default, so the class takes a few seconds on CI's 2 cores; set
 * {@code -Dsluice.fs.boundedCopyMiB=2048} for the 2 GiB run (about 10 s more here).
 */
class BoundedMemoryCopyTest {
    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;

    /** 1 MiB random block repeated, each copy stamped with its index so reordering is detected. */
    private static void writeSource(Path file, long mib) throws IOException {
        byte[] block = FsTesting.randomBytes((int) MIB, 11);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long i = 0; i < mib; i++) {
                ByteBuffer.wrap(block).putLong(0, i);
                out.write(block);
            }
        }
    }

    private record Result(int exit, String output) {}

    private static Result runCopy(List<String> prefix, String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"), CopyMain.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8).trim());
    }

    @Test
    void aFileMuchLargerThanTheHeapCopiesThroughSixtyFourMiB() throws Exception {
        long mib = Long.getLong("sluice.fs.boundedCopyMiB", 512);
        Path src = dir.resolve("src.bin");
        Path dst = dir.resolve("dst.bin");
        writeSource(src, mib);

        Result r = runCopy(List.of(), src.toString(), dst.toString(), "atomic");
        System.out.println("BoundedMemoryCopyTest " + mib + " MiB, -Xmx64m: " + r.output());

        assertThat(r.exit()).as(r.output()).isZero();
        Matcher m = Pattern.compile("bytes=(\\d+) .*peakHeapMiB=([\\d.]+)").matcher(r.output());
        assertThat(m.find()).as(r.output()).isTrue();
        assertThat(Long.parseLong(m.group(1))).isEqualTo(mib * MIB);
        assertThat(Double.parseDouble(m.group(2))).isLessThanOrEqualTo(64.0);
        assertThat(FsTesting.sha256(dst)).isEqualTo(FsTesting.sha256(src));
        assertThat(FsTesting.listNames(dir)).containsExactly("dst.bin", "src.bin");
    }

    @Test
    void anAtomicCopyThatRunsOutOfSpaceLeavesNothingBehind() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs a POSIX shell for ulimit");
        Path src = dir.resolve("src.bin");
        Path dst = dir.resolve("dst.bin");
        writeSource(src, 4);
        // ulimit -f counts 1 KiB blocks: writes past 1 MiB fail with EFBIG (the JVM ignores SIGXFSZ).
        Result r = runCopy(List.of("/bin/sh", "-c", "ulimit -f 1024 && exec \"$@\"", "sh"),
                src.toString(), dst.toString(), "atomic");
        assertThat(r.exit()).as(r.output()).isEqualTo(1);
        assertThat(r.output()).isEqualTo("error=Error: EFBIG: file too large, write");
        assertThat(FsTesting.listNames(dir)).containsExactly("src.bin");
    }
}
