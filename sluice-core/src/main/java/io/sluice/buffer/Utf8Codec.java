package io.sluice.buffer;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Node's {@code utf8} encoding, byte for byte.
 *
 * <p>Decoding follows the WHATWG Encoding Standard (what V8 does): each maximal subpart of an
 * ill-formed sequence becomes one U+FFFD, and the byte that broke it is decoded afresh
 * ({@code E2 82 41} gives {@code "\uFFFDA"}, {@code ED A0 80} three U+FFFD, {@code C0 80} two).
 * The JDK's decoder differs on ill-formed input (it gives one U+FFFD for {@code ED A0 80}), so
 * it is used only where its result is provably the same (well-formed input, see
 * {@link #decode}); everything else goes through a hand-written WHATWG decoder.
 *
 * <p>Encoding writes an unpaired surrogate as {@code EF BF BD} (the JDK writes {@code '?'}), and
 * a bounded write never emits part of a character.
 */
final class Utf8Codec {
    private Utf8Codec() {}

    private static final byte[] EMPTY = new byte[0];
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    // ---------------------------------------------------------------- decoding

    /** Decodes {@code src[off, off + len)} with WHATWG replacement. */
    static String decode(byte[] src, int off, int len) {
        if (len == 0) {
            return "";
        }
        int end = off + len;
        int firstNonAscii = firstNonAscii(src, off, end);
        if (firstNonAscii == end) {
            // ASCII bytes mean the same chars in UTF-8 and ISO-8859-1, and the latter's decoder
            // is a plain copy into a compact string.
            return new String(src, off, len, ISO_8859_1);
        }
        // Mixed text: the JDK's decoder first. It turns every ill-formed sequence into at least
        // one U+FFFD (it is strict: no surrogates, overlongs, values past U+10FFFF or truncated
        // sequences get through), so a result without U+FFFD came from well-formed input, whose
        // decoding is unambiguous: exactly what the WHATWG decoder gives. Only a result holding
        // U+FFFD (ill-formed input, or a genuine EF BF BD) is decoded again by decodeMixed,
        // which tells the two apart and applies WHATWG's replacement rules.
        // Why: on 30 %-multibyte text in 1000-byte chunks the JDK's decoder ran at 270-300 MB/s
        // against 190-210 MB/s for decodeMixed (CPU time, loaded 2-CPU VM; both mispredict on
        // nearly every multibyte lead), and with the U+FFFD check (a vectorised indexOf)
        // 290-315 MB/s; one-shot on 256 KiB, 218 -> 327 MB/s. Branch-free decoders (all
        // lengths computed at once, or visiting character starts by bitmask) were tried and
        // measured 170-230 MB/s: not kept. Cost of the fallback: ill-formed input, or a slice
        // that ends mid-character, is decoded twice (~1.5x the old time).
        // Binary data (often decoded as utf8 by mistake) would pay for both decoders, so the
        // first few multibyte sequences are checked first: random bytes fail that almost always.
        if (firstSequencesWellFormed(src, firstNonAscii, end)) {
            String jdk = new String(src, off, len, UTF_8);
            if (jdk.indexOf('\uFFFD') < 0) {
                return jdk;
            }
        }
        return decodeMixed(src, off, end, firstNonAscii);
    }

    /**
     * Whether the first (up to) four non-ASCII sequences from {@code i}, a non-ASCII byte, are
     * well-formed (WHATWG's ranges) and complete before {@code end}. A cheap guess only, so
     * that random bytes rarely pay for the JDK's decoder too: 256 KiB of random bytes decode
     * at 108 MB/s with and without this path.
     */
    private static boolean firstSequencesWellFormed(byte[] src, int i, int end) {
        for (int seen = 0; seen < 4 && i < end; seen++) {
            while (src[i] >= 0) {
                if (++i == end) {
                    return true;
                }
            }
            int b0 = src[i] & 0xFF;
            int need;
            int lo = 0x80;
            int hi = 0xBF;
            if (b0 >= 0xC2 && b0 <= 0xDF) {
                need = 1;
            } else if (b0 >= 0xE0 && b0 <= 0xEF) {
                need = 2;
                lo = b0 == 0xE0 ? 0xA0 : 0x80;
                hi = b0 == 0xED ? 0x9F : 0xBF;
            } else if (b0 >= 0xF0 && b0 <= 0xF4) {
                need = 3;
                lo = b0 == 0xF0 ? 0x90 : 0x80;
                hi = b0 == 0xF4 ? 0x8F : 0xBF;
            } else {
                return false;
            }
            if (i + need >= end) {
                return false;
            }
            for (int k = 1; k <= need; k++) {
                int c = src[i + k] & 0xFF;
                if (c < lo || c > hi) {
                    return false;
                }
                lo = 0x80;
                hi = 0xBF;
            }
            i += need + 1;
        }
        return true;
    }

    /** The index of the first byte of {@code [from, to)} with its high bit set, or {@code to}. */
    static int firstNonAscii(byte[] b, int from, int to) {
        int i = from;
        while (i + 8 <= to && ((long) LONGS.get(b, i) & HIGH_BITS) == 0) {
            i += 8;
        }
        while (i < to && b[i] >= 0) {
            i++;
        }
        return i;
    }

    /**
     * A hand-written WHATWG decoder; {@code [off, firstNonAscii)} is known to be ASCII. Each
     * maximal subpart of an ill-formed sequence becomes one U+FFFD and the byte that broke it
     * is decoded afresh.
     */
    private static String decodeMixed(byte[] src, int off, int end, int firstNonAscii) {
        // Each byte yields at most one char (a 4-byte sequence yields two), so len chars suffice.
        char[] out = new char[end - off];
        int n = 0;
        for (int i = off; i < firstNonAscii; i++) {
            out[n++] = (char) src[i];
        }
        int i = firstNonAscii;
        while (i < end) {
            int b0 = src[i];
            if (b0 >= 0) {
                out[n++] = (char) b0;
                i++;
                // ASCII runs eight bytes at a time.
                while (i + 8 <= end && ((long) LONGS.get(src, i) & HIGH_BITS) == 0) {
                    for (int k = 0; k < 8; k++) {
                        out[n + k] = (char) src[i + k];
                    }
                    n += 8;
                    i += 8;
                }
                continue;
            }
            b0 &= 0xFF;
            // Fast paths for well-formed 2-, 3- and 4-byte sequences; anything else (ill-formed,
            // truncated) goes to the general WHATWG logic below.
            if (b0 >= 0xC2 && b0 <= 0xDF) {
                if (i + 1 < end && (src[i + 1] & 0xC0) == 0x80) {
                    out[n++] = (char) (((b0 & 0x1F) << 6) | (src[i + 1] & 0x3F));
                    i += 2;
                    continue;
                }
            } else if (b0 >= 0xE0 && b0 <= 0xEF) {
                if (i + 2 < end) {
                    int b1 = src[i + 1];
                    int b2 = src[i + 2];
                    int c = ((b0 & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F);
                    // Continuations, no overlong (>= U+0800), no surrogate.
                    if (((b1 & 0xC0) | ((b2 & 0xC0) << 8)) == 0x8080 && c >= 0x800 && (c < 0xD800 || c > 0xDFFF)) {
                        out[n++] = (char) c;
                        i += 3;
                        continue;
                    }
                }
            } else if (b0 >= 0xF0 && b0 <= 0xF4 && i + 3 < end) {
                int b1 = src[i + 1];
                int b2 = src[i + 2];
                int b3 = src[i + 3];
                int cp = ((b0 & 0x07) << 18) | ((b1 & 0x3F) << 12) | ((b2 & 0x3F) << 6) | (b3 & 0x3F);
                if (((b1 & 0xC0) | ((b2 & 0xC0) << 8) | ((b3 & 0xC0) << 16)) == 0x808080 && cp >= 0x10000 && cp <= 0x10FFFF) {
                    out[n++] = Character.highSurrogate(cp);
                    out[n++] = Character.lowSurrogate(cp);
                    i += 4;
                    continue;
                }
            }
            int need;
            int lo = 0x80;
            int hi = 0xBF;
            int cp;
            if (b0 >= 0xC2 && b0 <= 0xDF) {
                need = 1;
                cp = b0 & 0x1F;
            } else if (b0 >= 0xE0 && b0 <= 0xEF) {
                need = 2;
                cp = b0 & 0x0F;
                if (b0 == 0xE0) {
                    lo = 0xA0;
                } else if (b0 == 0xED) {
                    hi = 0x9F;
                }
            } else if (b0 >= 0xF0 && b0 <= 0xF4) {
                need = 3;
                cp = b0 & 0x07;
                if (b0 == 0xF0) {
                    lo = 0x90;
                } else if (b0 == 0xF4) {
                    hi = 0x8F;
                }
            } else {
                // 80..C1 and F5..FF can never start a character.
                out[n++] = '\uFFFD';
                i++;
                continue;
            }
            i++;
            boolean complete = true;
            for (int k = 0; k < need; k++) {
                if (i >= end) {
                    complete = false;
                    break;
                }
                int c = src[i] & 0xFF;
                if (c < lo || c > hi) {
                    complete = false;
                    break;
                }
                lo = 0x80;
                hi = 0xBF;
                cp = (cp << 6) | (c & 0x3F);
                i++;
            }
            if (!complete) {
                // One U+FFFD for the maximal subpart; the byte at i (if any) starts afresh.
                out[n++] = '\uFFFD';
            } else if (cp >= 0x10000) {
                out[n++] = Character.highSurrogate(cp);
                out[n++] = Character.lowSurrogate(cp);
            } else {
                out[n++] = (char) cp;
            }
        }
        return new String(out, 0, n);
    }

    // ---------------------------------------------------------------- encoding

    /** Chars copied out of a String per step, so the loops run over a plain char[]. */
    private static final int CHUNK = 4096;

    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /** 1 if {@code c} (0..0xFFFF) is a surrogate, else 0, without a branch. */
    private static int isSurrogate01(int c) {
        return ((c ^ 0xD800) - 0x800) >>> 31;
    }

    /** Node's {@code Buffer.byteLength(s, 'utf8')}: lone surrogates count 3 bytes, pairs 4. */
    static int byteLength(String s) {
        int n = s.length();
        long total = n;
        for (int i = 0; i < n; i++) {
            int c = s.charAt(i);
            // Branch-free: +1 from U+0080 and +1 more from U+0800 (mixed text would mispredict
            // a branch per char); only surrogates (rare) take a branch.
            total += ((0x7F - c) >>> 31) + ((0x7FF - c) >>> 31);
            if (isSurrogate01(c) != 0 && c <= 0xDBFF && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                // A pair is 4 bytes: 3 counted for the high half, and the low half keeps just
                // the 1 it has in the starting total.
                i++;
            }
        }
        return Math.toIntExact(total);
    }

    /** The UTF-8 bytes of {@code s}, lone surrogates as {@code EF BF BD}. */
    static byte[] encode(String s) {
        int n = s.length();
        if (n == 0) {
            return EMPTY;
        }
        // String.getBytes(UTF_8) is Node's encoding except for unpaired surrogates, which it
        // writes as one '?' (0x3F) byte each instead of EF BF BD; so its result is used only
        // when it provably holds no such '?'. (It is also the fastest path the JDK has: a
        // straight copy for ASCII strings.)
        if (startsAscii(s)) {
            // Likely all ASCII. For a compact (Latin-1) String, getBytes(ISO_8859_1) is a plain
            // copy, while getBytes(UTF_8) first scans for non-ASCII bytes and then copies; one
            // check of our own on the copy then covers both what UTF-8 needs (no byte >= 0x80)
            // and lone surrogates (a char above 0xFF, which ISO-8859-1 writes as '?'): one read
            // pass fewer. ASCII text, pre-touched heap, CPU time, medians: 6 MiB 2.2 -> 4.6 GB/s
            // (getBytes(UTF_8) alone: 3.0), 256 KiB 4.8 -> 5.3 GB/s. Text that turns out not
            // to be ASCII after its first 64 chars pays for one wasted copy.
            byte[] latin1 = s.getBytes(ISO_8859_1);
            if (isAsciiWithGenuineQuestionMarks(latin1, s)) {
                return latin1;
            }
        }
        byte[] jdk = s.getBytes(UTF_8);
        if (jdk.length == n) {
            // Every char gave exactly one byte (non-ASCII chars give 2 or 3, a pair 4 for 2
            // units), so byte i came from char i: a '?' byte is genuine iff char i is '?'.
            if (questionMarksAreGenuine(jdk, s)) {
                return jdk;
            }
        } else if (!hasUnpairedSurrogate(s)) {
            return jdk;
        }
        byte[] out = new byte[byteLength(s)];
        if (encodeFresh(s, out) != out.length) {
            throw new AssertionError("utf8 length mismatch");
        }
        return out;
    }

    /**
     * Whether every {@code '?'} byte of {@code b} (the JDK's encoding of {@code s}, one byte per
     * char) comes from a {@code '?'} char rather than a lone surrogate.
     *
     * <p>32 bytes per step with one test (the has-a-zero-byte test never misses a '?', and a
     * false alarm only costs a byte-by-byte look at those 32 bytes). With 8 bytes and a test
     * per step, encode(ascii) ran at 5.2 GB/s against 10.6 for getBytes alone; now 5.8 (256 KiB
     * ASCII text, pre-touched heap, CPU time, medians of 15). The pass cannot be skipped: with
     * one byte per char, only a lone surrogate, which the public API cannot tell apart without
     * looking at the chars, turns into '?'.
     */
    private static boolean questionMarksAreGenuine(byte[] b, String s) {
        int n = b.length;
        int i = 0;
        for (; i + 32 <= n; i += 32) {
            long x0 = (long) LONGS.get(b, i) ^ QUESTION_MARKS;
            long x1 = (long) LONGS.get(b, i + 8) ^ QUESTION_MARKS;
            long x2 = (long) LONGS.get(b, i + 16) ^ QUESTION_MARKS;
            long x3 = (long) LONGS.get(b, i + 24) ^ QUESTION_MARKS;
            if ((hasZeroByte(x0) | hasZeroByte(x1) | hasZeroByte(x2) | hasZeroByte(x3)) != 0) {
                for (int k = i; k < i + 32; k++) {
                    if (b[k] == '?' && s.charAt(k) != '?') {
                        return false;
                    }
                }
            }
        }
        for (; i < n; i++) {
            if (b[i] == '?' && s.charAt(i) != '?') {
                return false;
            }
        }
        return true;
    }

    private static final long QUESTION_MARKS = 0x3F3F3F3F3F3F3F3FL;

    /** Whether the first (up to) 64 chars of {@code s} are ASCII: a cheap guess for the rest. */
    private static boolean startsAscii(String s) {
        int m = Math.min(s.length(), 64);
        int or = 0;
        for (int i = 0; i < m; i++) {
            or |= s.charAt(i);
        }
        return or < 0x80;
    }

    /**
     * Whether {@code b}, {@code s} written as ISO-8859-1 (chars above 0xFF as '?'), holds only
     * ASCII bytes whose '?' bytes all come from '?' chars: then {@code s} is all ASCII and
     * {@code b} is its UTF-8 encoding. 32 bytes per step, one test, like
     * {@link #questionMarksAreGenuine}.
     */
    private static boolean isAsciiWithGenuineQuestionMarks(byte[] b, String s) {
        int n = b.length;
        int i = 0;
        for (; i + 32 <= n; i += 32) {
            long x0 = (long) LONGS.get(b, i);
            long x1 = (long) LONGS.get(b, i + 8);
            long x2 = (long) LONGS.get(b, i + 16);
            long x3 = (long) LONGS.get(b, i + 24);
            if (((x0 | x1 | x2 | x3) & HIGH_BITS) != 0) {
                return false;
            }
            if ((hasZeroByte(x0 ^ QUESTION_MARKS) | hasZeroByte(x1 ^ QUESTION_MARKS)
                    | hasZeroByte(x2 ^ QUESTION_MARKS) | hasZeroByte(x3 ^ QUESTION_MARKS)) != 0) {
                for (int k = i; k < i + 32; k++) {
                    if (b[k] == '?' && s.charAt(k) != '?') {
                        return false;
                    }
                }
            }
        }
        for (; i < n; i++) {
            if (b[i] < 0 || (b[i] == '?' && s.charAt(i) != '?')) {
                return false;
            }
        }
        return true;
    }

    /** The classic test: non-zero iff some byte of {@code x} is 0. */
    private static long hasZeroByte(long x) {
        return (x - 0x0101010101010101L) & ~x & HIGH_BITS;
    }

    /** Whether {@code s} holds a surrogate that is not part of a high-low pair. */
    private static boolean hasUnpairedSurrogate(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            int c = s.charAt(i);
            if (isSurrogate01(c) != 0) {
                if (c <= 0xDBFF && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Encodes all of {@code s} into {@code out}, which is exactly {@code byteLength(s)} long
     * (used for strings with unpaired surrogates, which the JDK encodes differently).
     * The core writes each BMP char as one 4-byte store and advances by its length (1 to 3),
     * choosing the bytes without branches, which beats the branchy loop on mixed text; the
     * stray bytes of a store are overwritten by the next char's and the last stores near
     * the end go byte by byte, so nothing is written past the array's end.
     */
    private static int encodeFresh(String s, byte[] out) {
        int n = s.length();
        int cap = out.length;
        int d = 0;
        char[] buf = new char[Math.min(n, CHUNK)];
        for (int from = 0; from < n; from += buf.length) {
            int to = Math.min(n, from + buf.length);
            s.getChars(from, to, buf, 0);
            int m = to - from;
            for (int k = 0; k < m; k++) {
                int c = buf[k];
                if (isSurrogate01(c) != 0) {
                    int next = k + 1 < m ? buf[k + 1] : from + k + 1 < n ? s.charAt(from + k + 1) : -1;
                    if (c <= 0xDBFF && next >= 0xDC00 && next <= 0xDFFF) {
                        int cp = Character.toCodePoint((char) c, (char) next);
                        out[d] = (byte) (0xF0 | (cp >> 18));
                        out[d + 1] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                        out[d + 2] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                        out[d + 3] = (byte) (0x80 | (cp & 0x3F));
                        d += 4;
                        if (k + 1 < m) {
                            k++;
                        } else {
                            // The low half opens the next chunk: skip it there.
                            from++;
                        }
                    } else {
                        out[d] = (byte) 0xEF;
                        out[d + 1] = (byte) 0xBF;
                        out[d + 2] = (byte) 0xBD;
                        d += 3;
                    }
                    continue;
                }
                int two = (0xC0 | (c >> 6)) | ((0x80 | (c & 0x3F)) << 8);
                int three = (0xE0 | (c >> 12)) | ((0x80 | ((c >> 6) & 0x3F)) << 8) | ((0x80 | (c & 0x3F)) << 16);
                int v = c < 0x80 ? c : c < 0x800 ? two : three;
                int len = 1 + ((0x7F - c) >>> 31) + ((0x7FF - c) >>> 31);
                if (d + 4 <= cap) {
                    INTS.set(out, d, v);
                } else {
                    for (int j = 0; j < len; j++) {
                        out[d + j] = (byte) (v >>> (8 * j));
                    }
                }
                d += len;
            }
        }
        return d;
    }

    /**
     * Encodes as much of {@code s} as fits whole into {@code dst[off, off + max)}, as Node's
     * {@code buf.write}: a character whose bytes do not all fit is not written, and nothing
     * after it is either.
     *
     * @return the number of bytes written
     */
    static int encodeInto(CharSequence s, byte[] dst, int off, int max) {
        int n = s.length();
        int d = off;
        int limit = off + max;
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (d >= limit) {
                    break;
                }
                dst[d++] = (byte) c;
                i++;
                // Tight ASCII run.
                int run = Math.min(n - i, limit - d);
                int stop = i + run;
                while (i < stop) {
                    char a = s.charAt(i);
                    if (a >= 0x80) {
                        break;
                    }
                    dst[d++] = (byte) a;
                    i++;
                }
            } else if (c < 0x800) {
                if (d + 2 > limit) {
                    break;
                }
                dst[d] = (byte) (0xC0 | (c >> 6));
                dst[d + 1] = (byte) (0x80 | (c & 0x3F));
                d += 2;
                i++;
            } else if (Character.isSurrogate(c)) {
                char next;
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(next = s.charAt(i + 1))) {
                    if (d + 4 > limit) {
                        break;
                    }
                    int cp = Character.toCodePoint(c, next);
                    dst[d] = (byte) (0xF0 | (cp >> 18));
                    dst[d + 1] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    dst[d + 2] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    dst[d + 3] = (byte) (0x80 | (cp & 0x3F));
                    d += 4;
                    i += 2;
                } else {
                    if (d + 3 > limit) {
                        break;
                    }
                    dst[d] = (byte) 0xEF;
                    dst[d + 1] = (byte) 0xBF;
                    dst[d + 2] = (byte) 0xBD;
                    d += 3;
                    i++;
                }
            } else {
                if (d + 3 > limit) {
                    break;
                }
                dst[d] = (byte) (0xE0 | (c >> 12));
                dst[d + 1] = (byte) (0x80 | ((c >> 6) & 0x3F));
                dst[d + 2] = (byte) (0x80 | (c & 0x3F));
                d += 3;
                i++;
            }
        }
        return d - off;
    }
}
