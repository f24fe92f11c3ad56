package io.sluice.zlib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.buffer.Buffer;
import io.sluice.error.NodeRangeException;
import io.sluice.loop.EventLoop;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The parallel engines (block compression, inflate-ahead): bounded memory when nobody reads, bombs,
 * resources after destroy, and Node's event order with tiny and huge writes.
 */
class ZlibParallelTest {
    private static final int MIB = 1 << 20;
    private static final int CHUNK = ZlibConstants.Z_DEFAULT_CHUNK;

    private static ZlibOptions parallel(int n) {
        return ZlibOptions.create().parallelism(n);
    }

    @Test
    void theDefaultEngineDependsOnTheCpuCountAndParallelismOneIsClassic() {
        boolean multi = Runtime.getRuntime().availableProcessors() > 1;
        List<String> engines = new ArrayList<>();
        EventLoop.run(() -> {
            engines.add(Zlib.createGzip().engine());
            engines.add(Zlib.createGunzip().engine());
            engines.add(Zlib.createGzip(parallel(1)).engine());
            engines.add(Zlib.createInflate(parallel(1)).engine());
            engines.add(Zlib.createDeflateRaw(parallel(2)).engine());
            engines.add(Zlib.createUnzip(parallel(2)).engine());
        });
        assertEquals(List.of(multi ? "parallel-deflate" : "classic", multi ? "inflate-ahead" : "classic",
                "classic", "classic", "parallel-deflate", "inflate-ahead"), engines);
        assertEquals("The value of \"options.parallelism\" is out of range. It must be >= 0 and <= 64. Received 65",
                org.junit.jupiter.api.Assertions.assertThrows(NodeRangeException.class,
                        () -> EventLoop.run(() -> Zlib.createGzip(parallel(65)))).getMessage());
    }

    /** Writes 64 KiB chunks while write() says so; stops for good when it says no (the reader never reads). */
    private static void writeUntilFull(ZlibStream s, byte[] source, long[] offered) {
        while (offered[0] < source.length) {
            int n = (int) Math.min(65536, source.length - offered[0]);
            boolean more = s.write(Buffer.wrap(source, (int) offered[0], n));
            offered[0] += n;
            if (!more) {
                s.once("drain", args -> writeUntilFull(s, source, offered));
                return;
            }
        }
    }

    @Test
    void aCompressorWhoseReaderNeverReadsHoldsABoundedAmount() {
        byte[] source = ZlibTesting.random(21, 16 * MIB); // incompressible: output as large as input
        for (int p : new int[] {2, 3}) {
            long[] offered = {0};
            long[] seen = new long[5]; // readable, hwm, engine, writable, helpers: 300 ms after the stall
            long live = ZlibStream.liveCodecs();
            EventLoop.run(() -> {
                ZlibStream z = Zlib.createGzip(parallel(p));
                writeUntilFull(z, source, offered);
                EventLoop.current().setTimeout(() -> {
                    seen[0] = z.readableLength();
                    seen[1] = z.readableHighWaterMark();
                    seen[2] = z.engineBuffered();
                    seen[3] = z.writableLength() - z.writableHighWaterMark();
                    seen[4] = ZlibStream.helperThreads();
                    z.destroy();
                }, 300);
            });
            String what = "parallelism " + p + ": offered " + offered[0];
            assertTrue(offered[0] < source.length, what);
            assertTrue(seen[0] >= seen[1] && seen[0] < seen[1] + CHUNK, what + ", readable " + seen[0]);
            long bound = ParallelDeflate.BLOCK + p * (ParallelDeflate.BLOCK + ParallelDeflate.WINDOW + ParallelDeflate.outputBound(ParallelDeflate.BLOCK));
            assertEquals(bound, ParallelDeflate.maxBuffered(p));
            assertTrue(seen[2] <= bound, what + ", engine holds " + seen[2]);
            assertTrue(seen[2] >= (long) p * ParallelDeflate.BLOCK, what + ", engine holds " + seen[2]);
            assertTrue(seen[3] <= 65536, what + ", writable over its mark by " + seen[3]);
            assertEquals(0, seen[4], "no helper works while the reader is away");
            assertEquals(0, ZlibStream.helperThreads());
            assertEquals(live, ZlibStream.liveCodecs(), "every Deflater ended");
        }
    }

