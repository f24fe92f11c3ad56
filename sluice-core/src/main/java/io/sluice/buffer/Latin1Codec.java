package io.sluice.buffer;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

/**
 * Node's {@code latin1} (alias {@code binary}) and {@code ascii} encodings.
 *
 * <p>Encoding keeps the low 8 bits of every UTF-16 code unit for both names ({@code '€'} U+20AC
 * becomes {@code AC}), which is not what {@code String.getBytes(ISO_8859_1)} does (it writes
 * {@code '?'}). Decoding latin1 maps byte {@code b} to U+00bb; decoding ascii first clears the high
 * bit ({@code E9} becomes {@code 'i'}).
 */
final class Latin1Codec {
    private Latin1Codec() {}

    /** Latin1 decode: byte {@code b} becomes char {@code b & 0xFF}. */
    static String decodeLatin1(byte[] src, int off, int len) {
        // The JDK's ISO-8859-1 decoder maps every byte to U+0000..U+00FF with no replacement
        // case, so it is exactly Node's latin1 decoding (and a plain copy into a compact string).
        return new String(src, off, len, ISO_8859_1);
    }

    /** Ascii decode: clears the high bit of each byte, as Node does, then maps bytes to chars. */
    static String decodeAscii(byte[] src, int off, int len) {
        int end = off + len;
        int i = off;
        while (i < end && src[i] >= 0) {
            i++;
        }
        if (i == end) {
            // All bytes are 0x00..0x7F, where ascii and latin1 agree.
            return new String(src, off, len, ISO_8859_1);
        }
        byte[] masked = new byte[len];
        for (int k = 0; k < len; k++) {
            masked[k] = (byte) (src[off + k] & 0x7F);
        }
        return new String(masked, ISO_8859_1);
    }

    /**
     * Writes the low byte of each of the first {@code min(s.length(), max)} code units of
     * {@code s} to {@code dst[off...]}; returns the count. Every code unit is one byte, so a
     * partial fit simply stops at {@code max}.
     */
    @SuppressWarnings("deprecation")
    static int encode(CharSequence s, byte[] dst, int off, int max) {
        int n = Math.min(s.length(), max);
        if (s instanceof String str) {
            // String.getBytes(int, int, byte[], int) is specified to store "the 8 low-order bits
            // of each character", which is precisely Node's latin1/ascii encoding, and it is an
            // array copy for compact strings. Its deprecation is about charset-unaware use,
            // which is exactly what we want here.
            str.getBytes(0, n, dst, off);
        } else {
            for (int i = 0; i < n; i++) {
                dst[off + i] = (byte) s.charAt(i);
            }
        }
        return n;
    }
}
