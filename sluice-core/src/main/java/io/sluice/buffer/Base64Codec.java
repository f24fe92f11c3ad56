package io.sluice.buffer;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Base64;

/**
 * Node's {@code base64} and {@code base64url} encodings.
 *
 * <p>Bytes to text: RFC 4648 alphabets; base64 pads with {@code '='}, base64url does not.
 *
 * <p>Text to bytes, identical for both names (Node's lenient decoder): digits of BOTH alphabets
 * are accepted ({@code '+'} and {@code '-'} are 62, {@code '/'} and {@code '_'} are 63); every
 * other character is skipped, except {@code '='}, which ends decoding. Digits are taken in
 * groups of four (three bytes); a final group of two or three digits gives one or two bytes, and
 * a single final digit gives nothing. As in Node's C++ decoder, each code unit is narrowed to
 * its low 8 bits first, so {@code '\u0141'} counts as {@code 'A'} and {@code '\u013D'} as
 * {@code '='} (verified on Node 20).
 */
final class Base64Codec {
    private Base64Codec() {}

    private static final String STD_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final String URL_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /** Digit value of each byte value in either alphabet; -1 for anything else. */
    private static final int[] DIGIT = new int[256];
    /**
     * {@code DIGIT} pre-shifted into the position of a group's 1st..4th digit; -1 (all bits)
     * stays -1, so OR-ing four lookups gives a negative number iff any character is not a digit.
     */
    private static final int[] D0 = new int[256];
    private static final int[] D1 = new int[256];
    private static final int[] D2 = new int[256];
    private static final int[] D3 = new int[256];

    /**
     * For each pair of characters read as a little-endian 16-bit value, the 12 bits the two
     * digits stand for, or -1 if either is not a digit: half the lookups of {@code DIGIT}.
     */
    private static final short[] PAIR = new short[65536];

    static {
        Arrays.fill(DIGIT, -1);
        for (int i = 0; i < 64; i++) {
            DIGIT[STD_ALPHABET.charAt(i)] = i;
        }
        DIGIT['-'] = 62;
        DIGIT['_'] = 63;
        for (int c = 0; c < 256; c++) {
            int v = DIGIT[c];
            D0[c] = v < 0 ? -1 : v << 18;
            D1[c] = v < 0 ? -1 : v << 12;
            D2[c] = v < 0 ? -1 : v << 6;
            D3[c] = v;
        }
        for (int x = 0; x < 65536; x++) {
            int first = DIGIT[x & 0xFF];
            int second = DIGIT[x >>> 8];
            PAIR[x] = (short) (first < 0 || second < 0 ? -1 : (first << 6) | second);
        }
    }

    /** For each 12-bit value, its two digits packed little-endian (first digit lowest). */
    private static final long[] STD_PAIRS = pairs(STD_ALPHABET);
    private static final long[] URL_PAIRS = pairs(URL_ALPHABET);

