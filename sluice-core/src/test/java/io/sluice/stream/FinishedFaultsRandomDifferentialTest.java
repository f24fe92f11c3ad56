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
 * Differential fuzzing of {@link Streams#finished} (Node 20's lib/internal/streams/end-of-stream.js
 * and {@code stream/promises.finished}) against node: seeded random specs build a stream, drive it
 * into some state, call {@code finished()} on it (once or twice, with random options), drive it on,
 * maybe call the returned cleanup function, and log everything; {@link FinishedFaultsDifferentialNodeScript}
 * runs them in node and {@link FinishedFaultsDifferentialInterpreter} in Java; the two phase-tagged
 * logs plus a state snapshot 40 immediates later must be equal.
 *
 * <h2>Specs</h2>
 * Space-separated tokens {@code KIND OBJ FLAGS READ WRITE FINAL DESTROY op...}:
 * <ul>
 *   <li>KIND: {@code R} Readable, {@code W} Writable, {@code D} Duplex, {@code T} Transform passing
 *       each chunk through, {@code P} PassThrough. OBJ: objectMode {@code 0}/{@code 1}.
 *   <li>FLAGS: {@code -} then any of {@code a} autoDestroy false, {@code c} emitClose false,
 *       {@code h} allowHalfOpen false.
 *   <li>READ (R and D; else {@code -}: node's options.read would replace a Transform's own): how the k-th {@code _read} call behaves, the characters used in
 *       turn, repeated: nothing ({@code -}), push {@code 'r<k>'} synchronously ({@code p}) or on
 *       next{@code t}ick, push null on nextTick ({@code n}), {@code destroy(Error('re'))} on nextTick
 *       ({@code e}); calls after the fourth do nothing (a flowing stream would never end).
 *   <li>WRITE (W, D, T; else {@code -}): how the k-th {@code _write}/{@code _transform} calls back:
 *       ok {@code s}ynchronously or on setImmediate ({@code i}); {@code Error('we<k>')} synchronously
 *       ({@code S}) or on setImmediate ({@code I}).
 *   <li>FINAL (not R): {@code -} none, else a {@code _final} (a {@code _flush} for T and P) that
 *       calls back {@code s}ynchronously, on setImmediate ({@code i}), or with {@code Error('fe')} on
 *       nextTick ({@code e}).
 *   <li>DESTROY: {@code -} none, else a {@code _destroy(err, cb)} calling {@code cb(err)}
 *       {@code s}ynchronously or on setImmediate ({@code i}, late), or {@code cb(Error('de'))} on
 *       setImmediate ({@code e}).
 *   <li>op: a timing (sync {@code s}, nextTick {@code t}, setImmediate {@code i}, two immediates
 *       {@code j}, four {@code k}), then:
 *       <ul>
 *         <li>{@code p} push {@code 'o<n>'}, {@code P} push(null), {@code r} read(), {@code R} a 'data'
 *             listener (flowing);
 *         <li>{@code w} {@code write('a<n>', cb)}, {@code e} {@code end()} (never {@code end(cb)}: see
 *             "Gates" below);
 *         <li>{@code d} {@code destroy()}, {@code D} {@code destroy(Error('boom'))};
 *         <li>{@code F<opts>} a {@code finished()} call, numbered in call order; opts {@code -} or any
 *             of {@code r} readable false, {@code w} writable false, {@code e} error false, {@code a}
 *             an already aborted signal, {@code A} the spec's AbortController's signal, {@code q}
 *             the promise form ({@code stream/promises}), with {@code c} cleanup true;
 *         <li>{@code C<n>} calls the n-th finished's cleanup function (callback form only);
 *         <li>{@code A} aborts the spec's AbortController (if a finished made one).
 *       </ul>
 * </ul>
 * The trace logs each op, the hooks ({@code _read}, {@code _write <chunk>}, {@code _final},
 * {@code _destroy <err>}), push results, the events 'end', 'finish', 'close', 'error' and 'data',
 * each {@code finished} call ({@code F<n>}) and every call of its callback ({@code cb<n> <code>},
 * so a second call would show). Promise forms settle in a microtask in node but synchronously in
 * Sluice (a CompletableFuture), so their outcome ({@code P<n> <code>}) is not placed in the phase
 * log but appended to the snapshot, in settling order. The snapshot: destroyed, closed, errored,
 * readableEnded, writableFinished, and the listener counts of 'end'/'finish'/'close'/'error' (this
 * spec's own one each, plus what finished() left attached).
 *
 * <h2>Gates</h2>
 * The documented deviations are kept out by the generator rather than filtered: nothing is ever
 * pushed as an objectMode null item (null is EOF in Java) and {@code end(cb)} is never called
 * ({@code Writable.end}'s callback after a plain {@code destroy()}).
 *
 * <p>The two Sluice defects this test found (fixed) have regression tests below:
 * {@link #nodeWaitsForPendingCallbacks} and {@link #abortSkipsNextListener}.
 *
 * <p>Knobs (prefix {@code finfuzz}): {@code .count} (default 1500), {@code .seed},
 * {@code .shrink=true}, {@code .shrinkMax}, {@code .print}, {@code .spec='a;b'} ({@link #oneSpec}).
 * The random run skips cleanly when node is not installed; the fixed specs carry node's recorded
 * output (node v20.20).
 */
class FinishedFaultsRandomDifferentialTest {

    static List<String> runNode(List<String> specs) {
        return NodeOracle.runStrings(FinishedFaultsDifferentialNodeScript.JS, specs, 300);
    }

    static String runJava(String spec) {
        return FinishedFaultsDifferentialInterpreter.run(spec);
    }

    /** Whether node and Sluice agree on {@code spec}: the outcomes are equal. */
    static boolean same(String spec, String node, String java) {
        return node.equals(java);
    }

    // ---------------------------------------------------------------------------------------------
    // Generation.

    private static char pick(Random rnd, String s) {
        return s.charAt(rnd.nextInt(s.length()));
    }

    private static String cycle(Random rnd, String chars, int max) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1 + rnd.nextInt(max); i > 0; i--) {
            sb.append(pick(rnd, chars));
        }
        return sb.toString();
    }

    private static String finishedOpts(Random rnd) {
        StringBuilder o = new StringBuilder();
        for (char c : "rwe".toCharArray()) {
            if (rnd.nextInt(6) == 0) {
                o.append(c);
            }
        }
        int sig = rnd.nextInt(6);
        if (sig == 0) {
            o.append('a');
        } else if (sig == 1) {
            o.append('A');
        }
        if (rnd.nextInt(5) == 0) {
            o.append('q');
            if (rnd.nextBoolean()) {
                o.append('c');
            }
        }
        return o.isEmpty() ? "-" : o.toString();
    }

    /** One random spec. */
    static String generate(Random rnd) {
        char kind = pick(rnd, "RRWWDDTTP");
        boolean r = kind != 'W';
        boolean w = kind != 'R';
        StringBuilder flags = new StringBuilder("-");
        for (char f : (kind == 'R' || kind == 'W' ? "ac" : "ach").toCharArray()) {
            if (rnd.nextInt(4) == 0) {
                flags.append(f);
            }
        }
        String read = kind == 'R' || kind == 'D' ? cycle(rnd, "--ppttne", 3) : "-";
        String write = w && kind != 'P' ? cycle(rnd, "sssiiSI", 2) : "-";
        char fin = w ? pick(rnd, "---sie") : '-';
        char des = pick(rnd, "---sie");
        // destroy is drawn rarely: it ends the interesting part of a spec
        String opChars = (r ? "ppPPrR" : "") + (w ? "wwwee" : "") + (rnd.nextInt(3) == 0 ? "dD" : "");
        List<String> ops = new ArrayList<>();
        int before = rnd.nextInt(6);
        int after = rnd.nextInt(5);
        for (int i = 0; i < before; i++) {
            ops.add(pick(rnd, "sstijk") + "" + pick(rnd, opChars));
        }
        ops.add(pick(rnd, "sssttiijk") + "F" + finishedOpts(rnd));
        boolean second = rnd.nextInt(4) == 0;
        for (int i = 0; i < after; i++) {
            char c = pick(rnd, opChars + "A");
            ops.add(pick(rnd, "sstijk") + "" + c);
        }
        if (second) {
            ops.add(pick(rnd, "sstijk") + "F" + finishedOpts(rnd));
        }
        if (rnd.nextInt(3) == 0) {
            ops.add(pick(rnd, "sstijk") + "C" + (second && rnd.nextBoolean() ? 2 : 1));
        }
        return kind + " " + (rnd.nextInt(3) == 0 ? 1 : 0) + " " + flags + " " + read + " " + write + " " + fin + " " + des
                + " " + String.join(" ", ops);
    }

    // ---------------------------------------------------------------------------------------------
    // Shrinking: drop ops, simplify timings, finished options, the hooks and the flags.

    static String shrink(String spec) {
        return SpecShrinker.shrink(spec, FinishedFaultsRandomDifferentialTest::candidates,
                FinishedFaultsRandomDifferentialTest::runNode, (c, node) -> !same(c, node, runJava(c)), 300);
    }

    private static List<String> candidates(String spec) {
        String[] t = spec.split(" ");
        List<String> out = new ArrayList<>();
        out.addAll(SpecShrinker.withoutEach(t, 7));
        for (int i = 7; i < t.length; i++) {
            String tok = t[i];
            if (tok.charAt(1) == 'F' && !tok.substring(2).equals("-")) {
                String o = tok.substring(2);
                for (int j = 0; j < o.length(); j++) {
                    String less = o.substring(0, j) + o.substring(j + 1);
                    out.add(SpecShrinker.with(t, i, tok.substring(0, 2) + (less.isEmpty() ? "-" : less)));
                }
            }
            if (tok.charAt(0) != 's') {
                out.add(SpecShrinker.with(t, i, "s" + tok.substring(1)));
                if (tok.charAt(0) != 't') {
                    out.add(SpecShrinker.with(t, i, "t" + tok.substring(1)));
                }
                if (tok.charAt(0) != 'i') {
                    out.add(SpecShrinker.with(t, i, "i" + tok.substring(1)));
                }
            }
        }
        if (t[1].equals("1")) {
            out.add(SpecShrinker.with(t, 1, "0"));
        }
        for (int j = 1; j < t[2].length(); j++) {
            out.add(SpecShrinker.with(t, 2, t[2].substring(0, j) + t[2].substring(j + 1)));
        }
        for (int f = 3; f <= 4; f++) {
            for (int j = 0; j < t[f].length(); j++) {
                if (t[f].length() > 1) {
                    out.add(SpecShrinker.with(t, f, t[f].substring(0, j) + t[f].substring(j + 1)));
                }
            }
            if (f == 3 && !t[3].equals("-")) {
                out.add(SpecShrinker.with(t, 3, "-"));
            }
            if (f == 4 && !t[4].equals("-") && !t[4].equals("s")) {
                out.add(SpecShrinker.with(t, 4, "s"));
            }
        }
        for (int f = 5; f <= 6; f++) {
            if (!t[f].equals("-")) {
                out.add(SpecShrinker.with(t, f, "-"));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------
    // The random run.

    /** This test's spec language, for the shared random run. */
    private static final DifferentialFuzz.Language LANGUAGE = new DifferentialFuzz.Language("finfuzz",
            FinishedFaultsRandomDifferentialTest::generate, FinishedFaultsRandomDifferentialTest::runNode,
            FinishedFaultsRandomDifferentialTest::runJava, FinishedFaultsRandomDifferentialTest::same,
            FinishedFaultsRandomDifferentialTest::shrink);

    @Test
    void randomFinishedAgreesWithNode() {
        DifferentialFuzz.assertAgree(LANGUAGE, 1500);
    }

    /** Exploration aid: {@code -Dfinfuzz.spec='W 0 - - i - - sw se sF-'} prints both outcomes. */
    @Test
    void oneSpec() {
        DifferentialFuzz.oneSpec(LANGUAGE);
    }

    // ---------------------------------------------------------------------------------------------
    // Fixed specs, with node's output recorded (node v20.20), so they run without node.

    /** Asserts Sluice's outcome for {@code spec} against node's recorded one. */
    private static void assertNodeOutcome(String spec, String node) {
        String java = runJava(spec);
        assertThat(java).as("%s%n node:   %s%n sluice: %s", spec, node, java).isEqualTo(node);
    }

    /** Control: destroy() before 'end' is a premature close, reported after 'close'. */
    @Test
    void destroyBeforeEndIsPrematureClose() {
        assertNodeOutcome("R 0 - - - - - sF- sd", "sync: F1, destroy() | tick: close, cb1 ERR_STREAM_PREMATURE_CLOSE"
                + " || D=true C=true err=null rended=false L=2/1/2/2");
        // readable: false on a Duplex without allowHalfOpen: the writable side alone, also premature
        assertNodeOutcome("D 0 -h - s - - sFr sd", "sync: F1, destroy() | tick: close, cb1 ERR_STREAM_PREMATURE_CLOSE"
                + " || D=true C=true err=null rended=false wfin=false L=2/2/2/2");
    }

    /** Control: a flowing Readable that ends: the callback waits for 'close' (autoDestroy). */
    @Test
    void endedReadableCallsBackAfterClose() {
        assertNodeOutcome("R 0 - p - - - sR sF- sP", "sync: F1, pushnull=false | tick: end | tick: close, cb1 null"
                + " || D=true C=true err=null rended=true L=2/1/2/2");
    }

    /** Control: error: false still reports the error, from 'close' (the stream's errored value). */
    @Test
    void errorFalseReportsTheErrorOnClose() {
        assertNodeOutcome("D 0 - - s - - sFe sD", "sync: F1, destroy(err) | tick: error boom, close, cb1 boom"
                + " || D=true C=true err=boom rended=false wfin=false L=2/2/2/1");
    }

    /** Control: finished() on a closed stream calls back on the next tick. */
    @Test
    void closedStreamCallsBackOnNextTick() {
        assertNodeOutcome("W 0 - - s - - se iF-", "sync: end | tick: finish | tick: close | imm: F1 | tick: cb1 null"
                + " || D=true C=true err=null wfin=true L=1/2/2/2");
    }

    /** Control: the cleanup function removes the listeners and keeps the callback from running. */
    @Test
    void cleanupRemovesListenersAndCallback() {
        assertNodeOutcome("R 1 - - - - - sF- sC1 sd", "sync: F1, cleanup1, destroy() | tick: close"
                + " || D=true C=true err=null rended=false L=1/0/1/1");
    }

    /** Control: an already aborted signal: AbortError on the next tick, listeners removed. */
    @Test
    void abortedSignalCallsBackWithAbortError() {
        assertNodeOutcome("W 0 - - s - - sFa", "sync: F1 | tick: cb1 ABORT_ERR || D=false C=false err=null wfin=false L=0/1/1/1");
    }

    /** Control: the promise form with cleanup: true resolves and removes its listeners. */
    @Test
    void promiseWithCleanupRemovesListeners() {
        assertNodeOutcome("T 0 - - s - - sFqc sp sP sR se", "sync: F1, push1=true, pushnull=false, end | tick: data b6f31"
                + " | tick: finish | tick: end | tick: close || D=true C=true err=null rended=true wfin=true L=1/1/1/1 P1 null");
    }

    /** Control: two finished() calls on a stream whose _read destroys it: both get the error once. */
    @Test
    void twoFinishedCallsBothGetTheError() {
        assertNodeOutcome("R 0 -c e - - - sR sF- sF-", "sync: F1, F2 | tick: _read | tick: error re, cb1 re, cb2 re"
                + " || D=true C=true err=re rended=false L=3/2/3/3");
    }

    // ---------------------------------------------------------------------------------------------
    // Defects this test found, fixed: each asserts node's exact outcome (recorded, node v20.20).

    /**
     * Defect (fixed). Node 20's eos() (end-of-stream.js) schedules
     * {@code onclosed} on the next tick for a stream whose writable side is done only if
     * <pre>{@code
     * !readable && (!willEmitClose || isReadable(stream)) &&
     * (writableFinished || isWritable(stream) === false) &&
     * (wState == null || wState.pendingcb === undefined || wState.pendingcb === 0)
     * }</pre>
     * Sluice's EndOfStream.start lacked the last line, so with a {@code _final} still running, a write
     * callback or 'finish' pending, it calls back on the next tick: with null before 'finish' (here
     * while {@code _final} has not called back: a premature "finished"), or with the errored value of
     * that moment (null, where node reports the {@code _destroy} error 'de' that comes later), or
     * before 'error'. Node waits for the 'finish' / 'error' / 'close' listeners instead.
     */
    @Test
    void nodeWaitsForPendingCallbacks() {
        // Writable, autoDestroy false, _final calling back on setImmediate: end(); finished()
        assertNodeOutcome("W 0 -a - s i - se sF-", "sync: end, _final, F1 | tick: finish, cb1 null"
                + " || D=false C=false err=null wfin=true L=1/2/2/2");
        // emitClose false, _destroy calling back with Error('de') later: write, destroy(), finished()
        assertNodeOutcome("W 0 -c - s - e sw sd sF-", "sync: _write b6131, w1=true, destroy(), _destroy null, F1"
                + " | tick: wcb1 null | tick: error de, cb1 de || D=true C=true err=de wfin=false L=1/2/2/2");
    }

    /**
     * Defect (fixed). Two {@code finished()} calls share one AbortSignal;
     * on {@code abort()} node calls back both with AbortError (and settles a promise form) and
     * removes all their listeners. Each eos() abort handler removes its own abort listener while the
     * abort is dispatched (end-of-stream.js: the {@code once} wrapper around the callback calls
     * {@code disposable[SymbolDispose]()}; node's EventTarget keeps dispatching to the others).
     * Sluice's AbortSignal.fire iterated the live list by index, and removeEventListener shifted it,
     * so the listener after the one that removes itself was skipped: the second callback is never
     * called, a promise form never settles, and its listeners stay attached (L=1/2/2/2).
     */
    @Test
    void abortSkipsNextListener() {
        assertNodeOutcome("W 0 - - s - - sFA sFA tA", "sync: F1, F2 | tick: abort, cb1 ABORT_ERR, cb2 ABORT_ERR"
                + " || D=false C=false err=null wfin=false L=0/1/1/1");
        assertNodeOutcome("W 0 - - s - - sFA sFAq tA", "sync: F1, F2 | tick: abort, cb1 ABORT_ERR"
                + " || D=false C=false err=null wfin=false L=0/1/1/1 P2 ABORT_ERR");
    }
}
