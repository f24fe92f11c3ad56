package io.sluice.stream;

/**
 * The callback of {@link Transform#doTransform} and {@link Transform#doFlush}: Node's
 * {@code callback(err, data)}. A non-null {@code value} is pushed to the readable side before the
 * transform completes, as {@code this.push(data); callback(err)} would.
 *
 * @param <O> the readable side's chunk type
 */
@FunctionalInterface
public interface TransformCallback<O> {

    /** Pushes {@code value} if it is not null, then completes with {@code err} (null = success). */
    void done(Throwable err, O value);

    /** Completes successfully without pushing anything. */
    default void done() {
        done(null, null);
    }

    /** Completes with {@code err}, or successfully when it is null, without pushing anything. */
    default void done(Throwable err) {
        done(err, null);
    }
}
