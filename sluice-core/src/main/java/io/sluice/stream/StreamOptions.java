package io.sluice.stream;

import io.sluice.event.AbortSignal;
import java.util.List;

/**
 * Construction options for every stream class, named as Node names them
 * ({@code highWaterMark}, {@code objectMode}, {@code encoding}, ...), plus the implementer hooks
 * as lambdas (Node's "simplified construction": {@code new Readable({ read() {...} })}).
 *
 * <p>A mutable builder: each setter returns {@code this}. Options that do not apply to a class
 * are ignored by it, as Node ignores unknown keys (for example {@code decodeStrings} on a
 * Readable). Values are validated when the stream is constructed, not here: a negative
 * highWaterMark makes the constructor throw {@code ERR_INVALID_ARG_VALUE}, an unknown
 * {@code defaultEncoding} {@code ERR_UNKNOWN_ENCODING}.
 *
 * <p>Each hook receives the stream as its first argument ({@code self}), standing in for Node's
 * {@code this}. The self type is inferred from the lambda; declare it explicitly when the hook
 * needs a subclass's methods, e.g. {@code .doWrite((Duplex<String, String> self, chunk, enc, cb) -> ...)}.
 * A hook set here wins over nothing; a subclass that overrides the protected {@code doXxx}
 * method decides itself whether to consult the option (the base implementations do).
 */
public final class StreamOptions {

    /** Node's {@code read(size)}: asked for more data; push it now or later. */
    @FunctionalInterface
    public interface ReadHook<S> {
        void read(S self, long size);
    }

    /** Node's {@code write(chunk, encoding, callback)}. */
    @FunctionalInterface
    public interface WriteHook<S, T> {
        void write(S self, T chunk, String encoding, Callback callback);
    }

    /** Node's {@code writev(chunks, callback)}. */
    @FunctionalInterface
    public interface WritevHook<S, T> {
        void writev(S self, List<WriteChunk<T>> chunks, Callback callback);
    }

    /** Node's {@code final(callback)}, {@code construct(callback)}: one completion callback. */
    @FunctionalInterface
    public interface CallbackHook<S> {
        void run(S self, Callback callback);
    }

    /** Node's {@code destroy(err, callback)}. */
    @FunctionalInterface
    public interface DestroyHook<S> {
        void destroy(S self, Throwable err, Callback callback);
    }

    /** Node's {@code transform(chunk, encoding, callback)}. */
    @FunctionalInterface
    public interface TransformHook<S, I, O> {
        void transform(S self, I chunk, String encoding, TransformCallback<O> callback);
    }

    /** Node's {@code flush(callback)}. */
    @FunctionalInterface
    public interface FlushHook<S, O> {
        void flush(S self, TransformCallback<O> callback);
    }

    Long highWaterMark;
    Long readableHighWaterMark;
    Long writableHighWaterMark;
    boolean objectMode;
    boolean readableObjectMode;
    boolean writableObjectMode;
    String encoding;
    String defaultEncoding;
    boolean decodeStrings = true;
    boolean emitClose = true;
    boolean autoDestroy = true;
    boolean allowHalfOpen = true;
    boolean readable = true;
    boolean writable = true;
    AbortSignal signal;

    ReadHook<?> read;
    WriteHook<?, ?> write;
    WritevHook<?, ?> writev;
    CallbackHook<?> finalHook;
    CallbackHook<?> construct;
    DestroyHook<?> destroy;
    TransformHook<?, ?, ?> transform;
    FlushHook<?, ?> flush;

    /** Empty options: every value at Node's default. */
    public StreamOptions() {}

    /** A new builder; the same as {@code new StreamOptions()}. */
    public static StreamOptions create() {
        return new StreamOptions();
    }

    /**
     * The buffering threshold, in bytes (or characters once an encoding is set), or in items in
     * objectMode. Applies to both sides of a Duplex and wins over the per-side values, as in
     * Node. Must be ≥ 0 (checked at construction); values above 2^31 are legal.
     */
    public StreamOptions highWaterMark(long hwm) {
        this.highWaterMark = hwm;
        return this;
    }

    /** Duplex/Transform only: the readable side's threshold (ignored when highWaterMark is set). */
    public StreamOptions readableHighWaterMark(long hwm) {
        this.readableHighWaterMark = hwm;
        return this;
    }

    /** Duplex/Transform only: the writable side's threshold (ignored when highWaterMark is set). */
    public StreamOptions writableHighWaterMark(long hwm) {
        this.writableHighWaterMark = hwm;
        return this;
    }

    /** Chunks are arbitrary non-null objects, counted one each (both sides of a Duplex). */
    public StreamOptions objectMode(boolean on) {
        this.objectMode = on;
        return this;
    }

