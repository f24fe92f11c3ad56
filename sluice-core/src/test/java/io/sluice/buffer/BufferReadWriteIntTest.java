package io.sluice.buffer;

import static io.sluice.buffer.BufferAsserts.assertOutOfBounds;
import static io.sluice.buffer.BufferAsserts.assertOutOfRange;
import static io.sluice.buffer.BufferAsserts.embedded;
import static io.sluice.buffer.BufferAsserts.hex;
import static io.sluice.buffer.BufferAsserts.ofHex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Ports of nodejs/node test/parallel/test-buffer-readint.js, test-buffer-readuint.js,
 * test-buffer-writeint.js and test-buffer-writeuint.js. Offsets and byte lengths are ints in
 * Java, so the files' cases for strings, null, objects, booleans (ERR_INVALID_ARG_TYPE), NaN and
 * fractions ("It must be an integer") and the default offset are not expressible. Values are
 * longs, so Node's range errors for values are reachable and asserted with Node's exact text.
 */
class BufferReadWriteIntTest {

    @Test
    void readOffsetErrors() {
        Buffer buffer = Buffer.alloc(4);
        assertOutOfRange("offset", ">= 0 and <= 3", "-1", () -> buffer.readInt8(-1));
        assertOutOfRange("offset", ">= 0 and <= 3", "4", () -> buffer.readUInt8(4));
        assertOutOfRange("offset", ">= 0 and <= 2", "-1", () -> buffer.readInt16BE(-1));
        assertOutOfRange("offset", ">= 0 and <= 2", "3", () -> buffer.readUInt16LE(3));
        assertOutOfRange("offset", ">= 0 and <= 0", "1", () -> buffer.readInt32LE(1));
        assertOutOfRange("offset", ">= 0 and <= 0", "-1", () -> buffer.readUInt32BE(-1));
        assertOutOfRange("offset", ">= 0 and <= 0", "2147483647", () -> buffer.readUInt32LE(Integer.MAX_VALUE));
        assertOutOfBounds(() -> Buffer.alloc(0).readUInt8(0));
        assertOutOfBounds(() -> Buffer.alloc(3).readUInt32LE(0));
        assertOutOfBounds(() -> buffer.readDoubleLE(0));
        Buffer eight = Buffer.alloc(8);
        for (int i = 1; i <= 6; i++) {
            final int len = i;
            assertOutOfRange("offset", ">= 0 and <= " + (8 - i), "-1", () -> eight.readIntBE(-1, len));
            assertOutOfRange("offset", ">= 0 and <= " + (8 - i), "-1", () -> eight.readIntLE(-1, len));
            assertOutOfRange("offset", ">= 0 and <= " + (8 - i), String.valueOf(9 - i), () -> eight.readUIntLE(9 - len, len));
        }
        for (int bad : new int[] {0, -1, 7}) {
            assertOutOfRange("byteLength", ">= 1 and <= 6", String.valueOf(bad), () -> eight.readIntBE(0, bad));
            assertOutOfRange("byteLength", ">= 1 and <= 6", String.valueOf(bad), () -> eight.readUIntLE(0, bad));
            assertOutOfRange("byteLength", ">= 1 and <= 6", String.valueOf(bad), () -> eight.writeIntLE(1, 0, bad));
        }
        assertOutOfBounds(() -> buffer.readIntBE(0, 6));
    }

    @Test
    void readInt8() {
        Buffer data = Buffer.alloc(4);
        data.set(0, 0x23);
        assertEquals(0x23, data.readInt8(0));
        data.set(0, 0xff);
        assertEquals(-1, data.readInt8(0));
        data.set(0, 0x87);
        data.set(1, 0xab);
        data.set(2, 0x7c);
        data.set(3, 0xef);
        assertEquals(-121, data.readInt8(0));
        assertEquals(-85, data.readInt8(1));
        assertEquals(124, data.readInt8(2));
        assertEquals(-17, data.readInt8(3));
        assertEquals(0x87, data.readUInt8(0));
    }

