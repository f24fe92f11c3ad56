package io.sluice.buffer;

import static io.sluice.buffer.BufferAsserts.assertOutOfRange;
import static io.sluice.buffer.BufferAsserts.assertType;
import static io.sluice.buffer.BufferAsserts.embedded;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Port of nodejs/node test/parallel/test-buffer-compare-offset.js (and the static
 * {@code Buffer.compare} of test-buffer-compare.js). Coercions of strings, null, objects and
 * Infinity are JS-only. Node 20's messages are asserted; starts are bounded by
 * {@code MAX_LENGTH} where Node quotes its own kMaxLength.
 */
class BufferCompareOffsetTest {
    private final Buffer a = Buffer.from(1, 2, 3, 4, 5, 6, 7, 8, 9, 0);
    private final Buffer b = Buffer.from(5, 6, 7, 8, 9, 0, 1, 2, 3, 4);

    @Test
    void ranges() {
        assertEquals(-1, a.compare(b));
        assertEquals(-1, a.compare(b, 0));
        assertEquals(-1, a.compare(b, 0, b.length(), 0));
        assertEquals(1, a.compare(b, 0, 0, 0), "zero-length target");
        assertEquals(1, a.compare(b, 6, 10));
        assertEquals(-1, a.compare(b, 6, 10, 0, 0), "zero-length source");
        assertEquals(0, a.compare(b, 0, 0, 0, 0));
        assertEquals(0, a.compare(b, 1, 1, 2, 2));
        assertEquals(1, a.compare(b, 0, 5, 4));
        assertEquals(1, a.compare(b, 5, b.length(), 1));
        assertEquals(-1, a.compare(b, 2, 4, 2));
        assertEquals(-1, a.compare(b, 0, 7, 4));
        assertEquals(-1, a.compare(b, 0, 7, 4, 6));
        assertEquals(1, a.compare(b, 0, 0), "zero-length target");
        assertEquals(-1, a.compare(b, 0, 5));
        // A start past the end is an empty range, not an error.
        assertEquals(1, a.compare(b, 20));
        assertEquals(1, a.compare(b, 20, 10));
        assertEquals(-1, a.compare(b, 0, 10, 20));
        assertEquals(-1, a.compare(b, 0, 10, 20, 10));
        assertEquals(1, a.compare(b, 11, 10, 0, 1));
    }

    @Test
    void errors() {
        assertOutOfRange("targetEnd", ">= 0 && <= 10", "100", () -> a.compare(b, 0, 100, 0));
        assertOutOfRange("sourceEnd", ">= 0 && <= 10", "100", () -> a.compare(b, 0, 1, 0, 100));
        assertOutOfRange("targetStart", ">= 0 && <= " + Buffer.MAX_LENGTH, "-1", () -> a.compare(b, -1));
        assertOutOfRange("sourceStart", ">= 0 && <= " + Buffer.MAX_LENGTH, "-1", () -> a.compare(b, 0, 1, -1));
        assertOutOfRange("targetEnd", ">= 0 && <= 10", "-1", () -> a.compare(b, 0, -1));
        assertOutOfRange("targetStart", ">= 0 && <= " + Buffer.MAX_LENGTH, "2147483647",
                () -> a.compare(b, Integer.MAX_VALUE));
        assertType("ERR_INVALID_ARG_TYPE",
                "The \"target\" argument must be an instance of Buffer or Uint8Array. Received null",
                () -> a.compare(null));
    }

    @Test
    void staticCompareAndOrdering() {
        Buffer x = Buffer.from("abc");
        Buffer y = Buffer.from("abcd");
        Buffer z = Buffer.from(0xff);
        assertEquals(-1, Buffer.compare(x, y));
        assertEquals(1, Buffer.compare(y, x));
        assertEquals(0, Buffer.compare(x, Buffer.from("abc")));
        assertEquals(1, Buffer.compare(z, x), "bytes compare unsigned");
        assertEquals(-1, x.compareTo(z));
        List<Buffer> list = new ArrayList<>(List.of(z, y, x, Buffer.alloc(0)));
        list.sort(null);
        assertEquals(List.of(Buffer.alloc(0), x, y, z), list);
    }

    @Test
    void equalsAndHashCode() {
        Buffer v = embedded(Buffer.from("abc"));
        assertEquals(Buffer.from("abc"), v);
        assertEquals(Buffer.from("abc").hashCode(), v.hashCode());
        assertEquals(false, v.equals("abc"));
        assertEquals(false, v.equals(Buffer.from("abd")));
        assertEquals(false, v.equals(Buffer.from("ab")));
    }

    @Test
    void sharedSlices() {
        Buffer big = Buffer.from("xxabcabdxx");
        Buffer s1 = big.subarray(2, 5);
        Buffer s2 = big.subarray(5, 8);
        assertEquals(-1, s1.compare(s2));
        assertEquals(0, s1.compare(s2, 0, 2, 0, 2));
        assertEquals(1, s2.compare(s1, 2, 3, 2, 3));
        assertEquals(0, embedded(s1).compare(s1));
    }
}
