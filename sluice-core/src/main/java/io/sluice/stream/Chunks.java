package io.sluice.stream;

import io.sluice.buffer.Buffer;
import java.util.ArrayDeque;

/**
 * Byte-mode chunk arithmetic for the readable buffer: lengths, slices and the joins that
 * {@code read(n)} performs (Node's {@code fromList}). Chunks are {@link Buffer}s, or Strings once
 * an encoding is set.
 */
final class Chunks {
    private Chunks() {}

    static int length(Object chunk) {
        if (chunk instanceof Buffer b) {
            return b.length();
        }
        if (chunk instanceof String s) {
            return s.length();
        }
        return 0;
    }

    /**
     * The chunk as a Buffer if byte mode accepts it: a Buffer itself, or a {@code byte[]} wrapped
     * without copying (as Node views a Uint8Array); null for any other type.
     */
    static Object asBuffer(Object chunk) {
        if (chunk instanceof Buffer) {
            return chunk;
        }
        if (chunk instanceof byte[] bytes) {
            return Buffer.wrap(bytes);
        }
        return null;
    }

    /** A view of a Buffer (shared memory, as Node's slice) or a substring. */
    static Object slice(Object chunk, int start, int end) {
        if (chunk instanceof Buffer b) {
            return b.subarray(start, end);
        }
        return ((String) chunk).substring(start, end);
    }

    /** Joins and removes every buffered Buffer; {@code total} is their combined length. */
    static Buffer concatAll(ArrayDeque<Object> buffer, long total) {
        Buffer ret = Buffer.allocUnsafe(total);
        int pos = 0;
        Buffer b;
        while ((b = (Buffer) buffer.pollFirst()) != null) {
            pos += b.copy(ret, pos);
        }
        return ret;
    }

    /** Removes exactly {@code n} bytes from the front; the caller knows there are more than that. */
    static Buffer takeBytes(ArrayDeque<Object> buffer, int n) {
        Buffer ret = Buffer.allocUnsafe(n);
        int pos = 0;
        while (pos < n) {
            Buffer data = (Buffer) buffer.pollFirst();
            int want = n - pos;
            if (want >= data.length()) {
                pos += data.copy(ret, pos);
            } else {
                data.copy(ret, pos, 0, want);
                buffer.addFirst(data.subarray(want, data.length()));
                pos = n;
            }
        }
        return ret;
    }

    /** Removes exactly {@code n} characters from the front of a string buffer. */
    static String takeChars(ArrayDeque<Object> buffer, int n) {
        StringBuilder sb = new StringBuilder(n);
        while (sb.length() < n) {
            String s = (String) buffer.pollFirst();
            int want = n - sb.length();
            if (want >= s.length()) {
                sb.append(s);
            } else {
                sb.append(s, 0, want);
                buffer.addFirst(s.substring(want));
            }
        }
        return sb.toString();
    }
}
