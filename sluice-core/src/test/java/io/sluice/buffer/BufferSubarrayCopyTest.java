package io.sluice.buffer;

import static io.sluice.buffer.BufferAsserts.assertOutOfRange;
import static io.sluice.buffer.BufferAsserts.embedded;
import static io.sluice.buffer.BufferAsserts.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * {@code subarray}/{@code slice} and {@code copy} (the slice and copy parts of
 * test-buffer-alloc.js, test-buffer-slice.js and test-buffer-copy.js, values checked with Node
 * 20), with the adversarial cases: views at non-zero offsets, nested views, overlapping copies.
 */
class BufferSubarrayCopyTest {

    @Test
    void subarrayClampsLikeNode() {
        Buffer b = Buffer.from("abcdef");
        assertEquals("abcdef", b.subarray().toString());
        assertEquals("cdef", b.subarray(2).toString());
        assertEquals("ef", b.subarray(-2).toString());
        assertEquals("abcdef", b.subarray(-100).toString());
        assertEquals("bcd", b.subarray(1, 4).toString());
        assertEquals("bcde", b.subarray(1, -1).toString());
        assertEquals("", b.subarray(4, 1).toString(), "start > end is empty");
        assertEquals("", b.subarray(6).toString());
        assertEquals("", b.subarray(100, 200).toString());
        assertEquals("abcdef", b.subarray(0, 100).toString());
        assertEquals("", b.subarray(-1, -2).toString());
        assertEquals("cd", b.slice(-4, -2).toString());
        assertEquals(b.subarray(1, 3), b.slice(1, 3));
        assertEquals("abcdef", b.slice().toString());
        assertEquals("ef", b.slice(4).toString());
    }

    @Test
    void viewsShareMemory() {
        Buffer b = Buffer.from("abcdef");
        Buffer mid = b.subarray(1, 5);
        Buffer inner = mid.slice(1, 3);
        assertEquals(2, inner.byteOffset());
        inner.set(0, 'X');
        assertEquals("abXdef", b.toString());
        assertEquals("bXde", mid.toString());
        b.fill('z', 3, 4);
        assertEquals("Xz", inner.toString());
        assertEquals('z', inner.subarray(-1).get(0));
    }

    @Test
    void copyRanges() {
        Buffer src = Buffer.from("abcdef");
        Buffer dst = Buffer.alloc(4, '.');
        assertEquals(4, src.copy(dst));
        assertEquals("abcd", dst.toString());
        dst.fill('.');
        assertEquals(2, src.copy(dst, 2));
        assertEquals("..ab", dst.toString());
        dst.fill('.');
        assertEquals(3, src.copy(dst, 1, 3));
        assertEquals(".def", dst.toString());
        dst.fill('.');
        assertEquals(1, src.copy(dst, 0, 1, 2));
        assertEquals("b...", dst.toString());
        assertEquals(0, src.copy(dst, 4));
        assertEquals(0, src.copy(dst, 100));
        assertEquals(0, src.copy(dst, 0, 3, 3));
        assertEquals(0, src.copy(dst, 0, 4, 2));
        assertEquals(3, Buffer.from("abc").copy(Buffer.alloc(10), 0, 0, 5000), "sourceEnd clamped");
        assertOutOfRange("targetStart", ">= 0", "-1", () -> src.copy(dst, -1));
        assertOutOfRange("sourceStart", ">= 0 && <= 6", "-1", () -> src.copy(dst, 0, -1));
        assertOutOfRange("sourceStart", ">= 0 && <= 6", "7", () -> src.copy(dst, 0, 7));
        assertOutOfRange("sourceEnd", ">= 0", "-1", () -> src.copy(dst, 0, 0, -1));
    }

    @Test
    void overlappingCopiesBehaveLikeMemmove() {
        Buffer x = Buffer.from("0123456789");
        assertEquals(6, x.copy(x, 2, 0, 6));
        assertEquals("0101234589", x.toString());
        Buffer y = Buffer.from("0123456789");
        assertEquals(6, y.copy(y, 0, 2, 8));
        assertEquals("2345676789", y.toString());
        // Through two views of one array.
        Buffer z = Buffer.from("0123456789");
        Buffer left = z.subarray(0, 6);
        Buffer right = z.subarray(3);
        assertEquals(6, left.copy(right));
        assertEquals("0120123459", z.toString());
        Buffer w = Buffer.from("0123456789");
        assertEquals(7, w.subarray(3).copy(w.subarray(0, 8)));
        assertEquals("3456789789", w.toString());
    }

    @Test
    void copyBetweenEmbeddedViews() {
        Buffer a = embedded(Buffer.from("hello"));
        Buffer b = embedded(Buffer.alloc(3));
        assertEquals(3, a.copy(b, 0, 1));
        assertEquals("ell", b.toString());
        Buffer whole = Buffer.wrap(b.asByteBuffer().array());
        assertEquals(0xEE, whole.get(6));
        assertEquals(0xEE, whole.get(10));
        assertEquals("656c6c", hex(b));
    }
}
