package io.sluice.stream;

import io.sluice.event.Event;

/**
 * The writable side of a stream, as {@code pipe}, {@code finished} and {@code pipeline} see it:
 * implemented by {@link Writable}, {@link Duplex}, {@link Transform} and {@link PassThrough}.
 *
 * <p>{@code write} takes {@code Object}: byte-mode streams accept Buffers, byte arrays and
 * strings alike, as Node's do, and a Java {@code write(T)} next to {@code write(String)} would
 * make {@code write("x")} ambiguous for a {@code WritableStream<String>}.
 *
 * @param <T> the chunk type: {@link io.sluice.buffer.Buffer} (or {@code String}) in byte mode,
 *     any non-null object in objectMode
 */
public interface WritableStream<T> extends NodeStream {

    /** {@code 'drain'}: a {@code write()} returned false and the buffer has emptied since. */
    Event<Void> DRAIN = Event.of("drain");
    /** {@code 'finish'}: {@code end()} was called and every write (and doFinal) completed. */
    Event<Void> FINISH = Event.of("finish");
    /** {@code 'prefinish'}: all writes done, before doFinal's completion leads to 'finish'. */
    Event<Void> PREFINISH = Event.of("prefinish");
    /** {@code 'pipe'}: a readable started piping into this stream; the value is that source. */
    Event<ReadableStream<?>> PIPE = Event.of("pipe");
    /** {@code 'unpipe'}: a source stopped piping into this stream; the value is that source. */
    Event<ReadableStream<?>> UNPIPE = Event.of("unpipe");

    /** Writes {@code chunk}; false once the buffer reaches the highWaterMark. */
    boolean write(Object chunk);

    /** Writes {@code chunk}; {@code callback} completes when it has been handled. */
    boolean write(Object chunk, Callback callback);

    /** Ends the stream. */
    WritableStream<T> end();

    /** Ends the stream; {@code callback} runs at 'finish' or with the error. */
    WritableStream<T> end(Callback callback);

    /** Whether {@code write()} may still be called: not ended, errored or destroyed. */
    boolean writable();

    /** Whether {@code end()} has been called. */
    boolean writableEnded();

    /** Whether {@code 'finish'} has been emitted. */
    boolean writableFinished();

    /** Whether a {@code write()} returned false and {@code 'drain'} has not followed yet. */
    boolean writableNeedDrain();

    /** Bytes (items in objectMode) written but not yet handled. */
    long writableLength();

    /** The writable highWaterMark. */
    long writableHighWaterMark();

    /** Whether the writable side is in objectMode. */
    boolean writableObjectMode();

    /** The cork nesting depth. */
    int writableCorked();

    /** Whether the stream was destroyed or errored before 'finish'. */
    boolean writableAborted();
}
