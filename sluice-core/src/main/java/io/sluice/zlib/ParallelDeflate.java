package io.sluice.zlib;

import io.sluice.buffer.Buffer;
import io.sluice.stream.TransformCallback;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.Checksum;
import java.util.zip.Deflater;

/**
 * The compression engine of a gzip/deflate/deflateRaw {@link ZlibStream} when {@link
 * ZlibOptions#parallelism} is above 1: pigz's scheme on {@link Deflater}s.
 *
 * <h2>Why</h2>
 * The JDK's zlib deflates about 30 % slower than Node's (Chromium) zlib on one core (53 against 78 MB/s
 * one-shot on the project's log-line benchmark), so one Deflater per stream cannot match Node's
 * {@code createGzip()}; using a second core can (about 1.3× Node's stream on the 2-CPU bench machine).
 *
 * <h2>How</h2>
 * Input is cut at fixed uncompressed offsets into {@value #BLOCK}-byte blocks, independent of how the
 * writes are chunked, and additionally wherever a flush is requested; so the output is a function of the
 * written bytes, the flush points and the options only (deterministic). Each block is compressed by a
 * raw (nowrap) Deflater on an {@code EventLoop.offload} virtual thread, primed with the 32 KiB of input
 * before it ({@code setDictionary}; Node's {@code dictionary} option primes the first block, a
 * Z_FULL_FLUSH primes nothing) and ended with a sync flush (the last with finish), so the blocks
 * concatenate into one valid deflate stream. The zlib/gzip header and trailer (Adler-32 or CRC32 of the
 * whole input, ISIZE) are written here; checksums run on the loop as input is copied in (both are
 * intrinsics, about 1 % of the deflate cost). Block outputs are pushed strictly in order.
 *
 * <p>A block of 128 KiB is about 2.4 ms of deflate at level 6, against about 30 µs for a cross-CPU
 * thread wake on the bench VM, so the handoffs cost about 1-2 %; the sync-flush marker and lost
 * cross-block matches cost about 0.1 % of compressed size. Smaller blocks lose more to handoffs, larger
 * ones hold more memory per stream and show output later.
 *
 * <h2>Memory and backpressure</h2>
 * At most {@code parallelism} blocks are in flight (compressing, or compressed and waiting to be pushed)
 * plus the one being filled; a write whose bytes need a new block waits (its callback is held) until the
 * oldest block has been pushed. Output is pushed only while the readable side is below its
 * highWaterMark. So a stream whose reader never reads holds at most {@link #maxBuffered} bytes besides
 * its readable buffer (which reaches at most highWaterMark + one chunk): {@code (parallelism + 1) × 128
 * KiB} of input, and per in-flight block a 32 KiB dictionary and its compressed output.
 *
 * <p>Flushes ({@code flush()}, {@code params()}) cut a block and call back once everything before them
 * has been pushed; so flush points stay exact, as in Node. The Deflaters are pooled per stream and
 * ended on finish, error and destroy (in-flight ones when their block returns).
 *
 * <p>Confined to the stream's loop thread, except {@link Block#compress}, which runs on a helper thread
 * and touches only its block.
 */
final class ParallelDeflate implements ZlibEngine {
    /** Uncompressed bytes per block. */
    static final int BLOCK = 128 * 1024;
    /** Deflate's window: the history a block is primed with. */
    static final int WINDOW = 32 * 1024;

    private final ZlibStream stream;
    private final ZlibMode mode;
    private final int chunkSize;
    private final int maxInFlight;
    private final long maxOutputLength;
    private final Checksum check;
    private final byte[] header;

    private int level;
    private int strategy;
    /** Blocks submitted and not yet fully pushed, in stream order. */
    private final ArrayDeque<Block> queue = new ArrayDeque<>();
    /** Deflaters not in use (all of the stream's level and strategy). */
    private final ArrayDeque<Slot> idle = new ArrayDeque<>();
    /** Blocks on helper threads right now (their Deflaters are theirs until they return). */
    private int running;
    private byte[] fill = new byte[BLOCK];
    private int fillLen;
    private byte[] spare;
    /** The last up-to-32 KiB of input before {@link #fill}: the next block's dictionary. */
    private final byte[] history = new byte[WINDOW];
    private int historyLen;
    private boolean headerPushed;
    /** A Z_FINISH block was submitted: later input is ignored, as zlib ignores it. */
    private boolean finished;
    private boolean closed;
    private boolean ended;
    private long totalOut;
    /** Input bytes accepted (Node's bytesWritten). */
    private long bytesRead;