    @Test
    void read16() {
        Buffer buffer = ofHex("167900000000");
        assertEquals(0x1679, buffer.readInt16BE(0));
        assertEquals(0x7916, buffer.readInt16LE(0));
        buffer = ofHex("ff80");
        assertEquals(-128, buffer.readInt16BE(0));
        assertEquals(-32513, buffer.readInt16LE(0));
        assertEquals(0xff80, buffer.readUInt16BE(0));
        assertEquals(0x80ff, buffer.readUInt16LE(0));
        buffer = ofHex("776565 6e6978".replace(" ", ""));
        assertEquals(0x7765, buffer.readInt16BE(0));
        assertEquals(0x6565, buffer.readInt16BE(1));
        assertEquals(0x656e, buffer.readInt16BE(2));
        assertEquals(0x6e69, buffer.readInt16BE(3));
        assertEquals(0x6978, buffer.readInt16BE(4));
        assertEquals(0x6577, buffer.readInt16LE(0));
        assertEquals(0x6565, buffer.readInt16LE(1));
        assertEquals(0x6e65, buffer.readInt16LE(2));
        assertEquals(0x696e, buffer.readInt16LE(3));
        assertEquals(0x7869, buffer.readInt16LE(4));
    }

    @Test
    void read32() {
        Buffer buffer = ofHex("435316790000");
        assertEquals(0x43531679, buffer.readInt32BE(0));
        assertEquals(0x79165343, buffer.readInt32LE(0));
        buffer = ofHex("fffeeffa");
        assertEquals(-69638, buffer.readInt32BE(0));
        assertEquals(-84934913, buffer.readInt32LE(0));
        assertEquals(4294897658L, buffer.readUInt32BE(0));
        assertEquals(4210032383L, buffer.readUInt32LE(0));
        assertEquals(65534, buffer.readUInt16BE(0));
        assertEquals(64239, buffer.readUInt16LE(2));
        buffer = ofHex("42c395a93617");
        assertEquals(0x42c395a9, buffer.readInt32BE(0));
        assertEquals(-1013601994, buffer.readInt32BE(1));
        assertEquals(-1784072681, buffer.readInt32BE(2));
        assertEquals(-1449802942, buffer.readInt32LE(0));
        assertEquals(917083587, buffer.readInt32LE(1));
        assertEquals(389458325, buffer.readInt32LE(2));
    }

    @Test
    void readVariableWidth() {
        Buffer six = ofHex("ffffffffffff");
        assertEquals(281474976710655L, six.readUIntBE(0, 6));
        assertEquals(-1, six.readIntBE(0, 6));
        assertEquals(-2, ofHex("fffffffffffe").readIntBE(0, 6));
        assertEquals(-140737488355328L, ofHex("000000000080").readIntLE(0, 6));
        Buffer buf = ofHex("0123456789ab");
        for (int n = 1; n <= 6; n++) {
            long be = 0;
            long le = 0;
            for (int k = 0; k < n; k++) {
                be = (be << 8) | buf.get(k);
                le |= (long) buf.get(k) << (8 * k);
            }
            assertEquals(be, buf.readUIntBE(0, n));
            assertEquals(le, buf.readUIntLE(0, n));
        }
    }

