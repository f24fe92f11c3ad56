package io.sluice.stream;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.Encoding;
import io.sluice.error.ErrorCodes;
import io.sluice.error.Errors;
import io.sluice.error.NodeRangeException;
import io.sluice.error.NodeTypeException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Node's {@code stream/consumers} module: each function reads a stream to its end, as
 * {@code for await (const chunk of stream)} does, and completes its future with everything it
 * read, as a String ({@link #text}), a parsed value ({@link #json}), a {@link Buffer}
 * ({@link #buffer}) or a {@code byte[]} ({@link #bytes}).
 *
 * <h2>Rules (Node's for-await, shared with the other terminal helpers)</h2>
 * <ol>
 *   <li>Must be called on the stream's event loop thread; the future completes on that thread.</li>
 *   <li>A stream that fails fails the future with the same error, after the chunks buffered
 *       before the error have been read. A stream destroyed before its end without an error
 *       fails it with {@code ERR_STREAM_PREMATURE_CLOSE} ("Premature close").</li>
 *   <li>When the consumer stops early (a chunk it cannot use, a parser error), the stream is
 *       destroyed with an AbortError ({@code 'error'} then {@code 'close'}), as leaving a
 *       for-await loop does.</li>
 *   <li>Chunks: a {@link Buffer} or {@code byte[]} contributes its bytes, a {@link ByteBuffer}
 *       its remaining bytes (its position is not moved), a {@code short[]}, {@code int[]},
 *       {@code long[]}, {@code float[]} or {@code double[]} the bytes of its elements in
 *       little-endian order (Node's TypedArray on x86, see {@link Buffer#copyBytesFrom(short[])}),
 *       and a String its characters ({@link #text}) or UTF-8 bytes ({@link #buffer}). Any other
 *       object fails the future with TypeError {@code ERR_INVALID_ARG_TYPE}.</li>
 * </ol>
 *
 * <p>Differences from Node: {@code arrayBuffer} is {@link #bytes} (Node 22 also names it
 * {@code bytes}); {@code blob} has no Java counterpart, {@link #bytes} gives the same bytes;
 * {@link #json} takes the parser as an argument because the JDK has none; Node's {@code buffer}
 * and {@code arrayBuffer} turn other objects into their JavaScript string
 * ({@code "[object Object]"}, {@code "1"}), which Java's {@code toString} cannot reproduce, so
 * here they fail with {@code ERR_INVALID_ARG_TYPE} like {@code text} does; only
 * {@link io.sluice.stream.Readable}s (and the other library streams) are accepted, not any async
 * iterable or web stream.
 */
public final class Consumers {
    private Consumers() {}

    /** Node's TextDecoder wording for a chunk that is not bytes ({@code text}, {@code json}). */
    static final String NOT_BYTES =
            "The \"input\" argument must be an instance of SharedArrayBuffer, ArrayBuffer or ArrayBufferView.";

    /**
     * Node's {@code consumers.text(stream)}: the chunks decoded as one UTF-8 text, as a streaming
     * {@code TextDecoder} decodes them. A character split across chunks decodes whole; each ill-formed
     * sequence becomes U+FFFD (one per maximal subpart); a sequence still incomplete at the end
     * becomes one U+FFFD; a byte-order mark (EF BB BF) that is the first thing decoded is dropped.
     * String chunks (a stream with {@code setEncoding}, or objectMode) are appended as they are,
     * without disturbing a character the decoder is holding: bytes E2, then "abc", then 82 AC
     * give "abc€", exactly as in Node.
     *
     * <p>Unlike Node, whose strings stop at V8's limit (about 2^29 characters,
     * {@code ERR_STRING_TOO_LONG}), the only limit is Java's.
     *
     * @return a future completed with the text, or failed: with the stream's error; with
     *     {@code ERR_STREAM_PREMATURE_CLOSE}; with TypeError {@code ERR_INVALID_ARG_TYPE} ("The
     *     "input" argument must be an instance of SharedArrayBuffer, ArrayBuffer or
     *     ArrayBufferView.", Node's text) for a chunk that is neither a String nor bytes
     * @throws NodeTypeException {@code ERR_INVALID_ARG_TYPE} if {@code stream} is null or not
     *     a Readable of this library
     * @throws IllegalStateException off the stream's event loop thread
     */
    public static CompletableFuture<String> text(ReadableStream<?> stream) {
        checkSource(stream, "consumers.text()");
        TextSink sink = new TextSink();
        return Consume.run(stream, sink::accept, sink::finish);
    }

    /**
     * Node's {@code consumers.json(stream)}: {@link #text} of the stream, given to
     * {@code parser}. The JDK has no JSON parser, so the caller brings one: for example Jackson 3's
     * {@code mapper::readTree} (Jackson 2's {@code readTree} throws a checked exception, so wrap
     * it in a lambda). The parser runs on the loop thread once the stream has ended.
     *
     * @return a future completed with the parser's result (which may be null), or failed: as
     *     {@link #text} fails, or with the exception the parser throws (as it is, not wrapped)
     * @throws NodeTypeException {@code ERR_INVALID_ARG_TYPE} if {@code stream} is not a Readable
     *     of this library, or {@code parser} is null
     * @throws IllegalStateException off the stream's event loop thread
     */
    public static <T> CompletableFuture<T> json(ReadableStream<?> stream, Function<String, T> parser) {
        checkSource(stream, "consumers.json()");
        if (parser == null) {
            throw Errors.invalidArgType("parser", "of type function", null);
        }
        TextSink sink = new TextSink();
        // Parsing inside Consume's end step, rather than in a thenApply, fails the future with
        // the parser's own exception instead of a CompletionException around it.
        return Consume.run(stream, sink::accept, () -> parser.apply(sink.finish()));
    }

    /**
     * Node's {@code consumers.buffer(stream)}: every chunk's bytes in order, in one new Buffer
     * (String chunks as UTF-8, a lone surrogate as EF BF BD). The chunks are copied when the
     * stream ends, as Node's Blob copies them; a producer must not change a chunk after pushing
     * it (Node's rule too).
     *
     * @return a future completed with the Buffer, or failed: with the stream's error; with
     *     {@code ERR_STREAM_PREMATURE_CLOSE}; with TypeError {@code ERR_INVALID_ARG_TYPE} for a
     *     chunk that is neither a String nor bytes (Node converts it to its string instead: see
     *     the class documentation); with RangeError {@code ERR_BUFFER_TOO_LARGE} as soon as the
     *     total passes {@link Buffer#MAX_LENGTH} (the stream is then destroyed)
     * @throws NodeTypeException {@code ERR_INVALID_ARG_TYPE} if {@code stream} is not a Readable
     *     of this library
     * @throws IllegalStateException off the stream's event loop thread
     */
    public static CompletableFuture<Buffer> buffer(ReadableStream<?> stream) {
        checkSource(stream, "consumers.buffer()");
        ByteSink sink = new ByteSink();
        return Consume.run(stream, sink::accept, () -> Buffer.wrap(sink.finish()));
    }

    /**
     * Node's {@code consumers.arrayBuffer(stream)} (and Node 22's {@code bytes}): the same bytes
     * as {@link #buffer}, in a new array owned by the caller. Node's {@code blob(stream)} has no
     * Java counterpart; this gives its contents.
     *
     * @return a future completed with the bytes, or failed as {@link #buffer} fails
     * @throws NodeTypeException {@code ERR_INVALID_ARG_TYPE} if {@code stream} is not a Readable
     *     of this library
     * @throws IllegalStateException off the stream's event loop thread
     */
    public static CompletableFuture<byte[]> bytes(ReadableStream<?> stream) {
        checkSource(stream, "consumers.bytes()");
        ByteSink sink = new ByteSink();
        return Consume.run(stream, sink::accept, sink::finish);
    }

    private static void checkSource(ReadableStream<?> stream, String operation) {
        Stream s = StreamErrors.requireStream(stream, "stream", "Readable");
        if (s.r == null) {
            throw Errors.invalidArgType("stream", "an instance of Readable", stream);
        }
        s.checkThread(operation);
    }

    /**
     * The bytes of a chunk that is bytes in any Java shape, or null for anything else. A Buffer
     * is returned as it is (no copy); the primitive arrays become little-endian bytes.
     */
    static Buffer bytesOf(Object chunk) {
        if (Chunks.asBuffer(chunk) instanceof Buffer b) {
            return b; // a Buffer or byte[], as a stream in byte mode takes them
        }
        return switch (chunk) {
            case ByteBuffer bb -> Buffer.from(bb);
            case short[] a -> Buffer.copyBytesFrom(a);
            case int[] a -> Buffer.copyBytesFrom(a);
            case long[] a -> Buffer.copyBytesFrom(a);
            case float[] a -> Buffer.copyBytesFrom(a);
            case double[] a -> Buffer.copyBytesFrom(a);
            default -> null;
        };
    }

    /**
     * Node's {@code text()} loop body: a streaming TextDecoder (utf-8, fatal false, BOM removed)
     * plus string appends.
     *
     * <p>Neither ready-made decoder gives TextDecoder's output. {@link io.sluice.buffer.StringDecoder}
     * (like Node's string_decoder) holds E0 9F until a third byte arrives, where TextDecoder
     * reports the ill-formed sequence as soon as its bytes show it; the concatenated text is the
     * same, but a string chunk arriving in between lands on the other side of the U+FFFDs. The
     * JDK's CharsetDecoder reports early but replaces ED A0 80 (an encoded surrogate) with one
     * U+FFFD where WHATWG gives three. So the chunk is split where TextDecoder would hold bytes:
     * the body goes through {@link Encoding#UTF8}'s whole-input decoder (WHATWG replacement, as
     * Node's {@code buf.toString()}), and the at most 3 bytes of a character cut short go
     * through WHATWG's byte-at-a-time UTF-8 decoder, kept across chunks. Decoding the body on its
     * own is exact because TextDecoder's state at the split is empty either way: a sequence
     * left unfinished before a lead byte is an error there too.
     */
    private static final class TextSink {
        private final StringBuilder text = new StringBuilder();
        /** TextDecoder's "BOM seen": set by the first character the decoder produces. */
        private boolean bomSeen;
        // WHATWG's UTF-8 decoder state for a held character: bytes needed (0: none held), bytes
        // seen, the code point so far, and the range the next byte must fall in.
        private int needed;
        private int seen;
        private int codePoint;
        private int lower = 0x80;
        private int upper = 0xBF;

        Object accept(Object chunk) {
            if (chunk instanceof String s) {
                // Node appends strings past the decoder: a character it holds stays held.
                text.append(s);
                return null;
            }
            Buffer b = bytesOf(chunk);
            if (b == null) {
                throw new NodeTypeException(ErrorCodes.ERR_INVALID_ARG_TYPE, NOT_BYTES);
            }
            ByteBuffer view = b.asByteBuffer(); // a heap view: its array is the chunk's memory
            write(view.array(), view.arrayOffset(), view.arrayOffset() + b.length());
            return null;
        }

        private void write(byte[] a, int from, int to) {
            int i = from;
            while (needed != 0 && i < to) {
                if (continueHeld(a[i] & 0xFF)) {
                    i++;
                } // else: U+FFFD emitted and the byte is read again with nothing held
            }
            if (needed != 0) {
                return; // the chunk ended inside the held character
            }
            int split = heldSuffix(a, i, to);
            if (split > i) {
                emit(Encoding.UTF8.decode(a, i, split - i));
            }
            if (split < to) {
                startHeld(a[split] & 0xFF);
                for (int k = split + 1; k < to; k++) {
                    continueHeld(a[k] & 0xFF); // never fails: heldSuffix checked the bytes
                }
            }
        }

        /**
         * Where {@code a[from, to)} ends with the start of a character that is well-formed so far
         * but unfinished (which TextDecoder holds), or {@code to} if it does not.
         */
        private static int heldSuffix(byte[] a, int from, int to) {
            for (int j = to - 1; j >= Math.max(from, to - 3); j--) {
                int b = a[j] & 0xFF;
                if (b >= 0x80 && b <= 0xBF) {
                    continue; // a continuation byte: look for its lead
                }
                int need = b >= 0xC2 && b <= 0xDF ? 1 : b >= 0xE0 && b <= 0xEF ? 2 : b >= 0xF0 && b <= 0xF4 ? 3 : 0;
                if (need == 0 || to - j > need) {
                    return to; // not a lead byte, or its character is complete
                }
                if (to - j >= 2) {
                    int second = a[j + 1] & 0xFF;
                    if (second < lowerBound(b) || second > upperBound(b)) {
                        return to; // ill-formed already: the whole-input decoder replaces it
                    }
                }
                return j;
            }
            return to;
        }

        /** WHATWG's lower bound for the byte after lead {@code b}: no overlong forms. */
        private static int lowerBound(int b) {
            return b == 0xE0 ? 0xA0 : b == 0xF0 ? 0x90 : 0x80;
        }

        /** WHATWG's upper bound for the byte after lead {@code b}: no surrogates, nothing past U+10FFFF. */
        private static int upperBound(int b) {
            return b == 0xED ? 0x9F : b == 0xF4 ? 0x8F : 0xBF;
        }

        private void startHeld(int b) {
            needed = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : 1;
            codePoint = b & (needed == 3 ? 0x07 : needed == 2 ? 0x0F : 0x1F);
            seen = 0;
            lower = lowerBound(b);
            upper = upperBound(b);
        }

        /**
         * WHATWG's step for a byte while a character is held: false (after emitting U+FFFD and
         * dropping the held bytes) if {@code b} cannot continue it, true if it was consumed.
         */
        private boolean continueHeld(int b) {
            if (b < lower || b > upper) {
                resetHeld();
                emit(0xFFFD);
                return false;
            }
            lower = 0x80;
            upper = 0xBF;
            codePoint = (codePoint << 6) | (b & 0x3F);
            if (++seen == needed) {
                int cp = codePoint;
                resetHeld();
                emit(cp);
            }
            return true;
        }

        private void resetHeld() {
            needed = 0;
            seen = 0;
            codePoint = 0;
            lower = 0x80;
            upper = 0xBF;
        }

        /** Appends decoded text, dropping a BOM that is the very first decoded character. */
        private void emit(String s) {
            if (s.isEmpty()) {
                return;
            }
            int from = 0;
            if (!bomSeen) {
                bomSeen = true;
                if (s.charAt(0) == '\uFEFF') {
                    from = 1;
                }
            }
            text.append(s, from, s.length());
        }

        private void emit(int cp) {
            if (!bomSeen) {
                bomSeen = true;
                if (cp == 0xFEFF) {
                    return;
                }
            }
            text.appendCodePoint(cp);
        }

        String finish() {
            if (needed != 0) {
                // The end of the stream inside a character: one U+FFFD, as TextDecoder's flush.
                resetHeld();
                emit(0xFFFD);
            }
            return text.toString();
        }
    }

    /** Node's {@code blob()} loop body: collects the chunks' bytes, copied once at the end. */
    private static final class ByteSink {
        private final List<Buffer> parts = new ArrayList<>();
        private long total;

        Object accept(Object chunk) {
            Buffer b = chunk instanceof String s ? Buffer.from(s) : bytesOf(chunk);
            if (b == null) {
                throw Errors.invalidArgType("chunk",
                        "of type string or an instance of Buffer, byte[], ByteBuffer or a primitive array", chunk);
            }
            total += b.length();
            if (total > Buffer.MAX_LENGTH) {
                // Fail while reading rather than after buffering gigabytes that can never fit.
                throw new NodeRangeException(ErrorCodes.ERR_BUFFER_TOO_LARGE,
                        "Cannot create a Buffer larger than " + Buffer.MAX_LENGTH + " bytes");
            }
            if (b.length() > 0) {
                parts.add(b);
            }
            return null;
        }

        byte[] finish() {
            byte[] out = new byte[(int) total];
            int pos = 0;
            for (Buffer b : parts) {
                int n = b.length();
                b.asByteBuffer().get(0, out, pos, n);
                pos += n;
            }
            parts.clear();
            return out;
        }
    }
}
