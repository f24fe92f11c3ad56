package io.sluice.buffer;

import java.util.Objects;

/**
 * Node's {@code string_decoder.StringDecoder}: decodes a byte stream chunk by chunk into text,
 * holding back the bytes of a character that a chunk boundary has split until the rest arrives,
 * so that the concatenated output equals decoding the whole stream at once.
 *
 * <p>What is held back between writes, exactly as Node 20 does it:
 * <ul>
 *   <li><b>utf8</b>: up to 3 bytes of a character whose lead byte announces more bytes than the
 *       chunk holds. A held character is finished as soon as its missing bytes arrive, or cut
 *       short by the first byte that is not a continuation byte; ill-formed bytes come out as
 *       U+FFFD at once (one per maximal subpart, WHATWG). At {@link #end()}, held bytes come
 *       out as U+FFFD (one for a truncated but so far valid character).
 *   <li><b>utf16le</b>: an odd trailing byte, or a trailing high surrogate (with what follows
 *       it). At {@link #end()}, a held high surrogate comes out raw and a dangling odd byte is
 *       dropped. As in Node, a high surrogate completed from a held odd byte is returned on its
 *       own and its low half with the next write; the concatenation is still right.
 *   <li><b>base64</b>, <b>base64url</b>: the last {@code length % 3} bytes, so every write
 *       yields whole 4-digit groups; at {@link #end()} the remainder is encoded (padded for
 *       base64, unpadded for base64url).
 *   <li><b>hex</b>, <b>latin1</b>, <b>ascii</b>: nothing; each write is decoded on its own.
 * </ul>
 *
 * <p>After {@link #end()} the decoder is empty and can be reused for a new stream.
 *
 * <p>Differences from Node: {@link #encoding()} returns the {@link Encoding} rather than its
 * name; Node's {@code write(string)} (which returns the string unchanged) has no counterpart,
 * and there are no undocumented {@code lastChar}/{@code lastNeed}/{@code lastTotal} fields.
 * Not thread-safe, like every decoder with state.
 */
public final class StringDecoder {
    private final Encoding encoding;
    /** Bytes of an unfinished character (utf8, utf16le) or 3-byte group (base64). */
    private final byte[] held = new byte[4];
    /** How many bytes of {@code held} are in use. */
    private int buffered;
    /** How many more bytes the held character or group needs; 0 when nothing is held. */
    private int missing;
    /** Scratch space to decode a finished held UTF-8 character with the chunk after it. */
    private byte[] joined;
    /** Scratch output of {@link #decodeUtf8}. */
    private char[] chars;

    /** A UTF-8 decoder, as Node's {@code new StringDecoder()}. */
    public StringDecoder() {
        this(Encoding.UTF8);
    }

    /**
     * A decoder for the encoding Node names {@code encoding} (case-insensitive, with Node's
     * aliases: {@code utf-8}, {@code ucs2}, {@code binary}, ...); null means UTF-8, as Node's
     * {@code undefined} does.
     *
     * @throws io.sluice.error.NodeTypeException {@code ERR_UNKNOWN_ENCODING} ("Unknown encoding:
     *     xyz") for any other name
     */
    public StringDecoder(String encoding) {
        this(Encoding.of(encoding));
    }

    /** A decoder for {@code encoding}; null means UTF-8. */
    public StringDecoder(Encoding encoding) {
        this.encoding = encoding == null ? Encoding.UTF8 : encoding;
    }

    /** The encoding this decoder decodes (Node's {@code decoder.encoding} is its name). */
    public Encoding encoding() {
        return encoding;
    }

    /**
     * Decodes the buffer's bytes, as Node's {@code decoder.write(buf)}; see
     * {@link #write(byte[], int, int)}.
     *
     * @throws NullPointerException if {@code buf} is null (Node: {@code ERR_INVALID_ARG_TYPE})
     */
    public String write(Buffer buf) {
        Objects.requireNonNull(buf, "buf");
        // Decode in place: write() never keeps a reference to its input beyond the held tail,
        // which it copies, so sharing the Buffer's array is safe and saves a copy per chunk.
        return write(buf.array(), buf.arrayOffset(), buf.length());
    }

