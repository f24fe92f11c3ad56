package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.testing.DifferentialFuzz;
import io.sluice.testing.NodeOracle;
import io.sluice.testing.SpecShrinker;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Differential fuzzing of the writable side's failure and edge paths (Node 20's
 * lib/internal/streams/writable.js) against node: seeded random specs are interpreted by
 * {@link WritableFaultsDifferentialNodeScript} in node and {@link WritableFaultsDifferentialInterpreter}
 * in Java; each yields the phase-tagged event log plus a state snapshot 40 immediates later, and the
 * two strings must be equal. {@link StreamRandomOpsDifferentialTest} covers the happy paths; this one
 * covers failing, throwing, never-calling and double-calling hooks, invalid arguments, writes after
 * end, destroys from inside hooks, callbacks and listeners, and encodings.
 *
 * <h2>Specs</h2>
 * Space-separated tokens {@code KIND OBJ HWM CYCLE FINAL CONSTRUCT FLAGS op...}:
 * <ul>
 *   <li>KIND: {@code W} Writable, {@code D} Duplex whose {@code _read} does nothing, {@code U} Duplex
 *       whose {@code _read} pushes r, s, then EOF on the next tick (with a 'data' listener),
 *       {@code T} Transform passing each chunk through.
 *   <li>OBJ: objectMode {@code 0}/{@code 1}; HWM: the highWaterMark, 0..16.
 *   <li>CYCLE: how the k-th {@code _write}/{@code _writev}/{@code _transform} call completes, the
 *       characters used in turn, repeated: ok {@code s}ynchronously, on next{@code t}ick, on
 *       setImmediate ({@code i}); the same with {@code Error('we<k>')}: {@code S T I}; {@code n}ever;
 *       {@code 2} twice synchronously; {@code 3} on nextTick and again on setImmediate; {@code x}
 *       throws {@code Error('wx<k>')}; {@code d} {@code destroy()}s the stream, then ok; {@code D}
 *       {@code destroy(Error('wd<k>'))}, no callback; {@code e} {@code end(cb)}, then ok; {@code W}
 *       {@code write('ab', cb)} (in the first six calls only), then ok.
 *   <li>FINAL: {@code -} no {@code _final}; else {@code cb()} {@code s}ync, next{@code t}ick,
 *       setImmediate ({@code i}); {@code cb(Error('fe'))} sync ({@code e}) or on nextTick
 *       ({@code E}); {@code x} throws {@code Error('fx')}; {@code 2} calls back twice; {@code d}
 *       {@code destroy()}s, no callback.
 *   <li>CONSTRUCT: {@code -} none; {@code _construct} calling back on next{@code t}ick,
 *       setImmediate ({@code i}), with {@code Error('ce')} on setImmediate ({@code e}) or
 *       synchronously ({@code E}), or throwing {@code Error('cx')} ({@code x}).
 *   <li>FLAGS: {@code -} then any of {@code a} autoDestroy false, {@code c} emitClose false,
 *       {@code d} decodeStrings false, {@code v} a {@code _writev} (same cycle), {@code o} a 'data'
 *       listener on a Transform, {@code y} a {@code _destroy} calling back on setImmediate,
 *       {@code h} allowHalfOpen false (Duplex, Transform), and at most one defaultEncoding:
 *       {@code l} latin1, {@code x} hex, {@code b} base64, {@code U} 'UTF-8'.
 *   <li>op: a timing (sync {@code s}, nextTick {@code t}, setImmediate {@code i}, two immediates
 *       {@code j}), then:
 *       <ul>
 *         <li>{@code w<E><P>[A]}: {@code write(chunk[, enc], cb)}, the callback then doing action A;
 *             {@code n<E><P>}: the same without a callback. P picks the payload
 *             ({@code ab}, {@code é€}, {@code 6869}, {@code aGk=}, {@code zz}, the empty string);
 *             E the chunk: {@code -} the string, {@code 8 h 6 l L z} the string with 'utf8', 'hex',
 *             'base64', 'latin1', 'LATIN1', 'bogus'; {@code b} a Buffer of it, {@code u} a
 *             Uint8Array ({@code byte[]} in Java); {@code N} null; {@code 9} the number 42.
 *         <li>{@code e} {@code end()}; {@code f[A]} {@code end(cb)}; {@code E<E><P>[A]}
 *             {@code end(chunk[, enc], cb)}.
 *         <li>{@code c} cork, {@code u} uncork, {@code d} {@code destroy()}, {@code D}
 *             {@code destroy(Error('boom'))}.
 *         <li>{@code k<X>}: {@code setDefaultEncoding} of {@code h}ex, {@code l}atin1,
 *             {@code b}inary, {@code U}TF8, base64 ({@code 6}), bogus ({@code z}), null ({@code 0}).
 *         <li>{@code o<V><A>}: {@code once} on {@code d}rain, {@code f}inish, {@code p}refinish,
 *             {@code e}rror or {@code c}lose, doing action A.
 *       </ul>
 *       Actions: {@code -} none, {@code d} {@code destroy()}, {@code D} {@code destroy(Error('act'))},
 *       {@code w} {@code write('ab', cb)}, {@code e} {@code end(cb)}, {@code c} cork, {@code u} uncork.
 * </ul>
 * The trace logs every write's result ({@code w<id>=true}), its callback ({@code cb<id> <code>}),
 * each {@code end<id>} call and callback, thrown errors ({@code THREW}), uncaught ones
 * ({@code UNCAUGHT}), destroys (tagged {@code in end} while an {@code end()} runs), what the hooks
 * received ({@code _write <chunk> <enc>}, chunks as {@code b<hex>} / {@code u<hex>} /
 * {@code s<string>} / {@code n<number>}), and the events 'drain', 'prefinish', 'finish', 'error',
 * 'close' (and 'data', 'end'). The snapshot: writableLength, writableNeedDrain, writableEnded,
 * writableFinished, writableCorked, writable, destroyed, closed, errored, and writableAborted for a
 * Writable (Node 20's Duplex has none: it is undefined there) or readableEnded otherwise.
 *
 * <h2>Compared with gates</h2>
 * <ul>
 *   <li>The callback of an {@code end(cb)} called after a plain {@code destroy()}, or during
 *       which one happens, is not compared (Writable.end's documented deviation: Node never calls
 *       it, Sluice calls it with ERR_STREAM_DESTROYED; see {@code StreamRandomOpsDifferentialTest});
 *       specs with a plain destroy get no actions on end callbacks, so nothing else hangs on it.
 *   <li>A spec whose {@code _write} throws ({@code x}) is compared up to the first uncaught error:
 *       after it, node runs the rest of its tick queue behind the next immediate and the stream's
 *       state is left half-updated, neither of which is a stream contract.
 * </ul>
 *
 * <p>Knobs (prefix {@code wfaultfuzz}): {@code .count} (default 1500), {@code .seed},
 * {@code .shrink=true}, {@code .shrinkMax}, {@code .print}, {@code .spec='a;b'} ({@link #oneSpec}).
 * The random run skips cleanly when node is not installed; the fixed specs carry node's recorded
 * output (node v20.20).
 */
class WritableFaultsRandomDifferentialTest {

    static List<String> runNode(List<String> specs) {
        return NodeOracle.runStrings(WritableFaultsDifferentialNodeScript.JS, specs, 300);
    }

    static String runJava(String spec) {
        return WritableFaultsDifferentialInterpreter.run(spec);
    }

    static boolean same(String spec, String node, String java) {
        return canon(spec, node).equals(canon(spec, java));
    }

    /**
     * The compared part of an outcome (see the class comment's gates): without the callbacks of
     * {@code end(cb)} calls that a plain {@code destroy()} follows in the same callback or precedes,
     * and, for a spec whose {@code _write} throws, cut before the first uncaught error that is not
     * that throw. Phases left empty disappear.
     */
    static String canon(String spec, String out) {
        int cut = out.indexOf(" || ");
        String snapshot = out.substring(cut);
        List<String> tags = new ArrayList<>();
        List<List<String>> phases = new ArrayList<>();
        for (String phase : out.substring(0, cut).split(" \\| ")) {
            int colon = phase.indexOf(": ");
            if (colon < 0) {
                continue;
            }
            tags.add(phase.substring(0, colon));
            phases.add(new ArrayList<>(List.of(phase.substring(colon + 2).split(", "))));
        }
        // A _write that throws outside write() (from a tick or immediate) is uncaught: node then
        // defers the rest of its tick queue behind the next immediate (Sluice's loop runs it on),
        // and the stream's state is left half-updated (writing, sync, expecting a callback), so
        // what breaks next, and where node reports a TypeError of its own internals, is no
        // contract. Both sides are compared up to that throw.
        if (spec.split(" ")[3].contains("x")) {
            outer:
            for (int p = 0; p < phases.size(); p++) {
                List<String> ph = phases.get(p);
                for (int i = 0; i < ph.size(); i++) {
                    if (ph.get(i).startsWith("UNCAUGHT ")) {
                        ph.subList(ph.get(i).matches("UNCAUGHT wx\\d+") ? i + 1 : i, ph.size()).clear();
                        phases.subList(p + 1, phases.size()).clear();
                        tags.subList(p + 1, tags.size()).clear();
                        snapshot = " || (cut)";
                        break outer;
                    }
                }
            }
        }
        // Writable.end's documented deviation: the callback of an end(cb) with a plain destroy()
        // before it, or during it (from a 'prefinish' listener, _final, a _write run by its
        // uncork), is not compared.
        Set<String> gated = new HashSet<>();
        boolean destroyed = false;
        for (List<String> ph : phases) {
            // the end() calls of this callback so far: a destroy "in end" runs inside one of them
            List<String> ends = new ArrayList<>();
            for (String e : ph) {
                if (e.matches("(self )?destroy\\(\\)( in end)?")) {
                    destroyed = true;
                    if (e.endsWith(" in end")) {
                        ends.forEach(id -> gated.add("endcb" + id + " "));
                    }
                } else if (e.matches("end\\d+")) {
                    ends.add(e.substring(3));
                    if (destroyed) {
                        gated.add("endcb" + e.substring(3) + " ");
                    }
                }
            }
        }
        List<String> kept = new ArrayList<>();
        for (int p = 0; p < phases.size(); p++) {
            List<String> ph = new ArrayList<>(phases.get(p));
            ph.removeIf(e -> gated.stream().anyMatch(e::startsWith));
            if (!ph.isEmpty()) {
                kept.add(tags.get(p) + ": " + String.join(", ", ph));
            }
        }
        return String.join(" | ", kept) + snapshot;
    }

    // ---------------------------------------------------------------------------------------------
    // Generation.

    private static char pick(Random rnd, String s) {
        return s.charAt(rnd.nextInt(s.length()));
    }

    private static String chunk(Random rnd) {
        return "" + pick(rnd, "------bbbbbuu88hh66llLzN9") + rnd.nextInt(6);
    }

    /** One random spec. */
    static String generate(Random rnd) {
        char kind = pick(rnd, "WWWDUTT");
        int hwm = rnd.nextInt(3) == 0 ? rnd.nextInt(17) : new int[] {0, 1, 2, 3, 4, 16}[rnd.nextInt(6)];
        StringBuilder cycle = new StringBuilder();
        for (int i = 1 + rnd.nextInt(3); i > 0; i--) {
            cycle.append(pick(rnd, "sssssttttiiiSSTTIIn23xdDeW"));
        }
        StringBuilder flags = new StringBuilder("-");
        for (char f : (kind == 'T' ? "acdoyh" : kind == 'W' ? "acdvy" : "acdvyh").toCharArray()) {
            if (rnd.nextInt(4) == 0) {
                flags.append(f);
            }
        }
        if (rnd.nextInt(5) == 0) {
            flags.append(pick(rnd, "lxbU"));
        }
        StringBuilder sb = new StringBuilder().append(kind).append(' ').append(rnd.nextInt(3) == 0 ? 1 : 0).append(' ')
                .append(hwm).append(' ').append(cycle).append(' ').append(pick(rnd, "------stieEx2d")).append(' ')
                .append(pick(rnd, "------tieEx")).append(' ').append(flags);
        // destroy is drawn rarely: it ends the interesting part of a spec
        String opChars = "wwwwwwwwwwwwnnnneffEccuukoooo" + (rnd.nextInt(3) == 0 ? "dD" : "");
        List<String> ops = new ArrayList<>();
        for (int n = 1 + rnd.nextInt(10); n > 0; n--) {
            char c = pick(rnd, opChars);
            String action = rnd.nextInt(4) == 0 ? "" + pick(rnd, "dDwecu") : "";
            String op = switch (c) {
                case 'w' -> "w" + chunk(rnd) + action;
                case 'n' -> "n" + chunk(rnd);
                case 'f' -> "f" + action;
                case 'E' -> "E" + chunk(rnd) + action;
                case 'k' -> "k" + pick(rnd, "hlbU6z0");
                case 'o' -> "o" + pick(rnd, "dddfpec") + pick(rnd, "-dDwecu");
                default -> "" + c;
            };
            ops.add(pick(rnd, "sssstij") + op);
        }
        return gateEndActions(sb + " " + String.join(" ", ops));
    }

    /**
     * The gate's other half (see the class comment): in a spec with a plain {@code destroy()}
     * anywhere, end callbacks take no action, since their calls are not compared.
     */
    static String gateEndActions(String spec) {
        String[] t = spec.split(" ");
        boolean plain = t[3].contains("d") || t[4].equals("d");
        for (int i = 7; i < t.length; i++) {
            String op = t[i].substring(1);
            plain |= op.equals("d") || (op.length() == 4 && (op.charAt(0) == 'w' || op.charAt(0) == 'E') && op.charAt(3) == 'd')
                    || (op.length() == 2 && op.charAt(0) == 'f' && op.charAt(1) == 'd')
                    || (op.charAt(0) == 'o' && op.charAt(2) == 'd');
        }
        if (!plain) {
            return spec;
        }
        for (int i = 7; i < t.length; i++) {
            String op = t[i].substring(1);
            if (op.charAt(0) == 'f' && op.length() == 2) {
                t[i] = t[i].substring(0, 2);
            } else if (op.charAt(0) == 'E' && op.length() == 4) {
                t[i] = t[i].substring(0, 4);
            }
        }
        return String.join(" ", t);
    }

    // ---------------------------------------------------------------------------------------------
    // Shrinking: drop ops and actions, simplify timings, the cycle, the hooks and the flags.

    static String shrink(String spec) {
        return SpecShrinker.shrink(spec, WritableFaultsRandomDifferentialTest::candidates,
                WritableFaultsRandomDifferentialTest::runNode, (c, node) -> !same(c, node, runJava(c)), 300);
    }

    private static List<String> candidates(String spec) {
        String[] t = spec.split(" ");
        List<String> out = new ArrayList<>();
        out.addAll(SpecShrinker.withoutEach(t, 7));
        for (int i = 7; i < t.length; i++) {
            String tok = t[i];
            char op = tok.charAt(1);
            if ((op == 'w' || op == 'E') && tok.length() == 5 || op == 'f' && tok.length() == 3) {
                out.add(SpecShrinker.with(t, i, tok.substring(0, tok.length() - 1)));
            }
            if (op == 'o' && tok.charAt(3) != '-') {
                out.add(SpecShrinker.with(t, i, tok.substring(0, 3) + "-"));
            }
            if (tok.charAt(0) != 's') {
                out.add(SpecShrinker.with(t, i, "s" + tok.substring(1)));
            }
        }
        if (t[0].equals("T") || t[0].equals("U")) {
            out.add(SpecShrinker.with(t, 0, "D"));
        }
        if (t[0].equals("D")) {
            out.add(SpecShrinker.with(t, 0, "W"));
        }
        if (t[1].equals("1")) {
            out.add(SpecShrinker.with(t, 1, "0"));
        }
        int hwm = Integer.parseInt(t[2]);
        if (hwm > 0) {
            out.add(SpecShrinker.with(t, 2, String.valueOf(hwm - 1)));
            out.add(SpecShrinker.with(t, 2, "0"));
        }
        for (int j = 0; j < t[3].length(); j++) {
            if (t[3].length() > 1) {
                out.add(SpecShrinker.with(t, 3, t[3].substring(0, j) + t[3].substring(j + 1)));
            }
            if (t[3].charAt(j) != 's') {
                out.add(SpecShrinker.with(t, 3, t[3].substring(0, j) + "s" + t[3].substring(j + 1)));
            }
        }
        if (!t[4].equals("-")) {
            out.add(SpecShrinker.with(t, 4, "-"));
        }
        if (!t[5].equals("-")) {
            out.add(SpecShrinker.with(t, 5, "-"));
        }
        for (int j = 1; j < t[6].length(); j++) {
            out.add(SpecShrinker.with(t, 6, t[6].substring(0, j) + t[6].substring(j + 1)));
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------
    // The random run.

    /** This test's spec language, for the shared random run. */
    private static final DifferentialFuzz.Language LANGUAGE = new DifferentialFuzz.Language("wfaultfuzz",
            WritableFaultsRandomDifferentialTest::generate, WritableFaultsRandomDifferentialTest::runNode,
            WritableFaultsRandomDifferentialTest::runJava, WritableFaultsRandomDifferentialTest::same,
            WritableFaultsRandomDifferentialTest::shrink);

    @Test
    void randomWritableFaultsAgreeWithNode() {
        DifferentialFuzz.assertAgree(LANGUAGE, 1500);
    }

    /** Exploration aid: {@code -Dwfaultfuzz.spec='W 0 2 sT - - - sw-0 se'} prints both outcomes. */
    @Test
    void oneSpec() {
        DifferentialFuzz.oneSpec(LANGUAGE);
    }

    // ---------------------------------------------------------------------------------------------
    // Fixed specs, with node's output recorded (node v20.20), so they run without node.

    /** Asserts Sluice's outcome for {@code spec} against node's recorded one, compared as the random run compares. */
    private static void assertNodeOutcome(String spec, String node) {
        String java = runJava(spec);
        assertThat(canon(spec, java)).as("%s%n node:   %s%n sluice: %s", spec, node, java).isEqualTo(canon(spec, node));
    }

    /** Control: a write callback called twice fails the stream with ERR_MULTIPLE_CALLBACK; end's callback gets ERR_STREAM_DESTROYED. */
    @Test
    void writeCallbackTwiceIsMultipleCallback() {
        assertNodeOutcome("W 0 16 2 - - - sw-0 sf", "sync: _write b6162 buffer, w1=false, end1 | tick: cb1 null"
                + " | tick: error ERR_MULTIPLE_CALLBACK, close | tick: endcb1 ERR_STREAM_DESTROYED"
                + " || len=0 nd=false ended=false fin=false corked=0 w=false D=true C=true err=ERR_MULTIPLE_CALLBACK ab=true");
    }

    /** Control: a failing _writev fails every write it carried and end's callback, before 'error'. */
    @Test
    void writevErrorFailsEveryChunkItCarried() {
        assertNodeOutcome("W 0 16 tS - - -v sw-0 sw-1 sw-2 sf", "sync: _write b6162 buffer, w1=true, w2=true, w3=true, end1"
                + " | tick: _writev bc3a9e282ac/buffer,b36383639/buffer, cb1 null | tick: cb2 we2, cb3 we2, endcb1 we2"
                + " | tick: error we2, close || len=0 nd=false ended=true fin=false corked=0 w=false D=true C=true err=we2 ab=true");
    }

    /** Control: a Transform whose second _transform fails on a tick. */
    @Test
    void transformCallbackErrorFailsTheStream() {
        assertNodeOutcome("T 0 4 sT - - -o sw-0 sw-1 sf", "sync: _transform b6162 buffer, data b6162, w1=true,"
                + " _transform bc3a9e282ac buffer, w2=false, end1 | tick: cb1 null | tick: cb2 we2, endcb1 we2"
                + " | tick: error we2, close || len=0 nd=false ended=true fin=false corked=0 w=false D=true C=true"
                + " err=we2 rended=false");
    }

    /** Control: a throwing _final is caught and fails the stream; end's callback runs after 'close'. */
    @Test
    void throwingFinalFailsTheStream() {
        assertNodeOutcome("W 0 16 s x - - sw-0 sf", "sync: _write b6162 buffer, w1=true, end1, _final | tick: cb1 null"
                + " | tick: error fx, close | tick: endcb1 fx"
                + " || len=0 nd=false ended=true fin=false corked=0 w=false D=true C=true err=fx ab=true");
    }

    /** Control: _construct failing fails the writes buffered behind it. */
    @Test
    void constructErrorFailsBufferedWrites() {
        assertNodeOutcome("W 0 2 s - e - sw-0 sf", "sync: w1=false, end1 | tick: _construct | tick: cb1 ce, endcb1 ce"
                + " | tick: error ce, close || len=0 nd=false ended=true fin=false corked=0 w=false D=true C=true err=ce ab=true");
    }

    /** Control: invalid arguments throw synchronously and leave the stream usable. */
    @Test
    void invalidArgumentsThrowAndLeaveTheStreamUsable() {
        assertNodeOutcome("W 0 16 s - - - swN0 sw90 swz0 skz sw-0 sf sf", "sync: w1 THREW ERR_STREAM_NULL_VALUES,"
                + " w2 THREW ERR_INVALID_ARG_TYPE, w3 THREW ERR_UNKNOWN_ENCODING, sde bogus THREW ERR_UNKNOWN_ENCODING,"
                + " _write b6162 buffer, w4=true, end1, prefinish, end2 | tick: cb4 null | tick: endcb1 null, endcb2 null, finish"
                + " | tick: close || len=0 nd=false ended=true fin=true corked=0 w=false D=true C=true err=null ab=false");
    }

    /** Control: objectMode validates no encoding: 'bogus' reaches _write as given. */
    @Test
    void objectModePassesAnyEncodingThrough() {
        assertNodeOutcome("W 1 0 s - - -d swz0 sw-0 jw-1", "sync: _write sab bogus, w1=true, _write sab null, w2=true"
                + " | tick: cb1 null | tick: cb2 null | imm: _write s\u00e9\u20ac null, w3=true | tick: cb3 null"
                + " || len=0 nd=false ended=false fin=false corked=0 w=true D=false C=false err=null ab=false");
    }

    /** Control: a 'drain' listener destroying with an error. */
    @Test
    void destroyWithErrorFromDrainListener() {
        assertNodeOutcome("W 0 1 t - - - sodD sw-0 sw-1u", "sync: _write b6162 buffer, w1=false, w2=false"
                + " | tick: _write bc3a9e282ac buffer, cb1 null | tick: drain, once drain, destroy(err), cb2 null"
                + " | tick: error act, close || len=0 nd=false ended=false fin=false corked=0 w=false D=true C=true err=act ab=true");
    }

    /** Control: the documented end(cb) gate: a destroy() from 'prefinish' during end(cb) leaves the callback uncompared. */
    @Test
    void endCallbackAfterDestroyDuringEndIsGated() {
        assertNodeOutcome("W 0 0 s - - - sopd sf", "sync: end1, prefinish, once prefinish, destroy() in end | tick: close"
                + " || len=0 nd=false ended=true fin=false corked=0 w=false D=true C=true err=null ab=true");
    }

    // ---------------------------------------------------------------------------------------------
    // Defects this test found, fixed; each asserts node's exact outcome.

    /**
     * Node's WritableState keeps {@code options.defaultEncoding} as given (it only validates it) and
     * {@code setDefaultEncoding} only lower-cases its argument; {@code _write} (writable.js) then takes
     * {@code encoding = state.defaultEncoding} for a string written without one. With
     * {@code decodeStrings: false} the hook so sees 'UTF-8' and 'binary'. Sluice stored an
     * {@code Encoding} and handed {@code _write} its canonical name ('utf8', 'latin1').
     */
    @Test
    void defaultEncodingNamePassedAsGiven() {
        assertNodeOutcome("W 0 16 s - - -dU sw-0", "sync: _write sab UTF-8, w1=true | tick: cb1 null"
                + " || len=0 nd=false ended=false fin=false corked=0 w=true D=false C=false err=null ab=false");
        assertNodeOutcome("W 0 16 s - - -d skb sw-1", "sync: sde binary, _write s\u00e9\u20ac binary, w1=true | tick: cb1 null"
                + " || len=0 nd=false ended=false fin=false corked=0 w=true D=false C=false err=null ab=false");
    }

    /**
     * A write fails on a tick while a second write waits, corked, in the buffer. Node's onwriteError
     * calls errorBuffer, which calls the waiting write's callback; that callback uncorks (here
     * {@code uncork()}, or {@code end()}, which fully uncorks), so clearBuffer re-enters, hands the
     * same chunk to {@code _write} again and resets the buffer. errorBuffer's loop re-reads
     * {@code state.buffered.length} each turn, which after the reset is the empty array's, so it
     * stops; errorOrDestroy then emits 'error' with the first error (we1). Sluice's errorBuffer looped
     * over its {@code buffered} field, which the reset set to null: a NullPointerException escaped
     * (uncaught), onwriteError never reached errorOrDestroy, and the stream failed later with we2.
     */
    @Test
    void errorBufferSurvivesReentrantClearBuffer() {
        assertNodeOutcome("W 0 16 T - - - sw-0 sc sw-1u", "sync: _write b6162 buffer, w1=true, w2=true"
                + " | tick: cb1 we1, cb2 we1, _write bc3a9e282ac buffer | tick: cb2 we2 | tick: error we1, close"
                + " || len=-5 nd=false ended=false fin=false corked=0 w=false D=true C=true err=we1 ab=true");
        assertNodeOutcome("W 0 16 T - - - sw-0 sc sw-1e", "sync: _write b6162 buffer, w1=true, w2=true"
                + " | tick: cb1 we1, cb2 we1, end1, _write bc3a9e282ac buffer | tick: cb2 we2, end2 | tick: endcb1 we1"
                + " | tick: error we1, close | tick: endcb2 ERR_STREAM_DESTROYED"
                + " || len=-5 nd=false ended=false fin=false corked=0 w=false D=true C=true err=we1 ab=true");
    }
}
