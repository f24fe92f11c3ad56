package io.sluice.buffer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.HexFormat;

/**
 * Node's {@code hex} encoding. Decoding bytes gives lowercase digits. Encoding text reads pairs of
 * digits (either case) and stops at the first pair holding a non-digit; an odd trailing digit is
 * dropped ({@code "abc"} gives {@code AB}, {@code "zz11"} gives nothing).
 *
 * <p>Like Node's C++ decoder, each code unit is narrowed to its low 8 bits before lookup, so
 * {@code '\u0161'} reads as {@code 'a'} (verified on Node 20).
 */
final class HexCodec {
    private HexCodec() {}

    private static final HexFormat LOWER = HexFormat.of();

    /** Digit value of each byte value, or -1. */
    private static final int[] DIGIT = new int[256];

    /**
     * Byte value of each pair of characters read as a little-endian 16-bit value, or -1 if
     * either is not a hex digit: one lookup per output byte.
     */
    private static final short[] PAIR = new short[65536];

    private static final VarHandle LONGS_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    static {
        java.util.Arrays.fill(DIGIT, -1);
        for (int c = '0'; c <= '9'; c++) {
            DIGIT[c] = c - '0';
        }
        for (int c = 'a'; c <= 'f'; c++) {
            DIGIT[c] = c - 'a' + 10;
            DIGIT[c - 'a' + 'A'] = c - 'a' + 10;
        }
        for (int x = 0; x < 65536; x++) {
            int hi = DIGIT[x & 0xFF];
            int lo = DIGIT[x >>> 8];
            PAIR[x] = (short) (hi < 0 || lo < 0 ? -1 : (hi << 4) | lo);
        }
    }

    /** Two lowercase hex digits per byte. */
    static String decode(byte[] src, int off, int len) {
        // HexFormat.of() is lowercase with no delimiter, prefix or suffix: the same text as
        // Node's hex, built straight into a compact string.
        return LOWER.formatHex(src, off, off + len);
    }

    /** Node's byteLength for hex: {@code length >>> 1}, whatever the digits. */
    static int byteLength(CharSequence s) {
        return s.length() >>> 1;
    }

    /**
     * Decodes digit pairs of {@code s} into {@code dst[off, off + max)}, stopping at the first
     * invalid pair, at an odd trailing digit, or when {@code max} bytes are written.
     *
     * @return the number of bytes written
     */
    @SuppressWarnings("deprecation")
    static int encode(CharSequence s, byte[] dst, int off, int max) {
        int pairs = Math.min(s.length() >>> 1, max);
        if (s instanceof String str && pairs > 32) {
            // getBytes(int, int, byte[], int) keeps the low 8 bits of each char, which is the
            // narrowing Node applies too; working on bytes lets the loop run over a plain array.
            byte[] chunk = new byte[Math.min(pairs, 4096) * 2];
            int written = 0;
            while (written < pairs) {
                int n = Math.min(pairs - written, chunk.length >>> 1);
                str.getBytes(written * 2, (written + n) * 2, chunk, 0);
                int done = decodePairs(chunk, n, dst, off + written);
                written += done;
                if (done < n) {
                    break;
                }
            }
            return written;
        }
        for (int i = 0; i < pairs; i++) {
            int hi = DIGIT[s.charAt(2 * i) & 0xFF];
            int lo = DIGIT[s.charAt(2 * i + 1) & 0xFF];
            if ((hi | lo) < 0) {
                return i;
            }
            dst[off + i] = (byte) ((hi << 4) | lo);
        }
        return pairs;
    }

    private static int decodePairs(byte[] digits, int pairs, byte[] dst, int off) {
        int i = 0;
        // Four pairs per step: one long read, four lookups, one int store.
        for (; i + 4 <= pairs; i += 4) {
            long w = (long) LONGS_LE.get(digits, 2 * i);
            int a = PAIR[(int) w & 0xFFFF];
            int b = PAIR[(int) (w >>> 16) & 0xFFFF];
            int c = PAIR[(int) (w >>> 32) & 0xFFFF];
            int d = PAIR[(int) (w >>> 48)];
            if ((a | b | c | d) < 0) {
                break;
            }
            INTS_LE.set(dst, off + i, (a & 0xFF) | ((b & 0xFF) << 8) | ((c & 0xFF) << 16) | (d << 24));
        }
        for (; i < pairs; i++) {
            int hi = DIGIT[digits[2 * i] & 0xFF];
            int lo = DIGIT[digits[2 * i + 1] & 0xFF];
            if ((hi | lo) < 0) {
                return i;
            }
            dst[off + i] = (byte) ((hi << 4) | lo);
        }
        return pairs;
    }
}
