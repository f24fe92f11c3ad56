package io.sluice.stream;

import io.sluice.event.AbortSignal;
import io.sluice.event.Event;
import io.sluice.event.EventEmitter;
import io.sluice.loop.EventLoop;
import java.util.function.Consumer;

/**
 * The common base of {@link Readable}, {@link Writable} and {@link Duplex} (Node's legacy
 * {@code Stream}): an {@link EventEmitter} confined to one {@link EventLoop}, with the lifecycle
 * shared by every stream: {@code destroy}, {@code 'error'}, {@code 'close'} and asynchronous
 * construction.
 *
 * <h2>Confinement</h2>
 * A stream belongs to the event loop current on the thread that constructs it. Every public
 * stream method called from another thread throws {@link IllegalStateException} at once (a
 * thread-identity check); other threads hand work over with {@link EventLoop#execute}.
 *
 * <h2>Lifecycle rules (Node's, NODE-SEMANTICS §2.6)</h2>
 * <ol>
 *   <li>{@code destroy(err)} sets {@link #destroyed()} and {@link #errored()} synchronously; with
 *       the default {@code doDestroy} {@link #closed()} is also set before it returns.</li>
 *   <li>One tick later {@code 'error'} (if there is an error) and then {@code 'close'} are emitted,
 *       in the same tick; {@code 'error'} always precedes {@code 'close'}.</li>
 *   <li>A second {@code destroy} does nothing. The error passed to {@code doDestroy}'s callback
 *       replaces the original; a null swallows it (no {@code 'error'}, {@code 'close'} still).</li>
 *   <li>{@code emitClose(false)} suppresses {@code 'close'}; 'error' is emitted at most once.</li>
 * </ol>
 *
 * <p>Only the library's classes extend this one directly (its constructor is package-private).
 */
public abstract class Stream extends EventEmitter implements NodeStream {

    /** {@code 'close'}: the stream and its resources are released; nothing is emitted after it. */
    public static final Event<Void> CLOSE = Event.of("close");

    final EventLoop loop;
    private final Thread owner;

    /** The readable side's state, or null for a {@link Writable}. */
    ReadableState r;
    /** The writable side's state, or null for a plain {@link Readable}. */
    WritableState w;
    /** Duplex only: false makes the readable side's end call {@code end()} on the writable side. */
    boolean allowHalfOpen = true;

    // A destroy() called while doConstruct is pending waits for it (Node's kDestroy event).
    private boolean destroyDeferred;
    private Throwable deferredError;
    private Callback deferredCallback;

    Stream() {
        this.loop = EventLoop.current();
        this.owner = Thread.currentThread();
    }

    /** Fails fast when called off the owning loop's thread; one reference comparison when fine. */
    final void checkThread(String operation) {
        if (Thread.currentThread() != owner) {
            loop.checkInLoop(operation);
            throw new IllegalStateException(operation + " must be called on the stream's event loop thread");
        }
    }

    /** The event loop this stream belongs to. Any thread. */
    public final EventLoop eventLoop() {
        return loop;
    }

    // ---------------------------------------------------------------------------------------------
    // Hook bridges, implemented by Readable / Writable / Duplex so the shared state machines can
    // call the protected hooks of either class hierarchy.

    abstract void invokeDestroy(Throwable err, Callback cb);

    abstract void invokeConstruct(Callback cb);

    abstract boolean hasConstruct();

    // ---------------------------------------------------------------------------------------------
    // Public lifecycle API

    /**
     * Destroys the stream without an error: {@code 'close'} follows on the next tick (unless
     * {@code emitClose} is false). Buffered writes fail with {@code ERR_STREAM_DESTROYED}; no
     * {@code 'end'} or {@code 'finish'} is emitted afterwards. Idempotent.
     *
     * @return this stream
     * @throws IllegalStateException off the stream's event loop thread
     */
    @Override
    public Stream destroy() {
        return destroy(null);
    }

