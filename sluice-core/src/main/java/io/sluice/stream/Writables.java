package io.sluice.stream;

import io.sluice.buffer.Buffer;
import java.io.OutputStream;
import java.util.Objects;
import java.util.concurrent.Flow;

/**
 * Bridges between Writables and blocking or reactive Java producers: a Writable over an
 * {@link OutputStream}, an OutputStream view of a Writable, and a {@link Flow.Subscriber} that
 * writes into a Writable. Backpressure holds across each: a slow Writable blocks (or withholds
 * demand from) the producer instead of buffering beyond its highWaterMark.
 */
public final class Writables {
    private Writables() {}

    /**
     * A byte-mode Writable over a blocking {@link OutputStream}: writes run on virtual threads
     * (several buffered writes go in one hop), {@code end()} flushes before {@code 'finish'}, and
     * the OutputStream is closed when the Writable is destroyed, which autoDestroy does right
     * after {@code 'finish'}. An IOException destroys the Writable with it. Call on the loop
     * thread that will own the stream.
     */
    public static Writable<Buffer> from(OutputStream out) {
        return new OutputStreamWritable(Objects.requireNonNull(out, "out"), null);
    }

    /** {@link #from(OutputStream)} with options (highWaterMark, decodeStrings...; byte mode). */
    public static Writable<Buffer> from(OutputStream out, StreamOptions options) {
        return new OutputStreamWritable(Objects.requireNonNull(out, "out"), options);
    }

    /**
     * A blocking {@link OutputStream} that writes into {@code writable} (byte mode), for a
     * thread that is not the stream's loop. {@code write} copies the bytes and returns at once
     * while less than one highWaterMark is waiting in the Writable, and blocks otherwise (Node's
     * "wait for 'drain'"); {@code flush()} waits until everything written has been handled;
     * {@code close()} calls {@code end()} and waits for {@code 'finish'}. A stream error is
     * thrown as an {@link java.io.IOException} (cause: the error) by the next call. Calling
     * {@code write}/{@code flush}/{@code close} on the loop thread throws
     * {@link IllegalStateException} (it would deadlock). Creation: any thread. Each write is one
     * task on the loop; wrap in a {@link java.io.BufferedOutputStream} for tiny writes.
     */
    public static OutputStream toOutputStream(WritableStream<?> writable) {
        return new WritableOutputStream(writable);
    }

    /**
     * A {@link Flow.Subscriber} that writes every item into {@code writable}: it requests one
     * item at a time and the next one only once {@code write()} returned true or
     * {@code 'drain'} followed, so at most one highWaterMark plus one item waits in the
     * Writable. {@code onComplete} ends the Writable, {@code onError} destroys it with the
     * error, and a Writable that fails or closes first cancels the subscription. Signals may come
     * from any thread; they are handed to the loop in order. Passes the Reactive Streams TCK.
     * Any thread.
     */
    public static <T> Flow.Subscriber<T> toSubscriber(WritableStream<? super T> writable) {
        return new WritableSubscriber<>(writable);
    }
}