    // The write being consumed.
    private TransformCallback<Buffer> callback;
    private byte[] src;
    private int srcPos;
    private int srcEnd;
    private int flush;
    private boolean cutDone;
    private boolean lastWrite;
    private final PushRounds rounds;

    ParallelDeflate(ZlibStream stream, ZlibMode mode, ZlibOptions o, int chunkSize, int parallelism, long maxOutputLength) {
        this.stream = stream;
        this.mode = mode;
        this.chunkSize = chunkSize;
        this.maxInFlight = parallelism;
        this.maxOutputLength = maxOutputLength;
        this.rounds = new PushRounds(stream.eventLoop(), this::drain);
        this.level = o.level();
        this.strategy = o.strategy();
        byte[] dict = mode == ZlibMode.GZIP ? null : o.dictionaryBytes();
        if (dict != null && dict.length > 0) {
            // zlib keeps only the last window's worth of a longer dictionary.
            historyLen = Math.min(WINDOW, dict.length);
            System.arraycopy(dict, dict.length - historyLen, history, 0, historyLen);
        } else {
            dict = null;
        }
        this.check = switch (mode) {
            case GZIP -> new CRC32();
            case DEFLATE -> new Adler32();
            default -> null;
        };
        this.header = switch (mode) {
            case GZIP -> DeflateFraming.gzipHeader(level, strategy);
            case DEFLATE -> DeflateFraming.zlibHeader(level, strategy, dict);
            default -> null;
        };
        Codec.LIVE.incrementAndGet();
    }

    /** Level and strategy for the blocks cut from now on (the stream has flushed before calling this). */
    @Override
    public void params(int level, int strategy) {
        if (level != this.level || strategy != this.strategy) {
            this.level = level;
            this.strategy = strategy;
            while (!idle.isEmpty()) {
                idle.poll().deflater.end();
            }
        }
    }

    /**
     * Takes one written chunk with its flush kind; calls {@code cb} once its bytes are copied into blocks
     * (Z_NO_FLUSH) or once everything up to it has been pushed (other kinds), or with the error.
     */
    @Override
    public void write(Buffer chunk, int flush, TransformCallback<Buffer> cb, boolean last) {
        if (finished || closed) {
            if (last) {
                close();
            }
            cb.done(); // after Z_FINISH zlib takes nothing more and Node's later writes produce nothing
            return;
        }
        this.lastWrite = last;
        ByteBuffer bb = chunk.asByteBuffer();
        this.src = bb.array();
        this.srcPos = bb.arrayOffset() + bb.position();
        this.srcEnd = srcPos + bb.remaining();
        this.flush = flush;
        this.callback = cb;
        this.cutDone = false;
        pump();
    }

    /** Continues the current write as far as the in-flight limit allows. */
    private void pump() {
        while (srcPos < srcEnd) {
            if (fillLen == BLOCK) {
                if (queue.size() >= maxInFlight) {
                    return; // resumed by drain() when the oldest block has been pushed
                }
                submit(Deflater.SYNC_FLUSH);
            }
            int n = Math.min(BLOCK - fillLen, srcEnd - srcPos);
            System.arraycopy(src, srcPos, fill, fillLen, n);
            if (check != null) {
                check.update(src, srcPos, n);
            }
            fillLen += n;
            srcPos += n;
            bytesRead += n;
        }
        if (flush == ZlibConstants.Z_NO_FLUSH) {
            complete(null);
            return;
        }
        if (!cutDone) {
            if (queue.size() >= maxInFlight) {
                return;
            }
            cutDone = true;
            submit(switch (flush) {
                case ZlibConstants.Z_FINISH -> -1;
                case ZlibConstants.Z_FULL_FLUSH -> Deflater.FULL_FLUSH;
                default -> Deflater.SYNC_FLUSH; // Z_PARTIAL_FLUSH and Z_BLOCK as in DeflateCodec
            });
        }
        if (queue.isEmpty()) {
            complete(null);
        } // else drain() completes it once everything before the flush point is out
    }

