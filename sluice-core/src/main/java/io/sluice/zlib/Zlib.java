package io.sluice.zlib;

import io.sluice.buffer.Buffer;
import java.util.concurrent.CompletableFuture;

/**
 * Node's {@code zlib} module functions: stream factories ({@code createGzip()}, ...), one-shot calls
 * ({@code gzipSync(buf)}) and their asynchronous forms ({@code gzip(buf)}, a {@link CompletableFuture}
 * where Node takes a callback or returns a Promise).
 *
 * <p>Stream factories must be called on an event loop thread (a stream belongs to the loop that makes
 * it). One-shot calls run on the calling thread (the compressors spread an input of more than 128 KiB
 * over helper threads while it waits, see {@link ZlibOptions#parallelism}); the asynchronous forms run
 * off the loop ({@code EventLoop.offload} when called on a loop, which also completes the future on the
 * loop thread; a virtual thread otherwise). Options are validated synchronously in every form: a bad option throws
 * {@code ERR_OUT_OF_RANGE} from the call itself, as in Node.
 *
 * <p>Errors: {@link ZlibException} ({@code Z_DATA_ERROR}, {@code Z_BUF_ERROR} "unexpected end of
 * file", {@code Z_NEED_DICT}); RangeError {@code ERR_BUFFER_TOO_LARGE} past {@code maxOutputLength}
 * (default: the largest Buffer); {@code UnsupportedOperationException} for Brotli when brotli4j is not
 * on the class/module path. See {@link ZlibStream} and {@link ZlibOptions} for the differences from Node.
 */
public final class Zlib {
    private Zlib() {}

    /**
     * A stream of the given mode (null options = defaults).
     *
     * @throws io.sluice.error.NodeRangeException {@code ERR_OUT_OF_RANGE} for an invalid option
     * @throws IllegalStateException if the calling thread runs no event loop
     */
    public static ZlibStream create(ZlibMode mode, ZlibOptions options) {
        return new ZlibStream(mode, options);
    }

    /**
     * Runs a whole buffer through {@code mode} on the calling thread (Node's {@code xxxSync}).
     *
     * @throws ZlibException for corrupt or truncated input
     * @throws io.sluice.error.NodeRangeException {@code ERR_BUFFER_TOO_LARGE} past maxOutputLength
     */
    public static Buffer processSync(ZlibMode mode, Buffer input, ZlibOptions options) {
        return OneShot.sync(mode, input, options);
    }

    /**
     * {@link #processSync} off the calling thread; the future fails with the same errors (invalid
     * options throw at once instead).
     */
    public static CompletableFuture<Buffer> process(ZlibMode mode, Buffer input, ZlibOptions options) {
        return OneShot.async(mode, input, options);
    }

    /** Node's {@code zlib.createGzip()}: a gzip stream with default options. */
    public static ZlibStream createGzip() {
        return new ZlibStream(ZlibMode.GZIP, null);
    }

    /** Node's {@code zlib.createGzip(options)}: a gzip stream. */
    public static ZlibStream createGzip(ZlibOptions options) {
        return new ZlibStream(ZlibMode.GZIP, options);
    }

    /** Node's {@code zlib.gzipSync(buffer)}: gzip of a whole buffer, on this thread. */
    public static Buffer gzipSync(Buffer buffer) {
        return OneShot.sync(ZlibMode.GZIP, buffer, null);
    }

    /** Node's {@code zlib.gzipSync(buffer, options)}. */
    public static Buffer gzipSync(Buffer buffer, ZlibOptions options) {
        return OneShot.sync(ZlibMode.GZIP, buffer, options);
    }

    /** Node's {@code zlib.gzip(buffer, callback)} as a future, computed off the loop. */
    public static CompletableFuture<Buffer> gzip(Buffer buffer) {
        return OneShot.async(ZlibMode.GZIP, buffer, null);
    }

    /** Node's {@code zlib.gzip(buffer, options, callback)} as a future, computed off the loop. */
    public static CompletableFuture<Buffer> gzip(Buffer buffer, ZlibOptions options) {
        return OneShot.async(ZlibMode.GZIP, buffer, options);
    }

