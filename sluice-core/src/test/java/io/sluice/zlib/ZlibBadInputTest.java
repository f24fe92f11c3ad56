package io.sluice.zlib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.error.NodeRangeException;
import io.sluice.testing.NodeOracle;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * Corrupt, truncated and over-long inputs: each fails (or succeeds) with the code, errno and message Node
 * gives (verified with node 20, and re-checked against node when it is installed), in one-shot calls and
 * streams alike, and the native engine is ended.
 */
class ZlibBadInputTest {
    private static final byte[] DATA = "hello world hello world hello world".getBytes(StandardCharsets.US_ASCII);

    /** One case: the mode, the input, and Node's answer ("OK <length>" or "code errno message"). */
    record Case(String name, ZlibMode mode, byte[] input, String expected, ZlibOptions options) {}

    private static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    private static byte[] flip(byte[] b, int index, int value) {
        byte[] c = b.clone();
        c[index < 0 ? c.length + index : index] = (byte) value;
        return c;
    }

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    /** A gzip member with FEXTRA, FNAME, FCOMMENT and FHCRC; {@code goodHcrc} false breaks the header CRC. */
    static byte[] fullHeaderMember(boolean goodHcrc) {
        byte[] raw = Zlib.deflateRawSync(Buffer.wrap(DATA)).toByteArray();
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        h.writeBytes(bytes(0x1f, 0x8b, 8, 2 | 4 | 8 | 16, 1, 2, 3, 4, 0, 3));
        h.writeBytes(bytes(3, 0, 'a', 'b', 'c'));
        h.writeBytes("name.txt\0".getBytes(StandardCharsets.US_ASCII));
        h.writeBytes("a comment\0".getBytes(StandardCharsets.US_ASCII));
        CRC32 hc = new CRC32();
        hc.update(h.toByteArray());
        int crc16 = (int) hc.getValue() & 0xffff ^ (goodHcrc ? 0 : 1);
        h.writeBytes(bytes(crc16 & 0xff, crc16 >>> 8));
        CRC32 c = new CRC32();
        c.update(DATA);
        long v = c.getValue();
        return cat(h.toByteArray(), raw, bytes((int) v, (int) (v >>> 8), (int) (v >>> 16), (int) (v >>> 24), DATA.length, 0, 0, 0));
    }

