package io.sluice.zlib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.loop.EventLoop;
import io.sluice.testing.NodeOracle;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Node decodes what the parallel (block) compressor writes: every format and level, sizes around the
 * 128 KiB block, several chunkings, flushes and params() in the middle, and preset dictionaries. The
 * output must also not depend on how the input was chunked.
 */
class ZlibParallelDifferentialTest {
    private static final String[] FORMATS = {"gzip", "deflate", "raw"};
    private static final int BLOCK = ParallelDeflate.BLOCK;

    /** Frames: "fmt" or "fmt:dict" (the dictionary follows as its own frame), then the compressed bytes. */
    private static final String NODE_DECODE = """
            const zlib = require('zlib');
            let i = 0;
            while (i < input.length) {
              const [fmt, useDict] = input[i++].toString().split(':');
              const dictionary = useDict ? input[i++] : undefined;
              const d = input[i++];
              const o = dictionary ? {dictionary} : {};
              try {
                if (fmt === 'gzip') emit(zlib.gunzipSync(d));
                else if (fmt === 'deflate') emit(zlib.inflateSync(d, o));
                else emit(zlib.inflateRawSync(d, o));
              } catch (e) { emit('ERR ' + e.code + ' ' + e.message); }
            }
            """;

    @BeforeAll
    static void needNode() {
        Assumptions.assumeTrue(NodeOracle.available(), NodeOracle.SKIP_MESSAGE);
    }

    static ZlibMode encoder(String fmt) {
        return switch (fmt) {
            case "gzip" -> ZlibMode.GZIP;
            case "deflate" -> ZlibMode.DEFLATE;
            default -> ZlibMode.DEFLATERAW;
        };
    }

    static ZlibMode decoder(String fmt) {
        return switch (fmt) {
            case "gzip" -> ZlibMode.GUNZIP;
            case "deflate" -> ZlibMode.INFLATE;
            default -> ZlibMode.INFLATERAW;
        };
    }

    private static byte[] mixed(long seed, int n) {
        byte[] b = new byte[n];
        byte[] t = ZlibTesting.text(seed, n / 2);
        System.arraycopy(t, 0, b, 0, t.length);
        byte[] r = ZlibTesting.random(seed + 1, n - t.length);
        System.arraycopy(r, 0, b, t.length, r.length);
        return b;
    }

    /** A case's input and how Sluice wrote it; {@code dict} null for none. */
    private record Case(String label, String fmt, byte[] input, byte[] dict, byte[] packed) {}

    @Test
    void nodeDecodesEveryFormatLevelSizeAndChunking() {
        int[] sizes = {0, 1, BLOCK - 1, BLOCK, BLOCK + 1, 3 << 20};
        int[] levels = {1, 6, 9};
        List<Case> cases = new ArrayList<>();
        for (String fmt : FORMATS) {
            for (int level : levels) {
                for (int size : sizes) {
                    byte[] input = size > BLOCK + 1 ? mixed(size, size) : ZlibTesting.text(size + level, size);
                    List<Integer> chunkings = new ArrayList<>();
                    if (size <= BLOCK + 1 && level == 6) {
                        chunkings.add(1);
                    }
                    if (size <= BLOCK + 1) {
                        chunkings.add(7);
                    }
                    chunkings.add(65536);
                    chunkings.add(0);
                    byte[] first = null;
                    for (int chunk : chunkings) {
                        ZlibOptions o = ZlibOptions.create().level(level).parallelism(2);
                        ZlibTesting.Result r = ZlibTesting.pump(() -> Zlib.create(encoder(fmt), o), input, chunk);
                        String what = fmt + " level " + level + " size " + size + " in " + chunk + "-byte writes";
                        assertNull(r.error(), what);
                        assertEquals(List.of("finish", "end", "close"), r.events(), what);
                        assertTrue(r.codecEnded(), what);
                        assertEquals(input.length, r.bytesWritten(), what + ": bytesWritten");
                        if (first == null) {
                            first = r.bytes();
                        } else {
                            assertArrayEquals(first, r.bytes(), what + ": output depends on the chunking");
                        }
                        cases.add(new Case(what, fmt, input, null, r.bytes()));
                    }
                }
            }
        }
        check(cases);
    }

