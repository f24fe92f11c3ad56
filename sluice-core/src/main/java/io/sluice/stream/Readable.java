package io.sluice.stream;

import io.sluice.error.UnhandledErrorException;
import io.sluice.event.Event;
import io.sluice.event.EventEmitter;
import io.sluice.event.Listener;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
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
     * <p>Differs from Node when an encoding is set and {@code chunk} is bytes: Sluice decodes them
     * in the stream's encoding, so the queue holds only strings; Node stores the raw Buffer among
     * the strings, counts it in bytes and later joins it as utf8 (hex text followed by utf8 text).
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
    // Legacy streams

    /**
     * Node's {@code readable.wrap(oldStream)}: makes this stream read from a pre-streams2 source,
     * an emitter of {@code 'data'} and {@code 'end'}. If {@code oldStream} is a
     * {@link ReadableStream} its {@code pause()} and {@code resume()} apply backpressure, as
     * Node's {@code stream.pause}/{@code stream.resume} methods do; any other emitter is wrapped
     * without backpressure. Equivalent to {@link #wrap(EventEmitter, Runnable, Runnable)} with
     * those two methods (or two nulls).
     *
     * @return this stream
     * @throws NullPointerException if {@code oldStream} is null
     * @throws IllegalStateException off this stream's event loop thread
     */
    public Readable<T> wrap(EventEmitter oldStream) {
        if (oldStream instanceof ReadableStream<?> s) {
            return wrap(oldStream, s::pause, s::resume);
        }
        return wrap(oldStream, null, null);
    }

    /**
     * Node's {@code readable.wrap(oldStream)} with the old stream's {@code pause} and
     * {@code resume} given explicitly (either may be null, as Node's may be undefined).
     * Adds listeners to {@code oldStream}, by Node's event names, that are never removed:
     * <ul>
     *   <li>{@code 'data'} (first argument: the chunk) is {@link #push pushed}; when push returns
     *       false and {@code pause} is given, {@code pause} is run and the wrap remembers it;</li>
     *   <li>{@code 'end'} pushes EOF;</li>
     *   <li>{@code 'error'} fails this stream as a push error would (Node's errorOrDestroy):
     *       destroyed with the error under autoDestroy, else the error is emitted;</li>
     *   <li>{@code 'close'} and {@code 'destroy'} {@link #destroy()} this stream.</li>
     * </ul>
     * From now on this stream's reads (Node's {@code _read}) run {@code resume} if the wrap
     * paused the old stream, and nothing else. That replaces the read logic for good: it wins
     * over an overridden {@link #doRead} and over {@link StreamOptions#doRead}, as Node's own
     * {@code _read} property wins over the prototype's. Chunks are checked as {@link #push}
     * checks them: in byte mode a chunk other than a Buffer, {@code byte[]} or String fails this
     * stream with {@code ERR_INVALID_ARG_TYPE}; a null chunk is EOF.
     *
     * <p>Threads: {@code oldStream} must emit on this stream's event loop thread; a listener
     * called on another thread throws {@link IllegalStateException} out of the old stream's
     * {@code emit}, before touching this stream. {@code pause} and {@code resume} are called on
     * the loop thread.
     *
     * <p>How it differs from Node:
     * <ul>
     *   <li>Node also copies every other function of the old stream onto this one (so that a
     *       wrapped filter or duplex keeps its {@code write}, ...); Java objects cannot grow
     *       methods, so nothing is proxied: keep a reference to the old stream instead.</li>
     *   <li>{@code pause} and {@code resume} are fixed when wrapping; Node looks
     *       {@code stream.pause}/{@code stream.resume} up at each use.</li>
     *   <li>A {@code 'data'} emitted without an argument is Node's {@code push(undefined)}: in
     *       byte mode it is pushed as an empty chunk, which behaves the same (no data, not EOF,
     *       the same return value); in objectMode it is ignored, because Java has no
     *       {@code undefined} item (Node would queue one).</li>
     *   <li>An {@code 'error'} whose argument is not a {@link Throwable} is wrapped in an
     *       {@link UnhandledErrorException} carrying it as
     *       {@link UnhandledErrorException#context() context} (Java's
     *       {@code 'error'} carries Throwables); a missing or null argument is Node's
     *       {@code undefined}: destroyed without an error under autoDestroy, else nothing.</li>
     *   <li>Wrapping a second source works as in Node: the newest wrap's read wins, and the
     *       first source, once paused, is never resumed by this stream.</li>
     * </ul>
     *
     * @param oldStream the legacy source
     * @param pause stops the old stream's {@code 'data'} (null = it cannot be paused)
     * @param resume restarts it (null = never resumed by this stream)
     * @return this stream
     * @throws NullPointerException if {@code oldStream} is null
     * @throws IllegalStateException off this stream's event loop thread
     */
    public Readable<T> wrap(EventEmitter oldStream, Runnable pause, Runnable resume) {
        checkThread("wrap()");
        Objects.requireNonNull(oldStream, "oldStream");
        LegacySource source = new LegacySource(this, pause, resume);
        oldStream.on("data", source::onData);
        oldStream.on("end", args -> {
            checkThread("wrap()'s 'end'");
            pushEnd();
        });
        oldStream.on("error", source::onError);
        oldStream.on("close", args -> {
            checkThread("wrap()'s 'close'");
            destroy();
        });
        oldStream.on("destroy", args -> {
            checkThread("wrap()'s 'destroy'");
            destroy();
        });
        // Node assigns this._read, an own property that shadows every prototype's _read. The read
        // path calls r.readHook, when set, in place of invokeRead/doRead, so setting it makes the
        // wrap's read win over a subclass's doRead and the options' hook alike, at no cost to the
        // path itself.
        r.readHook = source;
        return this;
    }

    /** One {@link #wrap}: Node's closure, with its {@code paused} flag, and the replacement {@code _read}. */
    private static final class LegacySource implements StreamOptions.ReadHook<Object> {
        private static final byte[] NO_BYTES = new byte[0];

        private final Readable<?> stream;
        private final Runnable pause;
        private final Runnable resume;
        /** The wrap paused the old stream and has not resumed it yet. */
        private boolean paused;

        LegacySource(Readable<?> stream, Runnable pause, Runnable resume) {
            this.stream = stream;
            this.pause = pause;
            this.resume = resume;
        }

        void onData(Object... args) {
            stream.checkThread("wrap()'s 'data'");
            Object chunk;
            if (args.length > 0) {
                chunk = args[0];
            } else if (stream.r.objectMode()) {
                return;
            } else {
                chunk = NO_BYTES;
            }
            if (!stream.push(chunk) && pause != null) {
                paused = true;
                pause.run();
            }
        }

        void onError(Object... args) {
            stream.checkThread("wrap()'s 'error'");
            Object value = args.length > 0 ? args[0] : null;
            Throwable err = value == null || value instanceof Throwable
                    ? (Throwable) value : new UnhandledErrorException(value);
            stream.errorOrDestroy(err, false);
        }

        @Override
        public void read(Object self, long size) {
            if (paused && resume != null) {
                paused = false;
                resume.run();
            }
        }
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
     * retyped: its chunks are now strings. {@link #readableEncoding()} is then the normalised name.
     *
     * <p>Differs from Node in objectMode: buffered Buffer items are decoded one by one and other
     * items kept, where Node concatenates every buffered item into one string (and then counts its
     * characters as items). After this call, as in Node, each pushed item is decoded: bytes become
     * strings, strings pass, anything else makes push throw {@code ERR_INVALID_ARG_TYPE}.
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

    /**
     * The encoding: the option as given ('UTF-8' stays so, as in Node), the normalised name after
     * setEncoding, or null.
     */
    @Override
    public String readableEncoding() {
        checkThread("readableEncoding()");
        return r.encodingName;
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