    /** Cuts the filled bytes into a block ({@code jdkFlush} -1 = finish) and starts compressing it. */
    private void submit(int jdkFlush) {
        boolean last = jdkFlush == -1;
        byte[] dict = historyLen == 0 ? null : java.util.Arrays.copyOf(history, historyLen);
        Block b = new Block(fill, fillLen, dict, jdkFlush, chunkSize, takeSlot());
        remember(fill, fillLen);
        if (jdkFlush == Deflater.FULL_FLUSH) {
            historyLen = 0; // the decoder may restart here: nothing before may be referenced
        }
        fill = spare != null ? spare : new byte[BLOCK];
        spare = null;
        fillLen = 0;
        if (last) {
            finished = true;
        }
        queue.add(b);
        running++;
        ZlibStream.HELPERS.incrementAndGet();
        stream.eventLoop().offload(() -> {
            try {
                return b.compress();
            } finally {
                ZlibStream.HELPERS.decrementAndGet();
            }
        }, (out, err) -> returned(b, out, err));
    }

    /** Appends a block's input to the history window. */
    private void remember(byte[] data, int len) {
        if (len >= WINDOW) {
            System.arraycopy(data, len - WINDOW, history, 0, WINDOW);
            historyLen = WINDOW;
            return;
        }
        int keep = Math.min(historyLen, WINDOW - len);
        System.arraycopy(history, historyLen - keep, history, 0, keep);
        System.arraycopy(data, 0, history, keep, len);
        historyLen = keep + len;
    }

    private Slot takeSlot() {
        Slot s = idle.poll();
        return s != null ? s : new Slot(blockDeflater(level, strategy), level, strategy);
    }

    /** A raw Deflater for blocks, its strategy already applied. */
    static Deflater blockDeflater(int level, int strategy) {
        Deflater d = new Deflater(level, true);
        d.setStrategy(DeflateCodec.jdkStrategy(strategy));
        // A changed strategy is applied by the JDK in a deflate call of its own that consumes no input
        // and returns 0; do it now, on the empty stream, so block loops never see it.
        d.deflate(new byte[0]);
        return d;
    }

    /**
     * Compresses {@code in[off, off + len)} as one block with {@code d} (reset first), primed with
     * {@code dict[0, dictLen)} if {@code dictLen > 0}, ended with {@code jdkFlush} (-1 = finish), into
     * Buffers of {@code pieceSize} bytes (a short last one copied to fit). Touches only its arguments, so
     * it runs on any thread.
     */
    static List<Buffer> compressBlock(Deflater d, byte[] dict, int dictOff, int dictLen, byte[] in, int off, int len,
            int jdkFlush, int pieceSize) {
        d.reset();
        if (dictLen > 0) {
            d.setDictionary(dict, dictOff, dictLen);
        }
        d.setInput(in, off, len);
        boolean finish = jdkFlush == -1;
        if (finish) {
            d.finish();
        }
        int mode = finish ? Deflater.NO_FLUSH : jdkFlush;
        List<Buffer> out = new ArrayList<>(4);
        byte[] buf = new byte[pieceSize];
        int pos = 0;
        while (true) {
            int room = buf.length - pos;
            int n = d.deflate(buf, pos, room, mode);
            pos += n;
            // A flush is complete once it leaves room in the output with all input taken.
            boolean done = finish ? d.finished() : n < room && d.needsInput();
            if (pos == buf.length) {
                out.add(Buffer.wrap(buf));
                buf = new byte[pieceSize];
                pos = 0;
            }
            if (done) {
                break;
            }
        }
        if (pos > 0) {
            // A short tail is copied so a mostly empty array is not kept alive by a small Buffer.
            out.add(pos < buf.length / 2 ? Buffer.wrap(java.util.Arrays.copyOf(buf, pos)) : Buffer.wrap(buf, 0, pos));
        }
        return out;
    }

    /** A block came back (on the loop). */
    private void returned(Block b, List<Buffer> out, Throwable err) {
        running--;
        if (closed) {
            b.slot.deflater.end();
            maybeEnd();
            return;
        }
        if (err != null) {
            b.slot.deflater.end();
            fail(err);
            return;
        }
        if (b.slot.level == level && b.slot.strategy == strategy) {
            idle.push(b.slot);
        } else {
            b.slot.deflater.end();
        }
        b.out = out;
        if (spare == null && b.input.length == BLOCK) {
            spare = b.input;
        }
        b.input = null;
        drain();
    }

    /** The reader wants more (Node's {@code _read}): push on the next tick (see {@link PushRounds}). */
    @Override
    public void resume() {
        rounds.resumeOnNextTick();
    }