    /** Node's {@code zlib.createGunzip()}: a gunzip stream with default options. */
    public static ZlibStream createGunzip() {
        return new ZlibStream(ZlibMode.GUNZIP, null);
    }

    /** Node's {@code zlib.createGunzip(options)}: a gunzip stream. */
    public static ZlibStream createGunzip(ZlibOptions options) {
        return new ZlibStream(ZlibMode.GUNZIP, options);
    }

    /** Node's {@code zlib.gunzipSync(buffer)}: gunzip of a whole buffer, on this thread. */
    public static Buffer gunzipSync(Buffer buffer) {
        return OneShot.sync(ZlibMode.GUNZIP, buffer, null);
    }

    /** Node's {@code zlib.gunzipSync(buffer, options)}. */
    public static Buffer gunzipSync(Buffer buffer, ZlibOptions options) {
        return OneShot.sync(ZlibMode.GUNZIP, buffer, options);
    }

    /** Node's {@code zlib.gunzip(buffer, callback)} as a future, computed off the loop. */
    public static CompletableFuture<Buffer> gunzip(Buffer buffer) {
        return OneShot.async(ZlibMode.GUNZIP, buffer, null);
    }

    /** Node's {@code zlib.gunzip(buffer, options, callback)} as a future, computed off the loop. */
    public static CompletableFuture<Buffer> gunzip(Buffer buffer, ZlibOptions options) {
        return OneShot.async(ZlibMode.GUNZIP, buffer, options);
    }

    /** Node's {@code zlib.createDeflate()}: a zlib deflate stream with default options. */
    public static ZlibStream createDeflate() {
        return new ZlibStream(ZlibMode.DEFLATE, null);
    }

    /** Node's {@code zlib.createDeflate(options)}: a zlib deflate stream. */
    public static ZlibStream createDeflate(ZlibOptions options) {
        return new ZlibStream(ZlibMode.DEFLATE, options);
    }

    /** Node's {@code zlib.deflateSync(buffer)}: zlib deflate of a whole buffer, on this thread. */
    public static Buffer deflateSync(Buffer buffer) {
        return OneShot.sync(ZlibMode.DEFLATE, buffer, null);
    }

    /** Node's {@code zlib.deflateSync(buffer, options)}. */
    public static Buffer deflateSync(Buffer buffer, ZlibOptions options) {
        return OneShot.sync(ZlibMode.DEFLATE, buffer, options);
    }

    /** Node's {@code zlib.deflate(buffer, callback)} as a future, computed off the loop. */
    public static CompletableFuture<Buffer> deflate(Buffer buffer) {
        return OneShot.async(ZlibMode.DEFLATE, buffer, null);
    }

    /** Node's {@code zlib.deflate(buffer, options, callback)} as a future, computed off the loop. */
    public static CompletableFuture<Buffer> deflate(Buffer buffer, ZlibOptions options) {
        return OneShot.async(ZlibMode.DEFLATE, buffer, options);
    }

    /** Node's {@code zlib.createInflate()}: a zlib inflate stream with default options. */
    public static ZlibStream createInflate() {
        return new ZlibStream(ZlibMode.INFLATE, null);
    }

    /** Node's {@code zlib.createInflate(options)}: a zlib inflate stream. */
    public static ZlibStream createInflate(ZlibOptions options) {
        return new ZlibStream(ZlibMode.INFLATE, options);
    }

    /** Node's {@code zlib.inflateSync(buffer)}: zlib inflate of a whole buffer, on this thread. */
    public static Buffer inflateSync(Buffer buffer) {
        return OneShot.sync(ZlibMode.INFLATE, buffer, null);
    }

    /** Node's {@code zlib.inflateSync(buffer, options)}. */
    public static Buffer inflateSync(Buffer buffer, ZlibOptions options) {
        return OneShot.sync(ZlibMode.INFLATE, buffer, options);
    }

    /** Node's {@code zlib.inflate(buffer, callback)} as a future, computed off the loop. */
    public static CompletableFuture<Buffer> inflate(Buffer buffer) {
        return OneShot.async(ZlibMode.INFLATE, buffer, null);
    }