    private static final VarHandle LONGS_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONGS_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle SHORTS_BE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);

    private static long[] pairs(String alphabet) {
        long[] t = new long[4096];
        for (int v = 0; v < 4096; v++) {
            t[v] = alphabet.charAt(v >> 6) | (alphabet.charAt(v & 63) << 8);
        }
        return t;
    }

    /** Encodes bytes as base64 text (padded) or base64url text (unpadded), RFC 4648 §4/§5. */
    static String encode(byte[] src, int off, int len, boolean url) {
        if (len == 0) {
            return "";
        }
        // Hand-written rather than java.util.Base64: its speed comes from an intrinsic that only
        // a C2-compiled caller gets, and a caller that encodes a few huge arrays never is; this
        // loop is compiled on the spot (OSR). Two table lookups per three bytes.
        int groups = len / 3;
        int rest = len - groups * 3;
        int outLen = groups * 4 + (rest == 0 ? 0 : url ? rest + 1 : 4);
        byte[] out = new byte[outLen];
        long[] pairs = url ? URL_PAIRS : STD_PAIRS;
        int s = off;
        int d = 0;
        // Six bytes in (read as one big-endian long, of which the top 48 bits are used), eight
        // digits out (one little-endian long store); the read needs 8 readable bytes.
        int fastEnd = off + groups * 3 - 8;
        if (groups * 3 >= 2 * JDK_GROUPS_CHUNK) {
            // Big inputs: whole chunks through java.util.Base64's encoder, an intrinsic several
            // times faster than this loop once its caller is compiled (and with thousands of
            // chunk calls per big input, it soon is). Its output for whole 3-byte groups is
            // exactly RFC 4648 digits in the chosen alphabet, with no padding inside: Node's.
            Base64.Encoder jdk = url ? JDK_URL_ENCODER : JDK_STANDARD_ENCODER;
            byte[] in = new byte[JDK_GROUPS_CHUNK];
            byte[] digits = new byte[JDK_GROUPS_CHUNK / 3 * 4];
            for (int end = off + groups * 3 - JDK_GROUPS_CHUNK; s <= end; s += JDK_GROUPS_CHUNK) {
                System.arraycopy(src, s, in, 0, JDK_GROUPS_CHUNK);
                jdk.encode(in, digits);
                System.arraycopy(digits, 0, out, d, digits.length);
                d += digits.length;
            }
        }
        while (s <= fastEnd) {
            long w = (long) LONGS_BE.get(src, s);
            int a = (int) (w >>> 40) & 0xFFFFFF;
            int b = (int) (w >>> 16) & 0xFFFFFF;
            long digits = pairs[a >>> 12] | (pairs[a & 0xFFF] << 16) | (pairs[b >>> 12] << 32) | (pairs[b & 0xFFF] << 48);
            LONGS_LE.set(out, d, digits);
            s += 6;
            d += 8;
        }
        for (int end = off + groups * 3; s < end; s += 3, d += 4) {
            int v = ((src[s] & 0xFF) << 16) | ((src[s + 1] & 0xFF) << 8) | (src[s + 2] & 0xFF);
            long digits = pairs[v >>> 12] | (pairs[v & 0xFFF] << 16);
            out[d] = (byte) digits;
            out[d + 1] = (byte) (digits >>> 8);
            out[d + 2] = (byte) (digits >>> 16);
            out[d + 3] = (byte) (digits >>> 24);
        }
        String alphabet = url ? URL_ALPHABET : STD_ALPHABET;
        if (rest == 1) {
            int v = src[s] & 0xFF;
            out[d] = (byte) alphabet.charAt(v >> 2);
            out[d + 1] = (byte) alphabet.charAt((v & 3) << 4);
            if (!url) {
                out[d + 2] = '=';
                out[d + 3] = '=';
            }
        } else if (rest == 2) {
            int v = ((src[s] & 0xFF) << 8) | (src[s + 1] & 0xFF);
            out[d] = (byte) alphabet.charAt(v >> 10);
            out[d + 1] = (byte) alphabet.charAt((v >> 4) & 63);
            out[d + 2] = (byte) alphabet.charAt((v & 15) << 2);
            if (!url) {
                out[d + 3] = '=';
            }
        }
        // All bytes are ASCII, so the ISO-8859-1 decoder is a plain copy into a compact string.
        return new String(out, ISO_8859_1);
    }

    /**
     * Node's {@code byteLength} estimate: the length less up to two trailing {@code '='}
     * (exact code unit 0x3D, checked as JavaScript's {@code charCodeAt} does), times 3/4,
     * rounded down. It over-counts when the text holds whitespace or junk, as in Node.
     */
    static int byteLength(CharSequence s) {
        int bytes = s.length();
        if (bytes == 0) {
            return 0;
        }
        if (s.charAt(bytes - 1) == '=') {
            bytes--;
        }
        if (bytes > 1 && s.charAt(bytes - 1) == '=') {
            bytes--;
        }
        return (int) ((bytes * 3L) >>> 2);
    }

    /**
     * Decodes base64/base64url text into {@code dst[off, off + max)}, stopping when {@code max}
     * bytes are written (a group may be cut short: each byte is a whole "character" here).
     *
     * @return the number of bytes written
     */
    @SuppressWarnings("deprecation")
    static int decodeText(CharSequence s, byte[] dst, int off, int max) {
        int n = s.length();
        if (n == 0 || max == 0) {
            return 0;
        }
        Decoder dec = new Decoder(dst, off, max);
        if (s instanceof String str) {
            // getBytes(int, int, byte[], int) keeps the low 8 bits of each char: the same
            // narrowing Node applies, and a plain array copy for compact strings.
            byte[] chunk = new byte[Math.min(n, JDK_CHUNK)];
            for (int from = 0; from < n && !dec.done; from += chunk.length) {
                int to = Math.min(n, from + chunk.length);
                str.getBytes(from, to, chunk, 0);
                if (to - from < JDK_CHUNK || !dec.feedWithJdk(chunk)) {
                    dec.feed(chunk, 0, to - from);
                }
            }
        } else {
            byte[] chunk = new byte[Math.min(n, 4096)];
            for (int from = 0; from < n && !dec.done; from += chunk.length) {
                int to = Math.min(n, from + chunk.length);
                for (int i = from; i < to; i++) {
                    chunk[i - from] = (byte) s.charAt(i);
                }
                dec.feed(chunk, 0, to - from);
            }
        }
        return dec.finish();
    }

    /**
     * Bytes per chunk handed to the JDK encoder; a multiple of 3, so whole groups. Small,
     * because the JDK's encoder gets its intrinsic only once C2 compiles it, and C2 does so
     * after ~5000 calls: with 12 KiB chunks a 6 MiB input (the benchmark at scale 0.1) made
     * 512 calls, so the first ~11 encodes of it ran at ~0.9 GB/s before jumping to ~2.4; with
     * 3 KiB chunks the jump comes at the 4th (pre-touched heap, CPU time), and the steady state
     * is no slower (2.6-4.0 GB/s: input and digits stay in L1).
     *
     * <p>The output's allocation stays at two output-sized arrays per call ({@code out}, then
     * the String's copy of it): the public API cannot hand a byte[] to a String without a copy.
     * Building the result from per-chunk String pieces with {@link String#join} (which
     * allocates the result once, unzeroed) was tried: the same bytes allocated, the pieces in
     * eden rather than humongous regions, but 2.1 GB/s against 2.9 with a pre-touched heap,
     * and no better without one (G1 keeps growing eden into fresh, faulting pages): not kept.
     */
    private static final int JDK_GROUPS_CHUNK = 3072;
    private static final Base64.Encoder JDK_STANDARD_ENCODER = Base64.getEncoder();
    private static final Base64.Encoder JDK_URL_ENCODER = Base64.getUrlEncoder();

    /** Characters per chunk; a multiple of 4 so a clean chunk is whole groups. */
    private static final int JDK_CHUNK = 16384;
    private static final Base64.Decoder JDK_STANDARD = Base64.getDecoder();
    private static final Base64.Decoder JDK_URL = Base64.getUrlDecoder();

    /** Streaming state of one decode: the partial group, output position and stop flag. */
    private static final class Decoder {
        private final byte[] dst;
        private final int start;
        private final int limit;
        private int pos;
        /** Digits of the current group, 6 bits each, most recent lowest. */
        private int acc;
        /** Number of digits in {@code acc}, 0..3. */
        private int digits;
        /** True after '=' or a full destination. */
        boolean done;
        /** Which JDK decoder to try on a whole chunk: 0 standard, 1 url, 2 none (input is dirty). */
        private int jdkMode;
        private byte[] jdkOut;

        Decoder(byte[] dst, int off, int max) {
            this.dst = dst;
            this.start = off;
            this.pos = off;
            this.limit = off + max;
        }

        /**
         * Tries to decode a whole {@code JDK_CHUNK}-long chunk with java.util.Base64, whose
         * decoder is an intrinsic many times faster than any Java loop once compiled.
         *
         * <p>Why the result is Node's: the JDK decoder accepts only the characters of one
         * alphabet plus '=' padding at the very end, and throws on anything else (whitespace,
         * junk, a '=' inside, a mixed alphabet, a lone trailing digit). On a chunk it accepts,
         * Node skips nothing, so both decode the same groups to the same bytes; if the chunk
         * ended in padding, Node stops there, and so do we. A rejected chunk falls back to
         * {@link #feed} (and later chunks skip the JDK: dirty input tends to stay dirty).
         *
         * @return false if the chunk was not decoded (the caller must feed it)
         */
        boolean feedWithJdk(byte[] chunk) {
            if (digits != 0 || jdkMode == 2 || limit - pos < JDK_CHUNK / 4 * 3) {
                return false;
            }
            if (jdkOut == null) {
                jdkOut = new byte[JDK_CHUNK / 4 * 3];
            }
            while (jdkMode < 2) {
                try {
                    int n = (jdkMode == 0 ? JDK_STANDARD : JDK_URL).decode(chunk, jdkOut);
                    System.arraycopy(jdkOut, 0, dst, pos, n);
                    pos += n;
                    if (chunk[chunk.length - 1] == '=') {
                        done = true;
                    }
                    return true;
                } catch (IllegalArgumentException notCleanForThisDecoder) {
                    jdkMode++;
                }
            }
            return false;
        }

        void feed(byte[] in, int from, int to) {
            int i = from;
            int[] table = DIGIT;
            while (i < to) {
                // Fast path: a whole group of four digits and room for its three bytes.
                if (digits == 0) {
                    int stop = Math.min(to - 3, i + (limit - pos) / 3 * 4);
                    byte[] out = dst;
                    int p = pos;
                    // Eight digits (one long read) to six bytes (an int and a short store, so
                    // nothing past the last decoded byte is touched).
                    int stop8 = Math.min(to - 7, i + (limit - pos) / 6 * 8);
                    while (i < stop8) {
                        long w = (long) LONGS_LE.get(in, i);
                        int v1 = (PAIR[(int) w & 0xFFFF] << 12) | PAIR[(int) (w >>> 16) & 0xFFFF];
                        int v2 = (PAIR[(int) (w >>> 32) & 0xFFFF] << 12) | PAIR[(int) (w >>> 48)];
                        if ((v1 | v2) < 0) {
                            break;
                        }
                        INTS_BE.set(out, p, (v1 << 8) | (v2 >>> 16));
                        SHORTS_BE.set(out, p + 4, (short) v2);
                        p += 6;
                        i += 8;
                    }
                    while (i < stop) {
                        int v = D0[in[i] & 0xFF] | D1[in[i + 1] & 0xFF] | D2[in[i + 2] & 0xFF] | D3[in[i + 3] & 0xFF];
                        if (v < 0) {
                            break;
                        }
                        out[p] = (byte) (v >> 16);
                        out[p + 1] = (byte) (v >> 8);
                        out[p + 2] = (byte) v;
                        p += 3;
                        i += 4;
                    }
                    pos = p;
                    if (i >= to) {
                        return;
                    }
                }
                // Slow path: one character at a time (junk, '=', group tails, a full dst).
                int ch = in[i++] & 0xFF;
                int v = table[ch];
                if (v < 0) {
                    if (ch == '=') {
                        done = true;
                        return;
                    }
                    continue;
                }
                acc = (acc << 6) | v;
                if (++digits == 4) {
                    digits = 0;
                    if (!put(acc >> 16) || !put(acc >> 8) || !put(acc)) {
                        done = true;
                        return;
                    }
                }
            }
        }

        private boolean put(int b) {
            if (pos >= limit) {
                return false;
            }
            dst[pos++] = (byte) b;
            return pos < limit;
        }

        /** Flushes a 2- or 3-digit tail and returns the number of bytes written. */
        int finish() {
            if (pos < limit) {
                if (digits == 2) {
                    put(acc >> 4);
                } else if (digits == 3) {
                    if (put(acc >> 10)) {
                        put(acc >> 2);
                    }
                }
            }
            return pos - start;
        }
    }
}
