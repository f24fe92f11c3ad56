package io.sluice.zlib;

import io.sluice.buffer.Buffer;
import io.sluice.error.ErrorCodes;
import io.sluice.error.Errors;
import io.sluice.error.NodeRangeException;
import io.sluice.stream.Callback;
import io.sluice.stream.Streams;
import io.sluice.stream.Transform;
import io.sluice.stream.TransformCallback;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A compression or decompression {@link Transform} (Node's {@code zlib.Gzip}, {@code Gunzip},
 * {@code Deflate}, {@code Inflate}, {@code DeflateRaw}, {@code InflateRaw}, {@code Unzip},
 * {@code BrotliCompress}, {@code BrotliDecompress}; which one is {@link #mode()}). Made by the
 * {@code Zlib.createXxx} factories.
 *
 * <h2>Behaviour (Node's)</h2>
 * <ul>
 *   <li>Output comes in chunks of at most {@code chunkSize} (16 KiB) bytes; chunk boundaries are not part of
 *       the contract.</li>
 *   <li>Ordinary writes use the {@code flush} option (Z_NO_FLUSH); the last chunk and the end use
 *       {@code finishFlush} (Z_FINISH). {@code 'finish'} is emitted before the final flush completes,
 *       then the last output, {@code 'end'} and {@code 'close'}, in Node's order.</li>
 *   <li>Errors ({@link ZlibException}: {@code Z_DATA_ERROR} "incorrect header check", {@code Z_BUF_ERROR}
 *       "unexpected end of file", ...) destroy the stream: {@code 'error'} then {@code 'close'}.</li>
 *   <li>When one written chunk expands beyond the readable highWaterMark, decompression pauses until the
 *       reader catches up (Node does the same inside a chunk).</li>
 * </ul>
 *
 * <h2>Threads and cost</h2>
 * (De)compression runs on virtual threads through {@link io.sluice.loop.EventLoop#offload}, results
 * pushed on the loop, so a busy stream never stalls others on its loop. Which engine does the work
 * depends on {@link ZlibOptions#parallelism} (default: up to 4 on a multi-core machine):
 * <ul>
 *   <li>gzip/deflate/deflateRaw with parallelism above 1: 128 KiB blocks compressed on up to that many
 *       threads at once ({@link ParallelDeflate}); 1.4-1.6× Node's {@code createGzip()} on 2 CPUs,
 *       where one JDK Deflater reaches only 0.7× (bench/compare gzip, scale 1). The output bytes differ from zlib's sequential output
 *       (still one valid stream that every inflater decodes to the same data).</li>
 *   <li>gunzip/inflate/inflateRaw/unzip with parallelism above 1: one helper thread inflates ahead of the
 *       reader into a bounded queue ({@link InflateAhead}) while the loop delivers, so inflation runs
 *       nearly continuously; a written chunk's callback may complete as soon as the chunk is queued.</li>
 *   <li>Otherwise (parallelism 1, Brotli) the classic engine ({@link ClassicEngine}): one job in
 *       flight per stream, the whole chunk per hop (up to 1 MiB of output).</li>
 * </ul>
 * Chunks of at most {@value #INLINE_MAX} bytes are (de)compressed inline on the loop when nothing is in
 * flight (zlib decompression and the classic engine; not Brotli compression), because a thread handoff
 * (about 30 µs across CPUs) costs more than the work; inline work is capped at 256 KiB of output before
 * it continues off the loop. Parallel compression only copies small writes into its current block.
 *
 * <h2>Resources</h2>
 * The native {@code Deflater}/{@code Inflater} (or Brotli state) is ended as soon as the final flush
 * completes, on error, and on {@code destroy()} (after the job in flight, if any, returns).
 *
 * <h2>Differences from Node</h2>
 * <ul>
 *   <li>{@code maxOutputLength} also applies to streams (see {@link ZlibOptions#maxOutputLength}).</li>
 *   <li>Bytes after the end of the compressed stream (Inflate/InflateRaw, gunzip's zero padding,
 *       Brotli) are ignored without ending the readable side early: Node pushes EOF as soon as it sees
 *       them, so its {@code 'end'} can come before {@code 'finish'}; Sluice keeps the usual order.</li>
 *   <li>Parallel compression (the default on more than one CPU): the compressed bytes differ from zlib's
 *       sequential output and appear in 128 KiB-of-input steps (or at a flush); they decode to the same
 *       data everywhere. {@code parallelism(1)} gives the classic, byte-compatible engine.</li>
 *   <li>Small chunks run inline (see above): their output is pushed, and {@code bytesWritten} counted,
 *       inside {@code write()}, and their callback runs on the next tick; Node always completes a chunk
 *       in a later turn (the thread pool), so its {@code 'data'} comes after {@code write()} returns.</li>
 *   <li>Corrupt input: the failing chunk's callback is called with the error and the output it
 *       produced before the error is dropped; Node pushes that output (in {@code chunkSize} rounds)
 *       and never calls the failing chunk back. Both then emit {@code 'error'} and {@code 'close'}.</li>
 *   <li>Inflate-ahead (the default on more than one CPU): a write's callback may run once its (copied)
 *       chunk is queued, before it is inflated; so when a later chunk turns out corrupt, callbacks of up
 *       to 256 KiB of writes after the last good one may already have run (Node runs none of them). The
 *       stream still emits {@code 'error'} then {@code 'close'} with Node's code and message.</li>
 * </ul>
 */
public final class ZlibStream extends Transform<Buffer, Buffer> {
    /** Written chunks up to this size are processed on the loop; larger ones on a virtual thread. */
    static final int INLINE_MAX = 4096;
    /** Output cap of one inline run, so a tiny chunk of a bomb cannot hold the loop. */
    static final long INLINE_BUDGET = 256 * 1024;
    /** Output cap of one offloaded hop: ~1-2 ms of work, against ~60 µs for the round trip. */
    static final long HOP_BUDGET = 1 << 20;
    /** Helper jobs (blocks, inflate-ahead runs) running right now, JVM-wide: tests check they all end. */
    static final AtomicInteger HELPERS = new AtomicInteger();

    /** Zero-length chunks that carry a flush kind from {@link #flush(int, Callback)} to the transform (Node's kFlushBuffers). */
    private static final Buffer[] FLUSH_MARKERS = new Buffer[6];
    /** Rank of each flush kind when two apply to one chunk (Node's kFlushFlagList: Z_BLOCK ranks above Z_NO_FLUSH only). */
    private static final int[] FLUSH_RANK = {0, 2, 3, 4, 5, 1};
    private static final Buffer EMPTY = Buffer.alloc(0);

    static {
        for (int i = 0; i < FLUSH_MARKERS.length; i++) {
            FLUSH_MARKERS[i] = Buffer.wrap(new byte[0]);
        }
    }

    private final ZlibMode mode;
    private final ZlibEngine engine;
    private final int defaultFlush;
    private final int finishFlush;

    private int level;
    private int strategy;
    private boolean paramsPending;

    ZlibStream(ZlibMode mode, ZlibOptions options) {
        ZlibOptions o = options == null ? new ZlibOptions() : options;
        int chunk = o.chunkSize();
        int flush = o.flush(mode);
        int finish = o.finishFlush(mode);
        long max = o.resolveMaxOutputLength(Long.MAX_VALUE);
        int parallelism = mode.brotli() ? 1 : o.parallelism();
        boolean blocks = parallelism > 1 && mode.compresses();
        if (blocks) {
            o.checkZlib(mode); // the blocks' Deflaters are made later, on demand
        }
        Codec c = blocks ? null : Codecs.create(mode, o); // validates the mode's options before the stream exists
        super(o.streamOptions());
        this.mode = mode;
        if (blocks) {
            this.engine = new ParallelDeflate(this, mode, o, chunk, parallelism, max);
        } else if (parallelism > 1 && !mode.compresses()) {
            // Inflate-ahead fills larger arrays per native call (see InflateAhead.ARRAY), cut into chunkSize Buffers.
            this.engine = new InflateAhead(this, c, new Output(chunk, InflateAhead.ARRAY), max);
        } else {
            this.engine = new ClassicEngine(this, c, new Output(chunk, chunk), max);
        }
        this.defaultFlush = flush;
        this.finishFlush = finish;
        if (!mode.brotli()) {
            this.level = o.level();
            this.strategy = o.strategy();
        }
    }

    /** Which of Node's zlib classes this stream is. Any thread. */
    public ZlibMode mode() {
        return mode;
    }

    /**
     * Node's {@code bytesWritten}: input bytes consumed by the engine so far (bytes ignored after the end
     * of the compressed data are not counted).
     */
    public long bytesWritten() {
        checkLoop();
        return engine.bytesRead();
    }

    /** {@link #flush(int, Callback)} with Z_FULL_FLUSH (BROTLI_OPERATION_FLUSH for Brotli) and no callback. */
    public void flush() {
        flush(mode.fullFlush(), null);
    }

    /** {@link #flush(int, Callback)} with Z_FULL_FLUSH (BROTLI_OPERATION_FLUSH for Brotli). */
    public void flush(Callback callback) {
        flush(mode.fullFlush(), callback);
    }

    /** {@link #flush(int, Callback)} without a callback. */
    public void flush(int kind) {
        flush(kind, null);
    }

    /**
     * Node's {@code flush(kind, callback)}: queues a flush of the given kind behind the pending writes, so
     * everything written so far is pushed out (a compressor's output then decodes up to here). After
     * {@code end()} the callback waits for {@code 'end'}; once finished it is called on the next tick.
     *
     * @param kind a zlib flush kind (0..5) or, for Brotli, an operation (0..3)
     * @param callback called with null once flushed (or the write error); may be null
     * @throws NodeRangeException {@code ERR_OUT_OF_RANGE} for an unknown kind
     * @throws IllegalStateException off the stream's loop thread
     */
    public void flush(int kind, Callback callback) {
        checkLoop();
        if (kind < 0 || kind > (mode.brotli() ? 3 : 5)) {
            throw Errors.outOfRange("kind", ">= 0 and <= " + (mode.brotli() ? 3 : 5), kind);
        }
        if (writableFinished()) {
            if (callback != null) {
                eventLoop().nextTick(callback::done);
            }
        } else if (writableEnded()) {
            if (callback != null) {
                once("end", args -> callback.done());
            }
        } else if (callback == null) {
            write(FLUSH_MARKERS[kind]);
        } else {
            write(FLUSH_MARKERS[kind], callback);
        }
    }

    /**
     * Node's {@code params(level, strategy, callback)} for the zlib modes: when either differs, flushes
     * with Z_SYNC_FLUSH and then applies them to the following input; otherwise calls back on the next
     * tick. A no-op for decompressors (as in Node). Strategy Z_RLE/Z_FIXED: see {@link ZlibOptions}.
     *
     * @throws NodeRangeException {@code ERR_OUT_OF_RANGE} ("The value of "level" is out of range...")
     * @throws UnsupportedOperationException on a Brotli stream (Node's have no {@code params})
     */
    public void params(int level, int strategy, Callback callback) {
        checkLoop();
        if (mode.brotli()) {
            throw new UnsupportedOperationException("params() is not available on Brotli streams");
        }
        ZlibOptions.check(level, "level", ZlibConstants.Z_MIN_LEVEL, ZlibConstants.Z_MAX_LEVEL, 0);
        ZlibOptions.check(strategy, "strategy", ZlibConstants.Z_DEFAULT_STRATEGY, ZlibConstants.Z_FIXED, 0);
        if (this.level != level || this.strategy != strategy) {
            flush(ZlibConstants.Z_SYNC_FLUSH, err -> {
                pendingParams(level, strategy);
                if (!destroyed() && callback != null) {
                    callback.done(err);
                }
            });
        } else if (callback != null) {
            eventLoop().nextTick(callback::done);
        }
    }

    private void pendingParams(int level, int strategy) {
        this.level = level;
        this.strategy = strategy;
        this.paramsPending = true;
    }

    /** Node's {@code close(callback)}: destroys the stream; {@code callback} as {@code Streams.finished}. */
    public void close(Callback callback) {
        checkLoop();
        if (callback != null) {
            Streams.finished(this, callback);
        }
        destroy();
    }

    /** Node's {@code close()}: {@code destroy()}. */
    public void close() {
        close(null);
    }

    // ---------------------------------------------------------------------------------------------
    // Transform hooks

    @Override
    protected void doTransform(Buffer chunk, String encoding, TransformCallback<Buffer> callback) {
        int flush = defaultFlush;
        for (int k = 0; k < FLUSH_MARKERS.length; k++) {
            if (chunk == FLUSH_MARKERS[k]) {
                flush = k;
                break;
            }
        }
        // The last chunk of an ended stream carries the finish flush itself (Node's rule).
        if (writableEnded() && writableLength() == chunk.length()) {
            flush = maxFlush(flush, finishFlush);
        }
        if (paramsPending) {
            paramsPending = false;
            engine.params(level, strategy);
        }
        engine.write(chunk, flush, callback, false);
    }

    @Override
    protected void doFlush(TransformCallback<Buffer> callback) {
        // Node's final flush always completes in a later event-loop turn (it goes through the thread
        // pool), so 'finish' precedes 'end'. An inline flush would reverse them; one immediate keeps
        // Node's order for the price of a loop iteration per stream.
        eventLoop().setImmediate(() -> {
            if (destroyed()) {
                return;
            }
            engine.write(EMPTY, maxFlush(defaultFlush, finishFlush), callback, true);
        });
    }

    /** As Node's: 'finish' does not wait for the final flush, which runs on 'prefinish'. */
    @Override
    protected void doFinal(Callback callback) {
        callback.done();
    }

    @Override
    protected void doDestroy(Throwable err, Callback callback) {
        engine.close();
        callback.done(err);
    }

    private static int maxFlush(int a, int b) {
        return FLUSH_RANK[a] > FLUSH_RANK[b] ? a : b;
    }

    @Override
    protected void readRequested(long size) {
        engine.resume();
    }

    static NodeRangeException tooLarge(long max) {
        return new NodeRangeException(ErrorCodes.ERR_BUFFER_TOO_LARGE, "Cannot create a Buffer larger than " + max + " bytes");
    }

    private void checkLoop() {
        eventLoop().checkInLoop();
    }

    // ---------------------------------------------------------------------------------------------
    // Test hooks

    /** Whether the native engine has been ended. */
    boolean codecEnded() {
        return engine.ended();
    }

    /** Helper jobs running right now, JVM-wide. */
    static int helperThreads() {
        return HELPERS.get();
    }

    /** Which engine: "parallel-deflate", "inflate-ahead" or "classic". */
    String engine() {
        return switch (engine) {
            case ParallelDeflate p -> "parallel-deflate";
            case InflateAhead a -> "inflate-ahead";
            case ClassicEngine c -> "classic";
        };
    }

    /** Whether the classic engine has a job on a helper thread right now; test hook. */
    boolean engineBusy() {
        return engine instanceof ClassicEngine c && c.busy();
    }

    /** Bytes held by the engine besides the readable buffer (input and output); test hook. */
    long engineBuffered() {
        return engine.buffered();
    }

    /** Codecs created and not yet ended, JVM-wide. */
    static long liveCodecs() {
        return Codec.LIVE.get();
    }
}