    @Test
    void writeInt() {
        Buffer b2 = Buffer.alloc(2);
        b2.writeInt8(0x23, 0);
        b2.writeInt8(-5, 1);
        assertEquals("23fb", hex(b2));
        b2.writeInt8(0x7f, 0);
        b2.writeInt8(-0x80, 1);
        assertEquals("7f80", hex(b2));
        assertOutOfRange("value", ">= -128 and <= 127", "128", () -> b2.writeInt8(0x80, 0));
        assertOutOfRange("value", ">= -128 and <= 127", "-129", () -> b2.writeInt8(-0x81, 0));
        assertOutOfRange("offset", ">= 0 and <= 1", "-1", () -> b2.writeInt8(23, -1));

        Buffer b4 = Buffer.alloc(4);
        b4.writeInt16BE(0x0023, 0);
        b4.writeInt16LE(0x0023, 2);
        assertEquals("00232300", hex(b4));
        b4.writeInt16BE(-5, 0);
        b4.writeInt16LE(-5, 2);
        assertEquals("fffbfbff", hex(b4));
        b4.writeInt16BE(-1679, 0);
        b4.writeInt16LE(-1679, 2);
        assertEquals("f97171f9", hex(b4));
        b4.writeInt16BE(0x7fff, 0);
        b4.writeInt16BE(-0x8000, 2);
        assertEquals("7fff8000", hex(b4));
        b4.writeInt16LE(0x7fff, 0);
        b4.writeInt16LE(-0x8000, 2);
        assertEquals("ff7f0080", hex(b4));
        assertOutOfRange("value", ">= -32768 and <= 32767", "32768", () -> b4.writeInt16BE(0x8000, 0));
        assertOutOfRange("value", ">= -32768 and <= 32767", "-32769", () -> b4.writeInt16LE(-0x8001, 0));

        Buffer b8 = Buffer.alloc(8);
        b8.writeInt32BE(0x23, 0);
        b8.writeInt32LE(0x23, 4);
        assertEquals("0000002323000000", hex(b8));
        b8.writeInt32BE(-5, 0);
        b8.writeInt32LE(-5, 4);
        assertEquals("fffffffbfbffffff", hex(b8));
        b8.writeInt32BE(-805306713, 0);
        b8.writeInt32LE(-805306713, 4);
        assertEquals("cffffea7a7feffcf", hex(b8));
        b8.writeInt32BE(0x7fffffff, 0);
        b8.writeInt32BE(-0x80000000L, 4);
        assertEquals("7fffffff80000000", hex(b8));
        b8.writeInt32LE(0x7fffffff, 0);
        b8.writeInt32LE(-0x80000000L, 4);
        assertEquals("ffffff7f00000080", hex(b8));
        assertOutOfRange("value", ">= -2147483648 and <= 2147483647", "2147483648", () -> b8.writeInt32BE(0x80000000L, 0));
        assertOutOfRange("value", ">= -2147483648 and <= 2147483647", "-2147483649", () -> b8.writeInt32LE(-0x80000001L, 0));

        Buffer b6 = Buffer.allocUnsafe(6);
        b6.writeIntBE(0x1234567890abL, 0, 6);
        assertEquals("1234567890ab", hex(b6));
        b6.writeIntLE(0x1234567890abL, 0, 6);
        assertEquals("ab9078563412", hex(b6));

        Buffer data = Buffer.alloc(8);
        for (int i = 1; i < 6; i++) {
            final int len = i;
            long min = -(1L << (i * 8 - 1));
            long max = (1L << (i * 8 - 1)) - 1;
            String range = i <= 4 ? ">= " + min + " and <= " + max
                    : ">= -(2 ** " + (i * 8 - 1) + ") and < 2 ** " + (i * 8 - 1);
            assertOutOfRange("value", range, i <= 4 ? String.valueOf(min - 1) : "-549_755_813_889",
                    () -> data.writeIntBE(min - 1, 0, len));
            assertOutOfRange("value", range, i <= 4 ? String.valueOf(max + 1) : "549_755_813_888",
                    () -> data.writeIntLE(max + 1, 0, len));
            assertOutOfRange("offset", ">= 0 and <= " + (8 - i), "-1", () -> data.writeIntLE(min, -1, len));
            assertEquals(len, data.writeIntBE(min, 0, len));
            assertEquals(min, data.readIntBE(0, len));
            assertEquals(2 + len, data.writeIntLE(max, 2, len));
            assertEquals(max, data.readIntLE(2, len));
        }
        assertOutOfRange("value", ">= -(2 ** 47) and < 2 ** 47", "-140_737_488_355_329",
                () -> data.writeIntBE(-(1L << 47) - 1, 0, 6));
    }

