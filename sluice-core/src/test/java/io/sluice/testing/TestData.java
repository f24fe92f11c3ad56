package io.sluice.testing;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Test inputs shared across packages. */
public final class TestData {
    private TestData() {}

    /**
     * {@code n} bytes of ASCII prose made of a few words and newlines, the same for the same seed:
     * it compresses as text does (long zlib outputs from short inputs), unlike random bytes.
     */
    public static byte[] text(long seed, int n) {
        String[] words = {"stream", "buffer", "gzip", "the", "loop", "event", "node", "java", "chunk", "flush", "\n"};
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder(n + 16);
        while (sb.length() < n) {
            sb.append(words[r.nextInt(words.length)]).append(' ');
        }
        return sb.substring(0, n).getBytes(StandardCharsets.US_ASCII);
    }
}
