package io.sluice.buffer;

import static io.sluice.buffer.BufferAsserts.assertOutOfRange;
import static io.sluice.buffer.BufferAsserts.assertType;
import static io.sluice.buffer.BufferAsserts.embedded;
import static io.sluice.buffer.BufferAsserts.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Port of nodejs/node test/parallel/test-buffer-write.js. Node 20 words the offset error as
 * {@code ERR_OUT_OF_RANGE} ("It must be &gt;= 0 &amp;&amp; &lt;= 9"); the older "Attempt to write
 * outside buffer bounds" text of the file is not what Node 20 throws.
 */
class BufferWriteTest {

    private static final Map<String, String> RESULTS = Map.of(
            "utf8", "666f6f000000000000",
            "ucs2", "66006f006f00000000",
            "ascii", "666f6f000000000000",
            "latin1", "666f6f000000000000",
            "binary", "666f6f000000000000",
            "utf16le", "66006f006f00000000",
            "base64", "666f6f000000000000",
            "hex", "666f6f000000000000");

    @Test
    void offsetsOutsideTheBuffer() {
        assertOutOfRange("offset", ">= 0 && <= 9", "-1", () -> Buffer.alloc(9).write("foo", -1));
        assertOutOfRange("offset", ">= 0 && <= 9", "10", () -> Buffer.alloc(9).write("foo", 10));
        assertOutOfRange("length", ">= 0 && <= 9", "10", () -> Buffer.alloc(9).write("foo", 0, 10));
        assertOutOfRange("length", ">= 0 && <= 9", "-1", () -> Buffer.alloc(9).write("foo", 0, -1));
        assertEquals(0, Buffer.alloc(9).write("foo", 9));
        // Ranges are checked before the encoding.
        assertOutOfRange("offset", ">= 0 && <= 9", "-1", () -> Buffer.alloc(9).write("foo", -1, 3, "bogus"));
        assertType("ERR_UNKNOWN_ENCODING", "Unknown encoding: bogus", () -> Buffer.alloc(9).write("foo", 0, 3, "bogus"));
        assertEquals(3, Buffer.alloc(9).write("foo", 0, 3, ""));
    }

    @Test
    void everyEncodingAndSpelling() {
        for (String e : new String[] {"utf8", "utf-8", "ucs2", "ucs-2", "ascii", "latin1", "binary", "utf16le", "utf-16le"}) {
            for (String encoding : new String[] {e, e.toUpperCase(Locale.ROOT)}) {
                Buffer buf = Buffer.alloc(9);
                int len = Buffer.byteLength("foo", encoding);
                assertEquals(len, buf.write("foo", 0, len, encoding));
                assertEquals(RESULTS.get(e.replace("-", "")), hex(buf), encoding);
            }
        }
        for (String encoding : new String[] {"base64", "BASE64"}) {
            Buffer buf = Buffer.alloc(9);
            int len = Buffer.byteLength("Zm9v", encoding);
            assertEquals(len, buf.write("Zm9v", 0, len, encoding));
            assertEquals(RESULTS.get("base64"), hex(buf));
        }
        for (String encoding : new String[] {"hex", "HEX"}) {
            Buffer buf = Buffer.alloc(9);
            int len = Buffer.byteLength("666f6f", encoding);
            assertEquals(len, buf.write("666f6f", 0, len, encoding));
            assertEquals(RESULTS.get("hex"), hex(buf));
        }
    }

    @Test
    void encodingEnumOverloads() {
        Buffer buf = Buffer.alloc(6);
        assertEquals(4, buf.write("ab", 1, Encoding.UTF16LE));
        assertEquals("006100620000", hex(buf));
        assertEquals(2, buf.write("ffee", Encoding.HEX));
        assertEquals(1, buf.write("ffee", 4, 1, Encoding.HEX));
        assertEquals("ffee0062ff00", hex(buf));
    }

    @Test
    void partialCharactersAreNotWritten() {
        Buffer buf = Buffer.alloc(5);
        assertEquals(4, buf.write("a€"));
        assertEquals("61e282ac00", hex(buf));
        assertEquals(1, Buffer.alloc(3).write("a€"));
        assertEquals(0, Buffer.alloc(3).write("😀"));
        assertEquals(2, Buffer.alloc(3).write("😀", "ucs2"));
        assertEquals(2, Buffer.alloc(3).write("é😀"));
    }

    @Test
    void sharedSlice() {
        Buffer view = embedded(Buffer.alloc(4));
        assertEquals(4, view.write("abcdef"));
        assertEquals("abcd", view.toString());
        assertEquals(2, view.write("xyz", 2));
        assertEquals("abxy", view.toString());
        assertOutOfRange("offset", ">= 0 && <= 4", "5", () -> view.write("a", 5));
        Buffer whole = Buffer.wrap(view.asByteBuffer().array());
        assertEquals(0xEE, whole.get(6));
        assertEquals(0xEE, whole.get(11));
    }
}
