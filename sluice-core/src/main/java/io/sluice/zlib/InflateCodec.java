package io.sluice.zlib;

import java.util.zip.Inflater;

/**
 * Decompression of zlib-wrapped (INFLATE) or raw (INFLATERAW) deflate on {@link Inflater}. The JDK's
 * {@code DataFormatException} carries zlib's own message ("invalid stored block lengths", "incorrect
 * header check", "incorrect data check", ...), reported as Node does: {@code Z_DATA_ERROR}, errno -3.
 *
 * <p>As in Node, bytes after the end of the deflate stream are ignored (Node also ends the readable
 * side early when they arrive in the same chunk; Sluice ends it at the normal time).
 */
final class InflateCodec extends Codec {
    private final Inflater inflater;
    private final byte[] dictionary;
    private boolean done;
    private boolean fresh;

    InflateCodec(boolean raw, byte[] dictionary) {
        this.inflater = new Inflater(raw);
        this.dictionary = dictionary;
        if (raw && dictionary != null) {
            // A raw stream never asks for its dictionary: zlib wants it set up front (Node does so too).
            inflater.setDictionary(dictionary);
        }
    }

    @Override
    void onInput() {
        fresh = true;
    }

    @Override
    boolean run(int flush, Output out) {
        if (done) {
            inPos = inEnd;
            return false;
        }
        if (fresh) {
            fresh = false;
            inflater.setInput(in, inPos, inEnd - inPos);
        }
        while (true) {
            int room = out.room();
            if (room == 0) {
                return true;
            }
            int n = inflate(inflater, out, room);
            out.advance(n);
            if (inflater.finished()) {
                done = true;
                inPos = inEnd;
                return false;
            }
            if (inflater.needsDictionary()) {
                if (dictionary == null) {
                    throw ZlibException.needDictionary("Missing dictionary");
                }
                try {
                    inflater.setDictionary(dictionary);
                } catch (IllegalArgumentException e) {
                    throw ZlibException.needDictionary("Bad dictionary");
                }
                continue;
            }
            if (n == 0 && inflater.needsInput()) {
                return endOfInput(flush);
            }
        }
    }

    @Override
    void release() {
        inflater.end();
    }
}