    /** Pushes finished blocks in order while the reader keeps up, then continues a waiting write. */
    private void drain() {
        if (closed || !rounds.run(this::drainOnce)) {
            return;
        }
        if (callback != null && !stream.destroyed()) {
            pump();
        }
    }

    /** @return false if the stream failed or was destroyed meanwhile */
    private boolean drainOnce() {
        Block b;
        while ((b = queue.peek()) != null && b.out != null) {
            if (!headerPushed && header != null) {
                headerPushed = true;
                if (!emit(Buffer.wrap(header))) {
                    return false;
                }
            }
            while (b.next < b.out.size()) {
                if (stream.readableLength() >= stream.readableHighWaterMark()) {
                    return true; // resume() continues once the reader has taken some
                }
                if (!emit(b.out.get(b.next++))) {
                    return false;
                }
            }
            queue.poll();
            if (b.jdkFlush == -1 && check != null && !emit(Buffer.wrap(trailer()))) {
                return false;
            }
        }
        if (queue.isEmpty() && finished && !closed) {
            closed = true; // nothing can be written any more: free the Deflaters now
            maybeEnd();
        }
        return true;
    }

    private boolean emit(Buffer x) {
        totalOut += x.length();
        if (totalOut > maxOutputLength) {
            fail(ZlibStream.tooLarge(maxOutputLength));
            return false;
        }
        stream.push(x);
        return !stream.destroyed();
    }

    private byte[] trailer() {
        return mode == ZlibMode.DEFLATE ? DeflateFraming.zlibTrailer(check.getValue())
                : DeflateFraming.gzipTrailer(check.getValue(), bytesRead);
    }

    private void complete(Throwable err) {
        TransformCallback<Buffer> cb = callback;
        callback = null;
        src = null;
        if (lastWrite) {
            close(); // the end: whatever a non-finishing finishFlush left is dropped, as the classic engine does
        }
        cb.done(err);
    }

    private void fail(Throwable err) {
        close();
        if (callback != null) {
            complete(err);
        } else {
            stream.destroy(err);
        }
    }

    /** Destroy, error or the end: no more work; Deflaters end now or when their block returns. */
    @Override
    public void close() {
        closed = true;
        queue.clear();
        maybeEnd();
    }

    private void maybeEnd() {
        while (!idle.isEmpty()) {
            idle.poll().deflater.end();
        }
        if (!ended && running == 0) {
            ended = true;
            Codec.LIVE.decrementAndGet();
        }
    }

    @Override
    public long bytesRead() {
        return bytesRead;
    }

    /** Whether every Deflater has been ended. */
    @Override
    public boolean ended() {
        return ended;
    }

    /** Input, dictionaries and output held here (not counting the readable buffer); test hook. */
    @Override
    public long buffered() {
        long n = fillLen;
        for (Block b : queue) {
            n += b.len + (b.dict == null ? 0 : b.dict.length);
            if (b.out != null) {
                for (int i = b.next; i < b.out.size(); i++) {
                    n += b.out.get(i).length();
                }
            }
        }
        return n;
    }

    /** The most {@link #buffered} can reach: per in-flight block its input, dictionary and output bound, plus the block being filled. */
    static long maxBuffered(int parallelism) {
        return BLOCK + (long) parallelism * (BLOCK + WINDOW + outputBound(BLOCK));
    }

    /** zlib's deflateBound for raw deflate plus a sync-flush marker and an empty final block. */
    static long outputBound(int len) {
        return len + (len >> 12) + (len >> 14) + (len >> 25) + 7 + 5 + 2 + 6;
    }

    /** A pooled Deflater and the parameters it was made with. */
    private record Slot(Deflater deflater, int level, int strategy) {}

    /** One block: its input, dictionary and flush, compressed on a helper thread. */
    private static final class Block {
        byte[] input;
        final int len;
        final byte[] dict;
        final int jdkFlush;
        final int chunkSize;
        final Slot slot;
        /** Set on the loop when the block has returned. */
        List<Buffer> out;
        int next;

        Block(byte[] input, int len, byte[] dict, int jdkFlush, int chunkSize, Slot slot) {
            this.input = input;
            this.len = len;
            this.dict = dict;
            this.jdkFlush = jdkFlush;
            this.chunkSize = chunkSize;
            this.slot = slot;
        }

        /** Runs on a helper thread; touches only this block and its Deflater. */
        List<Buffer> compress() {
            return compressBlock(slot.deflater, dict, 0, dict == null ? 0 : dict.length, input, 0, len, jdkFlush, chunkSize);
        }
    }
}
