package io.sluice.buffer;

/**
 * Node's {@code utf16le} (aliases {@code ucs2}, {@code ucs-2}, {@code utf-16le}): two bytes per
 * UTF-16 code unit, little-endian, with no validation in either direction (lone surrogates pass
 * through unchanged, unlike the JDK's UTF-16LE charset, which replaces them).
 */
final class Utf16leCodec {
    private Utf16leCodec() {}

    /** Decodes {@code len / 2} code units; an odd trailing byte is dropped, as in Node. */
    static String decode(byte[] src, int off, int len) {
        int units = len >>> 1;
        if (units == 0) {
            return "";
        }
        char[] out = new char[units];
        for (int u = 0, i = off; u < units; u++, i += 2) {
            out[u] = (char) ((src[i] & 0xFF) | (src[i + 1] << 8));
        }
        return new String(out);
    }

    /**
     * Writes whole code units only: {@code min(s.length(), max / 2)} of them, two bytes each.
     *
     * @return the number of bytes written (always even)
     */
    static int encode(CharSequence s, byte[] dst, int off, int max) {
        int units = Math.min(s.length(), max >>> 1);
        int d = off;
        if (s instanceof String str && units > 64) {
            // Bulk-copy the chars first: a char[] loop is much faster than charAt on each unit.
            char[] chunk = new char[Math.min(units, 8192)];
            for (int from = 0; from < units; from += chunk.length) {
                int to = Math.min(units, from + chunk.length);
                str.getChars(from, to, chunk, 0);
                for (int k = 0, m = to - from; k < m; k++) {
                    char c = chunk[k];
                    dst[d] = (byte) c;
                    dst[d + 1] = (byte) (c >>> 8);
                    d += 2;
                }
            }
            return d - off;
        }
        for (int i = 0; i < units; i++) {
            char c = s.charAt(i);
            dst[d] = (byte) c;
            dst[d + 1] = (byte) (c >>> 8);
            d += 2;
        }
        return d - off;
    }
}
