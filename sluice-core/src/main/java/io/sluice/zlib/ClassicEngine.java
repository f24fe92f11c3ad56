package io.sluice.zlib;

import io.sluice.buffer.Buffer;
import io.sluice.stream.TransformCallback;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The engine of Node's design, for Brotli and for {@code parallelism(1)}: one {@link Codec} per
 * stream and one job in flight. A written chunk is (de)compressed on a virtual thread through
 * {@link io.sluice.loop.EventLoop#offload}, the whole chunk per hop (up to {@link
 * ZlibStream#HOP_BUDGET} of output), and its callback runs once its output has been pushed. Chunks
 * of at most {@link ZlibStream#INLINE_MAX} bytes run inline on the loop instead (when the codec is
 * cheap: not Brotli compression), because a thread handoff costs more than the work; inline work
 * is capped at {@link ZlibStream#INLINE_BUDGET} of output before it continues off the loop. When
 * output reaches the readable highWaterMark in the middle of a chunk, the job pauses until the
 * reader has taken some (Node does the same), so a small chunk of a bomb cannot flood memory.
 */
final class ClassicEngine implements ZlibEngine {
    private final ZlibStream stream;
    private final Codec codec;
    private final Output out;
    private final long maxOutputLength;

    private long totalOut;
    /**
     * Node's bytesWritten: the codec's input count as of the last job the loop took back. Not read
     * while a job runs (the job's thread writes it), and not counting a job that returns to a
     * destroyed stream (Node returns before adding it).
     */
    private long bytesCounted;
    /** A job runs on a virtual thread; the codec must not be touched (or ended) meanwhile. */
    private boolean busy;
    /** Output reached the highWaterMark in the middle of a chunk; {@link #resume} continues it. */
    private boolean waitingForReader;
    private int jobFlush;
    private boolean jobLast;
    private TransformCallback<Buffer> jobCallback;

    ClassicEngine(ZlibStream stream, Codec codec, Output out, long maxOutputLength) {
        this.stream = stream;
        this.codec = codec;
        this.out = out;
        this.maxOutputLength = maxOutputLength;
    }

    @Override
    public void write(Buffer chunk, int flush, TransformCallback<Buffer> callback, boolean last) {
        jobCallback = callback;
        jobFlush = flush;
        jobLast = last;
        if (codec.ended()) {
            finishJob();
            return;
        }
        ByteBuffer bb = chunk.asByteBuffer();
        codec.setInput(bb.array(), bb.arrayOffset() + bb.position(), bb.remaining());
        if (bb.remaining() <= ZlibStream.INLINE_MAX && codec.cheap()) {
            boolean more;
            try {
                out.begin(budget(ZlibStream.INLINE_BUDGET));
                more = codec.run(flush, out);
            } catch (RuntimeException e) {
                fail(e);
                return;
            }
            bytesCounted = codec.bytesRead;
            deliver(more);
        } else {
            offload();
        }
    }

    @Override
    public void params(int level, int strategy) {
        codec.params(level, strategy); // applied by the codec's next run
    }

    @Override
    public void resume() {
        if (waitingForReader && !stream.destroyed()) {
            waitingForReader = false;
            offload();
        }
    }

    @Override
    public void close() {
        waitingForReader = false;
        if (!busy) {
            codec.end();
        } // else the job's completion ends it
    }

    @Override
    public long bytesRead() {
        return bytesCounted;
    }

    @Override
    public boolean ended() {
        return codec.ended();
    }

    /** A job is running on a helper thread (loop thread only). */
    boolean busy() {
        return busy;
    }

    @Override
    public long buffered() {
        return 0;
    }

    private long budget(long cap) {
        // maxOutputLength - totalOut + 1 lets the job produce the one byte that proves the limit is passed.
        return maxOutputLength == Long.MAX_VALUE ? cap : Math.min(cap, maxOutputLength - totalOut + 1);
    }

    private void offload() {
        busy = true;
        long budget = budget(ZlibStream.HOP_BUDGET);
        int flush = jobFlush;
        Codec c = codec;
        Output o = out;
        stream.eventLoop().offload(() -> {
            o.begin(budget);
            return c.run(flush, o);
        }, this::afterJob);
    }

    private void afterJob(Boolean more, Throwable err) {
        busy = false;
        if (stream.destroyed()) {
            codec.end();
            // Node's processCallback on a destroyed stream still calls the write back (no error,
            // its input not counted): a write's callback is never lost.
            TransformCallback<Buffer> cb = jobCallback;
            jobCallback = null;
            if (cb != null) {
                cb.done();
            }
            return;
        }
        if (err != null) {
            fail(err);
            return;
        }
        bytesCounted = codec.bytesRead;
        deliver(more);
    }

    private void deliver(boolean more) {
        List<Buffer> chunks = out.take();
        boolean full = false;
        for (Buffer b : chunks) {
            totalOut += b.length();
            if (totalOut > maxOutputLength) {
                fail(ZlibStream.tooLarge(maxOutputLength));
                return;
            }
            full = !stream.push(b);
            if (stream.destroyed()) {
                return;
            }
        }
        if (!more) {
            finishJob();
        } else if (full) {
            waitForReader();
        } else {
            offload();
        }
    }

    private void finishJob() {
        if (jobLast) {
            codec.end(); // nothing can be written any more: free native memory now
        }
        TransformCallback<Buffer> cb = jobCallback;
        jobCallback = null;
        cb.done();
    }

    private void fail(Throwable err) {
        bytesCounted = codec.bytesRead;
        codec.end();
        TransformCallback<Buffer> cb = jobCallback;
        jobCallback = null;
        if (cb != null) {
            cb.done(err);
        } else {
            stream.destroy(err);
        }
    }

    /**
     * Output is at the highWaterMark in the middle of a chunk: continue once the reader has taken
     * some. The readable side calls {@link #resume} when it drops below the mark; if it already
     * has (the reader ran in between), continue now. With no reader the stream simply waits,
     * holding nothing alive, so an abandoned stream lets the loop exit as Node's does.
     */
    private void waitForReader() {
        if (stream.readableLength() < stream.readableHighWaterMark()) {
            offload();
        } else {
            waitingForReader = true;
        }
    }
}
