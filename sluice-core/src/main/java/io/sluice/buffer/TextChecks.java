package io.sluice.buffer;

/**
 * Node's {@code buffer.isUtf8} and {@code buffer.isAscii}: whole-range validity checks. ASCII runs
 * are skipped 8 bytes at a time, since most real text is mostly ASCII.
 */
final class TextChecks {
    private TextChecks() {}

    private static final long HIGH_BITS = 0x8080808080808080L;

    /** Whether every byte of {@code a[off, off + len)} is below 0x80. */
    static boolean isAscii(byte[] a, int off, int len) {
        return asciiPrefix(a, off, off + len) == off + len;
    }

    /** The index of the first byte at or after {@code i} that is not ASCII, or {@code end}. */
    private static int asciiPrefix(byte[] a, int i, int end) {
        for (; i + 8 <= end; i += 8) {
            long w = (long) ByteAccess.LONG_LE.get(a, i);
            if ((w & HIGH_BITS) != 0) {
                return i + (Long.numberOfTrailingZeros(w & HIGH_BITS) >>> 3);
            }
        }
        while (i < end && a[i] >= 0) {
            i++;
        }
        return i;
    }

    /**
     * Whether {@code a[off, off + len)} is well-formed UTF-8 (RFC 3629): no overlong forms, no
     * encoded surrogates, nothing above U+10FFFF, no truncated sequence.
     */
    static boolean isUtf8(byte[] a, int off, int len) {
        int end = off + len;
        int i = off;
        while (i < end) {
            i = asciiPrefix(a, i, end);
            if (i == end) {
                return true;
            }
            int b = a[i] & 0xFF;
            int need;
            int lo = 0x80;
            int hi = 0xBF;
            if (b >= 0xC2 && b <= 0xDF) {
                need = 1;
            } else if (b >= 0xE0 && b <= 0xEF) {
                need = 2;
                if (b == 0xE0) {
                    lo = 0xA0; // overlong below U+0800
                } else if (b == 0xED) {
                    hi = 0x9F; // surrogates U+D800..U+DFFF
                }
            } else if (b >= 0xF0 && b <= 0xF4) {
                need = 3;
                if (b == 0xF0) {
                    lo = 0x90; // overlong below U+10000
                } else if (b == 0xF4) {
                    hi = 0x8F; // above U+10FFFF
                }
            } else {
                return false;
            }
            if (i + need >= end) { // truncated sequence
                return false;
            }
            int second = a[i + 1] & 0xFF;
            if (second < lo || second > hi) {
                return false;
            }
            for (int k = 2; k <= need; k++) {
                if ((a[i + k] & 0xC0) != 0x80) {
                    return false;
                }
            }
            i += need + 1;
        }
        return true;
    }
}
