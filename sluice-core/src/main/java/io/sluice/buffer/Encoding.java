package io.sluice.buffer;

import io.sluice.error.Errors;
import java.util.Locale;

/**
 * Node's character encodings for converting between strings and bytes, with Node's exact results
 * (NODE-SEMANTICS §1.6): UTF-8 with WHATWG replacement, lone surrogates as {@code EF BF BD},
 * latin1 keeping the low byte of each UTF-16 unit, lenient base64 of both alphabets, hex stopping
 * at the first bad pair.
 *
 * <p>Every Sluice method that takes an encoding name also takes this enum. Names are looked up by
 * {@link #of(String)} case-insensitively with Node's aliases.
 */
public enum Encoding {
    UTF8("utf8"),
    UTF16LE("utf16le"),
    LATIN1("latin1"),
    ASCII("ascii"),
    BASE64("base64"),
    BASE64URL("base64url"),
    HEX("hex");

    private final String nodeName;

    Encoding(String nodeName) {
        this.nodeName = nodeName;
    }

    /** Node's canonical name: {@code "utf8"}, {@code "utf16le"}, {@code "latin1"}, ... */
    public String nodeName() {
        return nodeName;
    }

    @Override
    public String toString() {
        return nodeName;
    }

    /**
     * The encoding Node names {@code name}, case-insensitively: {@code utf8}/{@code utf-8},
     * {@code utf16le}/{@code utf-16le}/{@code ucs2}/{@code ucs-2}, {@code latin1}/{@code binary},
     * {@code ascii}, {@code base64}, {@code base64url}, {@code hex}. A null name means the default,
     * UTF-8, as Node's {@code undefined} does.
     *
     * @throws io.sluice.error.NodeTypeException {@code ERR_UNKNOWN_ENCODING} for any other name
     *     (including {@code "buffer"}, which is not an encoding)
     */
    public static Encoding of(String name) {
        if (name == null) {
            return UTF8;
        }
        Encoding e = lookup(name);
        if (e == null) {
            throw Errors.unknownEncoding(name);
        }
        return e;
    }

    /** Whether Node's {@code Buffer.isEncoding(name)} is true; false for null and {@code "buffer"}. */
    public static boolean isEncoding(String name) {
        return name != null && lookup(name) != null;
    }

    private static Encoding lookup(String name) {
        // Fast path for the spellings streams pass on every chunk, before lower-casing.
        switch (name) {
            case "utf8", "utf-8": return UTF8;
            case "hex": return HEX;
            case "base64": return BASE64;
            case "latin1", "binary": return LATIN1;
            default: break;
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "utf8", "utf-8" -> UTF8;
            case "utf16le", "utf-16le", "ucs2", "ucs-2" -> UTF16LE;
            case "latin1", "binary" -> LATIN1;
            case "ascii" -> ASCII;
            case "base64" -> BASE64;
            case "base64url" -> BASE64URL;
            case "hex" -> HEX;
            default -> null;
        };
    }

    /**
     * Node's {@code Buffer.byteLength(s, encoding)}: exact for every encoding but base64 and
     * base64url, where, as in Node, it is estimated from the length and padding: up to two
     * trailing {@code '='} are dropped from the length, which is then multiplied by 3/4 and
     * rounded down. The estimate over-counts when the text holds whitespace or junk, and is never
     * less than what {@link #encode(CharSequence)} produces.
     *
     * <ul>
     *   <li>utf8: 1 to 3 bytes per code unit, 4 per surrogate pair, 3 per unpaired surrogate;
     *   <li>utf16le: 2 per code unit; latin1, ascii: 1 per code unit;
     *   <li>hex: {@code length >>> 1}, whether or not the digits are valid.
     * </ul>
     *
     * @throws NullPointerException if {@code s} is null
     * @throws ArithmeticException if the count does not fit an {@code int} (Node cannot hold such
     *     strings at all)
     */
    public int byteLength(CharSequence s) {
        return switch (this) {
            case UTF8 -> Utf8Codec.byteLength(s.toString());
            case UTF16LE -> Math.multiplyExact(s.length(), 2);
            case LATIN1, ASCII -> s.length();
            case HEX -> HexCodec.byteLength(s);
            case BASE64, BASE64URL -> Base64Codec.byteLength(s);
        };
    }