    @Test
    void aDecompressorWhoseReaderNeverReadsStopsInflating() {
        byte[] bomb = ZlibBombTest.zeroBomb(1024); // 1 GiB of zeros in about 1 MB
        long[] offered = {0};
        long[] seen = new long[3];
        long live = ZlibStream.liveCodecs();
        EventLoop.run(() -> {
            ZlibStream g = Zlib.createGunzip(parallel(2));
            writeUntilFull(g, bomb, offered);
            EventLoop.current().setTimeout(() -> {
                seen[0] = g.readableLength() - g.readableHighWaterMark();
                seen[1] = g.engineBuffered();
                seen[2] = ZlibStream.helperThreads();
                g.destroy();
            }, 300);
        });
        assertTrue(seen[0] >= 0 && seen[0] < CHUNK, "readable over its mark by " + seen[0]);
        assertTrue(seen[1] <= InflateAhead.IN_MAX + InflateAhead.COPY_MAX + InflateAhead.OUT_MAX, "engine holds " + seen[1]);
        assertEquals(0, seen[2], "the helper stopped");
        assertTrue(offered[0] < bomb.length, "offered " + offered[0]);
        assertEquals(live, ZlibStream.liveCodecs(), "Inflater ended");
        assertEquals(0, ZlibStream.helperThreads());
    }

    @Test
    void aTenGibibyteBombStopsAtMaxOutputLengthWithTheHelperToo() {
        byte[] bomb = ZlibBombTest.zeroBomb(10 * 1024);
        long limit = 32L * MIB;
        long t0 = System.nanoTime();
        ZlibTesting.Result r = ZlibTesting.pump(() -> Zlib.createGunzip(parallel(2).maxOutputLength(limit)), bomb, 65536);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        NodeRangeException e = assertInstanceOf(NodeRangeException.class, r.error());
        assertEquals("Cannot create a Buffer larger than 33554432 bytes", e.getMessage());
        assertEquals(List.of("error", "close"), r.events());
        assertTrue(r.bytes().length <= limit && r.bytes().length > limit - CHUNK, "received " + r.bytes().length);
        assertTrue(r.codecEnded());
        assertTrue(ms < 10_000, "took " + ms + " ms");
        assertEquals(0, ZlibStream.helperThreads());
    }

    @Test
    void maxOutputLengthBoundsAParallelCompressorToo() {
        byte[] input = ZlibTesting.random(22, 2 * MIB);
        ZlibTesting.Result r = ZlibTesting.pump(() -> Zlib.createDeflateRaw(parallel(2).maxOutputLength(MIB)), input, 0);
        assertEquals("ERR_BUFFER_TOO_LARGE", ((NodeRangeException) r.error()).code());
        assertTrue(r.bytes().length <= MIB, "received " + r.bytes().length);
        assertTrue(r.codecEnded());
    }

    @Test
    void destroyMidStreamEndsEveryEngineAndHelper() {
        byte[] text = ZlibTesting.text(23, 8 * MIB);
        byte[] gz = Zlib.gzipSync(Buffer.wrap(text)).toByteArray();
        long live = ZlibStream.liveCodecs();
        // Whether compressing helpers are still running when the first block's data arrives is up to the
        // scheduler (on a loaded 2-core machine all of them may have finished): the compressing case is
        // repeated until a destroy lands among running helpers, every attempt asserting the clean end.
        boolean sawHelpersAtDestroy = false;
        for (int attempt = 0; attempt < 12 && !sawHelpersAtDestroy; attempt++) {
            sawHelpersAtDestroy = destroyOnFirstData(true, text, gz, live) > 0;
        }
        assertTrue(sawHelpersAtDestroy, "gzip: in 12 attempts no destroy landed while helpers were running");
        destroyOnFirstData(false, text, gz, live); // inflate-ahead may be between runs: no precondition
    }

