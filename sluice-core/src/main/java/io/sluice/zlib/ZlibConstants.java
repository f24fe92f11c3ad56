package io.sluice.zlib;

/**
 * Node's {@code zlib.constants}: flush kinds, return codes, levels, strategies and Brotli operations and
 * parameter keys, with Node's numeric values so code ported from Node reads the same.
 */
public final class ZlibConstants {
    private ZlibConstants() {}

    // Flush kinds (zlib's).
    public static final int Z_NO_FLUSH = 0;
    public static final int Z_PARTIAL_FLUSH = 1;
    public static final int Z_SYNC_FLUSH = 2;
    public static final int Z_FULL_FLUSH = 3;
    public static final int Z_FINISH = 4;
    public static final int Z_BLOCK = 5;

    // Return codes, as carried by ZlibException.errno().
    public static final int Z_OK = 0;
    public static final int Z_STREAM_END = 1;
    public static final int Z_NEED_DICT = 2;
    public static final int Z_ERRNO = -1;
    public static final int Z_STREAM_ERROR = -2;
    public static final int Z_DATA_ERROR = -3;
    public static final int Z_MEM_ERROR = -4;
    public static final int Z_BUF_ERROR = -5;
    public static final int Z_VERSION_ERROR = -6;

    // Levels and strategies.
    public static final int Z_NO_COMPRESSION = 0;
    public static final int Z_BEST_SPEED = 1;
    public static final int Z_BEST_COMPRESSION = 9;
    public static final int Z_DEFAULT_COMPRESSION = -1;
    public static final int Z_FILTERED = 1;
    public static final int Z_HUFFMAN_ONLY = 2;
    public static final int Z_RLE = 3;
    public static final int Z_FIXED = 4;
    public static final int Z_DEFAULT_STRATEGY = 0;

    // Ranges and defaults.
    public static final int Z_MIN_WINDOWBITS = 8;
    public static final int Z_MAX_WINDOWBITS = 15;
    public static final int Z_DEFAULT_WINDOWBITS = 15;
    public static final int Z_MIN_CHUNK = 64;
    public static final int Z_DEFAULT_CHUNK = 16 * 1024;
    public static final int Z_MIN_MEMLEVEL = 1;
    public static final int Z_MAX_MEMLEVEL = 9;
    public static final int Z_DEFAULT_MEMLEVEL = 8;
    public static final int Z_MIN_LEVEL = -1;
    public static final int Z_MAX_LEVEL = 9;
    public static final int Z_DEFAULT_LEVEL = Z_DEFAULT_COMPRESSION;

    // Brotli operations (the "flush kinds" of Brotli streams).
    public static final int BROTLI_OPERATION_PROCESS = 0;
    public static final int BROTLI_OPERATION_FLUSH = 1;
    public static final int BROTLI_OPERATION_FINISH = 2;
    public static final int BROTLI_OPERATION_EMIT_METADATA = 3;

    // Brotli encoder parameter keys (for ZlibOptions.brotliParam).
    public static final int BROTLI_PARAM_MODE = 0;
    public static final int BROTLI_PARAM_QUALITY = 1;
    public static final int BROTLI_PARAM_LGWIN = 2;
    public static final int BROTLI_PARAM_LGBLOCK = 3;
    public static final int BROTLI_PARAM_DISABLE_LITERAL_CONTEXT_MODELING = 4;
    public static final int BROTLI_PARAM_SIZE_HINT = 5;
    public static final int BROTLI_PARAM_LARGE_WINDOW = 6;
    public static final int BROTLI_PARAM_NPOSTFIX = 7;
    public static final int BROTLI_PARAM_NDIRECT = 8;

    public static final int BROTLI_MODE_GENERIC = 0;
    public static final int BROTLI_MODE_TEXT = 1;
    public static final int BROTLI_MODE_FONT = 2;
    public static final int BROTLI_MIN_QUALITY = 0;
    public static final int BROTLI_MAX_QUALITY = 11;
    public static final int BROTLI_DEFAULT_QUALITY = 11;
    public static final int BROTLI_MIN_WINDOW_BITS = 10;
    public static final int BROTLI_MAX_WINDOW_BITS = 24;
    public static final int BROTLI_DEFAULT_WINDOW = 22;
}
