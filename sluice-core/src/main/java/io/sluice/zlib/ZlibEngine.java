package io.sluice.zlib;

import io.sluice.buffer.Buffer;
import io.sluice.stream.TransformCallback;

/**
 * What does a {@link ZlibStream}'s (de)compression: the stream hands it one written chunk at a time
 * (its Transform contract) and the engine pushes the output on the stream. Which engine a stream
 * gets depends on the mode and {@link ZlibOptions#parallelism}. Loop thread only, unless an
 * implementation says otherwise for its helpers.
 */
sealed interface ZlibEngine permits ClassicEngine, ParallelDeflate, InflateAhead {
    /**
     * One written chunk and its zlib flush kind; {@code last} marks the final flush's empty chunk.
     * {@code cb} is the Transform's callback: called once the chunk may be considered taken (each
     * engine says when), or with the error.
     */
    void write(Buffer chunk, int flush, TransformCallback<Buffer> cb, boolean last);

    /** Level and strategy for the input written from now on (the stream has flushed before). */
    void params(int level, int strategy);

    /** The reader has room again (the readable side's {@code _read}): continue pushing. */
    void resume();

    /** Destroy: no more work; the native state ends now, or when the job in flight returns. */
    void close();

    /** Input bytes consumed so far (Node's {@code bytesWritten}). */
    long bytesRead();

    /** Whether the native state has been ended (test hook). */
    boolean ended();

    /** Bytes held besides the readable buffer, input and output (test hook). */
    long buffered();
}
