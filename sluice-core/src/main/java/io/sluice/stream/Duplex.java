package io.sluice.stream;

import java.util.List;
import java.util.function.Consumer;

/**
 * Node's {@code stream.Duplex}: a {@link Readable} and a writable side in one object, each with
 * its own buffer, highWaterMark and objectMode. Java has single inheritance, so this class
 * extends {@code Readable<R>} and implements {@link WritableStream}{@code <W>} with the same
 * writable state machine as {@link Writable} (and the same methods and hooks).
 *
 * <p>{@code allowHalfOpen} (default true): when false, the readable side's {@code 'end'} calls
 * {@code end()} on the writable side; the reverse never happens. {@code 'close'} (with
 * autoDestroy) waits for both sides: {@code 'end'} and {@code 'finish'}. {@code destroy()} ends
 * both sides at once. Options {@code readable(false)} / {@code writable(false)} start a side
 * already ended.
 *
 * @param <R> the readable side's chunk type
 * @param <W> the writable side's chunk type
 */
public class Duplex<R, W> extends Readable<R> implements WritableStream<W> {

    private final StreamOptions.WriteHook<Object, Object> writeHook;
    private final StreamOptions.WritevHook<Object, Object> writevHook;
    final StreamOptions.CallbackHook<Object> finalHook;
    private final boolean hasWritev;
    private final boolean hasUserFinal;

    /** A byte-mode Duplex with default options; override {@link #doRead} and {@link #doWrite}. */
    public Duplex() {
        this(null);
    }

    /**
     * A Duplex configured by {@code options} (null = defaults); per-side options
     * ({@code readableObjectMode}, {@code writableHighWaterMark}, ...) apply.
     *
     * @throws io.sluice.error.NodeTypeException {@code ERR_INVALID_ARG_VALUE} for a negative
     *     highWaterMark (named after the per-side option)
     * @throws IllegalStateException if the calling thread runs no event loop
     */
    @SuppressWarnings("unchecked")
    public Duplex(StreamOptions options) {
        super(options, true);
        this.writeHook = options == null ? null : (StreamOptions.WriteHook<Object, Object>) options.write;
        this.writevHook = options == null ? null : (StreamOptions.WritevHook<Object, Object>) options.writev;
        this.finalHook = options == null ? null : (StreamOptions.CallbackHook<Object>) options.finalHook;
        this.hasWritev = writevHook != null || Overrides.WRITEV.get(getClass());
        this.hasUserFinal = finalHook != null || Overrides.FINAL.get(getClass());
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
                return sideHasFinal();
            }

            @Override
            void invokeFinal(Callback cb) {
                sideFinal(cb);
            }