    @Test
    void flushAndParamsInTheMiddleDecodeInNode() {
        byte[] input = mixed(11, 700_000);
        List<Case> cases = new ArrayList<>();
        for (String fmt : FORMATS) {
            for (int kind : new int[] {ZlibConstants.Z_SYNC_FLUSH, ZlibConstants.Z_FULL_FLUSH, ZlibConstants.Z_PARTIAL_FLUSH}) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                List<String> log = new ArrayList<>();
                EventLoop.run(() -> {
                    ZlibStream s = Zlib.create(encoder(fmt), ZlibOptions.create().level(1).parallelism(3));
                    s.onData(b -> out.writeBytes(b.toByteArray()));
                    s.write(Buffer.wrap(input, 0, 200_000));
                    s.flush(kind, err -> {
                        // Everything written before the flush must be decodable from what has come out.
                        byte[] sofar = out.toByteArray();
                        log.add("flushed " + err + " " + (sofar.length > 0));
                        s.write(Buffer.wrap(input, 200_000, 300_000));
                        s.params(9, ZlibConstants.Z_FILTERED, err2 -> {
                            log.add("params " + err2);
                            s.end(Buffer.wrap(input, 500_000, 200_000));
                        });
                    });
                    s.onFinish(() -> log.add("finish"));
                    s.onEnd(() -> log.add("end"));
                });
                String what = fmt + " flush " + kind;
                assertEquals(List.of("flushed null true", "params null", "finish", "end"), log, what);
                cases.add(new Case(what, fmt, input, null, out.toByteArray()));
            }
        }
        check(cases);
    }

    @Test
    void aFlushedPrefixDecodesOnItsOwn() {
        byte[] input = ZlibTesting.text(12, 300_000);
        for (String fmt : new String[] {"deflate", "raw"}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[][] prefix = new byte[1][];
            EventLoop.run(() -> {
                ZlibStream s = Zlib.create(encoder(fmt), ZlibOptions.create().parallelism(2));
                s.onData(b -> out.writeBytes(b.toByteArray()));
                s.write(Buffer.wrap(input, 0, 250_000));
                s.flush(ZlibConstants.Z_SYNC_FLUSH, err -> {
                    prefix[0] = out.toByteArray();
                    s.end(Buffer.wrap(input, 250_000, 50_000));
                });
            });
            // A sync-flushed prefix decodes up to the flush point (finishFlush Z_SYNC_FLUSH accepts the cut).
            byte[] decoded = Zlib.processSync(decoder(fmt), Buffer.wrap(prefix[0]),
                    ZlibOptions.create().finishFlush(ZlibConstants.Z_SYNC_FLUSH)).toByteArray();
            assertArrayEquals(java.util.Arrays.copyOf(input, 250_000), decoded, fmt);
            assertArrayEquals(input, Zlib.processSync(decoder(fmt), Buffer.wrap(out.toByteArray()), null).toByteArray(), fmt);
        }
    }

    @Test
    void aPresetDictionaryPrimesTheFirstBlock() {
        byte[] dict = ZlibTesting.text(13, 40_000); // longer than the window: zlib keeps its last 32 KiB
        byte[] input = ZlibTesting.text(14, 400_000);
        List<Case> cases = new ArrayList<>();
        for (String fmt : new String[] {"deflate", "raw"}) {
            for (int chunk : new int[] {7, 65536, 0}) {
                ZlibOptions o = ZlibOptions.create().dictionary(Buffer.wrap(dict)).parallelism(2);
                ZlibTesting.Result r = ZlibTesting.pump(() -> Zlib.create(encoder(fmt), o), input, chunk);
                String what = fmt + " with a dictionary in " + chunk + "-byte writes";
                assertNull(r.error(), what);
                cases.add(new Case(what, fmt, input, dict, r.bytes()));
                // And Sluice's own inflater, which asks for the dictionary by its id.
                assertArrayEquals(input, Zlib.processSync(decoder(fmt), Buffer.wrap(r.bytes()),
                        ZlibOptions.create().dictionary(Buffer.wrap(dict))).toByteArray(), what + " (sluice)");
            }
        }
        // The zlib header announces the dictionary (FDICT) with its Adler-32, as zlib writes it.
        byte[] classic = Zlib.deflateSync(Buffer.from("x"), ZlibOptions.create().dictionary(Buffer.wrap(dict))).toByteArray();
        assertArrayEquals(java.util.Arrays.copyOf(classic, 6), java.util.Arrays.copyOf(cases.get(0).packed(), 6));
        check(cases);
    }

    @Test
    void nodeDecodesTheParallelOneShots() {
        List<Case> cases = new ArrayList<>();
        for (String fmt : FORMATS) {
            for (int size : new int[] {BLOCK + 1, 3 * BLOCK + 5}) {
                byte[] input = mixed(size + 1, size);
                byte[] packed = Zlib.processSync(encoder(fmt), Buffer.wrap(input), ZlibOptions.create().parallelism(2)).toByteArray();
                cases.add(new Case(fmt + " one-shot size " + size, fmt, input, null, packed));
            }
        }
        check(cases);
    }

    /** Node decodes each case to its input; Sluice's own stream decoder (1 KiB writes) does too. */
    private static void check(List<Case> cases) {
        List<byte[]> frames = new ArrayList<>();
        for (Case c : cases) {
            frames.add((c.fmt() + (c.dict() != null ? ":dict" : "")).getBytes(StandardCharsets.US_ASCII));
            if (c.dict() != null) {
                frames.add(c.dict());
            }
            frames.add(c.packed());
        }
        List<byte[]> decoded = NodeOracle.run(NODE_DECODE, frames);
        assertEquals(cases.size(), decoded.size());
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            assertArrayEquals(c.input(), decoded.get(i), c.label() + " (node) " + (decoded.get(i).length < 200 ? new String(decoded.get(i), StandardCharsets.UTF_8) : ""));
            if (c.dict() == null) {
                ZlibTesting.Result r = ZlibTesting.pump(() -> Zlib.create(decoder(c.fmt()), null), c.packed(), 1024);
                assertNull(r.error(), c.label());
                assertArrayEquals(c.input(), r.bytes(), c.label() + " (sluice stream)");
            }
        }
    }
}