    /** Destroys a parallel stream at its first 'data', checks everything ended; the helpers running then. */
    private static int destroyOnFirstData(boolean compress, byte[] text, byte[] gz, long live) {
        List<String> log = new ArrayList<>();
        ZlibStream[] s = {null};
        int[] helpersSeen = {0};
        EventLoop.run(() -> {
            ZlibStream z = compress ? Zlib.createGzip(parallel(3)) : Zlib.createGunzip(parallel(2));
            s[0] = z;
            z.onClose(() -> log.add("close"));
            z.onError(e -> log.add("error " + e));
            z.onData(b -> {
                if (log.isEmpty()) {
                    log.add("data");
                    helpersSeen[0] = ZlibStream.helperThreads();
                    z.destroy(); // running helpers finish their step, then everything ends
                }
            });
            byte[] in = compress ? text : gz;
            for (int off = 0; off < in.length; off += 65536) {
                z.write(Buffer.wrap(in, off, Math.min(65536, in.length - off)));
            }
        });
        String what = compress ? "gzip" : "gunzip";
        assertEquals(List.of("data", "close"), log, what);
        assertTrue(s[0].codecEnded(), what);
        assertEquals(live, ZlibStream.liveCodecs(), what + ": every engine ended");
        assertEquals(0, ZlibStream.helperThreads(), what + ": no helper left");
        int left = offloadThreadsNamed(Thread.currentThread().getName() + "-offload");
        assertTrue(left == 0 || left == -1, what + ": threads left: " + left); // -1: no jcmd to count with
        return helpersSeen[0];
    }

