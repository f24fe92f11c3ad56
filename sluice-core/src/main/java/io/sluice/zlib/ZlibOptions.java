package io.sluice.zlib;

import io.sluice.buffer.Buffer;
import io.sluice.error.Errors;
import io.sluice.error.NodeRangeException;
import io.sluice.event.AbortSignal;
import io.sluice.stream.StreamOptions;
import java.util.Map;
import java.util.TreeMap;

/**
 * Node's zlib options object ({@code {level, strategy, windowBits, memLevel, chunkSize, dictionary, flush,
 * finishFlush, maxOutputLength, params}}) as a mutable builder: each setter returns {@code this}. Values
 * are range-checked when a stream or one-shot call uses them, with Node's {@code ERR_OUT_OF_RANGE}
 * messages ({@code The value of "options.level" is out of range. It must be >= -1 and <= 9. Received 10}),
 * because some ranges depend on the mode (windowBits 8 is valid for deflate, not for gzip).
 *
 * <h2>What java.util.zip cannot honour (honest differences from Node)</h2>
 * <ul>
 *   <li>{@code windowBits} and {@code memLevel} are validated but the JDK's {@code Deflater} always uses a
 *       32 KiB window and memLevel 8, and its {@code Inflater} always accepts windows up to 32 KiB. So
 *       compressed output does not shrink memory with smaller values, and an inflater configured with
 *       {@code windowBits: 9} still decodes a stream made with a 32 KiB window (Node fails with
 *       "invalid window size").</li>
 *   <li>{@code strategy} Z_RLE and Z_FIXED fall back to the default strategy (valid output, different
 *       bytes); Z_FILTERED and Z_HUFFMAN_ONLY are honoured.</li>
 *   <li>Flush kinds Z_PARTIAL_FLUSH and Z_BLOCK act as Z_SYNC_FLUSH on compressors.</li>
 *   <li>A {@code dictionary} is ignored by gzip (zlib rejects one there too).</li>
 *   <li>Brotli {@code params}: only QUALITY, LGWIN and MODE reach brotli4j; the other keys are
 *       accepted and ignored.</li>
 * </ul>
 *
 * <p>Stricter than Node: {@code maxOutputLength} also bounds streams (Node applies it only to one-shot
 * calls). A stream whose output passes it errors with {@code ERR_BUFFER_TOO_LARGE}; the default for
 * streams is no limit, for one-shot calls the largest Buffer ({@link Buffer#MAX_LENGTH}).
 */
public final class ZlibOptions {
    Integer level;
    Integer strategy;
    Integer windowBits;
    Integer memLevel;
    Integer chunkSize;
    Buffer dictionary;
    Integer flush;
    Integer finishFlush;
    Long maxOutputLength;
    final Map<Integer, Integer> params = new TreeMap<>();
    Long highWaterMark;
    Long readableHighWaterMark;
    Long writableHighWaterMark;
    AbortSignal signal;
    Integer parallelism;

    /** Options at Node's defaults. */
    public ZlibOptions() {}

    /** A new builder; the same as {@code new ZlibOptions()}. */
    public static ZlibOptions create() {
        return new ZlibOptions();
    }

    /** Compression level, -1 (default, = 6) to 9; ignored by decompressors. Node's {@code level}. */
    public ZlibOptions level(int level) {
        this.level = level;
        return this;
    }

    /** Z_DEFAULT_STRATEGY (0) to Z_FIXED (4); see the class notes for what the JDK honours. */
    public ZlibOptions strategy(int strategy) {
        this.strategy = strategy;
        return this;
    }

    /** 8 (9 for gzip) to 15, or 0 for decompressors (use the header's); validated only, see the class notes. */
    public ZlibOptions windowBits(int windowBits) {
        this.windowBits = windowBits;
        return this;
    }

    /** 1 to 9; validated only: the JDK always uses 8. */
    public ZlibOptions memLevel(int memLevel) {
        this.memLevel = memLevel;
        return this;
    }

