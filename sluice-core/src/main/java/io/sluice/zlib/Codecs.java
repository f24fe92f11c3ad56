package io.sluice.zlib;

/** Makes the codec for a mode from validated options. */
final class Codecs {
    private Codecs() {}

    /** Input buffer of the Brotli wrappers (their native side copies input through it). */
    private static final int BROTLI_INPUT = 64 * 1024;

    /**
     * @throws io.sluice.error.NodeRangeException {@code ERR_OUT_OF_RANGE} for an invalid option
     * @throws UnsupportedOperationException for Brotli without brotli4j
     */
    static Codec create(ZlibMode mode, ZlibOptions o) {
        if (mode.brotli()) {
            BrotliSupport.ensureAvailable();
            if (mode == ZlibMode.BROTLI_ENCODE) {
                int quality = o.brotliParam(ZlibConstants.BROTLI_PARAM_QUALITY, ZlibConstants.BROTLI_DEFAULT_QUALITY,
                        ZlibConstants.BROTLI_MIN_QUALITY, ZlibConstants.BROTLI_MAX_QUALITY);
                int lgwin = o.brotliParam(ZlibConstants.BROTLI_PARAM_LGWIN, ZlibConstants.BROTLI_DEFAULT_WINDOW,
                        ZlibConstants.BROTLI_MIN_WINDOW_BITS, ZlibConstants.BROTLI_MAX_WINDOW_BITS);
                int m = o.brotliParam(ZlibConstants.BROTLI_PARAM_MODE, ZlibConstants.BROTLI_MODE_GENERIC, 0, 2);
                return new BrotliEncodeCodec(quality, lgwin, m, BROTLI_INPUT);
            }
            // libbrotli's own call when it can be reached (exact input accounting, as Node), else brotli4j's JNI.
            return BrotliDecoderApi.available() ? new BrotliFfmDecodeCodec() : new BrotliDecodeCodec(BROTLI_INPUT);
        }
        o.checkZlib(mode);
        byte[] dict = o.dictionaryBytes();
        return switch (mode) {
            case DEFLATE, DEFLATERAW, GZIP -> new DeflateCodec(mode, o.level(), o.strategy(), dict);
            case INFLATE -> new InflateCodec(false, dict);
            case INFLATERAW -> new InflateCodec(true, dict);
            case GUNZIP -> new GunzipCodec();
            case UNZIP -> new UnzipCodec(dict);
            default -> throw new IllegalArgumentException(mode.toString());
        };
    }
}