    /**
     * Live threads (virtual ones included, which {@code Thread.getAllStackTraces} omits) with this name, from
     * a JSON thread dump taken with {@code jcmd} (this module does not read jdk.management); waits up to
     * 2 s for threads that have posted their result but not yet exited. -1 when jcmd is unavailable.
     */
    private static int offloadThreadsNamed(String name) {
        java.nio.file.Path jcmd = ProcessHandle.current().info().command()
                .map(c -> java.nio.file.Path.of(c).resolveSibling("jcmd")).orElse(null);
        if (jcmd == null || !java.nio.file.Files.isExecutable(jcmd)) {
            return -1;
        }
        try {
            int count = -1;
            for (int attempt = 0; attempt < 10 && count != 0; attempt++) {
                java.nio.file.Path dump = java.nio.file.Files.createTempFile("zlib-threads", ".json");
                java.nio.file.Files.delete(dump);
                Process p = new ProcessBuilder(jcmd.toString(), Long.toString(ProcessHandle.current().pid()),
                        "Thread.dump_to_file", "-format=json", dump.toString()).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor() != 0 || !java.nio.file.Files.exists(dump)) {
                    return -1;
                }
                String json = java.nio.file.Files.readString(dump);
                java.nio.file.Files.delete(dump);
                count = json.split("\"name\": \"" + java.util.regex.Pattern.quote(name) + "\"", -1).length - 1;
                if (count != 0) {
                    Thread.sleep(200);
                }
            }
            return count;
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void eventsComeInNodesOrderWithTinyAndHugeWrites() {
        byte[] small = ZlibTesting.text(24, 20_000);
        byte[] big = ZlibTesting.text(25, 6 * MIB);
        for (String fmt : new String[] {"gzip", "deflate", "raw"}) {
            for (Object[] c : new Object[][] {{small, 1}, {big, 0}, {big, 65536}}) {
                byte[] input = (byte[]) c[0];
                int chunk = (Integer) c[1];
                String what = fmt + " " + input.length + " in " + chunk + "-byte writes";
                ZlibTesting.Result packed = ZlibTesting.pump(
                        () -> Zlib.create(ZlibParallelDifferentialTest.encoder(fmt), parallel(2)), input, chunk);
                assertNull(packed.error(), what);
                assertEquals(List.of("finish", "end", "close"), packed.events(), what);
                ZlibTesting.Result back = ZlibTesting.pump(
                        () -> Zlib.create(ZlibParallelDifferentialTest.decoder(fmt), parallel(2)), packed.bytes(),
                        chunk == 1 ? 1 : chunk == 0 ? 0 : 16384);
                assertNull(back.error(), what);
                assertEquals(List.of("finish", "end", "close"), back.events(), what + " (decode)");
                assertArrayEquals(input, back.bytes(), what);
                assertEquals(packed.bytes().length, back.bytesWritten(), what + ": bytesWritten");
                assertTrue(back.codecEnded() && packed.codecEnded(), what);
            }
        }
        assertEquals(0, ZlibStream.helperThreads());
    }

    @Test
    void aCorruptChunkInTheMiddleErrorsAsNodeDoes() {
        // Node 20: a gunzip stream fed a member whose data is damaged emits 'error' (Z_DATA_ERROR,
        // errno -3) then 'close'; no 'end'. Output before the damage has been delivered.
        byte[] text = ZlibTesting.text(26, 2 * MIB);
        byte[] gz = Zlib.gzipSync(Buffer.wrap(text)).toByteArray();
        for (int i = gz.length / 2; i < gz.length / 2 + 64; i++) {
            gz[i] = (byte) 0xff;
        }
        long live = ZlibStream.liveCodecs();
        ZlibTesting.Result r = ZlibTesting.pump(() -> Zlib.createGunzip(parallel(2)), gz, 16384);
        ZlibException e = assertInstanceOf(ZlibException.class, r.error());
        assertEquals("Z_DATA_ERROR", e.code());
        assertEquals(-3, e.errno());
        assertEquals(List.of("error", "close"), r.events().stream().filter(x -> !x.equals("finish")).toList());
        assertTrue(r.bytes().length > MIB / 2, "delivered before the damage: " + r.bytes().length);
        // zlib notices the damage a little after it starts: the first half MiB is certainly intact.
        assertArrayEquals(java.util.Arrays.copyOf(text, MIB / 2), java.util.Arrays.copyOf(r.bytes(), MIB / 2));
        assertEquals(live, ZlibStream.liveCodecs());
        assertEquals(0, ZlibStream.helperThreads());
    }

    @Test
    void aWriterMayReuseItsBufferOnceTheCallbackRan() {
        byte[] text = ZlibTesting.text(27, 3 * MIB);
        byte[] gz = Zlib.gzipSync(Buffer.wrap(text)).toByteArray();
        for (boolean compress : new boolean[] {true, false}) {
            byte[] source = compress ? text : gz;
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            EventLoop.run(() -> {
                ZlibStream s = compress ? Zlib.createGzip(parallel(2)) : Zlib.createGunzip(parallel(2));
                s.onData(b -> out.writeBytes(b.toByteArray()));
                byte[] scratch = new byte[16384];
                int[] off = {0};
                Runnable[] next = {null};
                next[0] = () -> {
                    if (off[0] >= source.length) {
                        s.end();
                        return;
                    }
                    int n = Math.min(scratch.length, source.length - off[0]);
                    System.arraycopy(source, off[0], scratch, 0, n);
                    off[0] += n;
                    s.write(Buffer.wrap(scratch, 0, n), err -> {
                        java.util.Arrays.fill(scratch, (byte) 0x55); // reused: must not change what was written
                        next[0].run();
                    });
                };
                next[0].run();
            });
            byte[] result = out.toByteArray();
            assertArrayEquals(text, compress ? Zlib.gunzipSync(Buffer.wrap(result)).toByteArray() : result);
        }
    }
}
