package io.sluice.zlib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.testing.NodeOracle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Node is the oracle: Node compresses seeded inputs in every format and level and Sluice decompresses
 * them under several chunkings, then the reverse. Both directions must give back the input byte for byte.
 */
class ZlibNodeDifferentialTest {
    private static final String[] FORMATS = {"gzip", "deflate", "raw", "br"};
    private static final int[] LEVELS = {1, 6, 9};

    private static final String NODE_COMPRESS = """
            const zlib = require('zlib');
            for (let i = 0; i < input.length; i += 2) {
              const [fmt, lvl] = input[i].toString().split(':');
              const d = input[i + 1], level = +lvl;
              if (fmt === 'gzip') emit(zlib.gzipSync(d, {level}));
              else if (fmt === 'deflate') emit(zlib.deflateSync(d, {level}));
              else if (fmt === 'raw') emit(zlib.deflateRawSync(d, {level}));
              else emit(zlib.brotliCompressSync(d, {params: {[zlib.constants.BROTLI_PARAM_QUALITY]: level}}));
            }
            """;

    private static final String NODE_DECOMPRESS = """
            const zlib = require('zlib');
            for (let i = 0; i < input.length; i += 2) {
              const fmt = input[i].toString();
              const d = input[i + 1];
              try {
                if (fmt === 'gzip') emit(zlib.gunzipSync(d));
                else if (fmt === 'deflate') emit(zlib.inflateSync(d));
                else if (fmt === 'raw') emit(zlib.inflateRawSync(d));
                else emit(zlib.brotliDecompressSync(d));
              } catch (e) { emit('ERR ' + e.code + ' ' + e.message); }
            }
            """;

    @BeforeAll
    static void needNode() {
        Assumptions.assumeTrue(NodeOracle.available(), NodeOracle.SKIP_MESSAGE);
    }

    private static ZlibMode decoder(String fmt) {
        return switch (fmt) {
            case "gzip" -> ZlibMode.GUNZIP;
            case "deflate" -> ZlibMode.INFLATE;
            case "raw" -> ZlibMode.INFLATERAW;
            default -> ZlibMode.BROTLI_DECODE;
        };
    }

    private static ZlibMode encoder(String fmt) {
        return switch (fmt) {
            case "gzip" -> ZlibMode.GZIP;
            case "deflate" -> ZlibMode.DEFLATE;
            case "raw" -> ZlibMode.DEFLATERAW;
            default -> ZlibMode.BROTLI_ENCODE;
        };
    }

    private static ZlibOptions levelOptions(String fmt, int level) {
        return fmt.equals("br")
                ? ZlibOptions.create().brotliParam(ZlibConstants.BROTLI_PARAM_QUALITY, level)
                : ZlibOptions.create().level(level);
    }

