package io.sluice.zlib;

import io.sluice.error.NodeException;

/**
 * The error a (de)compressor reports, as Node's zlib does: an {@code Error} whose {@link #code()} is the
 * zlib return code's name ({@code Z_DATA_ERROR}, {@code Z_BUF_ERROR}, {@code Z_NEED_DICT}) and whose
 * {@link #errno()} is its number (-3, -5, 2), with zlib's own message ("incorrect header check",
 * "unexpected end of file", ...).
 *
 * <p>Differs from Node for Brotli decoding errors: brotli4j does not expose the decoder's error code, so
 * instead of Node's {@code ERR__ERROR_FORMAT_...} codes a corrupt Brotli stream reports
 * {@code ERR_BROTLI_DECOMPRESSION_FAILED} with errno {@code -1}; the message, "Decompression failed", is
 * Node's. (A truncated Brotli stream reports {@code Z_BUF_ERROR} "unexpected end of file", as Node does.)
 */
public class ZlibException extends NodeException {
    private static final long serialVersionUID = 1L;

    private final int errno;

    /** An error with Node's {@code code} and {@code errno}. */
    public ZlibException(String code, int errno, String message) {
        super(code, message);
        this.errno = errno;
    }

    /** Node's {@code err.errno}: the zlib return code (e.g. -3 for Z_DATA_ERROR). */
    public int errno() {
        return errno;
    }

    static ZlibException dataError(String message) {
        return new ZlibException("Z_DATA_ERROR", ZlibConstants.Z_DATA_ERROR, message == null ? "invalid data" : message);
    }

    static ZlibException unexpectedEnd() {
        return new ZlibException("Z_BUF_ERROR", ZlibConstants.Z_BUF_ERROR, "unexpected end of file");
    }

    static ZlibException needDictionary(String message) {
        return new ZlibException("Z_NEED_DICT", ZlibConstants.Z_NEED_DICT, message);
    }

    static ZlibException brotliDecode() {
        return new ZlibException("ERR_BROTLI_DECOMPRESSION_FAILED", -1, "Decompression failed");
    }

    static ZlibException brotliEncode() {
        return new ZlibException("ERR_BROTLI_COMPRESSION_FAILED", -1, "Compression failed");
    }
}
