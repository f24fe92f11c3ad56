package io.sluice.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a `node -e` script as the oracle; tests that need it are skipped when node is absent. */
final class Node {
    private Node() {}

    private static final boolean PRESENT = probe();

    private static boolean probe() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    /** Skips the calling test unless node is on the PATH. */
    static void assume() {
        assumeTrue(PRESENT, "node is not on the PATH: differential check skipped");
    }

    /** stdout of {@code node -e script args...} run in {@code dir}; fails on a non-zero exit. */
    static byte[] eval(Path dir, String script, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("node", "-e", script));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("node -e failed: " + script);
        }
        return out;
    }
}