    @Test
    void writeUInt() {
        Buffer data = Buffer.alloc(8);
        data.writeUInt8(23, 0);
        data.writeUInt8(23, 1);
        data.writeUInt8(23, 2);
        data.writeUInt8(23, 3);
        assertEquals("17171717", hex(data.subarray(0, 4)));
        data.writeUInt8(255, 0);
        assertEquals(255, data.get(0));
        data.writeUInt16LE(23, 0);
        data.writeUInt16LE(23, 1);
        data.writeUInt16LE(23, 2);
        assertEquals("17171700", hex(data.subarray(0, 4)));
        Buffer d4 = Buffer.alloc(4);
        d4.writeUInt16BE(0x1234, 0);
        d4.writeUInt16LE(0x1234, 2);
        assertEquals("12343412", hex(d4));
        d4.writeUInt32BE(0xfeedfaceL, 0);
        assertEquals("feedface", hex(d4));
        d4.writeUInt32LE(0xfeedfaceL, 0);
        assertEquals("cefaedfe", hex(d4));
        assertEquals(0xfeedfaceL, d4.readUInt32LE(0));
        assertOutOfRange("value", ">= 0 and <= 255", "256", () -> d4.writeUInt8(256, 0));
        assertOutOfRange("value", ">= 0 and <= 255", "-1", () -> d4.writeUInt8(-1, 0));
        assertOutOfRange("value", ">= 0 and <= 65535", "65536", () -> d4.writeUInt16LE(65536, 0));
        assertOutOfRange("value", ">= 0 and <= 4294967295", "4294967296", () -> d4.writeUInt32LE(1L << 32, 0));
        assertOutOfRange("value", ">= 0 and <= 4294967295", "8_589_934_592", () -> d4.writeUInt32BE(1L << 33, 0));
        assertOutOfRange("offset", ">= 0 and <= 0", "1", () -> d4.writeUInt32LE(1, 1));
        assertOutOfRange("offset", ">= 0 and <= 3", "4", () -> d4.writeUInt8(1, 4));
        assertOutOfBounds(() -> Buffer.alloc(3).writeUInt32LE(1, 0));
        // The value is checked before the size of the buffer.
        assertOutOfRange("value", ">= 0 and <= 4294967295", "-1", () -> Buffer.alloc(3).writeUInt32LE(-1, 0));

        Buffer d8 = Buffer.alloc(8);
        assertOutOfRange("value", ">= 0 and <= 16777215", "16777216", () -> d8.writeUIntLE(1 << 24, 0, 3));
        assertOutOfRange("value", ">= 0 and < 2 ** 40", "1_099_511_627_776", () -> d8.writeUIntLE(1L << 40, 0, 5));
        assertOutOfRange("value", ">= 0 and < 2 ** 48", "281_474_976_710_656", () -> d8.writeUIntBE(1L << 48, 0, 6));
        assertOutOfRange("value", ">= 0 and < 2 ** 48", "-1", () -> d8.writeUIntLE(-1, 0, 6));
        assertOutOfRange("offset", ">= 0 and <= 5", "6", () -> d8.writeUIntLE(1, 6, 3));
        for (int i = 1; i <= 6; i++) {
            long max = (1L << (8 * i)) - 1;
            assertEquals(i, d8.writeUIntBE(max, 0, i));
            assertEquals(max, d8.readUIntBE(0, i));
            assertEquals(1 + i, d8.writeUIntLE(max - 1, 1, i));
            assertEquals(max - 1, d8.readUIntLE(1, i));
        }
        Buffer b3 = Buffer.alloc(3);
        b3.writeUIntLE(0x123456, 0, 3);
        assertEquals("563412", hex(b3));
    }

    @Test
    void sharedSlice() {
        Buffer view = embedded(Buffer.alloc(8));
        assertEquals(4, view.writeUInt32BE(0xdeadbeefL, 0));
        assertEquals(8, view.writeInt32LE(-2, 4));
        assertEquals("deadbeeffeffffff", hex(view));
        assertEquals(0xdeadbeefL, view.readUInt32BE(0));
        assertEquals(0xefbeaddeL, view.readUInt32LE(0));
        assertEquals(-2, view.readInt32LE(4));
        assertEquals(0xbeef, view.subarray(2).readUInt16BE(0));
        assertOutOfRange("offset", ">= 0 and <= 4", "5", () -> view.readUInt32LE(5));
        assertOutOfRange("offset", ">= 0 and <= 6", "7", () -> view.writeUInt16LE(1, 7));
        assertEquals(6, view.writeUIntBE(0x010203040506L, 0, 6));
        assertEquals(0x010203040506L, view.readUIntBE(0, 6));
        Buffer whole = Buffer.wrap(view.asByteBuffer().array());
        assertEquals(0xEE, whole.get(6));
        assertEquals(0xEE, whole.get(15));
    }
}
