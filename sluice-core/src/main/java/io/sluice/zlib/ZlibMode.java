package io.sluice.zlib;

/** Which of Node's zlib classes a {@link ZlibStream} is (Node's {@code zlib.Gzip}, {@code zlib.Gunzip}, ...). */
public enum ZlibMode {
    /** zlib-wrapped deflate (RFC 1950): {@code zlib.Deflate}. */
    DEFLATE(true, false),
    /** zlib-wrapped inflate: {@code zlib.Inflate}. */
    INFLATE(false, false),
    /** gzip (RFC 1952): {@code zlib.Gzip}. */
    GZIP(true, false),
    /** gunzip, concatenated members included: {@code zlib.Gunzip}. */
    GUNZIP(false, false),
    /** raw deflate (RFC 1951): {@code zlib.DeflateRaw}. */
    DEFLATERAW(true, false),
    /** raw inflate: {@code zlib.InflateRaw}. */
    INFLATERAW(false, false),
    /** gunzip or inflate, chosen by the first two bytes: {@code zlib.Unzip}. */
    UNZIP(false, false),
    /** Brotli encoder: {@code zlib.BrotliCompress}. */
    BROTLI_ENCODE(true, true),
    /** Brotli decoder: {@code zlib.BrotliDecompress}. */
    BROTLI_DECODE(false, true);

    private final boolean compresses;
    private final boolean brotli;

    ZlibMode(boolean compresses, boolean brotli) {
        this.compresses = compresses;
        this.brotli = brotli;
    }

    /** Whether this mode compresses (otherwise it decompresses). */
    public boolean compresses() {
        return compresses;
    }

    /** Whether this is one of the two Brotli modes (which use Brotli operations as flush kinds). */
    public boolean brotli() {
        return brotli;
    }

    /** The flush kind used for ordinary writes: Z_NO_FLUSH or BROTLI_OPERATION_PROCESS (both 0). */
    int defaultFlush() {
        return brotli ? ZlibConstants.BROTLI_OPERATION_PROCESS : ZlibConstants.Z_NO_FLUSH;
    }

    /** The flush kind of {@code flush()} without arguments: Z_FULL_FLUSH or BROTLI_OPERATION_FLUSH. */
    int fullFlush() {
        return brotli ? ZlibConstants.BROTLI_OPERATION_FLUSH : ZlibConstants.Z_FULL_FLUSH;
    }

    /** The flush kind that ends the stream: Z_FINISH or BROTLI_OPERATION_FINISH. */
    int finish() {
        return brotli ? ZlibConstants.BROTLI_OPERATION_FINISH : ZlibConstants.Z_FINISH;
    }
}
