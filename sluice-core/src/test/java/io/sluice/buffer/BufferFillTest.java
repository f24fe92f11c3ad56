package io.sluice.buffer;

import static io.sluice.buffer.BufferAsserts.assertOutOfRange;
import static io.sluice.buffer.BufferAsserts.assertType;
import static io.sluice.buffer.BufferAsserts.embedded;
import static io.sluice.buffer.BufferAsserts.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Port of nodejs/node test/parallel/test-buffer-fill.js: {@code fill} must equal repeatedly
 * {@code write}-ing the value (the file's {@code writeToFill} reference, rewritten here), for every
 * encoding and range. Node 20 rejects a negative {@code end} ({@code ERR_OUT_OF_RANGE}) where the
 * old file expected a no-op; that is asserted. JS-only cases (NaN or object encodings) are
 * skipped; a null encoding means UTF-8 in Java.
 */
class BufferFillTest {
    private static final int SIZE = 28;

    /** One fill call: value with optional offset/end (null = absent) and encoding (null = absent). */
    private record Case(String value, Integer offset, Integer end, String enc) {}

    private static List<Case> cases(String enc, String a, String b, String c) {
        List<Case> list = new ArrayList<>();
        for (String v : List.of(a, b, c)) {
            list.add(new Case(v, null, null, enc));
        }
        list.add(new Case(a, 4, null, enc));
        list.add(new Case(a, 5, null, enc));
        list.add(new Case(a, SIZE, null, enc));
        list.add(new Case(b, 2, null, enc));
        list.add(new Case(b, 8, null, enc));
        list.add(new Case(c, 4, null, enc));
        list.add(new Case(c, 12, null, enc));
        list.add(new Case(a, 4, 1, enc));
        list.add(new Case(a, 5, 1, enc));
        list.add(new Case(b, 8, 1, enc));
        list.add(new Case(c, 4, 1, enc));
        list.add(new Case(c, 12, 1, enc));
        return list;
    }

    private static Buffer fill(Case k) {
        Buffer buf = Buffer.allocUnsafe(SIZE).fill(0);
        if (k.offset == null) {
            return k.enc == null ? buf.fill(k.value) : buf.fill(k.value, k.enc);
        }
        if (k.end == null) {
            return k.enc == null ? buf.fill(k.value, k.offset) : buf.fill(k.value, k.offset, k.enc);
        }
        return k.enc == null ? buf.fill(k.value, k.offset, k.end) : buf.fill(k.value, k.offset, k.end, k.enc);
    }

    /** The test file's writeToFill: write the value over and over until the buffer is full. */
    private static Buffer writeToFill(Case k) {
        Buffer buf = Buffer.alloc(SIZE);
        int offset = k.offset == null ? 0 : k.offset;
        int end = k.end == null ? SIZE : k.end;
        if (end <= offset) {
            return buf;
        }
        int length = end - offset;
        boolean wasZero = false;
        do {
            int written = buf.write(k.value, offset, length, k.enc);
            offset += written;
            if (written == 0) {
                if (wasZero) {
                    throw new AssertionError("Could not write all data to Buffer");
                }
                wasZero = true;
            }
        } while (offset < buf.length());
        return buf;
    }

    private static void check(List<Case> list) {
        for (Case k : list) {
            assertEquals(hex(writeToFill(k)), hex(fill(k)), k.toString());
        }
    }

    @Test
    void defaultEncodingAndUtf8() {
        check(cases(null, "abc", "\u0222aa", "a\u0234b\u0235c\u0236"));
        check(cases("utf8", "abc", "\u0222aa", "a\u0234b\u0235c\u0236"));
        // A two-byte character cut by the end of a one-byte buffer.
        assertEquals(0xc8, Buffer.allocUnsafe(1).fill(0).fill("\u0222").get(0));
    }

    @Test
    void binary() {
        check(cases("binary", "abc", "\u0222aa", "a\u0234b\u0235c\u0236"));
        check(cases("latin1", "abc", "\u0222aa", "a\u0234b\u0235c\u0236"));
    }

    @Test
    void ucs2() {
        // As in the Node file, ('abc', 5) is left out: an odd start leaves one byte that write()
        // cannot fill with a 2-byte unit, so the reference cannot produce it.
        List<Case> ucs2 = cases("ucs2", "abc", "\u0222aa", "a\u0234b\u0235c\u0236");
        ucs2.remove(new Case("abc", 5, null, "ucs2"));
        check(ucs2);
        // fill itself cuts the last unit in half.
        assertEquals("00000000006100620063006100620063006100620063006100620063",
                hex(Buffer.alloc(28).fill("abc", 5, "ucs2")));
        assertEquals(0x22, Buffer.allocUnsafe(1).fill("\u0222", "ucs2").get(0));
        assertEquals("220222", hex(Buffer.alloc(3).fill("\u0222", "ucs2")));
    }

    @Test
    void hexAndBase64() {
        check(cases("hex", "616263", "c8a26161", "61c8b462c8b563c8b6"));
        check(cases("base64", "YWJj", "yKJhYQ==", "Yci0Ysi1Y8i2"));
        assertEquals("0000c8a26161c8a26161c8a26161c8a26161c8a26161c8a26161c8a2",
                hex(Buffer.alloc(28).fill("yKJhYQ==", 2, "base64")));
        // Hex stops at the first bad pair; what decodes before it is the pattern.
        assertEquals("ababababab", hex(Buffer.alloc(5).fill("abzz", "hex")));
        assertType("ERR_INVALID_ARG_VALUE", "The argument 'value' is invalid. Received 'yKJh'",
                () -> Buffer.alloc(SIZE).fill("yKJh", "hex"));
        assertType("ERR_INVALID_ARG_VALUE", "The argument 'value' is invalid. Received '\u0222'",
                () -> Buffer.alloc(SIZE).fill("\u0222", "hex"));
        assertType("ERR_INVALID_ARG_VALUE", "The argument 'value' is invalid. Received '='",
                () -> Buffer.alloc(3).fill("=", "base64"));
    }

    @Test
    void bufferValues() {
        Buffer two = Buffer.allocUnsafe(1).fill(2);
        assertEquals("02020202", hex(Buffer.alloc(4).fill(two)));
        assertEquals("00020202", hex(Buffer.alloc(4).fill(two, 1)));
        assertEquals("00020200", hex(Buffer.alloc(4).fill(two, 1, 3)));
        assertEquals("00000000", hex(Buffer.alloc(4).fill(two, 1, 1)));
        Buffer pair = Buffer.allocUnsafe(2).fill(0).fill("0102", "hex");
        assertEquals("01020102", hex(Buffer.alloc(4).fill(pair)));
        assertEquals("00010201", hex(Buffer.alloc(4).fill(pair, 1)));
        assertEquals("00010200", hex(Buffer.alloc(4).fill(pair, 1, 3)));
        assertEquals("00000000", hex(Buffer.alloc(4).fill(pair, 1, 1)));
        assertType("ERR_INVALID_ARG_VALUE", "The argument 'value' is invalid. Received <Buffer >",
                () -> Buffer.alloc(3).fill(Buffer.alloc(0)));
        // The pattern may be a view of the buffer being filled (Node: "ababcabc").
        Buffer self = Buffer.from("abcdefgh");
        self.fill(self.subarray(0, 3), 2);
        assertEquals("ababcabc", self.toString());
    }

    @Test
    void numbersAndEmptyStrings() {
        assertEquals("010101", hex(Buffer.alloc(3).fill(257)));
        assertEquals("ffffff", hex(Buffer.alloc(3).fill(-1)));
        assertEquals("000000", hex(Buffer.alloc(3, 1).fill("")));
        assertEquals("616261", hex(Buffer.alloc(3).fill("ab", "")));
        assertEquals("efbfbdefbfbdef", hex(Buffer.alloc(7).fill("\uD800")));
        Buffer b = Buffer.alloc(4);
        assertSame(b, b.fill(7));
        assertSame(b, b.fill("x", 1, 2));
        assertEquals("07780707", hex(b));
    }

    @Test
    void ranges() {
        Buffer buf1 = Buffer.alloc(SIZE);
        String maxRange = ">= 0 && <= " + Buffer.MAX_LENGTH;
        assertOutOfRange("offset", maxRange, "-1", () -> buf1.fill(0, -1));
        assertOutOfRange("end", ">= 0 && <= 28", "29", () -> buf1.fill(0, 0, SIZE + 1));
        assertOutOfRange("offset", maxRange, "-1", () -> buf1.fill("", -1));
        assertOutOfRange("end", ">= 0 && <= 28", "29", () -> buf1.fill("", 0, SIZE + 1));
        assertOutOfRange("end", ">= 0 && <= 28", "-1", () -> buf1.fill("abc", 4, -1));
        assertOutOfRange("end", ">= 0 && <= 28", "-1", () -> buf1.fill("616263", 5, -1, "hex"));
        assertType("ERR_UNKNOWN_ENCODING", "Unknown encoding: node rocks!",
                () -> buf1.fill("a", 0, buf1.length(), "node rocks!"));
        assertType("ERR_UNKNOWN_ENCODING", "Unknown encoding: foo", () -> buf1.fill("a", 0, 0, "foo"));
        // The encoding is checked before the range, the value only for a non-empty range.
        assertType("ERR_UNKNOWN_ENCODING", "Unknown encoding: foo", () -> buf1.fill("a", -1, 0, "foo"));
        assertEquals(hex(Buffer.alloc(SIZE)), hex(buf1.fill("zz", 3, 3, "hex")));
        // An offset past the end (but not negative) is an empty range, not an error.
        assertEquals("000000", hex(Buffer.alloc(3).fill(1, 100)));
        assertEquals("000000", hex(Buffer.alloc(3).fill(1, 2, 1)));
    }

    @Test
    void sharedSlice() {
        Buffer view = embedded(Buffer.alloc(6));
        view.fill("ab", 1, 5);
        assertEquals("006162616200", hex(view));
        view.fill(0x7f);
        assertEquals("7f7f7f7f7f7f", hex(view));
        view.fill(Buffer.from(1, 2, 3, 4), 2);
        assertEquals("7f7f01020304", hex(view));
        // The guard bytes around the view are untouched.
        Buffer whole = Buffer.wrap(view.asByteBuffer().array());
        assertEquals(0xEE, whole.get(6));
        assertEquals(0xEE, whole.get(13));
    }
}
