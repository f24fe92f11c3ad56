package io.sluice.zlib;

import io.sluice.buffer.Buffer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.Checksum;
import java.util.zip.Deflater;

/**
 * The one-shot compressors ({@code gzipSync}, {@code deflateSync}, {@code deflateRawSync} and their
 * asynchronous forms) on more than one core, when {@link ZlibOptions#parallelism} is above 1 and the input
 * spans more than one {@value ParallelDeflate#BLOCK}-byte block.
 *
 * <p>The input is cut exactly as a parallel {@link ZlibStream} cuts one write followed by {@code end()}
 * (fixed offsets, the last block finishing the stream), and each block is compressed the same way
 * ({@link ParallelDeflate#compressBlock}: primed with the 32 KiB before it, or with the {@code dictionary}
 * option for the first, and ended with a sync flush), so the bytes equal that stream's. Up to
 * {@code parallelism} virtual threads take blocks in turn, each with its own Deflater; the calling thread
 * computes the checksum meanwhile and then waits for them. An interrupt does not stop the call (the blocks
 * are short and bounded); the thread's interrupt status is kept.
 *
 * <p>Why: the JDK's deflate is about 0.7× the speed of Node's zlib on one core (the bench's
 * {@code gzip_sync_ref}), so a one-shot on one core cannot match {@code zlib.gzipSync}; on two cores the
 * blocks run about twice as fast as one Deflater.
 */
final class ParallelOneShot implements OneShot.Task {
    private final ZlibMode mode;
    private final Buffer input;
    private final int level;
    private final int strategy;
    private final byte[] dictionary;
    private final int parallelism;
    private final long max;

    private ParallelOneShot(ZlibMode mode, Buffer input, ZlibOptions o, int parallelism, long max) {
        this.mode = mode;
        this.input = input;
        this.level = o.level();
        this.strategy = o.strategy();
        byte[] dict = mode == ZlibMode.GZIP ? null : o.dictionaryBytes();
        this.dictionary = dict != null && dict.length > 0 ? dict : null;
        this.parallelism = parallelism;
        this.max = max;
    }

    /**
     * This task if the one-shot is a deflate with more than one block to share among more than one thread
     * and ends with Z_FINISH (another {@code finishFlush} leaves the stream open: the classic codec does
     * that), else null. Validates the options on the calling thread.
     */
    static ParallelOneShot of(ZlibMode mode, Buffer input, ZlibOptions o, int finish, long max) {
        if (!mode.compresses() || mode.brotli()) {
            return null;
        }
        o.checkZlib(mode); // Node's options first, in Node's order
        int p = o.parallelism(); // validated on every compressor call, whatever the input's size
        if (p < 2 || finish != ZlibConstants.Z_FINISH || input.length() <= ParallelDeflate.BLOCK) {
            return null;
        }
        return new ParallelOneShot(mode, input, o, p, max);
    }

    @Override
    public Buffer run() {
        ByteBuffer bb = input.asByteBuffer();
        byte[] src = bb.array();
        int off = bb.arrayOffset() + bb.position();
        int len = bb.remaining();
        int blocks = (len + ParallelDeflate.BLOCK - 1) / ParallelDeflate.BLOCK;
        @SuppressWarnings("unchecked")
        List<Buffer>[] out = new List[blocks];
        AtomicInteger next = new AtomicInteger();
        AtomicLong produced = new AtomicLong();
        Throwable[] failure = new Throwable[1];
        int workers = Math.min(parallelism, blocks);
        List<Thread> threads = new ArrayList<>(workers);
        Codec.LIVE.incrementAndGet();
        try {
            Checksum check = mode == ZlibMode.GZIP ? new CRC32() : mode == ZlibMode.DEFLATE ? new Adler32() : null;
            try {
                for (int w = 0; w < workers; w++) {
                    threads.add(Thread.ofVirtual().name("sluice-zlib-block").start(() -> {
                        try {
                            compressBlocks(src, off, len, blocks, out, next, produced);
                        } catch (Throwable t) {
                            synchronized (failure) {
                                if (failure[0] == null) {
                                    failure[0] = t;
                                }
                            }
                            next.set(blocks); // the others stop after their current block
                        }
                    }));
                }
                if (check != null) {
                    check.update(src, off, len); // meanwhile, on this thread
                }
            } finally {
                joinAll(threads); // no worker outlives the call, whatever happened here
            }
            synchronized (failure) {
                Throwable t = failure[0];
                if (t instanceof RuntimeException e) {
                    throw e;
                }
                if (t instanceof Error e) {
                    throw e;
                }
                if (t != null) {
                    throw new IllegalStateException(t);
                }
            }
            return assemble(out, check, len);
        } finally {
            Codec.LIVE.decrementAndGet();
        }
    }

