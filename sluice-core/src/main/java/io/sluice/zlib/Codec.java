package io.sluice.zlib;

import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * One (de)compression engine behind a {@link ZlibStream} or a one-shot call: gzip/zlib/raw deflate on
 * {@link java.util.zip.Deflater}/{@link java.util.zip.Inflater}, or Brotli on brotli4j.
 *
 * <p>Contract: {@link #setInput} hands over one chunk (kept by reference until consumed); {@link #run}
 * consumes it, writing to an {@link Output}, and returns false when the chunk is consumed and the flush
 * kind is satisfied, or true when the output budget ran out first (call {@code run} again with the same
 * flush). Errors are thrown as {@link ZlibException}. {@link #end} frees native memory; it is idempotent
 * and must be called on every path (end, error, destroy) because the JDK's Cleaner frees it only when
 * the GC gets round to it, long after native memory has grown under load.
 *
 * <p>Confined to one thread at a time (the stream runs at most one job).
 */
abstract class Codec {
    /** Codecs created and not yet ended, JVM-wide: tests check that every path ends its codec. */
    static final AtomicLong LIVE = new AtomicLong();

    byte[] in;
    int inPos;
    int inEnd;
    /** Input bytes consumed so far (Node's {@code bytesWritten}). */
    long bytesRead;
    private boolean ended;

    Codec() {
        LIVE.incrementAndGet();
    }

    /** The next input chunk; the previous one must have been consumed. */
    void setInput(byte[] b, int off, int len) {
        in = b;
        inPos = off;
        inEnd = off + len;
        onInput();
    }

    /** Called after {@link #setInput}: codecs that feed a native engine mark its input stale. */
    void onInput() {}

    /**
     * Processes the current input with {@code flush} (a zlib flush kind, or a Brotli operation for the
     * Brotli codecs).
     *
     * @return true if the output budget ran out before the work was done
     * @throws ZlibException on corrupt or truncated data
     */
    abstract boolean run(int flush, Output out);

    /** Changes level and strategy from the next call on (deflate only; others ignore it, as Node's do). */
    void params(int level, int strategy) {}

    /** Frees the native state; idempotent. */
    final void end() {
        if (!ended) {
            ended = true;
            LIVE.decrementAndGet();
            release();
        }
    }

    final boolean ended() {
        return ended;
    }

    /** Releases the native engine (called once). */
    abstract void release();

    /**
     * One {@link Inflater#inflate} of the current input into {@code room} bytes of {@code out}
     * (the caller advances {@code out}), accounting the input it consumed even when it throws.
     */
    final int inflate(Inflater inflater, Output out, int room) {
        try {
            return inflater.inflate(out.array(), out.position(), room);
        } catch (DataFormatException e) {
            throw ZlibException.dataError(e.getMessage());
        } finally {
            int pos = inEnd - inflater.getRemaining();
            bytesRead += pos - inPos;
            inPos = pos;
        }
    }

    /** The input ran out: an error at the finish flush ("unexpected end of file"), else false (done for now). */
    static boolean endOfInput(int flush) {
        if (flush == ZlibConstants.Z_FINISH) {
            throw ZlibException.unexpectedEnd();
        }
        return false;
    }

    /** {@link #endOfInput} for the Brotli codecs, whose finish is {@code BROTLI_OPERATION_FINISH}. */
    static boolean endOfBrotliInput(int operation) {
        if (operation == ZlibConstants.BROTLI_OPERATION_FINISH) {
            throw ZlibException.unexpectedEnd();
        }
        return false;
    }

    /** Whether a small chunk may be processed inline on the loop (false when one call can be slow). */
    boolean cheap() {
        return true;
    }
}
