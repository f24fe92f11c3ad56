package io.sluice.zlib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.error.NodeRangeException;
import io.sluice.loop.EventLoop;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** Decompression bombs against maxOutputLength: a clean ERR_BUFFER_TOO_LARGE, the engine ended, memory flat. */
class ZlibBombTest {
    private static final int MIB = 1 << 20;

    /**
     * A valid gzip of {@code mib} MiB of zeros, built in milliseconds: one MiB of zeros deflated and ended
     * with a full flush is a byte-aligned, history-free segment, so the same bytes repeated decode to
     * any multiple of it; a final empty fixed block (03 00) and the trailer close the member.
     */
    static byte[] zeroBomb(int mib) {
        Deflater d = new Deflater(9, true);
        d.setInput(new byte[MIB]);
        byte[] buf = new byte[64 * 1024];
        int n = d.deflate(buf, 0, buf.length, Deflater.FULL_FLUSH);
        d.end();
        CRC32 crc = new CRC32();
        byte[] zeros = new byte[MIB];
        for (int i = 0; i < mib; i++) {
            crc.update(zeros);
        }
        long c = crc.getValue();
        long size = (long) mib * MIB;
        ByteArrayOutputStream out = new ByteArrayOutputStream(10 + n * mib + 10);
        out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3});
        for (int i = 0; i < mib; i++) {
            out.write(buf, 0, n);
        }
        out.writeBytes(new byte[] {3, 0, (byte) c, (byte) (c >>> 8), (byte) (c >>> 16), (byte) (c >>> 24),
            (byte) size, (byte) (size >>> 8), (byte) (size >>> 16), (byte) (size >>> 24)});
        return out.toByteArray();
    }

    @Test
    void theBombBuilderMakesValidGzip() throws IOException {
        byte[] small = zeroBomb(3);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(small))) {
            assertArrayEquals(new byte[3 * MIB], in.readAllBytes());
        }
        assertEquals(3 * MIB, Zlib.gunzipSync(Buffer.wrap(small)).length());
    }

    @Test
    void tenGibibyteBombStopsAtTheLimitInAStream() {
        byte[] bomb = zeroBomb(10 * 1024); // 10 GiB of zeros in about 10 MB
        long limit = 64L * MIB;
        long[] received = new long[1];
        List<String> events = new ArrayList<>();
        Throwable[] error = new Throwable[1];
        ZlibStream[] s = new ZlibStream[1];
        long liveBefore = ZlibStream.liveCodecs();
        long t0 = System.nanoTime();
        EventLoop.run(() -> {
            ZlibStream g = Zlib.createGunzip(ZlibOptions.create().maxOutputLength(limit));
            s[0] = g;
            g.onData(b -> received[0] += b.length());
            g.onError(e -> {
                events.add("error");
                error[0] = e;
            });
            g.onEnd(() -> events.add("end"));
            g.onClose(() -> events.add("close"));
            for (int off = 0; off < bomb.length; off += 65536) {
                g.write(Buffer.wrap(bomb, off, Math.min(65536, bomb.length - off)));
            }
            g.end();
        });
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(List.of("error", "close"), events);
        NodeRangeException e = assertInstanceOf(NodeRangeException.class, error[0]);
        assertEquals("ERR_BUFFER_TOO_LARGE", e.code());
        assertEquals("Cannot create a Buffer larger than 67108864 bytes", e.getMessage());
        assertTrue(received[0] <= limit, "received " + received[0]);
        assertTrue(received[0] > limit - ZlibConstants.Z_DEFAULT_CHUNK, "received " + received[0]);
        assertTrue(s[0].codecEnded(), "Inflater ended");
        assertEquals(liveBefore, ZlibStream.liveCodecs());
        assertTrue(ms < 20_000, "took " + ms + " ms");
    }

    @Test
    void bombFailsOneShotCallsToo() {
        byte[] bomb = zeroBomb(1024);
        long liveBefore = ZlibStream.liveCodecs();
        NodeRangeException e = assertThrows(NodeRangeException.class,
                () -> Zlib.gunzipSync(Buffer.wrap(bomb), ZlibOptions.create().maxOutputLength(64L * MIB)));
        assertEquals("Cannot create a Buffer larger than 67108864 bytes", e.getMessage());
        assertEquals(liveBefore, ZlibStream.liveCodecs(), "Inflater ended");
        NodeRangeException async = assertInstanceOf(NodeRangeException.class, assertThrows(Exception.class,
                () -> Zlib.unzip(Buffer.wrap(bomb), ZlibOptions.create().maxOutputLength(MIB)).join()).getCause());
        assertEquals("ERR_BUFFER_TOO_LARGE", async.code());
    }

    @Test
    void brotliBombStopsAtTheLimit() {
        Buffer bomb = Zlib.brotliCompressSync(Buffer.alloc(128 * MIB),
                ZlibOptions.create().brotliParam(ZlibConstants.BROTLI_PARAM_QUALITY, 1));
        assertTrue(bomb.length() < MIB, "bomb is " + bomb.length());
        ZlibTesting.Result r = ZlibTesting.pump(
                () -> Zlib.createBrotliDecompress(ZlibOptions.create().maxOutputLength(16 * MIB)), bomb.toByteArray(), 4096);
        assertEquals("ERR_BUFFER_TOO_LARGE", ((NodeRangeException) r.error()).code());
        assertTrue(r.bytes().length <= 16 * MIB);
        assertTrue(r.codecEnded());
    }
}
