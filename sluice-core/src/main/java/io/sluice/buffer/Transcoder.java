package io.sluice.buffer;

import io.sluice.error.NodeException;

/**
 * Node's {@code buffer.transcode}, which goes through ICU rather than through Buffer's own codecs,
 * so its rules differ from {@code Buffer.from(buf.toString(from), to)}. Reproduced from Node 20:
 * <ul>
 *   <li>Only utf8, utf16le, latin1 and ascii are supported; anything else fails with
 *       {@code U_ILLEGAL_ARGUMENT_ERROR}.</li>
 *   <li>utf8 to utf16le is strict: any ill-formed input fails with {@code U_INVALID_CHAR_FOUND}.
 *       utf16le to utf8 is strict too: a lone surrogate fails, and so does a 1-byte input.</li>
 *   <li>latin1 or ascii to utf16le widens every byte (0xE9 becomes U+00E9, even from ascii).</li>
 *   <li>Every other pair decodes leniently (ill-formed utf8 as U+FFFD per maximal subpart, ascii
 *       bytes above 0x7F as U+FFFD, lone surrogates kept) and encodes each code point, writing
 *       {@code '?'} for one that latin1 or ascii cannot represent.</li>
 *   <li>utf16le to utf16le replaces a lone surrogate and an odd trailing byte with U+FFFD.</li>
 * </ul>
 */
final class Transcoder {
    private Transcoder() {}

    static byte[] transcode(byte[] src, int off, int len, Encoding from, Encoding to) {
        if (!supported(from) || !supported(to)) {
            throw failure("U_ILLEGAL_ARGUMENT_ERROR");
        }
        if (to == Encoding.UTF16LE) {
            return switch (from) {
                case UTF8 -> {
                    if (!TextChecks.isUtf8(src, off, len)) {
                        throw failure("U_INVALID_CHAR_FOUND");
                    }
                    yield Encoding.UTF16LE.encode(Encoding.UTF8.decode(src, off, len));
                }
                case UTF16LE -> utf16Repaired(src, off, len);
                default -> widen(src, off, len);
            };
        }
        if (from == Encoding.UTF16LE && to == Encoding.UTF8) {
            String s = Encoding.UTF16LE.decode(src, off, len);
            if (len == 1 || hasLoneSurrogate(s)) {
                throw failure("U_INVALID_CHAR_FOUND");
            }
            return Encoding.UTF8.encode(s);
        }
        String text = switch (from) {
            case ASCII -> asciiStrict(src, off, len);
            default -> from.decode(src, off, len);
        };
        return switch (to) {
            case UTF8 -> Encoding.UTF8.encode(text);
            case LATIN1 -> narrow(text, 0xFF);
            default -> narrow(text, 0x7F);
        };
    }

    private static boolean supported(Encoding e) {
        return e == Encoding.UTF8 || e == Encoding.UTF16LE || e == Encoding.LATIN1 || e == Encoding.ASCII;
    }

    /** Node's error for an ICU failure: an {@code Error} whose code is ICU's error name. */
    static NodeException failure(String icuCode) {
        return new NodeException(icuCode, "Unable to transcode Buffer [" + icuCode + "]");
    }

    private static byte[] widen(byte[] src, int off, int len) {
        byte[] out = new byte[len * 2];
        for (int i = 0; i < len; i++) {
            out[2 * i] = src[off + i];
        }
        return out;
    }

    /** ICU's US-ASCII decoder: bytes above 0x7F are illegal and become U+FFFD. */
    private static String asciiStrict(byte[] src, int off, int len) {
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            int b = src[off + i];
            sb.append(b >= 0 ? (char) b : '\uFFFD');
        }
        return sb.toString();
    }

    /** One byte per code point; {@code '?'} for a code point above {@code max}. */
    private static byte[] narrow(String s, int max) {
        byte[] out = new byte[s.length()];
        int j = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            out[j++] = (byte) (cp <= max ? cp : '?');
            i += Character.charCount(cp);
        }
        return j == out.length ? out : java.util.Arrays.copyOf(out, j);
    }

    private static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** utf16le to utf16le through ICU: lone surrogates and an odd last byte become U+FFFD. */
    private static byte[] utf16Repaired(byte[] src, int off, int len) {
        StringBuilder sb = new StringBuilder(Encoding.UTF16LE.decode(src, off, len));
        for (int i = 0; i < sb.length(); i++) {
            char c = sb.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < sb.length() && Character.isLowSurrogate(sb.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                sb.setCharAt(i, '\uFFFD');
            }
        }
        if ((len & 1) != 0) {
            sb.append('\uFFFD');
        }
        return Encoding.UTF16LE.encode(sb);
    }
}