    /**
     * Destroys the stream with {@code err}: {@link #errored()} is {@code err} at once, then
     * {@code 'error'} and {@code 'close'} are emitted in one later tick. A null {@code err} is
     * {@link #destroy()}. Calls after the first are ignored.
     *
     * @return this stream
     * @throws IllegalStateException off the stream's event loop thread
     */
    @Override
    public Stream destroy(Throwable err) {
        checkThread("destroy()");
        destroyImpl(err, null);
        return this;
    }

    /** Whether {@code destroy()} has been called (set synchronously by it). */
    @Override
    public boolean destroyed() {
        checkThread("destroyed()");
        return (r == null || r.has(SideState.DESTROYED)) && (w == null || w.has(SideState.DESTROYED));
    }

    /** Whether destruction has completed ({@code doDestroy} called back); 'close' may still be pending. */
    @Override
    public boolean closed() {
        checkThread("closed()");
        return (w != null && w.has(SideState.CLOSED)) || (r != null && r.has(SideState.CLOSED));
    }

    /** The error the stream was destroyed or failed with, or null. */
    @Override
    public Throwable errored() {
        checkThread("errored()");
        Throwable e = r != null ? r.erroredOrNull() : null;
        return e != null ? e : (w != null ? w.erroredOrNull() : null);
    }

    /** Adds a {@code 'close'} listener. @return this stream */
    public Stream onClose(Runnable listener) {
        on(CLOSE, v -> listener.run());
        return this;
    }

    /** Adds an {@code 'error'} listener (which also keeps errors from being thrown). @return this stream */
    public Stream onError(Consumer<? super Throwable> listener) {
        on(ERROR, listener);
        return this;
    }

    // ---------------------------------------------------------------------------------------------
    // destroy (port of Node's lib/internal/streams/destroy.js)

    final void destroyImpl(Throwable err, Callback cb) {
        ReadableState r = this.r;
        WritableState w = this.w;
        // Writable.prototype.destroy: fail buffered writes and pending end() callbacks on a tick.
        // Node's mask test schedules this unless the stream is already destroyed with nothing
        // pending; errorBuffer is a no-op when there is nothing to fail.
        if (w != null && (w.state & (WritableState.BUFFERED | WritableState.ON_FINISHED | SideState.DESTROYED))
                != SideState.DESTROYED) {
            loop.nextTick(w.errorBufferTask);
        }
        if ((w != null && w.has(SideState.DESTROYED)) || (r != null && r.has(SideState.DESTROYED))) {
            if (cb != null) {
                cb.done(null);
            }
            return;
        }
        // Set before calling out, so that a destroy() re-entered from a callback is a no-op.
        checkError(err);
        if (w != null) {
            w.state |= SideState.DESTROYED;
        }
        if (r != null) {
            r.state |= SideState.DESTROYED;
        }
        SideState s = w != null ? w : r;
        if (!s.has(SideState.CONSTRUCTED)) {
            destroyDeferred = true;
            deferredError = err;
            deferredCallback = cb;
        } else {
            runDestroyHook(err, cb);
        }
    }

    private void checkError(Throwable err) {
        if (err != null) {
            if (w != null) {
                w.setErroredIfNone(err);
            }
            if (r != null) {
                r.setErroredIfNone(err);
            }
        }
    }

    private void runDestroyHook(Throwable err, Callback cb) {
        Callback onDestroy = new Callback() {
            private boolean called;

            @Override
            public void done(Throwable e) {
                if (called) {
                    return;
                }
                called = true;
                afterDestroyHook(e, cb);
            }
        };
        try {
            invokeDestroy(err, onDestroy);
        } catch (Throwable t) {
            onDestroy.done(t);
        }
    }

    private void afterDestroyHook(Throwable err, Callback cb) {
        checkError(err);
        if (w != null) {
            w.state |= SideState.CLOSED;
        }
        if (r != null) {
            r.state |= SideState.CLOSED;
        }
        if (cb != null) {
            cb.done(err);
        }
        if (err != null) {
            loop.nextTick(() -> {
                emitErrorNT(err);
                emitCloseNT();
            });
        } else {
            loop.nextTick(this::emitCloseNT);
        }
    }

