package io.sluice.buffer;

import static io.sluice.buffer.BufferAsserts.assertOutOfRange;
import static io.sluice.buffer.BufferAsserts.assertType;
import static io.sluice.buffer.BufferAsserts.embedded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Port of nodejs/node test/parallel/test-buffer-concat.js. A non-list argument and non-buffer
 * elements cannot be passed in Java; a null element gives Node's {@code ERR_INVALID_ARG_VALUE}
 * wording (Node itself fails on null with a plain TypeError from reading {@code .length}).
 */
class BufferConcatTest {

    @Test
    void basics() {
        List<Buffer> zero = List.of();
        List<Buffer> one = List.of(Buffer.from("asdf"));
        List<Buffer> lng = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            lng.add(Buffer.from("asdf"));
        }
        assertEquals(0, Buffer.concat(zero).length());
        Buffer flatOne = Buffer.concat(one);
        assertEquals("asdf", flatOne.toString());
        // Never the element itself, even for a single-element list.
        assertNotSame(one.get(0), flatOne);
        flatOne.set(0, 'x');
        assertEquals("asdf", one.get(0).toString());
        assertEquals("asdf".repeat(10), Buffer.concat(lng).toString());
        assertEquals("asdf".repeat(10), Buffer.concat(lng, 40).toString());
    }

    @Test
    void errors() {
        List<Buffer> withNull = Arrays.asList(Buffer.from("hello"), null);
        // Node 20 with a totalLength (checked with node); without one Node fails with a code-less
        // TypeError from inside concat, and Sluice gives the same typed error.
        assertType("ERR_INVALID_ARG_TYPE",
                "The \"list[1]\" argument must be an instance of Buffer or Uint8Array. Received null",
                () -> Buffer.concat(withNull));
        assertType("ERR_INVALID_ARG_TYPE",
                "The \"list[0]\" argument must be an instance of Buffer or Uint8Array. Received null",
                () -> Buffer.concat(Collections.singletonList(null), 3));
        assertType("ERR_INVALID_ARG_TYPE", "The \"list\" argument must be an instance of Array. Received null",
                () -> Buffer.concat(null));
        assertOutOfRange("length", ">= 0 && <= " + Buffer.MAX_LENGTH, "-2",
                () -> Buffer.concat(List.of(Buffer.from("hello")), -2));
    }

    @Test
    void totalLengthTruncatesOrZeroPads() {
        byte[] r = new byte[10];
        new Random(42).nextBytes(r);
        Buffer random10 = Buffer.from(r);
        Buffer derived18 = Buffer.alloc(18);
        for (int i = 0, j = 0; i < 18; i++) {
            derived18.set(i, i < 10 ? random10.get(i) : random10.get(j++));
        }
        Buffer empty = Buffer.alloc(0);
        assertNotEquals(empty, random10);
        assertNotEquals(Buffer.alloc(10), random10);

        assertEquals(empty, Buffer.concat(List.of(), 100), "an empty list ignores totalLength");
        assertEquals(empty, Buffer.concat(List.of(random10), 0));
        assertEquals(random10, Buffer.concat(List.of(random10), 10));
        assertEquals(random10, Buffer.concat(List.of(random10, random10), 10));
        assertEquals(derived18, Buffer.concat(List.of(random10, random10), 18));
        assertEquals(random10, Buffer.concat(List.of(empty, random10)));
        assertEquals(random10, Buffer.concat(List.of(random10, empty, empty)));
        assertEquals(Buffer.alloc(100), Buffer.concat(List.of(empty), 100));
        assertEquals(Buffer.alloc(4096), Buffer.concat(List.of(empty), 4096));
        assertEquals(Buffer.concat(List.of(random10, Buffer.alloc(30))), Buffer.concat(List.of(random10), 40));
        assertEquals(Buffer.from("ABCD"), Buffer.concat(List.of(Buffer.from(0x41, 0x42), Buffer.from(0x43, 0x44))));
    }

    @Test
    void sharedSlicesAndSelfConcat() {
        Buffer a = embedded(Buffer.from("abc"));
        Buffer whole = Buffer.from("0123456789");
        Buffer out = Buffer.concat(List.of(a, whole.subarray(3, 6), a.subarray(1)));
        assertEquals("abc345bc", out.toString());
        assertEquals(0, out.byteOffset());
    }

    @Test
    void hugeBuffers() {
        int size = 32 << 20; // two 32 MiB halves, 64 MiB out
        Buffer x = Buffer.alloc(size, 1);
        Buffer y = Buffer.alloc(size, 2);
        Buffer out = Buffer.concat(List.of(x, y));
        assertEquals(2 * size, out.length());
        assertEquals(1, out.get(size - 1));
        assertEquals(2, out.get(size));
        assertEquals(size, out.indexOf(2));
        assertEquals(size - 1, out.lastIndexOf(1));
        Buffer padded = Buffer.concat(List.of(x.subarray(0, 3)), size);
        assertEquals(size, padded.length());
        assertEquals(2, padded.lastIndexOf(1));
    }
}
