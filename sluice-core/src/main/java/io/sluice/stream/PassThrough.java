package io.sluice.stream;

/**
 * Node's {@code stream.PassThrough}: a {@link Transform} that forwards every chunk unchanged,
 * with the usual buffering and backpressure on both sides.
 *
 * @param <T> the chunk type
 */
public class PassThrough<T> extends Transform<T, T> {

    /** A byte-mode PassThrough. */
    public PassThrough() {
        this(null);
    }

    /** A PassThrough configured by {@code options} (null = defaults). */
    public PassThrough(StreamOptions options) {
        super(options);
    }

    @Override
    protected void doTransform(T chunk, String encoding, TransformCallback<T> callback) {
        callback.done(null, chunk);
    }
}
