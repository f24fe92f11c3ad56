package io.sluice.stream;

import io.sluice.loop.EventLoop;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Runs seeded, reproducible bridge scenarios for {@link BridgesRandomizedTest}: each scenario gets
 * its own event loop (on a virtual thread named {@code bf-loop}, so the loop's offload workers are
 * named {@code bf-loop-offload}), its helper threads are joined, a watchdog turns a hang into a
 * failure that names the seed, the scenario and every stuck thread's stack, and the checks
 * registered by the scenario run only after the loop and every helper thread are gone.
 *
 * <p>System properties: {@code sluice.bridgefuzz.scenarios} (scenarios per family, default small
 * so the whole class stays within a few seconds), {@code sluice.bridgefuzz.seed} (base seed),
 * {@code sluice.bridgefuzz.only} (run just the scenario with this seed),
 * {@code sluice.bridgefuzz.timeoutMs} (watchdog per scenario).
 */
final class BridgesHarness {
    private BridgesHarness() {}

    static final long BASE_SEED = Long.getLong("sluice.bridgefuzz.seed", 0x5EED_B41D6EL);
    static final Integer SCENARIOS = Integer.getInteger("sluice.bridgefuzz.scenarios");
    static final Long ONLY = Long.getLong("sluice.bridgefuzz.only");
    /**
     * Generous: the largest scenarios (400 KB as 1-object chunks pushed on ticks) take a few
     * seconds alone and several times that beside a loaded build on 2 cores; a real hang still
     * fails, only later.
     */
    static final long TIMEOUT_MS = Long.getLong("sluice.bridgefuzz.timeoutMs", 30_000);
    static final boolean VERBOSE = Boolean.getBoolean("sluice.bridgefuzz.verbose");

    @FunctionalInterface
    interface Body {
        void run() throws Exception;
    }

    /** One scenario: its Random, its description, its helper threads and its deferred checks. */
    static final class Run {
        final long seed;
        final Random rnd;
        final StringBuilder desc = new StringBuilder();
        final List<Thread> threads = new CopyOnWriteArrayList<>();
        final Queue<Throwable> problems = new ConcurrentLinkedQueue<>();
        final List<Runnable> checks = new ArrayList<>();
        volatile EventLoop loop;
        volatile Thread loopThread;

        Run(long seed) {
            this.seed = seed;
            this.rnd = new Random(seed);
        }

        /** Adds {@code key=value} to the scenario's description and returns the value. */
        <T> T note(String key, T value) {
            synchronized (desc) {
                desc.append(key).append('=').append(value).append(' ');
            }
            return value;
        }

        @SafeVarargs
        final <T> T pick(String key, T... options) {
            return note(key, options[rnd.nextInt(options.length)]);
        }

        /** Starts a helper thread (virtual or platform); what it throws becomes a failure. */
        Thread spawn(String role, boolean virtual, Body body) {
            Runnable r = () -> {
                try {
                    body.run();
                } catch (Throwable t) {
                    problems.add(t);
                }
            };
            String name = "bf-" + role;
            Thread t = virtual ? Thread.ofVirtual().name(name).unstarted(r) : Thread.ofPlatform().name(name).daemon(true).unstarted(r);
            threads.add(t);
            t.start();
            return t;
        }

        /** Records a failed expectation (any thread). */
        void fail(String message) {
            problems.add(new AssertionError(message));
        }

        void expect(boolean ok, String message) {
            if (!ok) {
                fail(message);
            }
        }

        /** Runs after the loop ended and every helper thread finished. */
        void check(Runnable check) {
            checks.add(check);
        }
    }

