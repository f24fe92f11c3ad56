package io.sluice.zlib;

import com.aayushatharva.brotli4j.decoder.DecoderJNI;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * Brotli decompression on brotli4j's JNI decoder: the fallback where libbrotli's own call cannot be
 * reached through FFM ({@link BrotliDecoderApi}; {@link BrotliFfmDecodeCodec} is the usual codec). One
 * {@code pull()} hands over everything the decoder has ready (at most its window, 16 MiB at lgwin 24),
 * so the output budget and {@code maxOutputLength} may be overrun by up to one such pull. Truncated
 * input at the finish operation is {@code Z_BUF_ERROR} "unexpected end of file", as in Node. Differences
 * from Node that brotli4j's wrapper imposes (it hides how much input a call consumed): bytes after the
 * end of the Brotli stream are ignored only when they come in a later write; in the same write they fail
 * the stream with {@code ERR_BROTLI_DECOMPRESSION_FAILED}, and {@code bytesWritten} counts whole writes.
 */
final class BrotliDecodeCodec extends Codec {
    private final DecoderJNI.Wrapper decoder;
    private final ByteBuffer input;
    private boolean done;
    /** The decoder last stopped because its output was full, not for want of input. */
    private boolean holding;

    BrotliDecodeCodec(int inputSize) {
        try {
            this.decoder = new DecoderJNI.Wrapper(inputSize);
        } catch (IOException e) {
            LIVE.decrementAndGet();
            throw new UncheckedIOException("Brotli decoder initialization failed", e);
        }
        this.input = decoder.getInputBuffer();
    }

    @Override
    boolean run(int flush, Output out) {
        while (true) {
            if (done) {
                inPos = inEnd;
                return false;
            }
            switch (decoder.getStatus()) {
                case DONE -> {
                    if (decoder.hasOutput()) {
                        out.write(decoder.pull());
                    } else {
                        done = true;
                    }
                }
                case NEEDS_MORE_OUTPUT -> {
                    if (out.exhausted()) {
                        return true;
                    }
                    out.write(decoder.pull());
                    holding = true;
                }
                case OK -> decoder.push(0);
                case NEEDS_MORE_INPUT -> {
                    if (decoder.hasOutput()) {
                        out.write(decoder.pull());
                    } else if (holding) {
                        // The decoder stopped for room, not for input: it may have taken in all the
                        // input and still have output to make from it, yet brotli4j reports
                        // NEEDS_MORE_INPUT after the pull. push(0) lets it go on. Without it a
                        // stream whose end expands past the window failed as "unexpected end of
                        // file", and a stream held its last output back until more input came.
                        holding = false;
                        decoder.push(0);
                    } else if (inPos < inEnd) {
                        int n = Math.min(input.capacity(), inEnd - inPos);
                        input.clear();
                        input.put(in, inPos, n);
                        inPos += n;
                        bytesRead += n;
                        decoder.push(n);
                    } else {
                        return endOfBrotliInput(flush);
                    }
                }
                default -> throw ZlibException.brotliDecode();
            }
        }
    }

    @Override
    void release() {
        decoder.destroy();
    }
}