    /** Node's {@code zlib.inflate(buffer, options, callback)} as a future, computed off the loop. */
    public static CompletableFuture<Buffer> inflate(Buffer buffer, ZlibOptions options) {
        return OneShot.async(ZlibMode.INFLATE, buffer, options);
    }

    /** Node's {@code zlib.createDeflateRaw()}: a raw deflate stream with default options. */
    public static ZlibStream createDeflateRaw() {
        return new ZlibStream(ZlibMode.DEFLATERAW, null);
    }

    /** Node's {@code zlib.createDeflateRaw(options)}: a raw deflate stream. */
    public static ZlibStream createDeflateRaw(ZlibOptions options) {
        return new ZlibStream(ZlibMode.DEFLATERAW, options);
    }

    /** Node's {@code zlib.deflateRawSync(buffer)}: raw deflate of a whole buffer, on this thread. */
    public static Buffer deflateRawSync(Buffer buffer) {
        return OneShot.sync(ZlibMode.DEFLATERAW, buffer, null);
    }

    /** Node's {@code zlib.deflateRawSync(buffer, options)}. */
    public static Buffer deflateRawSync(Buffer buffer, ZlibOptions options) {
        return OneShot.sync(ZlibMode.DEFLATERAW, buffer, options);
    }

    /** Node's {@code zlib.deflateRaw(buffer, callback)} as a future, computed off the loop. */
    public static CompletableFuture<Buffer> deflateRaw(Buffer buffer) {
        return OneShot.async(ZlibMode.DEFLATERAW, buffer, null);
    }

    /** Node's {@code zlib.deflateRaw(buffer, options, callback)} as a future, computed off the loop. */
    public static CompletableFuture<Buffer> deflateRaw(Buffer buffer, ZlibOptions options) {
        return OneShot.async(ZlibMode.DEFLATERAW, buffer, options);
    }

    /** Node's {@code zlib.createInflateRaw()}: a raw inflate stream with default options. */
    public static ZlibStream createInflateRaw() {
        return new ZlibStream(ZlibMode.INFLATERAW, null);
    }

    /** Node's {@code zlib.createInflateRaw(options)}: a raw inflate stream. */
    public static ZlibStream createInflateRaw(ZlibOptions options) {
        return new ZlibStream(ZlibMode.INFLATERAW, options);
    }

    /** Node's {@code zlib.inflateRawSync(buffer)}: raw inflate of a whole buffer, on this thread. */
    public static Buffer inflateRawSync(Buffer buffer) {
        return OneShot.sync(ZlibMode.INFLATERAW, buffer, null);
    }

    /** Node's {@code zlib.inflateRawSync(buffer, options)}. */
    public static Buffer inflateRawSync(Buffer buffer, ZlibOptions options) {
        return OneShot.sync(ZlibMode.INFLATERAW, buffer, options);
    }

    /** Node's {@code zlib.inflateRaw(buffer, callback)} as a future, computed off the loop. */
    public static CompletableFuture<Buffer> inflateRaw(Buffer buffer) {
        return OneShot.async(ZlibMode.INFLATERAW, buffer, null);
    }

    /** Node's {@code zlib.inflateRaw(buffer, options, callback)} as a future, computed off the loop. */
    public static CompletableFuture<Buffer> inflateRaw(Buffer buffer, ZlibOptions options) {
        return OneShot.async(ZlibMode.INFLATERAW, buffer, options);
    }

    /** Node's {@code zlib.createUnzip()}: a gunzip-or-inflate (by header) stream with default options. */
    public static ZlibStream createUnzip() {
        return new ZlibStream(ZlibMode.UNZIP, null);
    }

    /** Node's {@code zlib.createUnzip(options)}: a gunzip-or-inflate (by header) stream. */
    public static ZlibStream createUnzip(ZlibOptions options) {
        return new ZlibStream(ZlibMode.UNZIP, options);
    }

    /** Node's {@code zlib.unzipSync(buffer)}: gunzip-or-inflate (by header) of a whole buffer, on this thread. */
    public static Buffer unzipSync(Buffer buffer) {
        return OneShot.sync(ZlibMode.UNZIP, buffer, null);
    }

