package io.sluice.buffer;

/**
 * The fast path of UTF-8 decoding: decodes input that is well-formed, and only says "no" to
 * anything else, which then goes to the WHATWG decoder ({@link Utf8Codec}). Well-formed UTF-8
 * has exactly one decoding, so on such input this path and the WHATWG decoder agree (Node's
 * replacement rules only differ on ill-formed input).
 *
 * <p>Why a decoder of our own: {@link StringDecoder} decodes each chunk into a reusable char[],
 * so that only the result String is allocated (see there), and text with many multibyte
 * characters is decoded at the speed of the branch predictor, which guesses each character's
 * length. The JDK's CharsetDecoder (the only JDK decoder that writes a char[]) also branches on
 * every validity check; this loop branches only on the length and folds the checks
 * (continuation bytes, overlongs, surrogates, values past U+10FFFF, bytes that never start a
 * character) into one flag tested at the end. On the string_decoder benchmark's text (30 % of
 * characters multibyte, 1000-byte chunks, pre-touched heap) the loop alone decodes 360 MB/s
 * against 298 for the CharsetDecoder; with the String, 334-338 against 281-283. A branch-free
 * loop (length from a table, every character assembled the same way) ran at 172-205 MB/s: the
 * next character's position then waits for the previous one's loads, while predicted branches
 * run ahead. One-shot decoding ({@link Utf8Codec#decode}) keeps the JDK's
 * {@code new String(bytes, UTF_8)}, which writes the String's own array and was faster there
 * (1000-byte to 64 MiB inputs: 327-340 MB/s against 305-328 for this loop into a fresh char[]).
 */
final class WellFormedUtf8 {
    private WellFormedUtf8() {}

    /**
     * Decodes {@code src[off, end)} into {@code dst} from index 0 if it is well-formed UTF-8.
     *
     * @param dst room for at least {@code end - off} chars (a UTF-8 byte never yields more
     *     than one UTF-16 unit)
     * @return the number of chars written, or -1 if the input is ill-formed or ends inside a
     *     character ({@code dst} then holds garbage)
     */
    static int decode(byte[] src, int off, int end, char[] dst) {
        // The loop reads up to three bytes past a lead byte without checking the end, so it
        // stops three bytes short; the rest is run again from a copy padded with zeros. Zero
        // is never a continuation byte, so a character cut by the end is ill-formed there.
        long run = decodeRun(src, off, end - 3, dst, 0);
        if (run < 0) {
            return -1;
        }
        int sp = (int) (run >>> 32);
        int dp = (int) run;
        if (sp == end) {
            return dp;
        }
        // Into a scratch too: on a cut character the run writes chars for padding bytes.
        byte[] tail = new byte[6];
        char[] tailChars = new char[8];
        int rest = end - sp;
        System.arraycopy(src, sp, tail, 0, rest);
        run = decodeRun(tail, 0, rest, tailChars, 0);
        if (run < 0 || (int) (run >>> 32) != rest) {
            return -1;
        }
        System.arraycopy(tailChars, 0, dst, dp, (int) run);
        return dp + (int) run;
    }

    /**
     * Decodes characters starting before {@code limit}; {@code src} must hold three bytes past
     * {@code limit}. Returns {@code (next byte << 32) | chars written so far}, or -1 if
     * anything decoded was ill-formed.
     */
    private static long decodeRun(byte[] src, int sp, int limit, char[] dst, int dp) {
        int bad = 0;
        while (sp < limit) {
            int b0 = src[sp];
            if (b0 >= 0) {
                dst[dp++] = (char) b0;
                sp++;
                continue;
            }
            int b1 = src[sp + 1];
            if (b0 < (byte) 0xE0) {
                // 80..BF (a continuation byte, bit 6 clear) never leads; C0, C1 are overlong.
                bad |= ((b1 & 0xC0) ^ 0x80) | ((b0 & 0x40) ^ 0x40) | (((b0 & 0x1E) - 1) >>> 31);
                dst[dp++] = (char) (((b0 & 0x1F) << 6) | (b1 & 0x3F));
                sp += 2;
                continue;
            }
            int b2 = src[sp + 2];
            if (b0 < (byte) 0xF0) {
                int c = ((b0 & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F);
                // Overlong below U+0800; D800..DFFF are surrogates, not characters.
                bad |= ((b1 & 0xC0) ^ 0x80) | ((b2 & 0xC0) ^ 0x80) | ((c - 0x800) >>> 31)
                        | ((c >>> 11) == 0x1B ? 1 : 0);
                dst[dp++] = (char) c;
                sp += 3;
                continue;
            }
            int b3 = src[sp + 3];
            int cp = ((b0 & 0x07) << 18) | ((b1 & 0x3F) << 12) | ((b2 & 0x3F) << 6) | (b3 & 0x3F);
            // F8..FF never lead (bit 3); overlong below U+10000; nothing past U+10FFFF (F5..F7).
            bad |= ((b1 & 0xC0) ^ 0x80) | ((b2 & 0xC0) ^ 0x80) | ((b3 & 0xC0) ^ 0x80) | (b0 & 0x08)
                    | ((cp - 0x10000) >>> 31) | ((0x10FFFF - cp) >>> 31);
            dst[dp] = Character.highSurrogate(cp);
            dst[dp + 1] = Character.lowSurrogate(cp);
            dp += 2;
            sp += 4;
        }
        return bad != 0 ? -1 : ((long) sp << 32) | dp;
    }
}
