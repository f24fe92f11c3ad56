package io.sluice.buffer;

import java.util.Arrays;

/**
 * {@code indexOf}/{@code lastIndexOf} over byte ranges with Node's offset rules
 * (node_buffer.cc {@code IndexOfOffset}) and Node's UTF-16 quirks.
 *
 * <p>Speed: a single byte is found by a SWAR scan that tests 8 bytes per step. A longer needle is
 * found by the same scan for its first byte, a check of its second and last bytes, and then
 * {@link Arrays#mismatch} (a vectorised intrinsic); lastIndexOf scans backwards likewise. Needles that produce many false starts (like {@code "aaab"} in {@code "aaaa..."})
 * would make that quadratic, so after a work budget the search switches to Knuth-Morris-Pratt,
 * which is linear in the haystack.
 */
final class ByteSearch {
    private ByteSearch() {}

    private static final long ONES = 0x0101010101010101L;
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;

    /** Node clamps byteOffset to int32 in JS before its C++ search sees it. */
    private static long clamp(long byteOffset) {
        return Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, byteOffset));
    }

    /**
     * Node's {@code IndexOfOffset}: the first candidate position for a search, or -1 when nothing
     * can match. A negative offset counts from the end; an empty needle points at the clamped
     * offset; lastIndexOf from past the end searches everything.
     */
    static long startOffset(int length, long offset, int needleLength, boolean forward) {
        if (offset < 0) {
            if (offset + length >= 0) {
                return length + offset;
            }
            return forward || needleLength == 0 ? 0 : -1;
        }
        if (offset + needleLength <= length) {
            return offset;
        }
        if (needleLength == 0) {
            return length;
        }
        return forward ? -1 : length - 1;
    }

    /**
     * Node's search of {@code needle} in {@code hay[hOff, hOff + hLen)}, returning an index relative
     * to {@code hOff} or -1. With {@code ucs2}, both sides are read as 16-bit units: matches are at
     * even positions only, the odd trailing byte of either side is ignored and the start offset is
     * rounded down to even, exactly as Node does.
     */
    static int search(byte[] hay, int hOff, int hLen, byte[] needle, int nOff, int nLen,
                      long byteOffset, boolean ucs2, boolean forward) {
        long opt = startOffset(hLen, clamp(byteOffset), nLen, forward);
        if (nLen == 0) {
            return (int) opt;
        }
        if (hLen == 0 || opt <= -1) {
            return -1;
        }
        int from = (int) opt;
        if ((forward && (long) nLen + from > hLen) || nLen > hLen) {
            return -1;
        }
        if (ucs2) {
            if (hLen < 2 || nLen < 2) {
                return -1;
            }
            return searchUnits(hay, hOff, hLen & ~1, needle, nOff, nLen & ~1, from & ~1, forward);
        }
        return forward
                ? forward(hay, hOff, hLen, needle, nOff, nLen, from)
                : backward(hay, hOff, hLen, needle, nOff, nLen, from);
    }

    private static int searchUnits(byte[] hay, int hOff, int hLen, byte[] needle, int nOff, int nLen,
                                   int from, boolean forward) {
        if (nLen > hLen) {
            return -1;
        }
        if (forward) {
            int p = forward(hay, hOff, hLen, needle, nOff, nLen, from);
            while (p > 0 && (p & 1) != 0) {
                p = forward(hay, hOff, hLen, needle, nOff, nLen, p + 1);
            }
            return p;
        }
        int p = backward(hay, hOff, hLen, needle, nOff, nLen, from);
        while (p > 0 && (p & 1) != 0) {
            p = backward(hay, hOff, hLen, needle, nOff, nLen, p - 1);
        }
        return p;
    }

    /** Node's {@code indexOfNumber}: the byte {@code value & 255} with Node's offset rules. */
    static int searchByte(byte[] hay, int hOff, int hLen, int value, long byteOffset, boolean forward) {
        long opt = startOffset(hLen, clamp(byteOffset), 1, forward);
        if (opt <= -1 || hLen == 0) {
            return -1;
        }
        byte b = (byte) value;
        int p = forward
                ? scan(hay, hOff + (int) opt, hOff + hLen, b)
                : scanBack(hay, hOff, hOff + (int) opt, b);
        return p < 0 ? -1 : p - hOff;
    }

    /** First match at or after {@code from} (relative), or -1. */
    static int forward(byte[] hay, int hOff, int hLen, byte[] needle, int nOff, int nLen, int from) {
        int lastStart = hLen - nLen;
        if (from > lastStart || from < 0) {
            return -1;
        }
        byte first = needle[nOff];
        if (nLen == 1) {
            int p = scan(hay, hOff + from, hOff + hLen, first);
            return p < 0 ? -1 : p - hOff;
        }
        byte second = needle[nOff + 1];
        byte last = needle[nOff + nLen - 1];
        int limit = hOff + lastStart + 1; // exclusive bound for candidate starts
        int start = hOff + from;
        long pattern = (first & 0xFFL) * ONES;
        long work = 0;
        int i = start;
        // Scan 8 positions per step for the first byte; test the second and last bytes of each
        // candidate in place before paying for a full comparison.
        for (; i + 8 <= limit; i += 8) {
            long z = zeroBytes((long) ByteAccess.LONG_LE.get(hay, i) ^ pattern);
            while (z != 0) {
                int p = i + (Long.numberOfTrailingZeros(z) >>> 3);
                if (hay[p + 1] == second && hay[p + nLen - 1] == last) {
                    int mm = Arrays.mismatch(hay, p + 2, p + nLen, needle, nOff + 2, nOff + nLen);
                    if (mm < 0) {
                        return p - hOff;
                    }
                    work += mm;
                }
                work += 2;
                z &= z - 1;
            }
            // False starts cost more than the scan: switch to a search that is linear regardless.
            if (work > 4L * (i - start) + 256) {
                return kmpForward(hay, hOff, hLen, needle, nOff, nLen, i + 8 - hOff);
            }
        }
        for (; i < limit; i++) {
            if (hay[i] == first && Arrays.mismatch(hay, i + 1, i + nLen, needle, nOff + 1, nOff + nLen) < 0) {
                return i - hOff;
            }
        }
        return -1;
    }

    /** Last match at or before {@code from} (relative, clamped to the last possible start), or -1. */
    static int backward(byte[] hay, int hOff, int hLen, byte[] needle, int nOff, int nLen, int from) {
        int start = Math.min(from, hLen - nLen);
        if (start < 0) {
            return -1;
        }
        byte first = needle[nOff];
        if (nLen == 1) {
            int p = scanBack(hay, hOff, hOff + start, first);
            return p < 0 ? -1 : p - hOff;
        }
        long work = 0;
        int i = hOff + start;
        while (i >= hOff) {
            int p = scanBack(hay, hOff, i, first);
            if (p < 0) {
                return -1;
            }
            int mm = Arrays.mismatch(hay, p + 1, p + nLen, needle, nOff + 1, nOff + nLen);
            if (mm < 0) {
                return p - hOff;
            }
            work += mm + 2;
            i = p - 1;
            if (work > 4L * (hOff + start - i) + 256) {
                return kmpBackward(hay, hOff, needle, nOff, nLen, i - hOff);
            }
        }
        return -1;
    }

    /** First index in {@code [from, to)} holding {@code b}, or -1; 8 bytes per step. */
    static int scan(byte[] a, int from, int to, byte b) {
        int i = from;
        long pattern = (b & 0xFFL) * ONES;
        for (; i + 8 <= to; i += 8) {
            long x = (long) ByteAccess.LONG_LE.get(a, i) ^ pattern;
            long z = zeroBytes(x);
            if (z != 0) {
                return i + (Long.numberOfTrailingZeros(z) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Last index in {@code [lo, hi]} (both inclusive) holding {@code b}, or -1. */
    static int scanBack(byte[] a, int lo, int hi, byte b) {
        int i = hi;
        long pattern = (b & 0xFFL) * ONES;
        for (; i - 7 >= lo; i -= 8) {
            long x = (long) ByteAccess.LONG_LE.get(a, i - 7) ^ pattern;
            long z = zeroBytes(x);
            if (z != 0) {
                return i - 7 + ((63 - Long.numberOfLeadingZeros(z)) >>> 3);
            }
        }
        for (; i >= lo; i--) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** High bit set in exactly the bytes of {@code x} that are zero (no false positives). */
    private static long zeroBytes(long x) {
        long y = (x & LOW7) + LOW7;
        return ~(y | x | LOW7);
    }

    private static int kmpForward(byte[] hay, int hOff, int hLen, byte[] needle, int nOff, int nLen, int from) {
        int[] fail = new int[nLen];
        for (int i = 1, k = 0; i < nLen; i++) {
            while (k > 0 && needle[nOff + i] != needle[nOff + k]) {
                k = fail[k - 1];
            }
            if (needle[nOff + i] == needle[nOff + k]) {
                k++;
            }
            fail[i] = k;
        }
        for (int i = from, k = 0; i < hLen; i++) {
            byte c = hay[hOff + i];
            while (k > 0 && c != needle[nOff + k]) {
                k = fail[k - 1];
            }
            if (c == needle[nOff + k]) {
                k++;
            }
            if (k == nLen) {
                return i - nLen + 1;
            }
        }
        return -1;
    }

    /** KMP on the reversed needle, reading the haystack backwards from {@code lastStart}. */
    private static int kmpBackward(byte[] hay, int hOff, byte[] needle, int nOff, int nLen, int lastStart) {
        int end = nOff + nLen - 1; // needle read back to front: r(i) = needle[end - i]
        int[] fail = new int[nLen];
        for (int i = 1, k = 0; i < nLen; i++) {
            while (k > 0 && needle[end - i] != needle[end - k]) {
                k = fail[k - 1];
            }
            if (needle[end - i] == needle[end - k]) {
                k++;
            }
            fail[i] = k;
        }
        for (int i = lastStart + nLen - 1, k = 0; i >= 0; i--) {
            byte c = hay[hOff + i];
            while (k > 0 && c != needle[end - k]) {
                k = fail[k - 1];
            }
            if (c == needle[end - k]) {
                k++;
            }
            if (k == nLen) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The UTF-8 bytes Node searches for a string needle. Unlike {@code Buffer.from(s)}, V8 encodes
     * a lone surrogate here as its 3-byte generalised UTF-8 form ({@code '\uD800'} as
     * {@code ED A0 80}), so such a needle never matches the {@code EF BF BD} that
     * {@code Buffer.from} would have written.
     */
    static byte[] utf8Needle(String s) {
        int n = s.length();
        byte[] out = new byte[n * 3];
        int j = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out[j++] = (byte) c;
            } else if (c < 0x800) {
                out[j++] = (byte) (0xC0 | (c >> 6));
                out[j++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out[j++] = (byte) (0xF0 | (cp >> 18));
                out[j++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                out[j++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                out[j++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                out[j++] = (byte) (0xE0 | (c >> 12));
                out[j++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[j++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return j == out.length ? out : Arrays.copyOf(out, j);
    }
}
