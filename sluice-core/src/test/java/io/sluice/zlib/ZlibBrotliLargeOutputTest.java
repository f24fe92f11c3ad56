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
 * more input or the end came. One-shot and streamed, in several chunkings, with both engines and both
 * decoders (libbrotli through FFM, the default; brotli4j's JNI wrapper, the fallback). Also: bytes
 * after the end of a stream, and an exact maxOutputLength.
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

    /** Both decoders, the FFM one (the default) and brotli4j's JNI fallback, each run as a one-shot. */
    private static byte[] decodeWith(Codec codec, byte[] data) {
        return new OneShot.Job(codec, Buffer.wrap(data), ZlibConstants.BROTLI_OPERATION_FINISH, 16 * 1024, Buffer.MAX_LENGTH)
                .run().toByteArray();
    }

    @Test
    void bothDecodersDecodeOutputLargerThanTheWindow() {
        assertTrue(BrotliDecoderApi.available(), "FFM decoder: " + BrotliDecoderApi.UNAVAILABLE);
        long live = Codec.LIVE.get();
        assertArrayEquals(input, decodeWith(new BrotliFfmDecodeCodec(), packed), "FFM");
        assertArrayEquals(input, decodeWith(new BrotliDecodeCodec(64 * 1024), packed), "JNI");
        assertEquals(live, Codec.LIVE.get());
    }

    @Test
    void bytesAfterTheEndAreIgnoredAndNotCountedAsNodeDoes() {
        byte[] original = "hello world hello world".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] br = Zlib.brotliCompressSync(Buffer.wrap(original)).toByteArray();
        byte[] withTail = Arrays.copyOf(br, br.length + 100_000); // zeros after the stream
        assertArrayEquals(original, Zlib.brotliDecompressSync(Buffer.wrap(withTail)).toByteArray());
        assertArrayEquals(original, decodeWith(new BrotliFfmDecodeCodec(), withTail), "FFM");
        for (int chunk : new int[] {1, 7, 0}) {
            ZlibTesting.Result r = ZlibTesting.pump(() -> Zlib.createBrotliDecompress(null), withTail, chunk);
            assertNull(r.error(), chunk + "-byte writes");
            assertArrayEquals(original, r.bytes(), chunk + "-byte writes");
            assertEquals(br.length, r.bytesWritten(), chunk + "-byte writes: only the stream's bytes count");
        }
        // The JNI fallback cannot see where the stream ended inside a write (documented).
        ZlibException e = assertThrows(ZlibException.class, () -> decodeWith(new BrotliDecodeCodec(64 * 1024), withTail));
        assertEquals("ERR_BROTLI_DECOMPRESSION_FAILED", e.code());
    }

    @Test
    void maxOutputLengthIsExactForBrotliStreams() {
        for (long max : new long[] {input.length, input.length - 1}) {
            ZlibTesting.Result r = ZlibTesting.pump(
                    () -> Zlib.createBrotliDecompress(ZlibOptions.create().maxOutputLength(max)), packed, 65536);
            if (max == input.length) {
                assertNull(r.error());
                assertArrayEquals(input, r.bytes());
            } else {
                assertEquals("ERR_BUFFER_TOO_LARGE", ((io.sluice.error.NodeError) r.error()).code());
                assertTrue(r.bytes().length <= max, "delivered " + r.bytes().length + " of at most " + max);
            }
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
