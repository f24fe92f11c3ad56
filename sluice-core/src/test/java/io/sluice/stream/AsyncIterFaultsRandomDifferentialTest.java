package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.testing.DifferentialFuzz;
import io.sluice.testing.NodeOracle;
import io.sluice.testing.SpecShrinker;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import io.sluice.testing.Must;
import org.junit.jupiter.api.Test;

/**
 * Differential fuzzing of a Readable's async iteration (Node 20's {@code createAsyncIterator} in
 * lib/internal/streams/readable.js) against node: seeded random specs are interpreted by
 * {@link AsyncIterFaultsDifferentialNodeScript} in node ({@code readable.iterator()},
 * {@code [Symbol.asyncIterator]()}) and {@link AsyncIterFaultsDifferentialInterpreter} in Java
 * ({@link PullIterator} under a model of the async generator, see there); each yields the
 * phase-tagged event log plus a state snapshot 40 immediates later, and the two must be equal.
 *
 * <h2>Specs</h2>
 * Space-separated tokens {@code KIND OBJ HWM ENC CYCLE END FLAGS op...}:
 * <ul>
 *   <li>KIND: {@code R} Readable, {@code D} Duplex (same {@code _read}, a writable side that accepts
 *       everything), {@code T} Transform passing chunks through, fed by writes.
 *   <li>OBJ: objectMode {@code 0}/{@code 1}; HWM: the highWaterMark, 0..16; ENC: {@code -} none or
 *       {@code u} the {@code encoding: 'utf8'} option.
 *   <li>CYCLE: pairs {@code <timing><n>}, used in turn, repeated: the k-th {@code _read} pushes n
 *       (0..3) chunks {@code c1, c2, ...} ({@code z}: one empty string, which is no chunk in byte
 *       mode) synchronously ({@code s}), on nextTick ({@code t}) or on
 *       setImmediate ({@code i}), up to the 30th call, after which {@code _read} does nothing (a
 *       cycle of empty pushes would read forever); for {@code T} the k-th feeding step writes n chunks after its
 *       timing and schedules the next step on an immediate.
 *   <li>END: {@code <action><k>}: once chunk k+1 would be produced: {@code e} EOF ({@code push(null)},
 *       {@code end()} for T), {@code x} {@code destroy(Error('rx'))}, {@code d} {@code destroy()},
 *       {@code p} EOF then a push (a write for T) after it.
 *   <li>FLAGS: {@code -} then {@code L} a logging 'readable' listener, {@code K} the first iterator
 *       is {@code iterator({destroyOnReturn: false})}, {@code A} it is {@code [Symbol.asyncIterator]()},
 *       {@code a} autoDestroy false (then no {@code throw()} is drawn: see {@code generate}),
 *       {@code c} emitClose false, {@code y} a {@code _destroy} calling back on setImmediate,
 *       {@code h} allowHalfOpen false (D, T).
 *   <li>op: a timing ({@code s} sync, {@code t} nextTick, {@code i} setImmediate, {@code j} two
 *       immediates, {@code k} twelve immediates: after the source has settled), then {@code n}
 *       {@code next()}, {@code r} {@code return()}, {@code x} {@code throw(Error('th'))},
 *       {@code f<n><a>} the for-await shape: {@code next()} again from each settlement until n items,
 *       then {@code a}: {@code b} {@code return()} (break), {@code x} {@code throw()}, {@code -}
 *       nothing; {@code I} / {@code J} a new iterator (default / {@code destroyOnReturn: false}) for
 *       the later ops; {@code d} / {@code D} {@code destroy()} / {@code destroy(Error('boom'))} of the
 *       source; {@code o} a 'data' listener; {@code p} pause; {@code u} resume; {@code E} the END
 *       action now; {@code g} a {@code read()} of our own (logged {@code read=<value>}); {@code S}
 *       {@code setEncoding('utf8')} (byte mode only: see the gates).
 * </ul>
 * The trace logs each settlement as {@code <tag>=<value>} ({@code B<utf8>} a Buffer, {@code S<s>} a
 * string), {@code <tag>=done} or {@code <tag>!<code>}, with tags {@code n<id>}, {@code ret<id>},
 * {@code thr<id>}, {@code f<id>.<item>}, {@code fret<id>}, {@code fthr<id>}; {@code _read} calls,
 * pushes and writes with their results, and 'end', 'close', 'error' (and 'readable', 'data'). The
 * snapshot: destroyed, closed, readableEnded, readableLength, errored, readableFlowing and the
 * listener counts of 'readable', 'error', 'end', 'close'.
 *
 * <h2>Gates</h2>
 * <ul>
 *   <li>{@code setEncoding} is drawn in byte mode only: in objectMode, with items buffered, Node
 *       concatenates them into one string and counts its characters as items, which
 *       {@link Readable#setEncoding}'s javadoc documents Sluice does not do.
 *   <li>{@code throw()} is not drawn with autoDestroy false: a limit of the model, not of Sluice
 *       (no public Sluice API throws into an iterator; PullIterator's close cannot say "destroy
 *       only with autoDestroy" for an open stream, which node's finally does after a throw()).
 * </ul>
 *
 * <h2>Phases</h2>
 * Settlements are logged in node from a {@code .then} (a microtask) and in Java from a
 * {@code queueMicrotask} that the model queues where the promise would be resolved. Node's phase
 * wrapper cannot see microtasks (it tags them {@code loop}) and V8 takes more microtask hops than the
 * model (awaiting a yielded value, promise resolution); neither is a stream contract, so the
 * comparison calls node's {@code loop} entries {@code micro} and merges consecutive {@code micro}
 * groups on both sides: what happens in a microtask drain is compared in order, not hop by hop.
 *
 * <p>Knobs (prefix {@code aiterfuzz}): {@code .count} (default 1500), {@code .seed},
 * {@code .shrink=true}, {@code .shrinkMax}, {@code .print}, {@code .spec='a;b'} ({@link #oneSpec}).
 * The random run skips cleanly when node is not installed; the fixed specs carry node's recorded
 * output (node v20).
 */
