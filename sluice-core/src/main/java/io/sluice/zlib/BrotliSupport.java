package io.sluice.zlib;

/**
 * Whether brotli4j (an optional dependency) and its native library for this platform can be used.
 * Checked before any brotli4j class is touched, so a missing jar is a clear error rather than a
 * {@code NoClassDefFoundError} from deep inside a stream.
 */
final class BrotliSupport {
    private BrotliSupport() {}

    private static volatile boolean checked;

    /**
     * @throws UnsupportedOperationException naming the missing library when brotli4j or its native
     *     part is absent
     */
    static void ensureAvailable() {
        if (checked) {
            return;
        }
        try {
            Class.forName("com.aayushatharva.brotli4j.Brotli4jLoader", false, BrotliSupport.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw missing(e);
        }
        try {
            BrotliNative.load();
        } catch (LinkageError | RuntimeException e) {
            throw missing(e);
        }
        checked = true;
    }

    private static UnsupportedOperationException missing(Throwable cause) {
        UnsupportedOperationException e = new UnsupportedOperationException(
                "Brotli needs the optional library com.aayushatharva.brotli4j:brotli4j (1.20.0) and its native jar for "
                        + "this platform (e.g. com.aayushatharva.brotli4j:native-linux-x86_64) on the class or module "
                        + "path: " + cause);
        e.initCause(cause);
        return e;
    }
}
