package io.sluice.zlib;

import com.aayushatharva.brotli4j.encoder.Encoder;
import com.aayushatharva.brotli4j.encoder.EncoderJNI;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * Brotli compression on brotli4j's streaming encoder. Only quality, window (lgwin) and mode reach the
 * encoder: brotli4j exposes no other parameter, so LGBLOCK, SIZE_HINT, LARGE_WINDOW, NPOSTFIX, NDIRECT
 * and DISABLE_LITERAL_CONTEXT_MODELING are validated and ignored (the output is still valid Brotli).
 * Brotli operations are the flush kinds: PROCESS, FLUSH, FINISH; EMIT_METADATA is treated as PROCESS.
 */
final class BrotliEncodeCodec extends Codec {
    private final EncoderJNI.Wrapper encoder;
    private final ByteBuffer input;
    private boolean opPushed;
    private boolean done;
    /**
     * The operation the input still inside the encoder was pushed with. Brotli requires the same
     * operation until that input is consumed: a piece pushed with PROCESS and continued with the
     * run's FINISH ended the stream early (the fast qualities leave input behind), and the next piece
     * was refused ("Compression failed").
     */
    private EncoderJNI.Operation pendingOp = EncoderJNI.Operation.PROCESS;

    BrotliEncodeCodec(int quality, int lgwin, int mode, int inputSize) {
        Encoder.Mode m = switch (mode) {
            case ZlibConstants.BROTLI_MODE_TEXT -> Encoder.Mode.TEXT;
            case ZlibConstants.BROTLI_MODE_FONT -> Encoder.Mode.FONT;
            default -> Encoder.Mode.GENERIC;
        };
        try {
            this.encoder = new EncoderJNI.Wrapper(inputSize, quality, lgwin, m);
        } catch (IOException e) {
            LIVE.decrementAndGet();
            throw new UncheckedIOException("Brotli encoder initialization failed", e);
        }
        this.input = encoder.getInputBuffer();
    }

    @Override
    void onInput() {
        opPushed = false;
    }

    @Override
    boolean cheap() {
        return false; // one push at quality 11 can take milliseconds
    }

    @Override
    boolean run(int flush, Output out) {
        if (done) {
            inPos = inEnd;
            return false;
        }
        EncoderJNI.Operation op = switch (flush) {
            case ZlibConstants.BROTLI_OPERATION_FLUSH -> EncoderJNI.Operation.FLUSH;
            case ZlibConstants.BROTLI_OPERATION_FINISH -> EncoderJNI.Operation.FINISH;
            default -> EncoderJNI.Operation.PROCESS;
        };
        while (true) {
            if (!encoder.isSuccess()) {
                throw ZlibException.brotliEncode();
            }
            if (encoder.hasMoreOutput()) {
                out.write(encoder.pull());
                if (out.exhausted()) {
                    return true;
                }
            } else if (encoder.hasRemainingInput()) {
                encoder.push(pendingOp, 0);
            } else if (inPos < inEnd) {
                int n = Math.min(input.capacity(), inEnd - inPos);
                input.clear();
                input.put(in, inPos, n);
                inPos += n;
                bytesRead += n;
                boolean last = inPos == inEnd;
                pendingOp = last ? op : EncoderJNI.Operation.PROCESS;
                encoder.push(pendingOp, n);
                opPushed = last;
            } else if (op != EncoderJNI.Operation.PROCESS && !opPushed) {
                pendingOp = op;
                encoder.push(op, 0);
                opPushed = true;
            } else if (op == EncoderJNI.Operation.FINISH && !encoder.isFinished()) {
                pendingOp = op;
                encoder.push(op, 0);
            } else {
                if (op == EncoderJNI.Operation.FINISH) {
                    done = true;
                }
                return false;
            }
        }
    }

    @Override
    void release() {
        encoder.destroy();
    }
}
