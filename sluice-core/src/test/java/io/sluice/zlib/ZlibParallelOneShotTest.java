package io.sluice.zlib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.error.ErrorCodes;
import io.sluice.error.NodeRangeException;
import io.sluice.loop.EventLoop;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * The one-shot compressors on several threads ({@link ParallelOneShot}): the bytes equal a parallel
 * stream's given the same input in one write, they decode to the input, and everything else (small
 * inputs, another finishFlush, parallelism 1, Brotli) keeps the classic codec. Limits, interrupts and
 * resources. (ZlibParallelDifferentialTest has Node decode the same outputs.)
 */
class ZlibParallelOneShotTest {
    private static final int BLOCK = ParallelDeflate.BLOCK;

    private static ZlibMode decoder(ZlibMode m) {
        return switch (m) {
            case GZIP -> ZlibMode.GUNZIP;
            case DEFLATE -> ZlibMode.INFLATE;
            default -> ZlibMode.INFLATERAW;
        };
    }

    private static byte[] streamBytes(ZlibMode mode, ZlibOptions o, byte[] input) {
        ZlibTesting.Result r = ZlibTesting.pump(() -> Zlib.create(mode, o), input, 0);
        assertNull(r.error());
        return r.bytes();
    }

    @Test
    void oneShotBytesEqualAParallelStreamsAndDecodeToTheInput() {
        int[] sizes = {BLOCK + 1, 2 * BLOCK, 2 * BLOCK + 5, (3 << 20) + 77};
        for (ZlibMode mode : new ZlibMode[] {ZlibMode.GZIP, ZlibMode.DEFLATE, ZlibMode.DEFLATERAW}) {
            for (int level : new int[] {1, 6, 9}) {
                for (int size : sizes) {
                    if (size > 3 * BLOCK && level != 1) {
                        continue; // the many-block size at one level: level 9 on 3 MiB costs seconds per case
                    }
                    byte[] input = ZlibTesting.text(size + level, size);
                    for (int p : new int[] {2, 3}) {
                        ZlibOptions o = ZlibOptions.create().level(level).parallelism(p);
                        String what = mode + " level " + level + " size " + size + " parallelism " + p;
                        byte[] oneShot = Zlib.processSync(mode, Buffer.wrap(input), o).toByteArray();
                        assertArrayEquals(streamBytes(mode, o, input), oneShot, what);
                        assertArrayEquals(input, Zlib.processSync(decoder(mode), Buffer.wrap(oneShot), null).toByteArray(), what);
                    }
                }
            }
        }
    }

    @Test
    void aSliceOfALargerArrayIsCompressedAsItself() {
        byte[] backing = ZlibTesting.text(3, 5 * BLOCK);
        Buffer slice = Buffer.wrap(backing, 1000, 3 * BLOCK + 11);
        byte[] copy = slice.toByteArray();
        ZlibOptions o = ZlibOptions.create().parallelism(2);
        assertArrayEquals(Zlib.gzipSync(Buffer.wrap(copy), o).toByteArray(), Zlib.gzipSync(slice, o).toByteArray());
        assertArrayEquals(copy, Zlib.gunzipSync(Zlib.gzipSync(slice, o)).toByteArray());
    }

    @Test
    void aPresetDictionaryPrimesTheFirstBlockAsTheStreamDoes() {
        byte[] dict = ZlibTesting.text(13, 40_000);
        byte[] input = ZlibTesting.text(14, 400_000);
        for (ZlibMode mode : new ZlibMode[] {ZlibMode.DEFLATE, ZlibMode.DEFLATERAW}) {
            ZlibOptions o = ZlibOptions.create().dictionary(Buffer.wrap(dict)).parallelism(2);
            byte[] oneShot = Zlib.processSync(mode, Buffer.wrap(input), o).toByteArray();
            assertArrayEquals(streamBytes(mode, o, input), oneShot, mode.toString());
            assertArrayEquals(input, Zlib.processSync(decoder(mode), Buffer.wrap(oneShot),
                    ZlibOptions.create().dictionary(Buffer.wrap(dict))).toByteArray(), mode.toString());
        }
    }