    private static int[] chunkings(String fmt, int length) {
        boolean slowPerWrite = fmt.equals("br"); // every Brotli write is a thread hop
        List<Integer> c = new ArrayList<>();
        if (length <= (slowPerWrite ? 2_000 : 20_000)) {
            c.add(1);
        }
        if (length <= (slowPerWrite ? 60_000 : Integer.MAX_VALUE)) {
            c.add(7);
        }
        c.add(65536);
        c.add(0);
        return c.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void sluiceDecompressesWhatNodeCompressed() {
        List<Object[]> inputs = ZlibTesting.inputs();
        List<byte[]> frames = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (String fmt : FORMATS) {
            for (int level : LEVELS) {
                for (Object[] in : inputs) {
                    frames.add((fmt + ":" + level).getBytes(StandardCharsets.US_ASCII));
                    frames.add((byte[]) in[1]);
                    labels.add(fmt + " level " + level + " " + in[0]);
                }
            }
        }
        List<byte[]> compressed = NodeOracle.run(NODE_COMPRESS, frames);
        int cases = 0;
        for (int i = 0; i < compressed.size(); i++) {
            String fmt = FORMATS[i / (LEVELS.length * inputs.size())];
            byte[] original = frames.get(2 * i + 1);
            byte[] packed = compressed.get(i);
            ZlibMode mode = decoder(fmt);
            assertArrayEquals(original, Zlib.processSync(mode, Buffer.wrap(packed), null).toByteArray(), labels.get(i) + " sync");
            for (int chunk : chunkings(fmt, packed.length)) {
                Supplier<ZlibStream> make = () -> Zlib.create(mode, null);
                ZlibTesting.Result r = ZlibTesting.pump(make, packed, chunk);
                String what = labels.get(i) + " in " + chunk + "-byte writes";
                assertNull(r.error(), what);
                assertArrayEquals(original, r.bytes(), what);
                assertEquals(List.of("finish", "end", "close"), r.events(), what);
                assertTrue(r.codecEnded(), what);
                assertEquals(packed.length, r.bytesWritten(), what + ": bytesWritten");
                cases++;
            }
            if (!fmt.equals("br")) {
                // Unzip takes gzip and zlib streams alike.
                if (!fmt.equals("raw")) {
                    assertArrayEquals(original, Zlib.unzipSync(Buffer.wrap(packed)).toByteArray(), labels.get(i) + " unzip");
                }
            }
        }
        assertTrue(cases > 150, "cases run: " + cases);
    }

    @Test
    void nodeDecompressesWhatSluiceCompressed() {
        List<Object[]> inputs = ZlibTesting.inputs();
        List<byte[]> frames = new ArrayList<>();
        List<byte[]> originals = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (String fmt : FORMATS) {
            for (int level : LEVELS) {
                for (Object[] in : inputs) {
                    byte[] original = (byte[]) in[1];
                    ZlibOptions options = levelOptions(fmt, level);
                    for (int chunk : chunkings(fmt, original.length)) {
                        ZlibTesting.Result r = ZlibTesting.pump(() -> Zlib.create(encoder(fmt), options), original, chunk);
                        String what = fmt + " level " + level + " " + in[0] + " in " + chunk + "-byte writes";
                        assertNull(r.error(), what);
                        assertTrue(r.codecEnded(), what);
                        assertEquals(original.length, r.bytesWritten(), what + ": bytesWritten");
                        frames.add(fmt.getBytes(StandardCharsets.US_ASCII));
                        frames.add(r.bytes());
                        originals.add(original);
                        labels.add(what);
                    }
                    frames.add(fmt.getBytes(StandardCharsets.US_ASCII));
                    frames.add(Zlib.processSync(encoder(fmt), Buffer.wrap(original), options).toByteArray());
                    originals.add(original);
                    labels.add(fmt + " level " + level + " " + in[0] + " sync");
                }
            }
        }
        List<byte[]> decoded = NodeOracle.run(NODE_DECOMPRESS, frames);
        assertEquals(originals.size(), decoded.size());
        for (int i = 0; i < decoded.size(); i++) {
            assertArrayEquals(originals.get(i), decoded.get(i), labels.get(i));
        }
    }

    @Test
    void gzipHeaderIsTheOneNodeWrites() {
        // Node (zlib): 1f 8b 08 00, mtime 0, XFL 4 at level 1, 0 at 6, 2 at 9, OS 3.
        List<byte[]> fromNode = NodeOracle.run("""
                const zlib = require('zlib');
                for (const l of [1, 6, 9]) emit(zlib.gzipSync(input[0], {level: l}).subarray(0, 10));
                emit(zlib.gzipSync(Buffer.alloc(0)));
                """, List.of("abc".getBytes(StandardCharsets.US_ASCII)));
        int k = 0;
        for (int level : LEVELS) {
            byte[] ours = Zlib.gzipSync(Buffer.from("abc"), ZlibOptions.create().level(level)).toByteArray();
            assertArrayEquals(fromNode.get(k++), java.util.Arrays.copyOf(ours, 10), "level " + level);
        }
        assertArrayEquals(fromNode.get(3), Zlib.gzipSync(Buffer.alloc(0)).toByteArray(), "gzip of nothing");
    }
}
