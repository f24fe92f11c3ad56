package io.sluice.zlib;

import com.aayushatharva.brotli4j.Brotli4jLoader;

/** The only place that names {@code Brotli4jLoader}: loaded after {@link BrotliSupport} found the class. */
final class BrotliNative {
    private BrotliNative() {}

    static void load() {
        Brotli4jLoader.ensureAvailability();
    }
}
