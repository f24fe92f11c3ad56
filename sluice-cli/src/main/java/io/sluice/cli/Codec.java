package io.sluice.cli;

import io.sluice.zlib.Zlib;
import io.sluice.zlib.ZlibConstants;
import io.sluice.zlib.ZlibMode;
import io.sluice.zlib.ZlibOptions;
import io.sluice.zlib.ZlibStream;

/** The four (de)compression commands: their names, file suffix, and the Sluice zlib mode. */
enum Codec {
    GZIP("gzip", ".gz", ZlibMode.GZIP, "Compress IN with gzip into OUT (default IN.gz)."),
    GUNZIP("gunzip", ".gz", ZlibMode.GUNZIP, "Decompress gzip IN into OUT (default IN without .gz)."),
    BROTLI("brotli", ".br", ZlibMode.BROTLI_ENCODE, "Compress IN with Brotli into OUT (default IN.br)."),
    UNBROTLI("unbrotli", ".br", ZlibMode.BROTLI_DECODE, "Decompress Brotli IN into OUT (default IN without .br).");

    private final String command;
    private final String suffix;
    private final ZlibMode mode;
    private final String description;

    Codec(String command, String suffix, ZlibMode mode, String description) {
        this.command = command;
        this.suffix = suffix;
        this.mode = mode;
        this.description = description;
    }

    String command() {
        return command;
    }

    String suffix() {
        return suffix;
    }

    String description() {
        return description;
    }

    boolean compresses() {
        return this == GZIP || this == BROTLI;
    }

    /** The level's valid range: zlib's 0..9, Brotli's quality 0..11. */
    int maxLevel() {
        return mode == ZlibMode.BROTLI_ENCODE ? ZlibConstants.BROTLI_MAX_QUALITY : 9;
    }

    /**
     * A new transform for this codec; {@code level} (null = the library default) is zlib's level
     * or Brotli's quality. Must be called on the loop thread.
     */
    ZlibStream create(Integer level) {
        ZlibOptions options = ZlibOptions.create();
        if (level != null) {
            if (mode == ZlibMode.BROTLI_ENCODE) {
                options.brotliParam(ZlibConstants.BROTLI_PARAM_QUALITY, level);
            } else {
                options.level(level);
            }
        }
        return Zlib.create(mode, options);
    }

    /**
     * The default output name: {@code in + suffix} when compressing; {@code in} minus the suffix
     * when decompressing, or null when {@code in} lacks it (the caller reports a usage error).
     */
    String defaultOutput(String in) {
        if (compresses()) {
            return in + suffix;
        }
        if (in.endsWith(suffix) && in.length() > suffix.length()) {
            return in.substring(0, in.length() - suffix.length());
        }
        return null;
    }
}
