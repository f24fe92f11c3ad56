package io.sluice.event;

/**
 * The web platform's {@code AbortController}, as Node provides it: owns an {@link AbortSignal}
 * and raises it. Give the {@link #signal()} to the operations to cancel (for example a stream's
 * {@code signal} option) and call {@link #abort()} to cancel them all.
 *
 * <p>Not thread-safe, like the signal: abort on the event loop that owns the operations.
 */
public final class AbortController {
    private final AbortSignal signal = new AbortSignal();

    /** A controller whose signal is not aborted. */
    public AbortController() {}

    /** The signal this controller raises; always the same object. */
    public AbortSignal signal() {
        return signal;
    }

    /**
     * Aborts the signal with Node's default reason, an {@link io.sluice.error.AbortException}
     * ({@code ABORT_ERR}) "This operation was aborted" (Node uses a {@code DOMException} named
     * {@code AbortError} with that message). See {@link #abort(Object)}.
     */
    public void abort() {
        signal.fire(AbortSignal.defaultReason());
    }

    /**
     * Aborts the signal with {@code reason} (null means the default reason, as {@code undefined}
     * does in Node): marks it aborted, then calls its listeners synchronously in registration
     * order. Does nothing if it is already aborted (the first reason stays).
     *
     * @throws RuntimeException or {@code Error}: the first exception thrown by a listener, after
     *     every listener has run (Node reports it as an uncaught exception instead)
     */
    public void abort(Object reason) {
        signal.fire(reason == null ? AbortSignal.defaultReason() : reason);
    }

    @Override
    public String toString() {
        return "AbortController { signal: " + signal + " }";
    }
}
