package io.sluice.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.error.NodeTypeException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Port of Node's test/parallel/test-string-decoder.js (plus the cases later Node versions added
 * to it, with expected values checked on Node 20): each input is fed in every possible chunking
 * and must always decode to the same text; then targeted write()/end() sequences.
 */
@DisplayName("test-string-decoder.js")
class StringDecoderTest {
    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h.toLowerCase());
    }

    /** All ways to split {@code [0, length)} into consecutive non-empty chunks. */
    private static List<List<int[]>> chunkings(int length) {
        List<List<int[]>> all = new ArrayList<>();
        split(length, 0, new ArrayList<>(), all);
        return all;
    }

    private static void split(int length, int start, List<int[]> prefix, List<List<int[]>> all) {
        if (start == length) {
            all.add(new ArrayList<>(prefix));
            return;
        }
        for (int end = length; end > start; end--) {
            prefix.add(new int[] {start, end});
            split(length, end, prefix, all);
            prefix.removeLast();
        }
    }

    /** Node's test(): every chunking of {@code input} decodes to {@code expected}. */
    private static void check(String encoding, byte[] input, String expected) {
        for (List<int[]> chunks : chunkings(input.length)) {
            StringDecoder d = new StringDecoder(encoding);
            StringBuilder out = new StringBuilder();
            for (int[] c : chunks) {
                out.append(d.write(input, c[0], c[1] - c[0]));
            }
            out.append(d.end());
            assertThat(out.toString()).as("%s, chunks %s", HexFormat.of().formatHex(input),
                    chunks.stream().map(c -> c[0] + "-" + c[1]).toList()).isEqualTo(expected);
        }
    }

    @Test
    void defaultEncodingIsUtf8() {
        assertThat(new StringDecoder().encoding()).isEqualTo(Encoding.UTF8);
        assertThat(new StringDecoder((String) null).encoding()).isEqualTo(Encoding.UTF8);
        assertThat(new StringDecoder("UCS-2").encoding()).isEqualTo(Encoding.UTF16LE);
        assertThat(new StringDecoder("binary").encoding()).isEqualTo(Encoding.LATIN1);
    }

    @Test
    void utf8InEveryChunking() {
        check("utf-8", Encoding.UTF8.encode("$"), "$");
        check("utf-8", Encoding.UTF8.encode("¢"), "¢");
        check("utf-8", Encoding.UTF8.encode("€"), "€");
        check("utf-8", Encoding.UTF8.encode("𤭢"), "𤭢");
        check("utf-8", hex("CBA464E18BA430E38185"), "\u02e4\u0064\u12e4\u0030\u3045");
    }

    @Test
    void invalidUtf8InEveryChunking() {
        check("utf-8", hex("C9B5A941"), "\u0275\ufffdA");
        check("utf-8", hex("E2"), "\ufffd");
        check("utf-8", hex("E241"), "\ufffdA");
        check("utf-8", hex("CCCCB8"), "\ufffd\u0338");
        // The old copy of the Node test expects two U+FFFD for F0 B8 41 and for E2 B8 CC B8;
        // Node 20 (WHATWG: one per maximal subpart) gives one, as asserted here.
        check("utf-8", hex("F0B841"), "\ufffdA");
        check("utf-8", hex("F1CCB8"), "\ufffd\u0338");
        check("utf-8", hex("F0FB00"), "\ufffd\ufffd\u0000");
        check("utf-8", hex("CCE2B8B8"), "\ufffd\u2e38");
        check("utf-8", hex("E2B8CCB8"), "\ufffd\u0338");
        check("utf-8", hex("E2FBCC01"), "\ufffd\ufffd\ufffd\u0001");
        check("utf-8", hex("EDA0B5EDB08D"), "\ufffd".repeat(6)); // CESU-8 of U+1D40D
        check("utf-8", hex("CCB8CDB9"), "\u0338\u0379");
    }

    @Test
    void utf16InEveryChunking() {
        check("ucs2", Encoding.UTF16LE.encode("ababc"), "ababc");
        check("utf16le", hex("3DD84DDC"), "\ud83d\udc4d"); // thumbs up
    }

    @Test
    void utf8WriteAndEnd() {
        StringDecoder d = new StringDecoder("utf8");
        assertThat(d.write(hex("E1"))).isEmpty();
        assertThat(d.end()).isEqualTo("\ufffd");

        d = new StringDecoder("utf8");
        assertThat(d.write(hex("E18B"))).isEmpty();
        assertThat(d.end()).isEqualTo("\ufffd"); // Node 20: one, for the truncated character

        d = new StringDecoder("utf8");
        assertThat(d.write(Encoding.UTF8.encode("\ufffd"))).isEqualTo("\ufffd");
        assertThat(d.end()).isEmpty();

        d = new StringDecoder("utf8");
        assertThat(d.write(Encoding.UTF8.encode("\ufffd\ufffd\ufffd"))).isEqualTo("\ufffd\ufffd\ufffd");
        assertThat(d.end()).isEmpty();

        d = new StringDecoder("utf8");
        assertThat(d.write(hex("EFBFBDE2"))).isEqualTo("\ufffd");
        assertThat(d.end()).isEqualTo("\ufffd");

        d = new StringDecoder("utf8");
        assertThat(d.write(hex("F1"))).isEmpty();
        assertThat(d.write(hex("41F2"))).isEqualTo("\ufffdA");
        assertThat(d.end()).isEqualTo("\ufffd");
    }

    @Test
    void utf8HeldInvalidLeadGetsOneReplacementPerByte() {
        // nodejs/node#22626: F6 is held as if it led a 4-byte character.
        StringDecoder d = new StringDecoder("utf8");
        assertThat(d.write(hex("f69b"))).isEmpty();
        assertThat(d.write(hex("d1"))).isEqualTo("\ufffd\ufffd");
        assertThat(d.end()).isEqualTo("\ufffd");
        assertThat(d.write(hex("f4"))).isEmpty();
        assertThat(d.write(hex("bde5"))).isEqualTo("\ufffd\ufffd");
        assertThat(d.end()).isEqualTo("\ufffd");
    }

    @Test
    void utf16SurrogatePairs() {
        StringDecoder d = new StringDecoder("utf16le");
        assertThat(d.write(hex("3DD8"))).isEmpty();
        assertThat(d.write(hex("4D"))).isEmpty();
        assertThat(d.write(hex("DC"))).isEqualTo("\ud83d\udc4d");
        assertThat(d.end()).isEmpty();

        d = new StringDecoder("utf16le");
        assertThat(d.write(hex("3DD8"))).isEmpty();
        assertThat(d.end()).isEqualTo("\ud83d"); // a held high surrogate comes out raw

        d = new StringDecoder("utf16le");
        assertThat(d.write(hex("3DD8"))).isEmpty();
        assertThat(d.write(hex("4D"))).isEmpty();
        assertThat(d.end()).isEqualTo("\ud83d"); // the dangling odd byte is dropped
    }

    @Test
    void utf16HighSurrogateFinishedFromAnOddByteComesOutAlone() {
        StringDecoder d = new StringDecoder("utf16le");
        assertThat(d.write(hex("3D"))).isEmpty();
        assertThat(d.write(hex("D8"))).isEqualTo("\ud83d");
        assertThat(d.write(hex("4D"))).isEmpty();
        assertThat(d.end()).isEmpty();

        d = new StringDecoder("utf16le");
        assertThat(d.write(hex("3DD841"))).isEqualTo("\ud83d");
        assertThat(d.write(hex("00"))).isEqualTo("A");
        assertThat(d.end()).isEmpty();
    }

    @Test
    void base64HoldsIncompleteGroups() {
        StringDecoder d = new StringDecoder("base64");
        assertThat(d.write(hex("616263"))).isEqualTo("YWJj");
        assertThat(d.write(hex("64"))).isEmpty();
        assertThat(d.end()).isEqualTo("ZA==");

        d = new StringDecoder("base64url");
        assertThat(d.write(hex("6162"))).isEmpty();
        assertThat(d.end()).isEqualTo("YWI");

        d = new StringDecoder("base64");
        assertThat(d.write(hex("61"))).isEmpty();
        assertThat(d.write(hex("6263"))).isEqualTo("YWJj");
        assertThat(d.end()).isEmpty();
    }

    @Test
    void endWithABufferWritesItFirst() {
        StringDecoder d = new StringDecoder("utf8");
        assertThat(d.write(hex("e2"))).isEmpty();
        assertThat(d.end(hex("82"))).isEqualTo("\ufffd");
        assertThat(d.write(hex("41"))).isEqualTo("A"); // reusable after end()
        assertThat(d.end(Buffer.from(hex("e282ac")))).isEqualTo("€");
        assertThat(d.write(Buffer.from(hex("f09f")))).isEmpty();
        assertThat(d.end(Buffer.from(hex("9880")))).isEqualTo("😀");
    }

    @Test
    void statelessEncodings() {
        assertThat(new StringDecoder("hex").write(hex("0aff"))).isEqualTo("0aff");
        assertThat(new StringDecoder("latin1").write(hex("e9"))).isEqualTo("\u00e9");
        assertThat(new StringDecoder("ascii").write(hex("e9"))).isEqualTo("i");
        StringDecoder d = new StringDecoder("hex");
        assertThat(d.write(hex("01"))).isEqualTo("01");
        assertThat(d.end()).isEmpty();
    }

    @Test
    void unknownEncodingThrows() {
        assertThatThrownBy(() -> new StringDecoder("test"))
                .isInstanceOf(NodeTypeException.class)
                .hasMessage("Unknown encoding: test")
                .satisfies(e -> assertThat(((NodeTypeException) e).code()).isEqualTo("ERR_UNKNOWN_ENCODING"));
        // Node 20: TypeError [ERR_UNKNOWN_ENCODING]: Unknown encoding: buffer
        assertThatThrownBy(() -> new StringDecoder("buffer"))
                .isInstanceOf(NodeTypeException.class)
                .hasMessage("Unknown encoding: buffer")
                .satisfies(e -> assertThat(((NodeTypeException) e).code()).isEqualTo("ERR_UNKNOWN_ENCODING"));
    }

    @Test
    void nullInputThrows() {
        assertThatThrownBy(() -> new StringDecoder("utf8").write((Buffer) null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new StringDecoder("utf8").write((byte[]) null, 0, 0)).isInstanceOf(NullPointerException.class);
    }
}
