package io.sluice.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.error.NodeTypeException;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Named edge cases of Node's encodings, each value checked against Node 20 with
 * {@code node -e} (NODE-SEMANTICS §1.6, §4.1).
 */
class EncodingTest {
    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h);
    }

    private static String hexOf(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static String utf8(String h) {
        return Encoding.UTF8.decode(hex(h));
    }

    /** What {@code Buffer.alloc(max).write(s, 0, max, enc)} leaves: the written bytes. */
    private static String write(Encoding e, String s, int max) {
        byte[] dst = new byte[max];
        int n = e.encode(s, dst, 0, max);
        return n + ":" + hexOf(Arrays.copyOf(dst, n));
    }

    @Test
    void utf8DecodeReplacesEachMaximalSubpartOnce() {
        assertThat(utf8("e28241")).isEqualTo("\uFFFDA");
        assertThat(utf8("eda080")).isEqualTo("\uFFFD\uFFFD\uFFFD"); // encoded surrogate: 3, not Java's 1
        assertThat(utf8("c080")).isEqualTo("\uFFFD\uFFFD"); // overlong NUL
        assertThat(utf8("c1bf")).isEqualTo("\uFFFD\uFFFD");
        assertThat(utf8("f4908080")).isEqualTo("\uFFFD\uFFFD\uFFFD\uFFFD"); // above U+10FFFF
        assertThat(utf8("f09080")).isEqualTo("\uFFFD"); // truncated but valid so far: one
        assertThat(utf8("e09f80")).isEqualTo("\uFFFD\uFFFD\uFFFD"); // overlong 3-byte
        assertThat(utf8("c9b5a941")).isEqualTo("\u0275\uFFFDA");
        assertThat(utf8("f0fb00")).isEqualTo("\uFFFD\uFFFD\u0000");
        assertThat(utf8("eda0b5edb08d")).isEqualTo("\uFFFD".repeat(6)); // CESU-8
    }

    @Test
    void utf8DecodeValidBoundaries() {
        assertThat(utf8("e0a080")).isEqualTo("\u0800");
        assertThat(utf8("efbfbf")).isEqualTo("\uFFFF");
        assertThat(utf8("f48fbfbf")).isEqualTo("\uDBFF\uDFFF");
        assertThat(utf8("f09f9880")).isEqualTo("😀");
        assertThat(utf8("")).isEmpty();
        assertThat(Encoding.UTF8.decode(hex("41e282ac42"), 1, 3)).isEqualTo("€");
    }

    @Test
    void utf8EncodeWritesLoneSurrogatesAsReplacement() {
        assertThat(hexOf(Encoding.UTF8.encode("\uD800"))).isEqualTo("efbfbd");
        assertThat(hexOf(Encoding.UTF8.encode("a\uDC00b"))).isEqualTo("61efbfbd62");
        assertThat(hexOf(Encoding.UTF8.encode("\uDBFF\uDFFF"))).isEqualTo("f48fbfbf");
        assertThat(hexOf(Encoding.UTF8.encode("\uD800\uD800\uDC00"))).isEqualTo("efbfbdf0908080");
        assertThat(hexOf(Encoding.UTF8.encode("a?\uD800?"))).isEqualTo("613fefbfbd3f");
        assertThat(Encoding.UTF8.byteLength("\uD83D")).isEqualTo(3);
        assertThat(Encoding.UTF8.byteLength("\uD83Da")).isEqualTo(4);
        assertThat(Encoding.UTF8.byteLength("😀")).isEqualTo(4);
    }

    @Test
    void utf8BoundedWriteNeverSplitsACharacter() {
        assertThat(write(Encoding.UTF8, "😀", 3)).isEqualTo("0:");
        assertThat(write(Encoding.UTF8, "😀", 4)).isEqualTo("4:f09f9880");
        assertThat(write(Encoding.UTF8, "a\uD83D", 3)).isEqualTo("1:61");
        assertThat(write(Encoding.UTF8, "a\uD83D", 4)).isEqualTo("4:61efbfbd");
        assertThat(write(Encoding.UTF8, "\uDC00", 2)).isEqualTo("0:");
        assertThat(write(Encoding.UTF8, "\uD83D\uD83D\uDE00", 6)).isEqualTo("3:efbfbd");
        assertThat(write(Encoding.UTF8, "\uD83D\uD83D\uDE00", 7)).isEqualTo("7:efbfbdf09f9880");
    }

    @Test
    void boundedWriteLeavesTheRestOfTheRangeUntouched() {
        byte[] dst = new byte[8];
        Arrays.fill(dst, (byte) 0xEE);
        assertThat(Encoding.UTF8.encode("é€", dst, 1, 6)).isEqualTo(5);
        assertThat(hexOf(dst)).isEqualTo("eec3a9e282aceeee");
    }

    @Test
    void utf16le() {
        assertThat(Encoding.UTF16LE.decode(hex("00d8410000dc"))).isEqualTo("\uD800A\uDC00");
        assertThat(Encoding.UTF16LE.decode(hex("414243"))).isEqualTo("\u4241"); // odd byte dropped
        assertThat(hexOf(Encoding.UTF16LE.encode("ab\uD83D"))).isEqualTo("610062003dd8");
        assertThat(write(Encoding.UTF16LE, "abc", 3)).isEqualTo("2:6100");
        assertThat(write(Encoding.UTF16LE, "abc", 1)).isEqualTo("0:");
        assertThat(Encoding.UTF16LE.byteLength("abc")).isEqualTo(6);
    }

    @Test
    void latin1AndAsciiKeepTheLowByte() {
        assertThat(hexOf(Encoding.LATIN1.encode("€😀é"))).isEqualTo("ac3d00e9");
        assertThat(hexOf(Encoding.ASCII.encode("€😀é"))).isEqualTo("ac3d00e9");
        assertThat(Encoding.LATIN1.decode(hex("ff41"))).isEqualTo("\u00FFA");
        assertThat(Encoding.ASCII.decode(hex("e9"))).isEqualTo("i");
        assertThat(Encoding.ASCII.decode(hex("80ff41"))).isEqualTo("\u0000\u007FA");
        assertThat(Encoding.LATIN1.byteLength("é€")).isEqualTo(2);
        assertThat(Encoding.ASCII.byteLength("é€")).isEqualTo(2);
    }

    @Test
    void hexStopsAtTheFirstBadPair() {
        assertThat(hexOf(Encoding.HEX.encode("abc"))).isEqualTo("ab");
        assertThat(hexOf(Encoding.HEX.encode("zz11"))).isEmpty();
        assertThat(hexOf(Encoding.HEX.encode("1z11"))).isEmpty();
        assertThat(hexOf(Encoding.HEX.encode("AbCdEf"))).isEqualTo("abcdef");
        assertThat(hexOf(Encoding.HEX.encode("0g12"))).isEmpty();
        assertThat(hexOf(Encoding.HEX.encode("ab\u0130\u0131"))).isEqualTo("ab01"); // low bytes '0' '1'
        assertThat(hexOf(Encoding.HEX.encode("\u0161\u0162"))).isEqualTo("ab");
        assertThat(Encoding.HEX.decode(hex("00ff7f"))).isEqualTo("00ff7f");
        assertThat(write(Encoding.HEX, "abcd", 1)).isEqualTo("1:ab");
        assertThat(Encoding.HEX.byteLength("abc")).isEqualTo(1);
        assertThat(Encoding.HEX.byteLength("zz11")).isEqualTo(2);
    }

    @Test
    void base64DecodingIsLenient() {
        assertThat(hexOf(Encoding.BASE64.encode("QUJD"))).isEqualTo("414243");
        assertThat(hexOf(Encoding.BASE64.encode("QU=JD"))).isEqualTo("41");
        assertThat(hexOf(Encoding.BASE64.encode("Q U\nJ D"))).isEqualTo("414243");
        assertThat(hexOf(Encoding.BASE64.encode("YW Jj\n\tZA==YQ"))).isEqualTo("61626364");
        assertThat(hexOf(Encoding.BASE64.encode("Y!W#J\u00e9j"))).isEqualTo("616263");
        assertThat(hexOf(Encoding.BASE64.encode("Q"))).isEmpty();
        assertThat(hexOf(Encoding.BASE64.encode("_-8"))).isEqualTo("ffef");
        assertThat(hexOf(Encoding.BASE64URL.encode("/+8="))).isEqualTo("ffef");
        // Code units are narrowed to their low byte, as in Node's C++ decoder.
        assertThat(hexOf(Encoding.BASE64.encode("QUJD\u0141QUJD"))).isEqualTo("414243010509");
        assertThat(hexOf(Encoding.BASE64.encode("QUJD\u013DQUJD"))).isEqualTo("414243");
        assertThat(write(Encoding.BASE64, "QUJD", 2)).isEqualTo("2:4142");
    }

    @Test
    void base64EncodingPadsButBase64urlDoesNot() {
        assertThat(Encoding.BASE64.decode(hex("fbffbf01"))).isEqualTo("+/+/AQ==");
        assertThat(Encoding.BASE64URL.decode(hex("fbffbf01"))).isEqualTo("-_-_AQ");
        assertThat(Encoding.BASE64.decode(hex("fbff"))).isEqualTo("+/8=");
        assertThat(Encoding.BASE64URL.decode(hex("fbff"))).isEqualTo("-_8");
        assertThat(Encoding.BASE64.decode(hex("fb"))).isEqualTo("+w==");
    }

    @Test
    void base64ByteLengthIsNodesEstimate() {
        String[] inputs = {"", "A", "A=", "==", "=", "QQ==", "QQ=", "AAAAA=", "AAAA", "A A A", "Q===", "QUJD\n", "=A", "AB=C"};
        int[] expected = {0, 0, 0, 0, 0, 1, 1, 3, 3, 3, 1, 3, 1, 3};
        for (int i = 0; i < inputs.length; i++) {
            assertThat(Encoding.BASE64.byteLength(inputs[i])).as(inputs[i]).isEqualTo(expected[i]);
            assertThat(Encoding.BASE64URL.byteLength(inputs[i])).as(inputs[i]).isEqualTo(expected[i]);
        }
    }

    @Test
    void bigInputsTakeTheBulkPathsAndStillMatch() {
        // Past the chunk sizes of the fast paths, with junk late in the text.
        byte[] data = new byte[100_003];
        new java.util.Random(5).nextBytes(data);
        String b64 = java.util.Base64.getEncoder().encodeToString(data);
        assertThat(Encoding.BASE64.decode(data)).isEqualTo(b64);
        assertThat(Encoding.BASE64.encode(b64)).isEqualTo(data);
        assertThat(Encoding.BASE64.encode(b64.replace('+', '-').replace('/', '_'))).isEqualTo(data);
        String withJunk = b64.substring(0, 50_000) + " \n" + b64.substring(50_000);
        assertThat(Encoding.BASE64.encode(withJunk)).isEqualTo(data);
        String cut = b64.substring(0, 40_000) + "=" + b64.substring(40_000);
        assertThat(Encoding.BASE64.encode(cut)).isEqualTo(Arrays.copyOf(data, 30_000));
        assertThat(Encoding.HEX.encode(Encoding.HEX.decode(data))).isEqualTo(data);
        String text = "ab€😀é\uD800".repeat(20_000);
        assertThat(Encoding.UTF8.decode(Encoding.UTF8.encode(text))).isEqualTo(text.replace('\uD800', '\uFFFD'));
        assertThat(Encoding.UTF8.byteLength(text)).isEqualTo(Encoding.UTF8.encode(text).length);
    }

    @Test
    void namesAndAliases() {
        assertThat(Encoding.of("UTF-8")).isEqualTo(Encoding.UTF8);
        assertThat(Encoding.of("ucs-2")).isEqualTo(Encoding.UTF16LE);
        assertThat(Encoding.of("Binary")).isEqualTo(Encoding.LATIN1);
        assertThat(Encoding.of(null)).isEqualTo(Encoding.UTF8);
        assertThat(Encoding.isEncoding("buffer")).isFalse();
        assertThatThrownBy(() -> Encoding.of("utf9"))
                .isInstanceOf(NodeTypeException.class)
                .hasMessage("Unknown encoding: utf9")
                .satisfies(e -> assertThat(((NodeTypeException) e).code()).isEqualTo("ERR_UNKNOWN_ENCODING"));
    }

    @Test
    void rangesAreChecked() {
        assertThatThrownBy(() -> Encoding.UTF8.decode(new byte[2], 1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Encoding.UTF8.encode("a", new byte[2], 1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(Encoding.UTF8.encode("abc", new byte[2], 2, 0)).isZero();
    }
}
