package io.sluice.zlib;

import io.sluice.buffer.Buffer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a codec writes its output: {@code chunkSize} arrays cut into Buffers, like Node's
 * {@code _outBuffer}/{@code _outOffset}. A partly filled array is cut at the end of each job and the rest
 * of it is used by the next job, so small writes (one byte of input often makes no output) do not
 * allocate a 16 KiB array each. Cut Buffers never overlap what is written later.
 *
 * <p>A job gets a budget of output bytes: codecs stop once {@link #room()} is 0, and the stream decides
 * whether to continue (another hop) or wait for the reader. Used by one thread at a time.
 */
final class Output {
    private final int chunkSize;
    /** Size of the arrays written into; Buffers are cut from them at most chunkSize long. */
    private final int arraySize;
    private byte[] buf;
    private int start;
    private int pos;
    private long budget;
    private final ArrayList<Buffer> ready = new ArrayList<>();

    Output(int chunkSize) {
        this(chunkSize, chunkSize);
    }

    /**
     * Output written into {@code arraySize}-byte arrays, handed out as Buffers of at most {@code
     * chunkSize}. Larger arrays mean fewer native calls per output byte (zlib also copies each call's
     * output, up to 32 KiB, into its window: a call per 16 KiB copies everything once more).
     */
    Output(int chunkSize, int arraySize) {
        this.chunkSize = chunkSize;
        this.arraySize = Math.max(chunkSize, arraySize);
    }

    /** Starts a job that may produce about {@code budget} bytes (at most one chunk more). */
    void begin(long budget) {
        this.budget = budget;
    }

    /** Whether the job's budget is used up. */
    boolean exhausted() {
        return budget <= 0;
    }

    /** Bytes that may be written at {@link #array()}[{@link #position()}] now: 0 when the budget is spent. */
    int room() {
        if (budget <= 0) {
            return 0;
        }
        ensure();
        return (int) Math.min(buf.length - pos, budget);
    }

    byte[] array() {
        ensure();
        return buf;
    }

    int position() {
        return pos;
    }

    /** Records {@code n} bytes written at {@link #position()}. */
    void advance(int n) {
        pos += n;
        budget -= n;
        if (pos == buf.length) {
            cut();
        }
    }

    /** Copies bytes in (headers, trailers, Brotli output); may overrun the budget, never the array. */
    void write(byte[] src, int off, int len) {
        while (len > 0) {
            ensure();
            int n = Math.min(len, buf.length - pos);
            System.arraycopy(src, off, buf, pos, n);
            off += n;
            len -= n;
            advance(n);
        }
    }

    /** Copies a (direct) ByteBuffer's remaining bytes in. */
    void write(ByteBuffer src) {
        while (src.hasRemaining()) {
            ensure();
            int n = Math.min(src.remaining(), buf.length - pos);
            src.get(buf, pos, n);
            advance(n);
        }
    }

    /** The Buffers completed so far in this job (the partial chunk included); clears the list. */
    List<Buffer> take() {
        cut();
        if (ready.isEmpty()) {
            return List.of();
        }
        List<Buffer> out = List.copyOf(ready);
        ready.clear();
        return out;
    }

    private void cut() {
        while (pos > start) {
            int n = Math.min(chunkSize, pos - start);
            ready.add(Buffer.wrap(buf, start, n));
            start += n;
        }
        if (buf != null && pos == buf.length) {
            buf = null;
        }
    }

    private void ensure() {
        if (buf == null) {
            buf = new byte[arraySize];
            start = 0;
            pos = 0;
        }
    }
}
