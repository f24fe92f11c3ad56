package io.sluice.buffer;

import static io.sluice.buffer.BufferAsserts.assertType;
import static io.sluice.buffer.BufferAsserts.embedded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Port of nodejs/node test/parallel/test-buffer-indexof.js and test-buffer-includes.js. Offsets
 * are {@code long}: NaN and undefined map to the overloads without an offset, +/-Infinity to
 * {@code Long.MAX_VALUE}/{@code MIN_VALUE} (Node clamps to int32 first, as the implementation
 * does). Coerced offsets ({@code {}}, {@code [2]}, {@code null}) and non-buffer needles are JS-only.
 */
class BufferIndexOfTest {
    private static final long INF = Long.MAX_VALUE;
    private static final long NEG_INF = Long.MIN_VALUE;

    private final Buffer b = Buffer.from("abcdef");
    private final Buffer bufA = Buffer.from("a");
    private final Buffer bufBc = Buffer.from("bc");
    private final Buffer bufF = Buffer.from("f");
    private final Buffer bufZ = Buffer.from("z");
    private final Buffer bufEmpty = Buffer.from("");

    @Test
    void strings() {
        assertEquals(0, b.indexOf("a"));
        assertEquals(-1, b.indexOf("a", 1));
        assertEquals(-1, b.indexOf("a", -1));
        assertEquals(-1, b.indexOf("a", -4));
        assertEquals(0, b.indexOf("a", -b.length()));
        assertEquals(0, b.indexOf("a", NEG_INF));
        assertEquals(-1, b.indexOf("a", INF));
        assertEquals(1, b.indexOf("bc"));
        assertEquals(-1, b.indexOf("bc", 2));
        assertEquals(-1, b.indexOf("bc", -1));
        assertEquals(-1, b.indexOf("bc", -3));
        assertEquals(1, b.indexOf("bc", -5));
        assertEquals(1, b.indexOf("bc", NEG_INF));
        assertEquals(-1, b.indexOf("bc", INF));
        assertEquals(b.length() - 1, b.indexOf("f"));
        assertEquals(-1, b.indexOf("z"));
        assertEquals(0, b.indexOf(""));
        assertEquals(1, b.indexOf("", 1));
        assertEquals(b.length(), b.indexOf("", b.length() + 1));
        assertEquals(b.length(), b.indexOf("", INF));
        assertEquals(3, b.indexOf("d", 2));
        assertEquals(5, b.indexOf("f", 5));
        assertEquals(5, b.indexOf("f", -1));
        assertEquals(-1, b.indexOf("f", 6));
        assertEquals(2, b.indexOf("c", -(1L << 32)), "clamped to int32, then from the start");
        assertEquals(-1, b.indexOf("a", 1L << 32));
    }

    @Test
    void buffers() {
        assertEquals(0, b.indexOf(bufA));
        assertEquals(-1, b.indexOf(bufA, 1));
        assertEquals(-1, b.indexOf(bufA, -1));
        assertEquals(-1, b.indexOf(bufA, -4));
        assertEquals(0, b.indexOf(bufA, -b.length()));
        assertEquals(0, b.indexOf(bufA, NEG_INF));
        assertEquals(-1, b.indexOf(bufA, INF));
        assertEquals(1, b.indexOf(bufBc));
        assertEquals(-1, b.indexOf(bufBc, 2));
        assertEquals(-1, b.indexOf(bufBc, -1));
        assertEquals(-1, b.indexOf(bufBc, -3));
        assertEquals(1, b.indexOf(bufBc, -5));
        assertEquals(1, b.indexOf(bufBc, NEG_INF));
        assertEquals(-1, b.indexOf(bufBc, INF));
        assertEquals(b.length() - 1, b.indexOf(bufF));
        assertEquals(-1, b.indexOf(bufZ));
        assertEquals(0, b.indexOf(bufEmpty));
        assertEquals(1, b.indexOf(bufEmpty, 1));
        assertEquals(b.length(), b.indexOf(bufEmpty, b.length() + 1));
        assertEquals(b.length(), b.indexOf(bufEmpty, INF));
        assertEquals(3, b.indexOf(Buffer.from("d"), 2));
        assertEquals(5, b.indexOf(Buffer.from("f"), 5));
        assertEquals(5, b.indexOf(Buffer.from("f"), -1));
        assertEquals(-1, b.indexOf(Buffer.from("f"), 6));
        assertEquals(-1, Buffer.from("ff").indexOf(Buffer.from("f"), 1, "ucs2"));
        assertEquals(1, Buffer.from("abc").indexOf(Buffer.from("b"), 0, "bogus"), "unknown encoding: utf8");
        assertType("ERR_INVALID_ARG_TYPE",
                "The \"value\" argument must be one of type number or string or an instance of Buffer or Uint8Array. Received null",
                () -> b.indexOf((Buffer) null));
        assertType("ERR_INVALID_ARG_TYPE",
                "The \"value\" argument must be one of type number or string or an instance of Buffer or Uint8Array. Received null",
                () -> b.lastIndexOf((String) null, 0));
    }