    /** Size of each output chunk, at least 64 (Z_MIN_CHUNK); default 16 KiB (Z_DEFAULT_CHUNK). */
    public ZlibOptions chunkSize(int chunkSize) {
        this.chunkSize = chunkSize;
        return this;
    }

    /** Preset dictionary for deflate/inflate (zlib and raw); null for none. */
    public ZlibOptions dictionary(Buffer dictionary) {
        this.dictionary = dictionary;
        return this;
    }

    /** The flush kind of ordinary writes (default Z_NO_FLUSH / BROTLI_OPERATION_PROCESS). */
    public ZlibOptions flush(int flush) {
        this.flush = flush;
        return this;
    }

    /**
     * The flush kind of the last write (default Z_FINISH / BROTLI_OPERATION_FINISH). Z_SYNC_FLUSH makes a
     * decompressor accept truncated input without "unexpected end of file".
     */
    public ZlibOptions finishFlush(int finishFlush) {
        this.finishFlush = finishFlush;
        return this;
    }

    /**
     * Output limit in bytes (≥ 1): one-shot calls fail with RangeError {@code ERR_BUFFER_TOO_LARGE}
     * ("Cannot create a Buffer larger than N bytes"), and — unlike Node — streams are destroyed with that
     * error once their output would pass it (within one output chunk; the native engine is ended).
     */
    public ZlibOptions maxOutputLength(long maxOutputLength) {
        this.maxOutputLength = maxOutputLength;
        return this;
    }

    /**
     * One Brotli parameter (Node's {@code params: {[key]: value}}), key a {@code BROTLI_PARAM_*} constant.
     *
     * @throws NodeRangeException {@code ERR_BROTLI_INVALID_PARAM} ("99 is not a valid Brotli parameter")
     */
    public ZlibOptions brotliParam(int key, int value) {
        if (key < ZlibConstants.BROTLI_PARAM_MODE || key > ZlibConstants.BROTLI_PARAM_NDIRECT) {
            throw new NodeRangeException("ERR_BROTLI_INVALID_PARAM", key + " is not a valid Brotli parameter");
        }
        params.put(key, value);
        return this;
    }

    /** The streams' highWaterMark (both sides); default the stream default (64 KiB). */
    public ZlibOptions highWaterMark(long hwm) {
        this.highWaterMark = hwm;
        return this;
    }

    /** The readable (output) side's highWaterMark. */
    public ZlibOptions readableHighWaterMark(long hwm) {
        this.readableHighWaterMark = hwm;
        return this;
    }

    /** The writable (input) side's highWaterMark. */
    public ZlibOptions writableHighWaterMark(long hwm) {
        this.writableHighWaterMark = hwm;
        return this;
    }

    /** Aborting the signal destroys the stream with an AbortError. */
    public ZlibOptions signal(AbortSignal signal) {
        this.signal = signal;
        return this;
    }

    /**
     * How many helper threads a stream may keep busy (not in Node). {@code 0}, the default, means
     * automatic: {@code min(availableProcessors(), 4)}. {@code 1} restores the classic engine: one
     * {@code Deflater}/{@code Inflater} per stream, one job at a time, whose gzip/deflate output is
     * byte-for-byte what a single zlib stream writes.
     *
     * <p>With more than 1, gzip/deflate/deflateRaw <em>streams</em> compress 128 KiB blocks of input on up
     * to that many threads at once (as pigz does: each block primed with the 32 KiB before it, ended
     * with a sync flush), and zlib decompression streams inflate ahead of the reader on one helper
     * thread. The compressed bytes then differ from zlib's sequential output (they decode to the same
     * data with any inflater, Node's included; the JDK's zlib and Node's already differ byte-wise).
     * The one-shot compressors ({@code gzipSync}, {@code deflateSync}, {@code deflateRawSync} and their
     * asynchronous forms) do the same with an input longer than one block: its blocks are compressed on
     * up to that many virtual threads while the caller waits, and the bytes equal those of a stream given
     * the whole input in one write. Brotli and the one-shot decompressors ignore this option. Validated
     * when a stream is made or a one-shot compressor is called.
     *
     * @param parallelism 0 (automatic) to 64
     */
    public ZlibOptions parallelism(int parallelism) {
        this.parallelism = parallelism;
        return this;
    }

