package io.sluice.buffer;

import static io.sluice.buffer.BufferAsserts.assertOutOfRange;
import static io.sluice.buffer.BufferAsserts.assertType;
import static io.sluice.buffer.BufferAsserts.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Port of the {@code Buffer.copyBytesFrom} part of nodejs/node test/parallel/test-buffer-from.js,
 * plus the per-type bytes and argument edge cases, every expected value taken from node v20 on
 * x86-64 (little-endian). Node's checks for non-TypedArray views, non-number offsets and
 * lengths, NaN, fractions and infinities have no Java counterpart (the parameter types rule
 * them out); what remains is null, negative and beyond-safe-integer arguments.
 */
class BufferCopyBytesFromTest {
    private static final String SAFE = ">= 0 && <= 9007199254740991";

    @Test
    void copiesRatherThanShares() {
        // node: Uint16Array [0xffff] gives ff ff, and clearing the array afterwards leaves the copy.
        short[] u16 = {(short) 0xffff};
        Buffer b16 = Buffer.copyBytesFrom(u16);
        u16[0] = 0;
        assertEquals("ffff", hex(b16));

        // offset 1, length 5 on two elements: just the last one.
        short[] two = {0, (short) 0xffff};
        Buffer tail = Buffer.copyBytesFrom(two, 1, 5);
        two[0] = (short) 0xffff;
        two[1] = 0;
        assertEquals("ffff", hex(tail));

        int[] u32 = {0xffffffff};
        Buffer b32 = Buffer.copyBytesFrom(u32);
        u32[0] = 0;
        assertEquals("ffffffff", hex(b32));

        byte[] u8 = {1, 2, 3};
        Buffer b8 = Buffer.copyBytesFrom(u8);
        u8[0] = 9;
        assertEquals("010203", hex(b8));
    }

    @Test
    void byteArrayRanges() {
        byte[] v = {1, 2, 3, 4, 5};
        assertEquals("0102030405", hex(Buffer.copyBytesFrom(v)));
        assertEquals("02030405", hex(Buffer.copyBytesFrom(v, 1)));
        assertEquals("0203", hex(Buffer.copyBytesFrom(v, 1, 2)));
        assertEquals("", hex(Buffer.copyBytesFrom(v, 5)));
        assertEquals("", hex(Buffer.copyBytesFrom(v, 9)));
        assertEquals("", hex(Buffer.copyBytesFrom(v, 0, 0)));
        assertEquals("05", hex(Buffer.copyBytesFrom(v, 4, 100)));
        assertEquals("02030405", hex(Buffer.copyBytesFrom(v, 1, 9007199254740991L)));
        // Int8Array [-1, -128, 127, 0]
        assertEquals("ff807f00", hex(Buffer.copyBytesFrom(new byte[] {-1, -128, 127, 0})));
    }

    @Test
    void multiByteElementsAreLittleEndian() {
        // node: Int16Array [0x1234, -2, -32768] -> 3412 feff 0080; offset 1, length 1 -> feff
        short[] i16 = {0x1234, -2, -32768};
        assertEquals("3412feff0080", hex(Buffer.copyBytesFrom(i16)));
        assertEquals("feff", hex(Buffer.copyBytesFrom(i16, 1, 1)));
        assertEquals("feff0080", hex(Buffer.copyBytesFrom(i16, 1)));
        // Int32Array [0x12345678, -2]
        assertEquals("78563412feffffff", hex(Buffer.copyBytesFrom(new int[] {0x12345678, -2})));
        // BigInt64Array [0x0102030405060708n, -2n]
        assertEquals("0807060504030201feffffffffffffff",
                hex(Buffer.copyBytesFrom(new long[] {0x0102030405060708L, -2L})));
        // Float32Array [1.5, -0, NaN, Infinity]
        assertEquals("0000c03f000000800000c07f0000807f",
                hex(Buffer.copyBytesFrom(new float[] {1.5f, -0f, Float.NaN, Float.POSITIVE_INFINITY})));
        // Float64Array [1.5, -0, NaN, 0.1]; offset 2, length 1 -> NaN alone
        double[] f64 = {1.5, -0.0, Double.NaN, 0.1};
        assertEquals("000000000000f83f0000000000000080000000000000f87f9a9999999999b93f",
                hex(Buffer.copyBytesFrom(f64)));
        assertEquals("000000000000f87f", hex(Buffer.copyBytesFrom(f64, 2, 1)));
        assertEquals("9a9999999999b93f", hex(Buffer.copyBytesFrom(f64, 3, 1)));
    }

