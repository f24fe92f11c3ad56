package io.sluice.buffer;

import java.io.ByteArrayOutputStream;
import java.util.SplittableRandom;

/**
 * Seeded generators of nasty inputs for the codec differential tests: byte strings rich in
 * ill-formed UTF-8, and strings rich in surrogates, non-latin1 chars, base64 and hex junk.
 */
final class CodecFuzz {
    private CodecFuzz() {}

    /** Interesting UTF-8 pieces: valid, overlong, encoded surrogates, truncated, out of range. */
    private static final String[] UTF8_PIECES = {
        "41", "7f", "00", "c2a9", "dfbf", "e282ac", "efbfbd", "efbfbf", "f09f9880", "f48fbfbf",
        "c080", "c1bf", "e08080", "e09fbf", "f08fbfbf", "eda080", "edbfbf", "eda0bdedb080",
        "f4908080", "f5", "f8", "fe", "ff", "80", "bf", "c2", "e2", "e282", "f0", "f09f", "f09f98",
        "f69b", "e0a0", "ed9f", "eda0", "cc", "e2b8", "f1cc", "c9b5a9",
    };

    /** Random bytes shaped for {@code enc}'s decoder. */
    static byte[] bytes(SplittableRandom r, Encoding enc, int maxLen) {
        int len = r.nextInt(maxLen + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (enc == Encoding.UTF8 && r.nextInt(4) != 0) {
            while (out.size() < len) {
                if (r.nextInt(3) == 0) {
                    out.write(r.nextInt(256));
                } else {
                    byte[] piece = java.util.HexFormat.of().parseHex(UTF8_PIECES[r.nextInt(UTF8_PIECES.length)]);
                    out.writeBytes(piece);
                }
            }
            return out.toByteArray();
        }
        if (enc == Encoding.UTF16LE && r.nextBoolean()) {
            // Surrogate halves in every arrangement.
            while (out.size() < len) {
                int kind = r.nextInt(4);
                int unit = kind == 0 ? 0xD800 + r.nextInt(0x400) : kind == 1 ? 0xDC00 + r.nextInt(0x400) : r.nextInt(0x10000);
                out.write(unit);
                out.write(unit >>> 8);
            }
            if (r.nextBoolean()) {
                out.write(r.nextInt(256));
            }
            return out.toByteArray();
        }
        byte[] b = new byte[len];
        r.nextBytes(b);
        return b;
    }

    private static final String B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_";

    /** A random string shaped for {@code enc}'s encoder (text to bytes). */
    static String string(SplittableRandom r, Encoding enc, int maxLen) {
        int len = r.nextInt(maxLen + 1);
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            sb.append(switch (enc) {
                case HEX -> hexChar(r);
                case BASE64, BASE64URL -> base64Char(r);
                default -> textChar(r);
            });
        }
        return sb.toString();
    }

    private static char textChar(SplittableRandom r) {
        return switch (r.nextInt(8)) {
            case 0, 1 -> (char) r.nextInt(0x80);
            case 2 -> (char) (0x80 + r.nextInt(0x780)); // 2-byte range, latin1 included
            case 3 -> (char) (0x800 + r.nextInt(0xD000)); // 3-byte, below the surrogates
            case 4 -> (char) (0xD800 + r.nextInt(0x800)); // any surrogate half
            case 5 -> (char) (0xE000 + r.nextInt(0x2000));
            case 6 -> "\uD83D\uDE00?\u20AC\u00FF\u0100".charAt(r.nextInt(6));
            default -> (char) r.nextInt(0x10000);
        };
    }

    private static char hexChar(SplittableRandom r) {
        int k = r.nextInt(20);
        if (k < 16) {
            return "0123456789abcdefABCDEF".charAt(r.nextInt(22));
        }
        return switch (k) {
            case 16 -> "gGzZ -x\n".charAt(r.nextInt(8));
            case 17 -> (char) (0x100 | "0123456789abcdef".charAt(r.nextInt(16))); // low byte is a digit
            case 18 -> (char) r.nextInt(0x100);
            default -> (char) r.nextInt(0x10000);
        };
    }

    private static char base64Char(SplittableRandom r) {
        int k = r.nextInt(40);
        if (k < 32) {
            return B64.charAt(r.nextInt(B64.length()));
        }
        return switch (k) {
            case 32, 33 -> " \n\r\t".charAt(r.nextInt(4));
            case 34 -> '=';
            case 35 -> "!#$%.*~\u00e9".charAt(r.nextInt(8));
            case 36 -> (char) (0x100 | B64.charAt(r.nextInt(B64.length()))); // low byte is a digit
            case 37 -> '\u013D'; // low byte '='
            case 38 -> (char) r.nextInt(0x100);
            default -> (char) r.nextInt(0x10000);
        };
    }
}