    @Test
    void smallInputsOtherFinishFlushesAndParallelismOneKeepTheClassicBytes() {
        ZlibOptions classic = ZlibOptions.create().parallelism(1);
        ZlibOptions two = ZlibOptions.create().parallelism(2);
        byte[] small = ZlibTesting.text(5, BLOCK);
        assertArrayEquals(Zlib.gzipSync(Buffer.wrap(small), classic).toByteArray(),
                Zlib.gzipSync(Buffer.wrap(small), two).toByteArray(), "one block");
        byte[] large = ZlibTesting.text(6, 3 * BLOCK);
        assertNotEquals(Arrays.toString(Zlib.gzipSync(Buffer.wrap(large), classic).toByteArray()),
                Arrays.toString(Zlib.gzipSync(Buffer.wrap(large), two).toByteArray()), "blocks (sync-flush markers)");
        ZlibOptions sync = ZlibOptions.create().finishFlush(ZlibConstants.Z_SYNC_FLUSH);
        assertArrayEquals(Zlib.deflateRawSync(Buffer.wrap(large), sync.parallelism(1)).toByteArray(),
                Zlib.deflateRawSync(Buffer.wrap(large), ZlibOptions.create().finishFlush(ZlibConstants.Z_SYNC_FLUSH)
                        .parallelism(2)).toByteArray(), "finishFlush Z_SYNC_FLUSH leaves the stream open: classic");
        // Brotli ignores parallelism: same bytes either way.
        assertArrayEquals(Zlib.brotliCompressSync(Buffer.wrap(large), classic).toByteArray(),
                Zlib.brotliCompressSync(Buffer.wrap(large), two).toByteArray(), "brotli");
    }

    @Test
    void theAsyncFormGivesTheSameBytesOnAndOffALoop() throws Exception {
        byte[] input = ZlibTesting.text(7, 3 * BLOCK + 3);
        ZlibOptions o = ZlibOptions.create().parallelism(2);
        byte[] sync = Zlib.gzipSync(Buffer.wrap(input), o).toByteArray();
        assertArrayEquals(sync, Zlib.gzip(Buffer.wrap(input), o).get().toByteArray(), "off a loop");
        byte[][] onLoop = new byte[1][];
        EventLoop.run(() -> Zlib.gzip(Buffer.wrap(input), o).thenAccept(b -> onLoop[0] = b.toByteArray()));
        assertArrayEquals(sync, onLoop[0], "on a loop");
        // And the synchronous call on the loop's own thread.
        byte[][] inLoop = new byte[1][];
        EventLoop.run(() -> inLoop[0] = Zlib.gzipSync(Buffer.wrap(input), o).toByteArray());
        assertArrayEquals(sync, inLoop[0], "gzipSync on a loop thread");
    }

    @Test
    void maxOutputLengthFailsTheCallAndEndsEveryDeflater() throws Exception {
        byte[] input = ZlibTesting.random(8, 4 * BLOCK); // incompressible: the output passes the limit
        long live = Codec.LIVE.get();
        ZlibOptions o = ZlibOptions.create().parallelism(3).maxOutputLength(2 * BLOCK);
        NodeRangeException e = assertThrows(NodeRangeException.class, () -> Zlib.gzipSync(Buffer.wrap(input), o));
        assertEquals(ErrorCodes.ERR_BUFFER_TOO_LARGE, e.code());
        assertEquals("Cannot create a Buffer larger than " + (2 * BLOCK) + " bytes", e.getMessage());
        ExecutionException async = assertThrows(ExecutionException.class, () -> Zlib.gzip(Buffer.wrap(input), o).get());
        assertEquals(ErrorCodes.ERR_BUFFER_TOO_LARGE, ((NodeRangeException) async.getCause()).code());
        assertEquals(live, Codec.LIVE.get(), "codecs still open");
        // Just under the limit passes.
        int exact = Zlib.gzipSync(Buffer.wrap(input), ZlibOptions.create().parallelism(3)).length();
        assertEquals(exact, Zlib.gzipSync(Buffer.wrap(input), ZlibOptions.create().parallelism(3).maxOutputLength(exact)).length());
    }

    @Test
    void anInterruptedCallerStillGetsItsResultAndKeepsTheInterrupt() {
        byte[] input = ZlibTesting.text(9, 6 * BLOCK);
        ZlibOptions o = ZlibOptions.create().parallelism(2);
        byte[] expected = Zlib.gzipSync(Buffer.wrap(input), o).toByteArray();
        Thread.currentThread().interrupt();
        try {
            assertArrayEquals(expected, Zlib.gzipSync(Buffer.wrap(input), o).toByteArray());
            assertTrue(Thread.currentThread().isInterrupted(), "interrupt status kept");
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void badOptionsThrowFromTheCallWhateverTheInputSize() {
        for (int size : new int[] {1, 3 * BLOCK}) {
            NodeRangeException p = assertThrows(NodeRangeException.class,
                    () -> Zlib.gzipSync(Buffer.alloc(size), ZlibOptions.create().parallelism(65)));
            assertEquals("The value of \"options.parallelism\" is out of range. It must be >= 0 and <= 64. Received 65",
                    p.getMessage());
            NodeRangeException level = assertThrows(NodeRangeException.class,
                    () -> Zlib.gzipSync(Buffer.alloc(size), ZlibOptions.create().level(10).parallelism(2)));
            assertEquals(ErrorCodes.ERR_OUT_OF_RANGE, level.code());
        }
        // Decompressors ignore the option, as before.
        assertEquals("x", Zlib.gunzipSync(Zlib.gzipSync(Buffer.from("x")), ZlibOptions.create().parallelism(2)).toString());
    }
}