    /** Decodes all of {@code src}; the same as {@code write(src, 0, src.length)}. */
    public String write(byte[] src) {
        return write(src, 0, src.length);
    }

    /**
     * Decodes {@code src[off, off + len)} after any bytes held from earlier writes, returning
     * only complete characters (for base64, complete groups) and holding back the rest (see the
     * class documentation). An empty range returns "" and changes nothing.
     *
     * @throws NullPointerException if {@code src} is null
     * @throws IndexOutOfBoundsException if the range is not within {@code src}
     */
    public String write(byte[] src, int off, int len) {
        Objects.checkFromIndexSize(off, len, src.length);
        return switch (encoding) {
            case HEX, LATIN1, ASCII -> encoding.decode(src, off, len);
            default -> writeHolding(src, off, len);
        };
    }

    /**
     * Flushes the decoder, as Node's {@code decoder.end()}: returns what the held bytes decode
     * to (see the class documentation), or "" if none are held, and resets the decoder so it
     * can be reused.
     */
    public String end() {
        if (buffered == 0) {
            return "";
        }
        if (encoding == Encoding.UTF16LE && (buffered & 1) == 1) {
            // Half a code unit can never be completed now: drop it, as Node does.
            buffered--;
        }
        String tail = buffered == 0 ? "" : encoding.decode(held, 0, buffered);
        buffered = 0;
        missing = 0;
        return tail;
    }

    /**
     * Node's {@code decoder.end(buf)}: {@code write(buf)} followed by {@link #end()}, the two
     * results concatenated.
     *
     * @throws NullPointerException if {@code buf} is null
     */
    public String end(Buffer buf) {
        return concat(write(buf), end());
    }

    /** {@code write(src, off, len)} followed by {@link #end()}, the results concatenated. */
    public String end(byte[] src, int off, int len) {
        return concat(write(src, off, len), end());
    }

    /** {@code write(src)} followed by {@link #end()}, the results concatenated. */
    public String end(byte[] src) {
        return end(src, 0, src.length);
    }

    // ---------------------------------------------------------------- utf8, utf16le, base64

    private String writeHolding(byte[] src, int off, int len) {
        String head = "";
        if (missing > 0) {
            int take = Math.min(len, missing);
            boolean cutShort = false;
            if (encoding == Encoding.UTF8) {
                // A byte that is not a continuation byte ends the held character early: what is
                // held so far is decoded (to U+FFFD) and that byte starts afresh below.
                for (int i = 0; i < take; i++) {
                    if ((src[off + i] & 0xC0) != 0x80) {
                        take = i;
                        cutShort = true;
                        break;
                    }
                }
            }
            System.arraycopy(src, off, held, buffered, take);
            buffered += take;
            missing = cutShort ? 0 : missing - take;
            off += take;
            len -= take;
            if (missing > 0) {
                // Still incomplete, so this chunk was used up: nothing to return yet.
                return "";
            }
            if (len == 0 || encoding != Encoding.UTF8) {
                head = encoding.decode(held, 0, buffered);
                buffered = 0;
                if (len == 0) {
                    return head;
                }
            } else {
                // UTF-8: decode the finished held character together with the body rather than
                // concatenating two strings. Same text: a held character is complete (lead plus
                // as many continuation bytes as it announces, so a WHATWG decoder is between
                // characters after it), or was cut short by a byte that is not a continuation
                // byte, which also ends it with one U+FFFD before that byte is read afresh.
                return writeUtf8AfterHeld(src, off, len);
            }
        }
        if (len == 0) {
            return "";
        }
        int hold = switch (encoding) {
            case UTF8 -> utf8Tail(src, off, len);
            case UTF16LE -> utf16Tail(src, off, len);
            default -> base64Tail(len);
        };
        if (hold > 0) {
            System.arraycopy(src, off + len - hold, held, 0, hold);
            buffered = hold;
            len -= hold;
        }
        String body = len == 0 ? "" : encoding == Encoding.UTF8 ? decodeUtf8(src, off, len) : encoding.decode(src, off, len);
        return concat(head, body);
    }