            @Override
            void beforePrefinish() {
                sideBeforePrefinish();
            }
        }, options, true);
        if (options != null) {
            this.allowHalfOpen = options.allowHalfOpen;
            if (!options.readable) {
                r.state |= ReadableState.DISABLED | ReadableState.ENDED | ReadableState.END_EMITTED;
            }
            if (!options.writable) {
                w.state |= WritableState.DISABLED | WritableState.ENDING | WritableState.ENDED | WritableState.FINISHED;
            }
        }
        finishInit(options);
    }

    /** Whether a user doFinal exists (hook option or override). */
    final boolean hasUserFinal() {
        return hasUserFinal;
    }

    // Overridden by Transform, whose flush runs as its final step.
    boolean sideHasFinal() {
        return hasUserFinal;
    }

    void sideFinal(Callback cb) {
        doFinal(cb);
    }

    void sideBeforePrefinish() {}

    // ---------------------------------------------------------------------------------------------
    // Writable-side hooks (as in Writable)

    /** As {@link Writable#doWrite}. */
    @SuppressWarnings("unchecked")
    protected void doWrite(Object chunk, String encoding, Callback callback) {
        if (writeHook != null) {
            writeHook.write(this, chunk, encoding, callback);
        } else if (hasWritev) {
            doWritev(List.of(new WriteChunk<>((W) chunk, encoding)), callback);
        } else {
            throw StreamErrors.notImplemented("_write()");
        }
    }

    /** As {@link Writable#doWritev}. */
    protected void doWritev(List<WriteChunk<W>> chunks, Callback callback) {
        if (writevHook == null) {
            throw StreamErrors.notImplemented("_writev()");
        }
        @SuppressWarnings({"unchecked", "rawtypes"})
        List<WriteChunk<Object>> list = (List) chunks;
        writevHook.writev(this, list, callback);
    }

    /** As {@link Writable#doFinal}. */
    protected void doFinal(Callback callback) {
        if (finalHook != null) {
            finalHook.run(this, callback);
        } else {
            callback.done();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Writer API (as in Writable)

    /** As {@link Writable#write(Object)}. */
    @Override
    public boolean write(Object chunk) {
        checkThread("write()");
        return w.write(chunk, null, null) == Boolean.TRUE;
    }

    /** As {@link Writable#write(Object, Callback)}. */
    @Override
    public boolean write(Object chunk, Callback callback) {
        checkThread("write()");
        return w.write(chunk, null, callback) == Boolean.TRUE;
    }

    /** As {@link Writable#write(Object, String)}. */
    public boolean write(Object chunk, String encoding) {
        checkThread("write()");
        return w.write(chunk, encoding, null) == Boolean.TRUE;
    }

    /** As {@link Writable#write(Object, String, Callback)}. */
    public boolean write(Object chunk, String encoding, Callback callback) {
        checkThread("write()");
        return w.write(chunk, encoding, callback) == Boolean.TRUE;
    }

    /** As {@link Writable#end()}. */
    @Override
    public Duplex<R, W> end() {
        checkThread("end()");
        w.end(null, null, null);
        return this;
    }

    /** As {@link Writable#end(Callback)}. */
    @Override
    public Duplex<R, W> end(Callback callback) {
        checkThread("end()");
        w.end(null, null, callback);
        return this;
    }

    /** As {@link Writable#end(Object)}. */
    public Duplex<R, W> end(Object chunk) {
        checkThread("end()");
        w.end(chunk, null, null);
        return this;
    }

    /** As {@link Writable#end(Object, Callback)}. */
    public Duplex<R, W> end(Object chunk, Callback callback) {
        checkThread("end()");
        w.end(chunk, null, callback);
        return this;
    }

    /** As {@link Writable#end(Object, String, Callback)}. */
    public Duplex<R, W> end(Object chunk, String encoding, Callback callback) {
        checkThread("end()");
        w.end(chunk, encoding, callback);
        return this;
    }

    /** As {@link Writable#cork()}. */
    public void cork() {
        checkThread("cork()");
        w.cork();
    }

    /** As {@link Writable#uncork()}. */
    public void uncork() {
        checkThread("uncork()");
        w.uncork();
    }

    /** As {@link Writable#setDefaultEncoding}. */
    public Duplex<R, W> setDefaultEncoding(String encoding) {
        checkThread("setDefaultEncoding()");
        w.setDefaultEncoding(encoding);
        return this;
    }

    @Override
    public Duplex<R, W> destroy() {
        super.destroy();
        return this;
    }

    @Override
    public Duplex<R, W> destroy(Throwable err) {
        super.destroy(err);
        return this;
    }

    @Override
    public Duplex<R, W> onClose(Runnable listener) {
        super.onClose(listener);
        return this;
    }

    @Override
    public Duplex<R, W> onError(Consumer<? super Throwable> listener) {
        super.onError(listener);
        return this;
    }

    /** Adds a {@code 'drain'} listener. */
    public Duplex<R, W> onDrain(Runnable listener) {
        on(DRAIN, v -> listener.run());
        return this;
    }

    /** Adds a {@code 'finish'} listener. */
    public Duplex<R, W> onFinish(Runnable listener) {
        on(FINISH, v -> listener.run());
        return this;
    }

    // ---------------------------------------------------------------------------------------------
    // Writable-side properties

    @Override
    public boolean writable() {
        checkThread("writable()");
        return w.writableFlag();
    }

    @Override
    public boolean writableEnded() {
        checkThread("writableEnded()");
        return w.has(WritableState.ENDING);
    }

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

    @Override
    public boolean writableAborted() {
        checkThread("writableAborted()");
        return w.aborted();
    }

    /** Whether {@code allowHalfOpen} is on (the default). */
    public boolean allowHalfOpen() {
        checkThread("allowHalfOpen()");
        return allowHalfOpen;
    }

    // ---- Node's Duplex.from. These hide Readable's static from(...) overloads, so that
    // Duplex.from(x) always gives a Duplex, as in Node.

    /**
     * Node's {@code Duplex.from(x)}: a stream, a {@code {readable, writable}} pair, an Iterable,
     * Iterator, Stream, CompletionStage or function; see {@link Duplexes#from(Object)}.
     */
    public static Duplex<Object, Object> from(Object body) {
        return Duplexes.from(body);
    }

    /** {@link #from(Object)} for an Iterable: a read-only Duplex of its elements. */
    public static <T> Duplex<T, Object> from(Iterable<? extends T> iterable) {
        return cast(Duplexes.from(iterable));
    }

    /** {@link #from(Object)} for an Iterator. */
    public static <T> Duplex<T, Object> from(java.util.Iterator<? extends T> iterator) {
        return cast(Duplexes.from(iterator));
    }

    /** {@link #from(Object)} for a {@code java.util.stream.Stream}. */
    public static <T> Duplex<T, Object> from(java.util.stream.Stream<? extends T> stream) {
        return cast(Duplexes.from(stream));
    }

    /** {@link #from(Object)} for a CompletionStage. */
    public static <T> Duplex<T, Object> from(java.util.concurrent.CompletionStage<? extends T> stage) {
        return cast(Duplexes.from(stage));
    }

    /** {@link #from(Object)} for an InputStream: a read-only byte Duplex. */
    public static Duplex<io.sluice.buffer.Buffer, Object> from(java.io.InputStream in) {
        return cast(Duplexes.from(in));
    }

    // The element type is the caller's promise, as for Readable.from: Duplexes builds untyped streams.
    @SuppressWarnings("unchecked")
    private static <T> Duplex<T, Object> cast(Duplex<Object, Object> d) {
        return (Duplex<T, Object>) (Duplex<?, ?>) d;
    }

    /** Node's {@code Duplex.from({readable, writable})}: one Duplex over two streams. */
    public static Duplex<Object, Object> from(ReadableStream<?> readable, WritableStream<?> writable) {
        return Duplexes.from(readable, writable);
    }

    /** A blocking {@link java.io.OutputStream} over the writable side; see {@link Writable#toOutputStream()}. */
    public java.io.OutputStream toOutputStream() {
        return Writables.toOutputStream(this);
    }

    /** A {@link java.util.concurrent.Flow.Subscriber} writing into the writable side. */
    public java.util.concurrent.Flow.Subscriber<W> toSubscriber() {
        return Writables.toSubscriber(this);
    }
}