class AsyncIterFaultsRandomDifferentialTest {

    static List<String> runNode(List<String> specs) {
        return NodeOracle.runStrings(AsyncIterFaultsDifferentialNodeScript.JS, specs, 300);
    }

    static String runJava(String spec) {
        return AsyncIterFaultsDifferentialInterpreter.run(spec);
    }

    static boolean same(String spec, String node, String java) {
        return canon(node).equals(canon(java));
    }

    /** The compared form (see "Phases"): node's {@code loop} tag is {@code micro}; adjacent micro groups merge. */
    static String canon(String out) {
        int cut = out.indexOf(" || ");
        List<String> kept = new ArrayList<>();
        for (String phase : out.substring(0, cut).split(" \\| ")) {
            if (phase.isEmpty()) {
                continue;
            }
            String p = phase.startsWith("loop: ") ? "micro: " + phase.substring(6) : phase;
            int last = kept.size() - 1;
            if (p.startsWith("micro: ") && last >= 0 && kept.get(last).startsWith("micro: ")) {
                kept.set(last, kept.get(last) + ", " + p.substring(7));
            } else {
                kept.add(p);
            }
        }
        return String.join(" | ", kept) + out.substring(cut);
    }

    // ---------------------------------------------------------------------------------------------
    // Generation.

    private static char pick(Random rnd, String s) {
        return s.charAt(rnd.nextInt(s.length()));
    }

