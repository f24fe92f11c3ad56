package io.sluice.stream;

import io.sluice.buffer.Buffer;
import io.sluice.error.Errors;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.stream.BaseStream;

/**
 * Creating Readables from Java sources, and bridging Readables to blocking Java consumers (Node's
 * {@code Readable.from} and async iteration, plus the JDK's {@link InputStream}, {@link Iterator}
 * and {@link Flow} shapes). Every method here must be called on the event loop thread that will
 * own the stream, except where it says "any thread".
 *
 * <h2>Readable.from rules (Node's, NODE-SEMANTICS §2.12)</h2>
 * <ol>
 *   <li>objectMode with highWaterMark 1 unless options say otherwise: one item per chunk, and
 *       the source runs one item ahead of the consumer (pitfall 13).</li>
 *   <li>A String or {@link Buffer} is one chunk, never split.</li>
 *   <li>An item that is a {@link CompletionStage} is awaited; its value is the chunk.</li>
 *   <li>A null item fails the stream with {@code ERR_STREAM_NULL_VALUES} (TypeError).</li>
 *   <li>An exception thrown by the source destroys the stream with it.</li>
 *   <li>Destroying the stream closes the source: an {@link AutoCloseable} iterator, or the
 *       {@link java.util.stream.Stream} (Node's {@code iterator.return()}).</li>
 * </ol>
 *
 * <p>These are the bodies of {@code Readable.from(...)}, {@code readable.iterator()} and friends;
 * the stream classes delegate here.
 */
public final class Readables {
    private Readables() {}

    // ---------------------------------------------------------------------------------------------
    // from(...)

    /**
     * Node's {@code Readable.from(iterable)}: a Readable (objectMode, highWaterMark 1) of the
     * items of {@code source}, accepted as any of: {@link Iterable}, {@link Iterator},
     * {@link BaseStream} (a {@code java.util.stream.Stream}; closed on destroy),
     * {@link CompletionStage} (its value is the single item), {@link String} or {@link Buffer}
     * (one chunk), {@code byte[]} (one Buffer chunk), {@link InputStream} (see
     * {@link #from(InputStream)}) or {@link Flow.Publisher} (see {@link #fromPublisher}).
     *
     * <p>Differs from Node: an Iterable, Iterator or Stream is pulled synchronously, where Node
     * awaits each item. Items, order and backpressure are the same; the stream ends (or fails)
     * in fewer ticks, which can reorder its events against other streams' (and, in a pipeline
     * failing elsewhere too, which error comes first).
     *
     * @throws io.sluice.error.NodeTypeException {@code ERR_INVALID_ARG_TYPE} for null or any other type
     * @throws IllegalStateException if the calling thread runs no event loop
     */
    public static <T> Readable<T> from(Object source) {
        return fromAny(source, objectOptions(null));
    }

    /**
     * {@link #from(Object)} with options. The stream is always in objectMode here (use
     * {@link #fromBytes} for byte mode, which Node selects with {@code objectMode: false});
     * highWaterMark defaults to 1.
     */
    public static <T> Readable<T> from(Object source, StreamOptions options) {
        return fromAny(source, objectOptions(options));
    }

    /** {@link #from(Object)} for an {@link Iterable}: typed convenience. */
    public static <T> Readable<T> from(Iterable<? extends T> iterable) {
        return from((Object) iterable);
    }

    /** {@link #from(Object)} for an {@link Iterator}: typed convenience (closed on destroy if AutoCloseable). */
    public static <T> Readable<T> from(Iterator<? extends T> iterator) {
        return from((Object) iterator);
    }

    /** {@link #from(Object)} for a {@code java.util.stream.Stream}, which is closed when the Readable is destroyed. */
    public static <T> Readable<T> from(java.util.stream.Stream<? extends T> stream) {
        return from((Object) stream);
    }

    /** {@link #from(Object)} for a CompletionStage: one item, its value (a failure destroys the stream). */
    public static <T> Readable<T> from(CompletionStage<? extends T> stage) {
        return from((Object) stage);
    }

    /**
     * Node's {@code Readable.from(x, {objectMode: false})}: a byte-mode Readable whose chunks
     * are Buffers (strings are encoded as UTF-8 by {@code push}); {@code options} may set the
     * highWaterMark (default: {@link Streams#getDefaultHighWaterMark}(false)) or an encoding.
     * Items that are not Buffers, {@code byte[]} or strings fail the stream with
     * {@code ERR_INVALID_ARG_TYPE}.
     */
    public static Readable<Buffer> fromBytes(Object source, StreamOptions options) {
        StreamOptions o = options == null ? new StreamOptions() : options.copy();
        o.objectMode = false;
        return fromAny(source, o);
    }

    @SuppressWarnings("unchecked")
    static <T> Readable<T> fromAny(Object source, StreamOptions options) {
        if (source instanceof String || source instanceof Buffer || source instanceof byte[]) {
            Object chunk = source instanceof byte[] b ? Buffer.wrap(b) : source;
            return new FromIterator<>(List.of(chunk).iterator(), null, options);
        }
        if (source instanceof InputStream in) {
            return (Readable<T>) new InputStreamReadable(in, options.objectMode ? null : options);
        }
        if (source instanceof Flow.Publisher<?> p) {
            return (Readable<T>) new PublisherReadable<>(p, options);
        }
        if (source instanceof CompletionStage<?> stage) {
            return new FromIterator<>(List.<Object>of(stage).iterator(), null, options);
        }
        if (source instanceof Iterable<?> it && !(source instanceof NodeStream)) {
            return new FromIterator<>(it.iterator(), null, options);
        }
        if (source instanceof Iterator<?> it) {
            return new FromIterator<>(it, null, options);
        }
        if (source instanceof BaseStream<?, ?> s) {
            return new FromIterator<>(s.iterator(), s, options);
        }
        throw Errors.invalidArgType("iterable", "an instance of Iterable", source);
    }

