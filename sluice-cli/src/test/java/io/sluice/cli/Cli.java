package io.sluice.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the CLI as a separate process, as a user would: the test JVM's java and class path (which
 * surefire fills with this module's classes and dependencies), a working directory, optional stdin.
 */
final class Cli {
    private Cli() {}

    /** What a run produced. */
    record Result(int exit, byte[] stdout, String stderr) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    /** A command line starting a JVM like this one, on its class path, running {@code mainClass}. */
    static List<String> javaCommand(String mainClass, String... jvmFlags) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElseThrow());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.addAll(List.of(jvmFlags));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        return cmd;
    }

    static Result run(Path dir, String... args) throws Exception {
        return run(dir, null, args);
    }

    /** Runs {@code sluice args} in {@code dir} with {@code stdin} (null = empty) and waits (30 s at most). */
    static Result run(Path dir, byte[] stdin, String... args) throws Exception {
        List<String> cmd = javaCommand(SluiceCommand.class.getName(), "-XX:TieredStopAtLevel=1");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().remove("SLUICE_DEBUG");
        Process p = pb.start();
        CompletableFuture<byte[]> out = drain(p.getInputStream());
        CompletableFuture<byte[]> err = drain(p.getErrorStream());
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin);
            }
        } catch (IOException e) {
            // The command may exit before reading its stdin (a usage error): that is its right.
        }
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("sluice " + String.join(" ", args) + " did not finish in 30 s");
        }
        return new Result(p.exitValue(), out.get(), new String(err.get(), StandardCharsets.UTF_8));
    }

    private static CompletableFuture<byte[]> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, Thread::startVirtualThread);
    }
}