    /** One random spec. */
    static String generate(Random rnd) {
        char kind = pick(rnd, "RRRRDT");
        int hwm = rnd.nextInt(3) == 0 ? rnd.nextInt(17) : new int[] {0, 1, 2, 16}[rnd.nextInt(4)];
        StringBuilder cycle = new StringBuilder();
        for (int i = 1 + rnd.nextInt(3); i > 0; i--) {
            cycle.append(pick(rnd, "ssttii")).append(pick(rnd, "0111122223z"));
        }
        String end = "" + pick(rnd, "eeeexdp") + rnd.nextInt(6);
        StringBuilder flags = new StringBuilder("-");
        if (rnd.nextInt(4) == 0) {
            flags.append('L');
        }
        for (char c : (kind == 'R' ? "acy" : "acyh").toCharArray()) {
            if (rnd.nextInt(6) == 0) {
                flags.append(c);
            }
        }
        int f = rnd.nextInt(6);
        if (f == 0) {
            flags.append('K');
        } else if (f == 1) {
            flags.append('A');
        }
        int obj = rnd.nextInt(2);
        StringBuilder sb = new StringBuilder().append(kind).append(' ').append(obj).append(' ')
                .append(hwm).append(' ').append(rnd.nextInt(4) == 0 ? 'u' : '-').append(' ').append(cycle)
                .append(' ').append(end).append(' ').append(flags);
        // setEncoding is not drawn in objectMode: Readable.setEncoding's documented deviation (Node
        // concatenates the buffered items into one string and counts its characters as items).
        // throw() is not drawn with autoDestroy false: the model has no way to say "destroy only if
        // autoDestroy" for it (PullIterator.close(true) destroys an open stream regardless)
        boolean noThrow = flags.indexOf("a") >= 0;
        String opChars = (noThrow ? "nnnnnnffffffrrIJ" : "nnnnnnffffffrrxIJ") + (rnd.nextInt(3) == 0 ? (obj == 1 ? "dDopuEg" : "dDopuEgS") : "");
        for (int n = 1 + rnd.nextInt(6); n > 0; n--) {
            char c = pick(rnd, opChars);
            String op = c == 'f' ? "f" + (1 + rnd.nextInt(4)) + pick(rnd, noThrow ? "bb--" : "bbx--") : "" + c;
            sb.append(' ').append(pick(rnd, "sssstijk")).append(op);
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------------------------------------
    // Shrinking: drop ops, simplify timings, the cycle, the end, the flags and the kind.

    static String shrink(String spec) {
        return SpecShrinker.shrink(spec, AsyncIterFaultsRandomDifferentialTest::candidates,
                AsyncIterFaultsRandomDifferentialTest::runNode, (c, node) -> !same(c, node, runJava(c)), 300);
    }

    private static List<String> candidates(String spec) {
        String[] t = spec.split(" ");
        List<String> out = new ArrayList<>();
        out.addAll(SpecShrinker.withoutEach(t, 7));
        for (int i = 7; i < t.length; i++) {
            String tok = t[i];
            if (tok.charAt(1) == 'f' && tok.charAt(3) != '-') {
                out.add(SpecShrinker.with(t, i, tok.substring(0, 3) + "-"));
            }
            if (tok.charAt(1) == 'f' && tok.charAt(2) > '1') {
                out.add(SpecShrinker.with(t, i, tok.substring(0, 2) + (char) (tok.charAt(2) - 1) + tok.substring(3)));
            }
            if (tok.charAt(0) != 's') {
                out.add(SpecShrinker.with(t, i, "s" + tok.substring(1)));
            }
        }
        if (!t[0].equals("R")) {
            out.add(SpecShrinker.with(t, 0, "R"));
        }
        if (t[1].equals("1")) {
            out.add(SpecShrinker.with(t, 1, "0"));
        }
        int hwm = Integer.parseInt(t[2]);
        if (hwm > 0) {
            out.add(SpecShrinker.with(t, 2, String.valueOf(hwm - 1)));
            out.add(SpecShrinker.with(t, 2, "0"));
        }
        if (!t[3].equals("-")) {
            out.add(SpecShrinker.with(t, 3, "-"));
        }
        for (int j = 0; j < t[4].length(); j += 2) {
            if (t[4].length() > 2) {
                out.add(SpecShrinker.with(t, 4, t[4].substring(0, j) + t[4].substring(j + 2)));
            }
            if (t[4].charAt(j) != 's') {
                out.add(SpecShrinker.with(t, 4, t[4].substring(0, j) + "s" + t[4].substring(j + 1)));
            }
            if (t[4].charAt(j + 1) > '1' && t[4].charAt(j + 1) <= '3') {
                out.add(SpecShrinker.with(t, 4, t[4].substring(0, j + 1) + (char) (t[4].charAt(j + 1) - 1) + t[4].substring(j + 2)));
            }
        }
        if (t[5].charAt(0) != 'e') {
            out.add(SpecShrinker.with(t, 5, "e" + t[5].substring(1)));
        }
        if (t[5].charAt(1) > '0') {
            out.add(SpecShrinker.with(t, 5, t[5].charAt(0) + String.valueOf((char) (t[5].charAt(1) - 1))));
        }
        for (int j = 1; j < t[6].length(); j++) {
            out.add(SpecShrinker.with(t, 6, t[6].substring(0, j) + t[6].substring(j + 1)));
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------
    // The random run.

    /** This test's spec language, for the shared random run. */
    private static final DifferentialFuzz.Language LANGUAGE = new DifferentialFuzz.Language("aiterfuzz",
            AsyncIterFaultsRandomDifferentialTest::generate, AsyncIterFaultsRandomDifferentialTest::runNode,
            AsyncIterFaultsRandomDifferentialTest::runJava, AsyncIterFaultsRandomDifferentialTest::same,
            AsyncIterFaultsRandomDifferentialTest::shrink);

    @Test
    void randomAsyncIterationAgreesWithNode() {
        DifferentialFuzz.assertAgree(LANGUAGE, 1500);
    }

    /** Exploration aid: {@code -Daiterfuzz.spec='R 1 1 - s1 e2 - sf3-'} prints both outcomes. */
    @Test
    void oneSpec() {
        DifferentialFuzz.oneSpec(LANGUAGE);
    }

    // ---------------------------------------------------------------------------------------------
    // Fixed specs, with node's output recorded (node v20), so they run without node.

    /** Asserts Sluice's outcome for {@code spec} against node's recorded one, compared as the random run compares. */
    private static void assertNodeOutcome(String spec, String node) {
        String java = runJava(spec);
        assertThat(canon(java)).as("%s%n node:   %s%n sluice: %s", spec, node, java).isEqualTo(canon(node));
    }

    /** Control: concurrent next() calls queue; an error rejects the first even with a chunk buffered (destroyed yields nothing), the later ones resolve done. */
    @Test
    void concurrentNextCallsAfterAnError() {
        assertNodeOutcome("R 1 16 - t1 x1 - sn sn sn",
                "sync: _read | tick: push c1=true, self destroy(err) | tick: error rx, close | loop: n1!rx, n2=done, n3=done"
                + " || D=true C=true ended=false len=1 err=rx fl=false lc=1/2/2/2");
    }

    /** Control: break after one item destroys the unfinished stream with an AbortError. */
    @Test
    void breakDestroysWithAbortError() {
        assertNodeOutcome("R 1 1 - s1 e3 - sf1b",
                "sync: _read, push c1=false | tick: _read, push c2=false | loop: f1.1=Sc1, fret1=done"
                + " | tick: error ABORT_ERR, close || D=true C=true ended=false len=1 err=ABORT_ERR fl=false lc=1/2/2/2");
    }

    /** Control: destroy() while a next() waits rejects it with a premature close. */
    @Test
    void destroyWhileNextPendingIsPrematureClose() {
        assertNodeOutcome("R 0 4 - i0 e3 - sn id",
                "sync: _read | imm: destroy() | tick: close | loop: n1!ERR_STREAM_PREMATURE_CLOSE"
                + " || D=true C=true ended=false len=0 err=null fl=false lc=1/2/2/2");
    }

    /** Control: a second iterator after a destroyOnReturn:false one has returned continues the stream. */
    @Test
    void secondIteratorContinuesAfterKeepReturn() {
        assertNodeOutcome("R 1 16 - s2 e3 -K sf1b kI kf4-",
                "sync: _read, push c1=true, push c2=true | tick: _read, push c3=true, eof | loop: f1.1=Sc1, fret1=done"
                + " | imm: iter2 | loop: f2.1=Sc2, f2.2=Sc3 | tick: end | tick: close | loop: f2.3=done"
                + " || D=true C=true ended=true len=0 err=null fl=false lc=1/2/2/2");
    }

    // ---------------------------------------------------------------------------------------------
    // Defects this test found, fixed; each asserts node's exact outcome.

    /**
     * Node's iterator body ends a normal end with {@code error === null}, and its finally (readable.js,
     * createAsyncIterator) destroys only if {@code (error || options?.destroyOnReturn !== false) &&
     * (error === undefined || autoDestroy)}: with {@code destroyOnReturn: false} null is falsy, so it
     * takes the else branch, {@code stream.off('readable', next); cleanup();}, and leaves the stream
     * alone. Sluice's {@code PullIterator.close} treated an ended outcome like an error
     * ({@code outcome != OPEN || destroyOnReturn}) and {@code BlockingReader.finish} closed with
     * {@code true} whatever the iterator's destroyOnReturn: a Duplex whose writable side was still
     * open was destroyed with ABORT_ERR (node: untouched, writable), and a Readable kept the
     * iterator's 'readable' and end-of-stream listeners (node: none, readableFlowing back to null).
     */
    @Test
    void keepIteratorAtEndLeavesTheStreamAlone() {
        // Through the public blocking iterator: the Duplex stays usable.
        List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());
        Must.run(() -> {
            Duplex<Object, Object> d = new Duplex<>(StreamOptions.create().objectMode(true)
                    .doRead((Readable<Object> self, long n) -> self.push(null))
                    .doWrite((Stream self, Object c, String e, Callback cb) -> cb.done()));
            d.on(Stream.ERROR, e -> log.add("error " + AsyncIterFaultsDifferentialInterpreter.code(e)));
            io.sluice.loop.EventLoop loop = io.sluice.loop.EventLoop.current();
            StreamIterator<Object> it = Readables.iterator(d, false);
            StreamBridgesTest.onVirtualThread(() -> {
                try (it) {
                    log.add("hasNext " + it.hasNext());
                }
                // the state once the iterator's own tasks and their ticks have run
                loop.execute(() -> loop.setImmediate(() -> log.add("destroyed " + d.destroyed() + ", writable "
                        + d.writable() + ", readable listeners " + d.listenerCount(ReadableStream.READABLE))));
            });
        });
        // node: for await (... of d.iterator({destroyOnReturn: false})) {} then, later:
        assertThat(log).containsExactly("hasNext false", "destroyed false, writable true, readable listeners 0");
        // The model over PullIterator, node's exact traces.
        assertNodeOutcome("D 0 16 - s0 e0 -K sn", "sync: _read, eof | tick: end | loop: n1=done"
                + " || D=false C=false ended=true len=0 err=null fl=null lc=0/1/1/1");
        assertNodeOutcome("R 0 16 - s0 e0 -K sn", "sync: _read, eof | tick: end | tick: close | loop: n1=done"
                + " || D=true C=true ended=true len=0 err=null fl=null lc=0/1/1/1");
    }
}
