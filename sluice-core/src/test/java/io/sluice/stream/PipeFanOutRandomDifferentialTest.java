package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.testing.DifferentialFuzz;
import io.sluice.testing.NodeOracle;
import io.sluice.testing.SpecShrinker;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Differential fuzzing of {@code pipe()} fan-out and {@code unpipe()} (Node 20's
 * {@code Readable.prototype.pipe}/{@code unpipe} in lib/internal/streams/readable.js: several
 * destinations, awaitDrainWriters as one writer or a set, the same destination piped twice, the
 * cleanup that removes pipe's listeners, pipe's onerror) against node: seeded random specs are
 * interpreted by {@link PipeFanOutDifferentialNodeScript} in node and
 * {@link PipeFanOutDifferentialInterpreter} in Java; each yields the phase-tagged event log plus a
 * state snapshot 40 immediates later, and the two strings must be equal.
 * {@link StreamRandomOpsDifferentialTest} covers a single pipe.
 *
 * <h2>Specs</h2>
 * Space-separated tokens {@code SOURCE DEST... op...}:
 * <ul>
 *   <li>SOURCE {@code R<obj>.<hwm>.<how><k>[.<flags>]}: a Readable, objectMode {@code 1} or not, its
 *       highWaterMark, and a {@code _read} pushing the next of {@code c1..c<k>}, then EOF, either
 *       {@code s}ynchronously, on next{@code t}ick, on setImmediate ({@code i}), or {@code n}ever
 *       pushing anything; {@code S T I} the same but {@code destroy(Error('re'))} instead of EOF.
 *       Flags: {@code n} the chunks are the numbers 1..k (an objectMode value a byte-mode
 *       destination's {@code write} rejects with ERR_INVALID_ARG_TYPE); {@code h}/{@code u}
 *       {@code setEncoding('hex')}/{@code setEncoding('utf8')}, so string chunks flow on.
 *   <li>DEST {@code W<obj>.<hwm>.<cycle>[.<flags>]}: the i-th destination (numbered from 1), a
 *       Writable, or with {@code T} a Transform passing each chunk through. Its k-th
 *       {@code _write}/{@code _transform} calls back as the k-th character of the cycle (repeated)
 *       says: ok {@code s}ynchronously, on next{@code t}ick, on setImmediate ({@code i}),
 *       {@code l}ate (two immediates); with {@code Error('e<i><k>')} synchronously ({@code S}) or on
 *       nextTick ({@code T}); {@code n}ever; {@code d} {@code destroy()}s itself, then ok;
 *       {@code D} {@code destroy(Error('x<i><k>'))}, no callback; or, in its first six calls, runs
 *       an action (below) and then calls back ok. Flags: {@code q} quiet (no 'error' listener, so
 *       pipe's onerror rethrows), {@code d} decodeStrings false, {@code o} (Transform) a 'data'
 *       listener logging its output.
 *   <li>op: a timing (sync {@code s}, nextTick {@code t}, setImmediate {@code i}, two immediates
 *       {@code j}), then: {@code p<i>} {@code pipe(dest_i)}, {@code P<i>} the same with
 *       {@code {end: false}}, {@code u<i>} {@code unpipe(dest_i)}, {@code U} {@code unpipe()},
 *       {@code a}/{@code A} add/remove a logging 'data' listener, {@code l}/{@code L} add/remove a
 *       logging 'readable' listener, {@code y} a 'readable' listener reading until null,
 *       {@code z} {@code pause()}, {@code m} {@code resume()}, {@code r} {@code read()},
 *       {@code x}/{@code X} the source's {@code destroy()} / {@code destroy(Error('sx'))},
 *       {@code k<i>}/{@code K<i>} a destination's {@code destroy()} /
 *       {@code destroy(Error('dk<i>'))}, {@code e<i>} its {@code end()}, {@code c<i>}/{@code v<i>}
 *       its {@code cork()}/{@code uncork()}, {@code w<i>} its {@code write('u<i>')},
 *       {@code E<i> F<i> C<i> N<i>} 'error' ({@code Error('em<i>')}), 'finish', 'close', 'drain'
 *       emitted on it by hand, {@code h<i><j>} the Transform dest_i piped into a later dest_j,
 *       {@code o<i><event><action>} a once listener on dest_i's {@code d}rain, {@code u}npipe,
 *       {@code p}ipe, {@code f}inish, {@code c}lose or {@code e}rror running the action,
 *       {@code b<i><action>} a once 'data' listener on the source running the action for dest_i.
 *   <li>actions (for dest_i): {@code u} {@code unpipe(dest_i)}, {@code U} {@code unpipe()},
 *       {@code p} {@code pipe(dest_i)}, {@code q} pipe the next destination, {@code z} pause,
 *       {@code m} resume, {@code w} {@code dest_i.write('h<i>')}, {@code r} {@code read()},
 *       {@code e} {@code dest_i.end()}, {@code x} the source's {@code destroy()}, {@code k}
 *       {@code dest_i.destroy()}, {@code a}/{@code A} add/remove the 'data' listener, {@code l}
 *       add the 'readable' listener.
 * </ul>
 * The trace logs, per destination, 'pipe' and 'unpipe' (and from which stream), each
 * {@code _write}/{@code _transform} chunk and encoding, 'drain', 'finish', 'close', 'error' (code);
 * for the source 'data' (when listened), 'pause', 'resume', 'end', 'close', 'error',
 * {@code read()} results, destroys and actions. The snapshot: the source's readableFlowing,
 * readableLength, isPaused(), listenerCount of 'data' and 'end'; each destination's
 * writableLength, writableNeedDrain, writableFinished, destroyed and its listenerCount of 'drain',
 * 'error', 'close', 'finish', 'unpipe' (a pipe adds one of each, its cleanup removes them; the
 * interpreters' loggers add one of each too, 'error' but for a quiet destination).
 *
 * <h2>Compared with a gate</h2>
 * When an error escapes (a quiet destination's, an invalid chunk's {@code write} throwing out of
 * the source's push), the outcomes are compared up to that error and its code ({@link #canon}).
 * The documented deviations (null in objectMode is EOF in Java; the callback of {@code end(cb)}
 * after a plain {@code destroy()}) cannot occur: no spec pushes null as data or passes {@code end}
 * a callback.
 *
 * <p>Knobs (prefix {@code fanoutfuzz}): {@code .count} (default 1500), {@code .seed}, {@code .ops} (a
 * bound on the ops after the first pipe, default 13),
 * {@code .shrink=true}, {@code .shrinkMax}, {@code .print}, {@code .spec='a;b'} ({@link #oneSpec}).
 * The random run skips cleanly when node is not installed; the fixed specs carry node's recorded
 * output (node v20.20).
 */
class PipeFanOutRandomDifferentialTest {

    static List<String> runNode(List<String> specs) {
        return NodeOracle.runStrings(PipeFanOutDifferentialNodeScript.JS, specs, 300);
    }

    static String runJava(String spec) {
        return PipeFanOutDifferentialInterpreter.run(spec);
    }

    static boolean same(String spec, String node, String java) {
        return canon(node).equals(canon(java));
    }

    /**
     * The compared part of an outcome: all of it, unless an error escapes (a quiet destination's
     * error rethrown by pipe's onerror). Then both are compared up to that error and its code:
     * node reports it after the throwing callback has unwound (outside any phase) and then runs
     * the rest of its tick queue behind the next immediate, while Sluice's loop reports it inside
     * the callback and runs on; neither order is a stream contract.
     */
    static String canon(String out) {
        int at = out.indexOf("UNCAUGHT ");
        if (at < 0) {
            return out;
        }
        String head = out.substring(0, at).replaceAll("(, | \\| \\w+: |^\\w+: )$", "");
        String err = out.substring(at).split("[ ,|]+")[1];
        return head + " #UNCAUGHT " + err;
    }

    // ---------------------------------------------------------------------------------------------
    // Generation.

    private static char pick(Random rnd, String s) {
        return s.charAt(rnd.nextInt(s.length()));
    }

    private static int hwm(Random rnd) {
        return rnd.nextInt(3) == 0 ? rnd.nextInt(17) : new int[] {0, 1, 2, 4, 16}[rnd.nextInt(5)];
    }

    /** The actions run from inside a hook or listener (see the class comment). */
    private static final String ACTIONS = "uuUppqzzmwwrekxaAl";

    /** A destination's flags: {@code q} quiet (no 'error' listener), {@code d} decodeStrings false. */
    private static String flags(Random rnd, boolean transform) {
        String f = (rnd.nextInt(8) == 0 ? "q" : "") + (rnd.nextInt(6) == 0 ? "d" : "")
                + (transform && rnd.nextBoolean() ? "o" : "");
        return f.isEmpty() ? "" : "." + f;
    }

    /** A source's flags: {@code n} numbers as chunks, {@code h}/{@code u} setEncoding hex/utf8. */
    private static String sourceFlags(Random rnd) {
        String f = (rnd.nextInt(12) == 0 ? "n" : "") + (rnd.nextInt(8) == 0 ? String.valueOf(pick(rnd, "hu")) : "");
        return f.isEmpty() ? "" : "." + f;
    }

    /** One random spec. */
    static String generate(Random rnd) {
        List<String> t = new ArrayList<>();
        t.add("R" + (rnd.nextInt(3) == 0 ? 1 : 0) + "." + hwm(rnd) + "." + pick(rnd, rnd.nextInt(4) == 0 ? "STI" : "ssttiin")
                + rnd.nextInt(8) + sourceFlags(rnd));
        int n = 1 + rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
            StringBuilder cycle = new StringBuilder();
            for (int j = 1 + rnd.nextInt(3); j > 0; j--) {
                cycle.append(pick(rnd, switch (rnd.nextInt(6)) {
                    case 0 -> "sstilSTndD";
                    case 1 -> ACTIONS;
                    default -> "ssstttiil";
                }));
            }
            boolean transform = rnd.nextInt(4) == 0;
            t.add((transform ? "T" : "W") + (rnd.nextInt(3) == 0 ? 1 : 0) + "." + hwm(rnd) + "." + cycle + flags(rnd, transform));
        }
        t.add(pick(rnd, "ssst") + "p" + (1 + rnd.nextInt(n)));
        String opChars = "pppppPuuuUaaAllLyzmmrcvwwweoooooobb" + (rnd.nextInt(3) == 0 ? "xXkK" : "")
                + (rnd.nextInt(4) == 0 ? "EFCN" : "") + "hh";
        for (int k = rnd.nextInt(Integer.getInteger("fanoutfuzz.ops", 13)); k > 0; k--) {
            char c = pick(rnd, opChars);
            String op = "pPukKecvwEFCN".indexOf(c) >= 0 ? c + String.valueOf(1 + rnd.nextInt(n)) : String.valueOf(c);
            if (c == 'h') {
                // a Transform destination piped on into a later destination: a chain (never a
                // cycle, which would pass chunks round forever)
                List<Integer> ts = new ArrayList<>();
                for (int j = 1; j < n; j++) {
                    if (t.get(j).charAt(0) == 'T') {
                        ts.add(j);
                    }
                }
                if (ts.isEmpty()) {
                    continue;
                }
                int from = ts.get(rnd.nextInt(ts.size()));
                op = "h" + from + (from + 1 + rnd.nextInt(n - from));
            } else if (c == 'o') {
                op += String.valueOf(1 + rnd.nextInt(n)) + pick(rnd, "dddduuppfce") + pick(rnd, ACTIONS);
            } else if (c == 'b') {
                op += String.valueOf(1 + rnd.nextInt(n)) + pick(rnd, ACTIONS);
            }
            t.add(pick(rnd, "ssstiij") + op);
        }
        return String.join(" ", t);
    }

    // ---------------------------------------------------------------------------------------------
    // Shrinking: drop ops and unused destinations, simplify timings, cycles, modes and marks.

    static String shrink(String spec) {
        return SpecShrinker.shrink(spec, PipeFanOutRandomDifferentialTest::candidates,
                PipeFanOutRandomDifferentialTest::runNode, (c, node) -> !same(c, node, runJava(c)), 300);
    }

    /** Simpler versions of a {@code X<obj>.<hwm>.<rest>} token. */
    private static List<String> simpler(String tok, boolean source) {
        List<String> out = new ArrayList<>();
        String[] f = tok.substring(1).split("\\.");
        String head = tok.substring(0, 1);
        String flags = f.length > 3 ? "." + f[3] : "";
        if (f[0].equals("1")) {
            out.add(head + "0." + f[1] + "." + f[2] + flags);
        }
        int h = Integer.parseInt(f[1]);
        if (h > 0) {
            out.add(head + f[0] + ".0." + f[2] + flags);
            out.add(head + f[0] + "." + (h - 1) + "." + f[2] + flags);
        }
        if (source) {
            if (f.length > 3) {
                out.add(head + f[0] + "." + f[1] + "." + f[2]);
            }
            int k = Integer.parseInt(f[2].substring(1));
            if (k > 0) {
                out.add(head + f[0] + "." + f[1] + "." + f[2].charAt(0) + (k - 1) + flags);
            }
            if (f[2].charAt(0) != 's') {
                out.add(head + f[0] + "." + f[1] + ".s" + k + flags);
            }
        } else {
            if (f.length > 3) {
                out.add(head + f[0] + "." + f[1] + "." + f[2]);
            }
            String c = f[2];
            for (int j = 0; j < c.length(); j++) {
                if (c.length() > 1) {
                    out.add(head + f[0] + "." + f[1] + "." + c.substring(0, j) + c.substring(j + 1) + flags);
                }
                if (c.charAt(j) != 's') {
                    out.add(head + f[0] + "." + f[1] + "." + c.substring(0, j) + "s" + c.substring(j + 1) + flags);
                }
            }
        }
        return out;
    }

    private static List<String> candidates(String spec) {
        String[] t = spec.split(" ");
        int firstOp = 1;
        while (firstOp < t.length && (t[firstOp].charAt(0) == 'W' || t[firstOp].charAt(0) == 'T')) {
            firstOp++;
        }
        List<String> out = new ArrayList<>();
        out.addAll(SpecShrinker.withoutEach(t, firstOp));
        // the last destination, when no op names it
        String last = String.valueOf(firstOp - 1);
        boolean used = false;
        for (int i = firstOp; i < t.length; i++) {
            used |= t[i].length() > 2 && t[i].substring(2).contains(last);
        }
        if (!used && firstOp > 2) {
            List<String> l = new ArrayList<>(List.of(t));
            l.remove(firstOp - 1);
            out.add(String.join(" ", l));
        }
        for (int i = firstOp; i < t.length; i++) {
            if (t[i].charAt(0) != 's') {
                out.add(SpecShrinker.with(t, i, "s" + t[i].substring(1)));
            }
            if (t[i].charAt(0) == 'j') {
                out.add(SpecShrinker.with(t, i, "i" + t[i].substring(1)));
            }
        }
        for (int i = 1; i < firstOp; i++) {
            if (t[i].charAt(0) == 'T') {
                out.add(SpecShrinker.with(t, i, "W" + t[i].substring(1).replace("o", "")));
            }
        }
        for (int i = 0; i < firstOp; i++) {
            for (String s : simpler(t[i], i == 0)) {
                out.add(SpecShrinker.with(t, i, s));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------
    // The random run.

    /** This test's spec language, for the shared random run. */
    private static final DifferentialFuzz.Language LANGUAGE = new DifferentialFuzz.Language("fanoutfuzz",
            PipeFanOutRandomDifferentialTest::generate, PipeFanOutRandomDifferentialTest::runNode,
            PipeFanOutRandomDifferentialTest::runJava, PipeFanOutRandomDifferentialTest::same,
            PipeFanOutRandomDifferentialTest::shrink);

    @Test
    void randomPipeFanOutAgreesWithNode() {
        DifferentialFuzz.assertAgree(LANGUAGE, 1500);
    }

    /** Exploration aid: {@code -Dfanoutfuzz.spec='R0.4.s3 W0.2.s W0.1.t sp1 sp2'} prints both outcomes. */
    @Test
    void oneSpec() {
        DifferentialFuzz.oneSpec(LANGUAGE);
    }

    // ---------------------------------------------------------------------------------------------
    // Fixed specs, with node's output recorded (node v20.20), so they run without node.

    /** Asserts Sluice's outcome for {@code spec} against node's recorded one, compared as the random run compares. */
    private static void assertNodeOutcome(String spec, String node) {
        String java = runJava(spec);
        assertThat(canon(java)).as("%s%n node:   %s%n sluice: %s", spec, node, java).isEqualTo(canon(node));
    }

    /**
     * Control: fan-out waits for every destination that asked for a drain (awaitDrainWriters as a
     * set): the source resumes only after the slower one drains.
     */
    @Test
    void fanOutWaitsForEveryDrain() {
        assertNodeOutcome("R0.4.s3 W0.2.ss W1.1.ti sp1 sp2", "sync: d1 pipe, d2 pipe | tick: resume, d1 _write c1 buffer,"
                + " d2 _write c1 -, pause | tick: d2 drain | tick: d1 _write c2 buffer, d2 _write c2 -, pause | tick: resume"
                + " | imm: d2 drain | tick: resume, d1 _write c3 buffer, d2 _write c3 -, pause | tick: end"
                + " | tick: d1 finish, d1 unpipe | tick: close | tick: d2 finish, d2 unpipe | tick: d1 close | tick: d2 close"
                + " || src flowing=false len=0 paused=true data=0 end=1 ; d1 len=0 nd=false fin=true D=true lc=1/1/1/1/1"
                + " ; d2 len=0 nd=false fin=true D=true lc=1/1/1/1/1");
    }

    /**
     * Control: a destination piped twice gets every chunk twice; {@code unpipe(dest)} removes one
     * entry of {@code pipes} and emits one 'unpipe', whose info object only the first pipe's
     * listener acts on, so the second pipe keeps writing into the "unpiped" destination.
     */
    @Test
    void destinationPipedTwiceIsUnpipedOnce() {
        assertNodeOutcome("R1.0.i3 W1.0.s sp1 sp1 tu1", "sync: d1 pipe, d1 pipe | tick: resume | tick: d1 unpipe"
                + " | imm: d1 _write c1 - | imm: d1 _write c2 - | imm: d1 _write c3 - | tick: end"
                + " | tick: d1 finish, pause, d1 unpipe | tick: close | tick: d1 close"
                + " || src flowing=false len=0 paused=true data=0 end=1 ; d1 len=0 nd=false fin=true D=true lc=1/1/1/1/1");
        assertNodeOutcome("R1.0.i3 W1.0.s sp1 sp1 tU", "sync: d1 pipe, d1 pipe | tick: resume | tick: pause, d1 unpipe,"
                + " d1 unpipe || src flowing=false len=1 paused=true data=0 end=1 ; d1 len=0 nd=false fin=false D=false"
                + " lc=1/1/1/1/1");
    }

    /**
     * Control: a destination unpiping itself inside its {@code _write}: the chunk's other
     * destination still gets it, and the source waits only for the remaining one.
     */
    @Test
    void unpipeFromInsideWrite() {
        assertNodeOutcome("R1.0.s3 W1.1.ui W1.1.i sp2 sp1", "sync: d2 pipe, d1 pipe | tick: resume, d2 _write c1 -,"
                + " pause, d1 _write c1 -, d1 in _write unpipe(d1), d1 unpipe | imm: d2 drain | tick: resume, d2 _write c2 -,"
                + " pause | imm: d2 drain | tick: resume, d2 _write c3 -, pause | imm: d2 drain | tick: resume | tick: end"
                + " | tick: d2 finish, pause, d2 unpipe | tick: close | tick: d2 close || src flowing=false len=0 paused=true"
                + " data=0 end=1 ; d1 len=0 nd=false fin=false D=false lc=1/1/1/1/1 ; d2 len=0 nd=false fin=true D=true"
                + " lc=1/1/1/1/1");
    }

    /** Control: a destination without an 'error' listener: pipe's onerror unpipes, then the error escapes. */
    @Test
    void errorOfAQuietDestinationEscapes() {
        assertNodeOutcome("R1.2.s2 W1.4.T.q sp1", "sync: d1 pipe | tick: resume, d1 _write c1 - | tick: end"
                + " | tick: pause, d1 unpipe | loop: UNCAUGHT e11 | tick: close"
                + " || src flowing=false len=0 paused=true data=0 end=1 ; d1 len=0 nd=false fin=false D=true lc=1/0/1/1/1");
    }

    /**
     * Control: 'drain' emitted by hand releases the source only once every awaited destination has
     * drained; the writes behind it never complete, so it pauses again.
     */
    @Test
    void handEmittedDrainsReleaseTheSource() {
        assertNodeOutcome("R1.0.t4 W1.1.n W1.1.n sp1 sp2 iN1 jN2", "sync: d1 pipe, d2 pipe | tick: resume"
                + " | tick: d1 _write c1 -, pause, d2 _write c1 - | imm: d1 emit drain, d1 drain | imm: d2 emit drain, d2 drain"
                + " | tick: resume | tick: pause || src flowing=false len=0 paused=true data=2 end=3"
                + " ; d1 len=2 nd=true fin=false D=false lc=2/2/2/2/2 ; d2 len=2 nd=true fin=false D=false lc=2/2/2/2/2");
    }

    /** Control: a 'readable' listener added while piped stops the flow (readableFlowing false). */
    @Test
    void readableListenerStopsThePipe() {
        assertNodeOutcome("R1.16.t3 W1.16.s sp1 sl", "sync: d1 pipe | tick: resume | tick: readable | tick: readable"
                + " | tick: readable | tick: readable || src flowing=false len=3 paused=true data=1 end=2"
                + " ; d1 len=0 nd=false fin=false D=false lc=1/2/2/2/2");
    }

    /** Control: a Transform destination fanning out again (a chain), with backpressure through it. */
    @Test
    void transformDestinationFansOutAgain() {
        assertNodeOutcome("R0.2.t2 T0.1.s T0.0.t.o W0.1.i sp1 sh12 sh13", "sync: d1 pipe, d2 pipe from d1, d3 pipe from d1"
                + " | tick: resume | tick: d1 _transform c1 buffer, d2 _transform c1 buffer, d3 _write c1 buffer"
                + " | tick: d2 out c1, d2 drain | tick: d1 _transform c2 buffer, pause | imm: d3 drain"
                + " | tick: d1 drain, d2 _transform c2 buffer, d3 _write c2 buffer | tick: resume | tick: d2 out c2, d2 drain"
                + " | tick: end | tick: d1 finish, pause, d1 unpipe | tick: close | imm: d3 drain"
                + " | tick: d2 finish, d2 unpipe from d1 | tick: d3 finish, d3 unpipe from d1 | tick: d1 close | tick: d2 close"
                + " | tick: d3 close || src flowing=false len=0 paused=true data=0 end=1 ; d1 len=0 nd=false fin=true D=true"
                + " lc=1/1/1/1/1 ; d2 len=0 nd=false fin=true D=true lc=1/1/1/1/1 ; d3 len=0 nd=false fin=true D=true"
                + " lc=1/1/1/1/1");
    }
}
