package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.testing.NodeOracle;
import io.sluice.testing.SpecShrinker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * Differential fuzzing of the stream helpers ({@link Operators}: map, mapAsync, filter,
 * filterAsync, flatMap, take, drop, toList, forEach(Async), reduce, some, every, find) and
 * {@link Readables#from} against node v20's Readable helpers: seeded random specs describe a
 * source, a chain of one to three helpers, a consumer and maybe an abort. Both
 * {@link OperatorsDifferentialNodeScript} (node) and {@link OperatorsDifferentialInterpreter}
 * (Java) produce one trace per spec; {@link OperatorsDifferentialVerdict} compares them.
 *
 * <h2>Specs</h2>
 * {@code SOURCE OP... CONSUMER [K...]}, space-separated:
 * <ul>
 *   <li>SOURCE {@code S<kind><timing><values>[x<k>][A]}: kind {@code f} Readable.from over a
 *       synchronous iterator (node: a plain iterator object), {@code g} Readable.from over items
 *       each resolved after a step (Java: an Iterator of CompletableFutures; node: an async
 *       generator awaiting the same step), {@code p} a plain objectMode Readable whose
 *       {@code _read} pushes after a step; timing (the step) {@code s} synchronous, {@code t}
 *       nextTick, {@code m} microtask, {@code i} setImmediate; values: digits are numbers,
 *       {@code a}..{@code h} one-letter strings; {@code x<k>}: fails (Error 'src') instead of
 *       producing item k ({@code k = n}: instead of ending); {@code A}: {@code {signal}} option.
 *   <li>OP {@code M|F|Q<fn>}: map, filter, flatMap; {@code T<n>}, {@code D<n>}: take(n), drop(n).
 *       {@code <fn>} is {@code <timing>[<concurrency><hwm>][x<k>][A]}: timing {@code s} a
 *       synchronous function, {@code r} an already resolved promise / completed future,
 *       {@code t m i} a promise settled on that step; concurrency 1-4 and highWaterMark digit
 *       ({@code -}: the default); {@code x<k>}: the k-th call throws or rejects ('fn ...');
 *       {@code A}: the {@code signal} option. map: n+1 / s+"x"; filter keeps n%3!=0 /
 *       odd (length + first code unit); flatMap gives 0-2 items ([n, 10n] or [s, ss], cut at
 *       n%3 or code%3).
 *   <li>CONSUMER: {@code Cl} toArray/toList; {@code Ce<fn>} forEach (forEachAsync when the
 *       function is asynchronous or has options); {@code Cr<timing><0|->[x<k>]} reduce with
 *       JavaScript's {@code +}, initial 0 or none; {@code Cs|Cv|Cf[x<k>]} some/every/find with
 *       filter's predicate (synchronous: Sluice's take a Predicate); {@code Cd<m|->} a 'data'
 *       listener that destroys the result after m items; {@code Cw<timing>} pipe into an
 *       objectMode Writable (highWaterMark 1) whose write callback comes after the step.
 *   <li>{@code K}: when to abort the one AbortController whose signal the {@code A} components
 *       got: {@code Kb} before anything is built, {@code Ks} right after the consumer started,
 *       {@code Kt} in a nextTick, {@code Kp<m>} when the source produces item m, {@code Ki<n>}
 *       in loop turn n.
 * </ul>
 *
 * <h2>Traces and comparison</h2>
 * Each side logs, grouped by loop turn (a chain of immediates queued first counts the turns, so
 * an entry's turn says in which loop iteration it happened; ticks and microtasks belong to the
 * turn that ran them): the items the source produces, every call of every function with its
 * item ({@code 1M(3)}) and its settling, the consumer's items, each stream's end/error/close,
 * the outcome ({@code out ok [..]} / {@code out err name/code/message}) and, after 60 turns, each
 * stream's destroyed/ended/errored state. Node's exact microtask count cannot be matched (its
 * helpers are async generators wrapped in Readable.from, several promise hops per item), so the
 * order inside a turn is not compared: the outcome, the consumer's items, uncaught errors, the
 * items of each function's calls with their turn, and the final states are. {@code
 * -Dopsfuzz.strict=true} compares whole traces (and fails: the hops differ).
 *
 * <p>Gates for divergences {@link Operators} documents: (G1) a helper's own signal: node looks
 * at it only when an item arrives or is delivered, Sluice destroys the helper at once, so Sluice
 * may fail with ABORT_ERR where node completes or fails otherwise; (G2) an abort at a time
 * (tick, turn, item) lands at another point of the run when the read-ahead differs, so either
 * side may end with ABORT_ERR and the consumer's items need only be prefixes; (G3) after an
 * early stop (short-circuit, failure, abort, destroy) node may have read further: the calls need
 * only be prefixes, and a destroyed stream compares equal whatever ended it.
 *
 * <h2>Defects this test found, fixed and pinned with node's trace</h2>
 * <ul>
 *   <li>D1 {@link #helperAbortedBeforeItsFirstReadDestroysItsSource}: a helper aborted before its
 *       first read left its source (and an unread helper chain above it) open.
 *   <li>D2 {@link #flatMapAbortedBeforeItsFirstReadRaisesNoUncaughtError}: flatMap's signal was on
 *       its hidden map stream, whose AbortError nobody listened to yet.
 *   <li>D3 {@link #takeDoesNotPipeAnItemNodeLoses}: the helpers woke from a 'readable' inside the
 *       source's tick; node's for-await resumes in a microtask after the ticks.
 * </ul>
 * <h2>Known difference (G4, gated; {@code -Dopsfuzz.defects=true} shows it)</h2>
 * Node's helpers take every item in a microtask (their for-await resumes after each read), Sluice's
 * as soon as the read returns it. So when the source pushes several items and fails in ticks, or
 * the consumer destroys the result, node may lose items Sluice has passed on, another error may
 * win, and calls may land one turn earlier in Sluice. Taking each item in its own microtask was
 * tried: it moved other cases out of step (2.5 times the disagreements over seed 1). Pinned, still
 * disabled, by {@link #helpersReadAfterTheSourcesTicks}; 100-150 of 10,000 specs show it.
 *
 * <p>Knobs: {@code -Dopsfuzz.count} (default 3000, about 3 s), {@code -Dopsfuzz.seed},
 * {@code -Dopsfuzz.shrink=true} (prints minimised disagreeing specs, at most
 * {@code -Dopsfuzz.shrinkMax}, default 8), {@code -Dopsfuzz.spec='a;b'} (only these specs, traces
 * printed), {@code -Dopsfuzz.print} (how many disagreements to print, default 5),
 * {@code -Dopsfuzz.only=<reason>} (count only disagreements of that kind),
 * {@code -Dopsfuzz.sample=true}, {@code -Dopsfuzz.strict=true}, {@code -Dopsfuzz.defects=true}.
 * Skipped cleanly when node is not installed.
 */
class OperatorsRandomDifferentialTest {
    private static final long DEFAULT_SEED = 0x0B5_F022L;

    static List<String> runNode(List<String> specs) {
        return NodeOracle.runStrings(OperatorsDifferentialNodeScript.JS, specs, 400);
    }

    static String runJava(String spec) {
        return OperatorsDifferentialInterpreter.run(spec);
    }

    /** Why the traces disagree, or null; G4 is gated unless {@code -Dopsfuzz.defects=true}. */
    static String disagreement(String spec, String node, String java) {
        if (Boolean.getBoolean("opsfuzz.strict")) {
            return node.equals(java) ? null : "trace";
        }
        return OperatorsDifferentialVerdict.disagreement(spec, node, java, Boolean.getBoolean("opsfuzz.defects"));
    }

    static boolean disagree(String spec, String node, String java) {
        return disagreement(spec, node, java) != null;
    }

    // ---------------------------------------------------------------------------------------------
    // Generation.

    private static char pick(Random rnd, String s) {
        return s.charAt(rnd.nextInt(s.length()));
    }

    private static String fnSpec(Random rnd, boolean sig) {
        StringBuilder sb = new StringBuilder().append(pick(rnd, "ssrtmi"));
        int c = rnd.nextBoolean() ? 1 : 1 + rnd.nextInt(4);
        String h = rnd.nextInt(3) < 2 ? "-" : String.valueOf(rnd.nextInt(4));
        if (c != 1 || !h.equals("-")) {
            sb.append(c).append(h);
        }
        if (rnd.nextInt(7) == 0) {
            sb.append('x').append(rnd.nextInt(5));
        }
        if (sig && rnd.nextInt(7) == 0) {
            sb.append('A');
        }
        return sb.toString();
    }

    static String generate(Random rnd) {
        StringBuilder sb = new StringBuilder("S");
        char kind = pick(rnd, "fggpp");
        sb.append(kind).append(kind == 'f' ? 's' : pick(rnd, "stmi"));
        int n = rnd.nextInt(6);
        for (int i = 0; i < n; i++) {
            sb.append(rnd.nextInt(4) == 0 ? pick(rnd, "abcdefgh") : pick(rnd, "0123456789"));
        }
        if (rnd.nextInt(6) == 0) {
            sb.append('x').append(rnd.nextInt(n + 1));
        }
        if (rnd.nextInt(7) == 0) {
            sb.append('A');
        }
        int ops = 1 + rnd.nextInt(3);
        for (int i = 0; i < ops; i++) {
            int k = rnd.nextInt(20);
            sb.append(' ');
            if (k < 7) {
                sb.append('M').append(fnSpec(rnd, true));
            } else if (k < 11) {
                sb.append('F').append(fnSpec(rnd, true));
            } else if (k < 14) {
                sb.append('Q').append(fnSpec(rnd, true));
            } else if (k < 17) {
                sb.append('T').append(rnd.nextInt(4));
            } else {
                sb.append('D').append(rnd.nextInt(3));
            }
        }
        sb.append(" C");
        char c = pick(rnd, "llleeerrsvfddww");
        sb.append(c);
        switch (c) {
            case 'e' -> sb.append(fnSpec(rnd, true));
            case 'r' -> {
                sb.append(pick(rnd, "srtmi")).append(rnd.nextBoolean() ? '0' : '-');
                if (rnd.nextInt(7) == 0) {
                    sb.append('x').append(rnd.nextInt(4));
                }
            }
            case 's', 'v', 'f' -> {
                if (rnd.nextInt(7) == 0) {
                    sb.append('x').append(rnd.nextInt(4));
                }
            }
            case 'd' -> sb.append(rnd.nextInt(3) == 0 ? "-" : String.valueOf(rnd.nextInt(4)));
            case 'w' -> sb.append(pick(rnd, "stmi"));
            default -> { }
        }
        if (sb.indexOf("A") >= 0 && rnd.nextInt(5) > 0) {
            int k = rnd.nextInt(5);
            sb.append(" K").append(switch (k) {
                case 0 -> "b";
                case 1 -> "s";
                case 2 -> "t";
                case 3 -> "p" + rnd.nextInt(n + 1);
                default -> "i" + (1 + rnd.nextInt(6));
            });
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------------------------------------
    // Shrinking: drop operators and the abort, drop source values, simplify functions.

    static String shrink(String spec) {
        return SpecShrinker.shrink(spec, OperatorsRandomDifferentialTest::candidates,
                OperatorsRandomDifferentialTest::runNode, (c, node) -> disagree(c, node, runJava(c)), 200);
    }

    private static List<String> candidates(String spec) {
        List<String> out = new ArrayList<>();
        String[] toks = spec.split(" ");
        for (int i = 1; i < toks.length; i++) {
            char k = toks[i].charAt(0);
            if (k != 'C') {
                List<String> l = new ArrayList<>(List.of(toks));
                l.remove(i);
                if (l.stream().anyMatch(t -> "MFQTD".indexOf(t.charAt(0)) >= 0) || k == 'K') {
                    out.add(String.join(" ", l));
                }
            }
        }
        // Source: drop a value (and shift the failure index), drop the failure, the signal, timing -> s.
        String src = toks[0];
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^S(.)(.)([0-9a-h]*)(?:x([0-9]))?(A)?$").matcher(src);
        if (m.matches()) {
            String vals = m.group(3);
            for (int j = 0; j < vals.length(); j++) {
                String fail = m.group(4) == null ? "" : "x" + Math.min(vals.length() - 1, Integer.parseInt(m.group(4)));
                out.add(with(toks, 0, "S" + m.group(1) + m.group(2) + vals.substring(0, j) + vals.substring(j + 1) + fail
                        + (m.group(5) == null ? "" : "A")));
            }
            if (m.group(4) != null) {
                out.add(with(toks, 0, src.replaceAll("x[0-9]", "")));
            }
            if (m.group(5) != null) {
                out.add(with(toks, 0, src.replace("A", "")));
            }
            if (m.group(2).charAt(0) != 's') {
                out.add(with(toks, 0, "S" + m.group(1) + "s" + src.substring(3)));
            }
            if (m.group(1).charAt(0) != 'f' && m.group(2).charAt(0) == 's') {
                out.add(with(toks, 0, "Sf" + src.substring(2)));
            }
        }
        // Functions: concurrency/hwm to default, drop failure and signal, timing to sync.
        for (int i = 1; i < toks.length; i++) {
            String t = toks[i];
            if ("MFQ".indexOf(t.charAt(0)) >= 0 || t.startsWith("Ce")) {
                int at = t.charAt(0) == 'C' ? 2 : 1;
                String head = t.substring(0, at);
                String fn = t.substring(at);
                if (fn.contains("x")) {
                    out.add(with(toks, i, head + fn.replaceAll("x[0-9]", "")));
                }
                if (fn.endsWith("A")) {
                    out.add(with(toks, i, head + fn.substring(0, fn.length() - 1)));
                }
                if (fn.length() >= 3 && Character.isDigit(fn.charAt(1))) {
                    out.add(with(toks, i, head + fn.charAt(0) + fn.substring(3)));
                }
                if (fn.charAt(0) != 's') {
                    out.add(with(toks, i, head + "s" + fn.substring(1)));
                }
            }
        }
        return out;
    }

    private static String with(String[] toks, int i, String tok) {
        String[] c = toks.clone();
        c[i] = tok;
        return String.join(" ", c);
    }

    // ---------------------------------------------------------------------------------------------
    // Tests.

    @Test
    void operatorsMatchNode() {
        Assumptions.assumeTrue(NodeOracle.available(), NodeOracle.SKIP_MESSAGE);
        List<String> specs = new ArrayList<>();
        String given = System.getProperty("opsfuzz.spec");
        if (given != null && !given.isBlank()) {
            specs.addAll(List.of(given.split(";")));
        } else {
            long seed = Long.getLong("opsfuzz.seed", DEFAULT_SEED);
            int count = Integer.getInteger("opsfuzz.count", 3000);
            Random rnd = new Random(seed);
            while (specs.size() < count) {
                specs.add(generate(rnd));
            }
            System.out.println("opsfuzz: seed " + seed + ", " + specs.size() + " specs");
        }
        long t0 = System.nanoTime();
        // Node runs in its own process while the Java side runs here: the two overlap. On a
        // thread of its own: NodeOracle feeds node from the common pool, which may have one thread.
        java.util.concurrent.CompletableFuture<List<String>> nodeRun = new java.util.concurrent.CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                nodeRun.complete(runNode(specs));
            } catch (Throwable e) {
                nodeRun.completeExceptionally(e);
            }
        });
        List<String> javaTraces = new ArrayList<>();
        for (String spec : specs) {
            javaTraces.add(runJava(spec));
        }
        long t1 = System.nanoTime();
        List<String> node = nodeRun.join();
        List<String> bad = new ArrayList<>();
        Map<String, Integer> perKind = new TreeMap<>();
        for (int i = 0; i < specs.size(); i++) {
            String spec = specs.get(i);
            String java = javaTraces.get(i);
            if (Boolean.getBoolean("opsfuzz.sample") && i < 30 || given != null && !given.isBlank()) {
                System.out.println(spec + "\n  node: " + node.get(i) + "\n  java: " + java);
            }
            String why = disagreement(spec, node.get(i), java);
            if (why != null && why.startsWith(System.getProperty("opsfuzz.only", ""))) {
                perKind.merge(why + " " + spec.substring(spec.indexOf(" C") + 1, spec.indexOf(" C") + 3), 1, Integer::sum);
                bad.add(spec + "\n  node: " + node.get(i) + "\n  java: " + java);
            }
        }
        System.out.printf("opsfuzz: java %d ms, node %d ms (overlapped), %d disagree%n", (t1 - t0) / 1_000_000,
                (System.nanoTime() - t0) / 1_000_000, bad.size());
        if (!bad.isEmpty()) {
            System.out.println("opsfuzz disagreements by consumer: " + perKind);
            for (int i = 0; i < Math.min(bad.size(), Integer.getInteger("opsfuzz.print", 5)); i++) {
                System.out.println("disagrees: " + bad.get(i));
            }
            if (Boolean.getBoolean("opsfuzz.shrink")) {
                SpecShrinker.printMinimal(bad.stream().map(b -> b.substring(0, b.indexOf('\n'))).toList(),
                        Integer.getInteger("opsfuzz.shrinkMax", 8), OperatorsRandomDifferentialTest::shrink,
                        SpecShrinker.traces(OperatorsRandomDifferentialTest::runNode, OperatorsRandomDifferentialTest::runJava));
            }
        }
        assertThat(bad).as("%d of %d specs disagree, first: %s", bad.size(), specs.size(), bad.isEmpty() ? "" : bad.get(0)).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------
    // The defects this test found, each pinned by its minimal spec and node v20's trace (recorded,
    // so these need no node). Each asserts that Sluice's trace agrees with node's, G4 not gated.

    private static void assertAgreesWithNode(String spec, String nodeTrace) {
        String java = runJava(spec);
        assertThat(OperatorsDifferentialVerdict.disagreement(spec, nodeTrace, java, true))
                .as("%s%n  node: %s%n  java: %s", spec, nodeTrace, java).isNull();
    }

    private static final String AB = "AbortError/ABORT_ERR/The operation was aborted";

    /**
     * D1: {@code map(fn, {signal})} whose signal is aborted before the helper's first read. Node
     * destroys nothing at abort; when the helper is consumed its pump reads an item, sees the
     * signal and destroys the source with an AbortError. Sluice destroys the helper at once
     * (OperatorOptions#signal: "destroys the helper's stream (and its source)"), and its
     * doDestroy closed the source only if it had been read, so a file or cursor behind it stayed
     * open. Fixed: an aborted helper closes its unread source, and unread helpers above it theirs
     * (OperatorReadable).
     */
    @Test
    void helperAbortedBeforeItsFirstReadDestroysItsSource() {
        assertAgreesWithNode("Sfs1 MsA Cl Kb", "0: !abort, src 1, s0 error " + AB + ", s0 close, s1 error " + AB
                + ", s1 close, out err " + AB + " || s0:D- " + AB + " s1:D- " + AB);
    }

    /**
     * D2: {@code flatMap(fn, {signal})} with the signal aborted before the first read. Sluice
     * attached the signal to the hidden map stream inside the flatMap, which was destroyed at
     * once and emitted 'error' before anything listened to it: an uncaught AbortError (node:
     * none). Fixed: the signal destroys the flatMap stream, which closes the hidden one.
     */
    @Test
    void flatMapAbortedBeforeItsFirstReadRaisesNoUncaughtError() {
        assertAgreesWithNode("Sfs1 QsA Cd- Kb", "0: !abort, src 1, s0 error " + AB + ", s0 close, s1 error " + AB
                + ", s1 close || s0:D- " + AB + " s1:D- " + AB);
    }

    /**
     * G4: a source pushes 0 and "c" and fails on its third read, each read a tick after the
     * previous. Node's helpers consume through for-await, which resumes in a microtask after the
     * pending ticks, so the map sees 0, then the source's error: the result fails with 'src'.
     * Sluice's MapReadable takes "c" as soon as its read returns it, so it maps "c" too, and the
     * function's failure on it wins ('fn 1M').
     */
    @Test
    @Disabled("known difference G4: a helper takes each item as read, node's a microtask later")
    void helpersReadAfterTheSourcesTicks() {
        assertAgreesWithNode("Sps0cx2 Msx1 Ces", "0: src 0, src \"c\", src !, s0 error Error/-/src, s0 close, 1M(0), C(1), "
                + "s1 error Error/-/src, s1 close, out err Error/-/src || s0:D- Error/-/src s1:D- Error/-/src");
    }

    /**
     * D3, through take and pipe: node's take never passes 9 on; Sluice's wrote it, waking in the
     * source's tick. Fixed: the helpers wake from 'readable' in a microtask, as Consume does.
     */
    @Test
    void takeDoesNotPipeAnItemNodeLoses() {
        assertAgreesWithNode("Spt9x1 T2 Cwm", "0: src 9, src !, s0 error Error/-/src, s0 close, s1 error Error/-/src, s1 close "
                + "|| s0:D- Error/-/src s1:D- Error/-/src w:--");
    }

    /** G4 is still there (so its pin stays disabled), and the verdict's gate hides it by default. */
    @Test
    void readTimingDifferenceIsStillGated() {
        String spec = "Sps0cx2 Msx1 Ces";
        String node = "0: src 0, src \"c\", src !, s0 error Error/-/src, s0 close, 1M(0), C(1), "
                + "s1 error Error/-/src, s1 close, out err Error/-/src || s0:D- Error/-/src s1:D- Error/-/src";
        assertThat(OperatorsDifferentialVerdict.disagreement(spec, node, runJava(spec), true)).isNotNull();
        assertThat(OperatorsDifferentialVerdict.disagreement(spec, node, runJava(spec), false)).isNull();
    }
}
