package io.sluice.stream;

import io.sluice.error.Errors;
import java.util.concurrent.CompletableFuture;

/**
 * Node's {@code stream} module functions that are not methods: default highWaterMarks,
 * {@code finished}, {@code destroy} and the state probes. The logic lives in package-private
 * classes; this class only validates and delegates, so {@code pipeline} and friends can be added
 * beside it.
 */
public final class Streams {
    private Streams() {}

    private static volatile long defaultByteHighWaterMark = 65536;
    private static volatile long defaultObjectHighWaterMark = 16;

    /**
     * The highWaterMark a stream gets when none is given: 65536 bytes (Node 22's value) or 16
     * objects, unless changed with {@link #setDefaultHighWaterMark}. Any thread.
     */
    public static long getDefaultHighWaterMark(boolean objectMode) {
        return objectMode ? defaultObjectHighWaterMark : defaultByteHighWaterMark;
    }

    /**
     * Changes the default for streams constructed from now on, JVM-wide. Any thread.
     *
     * @throws io.sluice.error.NodeTypeException {@code ERR_INVALID_ARG_VALUE} if {@code value} is negative
     */
    public static void setDefaultHighWaterMark(boolean objectMode, long value) {
        if (value < 0) {
            throw Errors.invalidArgValue("value", value);
        }
        if (objectMode) {
            defaultObjectHighWaterMark = value;
        } else {
            defaultByteHighWaterMark = value;
        }
    }

    /**
     * Node's {@code finished(stream, callback)}: {@code callback} is called once, with null when
     * the stream has ended and/or finished (each side it has), with the error on {@code 'error'},
     * or with {@code ERR_STREAM_PREMATURE_CLOSE} on a {@code 'close'} that comes first. Works on a
     * stream that is already done (called back on the next tick). The listeners stay attached
     * after the callback, so that a late {@code 'error'} does not throw; call the returned
     * {@code Runnable} to remove them.
     *
     * @return the cleanup function
     * @throws io.sluice.error.NodeTypeException {@code ERR_INVALID_ARG_TYPE} for a null argument
     * @throws IllegalStateException off the stream's event loop thread
     */
    public static Runnable finished(NodeStream stream, Callback callback) {
        return finished(stream, null, callback);
    }

    /** {@link #finished(NodeStream, Callback)} with options (which sides, errors, an abort signal). */
    public static Runnable finished(NodeStream stream, FinishedOptions options, Callback callback) {
        checkThread(stream);
        return EndOfStream.eos(stream, options, callback);
    }

    /**
     * Node's {@code stream/promises.finished}: a future completed (with null) or failed as the
     * callback form would be called. It completes on the stream's event loop thread, inside the
     * event that settles it.
     */
    public static CompletableFuture<Void> finished(NodeStream stream) {
        return finished(stream, (FinishedOptions) null);
    }

    /** {@link #finished(NodeStream)} with options; {@code cleanup(true)} removes the listeners when done. */
    public static CompletableFuture<Void> finished(NodeStream stream, FinishedOptions options) {
        checkThread(stream);
        CompletableFuture<Void> f = new CompletableFuture<>();
        boolean autoCleanup = options != null && options.cleanup;
        Runnable[] cleanup = new Runnable[1];
        boolean[] done = new boolean[1];
        cleanup[0] = EndOfStream.eos(stream, options, err -> {
            done[0] = true;
            if (autoCleanup && cleanup[0] != null) {
                cleanup[0].run();
            }
            if (err != null) {
                f.completeExceptionally(err);
            } else {
                f.complete(null);
            }
        });
        if (done[0] && autoCleanup) {
            cleanup[0].run();
        }
        return f;
    }

    /**
     * Node's {@code stream.destroy(stream[, err])}: destroys the stream; without an error, one
     * that has not finished is destroyed with an {@link io.sluice.error.AbortException}
     * ({@code ABORT_ERR}), so its listeners learn it did not complete. Does nothing if already
     * destroyed.
     */
    public static void destroy(NodeStream stream) {
        destroy(stream, null);
    }

    /** {@link #destroy(NodeStream)} with an explicit error (null = AbortError if unfinished). */
    public static void destroy(NodeStream stream, Throwable err) {
        if (stream == null || isDestroyed(stream)) {
            return;
        }
        if (err == null && !isFinished(stream)) {
            err = StreamErrors.abort(null);
        }
        stream.destroy(err);
    }

