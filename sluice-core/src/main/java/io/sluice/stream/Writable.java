package io.sluice.stream;

import java.util.List;
import java.util.function.Consumer;

/**
 * Node's {@code stream.Writable}: a sink that accepts chunks one {@code doWrite} at a time,
 * buffers the rest, and signals backpressure through {@link #write}'s result and
 * {@code 'drain'}, with Node's exact event order (NODE-SEMANTICS §2.2, §2.3).
 *
 * <h2>Implementing a sink</h2>
 * Override {@link #doWrite} (and optionally {@link #doWritev}, {@link #doFinal},
 * {@link #doDestroy}, {@link #doConstruct}) or pass the hooks in {@link StreamOptions}. Call the
 * callback once per write, synchronously or later; a second call fails the stream with
 * {@code ERR_MULTIPLE_CALLBACK}.
 *
 * <h2>Differences from Node</h2>
 * <ul>
 *   <li>Chunks are {@code Object}: Buffers, {@code byte[]} and strings in byte mode, anything
 *       non-null in objectMode (Java has no {@code undefined}).</li>
 *   <li>Every method must be called on the stream's event loop thread.</li>
 * </ul>
 *
 * @param <T> the chunk type the sink expects
 */
public class Writable<T> extends Stream implements WritableStream<T> {

    private final StreamOptions.WriteHook<Object, Object> writeHook;
    private final StreamOptions.WritevHook<Object, Object> writevHook;
    private final StreamOptions.CallbackHook<Object> finalHook;
    private final StreamOptions.DestroyHook<Object> destroyHook;
    private final StreamOptions.CallbackHook<Object> constructHook;
    private final boolean hasWritev;
    private final boolean hasFinal;

    /** A byte-mode Writable with default options; override {@link #doWrite}. */
    public Writable() {
        this(null);
    }

    /**
     * A Writable configured by {@code options} (null = defaults).
     *
     * @throws io.sluice.error.NodeTypeException {@code ERR_INVALID_ARG_VALUE} for a negative
     *     highWaterMark, {@code ERR_UNKNOWN_ENCODING} for an unknown defaultEncoding
     * @throws IllegalStateException if the calling thread runs no event loop
     */
    @SuppressWarnings("unchecked")
    public Writable(StreamOptions options) {
        this.writeHook = options == null ? null : (StreamOptions.WriteHook<Object, Object>) options.write;
        this.writevHook = options == null ? null : (StreamOptions.WritevHook<Object, Object>) options.writev;
        this.finalHook = options == null ? null : (StreamOptions.CallbackHook<Object>) options.finalHook;
        this.destroyHook = options == null ? null : (StreamOptions.DestroyHook<Object>) options.destroy;
        this.constructHook = options == null ? null : (StreamOptions.CallbackHook<Object>) options.construct;
        this.hasWritev = writevHook != null || Overrides.WRITEV.get(getClass());
        this.hasFinal = finalHook != null || Overrides.FINAL.get(getClass());
        this.w = new WritableState(this, new WritableSide() {
            @Override
            void invokeWrite(Object chunk, String encoding, Callback cb) {
                doWrite(chunk, encoding, cb);
            }

            @Override
            @SuppressWarnings({"unchecked", "rawtypes"})
            void invokeWritev(List<WriteChunk<Object>> chunks, Callback cb) {
                doWritev((List) chunks, cb);
            }

            @Override
            boolean hasWritev() {
                return hasWritev;
            }

            @Override
            boolean hasFinal() {
                return hasFinal;
            }

            @Override
            void invokeFinal(Callback cb) {
                doFinal(cb);
            }
        }, options, false);
        if (!Overrides.DO_WRITE.get(getClass())) {
            w.writeHook = writeHook;
        }
        finishInit(options);
    }

    // ---------------------------------------------------------------------------------------------
    // Implementer hooks

    /**
     * Node's {@code _write(chunk, encoding, callback)}: handle one chunk, then call
     * {@code callback} once (null = success). In byte mode with {@code decodeStrings} the chunk is
     * a {@link io.sluice.buffer.Buffer} and the encoding {@code "buffer"}. The default uses the
     * {@link StreamOptions#doWrite} hook, else {@link #doWritev} with one entry if it is
     * implemented, else throws {@code ERR_METHOD_NOT_IMPLEMENTED} (out of {@code write()}, as in
     * Node). An exception thrown here propagates out of {@code write()}.
     */
    @SuppressWarnings("unchecked")
    protected void doWrite(Object chunk, String encoding, Callback callback) {
        if (writeHook != null) {
            writeHook.write(this, chunk, encoding, callback);
        } else if (hasWritev) {
            doWritev(List.of(new WriteChunk<>((T) chunk, encoding)), callback);
        } else {
            throw StreamErrors.notImplemented("_write()");
        }
    }

