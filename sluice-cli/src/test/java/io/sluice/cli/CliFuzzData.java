package io.sluice.cli;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/**
 * Random file contents for {@link CliRandomDifferentialTest}: a size drawn with extra weight on the
 * edges that matter to the pipelines (0 and 1 byte, the 64 KiB read size, the 128 KiB blocks of the
 * parallel gzip engine) and a shape from incompressible to all zeros.
 */
final class CliFuzzData {
    private CliFuzzData() {}

    /** Bytes plus how they were made, so that a failure can be described in words. */
    record Sample(byte[] bytes, String description) {}

    private static final byte[] TEXT =
            "the quick brown fox jumps over the lazy dog; 0123456789 sluice streams\n".getBytes(StandardCharsets.US_ASCII);

    /** A random sample of at most {@code max} bytes. */
    static Sample sample(Random r, int max) {
        int size = Math.min(max, size(r));
        return shaped(r, size);
    }

    /** A size: tiny, small, or within a few bytes of a multiple of 64 KiB (one to four of them), or any. */
    static int size(Random r) {
        return switch (r.nextInt(9)) {
            case 0 -> r.nextInt(3);
            case 1 -> r.nextInt(64);
            case 2 -> r.nextInt(5000);
            case 3 -> 65536 + r.nextInt(33) - 16;
            case 4 -> 131072 + r.nextInt(33) - 16;
            case 5 -> 65536 * (1 + r.nextInt(4)) + r.nextInt(5) - 2;
            case 6 -> 262144 + r.nextInt(65) - 32;
            default -> r.nextInt(400_000);
        };
    }

    /** {@code size} bytes of a random shape. */
    static Sample shaped(Random r, int size) {
        byte[] b = new byte[size];
        String shape;
        switch (r.nextInt(6)) {
            case 0 -> shape = "zeros";
            case 1 -> {
                shape = "random";
                r.nextBytes(b);
            }
            case 2 -> {
                shape = "text";
                int off = r.nextInt(TEXT.length);
                for (int i = 0; i < size; i++) {
                    b[i] = TEXT[(i + off) % TEXT.length];
                }
            }
            case 3 -> {
                shape = "alphabet4";
                for (int i = 0; i < size; i++) {
                    b[i] = (byte) ('a' + r.nextInt(4));
                }
            }
            case 4 -> {
                shape = "runs";
                int i = 0;
                while (i < size) {
                    int run = 1 + r.nextInt(r.nextBoolean() ? 8 : 3000);
                    Arrays.fill(b, i, Math.min(size, i + run), (byte) r.nextInt(256));
                    i += run;
                }
            }
            default -> {
                shape = "mixed";
                b = TestData.mixed(size, r.nextLong());
            }
        }
        return new Sample(b, shape + "(" + size + " B)");
    }

    /** Random bytes whose first byte is {@code first} unless negative. */
    static byte[] garbage(Random r, int length, int first) {
        byte[] b = new byte[length];
        r.nextBytes(b);
        if (first >= 0 && length > 0) {
            b[0] = (byte) first;
        }
        return b;
    }
}
