package io.sluice.buffer;

import java.util.Arrays;

/**
 * {@code indexOf}/{@code lastIndexOf} over byte ranges with Node's offset rules
 * (node_buffer.cc {@code IndexOfOffset}) and Node's UTF-16 quirks.
 *
 * <p>Speed: a single byte is found by a SWAR scan that tests 8 bytes per step. A longer needle is
 * found by a SWAR scan for its byte that is likely rarest in the haystack (8 positions per word,
 * 32 per test), a check of its first and last bytes, and then {@link Arrays#mismatch} (a
 * vectorised intrinsic); lastIndexOf scans backwards for the first byte. Needles that produce many false starts (like {@code "aaab"} in {@code "aaaa..."})
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
        int limit = hOff + lastStart + 1; // exclusive bound for candidate starts
        int start = hOff + from;
        // Filter on the needle byte that is likely rarest in the haystack (RANK, a guess from
        // byte classes): a word read gives 8 positions at once, and only a position holding that
        // byte pays for a full compare. Measured on the benchmark's needle "needle-in-a-hay!"
        // in letter text (CPU time, 64 KiB in cache, loaded 2-CPU VM): filtering on the first
        // byte 'n' (1 in ~73 bytes) ran at 1.8-4.9 GB/s, on first and last bytes ('!' never
        // occurs) at 3.1-4.9 GB/s (11 ops per 8 starts), on '!' alone at 9.8-10.4 GB/s (5 ops per
        // 8; 7.3-8.4 GB/s on 6 MiB, against 3.2-3.5 for both others).
        // A wrong guess only costs speed: frequent false starts hit the work budget below.
        int rareAt = rarestIndex(needle, nOff, nLen);
        int lastAt = nLen - 1;
        byte last = needle[nOff + lastAt];
        long pattern = (needle[nOff + rareAt] & 0xFFL) * ONES;
        long work = 0;
        // q runs over the positions of the rare byte: q = start + rareAt for a start p.
        int q = start + rareAt;
        int qEnd = limit + rareAt; // a word is read only when its 8 positions are below qEnd,
                                   // so no read passes hOff + hLen (qEnd - 1 <= its last index)
        for (; q + 32 <= qEnd; q += 32) {
            // 32 positions per iteration, one test for all (the cheap test: it never misses a
            // zero byte, and the exact mask is computed only for the rare words that pass).
            long x0 = (long) ByteAccess.LONG_LE.get(hay, q) ^ pattern;
            long x1 = (long) ByteAccess.LONG_LE.get(hay, q + 8) ^ pattern;
            long x2 = (long) ByteAccess.LONG_LE.get(hay, q + 16) ^ pattern;
            long x3 = (long) ByteAccess.LONG_LE.get(hay, q + 24) ^ pattern;
            if ((anyZero(x0) | anyZero(x1) | anyZero(x2) | anyZero(x3)) == 0) {
                continue;
            }
            for (int k = 0; k < 32; k += 8) {
                long z = zeroBytes((long) ByteAccess.LONG_LE.get(hay, q + k) ^ pattern);
                while (z != 0) {
                    int p = q + k + (Long.numberOfTrailingZeros(z) >>> 3) - rareAt;
                    z &= z - 1;
                    // First and last bytes in place: when the guess was wrong and the filter
                    // byte is common, most false starts end here without a mismatch call.
                    if (hay[p] != first || hay[p + lastAt] != last) {
                        work += 2;
                        continue;
                    }
                    int mm = Arrays.mismatch(hay, p, p + nLen, needle, nOff, nOff + nLen);
                    if (mm < 0) {
                        return p - hOff;
                    }
                    work += mm + 2;
                }
            }
            // False starts cost more than the scan: switch to a search that is linear regardless.
            if (work > 4L * (q - rareAt - start) + 256) {
                return kmpForward(hay, hOff, hLen, needle, nOff, nLen, q + 32 - rareAt - hOff);
            }
        }
        for (int p = q - rareAt; p < limit; p++) {
            if (Arrays.mismatch(hay, p, p + nLen, needle, nOff, nOff + nLen) < 0) {
                return p - hOff;
            }
        }
        return -1;
    }

    /**
     * A guess at how common each byte value is in typical haystacks (text, UTF-8, binary),
     * higher = more common: letters, space and NUL/0xFF common, digits and capitals less, then
     * punctuation and UTF-8 bytes, then other controls and rare punctuation.
     */
    private static final byte[] RANK = new byte[256];

    static {
        for (int b = 0; b < 256; b++) {
            int r;
            if (b >= 'a' && b <= 'z' || b == ' ' || b == 0 || b == 0xFF) {
                r = 6;
            } else if (b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '\n' || b == '\t') {
                r = 5;
            } else if (".,-_/:=\"'()\r".indexOf(b) >= 0) {
                r = 4;
            } else if (b >= 0x80) {
                r = 3; // UTF-8 continuation and lead bytes: common in non-English text
            } else if (b >= 0x20) {
                r = 2; // other ASCII punctuation
            } else {
                r = 1; // other controls
            }
            RANK[b] = (byte) r;
        }
    }

    /** The index in the needle of its byte with the lowest {@link #RANK} (the last on ties). */
    private static int rarestIndex(byte[] needle, int nOff, int nLen) {
        int best = nLen - 1;
        int bestRank = RANK[needle[nOff + best] & 0xFF];
        for (int k = nLen - 2; k >= 0 && bestRank > 1; k--) {
            int r = RANK[needle[nOff + k] & 0xFF];
            if (r < bestRank) {
                best = k;
                bestRank = r;
            }
        }
        return best;
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

    /**
     * High bit set in every zero byte of {@code x}, and possibly in bytes above a zero byte
     * (the borrow of the classic test): never misses one, so only a pre-filter.
     */
    private static long anyZero(long x) {
        return (x - ONES) & ~x & ~LOW7;
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
