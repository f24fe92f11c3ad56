package io.sluice.stream;

import io.sluice.event.AbortSignal;
import io.sluice.event.EventEmitter;
import io.sluice.error.Errors;
import java.util.function.Consumer;

/**
 * Node's lib/internal/streams/end-of-stream.js ({@code finished}): calls back once when the
 * stream has ended (readable side), finished (writable side), errored, or closed (prematurely, if
 * before end/finish). It prefers waiting for {@code 'close'} when the stream will emit one, so
 * that the callback sees the stream fully torn down.
 *
 * <p>The listeners stay attached after the callback (a stray second {@code 'error'} must not
 * crash the process; nodejs/node#29003): the returned cleanup removes them.
 */
final class EndOfStream {
    private final NodeStream stream;
    private final boolean readable;
    private final boolean writable;
    private final ReadableState rState;
    private final WritableState wState;
    private Callback callback;
    private boolean willEmitClose;
    private boolean writableFinished;
    private boolean readableFinished;

    private final Consumer<Void> onfinish = v -> onfinish();
    private final Consumer<Void> onend = v -> onend();
    private final Consumer<Throwable> onerror = err -> call(err);
    private final Consumer<Void> onclose = v -> onclose();
    private final Consumer<Void> onlegacyfinish = v -> onlegacyfinish();
    private Runnable abortListener;
    private AbortSignal signal;

    private EndOfStream(NodeStream stream, FinishedOptions options, Callback callback) {
        this.stream = stream;
        this.rState = stream instanceof Stream s ? s.r : null;
        this.wState = stream instanceof Stream s ? s.w : null;
        this.readable = options != null && options.readable != null ? options.readable : isReadableNodeStream(stream);
        this.writable = options != null && options.writable != null ? options.writable : isWritableNodeStream(stream);
        this.callback = callback;
    }

    private void call(Throwable err) {
        Callback cb = callback;
        if (cb == null) {
            return;
        }
        // Once: later events find no callback.
        callback = null;
        cb.done(err);
    }

    static Runnable eos(NodeStream stream, FinishedOptions options, Callback callback) {
        if (stream == null) {
            throw Errors.invalidArgType("stream", "an instance of ReadableStream, WritableStream, or Stream", null);
        }
        if (callback == null) {
            throw Errors.invalidArgType("callback", "of type function", null);
        }
        EndOfStream e = new EndOfStream(stream, options, callback);
        e.start(options);
        return e::cleanup;
    }

    private void start(FinishedOptions options) {
        willEmitClose = willEmitClose(stream)
                && isReadableNodeStream(stream) == readable
                && isWritableNodeStream(stream) == writable;
        writableFinished = Boolean.TRUE.equals(isWritableFinished(stream, false));
        readableFinished = Boolean.TRUE.equals(isReadableFinished(stream, false));
        boolean closed = Boolean.TRUE.equals(isClosed(stream));

        if (writable && wState == null && stream instanceof WritableStream<?>) {
            // A writable without our state: 'end'/'close' may be all it emits.
            stream.on(ReadableStream.END, onlegacyfinish);
            stream.on(Stream.CLOSE, onlegacyfinish);
        }
        stream.on(ReadableStream.END, onend);
        stream.on(WritableStream.FINISH, onfinish);
        if (options == null || options.error) {
            stream.on(EventEmitter.ERROR, onerror);
        }
        stream.on(Stream.CLOSE, onclose);

        Runnable onclosed = this::onclosed;
        if (closed) {
            tick(this::onclose);
        } else if ((wState != null && wState.has(SideState.ERROR_EMITTED))
                || (rState != null && rState.has(SideState.ERROR_EMITTED))) {
            if (!willEmitClose) {
                tick(onclosed);
            }
        } else if (!readable && (!willEmitClose || Boolean.TRUE.equals(isReadable(stream)))
                && (writableFinished || Boolean.FALSE.equals(isWritable(stream)))
                // Not while a _final, write callback or 'finish' is still due: its listener reports.
                && (wState == null || wState.pendingcb == 0)) {
            tick(onclosed);
        } else if (!writable && (!willEmitClose || Boolean.TRUE.equals(isWritable(stream)))
                && (readableFinished || Boolean.FALSE.equals(isReadable(stream)))) {
            tick(onclosed);
        }

        if (options != null && options.signal != null && !closed) {
            signal = options.signal;
            Runnable abort = () -> {
                Callback endCallback = callback;
                cleanup();
                if (endCallback != null) {
                    Object reason = signal.reason();
                    endCallback.done(StreamErrors.abort(reason instanceof Throwable t ? t : null));
                }
            };
            if (signal.aborted()) {
                tick(abort);
            } else {
                abortListener = abort;
                Callback original = callback;
                callback = err -> {
                    signal.removeEventListener(abort);
                    original.done(err);
                };
                signal.addEventListener(abort);
            }
        }
    }

    private void tick(Runnable r) {
        if (stream instanceof Stream s) {
            s.loop.nextTick(r);
        } else {
            io.sluice.loop.EventLoop.current().nextTick(r);
        }
    }

    private void onlegacyfinish() {
        if (!writableFlag()) {
            onfinish();
        }
    }

    private void onfinish() {
        writableFinished = true;
        // Destroyed already: user code does something unusual, so do not wait for 'close'.
        if (Streams.isDestroyed(stream)) {
            willEmitClose = false;
        }
        if (willEmitClose && (!readableFlag() || readable)) {
            return;
        }
        if (!readable || readableFinished) {
            call(null);
        }
    }