    /**
     * Node's {@code _writev(chunks, callback)}: handle several buffered chunks at once (after
     * {@code cork}/{@code uncork}, or while a write was in flight). Used only if overridden or
     * given as {@link StreamOptions#doWritev}.
     */
    protected void doWritev(List<WriteChunk<T>> chunks, Callback callback) {
        if (writevHook == null) {
            throw StreamErrors.notImplemented("_writev()");
        }
        @SuppressWarnings({"unchecked", "rawtypes"})
        List<WriteChunk<Object>> list = (List) chunks;
        writevHook.writev(this, list, callback);
    }

    /**
     * Node's {@code _final(callback)}: runs once every write has completed, before
     * {@code 'finish'}, which waits for {@code callback}; an error there fails the stream instead.
     * Used only if overridden or given as {@link StreamOptions#doFinal}.
     */
    protected void doFinal(Callback callback) {
        if (finalHook != null) {
            finalHook.run(this, callback);
        } else {
            callback.done();
        }
    }

    /** As {@link Readable#doDestroy}. */
    protected void doDestroy(Throwable err, Callback callback) {
        if (destroyHook != null) {
            destroyHook.destroy(this, err, callback);
        } else {
            callback.done(err);
        }
    }

    /** As {@link Readable#doConstruct}: writes are buffered until {@code callback} is called. */
    protected void doConstruct(Callback callback) {
        if (constructHook != null) {
            constructHook.run(this, callback);
        } else {
            callback.done();
        }
    }

    @Override
    final void invokeDestroy(Throwable err, Callback cb) {
        doDestroy(err, cb);
    }

    @Override
    final void invokeConstruct(Callback cb) {
        doConstruct(cb);
    }

    @Override
    final boolean hasConstruct() {
        return constructHook != null || Overrides.CONSTRUCT.get(getClass());
    }

    // ---------------------------------------------------------------------------------------------
    // Writer API

    /**
     * Writes {@code chunk} (a string is encoded with {@code defaultEncoding}).
     *
     * @return false once the written-but-unhandled length reaches the highWaterMark (computed
     *     after a synchronous doWrite), or if the stream is destroyed or errored: wait for
     *     {@code 'drain'}. The data is accepted either way.
     * @throws io.sluice.error.NodeTypeException {@code ERR_STREAM_NULL_VALUES} for null,
     *     {@code ERR_INVALID_ARG_TYPE} for a non-Buffer/byte[]/String in byte mode. A write after
     *     {@code end()} is not thrown: {@code ERR_STREAM_WRITE_AFTER_END} goes to the callback and
     *     {@code 'error'}; after destroy, {@code ERR_STREAM_DESTROYED} goes to the callback only.
     */
    @Override
    public boolean write(Object chunk) {
        checkThread("write()");
        return w.write(chunk, null, null) == Boolean.TRUE;
    }

    /** As {@link #write(Object)}; {@code callback} runs (never synchronously) once it is handled. */
    @Override
    public boolean write(Object chunk, Callback callback) {
        checkThread("write()");
        return w.write(chunk, null, callback) == Boolean.TRUE;
    }

    /**
     * Writes a string in {@code encoding} ({@code "buffer"} is accepted for Buffers).
     *
     * @throws io.sluice.error.NodeTypeException {@code ERR_UNKNOWN_ENCODING}
     */
    public boolean write(Object chunk, String encoding) {
        checkThread("write()");
        return w.write(chunk, encoding, null) == Boolean.TRUE;
    }

    /** Writes a chunk in {@code encoding}, with a callback. */
    public boolean write(Object chunk, String encoding, Callback callback) {
        checkThread("write()");
        return w.write(chunk, encoding, callback) == Boolean.TRUE;
    }

    /**
     * Ends the stream: no more writes; {@code 'finish'} follows once everything is written.
     * Calling it again before finish is allowed.
     */
    @Override
    public Writable<T> end() {
        checkThread("end()");
        w.end(null, null, null);
        return this;
    }

    /**
     * Ends the stream; {@code callback} runs just before {@code 'finish'}, or with the error
     * ({@code ERR_STREAM_ALREADY_FINISHED} after finish, {@code ERR_STREAM_DESTROYED} after destroy).
     *
     * <p>Differs from Node 20 after a {@code destroy()} without an error: Node queues the callback on a
     * finish list that the destroy has already emptied, so it never runs (or, with a write still in
     * flight, runs after {@code 'close'} and that write's callback); Sluice always calls it, on the next
     * tick, with {@code ERR_STREAM_DESTROYED}, so code waiting on it is not left hanging.
     */
    @Override
    public Writable<T> end(Callback callback) {
        checkThread("end()");
        w.end(null, null, callback);
        return this;
    }

