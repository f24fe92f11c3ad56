package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.testing.DifferentialFuzz;
import io.sluice.testing.NodeOracle;
import io.sluice.testing.SpecShrinker;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * Differential fuzzing of the readable side's failure and edge paths (Node 20's
 * lib/internal/streams/readable.js) against node: seeded random specs are interpreted by
 * {@link ReadableFaultsDifferentialNodeScript} in node and {@link ReadableFaultsDifferentialInterpreter}
 * in Java; each yields the phase-tagged event log plus a state snapshot 40 immediates later, and the
 * two strings must be equal. {@link StreamRandomOpsDifferentialTest} covers the happy paths; this one
 * covers failing, throwing and destroying {@code _read}s and {@code _construct}s, pushes after EOF and
 * of invalid chunks, unshift after 'end', out-of-range and hwm-raising reads, encodings (also set
 * midway and split multi-byte characters), listener juggling, and destroys from inside listeners.
 *
 * <h2>Specs</h2>
 * Space-separated tokens {@code KIND OBJ HWM CYCLE CONSTRUCT FLAGS op...}:
 * <ul>
 *   <li>KIND: {@code R} Readable, {@code D} Duplex (its writable side calls back at once; only
 *       {@code W} below touches it).
 *   <li>OBJ: objectMode {@code 0}/{@code 1}; HWM: the highWaterMark, 0..16.
 *   <li>CYCLE: what the k-th {@code _read} call does, the characters used in turn, repeated (from
 *       the 13th call on it pushes EOF, so a flowing stream ends): push a string chunk
 *       {@code c<n>} ({@code s}), a Buffer of it ({@code b}), both ({@code 2}), the string on
 *       next{@code t}ick or on setImmediate ({@code i}), {@code '6869'} as hex ({@code h}), the
 *       bytes e2 82 then on nextTick ac, a '€' split across chunks ({@code u}), an empty string
 *       ({@code 0}), the number 42 ({@code 9}: ERR_INVALID_ARG_TYPE in byte mode); push(null)
 *       sync ({@code e}) or on nextTick ({@code E}); nothing ({@code n}); throw
 *       {@code Error('rx<k>')} ({@code x}); {@code destroy()} ({@code d}) or
 *       {@code destroy(Error('rd<k>'))} ({@code D}); push a chunk, EOF, and a chunk again
 *       ({@code A}: ERR_STREAM_PUSH_AFTER_EOF).
 *   <li>CONSTRUCT: {@code -} none; {@code _construct} calling back on next{@code t}ick,
 *       setImmediate ({@code i}), with {@code Error('ce')} on setImmediate ({@code e}) or
 *       synchronously ({@code E}), or throwing {@code Error('cx')} ({@code x}).
 *   <li>FLAGS: {@code -} then any of {@code a} autoDestroy false, {@code c} emitClose false,
 *       {@code y} a {@code _destroy} calling back on setImmediate or {@code Y} one calling back
 *       with {@code Error('de')} at once, and at most one {@code encoding} option: {@code 8} utf8,
 *       {@code h} hex, {@code 6} base64, {@code l} latin1, {@code U} 'UTF-8'.
 *   <li>op: a timing (sync {@code s}, nextTick {@code t}, setImmediate {@code i}, two immediates
 *       {@code j}), then:
 *       <ul>
 *         <li>{@code g<N>}: {@code read()} ({@code -}) or {@code read(n)} for n = 0, 1, 3, 50
 *             ({@code 5}), 1000 ({@code k}, above any hwm here: raises it) or 2^30+1 ({@code B}:
 *             ERR_OUT_OF_RANGE).
 *         <li>{@code p<C>} {@code push}, {@code U<C>} {@code unshift} of a chunk: the string
 *             {@code c<n>} ({@code s}), a Buffer of it ({@code b}), '6869' as hex ({@code h}), an
 *             empty string ({@code e}) or Buffer ({@code E}), 42 ({@code 9}), the bytes e2 82
 *             ({@code u}) or ac ({@code v}), null ({@code n}).
 *         <li>{@code P} pause, {@code R} resume; {@code o} on('data') logging, {@code f} off
 *             (the oldest such listener); {@code l} on('readable') reading until null, {@code L}
 *             on('readable') logging only, {@code m} off (the oldest); removeAllListeners of
 *             'data' {@code x}, 'readable' {@code X}, everything {@code Q} (the loggers are put
 *             back).
 *         <li>{@code O<V><A>}: {@code once} on {@code d}ata, {@code r}eadable, {@code e}nd,
 *             {@code E}rror, {@code c}lose, {@code p}ause or {@code R}esume, doing action A:
 *             {@code -} none, {@code d} destroy(), {@code D} destroy(Error('act')), {@code g}
 *             read(), {@code u} unshift a string, {@code p} push a string, {@code n} push(null),
 *             {@code P} pause, {@code R} resume, {@code k} setEncoding('hex').
 *         <li>{@code k<E>}: setEncoding of {@code 8} utf8, {@code h} hex, {@code 6} base64,
 *             {@code l} latin1, {@code b} binary, {@code z} bogus (ERR_UNKNOWN_ENCODING).
 *         <li>{@code d} destroy(), {@code D} destroy(Error('boom')), {@code W} end() of a
 *             Duplex's writable side.
 *       </ul>
 * </ul>
 * The trace logs each {@code _read <size>}, every push's and unshift's chunk and result
 * ({@code _push sc1=true} from {@code _read}, {@code push}/{@code unshift} from ops; chunks as
 * {@code b<hex>} / {@code s<string>} / {@code n<number>} / {@code null}), each read's result
 * ({@code read3=null}), thrown errors ({@code THREW <code>}), uncaught ones, setEncoding
 * ({@code enc hex}), destroys, and the events 'data', 'readable' (with the reads a reading
 * listener made, {@code rl}), 'end', 'pause', 'resume', 'close', 'error' (and a Duplex's
 * 'finish'). The snapshot: readableLength, readableFlowing, readableEnded,
 * readableHighWaterMark, readableDidRead, readableAborted, readable, destroyed, closed, errored,
 * isPaused(), readableEncoding.
 *
 * <h2>Compared with gates</h2>
 * The documented deviations need none here: no spec pushes a null or undefined item in objectMode
 * (null is EOF in both; undefined has no Java counterpart), and no spec calls {@code end(cb)}. The
 * deviations this test found, each kept as a {@code @Disabled} test asserting node's outcome, are
 * gated at generation: {@link #gateObjectModeEncoding} (no setEncoding in objectMode),
 * {@link #gateUnshiftBufferWithEncoding} (no unshifted Buffer in a spec with an encoding),
 * {@link #gateConstructPurge} (no removeAllListeners() in a spec with a {@code _construct}); and
 * {@link #gateEncodingEdges} avoids a node 20 bug (no read(1/3/50) with an encoding).
 *
 * <p>Knobs (prefix {@code rfaultfuzz}): {@code .count} (default 1500), {@code .seed},
 * {@code .shrink=true}, {@code .shrinkMax}, {@code .print}, {@code .spec='a;b'} ({@link #oneSpec}).
 * The random run skips cleanly when node is not installed; the fixed specs carry node's recorded
 * output (node v20.20).
 */
class ReadableFaultsRandomDifferentialTest {

    static List<String> runNode(List<String> specs) {
        return NodeOracle.runStrings(ReadableFaultsDifferentialNodeScript.JS, specs, 300);
    }

    static String runJava(String spec) {
        return ReadableFaultsDifferentialInterpreter.run(spec);
    }

    static boolean same(String spec, String node, String java) {
        return node.equals(java);
    }

    // ---------------------------------------------------------------------------------------------
    // Generation.

    private static char pick(Random rnd, String s) {
        return s.charAt(rnd.nextInt(s.length()));
    }

    /** One random spec. */
    static String generate(Random rnd) {
        char kind = pick(rnd, "RRRD");
        int hwm = rnd.nextInt(3) == 0 ? rnd.nextInt(17) : new int[] {0, 1, 2, 3, 4, 16}[rnd.nextInt(6)];
        StringBuilder cycle = new StringBuilder();
        for (int i = 1 + rnd.nextInt(3); i > 0; i--) {
            cycle.append(pick(rnd, "sssssbbb22ttttiiihhuu0099eeEEnnxdDA"));
        }
        StringBuilder flags = new StringBuilder("-");
        for (char f : "ac".toCharArray()) {
            if (rnd.nextInt(4) == 0) {
                flags.append(f);
            }
        }
        if (rnd.nextInt(4) == 0) {
            flags.append(pick(rnd, "yY"));
        }
        if (rnd.nextInt(4) == 0) {
            flags.append(pick(rnd, "86hlU"));
        }
        StringBuilder sb = new StringBuilder().append(kind).append(' ').append(rnd.nextInt(3) == 0 ? 1 : 0).append(' ')
                .append(hwm).append(' ').append(cycle).append(' ').append(pick(rnd, "------tieEx")).append(' ')
                .append(flags);
        // destroy and the listener purge are drawn rarely: they end the interesting part of a spec
        String opChars = "gggggggppppUUUPPRRooooflllLmxXOOOOOkk" + (kind == 'D' ? "W" : "")
                + (rnd.nextInt(3) == 0 ? "dDQ" : "");
        List<String> ops = new ArrayList<>();
        for (int n = 1 + rnd.nextInt(10); n > 0; n--) {
            char c = pick(rnd, opChars);
            String op = switch (c) {
                case 'g' -> "g" + pick(rnd, "-----00113355kkB");
                case 'p', 'U' -> "" + c + pick(rnd, "sssbbhheE9uvn");
                case 'O' -> "O" + pick(rnd, "ddddrrreeEEcpR") + pick(rnd, "---dDgupnPRk");
                case 'k' -> "k" + pick(rnd, "8h6lbz");
                default -> "" + c;
            };
            ops.add(pick(rnd, "sssstij") + op);
        }
        return gateEncodingEdges(gateConstructPurge(gateUnshiftBufferWithEncoding(gateObjectModeEncoding(
                sb + " " + String.join(" ", ops)))));
    }

    /**
     * Gate for specs with an encoding, for a node 20.20 bug, not Sluice's: fromList's decoder
     * branch tests {@code n === buf.length} (the array's length) where it means the string's, so a
     * read(n) ending exactly at a chunk boundary past the first chunk leaves an empty string at the
     * head of the buffer, and a flowing stream then stops with data buffered (read(2) of 'a','b',
     * 'c','d' leaves ['', 'c', 'd'] and 'data' never comes). So with an encoding, read(n) takes no
     * n of 1, 3 or 50, which can reach that branch; read(1000) exceeds any buffered length here.
     */
    static String gateEncodingEdges(String spec) {
        String[] t = spec.split(" ");
        boolean enc = t[5].matches(".*[86hlU].*");
        for (int i = 6; i < t.length; i++) {
            enc |= t[i].charAt(1) == 'k' || t[i].charAt(1) == 'O' && t[i].charAt(3) == 'k';
        }
        for (int i = 6; i < t.length; i++) {
            if (enc && t[i].substring(1).matches("g[135]")) {
                t[i] = t[i].substring(0, 2) + "-";
            }
        }
        return String.join(" ", t);
    }

    /**
     * Gate (deviation {@link #unshiftedBufferIsNotDecoded}): with an encoding anywhere in the spec,
     * unshift only strings. Node's readableAddChunk converts an unshifted string to the stream's
     * encoding but stores an unshifted Buffer as it is (the decoder only runs for push), so it
     * counts bytes and comes out of read()/'data' as a Buffer; Sluice decodes it.
     */
    static String gateUnshiftBufferWithEncoding(String spec) {
        String[] t = spec.split(" ");
        boolean enc = t[5].matches(".*[86hlU].*");
        for (int i = 6; i < t.length; i++) {
            enc |= t[i].charAt(1) == 'k' || t[i].charAt(1) == 'O' && t[i].charAt(3) == 'k';
        }
        if (!enc) {
            return spec;
        }
        for (int i = 6; i < t.length; i++) {
            if (t[i].charAt(1) == 'U' && "buvE".indexOf(t[i].charAt(2)) >= 0) {
                t[i] = t[i].substring(0, 2) + "s";
            }
        }
        return String.join(" ", t);
    }

    /**
     * Gate (node quirk {@link #removeAllListenersBeforeConstructDone}): no {@code removeAllListeners()}
     * in a spec with a {@code _construct}. Node waits for the construct callback through an internal
     * (symbol-named) listener, which removeAllListeners() removes too, so node's stream never reads
     * after constructing; Sluice keeps its internal wiring out of the listener table.
     */
    static String gateConstructPurge(String spec) {
        String[] t = spec.split(" ");
        if (t[4].equals("-")) {
            return spec;
        }
        List<String> out = new ArrayList<>();
        for (String tok : t) {
            if (!tok.endsWith("Q") || tok.length() != 2) {
                out.add(tok);
            }
        }
        return String.join(" ", out);
    }

    /**
     * Gate (Readable.setEncoding's documented deviation): no setEncoding op or action in objectMode.
     * Node's setEncoding concatenates the buffered items into one string (leaving readableLength
     * counting characters while reads subtract items); Sluice decodes Buffer items one by one and
     * keeps every item an item. An encoding option in objectMode is compared.
     */
    static String gateObjectModeEncoding(String spec) {
        String[] t = spec.split(" ");
        if (!t[1].equals("1")) {
            return spec;
        }
        List<String> out = new ArrayList<>(List.of(t).subList(0, 6));
        for (int i = 6; i < t.length; i++) {
            if (t[i].charAt(1) == 'k') {
                continue;
            }
            out.add(t[i].charAt(1) == 'O' && t[i].charAt(3) == 'k' ? t[i].substring(0, 3) + "-" : t[i]);
        }
        return String.join(" ", out);
    }

    // ---------------------------------------------------------------------------------------------
    // Shrinking: drop ops and actions, simplify timings, the cycle, the hooks and the flags.

    static String shrink(String spec) {
        return SpecShrinker.shrink(spec, ReadableFaultsRandomDifferentialTest::candidates,
                ReadableFaultsRandomDifferentialTest::runNode, (c, node) -> !same(c, node, runJava(c)), 300);
    }

    private static List<String> candidates(String spec) {
        String[] t = spec.split(" ");
        List<String> out = new ArrayList<>();
        out.addAll(SpecShrinker.withoutEach(t, 6));
        for (int i = 6; i < t.length; i++) {
            String tok = t[i];
            if (tok.charAt(1) == 'O' && tok.charAt(3) != '-') {
                out.add(SpecShrinker.with(t, i, tok.substring(0, 3) + "-"));
            }
            if (tok.charAt(0) != 's') {
                out.add(SpecShrinker.with(t, i, "s" + tok.substring(1)));
            }
        }
        if (t[0].equals("D") && !spec.contains("W")) {
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
        for (int j = 1; j < t[5].length(); j++) {
            out.add(SpecShrinker.with(t, 5, t[5].substring(0, j) + t[5].substring(j + 1)));
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------
    // The random run.

    /** This test's spec language, for the shared random run. */
    private static final DifferentialFuzz.Language LANGUAGE = new DifferentialFuzz.Language("rfaultfuzz",
            ReadableFaultsRandomDifferentialTest::generate, ReadableFaultsRandomDifferentialTest::runNode,
            ReadableFaultsRandomDifferentialTest::runJava, ReadableFaultsRandomDifferentialTest::same,
            ReadableFaultsRandomDifferentialTest::shrink);

    @Test
    void randomReadableFaultsAgreeWithNode() {
        DifferentialFuzz.assertAgree(LANGUAGE, 1500);
    }

    /** Exploration aid: {@code -Drfaultfuzz.spec='R 0 2 s - - sg-'} prints both outcomes. */
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

    /** Control: a push after push(null) fails the stream with ERR_STREAM_PUSH_AFTER_EOF. */
    @Test
    void pushAfterEofFailsTheStream() {
        assertNodeOutcome("R 0 4 A - - sg-", "sync: _read 4, _push sc1=true, _push null=false, _push sc2=false, read=b6331"
                + " | tick: error ERR_STREAM_PUSH_AFTER_EOF, close || len=0 fl=null ended=false hwm=4 dr=true ab=true r=false"
                + " D=true C=true err=ERR_STREAM_PUSH_AFTER_EOF p=false enc=null");
    }

    /** Control: read(2^30+1) throws ERR_OUT_OF_RANGE; read(1000) raises the hwm to 1024 (computeNewHighWaterMark). */
    @Test
    void hugeReadThrowsAndLargeReadRaisesTheHighWaterMark() {
        assertNodeOutcome("R 0 16 s - - sgB sgk", "sync: read1073741825 THREW ERR_OUT_OF_RANGE, _read 1024, _push sc1=true,"
                + " read1000=null | tick: _read 1024, _push sc2=true, _read 1024, _push sc3=true, _read 1024, _push sc4=true,"
                + " _read 1024, _push sc5=true, _read 1024, _push sc6=true, _read 1024, _push sc7=true, _read 1024, _push sc8=true,"
                + " _read 1024, _push sc9=true, _read 1024, _push sc10=true, _read 1024, _push sc11=true, _read 1024,"
                + " _push sc12=true, _read 1024, _push null=false || len=27 fl=null ended=false hwm=1024 dr=false ab=false"
                + " r=true D=false C=false err=null p=false enc=null");
    }

    /** Control: unshift after 'end' (autoDestroy off, so the stream is not yet destroyed) fails it. */
    @Test
    void unshiftAfterEndFailsTheStream() {
        assertNodeOutcome("R 0 16 e - -a so jUs", "tick: _read 16, _push null=false, resume | tick: end"
                + " | imm: error ERR_STREAM_UNSHIFT_AFTER_END_EVENT, unshift sc1=false || len=0 fl=true ended=true hwm=16"
                + " dr=false ab=false r=false D=false C=false err=ERR_STREAM_UNSHIFT_AFTER_END_EVENT p=false enc=null");
        // with autoDestroy the stream is destroyed after 'end': the unshift is silently refused
        assertNodeOutcome("R 0 16 e - - so jUs", "tick: _read 16, _push null=false, resume | tick: end | tick: close"
                + " | imm: unshift sc1=false || len=0 fl=true ended=true hwm=16 dr=false ab=false r=false D=true C=true"
                + " err=null p=false enc=null");
    }

    /** Control: a number pushed in byte mode is an 'error' (not a throw); a throwing _read is caught. */
    @Test
    void invalidChunkAndThrowingReadFailTheStream() {
        assertNodeOutcome("R 0 16 9 - - sg-", "sync: _read 16, _push n42=false, read=null | tick: error ERR_INVALID_ARG_TYPE,"
                + " close || len=0 fl=null ended=false hwm=16 dr=false ab=true r=false D=true C=true err=ERR_INVALID_ARG_TYPE"
                + " p=false enc=null");
        assertNodeOutcome("R 0 2 x - - sg-", "sync: _read 2, read=null | tick: error rx1, close || len=0 fl=null ended=false"
                + " hwm=2 dr=false ab=true r=false D=true C=true err=rx1 p=false enc=null");
    }

    /** Control: destroy(err) from a once('data') listener; the chunks already being emitted still go out. */
    @Test
    void destroyWithErrorFromDataListener() {
        assertNodeOutcome("R 0 4 s - - sOdD so", "tick: _read 4, _push sc1=true, resume, _read 4, _push sc2=false, once data"
                + " b6331, destroy(err), data b6331, data b6332 | tick: error act, close || len=0 fl=true ended=false hwm=4"
                + " dr=true ab=true r=false D=true C=true err=act p=false enc=null");
    }

    /** Control: a failing _destroy after 'end' turns the auto-destroy into an 'error'. */
    @Test
    void failingDestroyHookAfterEndIsAnError() {
        assertNodeOutcome("R 0 4 e - -Y so", "tick: _read 4, _push null=false, resume | tick: end, _destroy null"
                + " | tick: error de, close || len=0 fl=true ended=true hwm=4 dr=false ab=false r=false D=true C=true err=de"
                + " p=false enc=null");
    }

    /** Control: base64 set before the data: chunks are re-cut on 3-byte boundaries. */
    @Test
    void base64EncodingRecutsChunks() {
        assertNodeOutcome("R 0 0 s - - sk6 sph so", "sync: enc base64, push s6869=true | tick: _read 0, _push sc1=false"
                + " | tick: resume, data saGlj, _read 0, _push sc2=false, data sMWMy, _read 0, _push sc3=true, _read 0,"
                + " _push sc4=false | tick: data sYzNj, _read 0, _push sc5=false, data sNGM1, _read 0, _push sc6=true"
                + " | tick: _read 0, _push sc7=false, data sYzZj, _read 0, _push sc8=false, data sN2M4, _read 0, _push sc9=true"
                + " | tick: _read 0, _push sc10=false | tick: data sYzlj, _read 0, _push sc11=false, data sMTBj, _read 0,"
                + " _push sc12=false, data sMTFj, _read 0, _push null=false, data sMTI= | tick: end | tick: close"
                + " || len=0 fl=true ended=true hwm=0 dr=true ab=false r=false D=true C=true err=null p=false enc=base64");
    }

    // ---------------------------------------------------------------------------------------------
    // Differences this test found. Fixed (regression tests, node's recorded outcome, v20.20):
    // encodingOptionNameKeptAsGiven, objectModeWithEncodingDecodesEveryItem. Kept as documented
    // deviations (@Disabled, node's outcome, gated out of the random run): the rest.

    /**
     * Node's ReadableState keeps {@code options.encoding} as given ({@code this.encoding =
     * options.encoding}), so {@code readableEncoding} is {@code 'UTF-8'}; only setEncoding stores
     * the decoder's normalised name. Sluice's readableEncoding returned the canonical name, and push
     * compared encodings rather than names.
     */
    @Test
    void encodingOptionNameKeptAsGiven() {
        assertNodeOutcome("R 0 16 s - -U sg-", "sync: _read 16, _push sc1=true, read=sc1 | tick: _read 16, _push sc2=true,"
                + " _read 16, _push sc3=true, _read 16, _push sc4=true, _read 16, _push sc5=true, _read 16, _push sc6=true,"
                + " _read 16, _push sc7=true, _read 16, _push sc8=true, _read 16, _push sc9=false || len=16 fl=null"
                + " ended=false hwm=16 dr=true ab=false r=true D=false C=false err=null p=false enc=UTF-8");
        // the name also decides whether a pushed string skips the decoder: here it does not, and
        // the pending e2 82 comes out as U+FFFD before 'c1' (3 characters)
        assertNodeOutcome("R 0 0 s - -U spu sps", "sync: push be282=true, push sc1=false || len=3 fl=null ended=false"
                + " hwm=0 dr=false ab=false r=true D=false C=false err=null p=false enc=UTF-8");
    }

    /**
     * Node's readableAddChunk converts an unshifted <em>string</em> to the stream's encoding, but an
     * unshifted Buffer skips the decoder (it only runs on the push path): it is stored as it is,
     * counted in bytes (2, so the unshift returns true against hwm 16 as Sluice's does), and read()
     * joins it with the decoded strings through Buffer#toString, utf8: 'c1' + '6332'. Sluice decodes
     * the unshifted Buffer ('6331'): node's result mixes encodings in one string (hex text joined
     * with the Buffer's utf8), which no caller can want; see Readable#unshift.
     */
    @Disabled("deviation (documented in Readable#unshift): an unshifted Buffer is decoded; node stores it raw and mixes encodings")
    @Test
    void unshiftedBufferIsNotDecoded() {
        assertNodeOutcome("R 0 16 s - -h sUb sg-", "sync: unshift b6331=true, _read 16, _push sc2=true, read=sc16332"
                + " | tick: _read 16, _push sc3=true, _read 16, _push sc4=true, _read 16, _push sc5=true, _read 16,"
                + " _push sc6=false || len=16 fl=null ended=false hwm=16 dr=true ab=false r=true D=false C=false err=null"
                + " p=false enc=hex");
    }

    /**
     * Node waits for {@code _construct}'s callback through a once-listener on an internal symbol
     * event (destroy.js construct(): {@code stream.once(kConstruct, cb)}), and the Readable's
     * construct continuation is what calls maybeReadMore. {@code removeAllListeners()} with no
     * argument removes that listener as well, so after constructing node never reads: a resumed
     * stream stays silent. Sluice keeps its wiring out of the listener table and reads on.
     */
    @Disabled("deviation: removeAllListeners() before _construct completes removes node's internal construct listener too")
    @Test
    void removeAllListenersBeforeConstructDone() {
        assertNodeOutcome("R 0 0 s t - sQ so", "tick: _construct | tick: resume || len=0 fl=true ended=false hwm=0"
                + " dr=false ab=false r=true D=false C=false err=null p=false enc=null");
    }

    /**
     * In objectMode with an encoding node runs every pushed item through the StringDecoder
     * (readableAddChunk: {@code if (state.decoder && !encoding) chunk = state.decoder.write(chunk)}),
     * so push(42) throws ERR_INVALID_ARG_TYPE out of push. Sluice only decoded Buffer items and
     * queued 42 as an item. (Node also re-concatenates buffered items on a setEncoding midway and
     * corrupts readableLength doing so: a documented deviation, gated.)
     */
    @Test
    void objectModeWithEncodingDecodesEveryItem() {
        assertNodeOutcome("R 1 16 n - -8 sp9 spb spE sg- sg- sg-", "sync: push n42 THREW ERR_INVALID_ARG_TYPE,"
                + " push b6331=true, push b=true, _read 16, read=sc1, read=s, read=null || len=0 fl=null ended=false hwm=16"
                + " dr=true ab=false r=true D=false C=false err=null p=false enc=utf8");
    }
}
