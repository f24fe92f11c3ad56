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
     * base64url, where, as in Node, it is estimated from the length and padding
     * ({@code (len * 3) >>> 2} less one per trailing {@code '='}), and can over-count when the
     * text holds whitespace or junk.
     */
    public int byteLength(CharSequence s) {
        throw new UnsupportedOperationException("codec pending");
    }

    /**
     * Encodes {@code s} into {@code dst[off, off + maxLength)}, as Node's {@code buf.write}:
     * stops before a character whose bytes do not all fit, so no partial character is written.
     *
     * @return the number of bytes written
     */
    public int encode(CharSequence s, byte[] dst, int off, int maxLength) {
        throw new UnsupportedOperationException("codec pending");
    }

    /** The bytes of {@code s} in this encoding, exactly as {@code Buffer.from(s, enc)} holds them. */
    public byte[] encode(CharSequence s) {
        throw new UnsupportedOperationException("codec pending");
    }

    /** Decodes {@code src[off, off + length)} as Node's {@code buf.toString(enc)} does. */
    public String decode(byte[] src, int off, int length) {
        throw new UnsupportedOperationException("codec pending");
    }
}