    final void emitErrorNT(Throwable err) {
        if ((w != null && w.has(SideState.ERROR_EMITTED)) || (r != null && r.has(SideState.ERROR_EMITTED))) {
            return;
        }
        if (w != null) {
            w.state |= SideState.ERROR_EMITTED;
        }
        if (r != null) {
            r.state |= SideState.ERROR_EMITTED;
        }
        emit(ERROR, err);
    }

    private void emitCloseNT() {
        if (w != null) {
            w.state |= SideState.CLOSE_EMITTED;
        }
        if (r != null) {
            r.state |= SideState.CLOSE_EMITTED;
        }
        if ((w != null && w.has(SideState.EMIT_CLOSE)) || (r != null && r.has(SideState.EMIT_CLOSE))) {
            emit(CLOSE);
        }
    }

    /**
     * Node's errorOrDestroy: with autoDestroy the error destroys the stream (error and close on a
     * tick); without, it is recorded and emitted now, or on a tick when {@code sync} (the caller is
     * still inside a user call such as write(), which must return first).
     */
    final void errorOrDestroy(Throwable err, boolean sync) {
        if ((w != null && w.has(SideState.DESTROYED)) || (r != null && r.has(SideState.DESTROYED))) {
            return;
        }
        if ((r != null && r.has(SideState.AUTO_DESTROY)) || (w != null && w.has(SideState.AUTO_DESTROY))) {
            destroyImpl(err, null);
        } else if (err != null) {
            checkError(err);
            if (sync) {
                loop.nextTick(() -> emitErrorNT(err));
            } else {
                emitErrorNT(err);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // construct

    /**
     * Called at the end of the most-derived library constructor: wires the abort signal and, if
     * the stream has a doConstruct hook, defers reads and writes until it calls back.
     */
    final void finishInit(StreamOptions options) {
        if (hasConstruct()) {
            if (r != null) {
                r.state &= ~SideState.CONSTRUCTED;
            }
            if (w != null) {
                w.state &= ~SideState.CONSTRUCTED;
            }
            loop.nextTick(this::constructNT);
        }
        if (options != null && options.signal != null) {
            AbortSignals.addAbortSignal(options.signal, this);
        }
    }

    private void constructNT() {
        Callback onConstruct = new Callback() {
            private boolean called;

            @Override
            public void done(Throwable err) {
                if (called) {
                    errorOrDestroy(err != null ? err : StreamErrors.multipleCallback(), false);
                    return;
                }
                called = true;
                if (r != null) {
                    r.state |= SideState.CONSTRUCTED;
                }
                if (w != null) {
                    w.state |= SideState.CONSTRUCTED;
                }
                SideState s = w != null ? w : r;
                if (s.has(SideState.DESTROYED)) {
                    if (destroyDeferred) {
                        destroyDeferred = false;
                        Throwable e = aggregate(err, deferredError);
                        Callback c = deferredCallback;
                        deferredError = null;
                        deferredCallback = null;
                        runDestroyHook(e, c);
                    }
                } else if (err != null) {
                    errorOrDestroy(err, true);
                } else {
                    onConstructed();
                }
            }
        };
        try {
            // The user's callback completes on a later tick (Node wraps it in process.nextTick).
            invokeConstruct(err -> loop.nextTick(() -> onConstruct.done(err)));
        } catch (Throwable t) {
            loop.nextTick(() -> onConstruct.done(t));
        }
    }

    private void onConstructed() {
        if (r != null) {
            r.onConstructed();
        }
        if (w != null) {
            w.onConstructed();
        }
    }

    /** Node's aggregateTwoErrors, with Java's suppressed list standing in for AggregateError. */
    static Throwable aggregate(Throwable inner, Throwable outer) {
        if (inner != null && outer != null && inner != outer) {
            outer.addSuppressed(inner);
            return outer;
        }
        return inner != null ? inner : outer;
    }
}