    /** Node's {@code zlib.unzipSync(buffer, options)}. */
    public static Buffer unzipSync(Buffer buffer, ZlibOptions options) {
        return OneShot.sync(ZlibMode.UNZIP, buffer, options);
    }

    /** Node's {@code zlib.unzip(buffer, callback)} as a future, computed off the loop. */
    public static CompletableFuture<Buffer> unzip(Buffer buffer) {
        return OneShot.async(ZlibMode.UNZIP, buffer, null);
    }

    /** Node's {@code zlib.unzip(buffer, options, callback)} as a future, computed off the loop. */
    public static CompletableFuture<Buffer> unzip(Buffer buffer, ZlibOptions options) {
        return OneShot.async(ZlibMode.UNZIP, buffer, options);
    }

    /** Node's {@code zlib.createBrotliCompress()}: a Brotli compression stream with default options. */
    public static ZlibStream createBrotliCompress() {
        return new ZlibStream(ZlibMode.BROTLI_ENCODE, null);
    }

    /** Node's {@code zlib.createBrotliCompress(options)}: a Brotli compression stream. */
    public static ZlibStream createBrotliCompress(ZlibOptions options) {
        return new ZlibStream(ZlibMode.BROTLI_ENCODE, options);
    }

    /** Node's {@code zlib.brotliCompressSync(buffer)}: Brotli compression of a whole buffer, on this thread. */
    public static Buffer brotliCompressSync(Buffer buffer) {
        return OneShot.sync(ZlibMode.BROTLI_ENCODE, buffer, null);
    }

    /** Node's {@code zlib.brotliCompressSync(buffer, options)}. */
    public static Buffer brotliCompressSync(Buffer buffer, ZlibOptions options) {
        return OneShot.sync(ZlibMode.BROTLI_ENCODE, buffer, options);
    }

    /** Node's {@code zlib.brotliCompress(buffer, callback)} as a future, computed off the loop. */
    public static CompletableFuture<Buffer> brotliCompress(Buffer buffer) {
        return OneShot.async(ZlibMode.BROTLI_ENCODE, buffer, null);
    }

    /** Node's {@code zlib.brotliCompress(buffer, options, callback)} as a future, computed off the loop. */
    public static CompletableFuture<Buffer> brotliCompress(Buffer buffer, ZlibOptions options) {
        return OneShot.async(ZlibMode.BROTLI_ENCODE, buffer, options);
    }

    /** Node's {@code zlib.createBrotliDecompress()}: a Brotli decompression stream with default options. */
    public static ZlibStream createBrotliDecompress() {
        return new ZlibStream(ZlibMode.BROTLI_DECODE, null);
    }

    /** Node's {@code zlib.createBrotliDecompress(options)}: a Brotli decompression stream. */
    public static ZlibStream createBrotliDecompress(ZlibOptions options) {
        return new ZlibStream(ZlibMode.BROTLI_DECODE, options);
    }

    /** Node's {@code zlib.brotliDecompressSync(buffer)}: Brotli decompression of a whole buffer, on this thread. */
    public static Buffer brotliDecompressSync(Buffer buffer) {
        return OneShot.sync(ZlibMode.BROTLI_DECODE, buffer, null);
    }

    /** Node's {@code zlib.brotliDecompressSync(buffer, options)}. */
    public static Buffer brotliDecompressSync(Buffer buffer, ZlibOptions options) {
        return OneShot.sync(ZlibMode.BROTLI_DECODE, buffer, options);
    }

    /** Node's {@code zlib.brotliDecompress(buffer, callback)} as a future, computed off the loop. */
    public static CompletableFuture<Buffer> brotliDecompress(Buffer buffer) {
        return OneShot.async(ZlibMode.BROTLI_DECODE, buffer, null);
    }

    /** Node's {@code zlib.brotliDecompress(buffer, options, callback)} as a future, computed off the loop. */
    public static CompletableFuture<Buffer> brotliDecompress(Buffer buffer, ZlibOptions options) {
        return OneShot.async(ZlibMode.BROTLI_DECODE, buffer, options);
    }
}
