package io.sluice.cli;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs many {@code sluice} command lines in one JVM, one after the other, so that a fuzz run pays
 * for one JVM start-up per batch instead of one per case. Each command runs through
 * {@link SluiceCommand#run} (what {@code main} runs, minus {@code System.exit}) with
 * {@code System.out}/{@code System.err} captured; this owns its process, so swapping them is safe
 * (the test JVM runs other classes concurrently, where it would not be). Commands that write to
 * file descriptor 1 directly ({@code cat}, {@code -} outputs) are not for this runner.
 *
 * <p>Manifest: one command per line, tab-separated: id, file for the captured stdout, then the
 * arguments. Results: one line per command, {@code id TAB exit TAB escaped-stderr}, flushed as they
 * come so that a hang still leaves the earlier results; a command that runs over the time limit is
 * reported as exit {@code TIMEOUT} and the process halts.
 */
final class CliFuzzBatch {
    private CliFuzzBatch() {}

    /** {@code java ... CliFuzzBatch MANIFEST RESULTS [timeoutSeconds]}. */
    public static void main(String[] args) throws Exception {
        List<String> lines = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
        long timeout = args.length > 2 ? Long.parseLong(args[2]) : 60;
        PrintStream realOut = System.out;
        PrintStream realErr = System.err;
        try (BufferedWriter w = Files.newBufferedWriter(Path.of(args[1]), StandardCharsets.UTF_8)) {
            for (String line : lines) {
                if (line.isEmpty()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                String id = f[0];
                Path stdoutFile = Path.of(f[1]);
                String[] cmd = Arrays.copyOfRange(f, 2, f.length);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                int[] code = {Integer.MIN_VALUE};
                Throwable[] thrown = {null};
                System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
                System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
                // A thread of its own so that a hung pipeline is reported, not waited on forever.
                Thread t = Thread.ofPlatform().name("clifuzz-" + id).start(() -> {
                    try {
                        code[0] = SluiceCommand.run(cmd);
                    } catch (Throwable e) {
                        thrown[0] = e;
                    }
                });
                boolean finished = t.join(Duration.ofSeconds(timeout));
                System.out.flush();
                System.err.flush();
                System.setOut(realOut);
                System.setErr(realErr);
                Files.write(stdoutFile, out.toByteArray());
                String stderr = err.toString(StandardCharsets.UTF_8);
                if (!finished) {
                    w.write(id + "\tTIMEOUT\t" + escape(stderr) + "\n");
                    w.flush();
                    Runtime.getRuntime().halt(3);
                }
                if (thrown[0] != null) {
                    // run() promises never to throw: record it as a result the test will flag.
                    w.write(id + "\tTHREW\t" + escape(stderr + thrown[0]) + "\n");
                } else {
                    w.write(id + "\t" + code[0] + "\t" + escape(stderr) + "\n");
                }
                w.flush();
            }
        }
        System.exit(0);
    }

    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r");
    }

    static String unescape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                sb.append(switch (n) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    default -> n;
                });
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** One command's result as read back by the test. */
    record Result(String exit, String stderr) {}

    /**
     * Runs {@code commands} (id, stdout file, arguments) in a fresh JVM with this JVM's class path and
     * returns id → result; ids missing from the map did not run (an earlier command hung).
     */
    static java.util.Map<String, Result> run(Path work, String name, List<List<String>> commands) throws Exception {
        Path manifest = work.resolve(name + ".sluice.tsv");
        Path results = work.resolve(name + ".sluice.out");
        StringBuilder sb = new StringBuilder();
        for (List<String> c : commands) {
            sb.append(String.join("\t", c)).append('\n');
        }
        Files.writeString(manifest, sb);
        List<String> cmd = Cli.javaCommand(CliFuzzBatch.class.getName(), "-Xmx1g");
        cmd.add(manifest.toString());
        cmd.add(results.toString());
        Process p = new ProcessBuilder(cmd)
                .redirectOutput(work.resolve(name + ".sluice.stdout").toFile())
                .redirectError(work.resolve(name + ".sluice.stderr").toFile())
                .start();
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        java.util.Map<String, Result> map = new java.util.HashMap<>();
        if (Files.exists(results)) {
            for (String line : Files.readAllLines(results, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t", 3);
                if (f.length == 3) {
                    map.put(f[0], new Result(f[1], unescape(f[2])));
                }
            }
        }
        return map;
    }

    /** The batch JVM's own stderr, for a failure message when results are missing. */
    static String diagnostics(Path work, String name) {
        try {
            return Files.readString(work.resolve(name + ".sluice.stderr"));
        } catch (IOException e) {
            return "";
        }
    }
}