    static List<Case> cases() {
        byte[] gz = Zlib.gzipSync(Buffer.wrap(DATA)).toByteArray();
        byte[] df = Zlib.deflateSync(Buffer.wrap(DATA)).toByteArray();
        byte[] stored = Zlib.deflateRawSync(Buffer.wrap(DATA), ZlibOptions.create().level(0)).toByteArray();
        byte[] dict = "hello world".getBytes(StandardCharsets.US_ASCII);
        byte[] withDict = Zlib.deflateSync(Buffer.wrap(DATA), ZlibOptions.create().dictionary(Buffer.wrap(dict))).toByteArray();
        String eof = "Z_BUF_ERROR -5 unexpected end of file";
        String ok = "OK " + DATA.length;
        List<Case> c = new ArrayList<>();
        c.add(new Case("gzip ok", ZlibMode.GUNZIP, gz, ok, null));
        c.add(new Case("gzip truncated trailer", ZlibMode.GUNZIP, Arrays.copyOf(gz, gz.length - 3), eof, null));
        c.add(new Case("gzip truncated header", ZlibMode.GUNZIP, Arrays.copyOf(gz, 5), eof, null));
        c.add(new Case("gzip one byte", ZlibMode.GUNZIP, Arrays.copyOf(gz, 1), eof, null));
        c.add(new Case("gzip empty", ZlibMode.GUNZIP, new byte[0], eof, null));
        c.add(new Case("gzip bad crc", ZlibMode.GUNZIP, flip(gz, -8, gz[gz.length - 8] ^ 1), "Z_DATA_ERROR -3 incorrect data check", null));
        // zlib checks the CRC when its 4 bytes are in, before ISIZE (node: gunzipSync and the stream).
        c.add(new Case("gzip bad crc, isize cut", ZlibMode.GUNZIP,
                Arrays.copyOf(flip(gz, -8, gz[gz.length - 8] ^ 1), gz.length - 2), "Z_DATA_ERROR -3 incorrect data check", null));
        c.add(new Case("gzip cut inside crc", ZlibMode.GUNZIP, Arrays.copyOf(gz, gz.length - 5), eof, null));
        c.add(new Case("gzip bad isize", ZlibMode.GUNZIP, flip(gz, -1, gz[gz.length - 1] ^ 1), "Z_DATA_ERROR -3 incorrect length check", null));
        c.add(new Case("gzip bad magic", ZlibMode.GUNZIP, flip(gz, 0, 0), "Z_DATA_ERROR -3 incorrect header check", null));
        c.add(new Case("gzip bad method", ZlibMode.GUNZIP, flip(gz, 2, 7), "Z_DATA_ERROR -3 unknown compression method", null));
        c.add(new Case("gzip reserved flags", ZlibMode.GUNZIP, flip(gz, 3, 0xe0), "Z_DATA_ERROR -3 unknown header flags set", null));
        c.add(new Case("gzip two members", ZlibMode.GUNZIP, cat(gz, gz), "OK " + 2 * DATA.length, null));
        c.add(new Case("gzip zero padding", ZlibMode.GUNZIP, cat(gz, new byte[10]), ok, null));
        c.add(new Case("gzip zero then garbage", ZlibMode.GUNZIP, cat(gz, bytes(0, 0, 1, 2)), ok, null));
        c.add(new Case("gzip trailing garbage", ZlibMode.GUNZIP, cat(gz, "xyz".getBytes(StandardCharsets.US_ASCII)),
                "Z_DATA_ERROR -3 incorrect header check", null));
        c.add(new Case("gzip trailing 1f", ZlibMode.GUNZIP, cat(gz, bytes(0x1f)), eof, null));
        c.add(new Case("gzip trailing 1f 8b ff ff", ZlibMode.GUNZIP, cat(gz, bytes(0x1f, 0x8b, 0xff, 0xff)),
                "Z_DATA_ERROR -3 unknown compression method", null));
        c.add(new Case("gzip trailing bare header", ZlibMode.GUNZIP, cat(gz, bytes(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3)), eof, null));
        c.add(new Case("gzip all header fields", ZlibMode.GUNZIP, fullHeaderMember(true), ok, null));
        c.add(new Case("gzip header crc mismatch", ZlibMode.GUNZIP, fullHeaderMember(false), "Z_DATA_ERROR -3 header crc mismatch", null));
        c.add(new Case("gzip truncated, finishFlush sync", ZlibMode.GUNZIP, Arrays.copyOf(gz, gz.length - 3), ok,
                ZlibOptions.create().finishFlush(ZlibConstants.Z_SYNC_FLUSH)));
        c.add(new Case("raw bad stored lengths", ZlibMode.INFLATERAW, flip(stored, 1, stored[1] ^ 0xff),
                "Z_DATA_ERROR -3 invalid stored block lengths", null));
        c.add(new Case("raw bad block type", ZlibMode.INFLATERAW, flip(stored, 0, 7), "Z_DATA_ERROR -3 invalid block type", null));
        c.add(new Case("raw empty", ZlibMode.INFLATERAW, new byte[0], eof, null));
        c.add(new Case("raw trailing garbage", ZlibMode.INFLATERAW, cat(stored, "xyz".getBytes(StandardCharsets.US_ASCII)), ok, null));
        c.add(new Case("zlib bad header", ZlibMode.INFLATE, flip(df, 0, 0x79), "Z_DATA_ERROR -3 incorrect header check", null));
        c.add(new Case("zlib bad adler", ZlibMode.INFLATE, flip(df, -1, df[df.length - 1] ^ 1), "Z_DATA_ERROR -3 incorrect data check", null));
        c.add(new Case("zlib truncated", ZlibMode.INFLATE, Arrays.copyOf(df, df.length - 2), eof, null));
        c.add(new Case("zlib two streams", ZlibMode.INFLATE, cat(df, df), ok, null));
        c.add(new Case("zlib missing dictionary", ZlibMode.INFLATE, withDict, "Z_NEED_DICT 2 Missing dictionary", null));
        c.add(new Case("zlib bad dictionary", ZlibMode.INFLATE, withDict, "Z_NEED_DICT 2 Bad dictionary",
                ZlibOptions.create().dictionary(Buffer.from("xx"))));
        c.add(new Case("zlib good dictionary", ZlibMode.INFLATE, withDict, ok, ZlibOptions.create().dictionary(Buffer.wrap(dict))));
        c.add(new Case("unzip gzip", ZlibMode.UNZIP, gz, ok, null));
        c.add(new Case("unzip zlib", ZlibMode.UNZIP, df, ok, null));
        c.add(new Case("unzip two members", ZlibMode.UNZIP, cat(gz, gz), "OK " + 2 * DATA.length, null));
        c.add(new Case("unzip raw", ZlibMode.UNZIP, stored, "Z_DATA_ERROR -3 incorrect header check", null));
        c.add(new Case("unzip empty", ZlibMode.UNZIP, new byte[0], eof, null));
        c.add(new Case("gunzip max output", ZlibMode.GUNZIP, gz, "ERR_BUFFER_TOO_LARGE Cannot create a Buffer larger than 10 bytes",
                ZlibOptions.create().maxOutputLength(10)));
        c.add(new Case("gunzip max output exact", ZlibMode.GUNZIP, gz, ok, ZlibOptions.create().maxOutputLength(DATA.length)));
        byte[] br = Zlib.brotliCompressSync(Buffer.wrap(DATA)).toByteArray();
        c.add(new Case("brotli truncated", ZlibMode.BROTLI_DECODE, Arrays.copyOf(br, 5), eof, null));
        c.add(new Case("brotli empty", ZlibMode.BROTLI_DECODE, new byte[0], eof, null));
        c.add(new Case("brotli max output", ZlibMode.BROTLI_DECODE, br,
                "ERR_BUFFER_TOO_LARGE Cannot create a Buffer larger than 10 bytes", ZlibOptions.create().maxOutputLength(10)));
        return c;
    }

