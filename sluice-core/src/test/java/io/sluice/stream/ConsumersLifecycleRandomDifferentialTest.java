package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.testing.NodeOracle;
import io.sluice.testing.SpecShrinker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Differential fuzzing of {@link Consumers}' lifecycle against node's {@code stream/consumers}:
 * seeded random specs describe a Readable source (mode, highWaterMark, encoding, what each
 * {@code _read} pushes and when, how it ends or fails), its state before the consumer is called,
 * when the consumer is called and whether the source is killed from outside. Both
 * {@link ConsumersDifferentialNodeScript} (node) and {@link ConsumersDifferentialInterpreter}
 * (Java) produce one trace per spec, and the traces must be equal: the source's events
 * ({@code data}, {@code end}, {@code error}, {@code close}, {@code pause}, {@code resume}), its
 * {@code _read} calls and push results, grouped by loop callback ({@code sync}, {@code tick},
 * {@code imm}), the consumer's outcome as a {@code micro} entry (value, or error code/message;
 * JSON parse failures as {@code SyntaxError}), and a snapshot 25 immediates after the start
 * (destroyed, readableEnded, errored, readableFlowing, readableLength, outcome).
 *
 * <h2>Specs</h2>
 * {@code HEAD STEP... [C<n>] [K<n><k>] [P<flags>]}, space-separated:
 * <ul>
 *   <li>HEAD: consumer ({@code T} text, {@code J} json, {@code B} buffer, {@code A} arrayBuffer /
 *       {@link Consumers#bytes}), objectMode ({@code 0}/{@code 1}), highWaterMark digit
 *       ({@code 9} = 16), encoding ({@code -} none, {@code u} utf8, {@code l} latin1,
 *       {@code x} hex).
 *   <li>STEP: what the k-th {@code _read} call does: timing {@code s} sync, {@code t} nextTick,
 *       {@code i} setImmediate, then pushes: {@code a}..{@code n} a chunk of the table
 *       ("a", "bc", "\"", "1", "[", ",", "]", "é", Buffer e2 82, Buffer ac, Buffer "x" in quotes, Buffer
 *       "2", "", empty Buffer), {@code E} push(null), {@code X} destroy(Error('boom')),
 *       {@code D} destroy(), {@code V} push(42) (byte mode: ERR_INVALID_ARG_TYPE through the
 *       stream's own error path), {@code Q} push(null) then push('a')
 *       (ERR_STREAM_PUSH_AFTER_EOF); {@code T} alone with {@code s}: {@code _read} throws
 *       Error('thrown'). {@code _read} calls past the last step do nothing (a stalled source).
 *   <li>{@code C<n>}: the consumer is called after n immediates (0: synchronously).
 *   <li>{@code K<n><X|D>}: after n immediates (before the call when at the same n), the source
 *       is destroyed from outside, with Error('killed') or without error.
 *   <li>{@code P<flags>} before anything else: {@code r} resume(), {@code p} pause(),
 *       {@code d} a 'data' listener, {@code e} an 'error' listener, {@code R} a 'readable'
 *       listener that only logs (and reads nothing).
 * </ul>
 *
 * <h2>Found and fixed</h2>
 * Sluice's {@code Consume} used to read the next chunk synchronously (in the 'readable' callback,
 * or right after the previous chunk) where node's for-await reads it when the generator resumes,
 * in a microtask after the ticks queued meanwhile. So an outside destroy on an immediate landed at
 * another point of the source's script ({@code T02- sd iE K1X}: node rejects with 'killed', Sluice
 * resolved "1"), and a highWaterMark-0 source whose tick pushes an empty chunk stalled for ever
 * ({@code T00- sd tn sE}: node resolves "1"). Consume now reads as node does; {@link #PINNED}
 * keeps those specs in every run.
 *
 * <p>Knobs: {@code -Dconsfuzz.count} (default 3000), {@code -Dconsfuzz.seed},
 * {@code -Dconsfuzz.shrink=true} (prints minimised disagreeing specs, at most
 * {@code -Dconsfuzz.shrinkMax}, default 8), {@code -Dconsfuzz.strict=true} (compares whole traces,
 * reads and 'data' events included: fails on the read timing described at {@link #canon}),
 * {@code -Dconsfuzz.spec='a;b'} (only these specs), {@code -Dconsfuzz.sample=true} (prints some
 * traces). Skipped cleanly when node is not installed.
 */
class ConsumersLifecycleRandomDifferentialTest {
    private static final long DEFAULT_SEED = 0xC0_15_F0_22L;

    /** The specs of the defects this test found (see the class javadoc), run every time. */
    static final List<String> PINNED = List.of("T02- sd iE K1X", "T00- sd tn sE", "B00- si sc sm sE");

    static List<String> runNode(List<String> specs) {
        return NodeOracle.runStrings(ConsumersDifferentialNodeScript.JS, specs, 300);
    }

    static String runJava(String spec) {
        return ConsumersDifferentialInterpreter.run(spec);
    }

    /**
     * The part of a trace that is compared. With {@code -Dconsfuzz.strict=true}: all of it.
     * Otherwise the {@code data} and {@code readable} events (the latter logged by the
     * {@code R} listener; when node emits it depends on when the reads happen), {@code _read}
     * calls, push results and the final
     * {@code readableLength} are left out, and uncaught errors are compared as a list (node
     * reports them after the callback has unwound, outside any tagged phase): Node's for-await reads one chunk per
     * promise hop (a microtask after each {@code 'readable'} tick, so ticks queued meanwhile run
     * first), while Sluice's {@code Consume} drains what is buffered synchronously inside the
     * {@code 'readable'} callback. That moves reads between loop phases, changes how many chunks
     * one {@code read()} returns in byte mode (so the number of {@code 'data'} events: they are
     * counted only in objectMode when the consumer succeeded), and when
     * the source fails in a tick, Sluice has read more chunks before it notices. The lifecycle events (end, error, close, pause, resume), the
     * calls and kills, uncaught errors, the outcome and the state must match phase for phase.
     */
    static String canon(String spec, String trace) {
        if (Boolean.getBoolean("consfuzz.strict")) {
            return trace;
        }
        int cut = trace.indexOf(" || ");
        String body = trace.substring(0, cut);
        String snap = trace.substring(cut + 4);
        List<String> groups = new ArrayList<>();
        List<String> uncaught = new ArrayList<>();
        int data = 0;
        for (String g : body.isEmpty() ? new String[0] : body.split(" \\| ")) {
            int colon = g.indexOf(": ");
            List<String> kept = new ArrayList<>();
            for (String e : g.substring(colon + 2).split(", ")) {
                if (e.startsWith("UNCAUGHT")) {
                    uncaught.add(e);
                } else if (e.equals("data")) {
                    data++;
                } else if (!e.equals("_read") && !e.equals("readable") && !e.startsWith("push ")) {
                    kept.add(e);
                }
            }
            if (!kept.isEmpty()) {
                groups.add(g.substring(0, colon) + ": " + String.join(", ", kept));
            }
        }
        // In objectMode each read() returns one chunk, so a source read to its end gives as many
        // 'data' events on both sides; in byte mode node's read() returns all that is buffered.
        boolean countData = spec.charAt(1) == '1' && snap.contains(" out=ok ");
        return String.join(" | ", groups) + " || " + uncaught + (countData ? " data=" + data : "") + " || "
                + snap.replaceAll(" len=\\d+", "");
    }

    // ---------------------------------------------------------------------------------------------
    // Generation.

    private static char pick(Random rnd, String s) {
        return s.charAt(rnd.nextInt(s.length()));
    }

    static String generate(Random rnd) {
        char cons = pick(rnd, "TJBA");
        boolean obj = rnd.nextInt(3) == 0;
        int e = rnd.nextInt(20);
        char enc = e < 12 ? '-' : e < 17 ? 'u' : e < 19 ? 'l' : 'x';
        StringBuilder sb = new StringBuilder().append(cons).append(obj ? '1' : '0').append(pick(rnd, "01249")).append(enc);
        String letters = cons == 'J' ? "acdefgkldl" : "abcdefghijklmn";
        int n = rnd.nextInt(6);
        List<String> steps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder st = new StringBuilder().append(pick(rnd, "sti"));
            int k = 1 + rnd.nextInt(rnd.nextInt(4) == 0 ? 4 : 2);
            for (int j = 0; j < k; j++) {
                st.append(pick(rnd, letters));
            }
            steps.add(st.toString());
        }
        int t = rnd.nextInt(40);
        String term = t < 22 ? "E" : t < 28 ? "X" : t < 32 ? "D" : t < 34 && !obj ? "V" : t < 36 ? "Q" : t < 38 ? "T" : "";
        if (term.equals("T")) {
            steps.add("sT");
        } else if (!term.isEmpty()) {
            if (!steps.isEmpty() && rnd.nextBoolean()) {
                steps.set(steps.size() - 1, steps.getLast() + term);
            } else {
                steps.add(pick(rnd, "sti") + term);
            }
        }
        for (String st : steps) {
            sb.append(' ').append(st);
        }
        int call = rnd.nextInt(10) < 6 ? 0 : 1 + rnd.nextInt(4);
        if (call > 0) {
            sb.append(" C").append(call);
        }
        if (rnd.nextInt(10) < 3) {
            sb.append(" K").append(rnd.nextInt(6)).append(pick(rnd, "XD"));
        }
        StringBuilder pre = new StringBuilder();
        for (char p : "rpdeR".toCharArray()) {
            if (rnd.nextInt(p == 'e' ? 3 : p == 'R' ? 10 : 7) == 0) {
                pre.append(p);
            }
        }
        if (!pre.isEmpty()) {
            sb.append(" P").append(pre);
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------------------------------------
    // Shrinking: drop tokens, then letters of steps, while the spec still disagrees.

    static String shrink(String spec) {
        return SpecShrinker.shrink(spec, ConsumersLifecycleRandomDifferentialTest::candidates,
                ConsumersLifecycleRandomDifferentialTest::runNode,
                (c, node) -> !canon(c, node).equals(canon(c, runJava(c))), 200);
    }

    private static List<String> candidates(String spec) {
        List<String> candidates = new ArrayList<>();
        String[] toks = spec.split(" ");
        for (int i = 1; i < toks.length; i++) {
            List<String> l = new ArrayList<>(List.of(toks));
            l.remove(i);
            candidates.add(String.join(" ", l));
            if (toks[i].length() > 2 && "sti".indexOf(toks[i].charAt(0)) >= 0) {
                for (int j = 1; j < toks[i].length(); j++) {
                    String[] c = toks.clone();
                    c[i] = toks[i].substring(0, j) + toks[i].substring(j + 1);
                    candidates.add(String.join(" ", c));
                }
            }
            if (toks[i].length() > 1 && "ti".indexOf(toks[i].charAt(0)) >= 0) {
                String[] c = toks.clone();
                c[i] = "s" + toks[i].substring(1);
                candidates.add(String.join(" ", c));
            }
        }
        return candidates;
    }

    /** How many specs ended in each outcome and exercised each lifecycle path, for the log. */
    static Map<String, Integer> coverage(List<String> specs, List<String> traces) {
        Map<String, Integer> c = new java.util.TreeMap<>();
        for (int i = 0; i < specs.size(); i++) {
            String spec = specs.get(i);
            String t = traces.get(i);
            String out = t.substring(t.lastIndexOf(" out=") + 5);
            String kind = out.startsWith("ok") ? "ok" : out.startsWith("err ") ? "err " + out.substring(4).split("/")[0] : out;
            c.merge("out " + kind, 1, Integer::sum);
            c.merge("cons " + spec.charAt(0), 1, Integer::sum);
            if (spec.contains(" C")) {
                c.merge("late call", 1, Integer::sum);
            }
            if (t.contains("!kill") && t.indexOf("!kill") < Math.max(0, t.indexOf("!call"))) {
                c.merge("killed before call", 1, Integer::sum);
            } else if (t.contains("!kill")) {
                c.merge("killed after call", 1, Integer::sum);
            }
            if (t.indexOf(": end") >= 0 && t.indexOf(": end") < Math.max(0, t.indexOf("!call"))
                    || t.indexOf(", end") >= 0 && t.indexOf(", end") < Math.max(0, t.indexOf("!call"))) {
                c.merge("ended before call", 1, Integer::sum);
            }
            if (t.contains("UNCAUGHT")) {
                c.merge("uncaught", 1, Integer::sum);
            }
            if (t.contains(" pause") || t.contains(": pause")) {
                c.merge("pause event", 1, Integer::sum);
            }
            if (t.contains("resume")) {
                c.merge("resume event", 1, Integer::sum);
            }
        }
        return c;
    }

    // ---------------------------------------------------------------------------------------------
    // Tests.

    @Test
    void consumersLifecycleMatchesNode() {
        Assumptions.assumeTrue(NodeOracle.available(), NodeOracle.SKIP_MESSAGE);
        List<String> specs = new ArrayList<>();
        String given = System.getProperty("consfuzz.spec");
        if (given != null && !given.isBlank()) {
            specs.addAll(List.of(given.split(";")));
        } else {
            long seed = Long.getLong("consfuzz.seed", DEFAULT_SEED);
            int count = Integer.getInteger("consfuzz.count", 3000);
            Random rnd = new Random(seed);
            specs.addAll(PINNED);
            while (specs.size() < count + PINNED.size()) {
                specs.add(generate(rnd));
            }
            System.out.println("consfuzz: seed " + seed + ", " + specs.size() + " specs (" + PINNED.size() + " pinned)");
        }
        List<String> node = runNode(specs);
        List<String> bad = new ArrayList<>();
        Map<String, Integer> perIssue = new LinkedHashMap<>();
        for (int i = 0; i < specs.size(); i++) {
            String spec = specs.get(i);
            String java = runJava(spec);
            if (Boolean.getBoolean("consfuzz.sample") && i < 30) {
                System.out.println(spec + "\n  node: " + node.get(i) + "\n  java: " + java);
            }
            if (!canon(spec, java).equals(canon(spec, node.get(i)))) {
                perIssue.merge(spec.substring(0, 1), 1, Integer::sum);
                bad.add(spec + "\n  node: " + node.get(i) + "\n  java: " + java);
            }
        }
        System.out.println("consfuzz coverage (node outcomes): " + coverage(specs, node));
        if (!perIssue.isEmpty()) {
            System.out.println("consfuzz disagreements by consumer: " + perIssue);
            if (Boolean.getBoolean("consfuzz.shrink")) {
                SpecShrinker.printMinimal(bad.stream().map(b -> b.substring(0, b.indexOf('\n'))).toList(),
                        Integer.getInteger("consfuzz.shrinkMax", 8), ConsumersLifecycleRandomDifferentialTest::shrink,
                        SpecShrinker.traces(ConsumersLifecycleRandomDifferentialTest::runNode, ConsumersLifecycleRandomDifferentialTest::runJava));
            }
        }
        assertThat(bad).as("%d of %d specs disagree, first: %s", bad.size(), specs.size(), bad.isEmpty() ? "" : bad.get(0)).isEmpty();
    }
}