    private void onend() {
        readableFinished = true;
        if (Streams.isDestroyed(stream)) {
            willEmitClose = false;
        }
        if (willEmitClose && (!writableFlag() || writable)) {
            return;
        }
        if (!writable || writableFinished) {
            call(null);
        }
    }

    private void onclose() {
        Throwable errored = erroredValue();
        if (errored != null) {
            call(errored);
            return;
        }
        if (readable && !readableFinished && isReadableNodeStream(stream)) {
            if (!Boolean.TRUE.equals(isReadableFinished(stream, false))) {
                call(StreamErrors.prematureClose());
                return;
            }
        }
        if (writable && !writableFinished) {
            if (!Boolean.TRUE.equals(isWritableFinished(stream, false))) {
                call(StreamErrors.prematureClose());
                return;
            }
        }
        call(null);
    }

    private void onclosed() {
        Throwable errored = erroredValue();
        call(errored);
    }

    private Throwable erroredValue() {
        Throwable e = wState != null ? wState.erroredOrNull() : null;
        if (e == null && rState != null) {
            e = rState.erroredOrNull();
        }
        return e;
    }

    private boolean readableFlag() {
        return stream instanceof ReadableStream<?> rs && rs.readable();
    }

    private boolean writableFlag() {
        return stream instanceof WritableStream<?> ws && ws.writable();
    }

    void cleanup() {
        callback = null;
        stream.removeListener(ReadableStream.END, onlegacyfinish);
        stream.removeListener(Stream.CLOSE, onlegacyfinish);
        stream.removeListener(WritableStream.FINISH, onfinish);
        stream.removeListener(ReadableStream.END, onend);
        stream.removeListener(EventEmitter.ERROR, onerror);
        stream.removeListener(Stream.CLOSE, onclose);
        if (signal != null && abortListener != null) {
            signal.removeEventListener(abortListener);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Node's lib/internal/streams/utils.js predicates (null = "cannot tell")

    static boolean isReadableNodeStream(NodeStream s) {
        if (!(s instanceof ReadableStream<?>)) {
            return false;
        }
        return !(s instanceof Stream st) || st.r == null || !st.r.has(ReadableState.DISABLED);
    }

    static boolean isWritableNodeStream(NodeStream s) {
        if (!(s instanceof WritableStream<?>)) {
            return false;
        }
        return !(s instanceof Stream st) || st.w == null || !st.w.has(WritableState.DISABLED);
    }

    /** Emitted 'end' (or, not strict, ended with nothing left). */
    static Boolean isReadableFinished(NodeStream s, boolean strict) {
        if (!isReadableNodeStream(s)) {
            return null;
        }
        ReadableState r = s instanceof Stream st ? st.r : null;
        if (r == null) {
            return null;
        }
        if (r.has(SideState.ERRORED)) {
            return false;
        }
        return r.has(ReadableState.END_EMITTED)
                || (!strict && r.has(ReadableState.ENDED) && r.length == 0);
    }

    /** Emitted 'finish' (or, not strict, ended with nothing left). */
    static Boolean isWritableFinished(NodeStream s, boolean strict) {
        if (!isWritableNodeStream(s)) {
            return null;
        }
        WritableState w = s instanceof Stream st ? st.w : null;
        if (w == null) {
            return ((WritableStream<?>) s).writableFinished() ? Boolean.TRUE : null;
        }
        if (w.has(WritableState.FINISHED)) {
            return true;
        }
        if (w.has(SideState.ERRORED)) {
            return false;
        }
        return !strict && w.has(WritableState.ENDED) && w.length == 0;
    }

    static Boolean isWritableEnded(NodeStream s) {
        if (!isWritableNodeStream(s)) {
            return null;
        }
        WritableState w = s instanceof Stream st ? st.w : null;
        if (w == null) {
            return ((WritableStream<?>) s).writableEnded();
        }
        if (w.has(WritableState.ENDING)) {
            return true;
        }
        if (w.has(SideState.ERRORED)) {
            return false;
        }
        return w.has(WritableState.ENDED);
    }

    static Boolean isReadable(NodeStream s) {
        if (!(s instanceof ReadableStream<?> rs)) {
            return null;
        }
        if (Streams.isDestroyed(s)) {
            return false;
        }
        return isReadableNodeStream(s) && rs.readable() && !Boolean.TRUE.equals(isReadableFinished(s, true));
    }

    static Boolean isWritable(NodeStream s) {
        if (!(s instanceof WritableStream<?> ws)) {
            return null;
        }
        if (Streams.isDestroyed(s)) {
            return false;
        }
        return isWritableNodeStream(s) && ws.writable() && !Boolean.TRUE.equals(isWritableEnded(s));
    }

    static Boolean isClosed(NodeStream s) {
        if (s instanceof Stream st && (st.w != null || st.r != null)) {
            return (st.w != null && st.w.has(SideState.CLOSED)) || (st.r != null && st.r.has(SideState.CLOSED));
        }
        return null;
    }

    static boolean willEmitClose(NodeStream s) {
        if (!(s instanceof Stream st)) {
            return false;
        }
        SideState state = st.w != null ? st.w : st.r;
        return state != null && state.has(SideState.AUTO_DESTROY) && state.has(SideState.EMIT_CLOSE)
                && !state.has(SideState.CLOSED);
    }
}