    /** A random pause for the thread that calls it (none most of the time); keeps the interrupt status. */
    static void pause(Random rnd, int percent) {
        if (rnd.nextInt(100) >= percent) {
            return;
        }
        switch (rnd.nextInt(4)) {
            case 0 -> Thread.yield();
            case 1 -> LockSupport.parkNanos(rnd.nextInt(200_000));
            case 2 -> Thread.onSpinWait();
            default -> {
                try {
                    Thread.sleep(0, rnd.nextInt(999_999) + 1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Runs {@code scenario} {@code defaultCount} times (or the property's count) with derived seeds. */
    static int family(String name, int defaultCount, Consumer<Run> scenario) {
        int count = SCENARIOS != null ? SCENARIOS : defaultCount;
        long familySeed = BASE_SEED ^ (name.hashCode() * 0x9E3779B97F4A7C15L);
        Random seeds = new Random(familySeed);
        int ran = 0;
        for (int i = 0; i < count; i++) {
            long seed = seeds.nextLong();
            if (ONLY != null && ONLY != seed) {
                continue;
            }
            runOne(name, i, seed, scenario);
            ran++;
        }
        if (VERBOSE) {
            System.out.println("[bridgefuzz] " + name + ": " + ran + " scenarios, base seed " + BASE_SEED);
        }
        return ran;
    }

    static void runOne(String family, int index, long seed, Consumer<Run> scenario) {
        Run run = new Run(seed);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        Thread loopThread = Thread.ofVirtual().name("bf-loop").unstarted(() -> {
            try {
                EventLoop.run(() -> {
                    run.loop = EventLoop.current();
                    scenario.accept(run);
                });
            } catch (Throwable t) {
                run.problems.add(new AssertionError("the event loop stopped with an uncaught exception", t));
            }
        });
        run.loopThread = loopThread;
        loopThread.start();
        String header = family + " #" + index + " seed=" + seed + " (rerun: -Dsluice.bridgefuzz.only=" + seed
                + " -Dsluice.bridgefuzz.seed=" + BASE_SEED + ")";
        try {
            if (!join(loopThread, deadline)) {
                throw hang(run, header, "the event loop did not terminate (EventLoop.run did not return)");
            }
            for (Thread t : run.threads) {
                if (!join(t, deadline)) {
                    throw hang(run, header, "helper thread " + t + " did not finish");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(header + " interrupted");
        }
        for (Runnable c : run.checks) {
            try {
                c.run();
            } catch (Throwable t) {
                run.problems.add(t);
            }
        }
        if (!run.problems.isEmpty()) {
            Throwable first = run.problems.peek();
            AssertionError e = new AssertionError(header + "\n  scenario: " + run.desc + "\n  " + run.problems.size()
                    + " problem(s), first: " + first, first);
            run.problems.stream().skip(1).forEach(e::addSuppressed);
            throw e;
        }
    }

    private static boolean join(Thread t, long deadline) throws InterruptedException {
        long left = deadline - System.nanoTime();
        return left > 0 && t.join(java.time.Duration.ofNanos(left)) || !t.isAlive();
    }

    private static AssertionError hang(Run run, String header, String what) {
        StringBuilder sb = new StringBuilder(header).append("\n  HANG: ").append(what).append("\n  scenario: ").append(run.desc);
        List<Thread> all = new ArrayList<>(run.threads);
        all.add(0, run.loopThread);
        for (Thread t : all) {
            if (t.isAlive()) {
                sb.append("\n  stuck ").append(t).append(':');
                for (StackTraceElement el : t.getStackTrace()) {
                    sb.append("\n      at ").append(el);
                }
            }
        }
        for (Throwable p : run.problems) {
            sb.append("\n  also: ").append(p);
        }
        // Unstick what we can so the rest of the build goes on.
        for (Thread t : all) {
            t.interrupt();
        }
        return new AssertionError(sb.toString());
    }

    // ---- data

    static byte[] payload(Random rnd, int size) {
        byte[] b = new byte[size];
        rnd.nextBytes(b);
        return b;
    }

    /** Splits {@code data} in chunks by a size policy, with a boundary at {@code cut} (if 0 < cut < length). */
    static List<byte[]> chunks(byte[] data, int policy, int hwm, Random rnd, long cut) {
        List<byte[]> out = new ArrayList<>();
        int pos = 0;
        // Tiny chunks only for small payloads: a million one-byte hops tests patience, not the bridges.
        if (policy == 0 && data.length > 4096 || policy == 1 && data.length > 200_000) {
            policy = 4;
        }
        while (pos < data.length) {
            int n = switch (policy) {
                case 0 -> 1;
                case 1 -> 1 + 2 * rnd.nextInt(50); // odd sizes
                case 2 -> 1 + rnd.nextInt(Math.max(1, 2 * hwm + 2));
                case 3 -> data.length; // one huge chunk
                default -> 1 + rnd.nextInt(70_000);
            };
            n = Math.min(n, data.length - pos);
            if (pos < cut && pos + n > cut) {
                n = (int) (cut - pos);
            }
            out.add(Arrays.copyOfRange(data, pos, pos + n));
            pos += n;
        }
        return out;
    }

    /** Fails unless {@code got} is a prefix of {@code expected} (of exactly {@code exactLength} bytes if >= 0). */
    static String prefixProblem(byte[] expected, byte[] got, long exactLength) {
        if (got.length > expected.length) {
            return "got " + got.length + " bytes, more than the " + expected.length + " sent (duplicated data)";
        }
        int mismatch = Arrays.mismatch(expected, 0, got.length, got, 0, got.length);
        if (mismatch >= 0) {
            return "byte " + mismatch + " differs (lost, duplicated or reordered data); got " + got.length + " of " + expected.length;
        }
        if (exactLength >= 0 && got.length != exactLength) {
            return "got " + got.length + " bytes, expected exactly " + exactLength + " (of " + expected.length + ")";
        }
        return null;
    }

    /** A thread-safe byte collector. */
    static final class Sink {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        synchronized void add(byte[] b, int off, int len) {
            out.write(b, off, len);
        }

        synchronized int size() {
            return out.size();
        }

        synchronized byte[] bytes() {
            return out.toByteArray();
        }
    }

    // ---- leaks

    /**
     * Live threads whose name starts with {@code prefix}, virtual ones included (from a JSON thread
     * dump taken with jcmd, which sees virtual threads that Thread.getAllStackTraces omits); waits
     * up to 2 s for threads that have posted their result but not yet exited. -1 without jcmd.
     */
    static int liveThreads(String prefix) {
        Path jcmd = ProcessHandle.current().info().command().map(c -> Path.of(c).resolveSibling("jcmd")).orElse(null);
        if (jcmd == null || !Files.isExecutable(jcmd)) {
            return -1;
        }
        try {
            int count = -1;
            for (int attempt = 0; attempt < 10 && count != 0; attempt++) {
                Path dump = Files.createTempFile("bridgefuzz-threads", ".json");
                Files.delete(dump);
                Process p = new ProcessBuilder(jcmd.toString(), Long.toString(ProcessHandle.current().pid()),
                        "Thread.dump_to_file", "-format=json", dump.toString()).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor() != 0 || !Files.exists(dump)) {
                    return -1;
                }
                String json = Files.readString(dump);
                Files.delete(dump);
                count = json.split("\"name\": \"" + java.util.regex.Pattern.quote(prefix), -1).length - 1;
                if (count != 0) {
                    Thread.sleep(200);
                }
            }
            return count;
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
