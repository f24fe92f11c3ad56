package io.sluice.buffer;

import static io.sluice.buffer.BufferAsserts.assertOutOfBounds;
import static io.sluice.buffer.BufferAsserts.assertOutOfRange;
import static io.sluice.buffer.BufferAsserts.embedded;
import static io.sluice.buffer.BufferAsserts.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * Port of nodejs/node test/parallel/test-buffer-bigint64.js. BigInt64 maps to {@code long},
 * BigUInt64 reads to {@link BigInteger}; writers take a long (raw bits) or a BigInteger (range
 * checked with Node's message). Writing a string ("bad") is a compile error in Java.
 */
class BufferBigInt64Test {
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    @Test
    void roundTrips() {
        Buffer buf = Buffer.allocUnsafe(8);
        for (String e : new String[] {"LE", "BE"}) {
            boolean le = e.equals("LE");
            long val = 123456789L;
            write(buf, val, le);
            assertEquals(val, le ? buf.readBigInt64LE(0) : buf.readBigInt64BE(0));
            write(buf, Long.MAX_VALUE, le);
            assertEquals(Long.MAX_VALUE, le ? buf.readBigInt64LE(0) : buf.readBigInt64BE(0));
            write(buf, -123456789L, le);
            assertEquals(-123456789L, le ? buf.readBigInt64LE(0) : buf.readBigInt64BE(0));
            BigInteger u = BigInteger.valueOf(123456789L);
            assertEquals(8, le ? buf.writeBigUInt64LE(u, 0) : buf.writeBigUInt64BE(u, 0));
            assertEquals(u, le ? buf.readBigUInt64LE(0) : buf.readBigUInt64BE(0));
            BigInteger max = TWO_64.subtract(BigInteger.ONE);
            if (le) {
                buf.writeBigUInt64LE(max, 0);
            } else {
                buf.writeBigUInt64BE(max, 0);
            }
            assertEquals("ffffffffffffffff", hex(buf));
            assertEquals(max, le ? buf.readBigUInt64LE(0) : buf.readBigUInt64BE(0));
            assertEquals(-1L, le ? buf.readBigInt64LE(0) : buf.readBigInt64BE(0));
        }
    }

    private static void write(Buffer buf, long v, boolean le) {
        assertEquals(8, le ? buf.writeBigInt64LE(v, 0) : buf.writeBigInt64BE(v, 0));
        assertEquals(8, le ? buf.writeBigInt64LE(BigInteger.valueOf(v), 0) : buf.writeBigInt64BE(BigInteger.valueOf(v), 0));
    }

    @Test
    void knownBytes() {
        Buffer b = Buffer.alloc(8);
        b.writeBigInt64LE(-123456789L, 0);
        assertEquals("eb32a4f8ffffffff", hex(b));
        b.writeBigUInt64BE(new BigInteger("decafafecacefade", 16), 0);
        assertEquals("decafafecacefade", hex(b));
        assertEquals(new BigInteger("16053919793946753758"), b.readBigUInt64BE(0));
        assertEquals(-2392824279762797858L, b.readBigInt64BE(0));
        assertEquals(new BigInteger("16067381991854230238"), b.readBigUInt64LE(0));
        // A long stands for its unsigned value.
        b.writeBigUInt64LE(-1L, 0);
        assertEquals("ffffffffffffffff", hex(b));
        b.writeBigUInt64BE(0x0102030405060708L, 0);
        assertEquals("0102030405060708", hex(b));
    }

    @Test
    void rangeErrors() {
        Buffer buf = Buffer.alloc(8);
        assertOutOfRange("value", ">= -(2n ** 63n) and < 2n ** 63n", "9_223_372_036_854_775_808n",
                () -> buf.writeBigInt64LE(BigInteger.ONE.shiftLeft(63), 0));
        assertOutOfRange("value", ">= -(2n ** 63n) and < 2n ** 63n", "-9_223_372_036_854_775_809n",
                () -> buf.writeBigInt64BE(BigInteger.ONE.shiftLeft(63).negate().subtract(BigInteger.ONE), 0));
        assertOutOfRange("value", ">= 0n and < 2n ** 64n", "18_446_744_073_709_551_616n",
                () -> buf.writeBigUInt64LE(TWO_64, 0));
        assertOutOfRange("value", ">= 0n and < 2n ** 64n", "-1n",
                () -> buf.writeBigUInt64BE(BigInteger.ONE.negate(), 0));
        assertOutOfRange("offset", ">= 0 and <= 0", "1", () -> buf.writeBigUInt64LE(BigInteger.ONE, 1));
        assertOutOfRange("offset", ">= 0 and <= 0", "1", () -> buf.readBigInt64LE(1));
        assertOutOfRange("offset", ">= 0 and <= 2", "3", () -> Buffer.alloc(10).readBigInt64LE(3));
        assertOutOfBounds(() -> Buffer.alloc(7).writeBigUInt64LE(1L, 0));
        assertOutOfBounds(() -> Buffer.alloc(4).readBigUInt64LE(0));
    }

    @Test
    void sharedSlice() {
        Buffer view = embedded(Buffer.alloc(10));
        view.writeBigInt64BE(0x1122334455667788L, 1);
        assertEquals("0011223344556677" + "8800", hex(view));
        assertEquals(0x1122334455667788L, view.subarray(1).readBigInt64BE(0));
        assertEquals(new BigInteger("8877665544332211", 16), view.readBigUInt64LE(1));
    }
}
