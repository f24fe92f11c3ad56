package io.sluice.stream;

import io.sluice.event.EventEmitter;
import java.util.function.Consumer;

/**
 * Node's {@code createAsyncIterator} (lib/internal/streams/readable.js) turned inside out for
 * code running on the loop: {@link #poll()} takes the next chunk if one is ready, {@link #await}
 * registers a one-shot wake-up for the next {@code 'readable'} or end-of-stream. The operators,
 * the blocking bridges and the publisher all consume a Readable through this one class, so they
 * agree on Node's rules: a destroyed stream yields nothing, an error is reported after the
 * chunks buffered before it, a destroy without error is a premature close, and closing early
 * destroys the stream with an AbortError unless {@code destroyOnReturn} is false.
 *
 * <p>Polling rather than a callback per chunk keeps consumers iterative: a synchronous source
 * of a million items cannot grow the stack.
 */
final class PullIterator {
    /** No outcome yet (Node's {@code error === undefined}). */
    private static final Object OPEN = new Object();
    /** Ended normally (Node's {@code error === null}). */
    private static final Object ENDED = new Object();

    private final ReadableStream<?> stream;
    private final Consumer<Void> onReadable = v -> wake();
    private final Runnable cleanup;
    private Object outcome = OPEN;
    private Runnable waiter;
    private boolean closed;

    PullIterator(ReadableStream<?> stream) {
        this.stream = stream;
        stream.on(ReadableStream.READABLE, onReadable);
        this.cleanup = EndOfStream.eos(stream, FinishedOptions.create().writable(false), err -> {
            if (err != null) {
                outcome = outcome instanceof Throwable t ? Stream.aggregate(err, t) : err;
            } else if (outcome == OPEN) {
                outcome = ENDED;
            }
            wake();
        });
    }

    ReadableStream<?> stream() {
        return stream;
    }

    /** The next chunk, or null if none is ready now (then see {@link #failure} / {@link #ended}). */
    Object poll() {
        if (closed || stream.destroyed()) {
            return null;
        }
        return stream.read();
    }

    /** The error the stream failed with (premature close included), or null. */
    Throwable failure() {
        return outcome instanceof Throwable t ? t : null;
    }

    /** Whether the stream ended normally and every chunk has been polled. */
    boolean ended() {
        return outcome == ENDED;
    }

    /** Whether the stream will deliver nothing more: ended, failed or closed by us. */
    boolean done() {
        return outcome != OPEN || closed;
    }

    /** Runs {@code wake} once, at the next 'readable' or end-of-stream (replacing an earlier one). */
    void await(Runnable wake) {
        this.waiter = wake;
    }

    private void wake() {
        Runnable w = waiter;
        if (w != null) {
            waiter = null;
            w.run();
        }
    }

    /**
     * Stops consuming (Node's iterator {@code return()} / the {@code finally} of its generator):
     * an unfinished stream is destroyed with an AbortError when {@code destroyOnReturn}; a stream
     * that failed (with autoDestroy) always, and one that ended (with autoDestroy) when
     * {@code destroyOnReturn}; otherwise the listeners are removed and the stream is left usable.
     */
    void close(boolean destroyOnReturn) {
        if (closed) {
            return;
        }
        closed = true;
        waiter = null;
        boolean autoDestroy = !(stream instanceof Stream s) || s.r == null || s.r.has(SideState.AUTO_DESTROY);
        // Node's finally: (error || destroyOnReturn !== false) && (error === undefined || autoDestroy),
        // where error is an Error, null once ended (falsy: a consumed stream is not destroyed when
        // destroyOnReturn is false) or undefined while open.
        if ((outcome instanceof Throwable || destroyOnReturn) && (outcome == OPEN || autoDestroy)) {
            Streams.destroy(stream);
        } else {
            ((EventEmitter) stream).removeListener(ReadableStream.READABLE, onReadable);
            cleanup.run();
        }
    }
}