    @Test
    void numbers() {
        assertEquals(0, b.indexOf(0x61));
        assertEquals(-1, b.indexOf(0x61, 1));
        assertEquals(-1, b.indexOf(0x61, -1));
        assertEquals(-1, b.indexOf(0x61, -4));
        assertEquals(0, b.indexOf(0x61, -b.length()));
        assertEquals(0, b.indexOf(0x61, NEG_INF));
        assertEquals(-1, b.indexOf(0x61, INF));
        assertEquals(-1, b.indexOf(0x0));

        Buffer buf = Buffer.from("this is a test");
        assertEquals(3, buf.indexOf(0x6973));
        assertEquals(4, buf.indexOf(0x697320));
        assertEquals(2, buf.indexOf(0x69732069));
        assertEquals(0, buf.indexOf((int) 0x697374657374L));
        assertEquals(0, buf.indexOf(0x69737374));
        assertEquals(11, buf.indexOf(0x69737465));
        assertEquals(0, buf.indexOf(-140));
        assertEquals(1, buf.indexOf(-152));
        assertEquals(-1, buf.indexOf(0xff));
        assertEquals(-1, buf.indexOf(0xffff));
    }

    @Test
    void encodings() {
        assertEquals(1, b.indexOf("b", "utf8"));
        assertEquals(1, b.indexOf("b", "UTF8"));
        assertEquals(1, b.indexOf("62", "HEX"));
        assertType("ERR_UNKNOWN_ENCODING", "Unknown encoding: enc", () -> b.indexOf("bad", "enc"));
        assertType("ERR_UNKNOWN_ENCODING", "Unknown encoding: ", () -> b.indexOf("b", ""));

        Buffer hexed = Buffer.from(b.toString("hex"), "hex");
        assertEquals(3, hexed.indexOf("64", 0, "hex"));
        assertEquals(3, hexed.indexOf(Buffer.from("64", "hex"), 0, "hex"));
        assertEquals(3, Buffer.from(b.toString("base64"), "base64").indexOf("ZA==", 0, "base64"));
        assertEquals(3, Buffer.from(b.toString("base64"), "base64").indexOf(Buffer.from("ZA==", "base64"), 0, "base64"));
        assertEquals(3, Buffer.from(b.toString("ascii"), "ascii").indexOf("d", 0, "ascii"));
        assertEquals(3, Buffer.from(b.toString("ascii"), "ascii").indexOf(Buffer.from("d", "ascii"), 0, "ascii"));
        for (String latin : new String[] {"latin1", "binary"}) {
            assertEquals(3, Buffer.from(b.toString(latin), latin).indexOf("d", 0, latin));
            assertEquals(3, Buffer.from(b.toString(latin), latin).indexOf(Buffer.from("d", latin), 0, latin));
            assertEquals(2, Buffer.from("aa\u00e8aa", latin).indexOf("\u00e8", latin));
            assertEquals(0, Buffer.from("\u00e8", latin).indexOf("\u00e8", latin));
            assertEquals(0, Buffer.from("\u00e8", latin).indexOf(Buffer.from("\u00e8", latin), latin));
        }
        assertEquals(4, Buffer.from("aaaa0").indexOf("30", "hex"));
        assertEquals(4, Buffer.from("aaaa00a").indexOf("3030", "hex"));
        // Needles encode like Buffer.from: ascii and latin1 keep the low byte.
        assertEquals(1, Buffer.from(0x61, 0xe9, 0x69).indexOf("\u00e9", "ascii"));
        assertEquals(1, Buffer.from(0x61, 0xac).indexOf("€", "latin1"));
        assertEquals(1, Buffer.from("abc").indexOf("zz", 1, "hex"), "a needle that encodes to nothing is empty");
        assertEquals(3, b.indexOf("d", Encoding.UTF8));
        assertEquals(3, b.indexOf("d", 1, Encoding.LATIN1));
    }

