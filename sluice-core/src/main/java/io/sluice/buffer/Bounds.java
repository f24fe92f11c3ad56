package io.sluice.buffer;

import io.sluice.error.Errors;
import io.sluice.error.NodeRangeException;
import java.math.BigInteger;

/**
 * Node's range errors for Buffer, worded exactly as lib/buffer.js words them. Only the throwing
 * paths live here, so the accessors in {@link Buffer} stay small enough to inline.
 */
final class Bounds {
    private Bounds() {}

    /**
     * A numeric accessor of {@code size} bytes at {@code offset} does not fit: Node's
     * {@code boundsError}. A buffer shorter than {@code size} gives {@code ERR_BUFFER_OUT_OF_BOUNDS};
     * otherwise {@code ERR_OUT_OF_RANGE} "It must be &gt;= 0 and &lt;= length - size".
     */
    static NodeRangeException offset(int offset, int length, int size) {
        int max = length - size;
        if (max < 0) {
            return Errors.bufferOutOfBounds(null);
        }
        return Errors.outOfRange("offset", ">= 0 and <= " + max, offset);
    }

    /** {@code readUIntLE(offset, byteLength)} with byteLength outside 1..6. */
    static NodeRangeException byteLength(int byteLength) {
        return Errors.outOfRange("byteLength", ">= 1 and <= 6", byteLength);
    }

    /**
     * A value outside the range of a {@code size}-byte integer, as Node's {@code checkInt} words it:
     * "&gt;= 0 and &lt;= 65535" up to 4 bytes, "&gt;= 0 and &lt; 2 ** 40" above.
     */
    static NodeRangeException value(long value, int size, boolean signed) {
        String range;
        if (size > 4) {
            int bits = size * 8;
            range = signed
                    ? ">= -(2 ** " + (bits - 1) + ") and < 2 ** " + (bits - 1)
                    : ">= 0 and < 2 ** " + bits;
        } else {
            range = ">= " + min(size, signed) + " and <= " + max(size, signed);
        }
        return Errors.outOfRange("value", range, value);
    }

    /** A BigInt value outside 64 bits, with Node's {@code n} suffixes. */
    static NodeRangeException bigValue(BigInteger value, boolean signed) {
        String range = signed ? ">= -(2n ** 63n) and < 2n ** 63n" : ">= 0n and < 2n ** 64n";
        return Errors.outOfRange("value", range, value);
    }

    /** Smallest value of a {@code size}-byte integer (size 1..6). */
    static long min(int size, boolean signed) {
        return signed ? -(1L << (size * 8 - 1)) : 0;
    }

    /** Largest value of a {@code size}-byte integer (size 1..6). */
    static long max(int size, boolean signed) {
        return signed ? (1L << (size * 8 - 1)) - 1 : (1L << (size * 8)) - 1;
    }

    /**
     * Node's {@code validateOffset(value, name, 0, max)}: "The value of "name" is out of range. It
     * must be &gt;= 0 &amp;&amp; &lt;= max".
     */
    static void checkOffset(long value, String name, long max) {
        if (value < 0 || value > max) {
            throw Errors.outOfRange(name, ">= 0 && <= " + max, value);
        }
    }

    /** Node's {@code ERR_OUT_OF_RANGE} with a lower bound only ("It must be &gt;= 0"). */
    static void checkNonNegative(long value, String name) {
        if (value < 0) {
            throw Errors.outOfRange(name, ">= 0", value);
        }
    }
}
