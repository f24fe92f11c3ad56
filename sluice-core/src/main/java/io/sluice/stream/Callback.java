package io.sluice.stream;

/**
 * Node's error-first completion callback, {@code (err) => ...}: {@code done(null)} reports success,
 * {@code done(err)} a failure. Used for write and end callbacks and for the implementer hooks
 * ({@code doWrite}, {@code doFinal}, {@code doDestroy}, {@code doConstruct}).
 *
 * <p>The callbacks a stream hands to its hooks may be called once; a second call is reported
 * as {@code ERR_MULTIPLE_CALLBACK} on the stream, as in Node.
 */
@FunctionalInterface
public interface Callback {

    /** Completes with {@code err}, or successfully when {@code err} is null. */
    void done(Throwable err);

    /** Completes successfully: the same as {@code done(null)}. */
    default void done() {
        done(null);
    }
}