    static String describe(Throwable e) {
        if (e instanceof ZlibException z) {
            return z.code() + " " + z.errno() + " " + z.getMessage();
        }
        if (e instanceof NodeRangeException r) {
            return r.code() + " " + r.getMessage();
        }
        throw new AssertionError("unexpected exception", e);
    }

    @Test
    void oneShotCallsReportNodesErrors() {
        for (Case c : cases()) {
            String got;
            try {
                got = "OK " + Zlib.processSync(c.mode(), Buffer.wrap(c.input()), c.options()).length();
            } catch (RuntimeException e) {
                got = describe(e);
            }
            assertEquals(c.expected(), got, c.name());
        }
    }

    @Test
    void streamsReportTheSameErrorsAndEndTheirEngine() {
        long liveBefore = ZlibStream.liveCodecs();
        for (Case c : cases()) {
            ZlibTesting.Result r = ZlibTesting.pump(() -> Zlib.create(c.mode(), c.options()), c.input(), 0);
            String got = r.error() == null ? "OK " + r.bytes().length : describe(r.error());
            assertEquals(c.expected(), got, c.name());
            assertTrue(r.codecEnded(), c.name());
            if (r.error() != null) {
                assertEquals(List.of("error", "close"), r.events().stream().filter(e -> !e.equals("finish")).toList(), c.name());
            }
        }
        assertEquals(liveBefore, ZlibStream.liveCodecs(), "every engine ended");
    }

