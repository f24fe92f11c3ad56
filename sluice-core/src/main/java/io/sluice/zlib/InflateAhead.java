package io.sluice.zlib;

import io.sluice.buffer.Buffer;
import io.sluice.loop.EventLoop;
import io.sluice.stream.TransformCallback;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The engine of a zlib decompression {@link ZlibStream} (gunzip, inflate, inflateRaw, unzip) when
 * {@link ZlibOptions#parallelism} is above 1: one helper thread inflates queued input ahead of the
 * reader while the loop pushes what is ready, so inflation and the loop's work overlap.
 *
 * <h2>Why</h2>
 * With one job per written chunk (the classic engine, and Node's), the inflater idles during every
 * round trip to the loop: a cross-CPU wake costs about 30 µs on the bench VM against about 35 µs to
 * inflate a 16 KiB output chunk, so a stream reaches about half of zlib's one-shot speed (Node: 232
 * against 463 MB/s). Here the helper keeps inflating while the loop delivers.
 *
 * <h2>How</h2>
 * Written chunks go into an input queue; a chunk of at most {@value #COPY_MAX} bytes is copied (so the
 * writer may reuse its buffer) and its callback completes at once while at most {@value #IN_MAX} bytes
 * of input are queued; a larger chunk, a flush or the finish flush calls back once inflated and pushed,
 * as before. The helper ({@code EventLoop.offload}, started when input arrives and ending when it runs
 * out of input or of output room, so an idle stream holds no thread) inflates into an output queue of at
 * most {@value #OUT_MAX} bytes plus one chunk, and posts one drain task to the loop whenever output
 * appears and none is pending. The loop pushes while the readable side is below its highWaterMark;
 * so a reader that stops reading stops inflation (bomb protection), and a stream whose reader never
 * reads holds at most highWaterMark + one chunk in its readable buffer, {@value #OUT_MAX} + one chunk
 * of output here and {@value #IN_MAX} + one chunk of input. Chunks of at most {@link
 * ZlibStream#INLINE_MAX} bytes are still inflated on the loop when the helper is idle (a thread hop
 * costs more than the work).
 *
 * <p>{@code maxOutputLength} stays exact: the helper produces at most one byte past it and the loop
 * fails on the chunk that passes it. Errors are reported after the output inflated before them has
 * been pushed: {@code 'error'} then {@code 'close'}, with Node's codes and messages. Unlike Node, the
 * callbacks of up to {@value #IN_MAX} bytes of writes after the failing chunk may already have been
 * called (Node calls neither the failing write's callback nor later ones). The codec is ended on
 * finish, error and destroy, by whichever thread holds it last.
 */
final class InflateAhead implements ZlibEngine {
    /** Queued input (bytes) up to which a copied chunk's callback completes at once. */
    static final int IN_MAX = 256 * 1024;
    /** Larger chunks are queued by reference and called back only once consumed. */
    static final int COPY_MAX = 64 * 1024;
    /** Output inflated ahead of the readable side (bytes, plus one chunk). */
    static final long OUT_MAX = 256 * 1024;
    /**
     * Output array size: one inflate call fills up to this much, handed out as chunkSize Buffers. Measured
     * on the bench's log data: 16 KiB against 64 KiB arrays 603 against 705 MB/s in cache, and
     * with fresh memory 64 KiB 516, 128 KiB 533 MB/s (zlib's per-call costs, including copying each
     * call's output into its window, shrink with larger calls). The price: a Buffer kept by the reader
     * keeps its whole array alive, as Node's slices of its output buffer do.
     */
    static final int ARRAY = 128 * 1024;
    /** Output of one codec call before it is handed to the loop: about 200 µs of inflate. */
    private static final long STEP = 128 * 1024;

    private final ZlibStream stream;
    private final Codec codec;
    private final Output output;
    private final long maxOutputLength;
    private final EventLoop loop;
    private final Runnable drainTask = this::drain;

    // Shared with the helper, guarded by this.
    private final ArrayDeque<Item> in = new ArrayDeque<>();
    private long inBytes;
    private final ArrayDeque<Buffer> out = new ArrayDeque<>();
    private long outBytes;
    private long produced;
    private boolean running;
    private boolean drainPosted;
    private boolean stop;
    private Throwable error;
    private long doneSeq;
    private volatile long bytesRead;

    // Loop only.
    private long seq;
    private long totalOut;
    private TransformCallback<Buffer> held;
    /** The held callback waits for this item to be done (0: waits for input room only). */
    private long heldSeq;
    private boolean heldLast;
    private boolean closed;
    private final PushRounds rounds;

    InflateAhead(ZlibStream stream, Codec codec, Output output, long maxOutputLength) {
        this.stream = stream;
        this.codec = codec;
        this.output = output;
        this.maxOutputLength = maxOutputLength;
        this.loop = stream.eventLoop();
        this.rounds = new PushRounds(loop, this::drain);
    }

    @Override
    public long bytesRead() {
        return bytesRead;
    }

    /** Decompression has no parameters to change: as Node's, params() is a no-op here. */
    @Override
    public void params(int level, int strategy) {
    }

    @Override
    public boolean ended() {
        return codec.ended();
    }

    @Override
    public synchronized long buffered() {
        return inBytes + outBytes;
    }

    /** One written chunk (or the final flush's empty one, {@code last}). */
    @Override
    public void write(Buffer chunk, int flush, TransformCallback<Buffer> cb, boolean last) {
        ByteBuffer bb = chunk.asByteBuffer();
        int len = bb.remaining();
        if (closed) {
            cb.done();
            return;
        }
        boolean idle;
        synchronized (this) {
            idle = !running && in.isEmpty() && out.isEmpty();
        }
        if (idle && len <= ZlibStream.INLINE_MAX && codec.cheap()) {
            inline(bb, flush, cb, last);
            return;
        }
        byte[] b;
        int off;
        boolean copied = len <= COPY_MAX;
        if (copied) {
            b = new byte[len];
            bb.get(bb.position(), b);
            off = 0;
        } else {
            b = bb.array();
            off = bb.arrayOffset() + bb.position();
        }
        long s = ++seq;
        boolean start;
        long queued;
        synchronized (this) {
            in.add(new Item(b, off, len, flush, s));
            inBytes += len;
            queued = inBytes;
            start = !running && outBytes < OUT_MAX;
            if (start) {
                running = true;
            }
        }
        if (start) {
            startHelper();
        }
        if (copied && flush == ZlibConstants.Z_NO_FLUSH && !last) {
            if (queued <= IN_MAX) {
                cb.done();
            } else {
                hold(cb, 0, false);
            }
        } else {
            hold(cb, s, last);
        }
    }

    private void hold(TransformCallback<Buffer> cb, long waitFor, boolean last) {
        held = cb;
        heldSeq = waitFor;
        heldLast = last;
    }

    /** A small chunk on the loop while the helper is idle: the classic inline path. */
    private void inline(ByteBuffer bb, int flush, TransformCallback<Buffer> cb, boolean last) {
        codec.setInput(bb.array(), bb.arrayOffset() + bb.position(), bb.remaining());
        boolean more;
        List<Buffer> got;
        try {
            output.begin(budget(ZlibStream.INLINE_BUDGET));
            more = codec.run(flush, output);
            got = output.take();
        } catch (RuntimeException e) {
            output.take();
            bytesRead = codec.bytesRead;
            hold(cb, 0, false);
            fail(e);
            return;
        }
        bytesRead = codec.bytesRead;
        for (Buffer x : got) {
            synchronized (this) {
                produced += x.length();
            }
            if (!emit(x)) {
                return;
            }
        }
        if (!more) {
            finished(cb, last);
            return;
        }
        // The chunk expands past the inline budget: the helper continues it (the codec keeps its input).
        long s = ++seq;
        boolean start;
        synchronized (this) {
            in.add(new Item(null, 0, 0, flush, s));
            start = !running && outBytes < OUT_MAX;
            if (start) {
                running = true;
            }
        }
        if (start) {
            startHelper();
        }
        hold(cb, s, last);
    }

    private long budget(long cap) {
        long p;
        synchronized (this) {
            p = produced;
        }
        // maxOutputLength - produced + 1 lets the codec produce the one byte that proves the limit is passed.
        return maxOutputLength == Long.MAX_VALUE ? cap : Math.min(cap, maxOutputLength - p + 1);
    }

    private void finished(TransformCallback<Buffer> cb, boolean last) {
        if (last) {
            endCodec();
        }
        cb.done();
    }

    private void startHelper() {
        ZlibStream.HELPERS.incrementAndGet();
        loop.offload(() -> {
            try {
                work();
            } finally {
                ZlibStream.HELPERS.decrementAndGet();
            }
            return null;
        }, (r, e) -> {
            if (e != null) {
                synchronized (this) {
                    if (error == null) {
                        error = e;
                    }
                }
                drain();
            }
        });
    }

    /** The helper: inflates queued input until it runs out of input or output room, or is stopped. */
    private void work() {
        while (true) {
            Item it;
            long budget;
            synchronized (this) {
                it = in.peek();
                budget = Math.min(STEP, OUT_MAX - outBytes);
                if (maxOutputLength != Long.MAX_VALUE) {
                    budget = Math.min(budget, maxOutputLength - produced + 1);
                }
                if (stop || error != null || it == null || budget <= 0) {
                    running = false;
                    if (stop) {
                        codec.end();
                    }
                    return;
                }
            }
            if (!it.started) {
                it.started = true;
                if (it.bytes != null) {
                    codec.setInput(it.bytes, it.off, it.len);
                }
            }
            boolean more = false;
            Throwable err = null;
            List<Buffer> got;
            output.begin(budget);
            try {
                more = codec.run(it.flush, output);
                got = output.take();
            } catch (Throwable e) {
                err = e;
                output.take(); // the failing call's partial output is dropped, as Node drops it
                got = List.of();
            }
            boolean post;
            synchronized (this) {
                bytesRead = codec.bytesRead;
                for (Buffer x : got) {
                    out.add(x);
                    outBytes += x.length();
                    produced += x.length();
                }
                if (err != null) {
                    error = err;
                } else if (!more) {
                    in.poll();
                    inBytes -= it.len;
                    doneSeq = it.seq;
                    it.bytes = null;
                }
                post = !drainPosted && (!got.isEmpty() || err != null || !more);
                if (post) {
                    drainPosted = true;
                }
            }
            if (post) {
                try {
                    loop.execute(drainTask);
                } catch (java.util.concurrent.RejectedExecutionException dead) {
                    // The loop died of an uncaught exception; nobody will read: stop.
                    synchronized (this) {
                        stop = true;
                    }
                }
            }
        }
    }

    /** The reader wants more (Node's {@code _read}): push on the next tick (see {@link PushRounds}). */
    @Override
    public void resume() {
        rounds.resumeOnNextTick();
    }

    /** On the loop: push ready output, report errors, release a held callback, restart the helper. */
    private void drain() {
        synchronized (this) {
            drainPosted = false;
        }
        rounds.run(() -> {
            if (closed || stream.destroyed()) {
                return false;
            }
            drainOnce();
            return true;
        });
    }

    private void drainOnce() {
        Throwable err;
        synchronized (this) {
            err = error;
        }
        while (true) {
            Buffer x;
            synchronized (this) {
                if (err == null && stream.readableLength() >= stream.readableHighWaterMark()) {
                    break; // resume() continues once the reader has taken some
                }
                x = out.poll();
                if (x == null) {
                    break;
                }
                outBytes -= x.length();
            }
            if (!emit(x)) {
                return;
            }
        }
        if (err != null) {
            fail(err);
            return;
        }
        boolean start;
        boolean release;
        synchronized (this) {
            start = !running && !stop && !in.isEmpty() && outBytes < OUT_MAX;
            if (start) {
                running = true;
            }
            release = held != null && (heldSeq == 0 ? inBytes <= IN_MAX : doneSeq >= heldSeq && out.isEmpty());
        }
        if (start) {
            startHelper();
        }
        if (release) {
            TransformCallback<Buffer> cb = held;
            held = null;
            finished(cb, heldLast);
        }
    }

    private boolean emit(Buffer x) {
        totalOut += x.length();
        if (totalOut > maxOutputLength) {
            fail(ZlibStream.tooLarge(maxOutputLength));
            return false;
        }
        stream.push(x);
        return !stream.destroyed();
    }

    private void fail(Throwable err) {
        endCodec();
        TransformCallback<Buffer> cb = held;
        held = null;
        if (cb != null) {
            cb.done(err);
        } else {
            stream.destroy(err);
        }
    }

    /** Destroy: the helper stops at its next step; the codec is ended by whoever holds it last. */
    @Override
    public void close() {
        endCodec();
    }

    private void endCodec() {
        closed = true;
        boolean now;
        synchronized (this) {
            stop = true;
            in.clear();
            out.clear();
            now = !running;
        }
        if (now) {
            codec.end();
        } // else the helper ends it when it sees stop
    }

    /** A queued input chunk; {@code bytes} null continues the codec's current input. */
    private static final class Item {
        byte[] bytes;
        final int off;
        final int len;
        final int flush;
        final long seq;
        boolean started;

        Item(byte[] bytes, int off, int len, int flush, long seq) {
            this.bytes = bytes;
            this.off = off;
            this.len = len;
            this.flush = flush;
            this.seq = seq;
        }
    }
}