    // ------------------------------------------------------------------------------------------
    // Resolution (package-private): validated values for one mode.

    /**
     * The resolved parallelism (at least 1).
     *
     * @throws NodeRangeException {@code ERR_OUT_OF_RANGE} outside 0..64
     */
    int parallelism() {
        int p = check(parallelism, "options.parallelism", 0, 64, 0);
        return p == 0 ? Math.min(Runtime.getRuntime().availableProcessors(), 4) : p;
    }

    StreamOptions streamOptions() {
        StreamOptions o = new StreamOptions();
        if (highWaterMark != null) {
            o.highWaterMark(highWaterMark);
        }
        if (readableHighWaterMark != null) {
            o.readableHighWaterMark(readableHighWaterMark);
        }
        if (writableHighWaterMark != null) {
            o.writableHighWaterMark(writableHighWaterMark);
        }
        if (signal != null) {
            o.signal(signal);
        }
        return o;
    }

    static int check(Integer value, String name, int min, int max, int dflt) {
        if (value == null) {
            return dflt;
        }
        if (value < min || value > max) {
            throw Errors.outOfRange("\"" + name + "\"", ">= " + min + " and <= " + max, value);
        }
        return value;
    }

    int chunkSize() {
        if (chunkSize == null) {
            return ZlibConstants.Z_DEFAULT_CHUNK;
        }
        if (chunkSize < ZlibConstants.Z_MIN_CHUNK) {
            throw Errors.outOfRange("\"options.chunkSize\"", ">= " + ZlibConstants.Z_MIN_CHUNK, chunkSize);
        }
        return chunkSize;
    }

    int flush(ZlibMode mode) {
        return check(flush, "options.flush", 0, mode.brotli() ? 3 : 5, mode.defaultFlush());
    }

    int finishFlush(ZlibMode mode) {
        return check(finishFlush, "options.finishFlush", 0, mode.brotli() ? 3 : 5, mode.finish());
    }

    long resolveMaxOutputLength(long dflt) {
        if (maxOutputLength == null) {
            return dflt;
        }
        if (maxOutputLength < 1) {
            throw Errors.outOfRange("\"options.maxOutputLength\"", ">= 1", maxOutputLength);
        }
        return maxOutputLength;
    }

    /** Validates the zlib-only options for {@code mode} (Node's checks, in Node's order). */
    void checkZlib(ZlibMode mode) {
        if (!(windowBits != null && windowBits == 0
                && (mode == ZlibMode.INFLATE || mode == ZlibMode.GUNZIP || mode == ZlibMode.UNZIP))) {
            int min = ZlibConstants.Z_MIN_WINDOWBITS + (mode == ZlibMode.GZIP ? 1 : 0);
            check(windowBits, "options.windowBits", min, ZlibConstants.Z_MAX_WINDOWBITS, ZlibConstants.Z_DEFAULT_WINDOWBITS);
        }
        level();
        check(memLevel, "options.memLevel", ZlibConstants.Z_MIN_MEMLEVEL, ZlibConstants.Z_MAX_MEMLEVEL,
                ZlibConstants.Z_DEFAULT_MEMLEVEL);
        strategy();
    }

    int level() {
        return check(level, "options.level", ZlibConstants.Z_MIN_LEVEL, ZlibConstants.Z_MAX_LEVEL, ZlibConstants.Z_DEFAULT_LEVEL);
    }

    int strategy() {
        return check(strategy, "options.strategy", ZlibConstants.Z_DEFAULT_STRATEGY, ZlibConstants.Z_FIXED,
                ZlibConstants.Z_DEFAULT_STRATEGY);
    }

    byte[] dictionaryBytes() {
        return dictionary == null ? null : dictionary.toByteArray();
    }

    int brotliParam(int key, int dflt, int min, int max) {
        Integer v = params.get(key);
        // Brotli's encoder clamps out-of-range values rather than failing; so do we.
        return v == null ? dflt : Math.max(min, Math.min(max, v));
    }
}
