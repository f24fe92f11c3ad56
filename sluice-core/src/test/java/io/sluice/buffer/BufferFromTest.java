package io.sluice.buffer;

import static io.sluice.buffer.BufferAsserts.assertRange;
import static io.sluice.buffer.BufferAsserts.assertType;
import static io.sluice.buffer.BufferAsserts.embedded;
import static io.sluice.buffer.BufferAsserts.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * Port of nodejs/node test/parallel/test-buffer-from.js plus the {@code from} rows of
 * NODE-SEMANTICS §1.6. The file's cases are about JS coercion (String objects,
 * {@code Symbol.toPrimitive}, objects that are not array-like, numbers giving
 * {@code ERR_INVALID_ARG_TYPE}); Java's static types rule those out, so what is ported is the
 * contract of each overload: strings, masked arrays, copies versus shared views.
 */
class BufferFromTest {

    @Test
    void strings() {
        Buffer check = Buffer.from("test");
        assertEquals("74657374", hex(check));
        assertEquals(check, Buffer.from(new String("test")));
        assertEquals(check, Buffer.from("test", (String) null));
        assertEquals(check, Buffer.from("test", ""), "an empty encoding name means utf8");
        assertEquals(check, Buffer.from("dGVzdA==", Encoding.BASE64));
        assertEquals(2, Buffer.from("99").length(), "strings are not numbers");
        assertEquals(5, Buffer.from("13.37").length());
        assertType("ERR_UNKNOWN_ENCODING", "Unknown encoding: bogus", () -> Buffer.from("ab", "bogus"));
        assertType("ERR_UNKNOWN_ENCODING", "Unknown encoding: bogus", () -> Buffer.from("", "bogus"));
    }

    @Test
    void arraysAreMasked() {
        assertEquals("00ff07", hex(Buffer.from(256, -1, 7)));
        assertEquals("00ff07", hex(Buffer.of(256, -1, 7)));
        assertEquals(0, Buffer.of().length());
        byte[] bytes = {1, 2, 3};
        Buffer copy = Buffer.from(bytes);
        bytes[0] = 9;
        assertEquals(1, copy.get(0), "from(byte[]) copies");
    }

    @Test
    void fromBufferCopiesOnlyTheView() {
        Buffer view = embedded(Buffer.from("xyz"));
        Buffer copy = Buffer.from(view);
        assertEquals("xyz", copy.toString());
        assertEquals(3, copy.toByteArray().length);
        copy.set(0, 'a');
        assertEquals("xyz", view.toString());
    }

    @Test
    void fromByteBufferCopiesTheRemainder() {
        ByteBuffer bb = ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5});
        bb.position(1).limit(4);
        Buffer b = Buffer.from(bb);
        assertEquals("020304", hex(b));
        assertEquals(1, bb.position(), "position unchanged");
        bb.put(1, (byte) 9);
        assertEquals(2, b.get(0), "a copy");
        assertEquals("0a0b", hex(Buffer.from(ByteBuffer.allocateDirect(2).put((byte) 10).put((byte) 11).flip())));
    }

    @Test
    void wrapShares() {
        byte[] arr = {1, 2, 3, 4};
        Buffer all = Buffer.wrap(arr);
        Buffer mid = Buffer.wrap(arr, 1, 2);
        assertEquals(1, mid.byteOffset());
        mid.set(0, 0xff);
        assertEquals((byte) 0xff, arr[1]);
        assertEquals(0xff, all.get(1));
        assertEquals(0, Buffer.wrap(arr, 4, 0).length());
        assertEquals(0, Buffer.wrap(arr, 2, -5).length(), "Node turns a negative length into 0");
        assertRange("ERR_BUFFER_OUT_OF_BOUNDS", "\"offset\" is outside of buffer bounds", () -> Buffer.wrap(arr, 5, 0));
        assertRange("ERR_BUFFER_OUT_OF_BOUNDS", "\"offset\" is outside of buffer bounds", () -> Buffer.wrap(arr, -1, 1));
        assertRange("ERR_BUFFER_OUT_OF_BOUNDS", "\"length\" is outside of buffer bounds", () -> Buffer.wrap(arr, 1, 4));
    }

    @Test
    void viewsAndConversions() {
        Buffer b = embedded(Buffer.from(1, 2, 3));
        ByteBuffer bb = b.asByteBuffer();
        assertEquals(0, bb.position());
        assertEquals(3, bb.limit());
        assertEquals(3, bb.capacity());
        bb.put(0, (byte) 7);
        assertEquals(7, b.get(0), "asByteBuffer shares");
        assertArrayEquals(new byte[] {7, 2, 3}, b.toByteArray());
        assertTrue(Buffer.isBuffer(b));
        assertFalse(Buffer.isBuffer("x"));
        assertFalse(Buffer.isBuffer(null));
        assertTrue(Buffer.isEncoding("UCS-2"));
        assertFalse(Buffer.isEncoding("buffer"));
        assertFalse(Buffer.isEncoding(null));
    }

    @Test
    void iterationAndJson() {
        Buffer b = embedded(Buffer.from(1, 2, 255));
        StringBuilder sb = new StringBuilder();
        for (int v : b) {
            sb.append(v).append(',');
        }
        assertEquals("1,2,255,", sb.toString());
        assertArrayEquals(new int[] {1, 2, 255}, b.values().toArray());
        assertArrayEquals(new int[] {0, 1, 2}, b.keys().toArray());
        assertEquals("{\"type\":\"Buffer\",\"data\":[1,2,255]}", b.toJSON());
        assertEquals("{\"type\":\"Buffer\",\"data\":[]}", Buffer.alloc(0).toJSON());
        assertEquals("<Buffer 01 02 ff>", b.inspect());
        assertEquals("<Buffer >", Buffer.alloc(0).inspect());
        assertEquals("<Buffer " + "00 ".repeat(49) + "00 ... 10 more bytes>", Buffer.alloc(60).inspect());
        assertEquals("<Buffer " + "00 ".repeat(49) + "00 ... 1 more byte>", Buffer.alloc(51).inspect());
    }
}
