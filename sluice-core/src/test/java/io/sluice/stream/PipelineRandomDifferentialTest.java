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
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * Differential fuzzing of stream composition against node: {@code pipeline} (callback and
 * future forms, with a {@code signal} and {@code end:false}), {@code finished} (callback and
 * future forms, with options, attached before the pipeline or long after it settled),
 * {@code compose}, {@code Readable.from} over iterators that throw, and the Readable operators.
 * Seeded random specs are interpreted by {@link PipelineDifferentialNodeScript} in node and by
 * {@link PipelineDifferentialInterpreter} in Java; each yields one string (the event log, the
 * future/promise outcomes, and a state snapshot of every stage taken 25 immediates later), and
 * the strings must be equal. Disagreeing specs are shrunk and printed.
 *
 * <h2>Pipeline specs</h2>
 * {@code FORM STAGE... TOKEN...}, space-separated:
 * <ul>
 *   <li>FORM: {@code c} callback pipeline, {@code p} the future (promise) form.
 *   <li>Source (stage 0): {@code R<o><h><n><m>} a Readable (objectMode 0/1, highWaterMark digit,
 *       n items a, b, ..., pushed in {@code _read} synchronously {@code s}, on nextTick {@code t} or
 *       setImmediate {@code i}); or {@code F<n>[x<k>]}, {@code Readable.from} an iterator of n items
 *       that throws Error('iter') when pulling item k.
 *   <li>Middle stages: {@code T<o><h><m>} a Transform that upper-cases, calling back s/t/i;
 *       {@code P<o><h>} a PassThrough; {@code C<o>} {@code compose(PassThrough, Transform)}.
 *   <li>Sink (last): {@code W<o><h><m>[f]} a Writable calling back s/t/i, {@code f}: with a final hook.
 *   <li>{@code !<target><kind><k><timing><trigger>}: when stage {@code trigger} handles its k-th
 *       chunk ({@code _read}, {@code _transform}, {@code _write}), kind {@code d} destroy() /
 *       {@code D} destroy(Error('boom'+target)) the target (sync, on nextTick, on setImmediate);
 *       {@code e} the stage calls back Error('boom'+stage); {@code n} the source pushes EOF
 *       early; {@code F} the sink's final fails (k ignored); {@code a} aborts the pipeline's
 *       signal (future form; k = 0: aborted before the call).
 *   <li>{@code o<i><opts><when>} {@code finished(stage i, opts, cb)}, {@code O...} the future form;
 *       opts {@code -} or any of {@code r} readable:false, {@code w} writable:false, {@code e}
 *       error:false, {@code c} cleanup:true; when {@code 0} before the pipeline call, {@code L}
 *       12 immediates later.
 *   <li>{@code E}: {@code end: false} (future form).
 * </ul>
 * Stream-only specs compare the log grouped by phase (sync, tick, imm). With a {@code Readable.from}
 * source only the order is compared: Node pulls iterators through promises and Sluice pulls them
 * synchronously ({@code FromIterator}'s documented difference), which moves events between phases.
 *
 * <h2>Operator specs</h2>
 * {@code O SOURCE OP... TERMINAL [a<k>]}: OP is {@code m<c><k><s|a>} map, {@code f<c><k><s|a>}
 * filter (odd char codes), {@code F<c><k>s} flatMap to [x, xx] (concurrency c, the k-th call
 * throws or rejects, {@code a}: resolved on setImmediate), {@code t<n>} take, {@code d<n>} drop;
 * TERMINAL {@code A} toArray, {@code E<k>} forEach, {@code R<k>}/{@code r<k>} reduce with/without
 * initial '', {@code S<k>} some(c), {@code V<k>} every(not d), {@code N<k>} find(b), the k-th call
 * throwing; {@code a<k>}: the signal of every map/filter/flatMap is aborted at the k-th user call.
 * Only the order of the log is compared (Node's helpers are async generators).
 *
 * <h2>Left out (documented differences)</h2>
 * A stage that is already destroyed when pipeline is called: Sluice throws
 * {@code ERR_STREAM_UNABLE_TO_PIPE} synchronously, Node calls back with a premature close
 * ({@link #alreadyDestroyedStageIsRefusedSynchronously}). A transform or write that throws (in
 * Node the exception escapes through the source's 'data' emit: an uncaught exception).
 * Terminal helpers take no options in Sluice, so their {@code signal} is not generated.
 *
 * <p>Also kept out by default, because they hit the differences pinned by the {@code @Disabled}
 * tests below: faults and {@code end:false} with a
 * Readable.from source ({@code -Dplfuzz.fromFaults=true}; end:false with it also under
 * {@code knownBugs}), aborts after the first helper call ({@code -Dplfuzz.knownBugs=true}), and
 * the source's fate and intermediate helpers' calls in operator specs
 * ({@code -Dplfuzz.strictSource=true}): the helpers' read-ahead and signal timing are documented
 * differences (Operators).
 *
 * <p>Knobs: {@code -Dplfuzz.count} (pipeline specs, default 1200; operator specs are half of it),
 * {@code -Dplfuzz.seed}, {@code -Dplfuzz.shrink=true} (prints minimised disagreeing specs,
 * {@code -Dplfuzz.shrinkMax} of them), {@code -Dplfuzz.sample=true}, {@code -Dplfuzz.spec='a;b'}
 * (runs {@link #oneSpec}). Skipped cleanly when node is not installed.
 */
class PipelineRandomDifferentialTest {

    // ---------------------------------------------------------------------------------------------
    // Running both sides.

    static List<String> runNode(List<String> specs) {
        return NodeOracle.runStrings(PipelineDifferentialNodeScript.JS, specs, 200);
    }

    static String runJava(String spec) {
        return PipelineDifferentialInterpreter.run(spec);
    }

    static void assertSame(String spec) {
        Assumptions.assumeTrue(NodeOracle.available(), NodeOracle.SKIP_MESSAGE);
        String node = runNode(List.of(spec)).get(0);
        String java = runJava(spec);
        assertThat(canon(spec, java)).as("%s%n node:   %s%n sluice: %s", spec, node, java).isEqualTo(canon(spec, node));
    }

    /** Whether only per-channel order is compared (see the class comment). */
    static boolean channelled(String spec) {
        return spec.startsWith("O") || spec.contains(" F");
    }

    /**
     * The part of an outcome that is compared. Stream-only specs: all of it. Specs with a
     * {@code Readable.from} source or operators: the log split into channels (each stage's events,
     * each user function's calls, the pipeline callback, finished() callbacks, the result), each
     * channel in order, without the source's pulls ({@code 0:next}, {@code 0:_read}, {@code 0:push}):
     * when the iterator is pulled, and so how events of different channels interleave, is the
     * documented difference of {@code FromIterator} (and Node's helpers run on promises).
     */
    static String canon(String spec, String out) {
        return canon(spec, out, Boolean.getBoolean("plfuzz.strictSource"));
    }

    /** {@link #canon(String, String)}; {@code strict}: keep every operator channel and the source's snapshot. */
    static String canon(String spec, String out, boolean strict) {
        if (!channelled(spec)) {
            return out;
        }
        int cut = out.indexOf(" || ");
        String body = out.substring(0, cut);
        Map<String, List<String>> ch = new java.util.TreeMap<>();
        for (String e : body.isEmpty() ? new String[0] : body.split(", ")) {
            String key;
            if (e.startsWith("0:next") || e.startsWith("0:_read") || e.startsWith("0:push") || e.startsWith("!")) {
                continue;
            } else if (e.length() > 1 && Character.isDigit(e.charAt(0)) && e.charAt(1) == ':') {
                key = "s" + e.charAt(0);
            } else if (e.startsWith("= ") || e.startsWith("! ")) {
                key = "result";
            } else if (e.indexOf('(') > 0) {
                key = e.substring(0, e.indexOf('('));
            } else if (e.startsWith("fin")) {
                key = e.substring(0, 4);
            } else {
                key = e.split(" ")[0];
            }
            ch.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
        }
        if (spec.startsWith("O") && !strict) {
            // How far Node's helpers read ahead of their consumer (and so whether a short source
            // ends before a short-circuit aborts it) depends on promise hops: see
            // helperReadsAheadToTheSourceEnd. Compared only with -Dplfuzz.strictSource=true.
            // The same goes for how many calls the intermediate helpers make ahead of the
            // consumer: only the terminal helper's calls and the result are compared.
            String[] p = spec.split(" ");
            String last = p[p.length - 1].startsWith("a") ? p[p.length - 2] : p[p.length - 1];
            String term = last.charAt(0) + "" + (spec.split(" ").length - 2 - (p[p.length - 1].startsWith("a") ? 2 : 1));
            ch.keySet().removeIf(k -> !k.equals("result") && !k.equals(term));
            return ch + out.substring(cut, out.lastIndexOf(" || "));
        }
        return ch + out.substring(cut);
    }

    // ---------------------------------------------------------------------------------------------
    // Generation.

    private static char pick(Random rnd, String s) {
        return s.charAt(rnd.nextInt(s.length()));
    }

    private static boolean counted(char kind) {
        return kind == 'R' || kind == 'T' || kind == 'C' || kind == 'W';
    }

    static String generatePipeline(Random rnd) {
        boolean promise = rnd.nextInt(5) < 2;
        List<String> st = new ArrayList<>();
        if (rnd.nextInt(10) < 7) {
            st.add("R" + pick(rnd, "01") + pick(rnd, "0124") + rnd.nextInt(6) + pick(rnd, "sti"));
        } else {
            int n = rnd.nextInt(6);
            st.add("F" + n + (n > 0 && FROM_FAULTS && rnd.nextInt(3) == 0 ? "x" + (1 + rnd.nextInt(n)) : ""));
        }
        boolean from = st.get(0).startsWith("F");
        int mids = rnd.nextInt(4);
        for (int i = 0; i < mids; i++) {
            int r = rnd.nextInt(20);
            st.add(r < 12 ? "T" + pick(rnd, "01") + pick(rnd, "0124") + pick(rnd, "sti")
                    : r < 17 ? "P" + pick(rnd, "01") + pick(rnd, "0124") : "C" + pick(rnd, "01"));
        }
        boolean fin = rnd.nextInt(3) == 0;
        st.add("W" + pick(rnd, "01") + pick(rnd, "0124") + pick(rnd, "sti") + (fin ? "f" : ""));
        List<Integer> countedStages = new ArrayList<>();
        for (int i = 0; i < st.size(); i++) {
            if (counted(st.get(i).charAt(0))) {
                countedStages.add(i);
            }
        }
        StringBuilder sb = new StringBuilder(promise ? "p" : "c");
        for (String s : st) {
            sb.append(' ').append(s);
        }
        // Readable.from pulls a Java iterator synchronously (FromIterator's documented difference):
        // with a fault, how far the iterator got, and so which error wins, depends on it.
        int faults = from && !FROM_FAULTS ? 0 : new int[] {0, 1, 1, 2}[rnd.nextInt(4)];
        for (int f = 0; f < faults; f++) {
            int target = rnd.nextInt(st.size());
            char tk = st.get(target).charAt(0);
            String kindsHere = switch (tk) {
                case 'R' -> "ddDDn";
                case 'T', 'C' -> "ddDDee";
                case 'W' -> fin ? "dDeeF" : "ddDDe";
                default -> "dD";
            };
            if (promise) {
                kindsHere += "aa";
            }
            char kind = pick(rnd, kindsHere);
            int trig = target;
            if (kind == 'a') {
                target = 0;
                trig = countedStages.get(rnd.nextInt(countedStages.size()));
            } else if ((kind == 'd' || kind == 'D') && (!counted(tk) || rnd.nextInt(5) < 2)) {
                trig = countedStages.get(rnd.nextInt(countedStages.size()));
            }
            int k = kind == 'a' && rnd.nextInt(6) == 0 ? 0 : 1 + rnd.nextInt(4);
            sb.append(" !").append(target).append(kind).append(k).append(pick(rnd, "sti")).append(trig);
        }
        int obs = new int[] {0, 0, 1, 2}[rnd.nextInt(4)];
        for (int o = 0; o < obs; o++) {
            boolean fut = rnd.nextInt(3) == 0;
            String opts = switch (rnd.nextInt(8)) {
                case 0 -> "r";
                case 1 -> "w";
                case 2 -> "e";
                case 3 -> fut ? "c" : "-";
                default -> "-";
            };
            sb.append(' ').append(fut ? 'O' : 'o').append(rnd.nextInt(st.size())).append(opts).append(pick(rnd, "0L"));
        }
        // endFalseAfterFromSourceErrorsTheLastTransform (FromIterator's timing): end:false with a
        // Readable.from source only on request.
        if (promise && rnd.nextInt(12) == 0 && (!from || KNOWN_BUGS)) {
            sb.append(" E");
        }
        return sb.toString();
    }

    /** -Dplfuzz.fromFaults=true: faults and throwing iterators with a Readable.from source too. */
    private static final boolean FROM_FAULTS = Boolean.getBoolean("plfuzz.fromFaults");
    /** -Dplfuzz.knownBugs=true: also generate aborts after a helper's first call (abortAfterLastValue's difference). */
    private static final boolean KNOWN_BUGS = Boolean.getBoolean("plfuzz.knownBugs");

    static String generateOperators(Random rnd) {
        StringBuilder sb = new StringBuilder("O ");
        if (rnd.nextInt(10) < 6) {
            // objectMode only: in byte mode the chunks a helper sees depend on how much was
            // buffered when it read, and Node's helpers read later (after promise hops).
            sb.append("R1").append(pick(rnd, "0124")).append(rnd.nextInt(6)).append(pick(rnd, "sti"));
        } else {
            int n = rnd.nextInt(6);
            sb.append("F").append(n).append(n > 0 && rnd.nextInt(4) == 0 ? "x" + (1 + rnd.nextInt(n)) : "");
        }
        int ops = rnd.nextInt(4);
        for (int i = 0; i < ops; i++) {
            int k = rnd.nextInt(5) < 3 ? 0 : 1 + rnd.nextInt(4);
            switch (rnd.nextInt(5)) {
                case 0 -> sb.append(" m").append(1 + rnd.nextInt(3)).append(k).append(pick(rnd, "sa"));
                case 1 -> sb.append(" f").append(1 + rnd.nextInt(3)).append(k).append(pick(rnd, "sa"));
                case 2 -> sb.append(" F").append(1 + rnd.nextInt(3)).append(k).append('s');
                case 3 -> sb.append(" t").append(rnd.nextInt(5));
                default -> sb.append(" d").append(rnd.nextInt(4));
            }
        }
        int k = rnd.nextInt(4) < 3 ? 0 : 1 + rnd.nextInt(3);
        sb.append(' ').append(pick(rnd, "AERrSVN"));
        if (sb.charAt(sb.length() - 1) != 'A') {
            sb.append(k);
        }
        if (rnd.nextInt(5) == 0) {
            // Only at the first call: Node's helpers look at the signal only before yielding the
            // next value, so a later abort is ignored once their end is queued (abortAfterLastValue).
            sb.append(" a").append(1 + rnd.nextInt(KNOWN_BUGS ? 5 : 1));
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------------------------------------
    // Shrinking.

    /** Candidates one step simpler: a token dropped, a middle stage dropped (indices fixed), a digit lowered, a timing made sync. */
    static List<String> simpler(String spec) {
        List<String> out = new ArrayList<>();
        String[] p = spec.split(" ");
        boolean ops = p[0].equals("O");
        for (int i = 2; i < p.length; i++) {
            char c = p[i].charAt(0);
            boolean stage = !ops && (c == 'T' || c == 'P' || c == 'C');
            if (ops || c == '!' || c == 'o' || c == 'O' || c == 'E') {
                List<String> parts = new ArrayList<>(List.of(p));
                parts.remove(i);
                if (!(ops && i == p.length - 1 && !p[i].startsWith("a"))) {
                    out.add(String.join(" ", parts));
                }
            } else if (stage) {
                out.add(dropStage(p, i - 1));
            }
        }
        for (int i = 1; i < p.length; i++) {
            for (int j = 1; j < p[i].length(); j++) {
                if (ops && i == 1 && j == 1) {
                    continue;
                }
                char ch = p[i].charAt(j);
                List<Character> repl = new ArrayList<>();
                if (Character.isDigit(ch) && ch > '0') {
                    repl.add((char) (ch - 1));
                    repl.add('0');
                } else if (ch == 't' || ch == 'i') {
                    repl.add('s');
                } else if (ch == 'a' && ops) {
                    repl.add('s');
                }
                for (char r : repl) {
                    String[] q = p.clone();
                    q[i] = p[i].substring(0, j) + r + p[i].substring(j + 1);
                    out.add(String.join(" ", q));
                }
            }
        }
        return out;
    }

    private static String dropStage(String[] p, int stage) {
        List<String> out = new ArrayList<>();
        for (String t : p) {
            char c = t.charAt(0);
            if (c == '!') {
                int target = t.charAt(1) - '0';
                int trig = t.charAt(5) - '0';
                if ((target == stage && t.charAt(2) != 'a') || trig == stage) {
                    continue;
                }
                out.add("!" + (target > stage ? target - 1 : target) + t.substring(2, 5) + (trig > stage ? trig - 1 : trig));
            } else if (c == 'o' || c == 'O') {
                int i = t.charAt(1) - '0';
                if (i == stage) {
                    continue;
                }
                out.add(c + "" + (i > stage ? i - 1 : i) + t.substring(2));
            } else {
                out.add(t);
            }
        }
        out.remove(stage + 1);
        return String.join(" ", out);
    }

    /** Greedy: take the first simpler candidate on which node and Sluice still disagree (and neither threw anew). */
    static String shrink(String spec) {
        // A candidate node cannot run (it threw, or left an uncaught error) is no reproduction.
        return SpecShrinker.shrink(spec, PipelineRandomDifferentialTest::simpler, PipelineRandomDifferentialTest::runNode,
                (c, node) -> !node.contains("THREW") && !node.contains("UNCAUGHT")
                        && !canon(c, node).equals(canon(c, runJava(c))), 200);
    }

    // ---------------------------------------------------------------------------------------------
    // The random runs.

    private static void fuzz(List<String> specs) {
        List<String> node = runNode(specs);
        Map<String, String> diffs = new LinkedHashMap<>();
        for (int i = 0; i < specs.size(); i++) {
            String java = runJava(specs.get(i));
            if (!canon(specs.get(i), java).equals(canon(specs.get(i), node.get(i)))) {
                diffs.put(specs.get(i), "\n node:   " + node.get(i) + "\n sluice: " + java);
            }
        }
        if (Boolean.getBoolean("plfuzz.sample")) {
            for (int i = 0; i < Math.min(20, specs.size()); i++) {
                System.out.println("SAMPLE " + specs.get(i) + "\n  " + node.get(i));
            }
        }
        if (Boolean.getBoolean("plfuzz.shrink") && !diffs.isEmpty()) {
            SpecShrinker.printMinimal(diffs.keySet(), Integer.getInteger("plfuzz.shrinkMax", 40), PipelineRandomDifferentialTest::shrink,
                    SpecShrinker.traces(PipelineRandomDifferentialTest::runNode, PipelineRandomDifferentialTest::runJava));
        }
        assertThat(diffs).as("specs where Sluice and node disagree (%d of %d)", diffs.size(), specs.size()).isEmpty();
    }

    private static long seed() {
        return Long.getLong("plfuzz.seed", 20260402L);
    }

    @Test
    void randomPipelinesAgreeWithNode() {
        Assumptions.assumeTrue(NodeOracle.available(), NodeOracle.SKIP_MESSAGE);
        Random rnd = new Random(seed());
        List<String> specs = new ArrayList<>();
        for (int i = 0; i < Integer.getInteger("plfuzz.count", 1200); i++) {
            specs.add(generatePipeline(rnd));
        }
        fuzz(specs);
    }

    @Test
    void randomOperatorsAgreeWithNode() {
        Assumptions.assumeTrue(NodeOracle.available(), NodeOracle.SKIP_MESSAGE);
        Random rnd = new Random(seed() + 1);
        List<String> specs = new ArrayList<>();
        for (int i = 0; i < Integer.getInteger("plfuzz.count", 1200) / 2; i++) {
            specs.add(generateOperators(rnd));
        }
        fuzz(specs);
    }

    /** Exploration aid: {@code -Dplfuzz.spec='c R1220s W02s'} prints both outcomes. */
    @Test
    void oneSpec() {
        String spec = System.getProperty("plfuzz.spec");
        Assumptions.assumeTrue(spec != null && NodeOracle.available(), "set -Dplfuzz.spec to run one spec");
        for (String one : spec.split(";")) {
            if (one.startsWith("RAW:")) {
                String raw = one.substring(4);
                System.out.println("RAW " + raw + "\n node:   " + StreamRandomOpsDifferentialTest.runNode(List.of(raw)).get(0)
                        + "\n sluice: " + StreamRandomOpsDifferentialTest.runJava(raw));
                continue;
            }
            String node = runNode(List.of(one)).get(0);
            String java = runJava(one);
            System.out.println("SPEC " + one + "\n node:   " + node + "\n sluice: " + java + "\n same: "
                    + canon(one, node).equals(canon(one, java)));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Fixed specs: controls, and the documented difference kept out of generation.

    /** A clean three-stage pipeline: every stage closes, the callback comes last, on a tick. */
    @Test
    void cleanPipelineAgrees() {
        assertSame("c R1220s T12t W02if o2-0");
    }

    /** Node v20 calls back with a premature close; Sluice refuses the stage synchronously (documented in Pipeline). */
    @Test
    void alreadyDestroyedStageIsRefusedSynchronously() {
        Assumptions.assumeTrue(NodeOracle.available(), NodeOracle.SKIP_MESSAGE);
        String js = """
                const { Readable, Writable, pipeline } = require('stream');
                const r = new Readable({ read() {} });
                const w = new Writable({ write(c, e, cb) { cb(); } });
                w.destroy();
                try { pipeline(r, w, (e) => emit('cb ' + e.code + ' ' + r.destroyed)); } catch (e) { emit('threw ' + e.code); }
                """;
        assertThat(NodeOracle.utf16(NodeOracle.run(js, List.of()).get(0))).isEqualTo("cb ERR_STREAM_PREMATURE_CLOSE true");
        String[] java = new String[1];
        io.sluice.loop.EventLoop.run(() -> {
            Readable<Object> r = new Readable<>(StreamOptions.create().doRead((Readable<Object> s, long n) -> { }));
            Writable<Object> w = new Writable<>(StreamOptions.create().doWrite((Stream s, Object c, String e, Callback cb) -> cb.done()));
            w.destroy();
            try {
                Streams.pipeline(List.of(r, w), (e, v) -> java[0] = "cb " + e);
            } catch (RuntimeException e) {
                java[0] = "threw " + PipelineDifferentialInterpreter.code(e) + " " + r.destroyed();
            }
        });
        assertThat(java[0]).isEqualTo("threw ERR_STREAM_UNABLE_TO_PIPE true");
    }

    /**
     * Asserts Sluice's outcome against node's, recorded here (node v20.20.2), so the test needs no
     * node: compared as the random runs compare ({@code strict}: every operator channel too).
     */
    private static void assertNodeOutcome(String spec, String node, boolean strict) {
        String java = runJava(spec);
        assertThat(canon(spec, java, strict)).as("%s%n node:   %s%n sluice: %s", spec, node, java)
                .isEqualTo(canon(spec, node, strict));
    }

    /**
     * compose(PassThrough, Transform) in a pipeline: Node's composed Duplex emits 'finish' only
     * when the tail has finished (its final callback waits for the tail's 'finish'), after its own
     * 'end'. Sluice's finished as soon as the head had, before 'end', while compose was built on
     * Duplexify; {@link Composed} ports compose.js.
     */
    @Test
    void composeFinishesAfterItsTail() {
        assertNodeOutcome("c R000s C0 W00s", "tick: 0:_read, 0:push null | tick: 0:end | tick: 0:close | tick: 1:end"
                + " | tick: 2:finish | tick: 1:finish | tick: 2:close | tick: 1:close | tick: cb ok ||  || 0:DC err=null re=true"
                + " 1:DC err=null re=true wf=true we=true 2:DC err=null wf=true we=true", false);
    }

    /** destroy() of a composed Duplex: Node turns it into an AbortError (its _destroy); Sluice closed it without one. */
    @Test
    void composeDestroyWithoutErrorIsAnAbortError() {
        assertNodeOutcome("c R011t C1 W11s !1d1s1", "tick: 0:_read | tick: 1:_t a, !1d, 0:push a=true | tick: 0:_read"
                + " | tick: 0:push null | tick: 1:error ABORT_ERR, 1:close | tick: 0:error ABORT_ERR, 0:close"
                + " | tick: 2:error ABORT_ERR, 2:close | tick: cb ABORT_ERR/AbortError/The operation was aborted ||  ||"
                + " 0:DC err=ABORT_ERR re=false 1:DC err=ABORT_ERR re=false wf=false we=false 2:DC err=ABORT_ERR wf=false we=false", false);
    }

    /**
     * destroy(err) of a composed Duplex: Node's _destroy waits for the inner pipeline to close
     * before the Duplex emits 'error'/'close' (two ticks later, after the source's next read);
     * Sluice emitted them on the next tick.
     */
    @Test
    void composeDestroyWaitsForItsStages() {
        assertNodeOutcome("c R011t C1 W11s !1D1s1", "tick: 0:_read | tick: 1:_t a, !1D, 0:push a=true | tick: 0:_read"
                + " | tick: 0:push null | tick: 1:error boom1, 1:close | tick: 0:error boom1, 0:close | tick: 2:error boom1, 2:close"
                + " | tick: cb boom1/Error/boom1 ||  || 0:DC err=boom1 re=false 1:DC err=boom1 re=false wf=false we=false"
                + " 2:DC err=boom1 wf=false we=false", false);
    }

    /**
     * promises.pipeline(Readable.from([a]), PassThrough, Writable, {end: false}): Node leaves the
     * PassThrough closed without error; Sluice emits 'error' ERR_STREAM_DESTROYED on it after its
     * 'end' (the pipeline itself still resolves). Not a pipeline difference but FromIterator's
     * documented one: Sluice's source pulls synchronously and closes before the PassThrough has
     * ended, so the pipeline settles first and destroys it; Node's async-generator source closes
     * later. With a plain Readable source the timing is the same on both sides and Node emits the
     * very same error ({@link #endFalseDestroysTheLastTransformAsNodeDoes}).
     */
    @Disabled("Documented difference (FromIterator pulls synchronously): the source closes before the PassThrough ends")
    @Test
    void endFalseAfterFromSourceErrorsTheLastTransform() {
        assertNodeOutcome("p F1 P00 W00t E", "0:next, 2:_w a, 0:end, 1:finish, 1:end, 1:close, 0:close || P ok ||"
                + " 0:DC err=null re=true 1:DC err=null re=true wf=true we=true 2:-- err=null wf=false we=false", false);
    }

    /** The same pipeline with a Readable source: Node too destroys the PassThrough with ERR_STREAM_DESTROYED. */
    @Test
    void endFalseDestroysTheLastTransformAsNodeDoes() {
        assertNodeOutcome("p R011s P00 W00t E", "tick: 0:_read, 0:push a=false, 0:_read, 0:push null, 2:_w a | tick: 0:end"
                + " | tick: 1:finish | tick: 0:close | tick: 1:end | tick: 1:error ERR_STREAM_DESTROYED, 1:close || P ok ||"
                + " 0:DC err=null re=true 1:DC err=ERR_STREAM_DESTROYED re=true wf=true we=true 2:-- err=null wf=false we=false",
                false);
    }

    /**
     * The sink is destroyed() on a tick (premature close), then the source destroy(err)s itself
     * before the sink's 'close' is emitted: Node's callback gets the premature close (the sink's
     * 'close' before its source ended completes the pipe, see the next test). Sluice's got the
     * source's error before Pipeline ported that rule.
     */
    @Test
    void prematureCloseThenErrorKeepsPrematureClose() {
        assertNodeOutcome("c R001t W00sf !0D2s0 !1d1t1", "tick: 0:_read | tick: 1:_w a, 0:push a=true | tick: !1d"
                + " | tick: 0:_read, !0D | tick: 1:close | tick: 0:error boom0, 0:close | tick: 0:push null"
                + " | tick: cb ERR_STREAM_PREMATURE_CLOSE/Error/Premature close ||  || 0:DC err=boom0 re=false 1:DC err=null wf=false we=false", false);
    }

    /**
     * map(fn, {signal}) then every(): the signal is aborted inside every's predicate for the last
     * item. Node's helper checks the signal only before yielding a further value, so with its end
     * already queued every() still resolves true; Sluice destroys the helper at once and every()
     * fails with AbortError.
     */
    @Disabled("Documented difference (Operators javadoc): helper signal aborted after the last value: Node ignores it (end already queued), Sluice fails with ABORT_ERR")
    @Test
    void abortAfterLastValue() {
        assertNodeOutcome("O R111s m10s V0 a2", "0:_read, 0:push a=false, 0:_read, 0:push null, m0(a), V1(A), !abort, 0:end,"
                + " 0:close, = true ||  || 0:DC err=null re=true", false);
    }

    /**
     * Readable.from(iterator throwing at item 3).map(async fn).forEach(...): Node delivers B, whose
     * map call started before the source failed, and then the error. Sluice failed without B
     * until MapReadable queued the source's error behind the calls already started.
     */
    @Test
    void resultsBeforeSourceErrorAreDelivered() {
        assertNodeOutcome("O F3x3 m10a E0", "0:next, 0:next, m0(a), 0:next, E1(A), m0(b), 0:error iter, 0:close, E1(B),"
                + " ! iter/Error/iter ||  || 0:DC err=iter re=false", false);
    }

    /**
     * filter(throws at the 2nd call).map(fn).every(): Node's every() sees A (mapped before filter
     * failed) and then the error. In Sluice the filter's error overtook A (every() was never
     * called) until MapReadable queued an upstream error behind the calls already started.
     */
    @Test
    void resultsBeforeUpstreamHelperErrorAreDelivered() {
        assertNodeOutcome("O R112t f12s m10s V0", "0:_read, 0:push a=false, 0:_read, f0(a), 0:push b=false, 0:_read, m1(a),"
                + " f0(b), 0:push null, V2(A), 0:end, 0:close, ! f0x/Error/f0x ||  || 0:DC err=null re=true", false);
    }

    /**
     * take(0) in Node v20 still pulls one item (and so sees a failing source's error, and
     * destroys a live source with AbortError). Sluice did not touch the source (after a comment
     * describing a Node without that pull) until TakeDropReadable took that item too.
     */
    @Test
    void takeZeroStillReadsTheSource() {
        assertNodeOutcome("O F1x1 t0 A", "0:next, 0:error iter, 0:close, ! iter/Error/iter ||  || 0:DC err=iter re=false", true);
    }

    /**
     * find() matching the last of two items of a synchronous source: Node's helper has already
     * read the EOF (its iteration runs ahead of the predicate), so the source ends normally;
     * Sluice destroys it with an AbortError. The same read-ahead shows in extra map calls, and is
     * why the random runs compare only results and the terminal helper's calls.
     */
    @Disabled("Documented difference (Operators javadoc): helpers read ahead less than Node: a short source Node drains to its end is aborted (ABORT_ERR) by Sluice")
    @Test
    void helperReadsAheadToTheSourceEnd() {
        assertNodeOutcome("O R112s N0", "0:_read, 0:push a=false, 0:_read, 0:push b=false, N0(a), 0:_read, 0:push null, N0(b),"
                + " = b, 0:end, 0:close ||  || 0:DC err=null re=true", true);
    }

    /**
     * The source has pushed EOF but not yet emitted 'end' when it is destroy()ed (on an
     * immediate); later the PassThrough is destroy()ed too. Node calls back with a premature
     * close. Sluice's pipe() waited for an 'end' that a destroyed stream will not emit and never
     * called back, until Pipeline ported Node 20's rule that a destination closing before its
     * source ended is a premature close completing the pipe. Also seen with the future form and an
     * abort instead of the second destroy ({@code p R025s P02 W00t !0a2s2 !0d2t0}), checked live.
     */
    @Test
    void callbackAfterDestroyOfEndedSource() {
        assertSame("p R025s P02 W00t !0a2s2 !0d2t0");
        assertNodeOutcome("c R024s P00 W02if !0d1i0 !1d2s2", "tick: 0:_read, 0:push a=true, 0:_read, 0:push b=false, 2:_w a,"
                + " 0:_read, 0:push c=false, 0:_read, 0:push d=false | tick: 0:_read, 0:push null | imm: !0d | tick: 0:close"
                + " | imm: 2:_w b, !1d | tick: 1:close | tick: 2:error ERR_STREAM_PREMATURE_CLOSE, 2:close"
                + " | tick: cb ERR_STREAM_PREMATURE_CLOSE/Error/Premature close ||  || 0:DC err=null re=false"
                + " 1:DC err=null re=false wf=false we=false 2:DC err=ERR_STREAM_PREMATURE_CLOSE wf=false we=false", false);
    }
}