    /** Duplex/Transform only: objectMode for the readable side alone. */
    public StreamOptions readableObjectMode(boolean on) {
        this.readableObjectMode = on;
        return this;
    }

    /** Duplex/Transform only: objectMode for the writable side alone. */
    public StreamOptions writableObjectMode(boolean on) {
        this.writableObjectMode = on;
        return this;
    }

    /** Readable side: decode chunks to strings, as if {@code setEncoding(encoding)} were called. */
    public StreamOptions encoding(String encoding) {
        this.encoding = encoding;
        return this;
    }

    /** The encoding assumed for strings pushed or written without one (default {@code "utf8"}). */
    public StreamOptions defaultEncoding(String encoding) {
        this.defaultEncoding = encoding;
        return this;
    }

    /** Writable side: convert strings to Buffers before {@code doWrite} (default true). */
    public StreamOptions decodeStrings(boolean on) {
        this.decodeStrings = on;
        return this;
    }

    /** Emit {@code 'close'} once destroyed (default true). */
    public StreamOptions emitClose(boolean on) {
        this.emitClose = on;
        return this;
    }

    /** Destroy the stream by itself after {@code 'end'} / {@code 'finish'} (default true). */
    public StreamOptions autoDestroy(boolean on) {
        this.autoDestroy = on;
        return this;
    }

    /** Duplex only: when false, the readable side's end ends the writable side (default true). */
    public StreamOptions allowHalfOpen(boolean on) {
        this.allowHalfOpen = on;
        return this;
    }

    /** Duplex only: false starts the readable side already ended. */
    public StreamOptions readable(boolean on) {
        this.readable = on;
        return this;
    }

    /** Duplex only: false starts the writable side already finished. */
    public StreamOptions writable(boolean on) {
        this.writable = on;
        return this;
    }

    /** Aborting the signal destroys the stream with an {@code AbortError} (ABORT_ERR). */
    public StreamOptions signal(AbortSignal signal) {
        this.signal = signal;
        return this;
    }

    /** The {@code doRead} implementation. */
    public <S extends Readable<?>> StreamOptions doRead(ReadHook<S> hook) {
        this.read = hook;
        return this;
    }

    /** The {@code doWrite} implementation. */
    public <S extends Stream, T> StreamOptions doWrite(WriteHook<S, T> hook) {
        this.write = hook;
        return this;
    }

    /** The {@code doWritev} implementation (batched writes after {@code cork}/{@code uncork}). */
    public <S extends Stream, T> StreamOptions doWritev(WritevHook<S, T> hook) {
        this.writev = hook;
        return this;
    }

    /** The {@code doFinal} implementation: runs after the last write, before {@code 'finish'}. */
    public <S extends Stream> StreamOptions doFinal(CallbackHook<S> hook) {
        this.finalHook = hook;
        return this;
    }

    /** The {@code doConstruct} implementation: runs on the next tick, before any read or write. */
    public <S extends Stream> StreamOptions doConstruct(CallbackHook<S> hook) {
        this.construct = hook;
        return this;
    }

    /** The {@code doDestroy} implementation; the callback's error replaces (or with null swallows) {@code err}. */
    public <S extends Stream> StreamOptions doDestroy(DestroyHook<S> hook) {
        this.destroy = hook;
        return this;
    }

    /** Transform only: the {@code doTransform} implementation. */
    public <S extends Transform<?, ?>, I, O> StreamOptions doTransform(TransformHook<S, I, O> hook) {
        this.transform = hook;
        return this;
    }

    /** Transform only: the {@code doFlush} implementation. */
    public <S extends Transform<?, ?>, O> StreamOptions doFlush(FlushHook<S, O> hook) {
        this.flush = hook;
        return this;
    }

    StreamOptions copy() {
        StreamOptions o = new StreamOptions();
        o.highWaterMark = highWaterMark;
        o.readableHighWaterMark = readableHighWaterMark;
        o.writableHighWaterMark = writableHighWaterMark;
        o.objectMode = objectMode;
        o.readableObjectMode = readableObjectMode;
        o.writableObjectMode = writableObjectMode;
        o.encoding = encoding;
        o.defaultEncoding = defaultEncoding;
        o.decodeStrings = decodeStrings;
        o.emitClose = emitClose;
        o.autoDestroy = autoDestroy;
        o.allowHalfOpen = allowHalfOpen;
        o.readable = readable;
        o.writable = writable;
        o.signal = signal;
        o.read = read;
        o.write = write;
        o.writev = writev;
        o.finalHook = finalHook;
        o.construct = construct;
        o.destroy = destroy;
        o.transform = transform;
        o.flush = flush;
        return o;
    }
}
