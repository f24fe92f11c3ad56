package io.sluice.buffer;

import static io.sluice.buffer.BufferAsserts.assertRange;
import static io.sluice.buffer.BufferAsserts.embedded;
import static io.sluice.buffer.BufferAsserts.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/**
 * Port of nodejs/node test/parallel/test-buffer-swap.js. Node 20 words the error "Buffer size
 * must be a multiple of 16-bits" (the old file's "Buffer length ..." text is not Node 20's).
 */
class BufferSwapTest {

    @Test
    void swapsInPlace() {
        Buffer buf = Buffer.from(0x1, 0x2, 0x3, 0x4);
        assertSame(buf, buf.swap16());
        assertEquals(Buffer.from(0x2, 0x1, 0x4, 0x3), buf);
        assertSame(buf, buf.swap32());
        assertEquals(Buffer.from(0x3, 0x4, 0x1, 0x2), buf);

        int[] arr = new int[32];
        for (int i = 0; i < 32; i++) {
            arr[i] = i + 1;
        }
        Buffer buf2 = Buffer.from(arr);
        buf2.swap32();
        assertEquals("04030201080706050c0b0a09100f0e0d14131211181716151c1b1a19201f1e1d", hex(buf2));
        buf2.swap16();
        assertEquals("03040102070805060b0c090a0f100d0e13141112171815161b1c191a1f201d1e", hex(buf2));

        Buffer buf8 = Buffer.from(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);
        assertSame(buf8, buf8.swap64());
        assertEquals("0807060504030201100f0e0d0c0b0a09", hex(buf8));
    }

    @Test
    void slicesSwapOnlyTheirBytes() {
        Buffer buf3 = Buffer.from(0x1, 0x2, 0x3, 0x4, 0x5, 0x6, 0x7);
        buf3.slice(1, 5).swap32();
        assertEquals(Buffer.from(0x1, 0x5, 0x4, 0x3, 0x2, 0x6, 0x7), buf3);
        buf3.slice(1, 5).swap16();
        assertEquals(Buffer.from(0x1, 0x4, 0x5, 0x2, 0x3, 0x6, 0x7), buf3);
        Buffer view = embedded(Buffer.from(1, 2, 3, 4, 5, 6, 7, 8));
        view.swap64();
        assertEquals("0807060504030201", hex(view));
        Buffer whole = Buffer.wrap(view.asByteBuffer().array());
        assertEquals(0xEE, whole.get(6));
        assertEquals(0xEE, whole.get(15));
    }

    @Test
    void largeBuffers() {
        Buffer buf4 = Buffer.allocUnsafe(1024).fill(Buffer.from(1, 2, 3, 4));
        Buffer buf5 = Buffer.allocUnsafe(1024).fill(Buffer.from(2, 1, 4, 3));
        Buffer buf6 = Buffer.allocUnsafe(1024).fill(Buffer.from(1, 2, 3, 4, 5, 6, 7, 8));
        Buffer buf7 = Buffer.allocUnsafe(1024).fill(Buffer.from(4, 3, 2, 1, 8, 7, 6, 5));
        Buffer buf8 = Buffer.allocUnsafe(1024).fill(Buffer.from(8, 7, 6, 5, 4, 3, 2, 1));
        buf4.swap16();
        assertEquals(buf5, buf4);
        Buffer copy6 = Buffer.from(buf6);
        buf6.swap32();
        assertEquals(buf7, buf6);
        copy6.swap64();
        assertEquals(buf8, copy6);
    }

    @Test
    void sizeErrors() {
        Buffer buf3 = Buffer.from(1, 2, 3, 4, 5, 6, 7);
        String m16 = "Buffer size must be a multiple of 16-bits";
        String m32 = "Buffer size must be a multiple of 32-bits";
        String m64 = "Buffer size must be a multiple of 64-bits";
        assertRange("ERR_INVALID_BUFFER_SIZE", m16, () -> Buffer.from(buf3).swap16());
        assertRange("ERR_INVALID_BUFFER_SIZE", m16, () -> Buffer.alloc(1025).swap16());
        assertRange("ERR_INVALID_BUFFER_SIZE", m32, () -> Buffer.from(buf3).swap32());
        assertRange("ERR_INVALID_BUFFER_SIZE", m32, () -> buf3.slice(1, 3).swap32());
        assertRange("ERR_INVALID_BUFFER_SIZE", m32, () -> Buffer.alloc(1025).swap32());
        assertRange("ERR_INVALID_BUFFER_SIZE", m64, () -> buf3.slice(1, 5).swap64());
        assertRange("ERR_INVALID_BUFFER_SIZE", m64, () -> Buffer.alloc(1025).swap64());
        assertEquals(0, Buffer.alloc(0).swap64().length());
    }
}
