package io.sluice.buffer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link WellFormedUtf8}, the fast path of UTF-8 decoding, against the JDK's strict decoder as
 * the oracle: it must decline (-1) exactly the input the JDK reports as malformed (surrogates,
 * overlongs, values past U+10FFFF, stray continuation bytes, bytes that never lead, a character
 * cut by the end) and decode everything else to the same chars. Every sequence is tried where
 * the main loop meets it and where the padded tail does, and inside a larger array whose bytes
 * past the end would complete it.
 */
class WellFormedUtf8Test {
    /** Bytes at the edges of every range the validity rules draw. */
    private static final int[] EDGES = {
        0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xED, 0xEF,
        0xF0, 0xF4, 0xF5, 0xF8, 0xFF,
    };

    private final CharsetDecoder strict = UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    /** The JDK's strict decoding of {@code b[off, end)}, or null if it reports malformed input. */
    private String oracle(byte[] b, int off, int end) {
        // decode(in, out, true) rather than decode(in): no exception per malformed case.
        ByteBuffer in = ByteBuffer.wrap(b, off, end - off);
        CharBuffer out = CharBuffer.allocate(end - off);
        CoderResult result = strict.reset().decode(in, out, true);
        if (result.isError() || in.hasRemaining() || strict.flush(out).isError()) {
            return null;
        }
        return out.flip().toString();
    }

    private static String fast(byte[] b, int off, int end) {
        char[] dst = new char[Math.max(0, end - off)];
        int n = WellFormedUtf8.decode(b, off, end, dst);
        return n < 0 ? null : new String(dst, 0, n);
    }

    private int checked;

    /**
     * {@code seq} after 0 to 8 ASCII bytes and followed by 0, 1 or 5 (so it lands before,
     * across and after the point where the main loop hands over to the padded tail).
     */
    private void check(byte[] seq) {
        for (int pad = 0; pad <= 8; pad++) {
            for (int after : new int[] {0, 1, 5}) {
                byte[] b = new byte[2 + pad + seq.length + after + 2];
                // Continuation bytes around the slice: reading past either end would be visible.
                b[0] = b[1] = (byte) 0x80;
                b[b.length - 1] = b[b.length - 2] = (byte) 0x80;
                for (int i = 0; i < pad; i++) {
                    b[2 + i] = 'a';
                }
                System.arraycopy(seq, 0, b, 2 + pad, seq.length);
                for (int i = 0; i < after; i++) {
                    b[2 + pad + seq.length + i] = 'z';
                }
                int end = b.length - 2;
                String want = oracle(b, 2, end);
                String got = fast(b, 2, end);
                if (!Objects.equals(got, want)) { // (assertThat per case would format 2.7 M messages)
                    assertThat(got).as("%s after %d ASCII, then %d ASCII", HexFormat.of().formatHex(seq), pad, after)
                            .isEqualTo(want);
                }
                checked++;
            }
        }
    }

    @Test
    void everyTwoByteSequenceAgreesWithTheJdk() {
        for (int b0 = 0; b0 < 256; b0++) {
            check(new byte[] {(byte) b0});
            for (int b1 = 0; b1 < 256; b1++) {
                check(new byte[] {(byte) b0, (byte) b1});
            }
        }
        assertThat(checked).isEqualTo((256 + 256 * 256) * 27);
    }

    @Test
    void threeAndFourByteSequencesAtEveryEdgeAgreeWithTheJdk() {
        // Every non-ASCII lead with edge bytes after it; four bytes after every E0..FF lead.
        for (int b0 = 0x80; b0 < 256; b0++) {
            for (int b1 : EDGES) {
                for (int b2 : EDGES) {
                    check(new byte[] {(byte) b0, (byte) b1, (byte) b2});
                    if (b0 >= 0xE0) {
                        for (int b3 : EDGES) {
                            check(new byte[] {(byte) b0, (byte) b1, (byte) b2, (byte) b3});
                        }
                    }
                }
            }
        }
        assertThat(checked).isEqualTo((128 * 21 * 21 + 32 * 21 * 21 * 21) * 27);
    }

    @Test
    void namedCasesDeclineOrDecode() {
        byte[] euro = {(byte) 0xE2, (byte) 0x82, (byte) 0xAC};
        assertThat(fast(euro, 0, 3)).isEqualTo("€");
        assertThat(fast(euro, 0, 2)).as("cut by the end, though the array goes on").isNull();
        assertThat(fast(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, 0, 3)).as("surrogate").isNull();
        assertThat(fast(new byte[] {(byte) 0xC0, (byte) 0x80}, 0, 2)).as("overlong NUL").isNull();
        assertThat(fast(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, 0, 4))
                .as("U+110000").isNull();
        assertThat(fast("a😀b中é".getBytes(UTF_8), 0, 11)).isEqualTo("a😀b中é");
        assertThat(fast(new byte[0], 0, 0)).isEmpty();
    }

    /** Random text of every character length, sometimes with one byte changed or cut short. */
    @Test
    void randomTextAndItsCorruptionsAgreeWithTheJdk() {
        Random random = new Random(7);
        int[] samples = {'a', ' ', 0x7F, 0xE9, 0x416, 0x7FF, 0x800, 0x20AC, 0x4E2D, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF,
            0x10000, 0x1F600, 0x10FFFF};
        int declined = 0;
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            int chars = random.nextInt(40);
            for (int i = 0; i < chars; i++) {
                text.appendCodePoint(random.nextInt(3) == 0 ? 'a' + random.nextInt(26) : samples[random.nextInt(samples.length)]);
            }
            byte[] b = text.toString().getBytes(UTF_8);
            int end = b.length;
            if (b.length > 0 && random.nextBoolean()) {
                if (random.nextBoolean()) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                } else {
                    end = random.nextInt(b.length);
                }
            }
            String want = oracle(b, 0, end);
            if (want == null) {
                declined++;
            }
            assertThat(fast(b, 0, end)).as("%s [0, %d)", HexFormat.of().formatHex(b), end).isEqualTo(want);
        }
        assertThat(declined).as("corrupted samples that were ill-formed").isBetween(2_000, 10_000);
    }
}
