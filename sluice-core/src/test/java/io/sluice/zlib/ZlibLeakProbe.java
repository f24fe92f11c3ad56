package io.sluice.zlib;

/**
 * Test-only window on the zlib package's leak counters for tests in other packages (the file
 * pipeline fault tests in {@code io.sluice.fs}): the counters themselves stay package-private.
 */
public final class ZlibLeakProbe {
    private ZlibLeakProbe() {}

    /** Deflaters/Inflaters/Brotli engines not yet ended, in this JVM ({@code ZlibStream.liveCodecs()}). */
    public static long liveCodecs() {
        return ZlibStream.liveCodecs();
    }

    /** Helper threads (parallel deflate, inflate-ahead) currently running ({@code ZlibStream.helperThreads()}). */
    public static int helperThreads() {
        return ZlibStream.helperThreads();
    }

    /** Whether {@code stream}'s engine has been ended (its native memory released). */
    public static boolean codecEnded(ZlibStream stream) {
        return stream.codecEnded();
    }
}