    @Test
    void ucs2() {
        Buffer two = Buffer.from("\u039a\u0391\u03a3\u03a3\u0395", "ucs2");
        assertEquals(8, two.indexOf("\u0395", 4, "ucs2"));
        assertEquals(6, two.indexOf("\u03a3", -4, "ucs2"));
        assertEquals(4, two.indexOf("\u03a3", -6, "ucs2"));
        assertEquals(4, two.indexOf(Buffer.from("\u03a3", "ucs2"), -6, "ucs2"));
        assertEquals(-1, two.indexOf("\u03a3", -2, "ucs2"));
        assertEquals(0, two.indexOf("\u039a", 0, "ucs2"));
        assertEquals(2, two.indexOf("\u0391", 0, "ucs2"));
        assertEquals(4, two.indexOf("\u03a3", 0, "ucs2"));
        assertEquals(6, two.indexOf("\u03a3", 6, "ucs2"));
        assertEquals(8, two.indexOf("\u0395", 0, "ucs2"));
        assertEquals(-1, two.indexOf("\u0392", 0, "ucs2"));
        assertEquals(0, two.indexOf("\u039a\u0391", 0, "ucs2"));
        assertEquals(2, two.indexOf("\u0391\u03a3", 0, "ucs2"));
        assertEquals(4, two.indexOf("\u03a3\u03a3", 0, "ucs2"));
        assertEquals(6, two.indexOf("\u03a3\u0395", 0, "ucs2"));

        Buffer mixed = Buffer.from("\u039a\u0391abc\u03a3\u03a3\u0395", "ucs2");
        assertEquals(6, mixed.indexOf("bc", 0, "ucs2"));
        assertEquals(10, mixed.indexOf("\u03a3", 0, "ucs2"));
        assertEquals(-1, mixed.indexOf("\u0396", 0, "ucs2"));
        assertEquals(6, mixed.indexOf(Buffer.from("bc", "ucs2"), 0, "ucs2"));
        assertEquals(10, mixed.indexOf(Buffer.from("\u03a3", "ucs2"), 0, "ucs2"));
        assertEquals(-1, mixed.indexOf(Buffer.from("\u0396", "ucs2"), 0, "ucs2"));

        assertEquals(-1, Buffer.from("aaaa").indexOf("a".repeat(4), "ucs2"));
        assertEquals(0, Buffer.from("aaaa").indexOf("a".repeat(4), "utf8"));
        assertEquals(-1, Buffer.from("aaaa").indexOf("你好", "ucs2"));
        assertEquals(-1, Buffer.from("aaaaa").indexOf("b", "ucs2"));
    }

    @Test
    void ucs2QuirksMatchNode() {
        // Values taken from Node 20: matches only at even positions, the start offset rounded
        // down to even (so a match can come before an odd offset), odd trailing bytes ignored.
        assertEquals(-1, Buffer.from("xab", "latin1").indexOf("b", "ucs2"));
        assertEquals(-1, Buffer.from(0x61, 0x62, 0x00, 0x63).indexOf(Buffer.from(0x62, 0x00), 0, "ucs2"));
        assertEquals(1, Buffer.from(0x61, 0x62, 0x00, 0x63).indexOf(Buffer.from(0x62, 0x00)));
        Buffer abc = Buffer.from("a\u0000b\u0000c\u0000");
        assertEquals(2, abc.indexOf("b", 1, "ucs2"));
        assertEquals(2, abc.indexOf("b", 3, "ucs2"));
        assertEquals(2, abc.indexOf(Buffer.from(0x62, 0, 0x63), 0, "ucs2"));
        assertEquals(2, abc.lastIndexOf("b", 3, "ucs2"));
        assertEquals(-1, abc.lastIndexOf("b", 1, "ucs2"));
        assertEquals(2, abc.lastIndexOf("b", 2, "ucs2"));
        Buffer odd = Buffer.from("a\u0000a\u0000a");
        assertEquals(0, odd.indexOf("a", "ucs2"));
        assertEquals(2, odd.lastIndexOf("a", "ucs2"));
        assertEquals(2, Buffer.from(0x61, 0x00, 0x00, 0xd8).indexOf("\uD800", "ucs2"));
    }