    /** One worker: takes blocks in turn until none is left or the output passed the limit. */
    private void compressBlocks(byte[] src, int off, int len, int blocks, List<Buffer>[] out,
            AtomicInteger next, AtomicLong produced) {
        Deflater d = ParallelDeflate.blockDeflater(level, strategy);
        try {
            for (int i = next.getAndIncrement(); i < blocks; i = next.getAndIncrement()) {
                int start = i * ParallelDeflate.BLOCK;
                int n = Math.min(ParallelDeflate.BLOCK, len - start);
                int flush = i == blocks - 1 ? -1 : Deflater.SYNC_FLUSH;
                List<Buffer> pieces;
                if (i == 0) {
                    // The dictionary option primes the first block, as zlib keeps only its last window.
                    int dictLen = dictionary == null ? 0 : Math.min(ParallelDeflate.WINDOW, dictionary.length);
                    pieces = ParallelDeflate.compressBlock(d, dictionary, dictionary == null ? 0 : dictionary.length - dictLen,
                            dictLen, src, off, n, flush, PIECE);
                } else {
                    pieces = ParallelDeflate.compressBlock(d, src, off + start - ParallelDeflate.WINDOW, ParallelDeflate.WINDOW,
                            src, off + start, n, flush, PIECE);
                }
                long size = 0;
                for (Buffer b : pieces) {
                    size += b.length();
                }
                out[i] = pieces;
                if (produced.addAndGet(size) > max) {
                    throw ZlibStream.tooLarge(max);
                }
            }
        } finally {
            d.end();
        }
    }

    /** One array per block's output as a rule: a block's raw deflate never exceeds this. */
    private static final int PIECE = (int) ParallelDeflate.outputBound(ParallelDeflate.BLOCK);

    private Buffer assemble(List<Buffer>[] out, Checksum check, int len) {
        List<Buffer> parts = new ArrayList<>(out.length + 2);
        byte[] header = switch (mode) {
            case GZIP -> DeflateFraming.gzipHeader(level, strategy);
            case DEFLATE -> DeflateFraming.zlibHeader(level, strategy, dictionary);
            default -> null;
        };
        byte[] trailer = switch (mode) {
            case GZIP -> DeflateFraming.gzipTrailer(check.getValue(), len);
            case DEFLATE -> DeflateFraming.zlibTrailer(check.getValue());
            default -> null;
        };
        long total = 0;
        if (header != null) {
            parts.add(Buffer.wrap(header));
            total += header.length;
        }
        for (List<Buffer> pieces : out) {
            for (Buffer b : pieces) {
                parts.add(b);
                total += b.length();
            }
        }
        if (trailer != null) {
            parts.add(Buffer.wrap(trailer));
            total += trailer.length;
        }
        if (total > max) {
            throw ZlibStream.tooLarge(max);
        }
        return Buffer.concat(parts, total);
    }

    /** Waits for every worker; an interrupt is remembered and restored, not obeyed. */
    private static void joinAll(List<Thread> threads) {
        boolean interrupted = false;
        for (Thread t : threads) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
