package io.sluice.cli;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Deterministic test contents: half text (compressible), half random bytes, several 64 KiB chunks long. */
final class TestData {
    private TestData() {}

    static byte[] mixed(int size, long seed) {
        byte[] b = new byte[size];
        Random r = new Random(seed);
        byte[] text = "line of text for the compressor, number 0123456789\n".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < size; i++) {
            b[i] = (i / 4096) % 2 == 0 ? text[i % text.length] : (byte) r.nextInt(256);
        }
        return b;
    }
}
