package io.sluice.stream;

import io.sluice.event.Event;

/**
 * The readable side of a stream, as {@code pipe}, {@code finished} and {@code pipeline} see it:
 * implemented by {@link Readable}, {@link Duplex}, {@link Transform} and {@link PassThrough}.
 * The event constants are Node's event names; {@code Event.of("data")} and {@code "data"} are the
 * same event.
 *
 * @param <T> the chunk type: {@link io.sluice.buffer.Buffer} in byte mode, {@code String} once an
 *     encoding is set, any non-null object in objectMode
 */
public interface ReadableStream<T> extends NodeStream {

    /** {@code 'data'}: a chunk, delivered in flowing mode or from {@code read()}. */
    Event<Object> DATA = Event.of("data");
    /** {@code 'readable'}: data (or the end) can be read with {@code read()}. */
    Event<Void> READABLE = Event.of("readable");
    /** {@code 'end'}: the consumer has read past the last chunk. */
    Event<Void> END = Event.of("end");
    /** {@code 'pause'}: {@code pause()} left flowing mode (synchronous). */
    Event<Void> PAUSE = Event.of("pause");
    /** {@code 'resume'}: flowing mode started (one tick after {@code resume()}). */
    Event<Void> RESUME = Event.of("resume");

    /** Reads everything buffered (one chunk in flowing mode or objectMode), or null; see {@link Readable#read()}. */
    T read();

    /** Reads {@code n} bytes / characters (objectMode: one item), or null; see {@link Readable#read(long)}. */
    T read(long n);

    /** Leaves flowing mode. */
    ReadableStream<T> pause();

    /** Enters flowing mode (on the next tick). */
    ReadableStream<T> resume();

    /** Whether the stream is explicitly paused (or controlled by 'readable' listeners). */
    boolean isPaused();

    /** Pipes into {@code dest}, ending it when this stream ends; returns {@code dest}. */
    <D extends WritableStream<? super T>> D pipe(D dest);

    /** Pipes into {@code dest}; {@code end == false} leaves it open when this stream ends. */
    <D extends WritableStream<? super T>> D pipe(D dest, boolean end);

    /** Detaches every destination. */
    ReadableStream<T> unpipe();

    /** Detaches {@code dest}. */
    ReadableStream<T> unpipe(WritableStream<?> dest);

    /** Whether reading is still possible: not ended, errored or destroyed. */
    boolean readable();

    /** Whether {@code 'end'} has been emitted. */
    boolean readableEnded();

    /** Whether the stream was destroyed or errored before {@code 'end'}. */
    boolean readableAborted();

    /** Whether data was ever read or emitted. */
    boolean readableDidRead();

    /** {@code null} before any consumer, then {@code TRUE} (flowing) or {@code FALSE} (paused). */
    Boolean readableFlowing();

    /** Bytes (characters with an encoding, items in objectMode) buffered. */
    long readableLength();

    /** The readable highWaterMark. */
    long readableHighWaterMark();

    /** Whether the readable side is in objectMode. */
    boolean readableObjectMode();

    /**
     * The encoding: the {@code encoding} option as given, or the normalised name
     * {@code setEncoding} set; else null.
     */
    String readableEncoding();
}