    /**
     * Node's {@code addAbortSignal(signal, stream)}: aborting {@code signal} destroys
     * {@code stream} with an {@link io.sluice.error.AbortException} whose cause is the signal's
     * reason (at once if it is already aborted). The listener is removed when the stream finishes.
     *
     * @return {@code stream}
     * @throws io.sluice.error.NodeTypeException {@code ERR_INVALID_ARG_TYPE} for a null argument
     * @throws IllegalStateException off the stream's event loop thread
     */
    public static <S extends Stream> S addAbortSignal(io.sluice.event.AbortSignal signal, S stream) {
        if (signal == null) {
            throw Errors.invalidArgType("signal", "an instance of AbortSignal", null);
        }
        if (stream == null) {
            throw Errors.invalidArgType("stream", "an instance of Stream", null);
        }
        stream.checkThread("addAbortSignal()");
        AbortSignals.addAbortSignal(signal, stream);
        return stream;
    }

    /** Whether the stream has a readable side that can still be read (Node's {@code isReadable}). */
    public static boolean isReadable(NodeStream stream) {
        return Boolean.TRUE.equals(EndOfStream.isReadable(stream));
    }

    /** Whether the stream has a writable side that can still be written (Node's {@code isWritable}). */
    public static boolean isWritable(NodeStream stream) {
        return Boolean.TRUE.equals(EndOfStream.isWritable(stream));
    }

    /** Whether {@code 'error'} has been emitted (not merely recorded) on the stream. */
    public static boolean isErrored(NodeStream stream) {
        if (stream instanceof Stream s) {
            SideState st = s.r != null ? s.r : s.w;
            return st != null && st.has(SideState.ERROR_EMITTED);
        }
        return stream != null && stream.errored() != null;
    }

    /** Whether the stream has been destroyed. */
    public static boolean isDestroyed(NodeStream stream) {
        if (stream instanceof Stream s) {
            return (s.w != null && s.w.has(SideState.DESTROYED)) || (s.r != null && s.r.has(SideState.DESTROYED));
        }
        return stream != null && stream.destroyed();
    }

    /** Whether data has been read from the stream, or it was aborted (Node's {@code isDisturbed}). */
    public static boolean isDisturbed(NodeStream stream) {
        return stream instanceof ReadableStream<?> r && (r.readableDidRead() || r.readableAborted());
    }

    static boolean isFinished(NodeStream stream) {
        if (isDestroyed(stream)) {
            return true;
        }
        if (Boolean.TRUE.equals(EndOfStream.isReadable(stream))) {
            return false;
        }
        return !Boolean.TRUE.equals(EndOfStream.isWritable(stream));
    }

    private static void checkThread(NodeStream stream) {
        if (stream instanceof Stream s) {
            s.checkThread("finished()");
        }
    }

    /**
     * Node's {@code stream.pipeline(source, ...transforms, destination)}; see {@link Pipelines}
     * for the stage kinds, options ({@link PipelineOptions} as the last argument) and how Sluice
     * is stricter than Node (a failed pipeline aborts, never ends, its destination).
     *
     * @return a future completed with the final sink function's value (else null) once the last
     *     stage has finished and every stage has closed; or, as in Node, exceptionally with the
     *     first error as soon as every stage has been destroyed (a stage with an I/O operation in
     *     flight may emit 'close' after that, and releases its resources then)
     */
    public static CompletableFuture<Object> pipeline(Object... stages) {
        return Pipelines.pipeline(stages);
    }

    /** Node's callback form of {@code pipeline}; returns the last stream. See {@link Pipelines}. */
    public static NodeStream pipeline(java.util.List<?> stages, PipelineCallback callback) {
        return Pipelines.pipeline(stages, callback);
    }

    /** Node's callback form of {@code pipeline} with options; returns the last stream. */
    public static NodeStream pipeline(java.util.List<?> stages, PipelineOptions options, PipelineCallback callback) {
        return Pipelines.pipeline(stages, options, callback);
    }

    /** Node's {@code stream.compose(...streams)}: one Duplex writing into the first stage and reading from the last. */
    public static Duplex<Object, Object> compose(Object... stages) {
        return Pipelines.compose(stages);
    }

    /** Node's {@code stream.duplexPair([options])}: two Duplexes, each writing into the other's readable side. */
    public static Duplex<Object, Object>[] duplexPair() {
        return Duplexes.pair();
    }

    /** {@link #duplexPair()} with options for both sides. */
    public static Duplex<Object, Object>[] duplexPair(StreamOptions options) {
        return Duplexes.pair(options);
    }
}