    @Test
    void nodeAgreesWithEveryCase() {
        org.junit.jupiter.api.Assumptions.assumeTrue(NodeOracle.available(), NodeOracle.SKIP_MESSAGE);
        List<Case> cases = cases();
        List<byte[]> frames = new ArrayList<>();
        for (Case c : cases) {
            String opts = c.options() == null ? "{}" : c.name().contains("finishFlush") ? "{finishFlush: 2}"
                    : c.name().contains("max output exact") ? "{maxOutputLength: " + DATA.length + "}"
                    : c.name().contains("max output") ? "{maxOutputLength: 10}"
                    : c.name().contains("bad dictionary") ? "{dictionary: Buffer.from('xx')}"
                    : "{dictionary: Buffer.from('hello world')}";
            frames.add((c.mode().name() + "|" + opts).getBytes(StandardCharsets.US_ASCII));
            frames.add(c.input());
        }
        List<byte[]> answers = NodeOracle.run("""
                const zlib = require('zlib');
                const fns = {GUNZIP: zlib.gunzipSync, INFLATE: zlib.inflateSync, INFLATERAW: zlib.inflateRawSync,
                             UNZIP: zlib.unzipSync, BROTLI_DECODE: zlib.brotliDecompressSync};
                for (let i = 0; i < input.length; i += 2) {
                  const [mode, opts] = input[i].toString().split('|');
                  try { emit('OK ' + fns[mode](input[i + 1], eval('(' + opts + ')')).length); }
                  catch (e) { emit(e.errno === undefined ? e.code + ' ' + e.message : e.code + ' ' + e.errno + ' ' + e.message); }
                }
                """, frames);
        for (int i = 0; i < cases.size(); i++) {
            assertEquals(cases.get(i).expected(), NodeOracle.utf16(answers.get(i)), cases.get(i).name());
        }
    }

    @Test
    void brotliGarbageFailsWithDecompressionFailed() {
        ZlibException e = assertThrows(ZlibException.class, () -> Zlib.brotliDecompressSync(Buffer.from("garbage!!")));
        assertEquals("Decompression failed", e.getMessage()); // Node's message; code differs (see ZlibException)
        assertEquals("ERR_BROTLI_DECOMPRESSION_FAILED", e.code());
    }

    @Test
    void gzipWithAllHeaderFieldsDecodesAcrossOneByteWrites() {
        byte[] member = fullHeaderMember(true);
        ZlibTesting.Result r = ZlibTesting.pump(Zlib::createGunzip, cat(member, member), 1);
        assertNull(r.error());
        assertArrayEquals(cat(DATA, DATA), r.bytes());
    }

    @Test
    void unzipWaitsForTheSecondByte() {
        byte[] gz = Zlib.gzipSync(Buffer.wrap(DATA)).toByteArray();
        ZlibTesting.Result r = ZlibTesting.pump(Zlib::createUnzip, gz, 1);
        assertNull(r.error());
        assertArrayEquals(DATA, r.bytes());
        assertEquals(gz.length, r.bytesWritten());
    }

    @Test
    void invalidOptionsThrowNodesRangeErrors() {
        assertEquals("The value of \"options.level\" is out of range. It must be >= -1 and <= 9. Received 10",
                assertThrows(NodeRangeException.class, () -> Zlib.gzipSync(Buffer.alloc(1), ZlibOptions.create().level(10))).getMessage());
        assertEquals("The value of \"options.chunkSize\" is out of range. It must be >= 64. Received 10",
                assertThrows(NodeRangeException.class, () -> Zlib.gzipSync(Buffer.alloc(1), ZlibOptions.create().chunkSize(10))).getMessage());
        assertEquals("The value of \"options.windowBits\" is out of range. It must be >= 9 and <= 15. Received 8",
                assertThrows(NodeRangeException.class, () -> Zlib.gzipSync(Buffer.alloc(1), ZlibOptions.create().windowBits(8))).getMessage());
        assertEquals(1, Zlib.inflateSync(Zlib.deflateSync(Buffer.alloc(1)), ZlibOptions.create().windowBits(0)).length());
        assertEquals("The value of \"options.strategy\" is out of range. It must be >= 0 and <= 4. Received 5",
                assertThrows(NodeRangeException.class, () -> Zlib.gzipSync(Buffer.alloc(1), ZlibOptions.create().strategy(5))).getMessage());
        assertEquals("The value of \"options.finishFlush\" is out of range. It must be >= 0 and <= 5. Received 6",
                assertThrows(NodeRangeException.class, () -> Zlib.gzipSync(Buffer.alloc(1), ZlibOptions.create().finishFlush(6))).getMessage());
        NodeRangeException p = assertThrows(NodeRangeException.class, () -> ZlibOptions.create().brotliParam(99, 1));
        assertEquals("ERR_BROTLI_INVALID_PARAM", p.code());
        assertEquals("99 is not a valid Brotli parameter", p.getMessage());
        assertInstanceOf(IllegalArgumentException.class, p);
    }
}