    @Test
    void nanPayloadsAreCopiedBitForBit() {
        // node copies a Float64Array's bytes raw: a NaN with payload 0x7ff8000100000002 keeps it.
        double odd = Double.longBitsToDouble(0x7ff8000100000002L);
        assertEquals("020000000100f87f", hex(Buffer.copyBytesFrom(new double[] {odd})));
        float oddF = Float.intBitsToFloat(0x7fc00001);
        assertEquals("0100c07f", hex(Buffer.copyBytesFrom(new float[] {oddF})));
    }

    @Test
    void emptyViewIgnoresEveryArgument() {
        // node: Buffer.copyBytesFrom(new Uint8Array(0), -1) and (…, 0, -1) return an empty buffer.
        assertEquals(0, Buffer.copyBytesFrom(new byte[0], -1).length());
        assertEquals(0, Buffer.copyBytesFrom(new short[0], 0, -1).length());
        assertEquals(0, Buffer.copyBytesFrom(new double[0], Long.MIN_VALUE, Long.MIN_VALUE).length());
        assertEquals(0, Buffer.copyBytesFrom(new long[0]).length());
    }

    @Test
    void offsetPastTheEndSkipsTheLengthCheck() {
        // node: Buffer.copyBytesFrom(new Uint8Array([1]), 9, -1) is empty, not an error.
        assertEquals(0, Buffer.copyBytesFrom(new byte[] {1}, 9, -1).length());
        assertEquals(0, Buffer.copyBytesFrom(new int[] {1, 2}, 2, -5).length());
    }

    @Test
    void nullView() {
        String msg = "The \"view\" argument must be an instance of TypedArray. Received null";
        assertType("ERR_INVALID_ARG_TYPE", msg, () -> Buffer.copyBytesFrom((byte[]) null));
        assertType("ERR_INVALID_ARG_TYPE", msg, () -> Buffer.copyBytesFrom((short[]) null, 0));
        assertType("ERR_INVALID_ARG_TYPE", msg, () -> Buffer.copyBytesFrom((int[]) null, 0, 1));
        assertType("ERR_INVALID_ARG_TYPE", msg, () -> Buffer.copyBytesFrom((long[]) null));
        assertType("ERR_INVALID_ARG_TYPE", msg, () -> Buffer.copyBytesFrom((float[]) null, -1));
        assertType("ERR_INVALID_ARG_TYPE", msg, () -> Buffer.copyBytesFrom((double[]) null, -1, -1));
    }

    @Test
    void offsetAndLengthOutOfRange() {
        byte[] one = new byte[1];
        assertOutOfRange("offset", SAFE, "-1", () -> Buffer.copyBytesFrom(one, -1));
        assertOutOfRange("offset", SAFE, "-1", () -> Buffer.copyBytesFrom(one, -1, 1));
        assertOutOfRange("length", SAFE, "-1", () -> Buffer.copyBytesFrom(one, 0, -1));
        // Past Number.MAX_SAFE_INTEGER; node prints the number with '_' separators.
        assertOutOfRange("offset", SAFE, "9_007_199_254_740_992",
                () -> Buffer.copyBytesFrom(one, 9007199254740992L));
        assertOutOfRange("length", SAFE, "9_007_199_254_740_992",
                () -> Buffer.copyBytesFrom(one, 0, 9007199254740992L));
        // The offset is checked before the length.
        assertOutOfRange("offset", SAFE, "-1", () -> Buffer.copyBytesFrom(new double[] {1}, -1, -2));
        assertOutOfRange("length", SAFE, "-2", () -> Buffer.copyBytesFrom(new float[] {1}, 0, -2));
    }

    @Test
    void everyOverloadMatchesItsFullForm() {
        long[] v = {1, 2, 3};
        assertEquals(Buffer.copyBytesFrom(v), Buffer.copyBytesFrom(v, 0, 3));
        assertEquals(Buffer.copyBytesFrom(v, 1), Buffer.copyBytesFrom(v, 1, 2));
        assertEquals(16, Buffer.copyBytesFrom(v, 1).length());
        assertEquals("0200000000000000", hex(Buffer.copyBytesFrom(v, 1, 1)));
    }
}
