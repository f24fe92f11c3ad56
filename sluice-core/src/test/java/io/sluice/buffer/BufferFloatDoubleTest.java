package io.sluice.buffer;

import static io.sluice.buffer.BufferAsserts.assertOutOfBounds;
import static io.sluice.buffer.BufferAsserts.assertOutOfRange;
import static io.sluice.buffer.BufferAsserts.embedded;
import static io.sluice.buffer.BufferAsserts.hex;
import static io.sluice.buffer.BufferAsserts.ofHex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Ports of nodejs/node test/parallel/test-buffer-readdouble.js, test-buffer-readfloat.js,
 * test-buffer-writedouble.js and test-buffer-writefloat.js (values checked with Node 20). The
 * files' non-number offsets are JS-only.
 */
class BufferFloatDoubleTest {

    @Test
    void readDouble() {
        Buffer b = ofHex("01000000 0000f03f".replace(" ", ""));
        assertEquals(7.291122019655968e-304, b.readDoubleBE(0));
        assertEquals(1.0000000000000002, b.readDoubleLE(0));
        assertEquals(0.3333333333333333, ofHex("555555555555d53f").readDoubleLE(0));
        assertEquals(-2.0, ofHex("00000000000000c0").readDoubleLE(0));
        assertEquals(Double.POSITIVE_INFINITY, ofHex("000000000000f07f").readDoubleLE(0));
        assertTrue(Double.isNaN(ofHex("000000000000f87f").readDoubleLE(0)));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(ofHex("0000000000000080").readDoubleLE(0)));
        assertOutOfRange("offset", ">= 0 and <= 0", "1", () -> b.readDoubleLE(1));
        assertOutOfRange("offset", ">= 0 and <= 0", "-1", () -> b.readDoubleBE(-1));
        assertOutOfBounds(() -> Buffer.alloc(7).readDoubleLE(0));
    }

    @Test
    void readFloat() {
        Buffer b = ofHex("0000803f");
        assertEquals(1.0, b.readFloatLE(0));
        assertEquals(4.600602988224807e-41, b.readFloatBE(0));
        assertEquals(0.3333333432674408, ofHex("abaaaa3e").readFloatLE(0));
        assertEquals(3.4028234663852886e+38, ofHex("ffff7f7f").readFloatLE(0));
        assertEquals(1.401298464324817e-45, ofHex("00000001").readFloatBE(0));
        assertEquals(Double.NEGATIVE_INFINITY, ofHex("000080ff").readFloatLE(0));
        assertOutOfRange("offset", ">= 0 and <= 0", "1", () -> b.readFloatLE(1));
        assertOutOfBounds(() -> Buffer.alloc(3).readFloatBE(0));
    }

    @Test
    void writeDouble() {
        Buffer buffer = Buffer.allocUnsafe(16);
        assertEquals(8, buffer.writeDoubleBE(2.225073858507201e-308, 0));
        assertEquals(16, buffer.writeDoubleLE(2.225073858507201e-308, 8));
        assertEquals("000fffffffffffffffffffffffff0f00", hex(buffer));
        buffer.writeDoubleLE(0.3333333333333333, 0);
        assertEquals("555555555555d53f", hex(buffer.subarray(0, 8)));
        buffer.writeDoubleBE(Double.NaN, 0);
        buffer.writeDoubleLE(Double.NaN, 8);
        assertEquals("7ff8000000000000000000000000f87f", hex(buffer));
        buffer.writeDoubleBE(-0.0, 0);
        assertEquals("8000000000000000", hex(buffer.subarray(0, 8)));
        buffer.writeDoubleLE(Double.NEGATIVE_INFINITY, 0);
        assertEquals(Double.NEGATIVE_INFINITY, buffer.readDoubleLE(0));
        assertOutOfRange("offset", ">= 0 and <= 8", "9", () -> buffer.writeDoubleLE(0, 9));
        assertOutOfRange("offset", ">= 0 and <= 8", "-1", () -> buffer.writeDoubleBE(0, -1));
        assertOutOfBounds(() -> Buffer.alloc(4).writeDoubleBE(0, 0));
    }

    @Test
    void writeFloat() {
        Buffer buffer = Buffer.allocUnsafe(8);
        assertEquals(4, buffer.writeFloatBE(1, 0));
        assertEquals(8, buffer.writeFloatLE(1, 4));
        assertEquals("3f8000000000803f", hex(buffer));
        buffer.writeFloatBE(0.1, 0);
        assertEquals("3dcccccd", hex(buffer.subarray(0, 4)));
        assertEquals(0.10000000149011612, buffer.readFloatBE(0));
        buffer.writeFloatLE(1e40, 0);
        assertEquals("0000807f", hex(buffer.subarray(0, 4)), "beyond float range: Infinity");
        buffer.writeFloatLE(Double.NaN, 0);
        assertEquals("0000c07f", hex(buffer.subarray(0, 4)));
        buffer.writeFloatBE(-0.0, 0);
        assertEquals("80000000", hex(buffer.subarray(0, 4)));
        buffer.writeFloatBE(3.4028234663852886e38, 0);
        assertEquals("7f7fffff", hex(buffer.subarray(0, 4)));
        buffer.writeFloatBE(1e-45, 0);
        assertEquals("00000001", hex(buffer.subarray(0, 4)));
        assertEquals(8, buffer.writeFloatBE(1.5, 4));
        assertOutOfRange("offset", ">= 0 and <= 4", "5", () -> buffer.writeFloatLE(0, 5));
        assertOutOfBounds(() -> Buffer.alloc(3).writeFloatLE(0, 0));
    }

    @Test
    void sharedSlice() {
        Buffer view = embedded(Buffer.alloc(12));
        view.writeDoubleLE(Math.PI, 4);
        view.writeFloatBE(2.5, 0);
        assertEquals(Math.PI, view.readDoubleLE(4));
        assertEquals(2.5, view.readFloatBE(0));
        assertEquals(Math.PI, view.subarray(4).readDoubleLE(0));
        assertOutOfRange("offset", ">= 0 and <= 4", "5", () -> view.readDoubleLE(5));
    }
}