    /** {@code held[0, buffered)} is a finished UTF-8 character and {@code len > 0}. */
    private String writeUtf8AfterHeld(byte[] src, int off, int len) {
        int hold = utf8Tail(src, off, len);
        int bodyLen = len - hold;
        int total = buffered + bodyLen;
        if (joined == null || joined.length < total) {
            joined = new byte[Math.max(total, 1024)];
        }
        System.arraycopy(held, 0, joined, 0, buffered);
        System.arraycopy(src, off, joined, buffered, bodyLen);
        System.arraycopy(src, off + bodyLen, held, 0, hold);
        buffered = hold;
        return decodeUtf8(joined, 0, total);
    }

    /**
     * Decodes UTF-8 as {@link Utf8Codec#decode} does, but into this decoder's reusable
     * {@code chars}, so that only the result String is allocated: well-formed input through
     * {@link WellFormedUtf8}; anything else through {@link Utf8Codec#decode}, which applies
     * WHATWG's replacement rules.
     *
     * <p>Why the scratch: on 30 %-multibyte text in 1000-byte chunks, {@code new String(bytes,
     * UTF_8)} (a copy for a Latin-1 attempt, a UTF-16 array, then a trimmed copy) allocates
     * about 4.2 bytes per input byte, this path 2.27 (the result, ~1.4, plus the Latin-1 attempt
     * of {@code new String(char[])}, which the public API cannot skip), and this VM pays a page
     * fault for each fresh page until the heap has been cycled once (BASELINE.md). String
     * decoder benchmark, 7 passes, 2 GiB heap: this path 285 MB/s (median; 244-322) on a fresh
     * heap and 315 on a pre-touched one; {@code Utf8Codec.decode} 229 (191-328) and 324.
     */
    private String decodeUtf8(byte[] src, int off, int len) {
        int end = off + len;
        if (Utf8Codec.firstNonAscii(src, off, end) == end) {
            return Utf8Codec.decode(src, off, len);
        }
        if (chars == null || chars.length < len) {
            chars = new char[Math.max(len, 1024)];
        }
        int n = WellFormedUtf8.decode(src, off, end, chars);
        return n >= 0 ? new String(chars, 0, n) : Utf8Codec.decode(src, off, len);
    }

    /**
     * How many trailing bytes of a UTF-8 chunk begin a character that the chunk does not
     * finish, setting {@code missing} to the bytes still to come. Node's rule: walk back over
     * at most three continuation bytes to a lead byte ({@code 110xxxxx} for 2 bytes,
     * {@code 1110xxxx} for 3, {@code 11110xxx} for 4, even where such a lead is not valid UTF-8,
     * like C0 or F5); hold it with its continuations if they are fewer than it announces.
     * Otherwise (ASCII last, no lead byte within reach, or a lead byte like F8) hold nothing.
     */
    private int utf8Tail(byte[] src, int off, int len) {
        int end = off + len;
        if (src[end - 1] >= 0) {
            return 0;
        }
        int seen = 0;
        for (int i = end - 1; ; i--) {
            seen++;
            int b = src[i] & 0xFF;
            if ((b & 0xC0) == 0x80) {
                if (seen >= 4 || i == off) {
                    return 0;
                }
                continue;
            }
            int total;
            if ((b & 0xE0) == 0xC0) {
                total = 2;
            } else if ((b & 0xF0) == 0xE0) {
                total = 3;
            } else if ((b & 0xF8) == 0xF0) {
                total = 4;
            } else {
                return 0;
            }
            if (seen >= total) {
                return 0;
            }
            missing = total - seen;
            return seen;
        }
    }

    /** An odd trailing byte, or a final high surrogate, waits for the next chunk. */
    private int utf16Tail(byte[] src, int off, int len) {
        if ((len & 1) == 1) {
            missing = 1;
            return 1;
        }
        if ((src[off + len - 1] & 0xFC) == 0xD8) {
            missing = 2;
            return 2;
        }
        return 0;
    }

    /** base64 and base64url emit whole 3-byte groups only; the rest waits. */
    private int base64Tail(int len) {
        int hold = len % 3;
        missing = hold == 0 ? 0 : 3 - hold;
        return hold;
    }

    private static String concat(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a.concat(b);
    }
}
