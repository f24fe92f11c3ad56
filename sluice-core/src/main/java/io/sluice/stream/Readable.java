package io.sluice.stream;

import io.sluice.event.Event;
import io.sluice.event.EventEmitter;
import io.sluice.event.Listener;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Node's {@code stream.Readable}: a source of chunks with highWaterMark read-ahead, three
 * consumption modes (flowing via {@code 'data'} or {@code pipe}, paused with {@code read()}, and
 * {@code 'readable'}-driven), and Node's exact event order (NODE-SEMANTICS §2.1–2.6).
 *
 * <h2>Implementing a source</h2>
 * Override {@link #doRead(long)} (Node's {@code _read}) or pass {@link StreamOptions#doRead}; call
 * {@link #push} with data, now or later, and {@link #pushEnd()} at EOF. {@code doRead} is not
 * called again until something has been pushed.
 *
 * <h2>Chunks</h2>
 * Byte mode (the default): push {@link io.sluice.buffer.Buffer}s, {@code byte[]}s or strings
 * (converted with the encoding given or {@code defaultEncoding}); consumers receive Buffers, or
 * strings once {@link #setEncoding} is set. objectMode: any non-null object, one per chunk.
 *
 * <h2>Differences from Node</h2>
 * <ul>
 *   <li>Java has no {@code undefined}: {@code null} is always EOF, so objectMode cannot carry a
 *       null (or undefined) item. {@code push(null)} and {@link #pushEnd()} both mean EOF.</li>
 *   <li>{@code read()} without an argument is Node's {@code read(undefined)}: everything buffered
 *       (one chunk while flowing).</li>
 *   <li>Every method must be called on the stream's event loop thread
 *       ({@link IllegalStateException} otherwise).</li>
 *   <li>{@code prependListener("data", ...)}, like Node's, does not start the flow; {@code on} and
 *       {@code once} do.</li>
 * </ul>
 *
 * @param <T> the chunk type consumers receive
 */
public class Readable<T> extends Stream implements ReadableStream<T> {

    private final StreamOptions.ReadHook<Object> readHook;
    private final StreamOptions.DestroyHook<Object> destroyHook;
    private final StreamOptions.CallbackHook<Object> constructHook;

    /** A byte-mode Readable with default options; override {@link #doRead}. */
    public Readable() {
        this(null);
    }

    /**
     * A Readable configured by {@code options} (null = defaults).
     *
     * @throws io.sluice.error.NodeTypeException {@code ERR_INVALID_ARG_VALUE} for a negative
     *     highWaterMark, {@code ERR_UNKNOWN_ENCODING} for an unknown encoding
     * @throws IllegalStateException if the calling thread runs no event loop
     */
    public Readable(StreamOptions options) {
        this(options, false);
        finishInit(options);
    }

    @SuppressWarnings("unchecked")
    Readable(StreamOptions options, boolean isDuplex) {
        this.r = new ReadableState(this, options, isDuplex);
        this.readHook = options == null ? null : (StreamOptions.ReadHook<Object>) options.read;
        if (!isDuplex && !Overrides.DO_READ.get(getClass())) {
            r.readHook = readHook;
        }
        this.destroyHook = options == null ? null : (StreamOptions.DestroyHook<Object>) options.destroy;
        this.constructHook = options == null ? null : (StreamOptions.CallbackHook<Object>) options.construct;
    }

    // ---------------------------------------------------------------------------------------------
    // Implementer hooks

    /**
     * Node's {@code _read(size)}: produce data by calling {@link #push}, synchronously or later.
     * The default calls the {@link StreamOptions#doRead} hook, or fails the stream with
     * {@code ERR_METHOD_NOT_IMPLEMENTED} if there is none. An exception thrown here destroys the
     * stream with it.
     *
     * @param size the current highWaterMark, advisory
     */
    protected void doRead(long size) {
        if (readHook == null) {
            throw StreamErrors.notImplemented("_read()");
        }
        readHook.read(this, size);
    }

    /**
     * Node's {@code _destroy(err, callback)}: release resources, then call {@code callback} with
     * {@code err} (or another error, which replaces it; null swallows it). The default calls the
     * {@link StreamOptions#doDestroy} hook, or {@code callback.done(err)}.
     */
    protected void doDestroy(Throwable err, Callback callback) {
        if (destroyHook != null) {
            destroyHook.destroy(this, err, callback);
        } else {
            callback.done(err);
        }
    }

    /**
     * Node's {@code _construct(callback)}: runs on the next tick after construction; reads (and
     * writes, for a Duplex) wait until {@code callback} is called; an error destroys the stream.
     * Only called if overridden or given as {@link StreamOptions#doConstruct}.
     */
    protected void doConstruct(Callback callback) {
        if (constructHook != null) {
            constructHook.run(this, callback);
        } else {
            callback.done();
        }
    }

    final void invokeRead(long size) {
        doRead(size);
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
    // Producer API

    /**
     * Adds {@code chunk} to the read queue (or emits it at once as {@code 'data'} when flowing
     * with an empty queue, outside {@code doRead}). A null chunk is EOF, as {@link #pushEnd()}.
     * In byte mode a Buffer, {@code byte[]} or String is accepted; anything else fails the stream
     * with {@code ERR_INVALID_ARG_TYPE} (as an {@code 'error'} event, not a throw). A push after
     * EOF fails it with {@code ERR_STREAM_PUSH_AFTER_EOF}; on a destroyed stream push is a no-op.
     * An empty chunk adds nothing and is not EOF.
     *
     * <p>Typed {@code Object} rather than {@code T}: byte-mode streams take Buffers, byte arrays
     * and strings alike, as Node's do.
     *
     * @return whether more may be pushed: false once the buffer reaches the highWaterMark, after
     *     EOF, or on error
     */
    public boolean push(Object chunk) {
        checkThread("push()");
        return r.push(chunk);
    }

    /**
     * Pushes a string in {@code encoding}; if the stream's encoding (setEncoding) is the same, the
     * string is queued as it is.
     *
     * @throws io.sluice.error.NodeTypeException {@code ERR_UNKNOWN_ENCODING}
     */
    public boolean push(String chunk, String encoding) {
        checkThread("push()");
        return chunk == null ? r.push(null) : r.pushString(chunk, encoding);
    }

    /** Signals EOF (Node's {@code push(null)}). @return false */
    public boolean pushEnd() {
        checkThread("push()");
        return r.push(null);
    }

    /**
     * Puts {@code chunk} back at the front of the read queue (Node's {@code unshift}). After
     * {@code 'end'} it fails the stream with {@code ERR_STREAM_UNSHIFT_AFTER_END_EVENT}. A null
     * chunk is EOF.
     *
     * @return as {@link #push}
     */
    public boolean unshift(Object chunk) {
        checkThread("unshift()");
        return r.unshift(chunk, null);
    }

    /** Unshifts a string in {@code encoding} (null = defaultEncoding). */
    public boolean unshift(String chunk, String encoding) {
        checkThread("unshift()");
        return r.unshift(chunk, encoding);
    }

    // ---------------------------------------------------------------------------------------------
    // Consumer API

    /**
     * Reads whatever is buffered (concatenated, in byte mode), or the next chunk when flowing, or
     * the next item in objectMode; null if nothing is buffered. May call {@code doRead} to refill
     * and emits {@code 'data'} for the returned chunk. Reading past EOF schedules {@code 'end'}.
     */
    @Override
    @SuppressWarnings("unchecked")
    public T read() {
        checkThread("read()");
        return (T) r.read(ReadableState.READ_ALL);
    }

    /**
     * Reads exactly {@code n} bytes (characters with an encoding), or null if fewer are buffered
     * and EOF has not been reached (then everything that is left). objectMode ignores {@code n}.
     * {@code read(0)} never returns data; it only triggers a refill, a {@code 'readable'} or
     * {@code 'end'}. A size above the highWaterMark raises it to the next power of two.
     *
     * @throws io.sluice.error.NodeRangeException {@code ERR_OUT_OF_RANGE} for {@code n} above 1 GiB
     */
    @Override
    @SuppressWarnings("unchecked")
    public T read(long n) {
        checkThread("read()");
        return (T) r.read(n);
    }

    /**
     * Decodes chunks as strings in {@code encoding} from now on (multibyte-safe, through a
     * {@link io.sluice.buffer.StringDecoder}); buffered bytes are re-decoded. Returns this stream,
     * retyped: its chunks are now strings.
     *
     * @throws io.sluice.error.NodeTypeException {@code ERR_UNKNOWN_ENCODING}
     */
    @SuppressWarnings("unchecked")
    public Readable<String> setEncoding(String encoding) {
        checkThread("setEncoding()");
        r.setEncoding(encoding);
        return (Readable<String>) (Readable<?>) this;
    }

    /** Stops flowing mode; emits {@code 'pause'} synchronously if it was not already paused. */
    @Override
    public Readable<T> pause() {
        checkThread("pause()");
        r.pause();
        return this;
    }

    /**
     * Starts flowing mode: {@code 'resume'} and the data follow on the next tick. Without a
     * consumer the data is discarded until {@code 'end'}. With a {@code 'readable'} listener the
     * stream stays in readable mode.
     */
    @Override
    public Readable<T> resume() {
        checkThread("resume()");
        r.resume();
        return this;
    }

    /** True after {@link #pause()} or while {@code 'readable'} listeners control the stream. */
    @Override
    public boolean isPaused() {
        checkThread("isPaused()");
        return r.isPaused();
    }

    /**
     * Pipes this stream into {@code dest}: writes every chunk, pauses while {@code dest} needs a
     * drain (waiting for every destination's drain), and ends {@code dest} when this stream ends.
     * A source error is not forwarded and does not end {@code dest}; a {@code dest} error unpipes.
     * Prefer {@code pipeline}, which destroys all streams on failure.
     *
     * @return {@code dest}
     */
    @Override
    public <D extends WritableStream<? super T>> D pipe(D dest) {
        return pipe(dest, true);
    }

    /** As {@link #pipe(WritableStream)}; with {@code end == false} dest stays open at the end. */
    @Override
    public <D extends WritableStream<? super T>> D pipe(D dest, boolean end) {
        checkThread("pipe()");
        Pipe.start(this, dest, end);
        return dest;
    }

    /** Stops piping into every destination and pauses (readableFlowing becomes false). */
    @Override
    public Readable<T> unpipe() {
        checkThread("unpipe()");
        Pipe.unpipe(this, null);
        return this;
    }

    /** Stops piping into {@code dest}; pauses if it was the last destination. */
    @Override
    public Readable<T> unpipe(WritableStream<?> dest) {
        checkThread("unpipe()");
        if (dest != null) {
            Pipe.unpipe(this, dest);
        }
        return this;
    }

    @Override
    public Readable<T> destroy() {
        super.destroy();
        return this;
    }

    @Override
    public Readable<T> destroy(Throwable err) {
        super.destroy(err);
        return this;
    }

    // ---------------------------------------------------------------------------------------------
    // Typed convenience listeners

    /** Adds a {@code 'data'} listener (starting the flow unless paused explicitly). */
    @SuppressWarnings("unchecked")
    public Readable<T> onData(Consumer<? super T> listener) {
        on(DATA, (Consumer<Object>) (Consumer<?>) listener);
        return this;
    }

    /** Adds an {@code 'end'} listener. */
    public Readable<T> onEnd(Runnable listener) {
        on(END, v -> listener.run());
        return this;
    }

    /** Adds a {@code 'readable'} listener (switching to readable mode). */
    public Readable<T> onReadable(Runnable listener) {
        on(READABLE, v -> listener.run());
        return this;
    }

    @Override
    public Readable<T> onClose(Runnable listener) {
        super.onClose(listener);
        return this;
    }

    @Override
    public Readable<T> onError(Consumer<? super Throwable> listener) {
        super.onError(listener);
        return this;
    }

    // ---------------------------------------------------------------------------------------------
    // Listener bookkeeping: 'data' starts the flow, 'readable' switches modes (Node's
    // Readable.prototype.on / removeListener). once and addListener funnel into on.

    @Override
    public <E> EventEmitter on(Event<E> event, Consumer<? super E> listener) {
        checkThread("on()");
        super.on(event, listener);
        afterAdd(event.key());
        return this;
    }

    @Override
    public EventEmitter on(String eventName, Listener listener) {
        checkThread("on()");
        super.on(eventName, listener);
        afterAdd(eventName);
        return this;
    }

    /** As EventEmitter's (a 'data' listener prepended does not start the flow, as in Node). */
    @Override
    public <E> EventEmitter prependListener(Event<E> event, Consumer<? super E> listener) {
        super.prependListener(event, listener);
        if ("data".equals(event.key())) {
            r.refreshSoleDataPipe();
        }
        return this;
    }

    /** As EventEmitter's (a 'data' listener prepended does not start the flow, as in Node). */
    @Override
    public EventEmitter prependListener(String eventName, Listener listener) {
        super.prependListener(eventName, listener);
        if ("data".equals(eventName)) {
            r.refreshSoleDataPipe();
        }
        return this;
    }

    @Override
    public <E> EventEmitter removeListener(Event<E> event, Consumer<? super E> listener) {
        checkThread("removeListener()");
        super.removeListener(event, listener);
        afterRemove(event.key());
        return this;
    }

    @Override
    public EventEmitter removeListener(String eventName, Listener listener) {
        checkThread("removeListener()");
        super.removeListener(eventName, listener);
        afterRemove(eventName);
        return this;
    }

    @Override
    public EventEmitter removeAllListeners() {
        checkThread("removeAllListeners()");
        super.removeAllListeners();
        r.refreshSoleDataPipe();
        loop.nextTick(r.updateReadableListeningTask);
        return this;
    }

    @Override
    public EventEmitter removeAllListeners(Object eventOrName) {
        checkThread("removeAllListeners()");
        super.removeAllListeners(eventOrName);
        Object key = eventOrName instanceof Event<?> e ? e.key() : eventOrName;
        if ("data".equals(key)) {
            r.refreshSoleDataPipe();
        }
        if ("readable".equals(key)) {
            loop.nextTick(r.updateReadableListeningTask);
        }
        return this;
    }

    private void afterAdd(Object key) {
        if ("data".equals(key)) {
            r.refreshSoleDataPipe();
            r.onDataListenerAdded();
        } else if ("readable".equals(key)) {
            r.onReadableListenerAdded();
        }
    }

    private void afterRemove(Object key) {
        if ("readable".equals(key)) {
            loop.nextTick(r.updateReadableListeningTask);
        } else if ("data".equals(key)) {
            r.refreshSoleDataPipe();
            r.onDataListenerRemoved();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Properties

    /** Whether the stream can still be read: not ended, errored or destroyed (Node's {@code readable}). */
    @Override
    public boolean readable() {
        checkThread("readable()");
        return (r.state & (ReadableState.DISABLED | SideState.DESTROYED | SideState.ERROR_EMITTED
                | ReadableState.END_EMITTED)) == 0;
    }

    /** True once {@code 'end'} has been emitted (not merely after EOF was pushed). */
    @Override
    public boolean readableEnded() {
        checkThread("readableEnded()");
        return r.has(ReadableState.END_EMITTED);
    }

    /** True if destroyed or errored before {@code 'end'}. */
    @Override
    public boolean readableAborted() {
        checkThread("readableAborted()");
        return !r.has(ReadableState.DISABLED) && r.has(SideState.DESTROYED | SideState.ERRORED)
                && !r.has(ReadableState.END_EMITTED);
    }

    /** True once data has been read or emitted as {@code 'data'}. */
    @Override
    public boolean readableDidRead() {
        checkThread("readableDidRead()");
        return r.has(ReadableState.DATA_EMITTED);
    }

    /** Node's tri-state: null (no consumer yet), TRUE (flowing) or FALSE (paused). */
    @Override
    public Boolean readableFlowing() {
        checkThread("readableFlowing()");
        return r.flowing();
    }

    @Override
    public long readableLength() {
        checkThread("readableLength()");
        return r.length;
    }

    @Override
    public long readableHighWaterMark() {
        checkThread("readableHighWaterMark()");
        return r.highWaterMark;
    }

    @Override
    public boolean readableObjectMode() {
        checkThread("readableObjectMode()");
        return r.objectMode();
    }

    /** Node's canonical name of the encoding ({@code "utf8"}, ...), or null. */
    @Override
    public String readableEncoding() {
        checkThread("readableEncoding()");
        return r.encoding == null ? null : r.encoding.nodeName();
    }

    // ---- Node's Readable.from and the stream helpers; the logic lives in Readables and Operators.

    /**
     * Node's {@code Readable.from(iterable)}: an objectMode Readable (highWaterMark 1) emitting
     * each element; strings and Buffers are single chunks; a null element errors with
     * {@code ERR_STREAM_NULL_VALUES}; destroying the stream closes an {@link AutoCloseable}
     * iterator. See {@link Readables#from(Object, StreamOptions)} for every accepted source.
     */
    public static <T> Readable<T> from(Iterable<? extends T> iterable) {
        return Readables.from(iterable);
    }

    /** {@link #from(Iterable)} over an iterator, pulled as the consumer reads. */
    public static <T> Readable<T> from(Iterator<? extends T> iterator) {
        return Readables.from(iterator);
    }

    /** {@link #from(Iterable)} over a {@code java.util.stream.Stream}, closed on end or destroy. */
    public static <T> Readable<T> from(java.util.stream.Stream<? extends T> stream) {
        return Readables.from(stream);
    }

    /** One chunk: the stage's value once it completes (an error destroys the stream). */
    public static <T> Readable<T> from(CompletionStage<? extends T> stage) {
        return Readables.from(stage);
    }

    /** Any source {@link Readables#from(Object, StreamOptions)} accepts, with options. */
    public static <T> Readable<T> from(Object source, StreamOptions options) {
        return Readables.from(source, options);
    }

    /**
     * A byte-mode Readable over a blocking {@link InputStream}, read on a virtual thread one
     * read at a time, never more than the highWaterMark ahead; closed on end or destroy.
     */
    public static Readable<io.sluice.buffer.Buffer> from(InputStream in) {
        return Readables.from(in);
    }

    /** A Readable fed by a {@link Flow.Publisher}, requesting no more than the highWaterMark. */
    public static <T> Readable<T> fromPublisher(Flow.Publisher<? extends T> publisher) {
        return Readables.fromPublisher(publisher);
    }

    /**
     * A blocking iterator over this stream for a thread other than its loop (a virtual thread):
     * Node's {@code for await}. Closing it early destroys the stream with an AbortError.
     *
     * @throws IllegalStateException when called where iterating would block the loop
     */
    public StreamIterator<T> iterator() {
        return Readables.iterator(this);
    }

    /** {@link #iterator()}; with {@code destroyOnReturn} false, closing it leaves the stream usable. */
    public StreamIterator<T> iterator(boolean destroyOnReturn) {
        return Readables.iterator(this, destroyOnReturn);
    }

    /** A blocking {@link InputStream} over this byte stream, for a thread other than its loop. */
    public InputStream toInputStream() {
        return Readables.toInputStream(this);
    }

    /** A single-subscriber {@link Flow.Publisher} over this stream, honouring demand. */
    public Flow.Publisher<T> toPublisher() {
        return Readables.toPublisher(this);
    }

    /** Node's {@code readable.map(fn)}: a new objectMode stream of {@code fn}'s results, in order. */
    public <R> Readable<R> map(Function<? super T, ? extends R> fn) {
        return Operators.map(this, fn);
    }

    /** {@link #map(Function)} with up to {@code concurrency} calls in flight; output keeps input order. */
    public <R> Readable<R> map(Function<? super T, ? extends R> fn, long concurrency) {
        return Operators.map(this, fn, concurrency);
    }

    /** Node's {@code readable.filter(fn)}. */
    public Readable<T> filter(Predicate<? super T> predicate) {
        return Operators.filter(this, predicate);
    }

    /** Node's {@code readable.flatMap(fn)}: {@code fn} may return an Iterable, Iterator, Stream or Readable. */
    public <R> Readable<R> flatMap(Function<? super T, ?> fn) {
        return Operators.flatMap(this, fn);
    }

    /** Node's {@code readable.take(n)}: the first {@code n} items, then this stream is destroyed. */
    public Readable<T> take(long n) {
        return Operators.take(this, n);
    }

    /** Node's {@code readable.drop(n)}: everything after the first {@code n} items. */
    public Readable<T> drop(long n) {
        return Operators.drop(this, n);
    }

    /** Node's {@code readable.forEach(fn)}: completes when the stream ends. */
    public CompletableFuture<Void> forEach(Consumer<? super T> action) {
        return Operators.forEach(this, action);
    }

    /** Node's {@code readable.toArray()}: every chunk (in byte mode the chunks, not one Buffer). */
    public CompletableFuture<List<T>> toList() {
        return Operators.toList(this);
    }

    /** Node's {@code readable.reduce(fn, initial)}. */
    public <R> CompletableFuture<R> reduce(BiFunction<? super R, ? super T, ?> fn, R initial) {
        return Operators.reduce(this, fn, initial);
    }

    /** Node's {@code readable.reduce(fn)}: an empty stream fails with {@code ERR_MISSING_ARGS}. */
    public CompletableFuture<T> reduce(BinaryOperator<T> fn) {
        return Operators.reduce(this, fn);
    }

    /** Node's {@code readable.some(fn)}: stops at the first match and destroys this stream. */
    public CompletableFuture<Boolean> some(Predicate<? super T> predicate) {
        return Operators.some(this, predicate);
    }

    /** Node's {@code readable.every(fn)}: stops at the first miss and destroys this stream. */
    public CompletableFuture<Boolean> every(Predicate<? super T> predicate) {
        return Operators.every(this, predicate);
    }

    /** Node's {@code readable.find(fn)}: the first match (null if none); destroys this stream on a match. */
    public CompletableFuture<T> find(Predicate<? super T> predicate) {
        return Operators.find(this, predicate);
    }
}