    /** Writes {@code chunk}, then ends. */
    public Writable<T> end(Object chunk) {
        checkThread("end()");
        w.end(chunk, null, null);
        return this;
    }

    /** Writes {@code chunk}, then ends with a callback. */
    public Writable<T> end(Object chunk, Callback callback) {
        checkThread("end()");
        w.end(chunk, null, callback);
        return this;
    }

    /** Writes {@code chunk} in {@code encoding}, then ends. */
    public Writable<T> end(Object chunk, String encoding, Callback callback) {
        checkThread("end()");
        w.end(chunk, encoding, callback);
        return this;
    }

    /** Buffers writes until a matching {@link #uncork()}; calls nest. */
    public void cork() {
        checkThread("cork()");
        w.cork();
    }

    /** Undoes one {@link #cork()}; the last one flushes the buffer (to doWritev if present). */
    public void uncork() {
        checkThread("uncork()");
        w.uncork();
    }

    /**
     * Sets the encoding for strings written without one. As in Node, the name is lower-cased and kept
     * as that name: with {@code decodeStrings(false)} doWrite receives it unchanged.
     *
     * @throws io.sluice.error.NodeTypeException {@code ERR_UNKNOWN_ENCODING}
     */
    public Writable<T> setDefaultEncoding(String encoding) {
        checkThread("setDefaultEncoding()");
        w.setDefaultEncoding(encoding);
        return this;
    }

    /** Node's {@code pipe} on a Writable: fails the stream with {@code ERR_STREAM_CANNOT_PIPE}. */
    public void pipe(WritableStream<?> dest) {
        checkThread("pipe()");
        errorOrDestroy(StreamErrors.cannotPipe(), false);
    }

    @Override
    public Writable<T> destroy() {
        super.destroy();
        return this;
    }

    @Override
    public Writable<T> destroy(Throwable err) {
        super.destroy(err);
        return this;
    }

    /** Adds a {@code 'drain'} listener. */
    public Writable<T> onDrain(Runnable listener) {
        on(DRAIN, v -> listener.run());
        return this;
    }

    /** Adds a {@code 'finish'} listener. */
    public Writable<T> onFinish(Runnable listener) {
        on(FINISH, v -> listener.run());
        return this;
    }

    @Override
    public Writable<T> onClose(Runnable listener) {
        super.onClose(listener);
        return this;
    }

    @Override
    public Writable<T> onError(Consumer<? super Throwable> listener) {
        super.onError(listener);
        return this;
    }

    // ---------------------------------------------------------------------------------------------
    // Properties

    /** Whether {@code write()} may be called: not ended, errored or destroyed. */
    @Override
    public boolean writable() {
        checkThread("writable()");
        return w.writableFlag();
    }

    /** True as soon as {@code end()} has been called. */
    @Override
    public boolean writableEnded() {
        checkThread("writableEnded()");
        return w.has(WritableState.ENDING);
    }

    /** True once {@code 'finish'} is being emitted. */
    @Override
    public boolean writableFinished() {
        checkThread("writableFinished()");
        return w.has(WritableState.FINISHED);
    }

    @Override
    public boolean writableNeedDrain() {
        checkThread("writableNeedDrain()");
        return w.needDrain();
    }

    @Override
    public long writableLength() {
        checkThread("writableLength()");
        return w.length;
    }

    @Override
    public long writableHighWaterMark() {
        checkThread("writableHighWaterMark()");
        return w.highWaterMark;
    }

    @Override
    public boolean writableObjectMode() {
        checkThread("writableObjectMode()");
        return w.objectMode();
    }

    @Override
    public int writableCorked() {
        checkThread("writableCorked()");
        return w.corked;
    }

    /** True if destroyed or errored before {@code 'finish'}. */
    @Override
    public boolean writableAborted() {
        checkThread("writableAborted()");
        return w.aborted();
    }

    /**
     * A byte-mode Writable over a blocking {@link java.io.OutputStream}, written on a virtual
     * thread (writev batches what is buffered); the stream is closed on finish or destroy.
     */
    public static Writable<io.sluice.buffer.Buffer> from(java.io.OutputStream out) {
        return Writables.from(out);
    }

    /** A blocking {@link java.io.OutputStream} over this stream that waits for 'drain'; for a thread other than its loop. */
    public java.io.OutputStream toOutputStream() {
        return Writables.toOutputStream(this);
    }

    /** A {@link java.util.concurrent.Flow.Subscriber} writing into this stream, requesting as it drains. */
    public java.util.concurrent.Flow.Subscriber<T> toSubscriber() {
        return Writables.toSubscriber(this);
    }
}