    static StreamOptions objectOptions(StreamOptions options) {
        StreamOptions o = options == null ? new StreamOptions() : options.copy();
        o.objectMode = true;
        if (o.highWaterMark == null && o.readableHighWaterMark == null) {
            o.highWaterMark = 1L;
        }
        return o;
    }

    /**
     * A byte-mode Readable over a blocking {@link InputStream}: each read runs on a virtual
     * thread ({@link io.sluice.loop.EventLoop#offload}), one at a time, asking for at most what is
     * missing up to the highWaterMark (default 65536), so the stream never holds more than one
     * highWaterMark. EOF ends the stream; an {@code IOException} destroys it with that error;
     * destroying the stream closes the InputStream (on a virtual thread).
     */
    public static Readable<Buffer> from(InputStream in) {
        return new InputStreamReadable(Objects.requireNonNull(in, "in"), null);
    }

    /** {@link #from(InputStream)} with options (highWaterMark, encoding are honoured; byte mode always). */
    public static Readable<Buffer> from(InputStream in, StreamOptions options) {
        return new InputStreamReadable(Objects.requireNonNull(in, "in"), options);
    }

    /**
     * A Readable (objectMode, highWaterMark 16 unless set) fed by a {@link Flow.Publisher}: it
     * subscribes at once and requests only what fits below the highWaterMark, so a fast
     * publisher is held back by a slow reader. {@code onError} destroys the stream with the
     * error, {@code onComplete} ends it, and destroying the stream cancels the subscription.
     * Items arriving on other threads are handed to the loop in batches.
     */
    public static <T> Readable<T> fromPublisher(Flow.Publisher<? extends T> publisher) {
        return fromPublisher(publisher, null);
    }

    /** {@link #fromPublisher(Flow.Publisher)} with options (objectMode is forced on). */
    public static <T> Readable<T> fromPublisher(Flow.Publisher<? extends T> publisher, StreamOptions options) {
        Objects.requireNonNull(publisher, "publisher");
        StreamOptions o = options == null ? new StreamOptions() : options.copy();
        o.objectMode = true;
        return new PublisherReadable<>(publisher, o);
    }

    // ---------------------------------------------------------------------------------------------
    // Bridges out

    /**
     * A blocking iterator over the stream's chunks, for a thread that is NOT the stream's loop
     * (typically a virtual thread): Node's {@code for await (const chunk of readable)}. See
     * {@link StreamIterator} for the rules. Any thread.
     */
    public static <T> StreamIterator<T> iterator(ReadableStream<T> stream) {
        return iterator(stream, true);
    }

    /**
     * {@link #iterator(ReadableStream)} with Node's {@code destroyOnReturn}: false leaves the
     * stream usable after an early {@code close()}, so a later iterator continues with the
     * remaining chunks, and leaves a stream that ended alone (a Duplex keeps its writable side);
     * only an error still destroys it (with autoDestroy).
     */
    public static <T> StreamIterator<T> iterator(ReadableStream<T> stream, boolean destroyOnReturn) {
        return new BlockingIterator<>(new BlockingReader(stream, destroyOnReturn), destroyOnReturn);
    }

    /**
     * A blocking {@link InputStream} over a byte-mode stream (Buffer or String chunks, strings
     * as UTF-8), for a thread that is not the stream's loop. It takes at most one highWaterMark
     * of data from the stream per hop, so the stream's source stays within its own bound.
     * {@code read} returns -1 at {@code 'end'}, throws an {@link java.io.IOException} with the
     * stream's error as cause on failure; {@code close()} before the end destroys the stream
     * (AbortError, as breaking out of Node's for-await), even before the first read, and may be
     * called from any thread: a read blocked in another thread, and every call after it, throws
     * {@code IOException("Stream closed")}. An interrupt of a blocked read throws
     * {@link java.io.InterruptedIOException} (the interrupt status is kept) and destroys the
     * stream. Any thread; read on the loop thread throws {@link IllegalStateException} (it would
     * deadlock).
     */
    public static InputStream toInputStream(ReadableStream<?> stream) {
        return new ReadableInputStream(new BlockingReader(stream));
    }

    /**
     * A {@link Flow.Publisher} of the stream's chunks (single subscriber: a second one gets
     * {@code onError(IllegalStateException)}). Demand drives reading: nothing is read before
     * {@code request(n)}, at most n chunks are delivered. Signals are delivered on the stream's
     * loop thread. {@code cancel} destroys the stream (AbortError if unfinished); the stream's
     * error becomes {@code onError}, its end {@code onComplete}. Passes the Reactive Streams TCK.
     * Any thread.
     */
    public static <T> Flow.Publisher<T> toPublisher(ReadableStream<T> stream) {
        return new ReadablePublisher<>(stream);
    }
}