    @Test
    void utf8() {
        Buffer mixed = Buffer.from("\u039a\u0391abc\u03a3\u03a3\u0395");
        assertEquals(5, mixed.indexOf("bc"));
        assertEquals(5, mixed.indexOf("bc", 5));
        assertEquals(5, mixed.indexOf("bc", -8));
        assertEquals(7, mixed.indexOf("\u03a3"));
        assertEquals(-1, mixed.indexOf("\u0396"));
        // V8 searches a lone surrogate as its 3-byte form, not as U+FFFD.
        assertEquals(1, Buffer.from(0x61, 0xed, 0xa0, 0x80).indexOf("\uD800"));
        assertEquals(1, Buffer.from(0x61, 0xed, 0xb0, 0x80).indexOf("\uDC00"));
        assertEquals(-1, Buffer.from(0x61, 0xef, 0xbf, 0xbd).indexOf("\uD800"));
        assertEquals(1, Buffer.from("a😀").indexOf("😀"));
    }

    private static String longString() {
        String s = "A";
        for (int i = 66; i < 76; i++) {
            s = s + (char) i + s;
        }
        return s;
    }

    @Test
    void longPatterns() {
        Buffer lbs = Buffer.from(longString());
        String pattern = "ABACABADABACABA";
        for (int i = 0; i < lbs.length() - pattern.length(); i += 7) {
            assertEquals((i + 15) & ~0xf, lbs.indexOf(pattern, i), "at " + i);
        }
        assertEquals(510, lbs.indexOf("AJABACA"));
        assertEquals(1534, lbs.indexOf("AJABACA", 511));
        pattern = "JABACABADABACABA";
        assertEquals(511, lbs.indexOf(pattern));
        assertEquals(1535, lbs.indexOf(pattern, 512));
        assertEquals(1535, lbs.lastIndexOf(pattern));
        assertEquals(1535, lbs.lastIndexOf(pattern, 1535));
        assertEquals(511, lbs.lastIndexOf(pattern, 1534));

        Buffer ascii = Buffer.from("arglebargleglopglyfarglebargleglopglyfarglebargleglopglyf");
        assertEquals(-1, ascii.indexOf("\u206161"));
        assertEquals(3, ascii.indexOf("leb", 0));
    }

