package io.sluice.buffer;

import static io.sluice.buffer.BufferAsserts.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Port of nodejs/node test/parallel/test-buffer-badhex.js: hex stops at the first invalid pair. */
class BufferBadHexTest {

    @Test
    void writeStopsAtTheFirstBadPair() {
        Buffer buf1 = Buffer.alloc(4);
        assertEquals(4, buf1.length());
        assertEquals(Buffer.from(0, 0, 0, 0), buf1);
        assertEquals(2, buf1.write("abcdxx", 0, "hex"));
        assertEquals(Buffer.from(0xab, 0xcd, 0x00, 0x00), buf1);
        assertEquals("abcd0000", buf1.toString("hex"));
        assertEquals(4, buf1.write("abcdef01", 0, "hex"));
        assertEquals(Buffer.from(0xab, 0xcd, 0xef, 0x01), buf1);
        assertEquals("abcdef01", buf1.toString("hex"));

        Buffer buf2 = Buffer.from(buf1.toString("hex"), "hex");
        assertEquals(buf1.toString("hex"), buf2.toString("hex"));

        Buffer buf3 = Buffer.alloc(5);
        assertEquals(2, buf3.write("abcdxx", 1, "hex"));
        assertEquals("00abcd0000", buf3.toString("hex"));

        Buffer buf4 = Buffer.alloc(4);
        assertEquals(0, buf4.write("xxabcd", 0, "hex"));
        assertEquals("00000000", hex(buf4));
        assertEquals(0, buf4.write("xxab", 1, "hex"));
        assertEquals("00000000", hex(buf4));
        assertEquals(1, buf4.write("cdxxab", 0, "hex"));
        assertEquals("cd000000", hex(buf4));
    }

    @Test
    void fromStopsAtTheFirstBadPair() {
        Buffer buf5 = Buffer.alloc(256);
        for (int i = 0; i < 256; i++) {
            buf5.set(i, i);
        }
        String hex = buf5.toString("hex");
        assertEquals(buf5, Buffer.from(hex, "hex"));
        String badHex = hex.substring(0, 256) + "xx" + hex.substring(256, 510);
        assertEquals(buf5.slice(0, 128), Buffer.from(badHex, "hex"));
        assertEquals(1, Buffer.from("abc", "hex").length(), "odd trailing nibble dropped");
        assertEquals(0, Buffer.from("zz11", "hex").length());
    }
}
