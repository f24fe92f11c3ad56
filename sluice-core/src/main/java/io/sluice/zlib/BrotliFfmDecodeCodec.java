package io.sluice.zlib;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Brotli decompression on libbrotli's own streaming call ({@link BrotliDecoderApi}), as Node's zlib
 * binding makes it: input and output in native buffers of {@value #BUFFER} bytes, each call told how
 * much room it has. So, as in Node: the decoder reports how much input it consumed, bytes after the end
 * of the Brotli stream are ignored (not counted in {@code bytesWritten}), and output never overruns
 * the budget ({@code maxOutputLength} is exact). Truncated input at the finish operation is
 * {@code Z_BUF_ERROR} "unexpected end of file"; corrupt input {@code ERR_BROTLI_DECOMPRESSION_FAILED}.
 *
 * <p>One job at a time, but successive jobs may run on different threads (the stream's helpers), hence
 * a shared arena; it is closed, and the decoder destroyed, in {@link #release}.
 */
final class BrotliFfmDecodeCodec extends Codec {
    /** Native input and output buffer size: the same 64 KiB pieces as the JNI codec pushes. */
    static final int BUFFER = 64 * 1024;

    private final Arena arena = Arena.ofShared();
    private final MemorySegment state;
    private final MemorySegment inBuf;
    private final MemorySegment outBuf;
    /** {@code size_t available_in}, {@code const uint8_t* next_in}, and the same for output. */
    private final MemorySegment availableIn;
    private final MemorySegment nextIn;
    private final MemorySegment availableOut;
    private final MemorySegment nextOut;
    /** Bytes copied into {@link #inBuf} and not yet consumed by the decoder. */
    private long pending;
    private boolean done;

    BrotliFfmDecodeCodec() {
        try {
            inBuf = arena.allocate(BUFFER);
            outBuf = arena.allocate(BUFFER);
            availableIn = arena.allocate(JAVA_LONG);
            nextIn = arena.allocate(ADDRESS);
            availableOut = arena.allocate(JAVA_LONG);
            nextOut = arena.allocate(ADDRESS);
            state = BrotliDecoderApi.create();
        } catch (RuntimeException | Error e) {
            arena.close();
            LIVE.decrementAndGet();
            throw e;
        }
    }

    @Override
    boolean run(int flush, Output out) {
        while (true) {
            if (done) {
                inPos = inEnd; // after the end of the stream everything is ignored, as in Node
                return false;
            }
            if (pending == 0 && inPos < inEnd) {
                int n = Math.min(BUFFER, inEnd - inPos);
                MemorySegment.copy(in, inPos, inBuf, JAVA_BYTE, 0, n);
                inPos += n;
                pending = n;
                availableIn.set(JAVA_LONG, 0, n);
                nextIn.set(ADDRESS, 0, inBuf);
            }
            int room = out.room();
            if (room == 0) {
                return true;
            }
            int give = Math.min(room, BUFFER);
            availableOut.set(JAVA_LONG, 0, give);
            nextOut.set(ADDRESS, 0, outBuf);
            availableIn.set(JAVA_LONG, 0, pending);
            int result = BrotliDecoderApi.decompressStream(state, availableIn, nextIn, availableOut, nextOut);
            long left = availableIn.get(JAVA_LONG, 0);
            bytesRead += pending - left;
            pending = left;
            int produced = give - (int) availableOut.get(JAVA_LONG, 0);
            if (produced > 0) {
                MemorySegment.copy(outBuf, JAVA_BYTE, 0, out.array(), out.position(), produced);
                out.advance(produced);
            }
            switch (result) {
                case BrotliDecoderApi.RESULT_SUCCESS -> {
                    done = true;
                    pending = 0;
                }
                case BrotliDecoderApi.RESULT_NEEDS_MORE_OUTPUT -> {
                    // Loop: room is asked for again (and the budget may end the job there).
                }
                case BrotliDecoderApi.RESULT_NEEDS_MORE_INPUT -> {
                    // It says so once its input is used up even when the output filled the room it
                    // had and more is on the way (a long copy): only a call that leaves room unused
                    // has made everything the input so far can make. Node's binding loops the same way.
                    if (produced == give) {
                        continue;
                    }
                    if (inPos == inEnd) {
                        return endOfBrotliInput(flush);
                    }
                }
                default -> throw ZlibException.brotliDecode();
            }
        }
    }

    @Override
    void release() {
        BrotliDecoderApi.destroy(state);
        arena.close();
    }
}
