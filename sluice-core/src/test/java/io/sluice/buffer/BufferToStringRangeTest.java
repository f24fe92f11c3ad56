package io.sluice.buffer;

import static io.sluice.buffer.BufferAsserts.assertType;
import static io.sluice.buffer.BufferAsserts.embedded;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Port of nodejs/node test/parallel/test-buffer-tostring-range.js. The Java API takes int
 * start/end, so only the integer cases apply; Node's coercions of strings, NaN, fractions,
 * Infinity, booleans and objects are not expressible (a fraction truncates toward zero in Node,
 * which an int already is). The 4 GiB buffer case exceeds Java's array limit and is skipped.
 */
class BufferToStringRangeTest {
    private final Buffer rangeBuffer = Buffer.from("abc");

    @Test
    void startAtOrPastTheEndGivesEmpty() {
        assertEquals("", rangeBuffer.toString("ascii", 3));
        assertEquals("", rangeBuffer.toString("ascii", Integer.MAX_VALUE));
        assertEquals("", rangeBuffer.toString("ascii", 3, 3));
    }

    @Test
    void endAtOrBeforeStartGivesEmpty() {
        assertEquals("", rangeBuffer.toString("ascii", 1, 0));
        assertEquals("", rangeBuffer.toString("ascii", 1, -1));
        assertEquals("", rangeBuffer.toString("ascii", 1, -100));
        assertEquals("", rangeBuffer.toString("ascii", 1, Integer.MIN_VALUE));
        assertEquals("", rangeBuffer.toString("ascii", 0, -1));
    }

    @Test
    void negativeStartIsZero() {
        assertEquals("abc", rangeBuffer.toString("ascii", -1, 3));
        assertEquals("abc", rangeBuffer.toString("ascii", Integer.MIN_VALUE, 3));
        assertEquals("bc", rangeBuffer.toString("ascii", 1, 3));
        assertEquals("a", rangeBuffer.toString("ascii", 0, 1));
    }

    @Test
    void endPastTheLengthIsTheLength() {
        assertEquals("abc", rangeBuffer.toString("ascii", 0, 5));
        assertEquals("abc", rangeBuffer.toString("ascii", 0, Integer.MAX_VALUE));
        assertEquals("abc", rangeBuffer.toString("ascii", 0));
        assertEquals("abc", rangeBuffer.toString(Encoding.ASCII, 0, 6));
    }

    @Test
    void encodings() {
        assertType("ERR_UNKNOWN_ENCODING", "Unknown encoding: 0", () -> rangeBuffer.toString("0", 1, 2));
        assertType("ERR_UNKNOWN_ENCODING", "Unknown encoding: ", () -> rangeBuffer.toString(""));
        assertEquals("abc", rangeBuffer.toString((String) null), "null plays the part of undefined");
        // As in Node, an empty range returns "" before the encoding is looked at.
        assertEquals("", Buffer.alloc(0).toString("bogus"));
        assertEquals("", rangeBuffer.toString("bogus", 3));
        assertEquals("", rangeBuffer.toString("bogus", 2, 1));
    }

    @Test
    void sharedSlice() {
        Buffer view = embedded(Buffer.from("hello"));
        assertEquals("hello", view.toString());
        assertEquals("ell", view.toString("latin1", 1, 4));
        assertEquals("68656c6c6f", view.toString("hex", -3, 99));
        assertEquals("llo", view.subarray(2).toString(Encoding.UTF8));
    }
}
