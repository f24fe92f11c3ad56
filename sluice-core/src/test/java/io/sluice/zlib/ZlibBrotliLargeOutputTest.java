package io.sluice.zlib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.loop.EventLoop;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Brotli input whose last bytes expand past the decoder's ring buffer (its window, 4 MiB at the
 * default lgwin 22): the decoder has taken in all the input but stops for room, and after the output
 * is pulled brotli4j reports NEEDS_MORE_INPUT although decoding can go on without input. Such input
 * (found with {@code zlib.brotliCompressSync} output of the benchmark's text) once failed with
 * "unexpected end of file", and a stream stalled with its last megabytes inside the decoder until
 * more input or the end came. One-shot and streamed, in several chunkings, with both engines.
 */
class ZlibBrotliLargeOutputTest {
    private static byte[] input;
    private static byte[] packed;

    @BeforeAll
    static void inputs() {
        // 64 KiB of random bytes, then 99 copies of them: 6.25 MiB from about 64 KiB of Brotli.
        byte[] block = ZlibTesting.random(1, 64 * 1024);
        input = new byte[100 * block.length];
        for (int i = 0; i < 100; i++) {
            System.arraycopy(block, 0, input, i * block.length, block.length);
        }
        packed = Zlib.brotliCompressSync(Buffer.wrap(input),
                ZlibOptions.create().brotliParam(ZlibConstants.BROTLI_PARAM_QUALITY, 5)).toByteArray();
    }

    @Test
    void oneShotDecodesOutputLargerThanTheWindow() {
        assertTrue(packed.length < 70_000, "compressed: " + packed.length);
        assertArrayEquals(input, Zlib.brotliDecompressSync(Buffer.wrap(packed)).toByteArray());
    }

    @Test
    void streamsDecodeOutputLargerThanTheWindowInEveryChunking() {
        for (int parallelism : new int[] {1, 2}) {
            for (int chunk : new int[] {1000, 65536, 0}) {
                ZlibOptions o = ZlibOptions.create().parallelism(parallelism);
                ZlibTesting.Result r = ZlibTesting.pump(() -> Zlib.createBrotliDecompress(o), packed, chunk);
                String what = "parallelism " + parallelism + ", " + chunk + "-byte writes";
                assertNull(r.error(), what);
                assertEquals(List.of("finish", "end", "close"), r.events(), what);
                assertArrayEquals(input, r.bytes(), what);
                assertTrue(r.codecEnded(), what);
            }
        }
    }

    @Test
    void everythingWrittenComesOutBeforeTheEnd() {
        for (int parallelism : new int[] {1, 2}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int[] beforeEnd = {-1};
            EventLoop.run(() -> {
                ZlibStream s = Zlib.createBrotliDecompress(ZlibOptions.create().parallelism(parallelism));
                s.onData(b -> out.writeBytes(b.toByteArray()));
                s.write(Buffer.wrap(packed), err -> {
                    // The write is decoded: a second later, all of it must have been delivered.
                    s.eventLoop().setTimeout(() -> {
                        beforeEnd[0] = out.size();
                        s.end();
                    }, 1000);
                });
            });
            assertEquals(input.length, beforeEnd[0], "parallelism " + parallelism + ": delivered before end()");
            assertArrayEquals(input, out.toByteArray());
        }
    }

    @Test
    void aTruncatedLargeStreamIsStillUnexpectedEnd() {
        byte[] cut = Arrays.copyOf(packed, packed.length - 10);
        ZlibException e = assertThrows(ZlibException.class, () -> Zlib.brotliDecompressSync(Buffer.wrap(cut)));
        assertEquals("Z_BUF_ERROR", e.code());
        assertEquals("unexpected end of file", e.getMessage());
    }
}