    @Test
    void allCodePoints() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 65536; i++) {
            sb.append((char) i);
        }
        String all = sb.toString();
        Buffer utf8 = Buffer.from(all);
        Buffer ucs2 = Buffer.from(all, "ucs2");
        assertEquals(-1, utf8.indexOf("notfound"));
        assertEquals(-1, ucs2.indexOf("notfound"));

        int[] lengths = {1, 3, 15};
        int[] indices = {0x5, 0x60, 0x400, 0x680, 0x7ee, 0xFF02, 0x16610, 0x2f77b};
        for (int baseLength : lengths) {
            for (int index : indices) {
                int length = baseLength;
                if (index + length > 0x7F) {
                    length = 2 * length;
                }
                if (index + length > 0x7FF) {
                    length = 3 * length;
                }
                if (index + length > 0xFFFF) {
                    length = 4 * length;
                }
                Buffer pattern = utf8.slice(index, index + length);
                assertEquals(index, utf8.indexOf(pattern));
                assertEquals(index, utf8.indexOf(pattern.toString()));
            }
        }
        int[] ucsLengths = {2, 4, 16};
        int[] ucsIndices = {0x5, 0x65, 0x105, 0x205, 0x285, 0x2005, 0x2085, 0xfff0};
        for (int length : ucsLengths) {
            for (int unit : ucsIndices) {
                int index = unit * 2;
                Buffer pattern = ucs2.slice(index, index + length);
                assertEquals(index, ucs2.indexOf(pattern, 0, "ucs2"));
                assertEquals(index, ucs2.indexOf(pattern.toString("ucs2"), 0, "ucs2"));
            }
        }
    }

    @Test
    void lastIndexOf() {
        assertEquals(0, b.lastIndexOf("a"));
        assertEquals(0, b.lastIndexOf("a", 1));
        assertEquals(1, b.lastIndexOf("b", 1));
        assertEquals(-1, b.lastIndexOf("c", 1));
        assertEquals(0, b.lastIndexOf("a", -1));
        assertEquals(0, b.lastIndexOf("a", -4));
        assertEquals(0, b.lastIndexOf("a", -b.length()));
        assertEquals(-1, b.lastIndexOf("a", -b.length() - 1));
        assertEquals(-1, b.lastIndexOf("a", NEG_INF));
        assertEquals(0, b.lastIndexOf("a", INF));
        assertEquals(0, b.lastIndexOf(bufA));
        assertEquals(0, b.lastIndexOf(bufA, 1));
        assertEquals(0, b.lastIndexOf(bufA, -1));
        assertEquals(0, b.lastIndexOf(bufA, -4));
        assertEquals(0, b.lastIndexOf(bufA, -b.length()));
        assertEquals(-1, b.lastIndexOf(bufA, -b.length() - 1));
        assertEquals(-1, b.lastIndexOf(bufA, NEG_INF));
        assertEquals(0, b.lastIndexOf(bufA, INF));
        assertEquals(1, b.lastIndexOf(bufBc));
        assertEquals(1, b.lastIndexOf(bufBc, 2));
        assertEquals(1, b.lastIndexOf(bufBc, -1));
        assertEquals(1, b.lastIndexOf(bufBc, -3));
        assertEquals(1, b.lastIndexOf(bufBc, -5));
        assertEquals(-1, b.lastIndexOf(bufBc, -6));
        assertEquals(-1, b.lastIndexOf(bufBc, NEG_INF));
        assertEquals(1, b.lastIndexOf(bufBc, INF));
        assertEquals(b.length() - 1, b.lastIndexOf(bufF));
        assertEquals(-1, b.lastIndexOf(bufZ));
        assertEquals(b.length(), b.lastIndexOf(bufEmpty));
        assertEquals(1, b.lastIndexOf(bufEmpty, 1));
        assertEquals(b.length(), b.lastIndexOf(bufEmpty, b.length() + 1));
        assertEquals(b.length(), b.lastIndexOf(bufEmpty, INF));
        assertEquals(0, b.lastIndexOf("", -7), "empty needle before the start clamps to 0");
        assertEquals(2, Buffer.from("abc").lastIndexOf("", -1));
        assertEquals(0, b.lastIndexOf(0x61));
        assertEquals(0, b.lastIndexOf(0x61, 1));
        assertEquals(0, b.lastIndexOf(0x61, -1));
        assertEquals(0, b.lastIndexOf(0x61, -4));
        assertEquals(0, b.lastIndexOf(0x61, -b.length()));
        assertEquals(-1, b.lastIndexOf(0x61, -b.length() - 1));
        assertEquals(-1, b.lastIndexOf(0x61, NEG_INF));
        assertEquals(0, b.lastIndexOf(0x61, INF));
        assertEquals(-1, b.lastIndexOf(0x0));
        assertEquals(2, Buffer.from("abc").lastIndexOf(0x63, 100));
        assertEquals(-1, Buffer.from("abc").indexOf(0x63, 100));
        assertEquals(1, b.lastIndexOf("b"));
        assertEquals(-1, b.lastIndexOf("b", 0));
    }

    @Test
    void lastIndexOfNeedlesLongerThanTheHaystack() {
        String a15 = "aaaaaaaaaaaaaaa";
        assertEquals(-1, b.lastIndexOf(a15, "ucs2"));
        assertEquals(-1, b.lastIndexOf(a15, "utf8"));
        assertEquals(-1, b.lastIndexOf(a15, "latin1"));
        assertEquals(-1, b.lastIndexOf(a15, "binary"));
        assertEquals(-1, b.lastIndexOf(Buffer.from(a15)));
        assertEquals(-1, b.lastIndexOf(a15, 2, "ucs2"));
        assertEquals(-1, b.lastIndexOf(a15, 3, "utf8"));
        assertEquals(-1, b.lastIndexOf(a15, 5, "latin1"));
        assertEquals(-1, b.lastIndexOf(Buffer.from(a15), 7));
        assertEquals(-1, bufBc.lastIndexOf("你好", "ucs2"));
        assertEquals(-1, bufBc.lastIndexOf("你好", "utf8"));
        assertEquals(-1, bufBc.lastIndexOf("你好", "latin1"));
        assertEquals(-1, bufBc.lastIndexOf(Buffer.from("你好")));
        assertEquals(-1, bufBc.lastIndexOf("你好", 2, "ucs2"));
        assertEquals(-1, bufBc.lastIndexOf(Buffer.from("你好"), 7));
    }

    @Test
    void lastIndexOfLongerBuffer() {
        Buffer s = Buffer.from("a man a plan a canal panama");
        assertEquals(15, s.lastIndexOf("canal"));
        assertEquals(21, s.lastIndexOf("panama"));
        assertEquals(0, s.lastIndexOf("a man a plan a canal panama"));
        assertEquals(-1, s.lastIndexOf("a man a plan a canal mexico"));
        assertEquals(-1, s.lastIndexOf("a man a plan a canal mexico city"));
        assertEquals(-1, s.lastIndexOf(Buffer.from("a".repeat(1000))));
        assertEquals(0, s.lastIndexOf("a man a plan", 4));
        assertEquals(13, s.lastIndexOf("a "));
        assertEquals(13, s.lastIndexOf("a ", 13));
        assertEquals(6, s.lastIndexOf("a ", 12));
        assertEquals(0, s.lastIndexOf("a ", 5));
        assertEquals(13, s.lastIndexOf("a ", -1));
        assertEquals(0, s.lastIndexOf("a ", -27));
        assertEquals(-1, s.lastIndexOf("a ", -28));

        assertEquals(-1, Buffer.from("µaaaa¶bbbb", "latin1").lastIndexOf("µ"));
        assertEquals(-1, Buffer.from("µaaaa¶bbbb", "binary").lastIndexOf("µ"));
        assertEquals(-1, Buffer.from("bc").lastIndexOf("ab"));
        assertEquals(-1, Buffer.from("abc").lastIndexOf("qa"));
        assertEquals(-1, Buffer.from("abcdef").lastIndexOf("qabc"));
        assertEquals(-1, Buffer.from("bc").lastIndexOf(Buffer.from("ab")));
        assertEquals(-1, Buffer.from("bc", "ucs2").lastIndexOf("ab", "ucs2"));
        assertEquals(-1, Buffer.from("bc", "ucs2").lastIndexOf(Buffer.from("ab", "ucs2")));
        assertEquals(0, Buffer.from("abc").lastIndexOf("ab"));
        assertEquals(0, Buffer.from("abc").lastIndexOf("ab", 1));
        assertEquals(0, Buffer.from("abc").lastIndexOf("ab", 2));
        assertEquals(0, Buffer.from("abc").lastIndexOf("ab", 3));
    }

    @Test
    void thueMorseStress() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 1_000_000; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(Integer.bitCount(i) % 2 == 0 ? "yolo" : "swag");
        }
        Buffer reallyLong = Buffer.from(sb.toString());
        assertEquals("yolo swag swag yolo", reallyLong.slice(0, 19).toString());
        Buffer pattern = reallyLong.slice(0, 100000);
        assertEquals(4751360, reallyLong.lastIndexOf(pattern));
        assertEquals(3932160, reallyLong.lastIndexOf(pattern, 4000000));
        assertEquals(2949120, reallyLong.lastIndexOf(pattern, 3000000));
        pattern = reallyLong.slice(100000, 200000);
        assertEquals(4728480, reallyLong.lastIndexOf(pattern));
        pattern = reallyLong.slice(0, 1000000);
        assertEquals(3932160, reallyLong.lastIndexOf(pattern));
        pattern = reallyLong.slice(0, 2000000);
        assertEquals(0, reallyLong.lastIndexOf(pattern));
        // And forwards.
        assertEquals(0, reallyLong.indexOf(reallyLong.slice(0, 100000)));
        assertEquals(100000, reallyLong.indexOf(reallyLong.slice(100000, 200000)));
    }

    @Test
    void needleInTheMiddleOfAView() {
        Buffer haystack = Buffer.from("a foo b foo");
        Buffer needle = Buffer.from("xxfooxx").subarray(2, 5);
        assertEquals(2, haystack.indexOf(needle));
        assertEquals(haystack.length() - 3, haystack.lastIndexOf(needle));
        Buffer view = embedded(haystack);
        assertEquals(2, view.indexOf(needle));
        assertEquals(8, view.lastIndexOf("foo"));
        assertEquals(-1, view.indexOf(0xEE), "guard bytes are outside the view");
        assertEquals(-1, view.lastIndexOf(0xEE));
        assertEquals(-1, view.subarray(0, 4).indexOf("foo"));
        assertEquals(0, view.subarray(2).indexOf("foo"));
    }

    @Test
    void adversarialNeedlesStayLinear() {
        int n = 1 << 20;
        Buffer hay = Buffer.alloc(n, 'a');
        Buffer needle = Buffer.alloc(1000, 'a');
        needle.set(999, 'b');
        assertEquals(-1, hay.indexOf(needle));
        assertEquals(-1, hay.lastIndexOf(needle));
        hay.set(n - 1, 'b');
        assertEquals(n - 1000, hay.indexOf(needle));
        assertEquals(n - 1000, hay.lastIndexOf(needle));
        Buffer rev = Buffer.alloc(1000, 'a');
        rev.set(0, 'b');
        Buffer hay2 = Buffer.alloc(n, 'a');
        hay2.set(0, 'b');
        assertEquals(0, hay2.lastIndexOf(rev));
        assertEquals(0, hay2.indexOf(rev));
    }

    @Test
    void hugeBuffer() {
        int size = 64 << 20;
        Buffer big = Buffer.alloc(size);
        Buffer needle = Buffer.from("0123456789abcdef");
        needle.copy(big, size - 16);
        needle.copy(big, 12345);
        assertEquals(12345, big.indexOf(needle));
        assertEquals(size - 16, big.indexOf(needle, 12346));
        assertEquals(size - 16, big.lastIndexOf(needle));
        assertEquals(12345, big.lastIndexOf(needle, size - 17));
        assertEquals(12345 + 15, big.indexOf('f'));
        assertEquals(size - 1, big.lastIndexOf('f'));
        assertTrue(big.includes("0123456789abcdef", size - 16));
        assertFalse(big.includes("0123456789abcdef", size - 15));
    }

    @Test
    void includes() {
        // From test-buffer-includes.js.
        assertTrue(b.includes("a"));
        assertFalse(b.includes("a", 1));
        assertFalse(b.includes("a", -1));
        assertFalse(b.includes("a", -4));
        assertTrue(b.includes("a", -b.length()));
        assertTrue(b.includes("a", NEG_INF));
        assertFalse(b.includes("a", INF));
        assertTrue(b.includes("bc"));
        assertFalse(b.includes("bc", 2));
        assertTrue(b.includes("bc", -5));
        assertTrue(b.includes("f"));
        assertFalse(b.includes("z"));
        assertTrue(b.includes(""));
        assertTrue(b.includes("", 1));
        assertTrue(b.includes("", b.length() + 1));
        assertTrue(b.includes(bufA));
        assertFalse(b.includes(bufA, 1));
        assertTrue(b.includes(bufBc, -5));
        assertFalse(b.includes(bufZ));
        assertTrue(b.includes(bufEmpty, INF));
        assertTrue(b.includes(0x61));
        assertFalse(b.includes(0x61, 1));
        assertFalse(b.includes(0x0));
        assertTrue(b.includes("d", 2));
        assertFalse(b.includes("f", 6));
        assertTrue(b.includes(Buffer.from("f"), -1));
        assertFalse(Buffer.from("ff").includes(Buffer.from("f"), 1, "ucs2"));
        assertTrue(b.includes("b", "utf8"));
        assertTrue(b.includes("62", "HEX"));
        assertType("ERR_UNKNOWN_ENCODING", "Unknown encoding: enc", () -> b.includes("bad", "enc"));
        Buffer two = Buffer.from("\u039a\u0391\u03a3\u03a3\u0395", "ucs2");
        assertTrue(two.includes("\u0395", 4, "ucs2"));
        assertTrue(two.includes("\u03a3", -4, "ucs2"));
        assertFalse(two.includes("\u03a3", -2, "ucs2"));
        assertTrue(two.includes(Buffer.from("\u03a3", "ucs2"), -6, Encoding.UTF16LE));
        assertTrue(Buffer.from("aaaa0").includes("30", "hex"));
        assertTrue(Buffer.from("abcdef").includes("ZA==", "base64"));
        Buffer buf = Buffer.from("this is a test");
        assertTrue(buf.includes(0x6973));
        assertTrue(buf.includes(-140));
        assertFalse(buf.includes(0xff));
        assertTrue(Buffer.from("a foo b foo").includes(Buffer.from("foo")));
    }
}