    /**
     * Encodes {@code s} into {@code dst[off, off + maxLength)}, as Node's {@code buf.write}:
     * stops before a character whose bytes do not all fit, so no partial character is written.
     * A "character" is a code point (or unpaired surrogate) for utf8, a code unit for utf16le,
     * latin1 and ascii, and one decoded byte for hex and base64. Text that is not valid hex or
     * base64 is handled as in Node (see the class documentation).
     *
     * @return the number of bytes written, {@code 0..maxLength}
     * @throws NullPointerException if {@code s} or {@code dst} is null
     * @throws IndexOutOfBoundsException if {@code off} or {@code maxLength} is negative or
     *     {@code off + maxLength > dst.length} (Node clamps or throws {@code ERR_OUT_OF_RANGE}
     *     one level up, in {@code Buffer.write})
     */
    public int encode(CharSequence s, byte[] dst, int off, int maxLength) {
        java.util.Objects.requireNonNull(s, "s");
        java.util.Objects.checkFromIndexSize(off, maxLength, dst.length);
        if (maxLength == 0 || s.isEmpty()) {
            return 0;
        }
        return switch (this) {
            case UTF8 -> Utf8Codec.encodeInto(s, dst, off, maxLength);
            case UTF16LE -> Utf16leCodec.encode(s, dst, off, maxLength);
            case LATIN1, ASCII -> Latin1Codec.encode(s, dst, off, maxLength);
            case HEX -> HexCodec.encode(s, dst, off, maxLength);
            case BASE64, BASE64URL -> Base64Codec.decodeText(s, dst, off, maxLength);
        };
    }

    /**
     * The bytes of {@code s} in this encoding, exactly as {@code Buffer.from(s, enc)} holds them
     * (for hex and base64, the decoded bytes of the text, with Node's leniency).
     *
     * @throws NullPointerException if {@code s} is null
     */
    public byte[] encode(CharSequence s) {
        if (s.isEmpty()) {
            return new byte[0];
        }
        if (this == UTF8) {
            return Utf8Codec.encode(s.toString());
        }
        // Every other encoding's byteLength is exact or (hex, base64) an upper bound.
        byte[] out = new byte[byteLength(s)];
        int n = encode(s, out, 0, out.length);
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    /**
     * Decodes {@code src[off, off + length)} as Node's {@code buf.toString(enc)} does: utf8 with
     * one U+FFFD per maximal ill-formed subpart, utf16le dropping an odd trailing byte, latin1
     * byte for char, ascii with the high bit cleared, hex in lowercase, base64 padded and
     * base64url unpadded.
     *
     * <p>Unlike Node, which throws {@code ERR_STRING_TOO_LONG} past V8's string limit
     * (about 2^29 chars), the only limit is Java's (about 2^31 chars).
     *
     * @throws NullPointerException if {@code src} is null
     * @throws IndexOutOfBoundsException if the range is not within {@code src}
     */
    public String decode(byte[] src, int off, int length) {
        java.util.Objects.checkFromIndexSize(off, length, src.length);
        if (length == 0) {
            return "";
        }
        return switch (this) {
            case UTF8 -> Utf8Codec.decode(src, off, length);
            case UTF16LE -> Utf16leCodec.decode(src, off, length);
            case LATIN1 -> Latin1Codec.decodeLatin1(src, off, length);
            case ASCII -> Latin1Codec.decodeAscii(src, off, length);
            case HEX -> HexCodec.decode(src, off, length);
            case BASE64 -> Base64Codec.encode(src, off, length, false);
            case BASE64URL -> Base64Codec.encode(src, off, length, true);
        };
    }

    /**
     * Decodes all of {@code src}; the same as {@code decode(src, 0, src.length)}.
     *
     * @throws NullPointerException if {@code src} is null
     */
    public String decode(byte[] src) {
        return decode(src, 0, src.length);
    }
}
