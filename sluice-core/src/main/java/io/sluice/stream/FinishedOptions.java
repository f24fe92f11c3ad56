package io.sluice.stream;

import io.sluice.event.AbortSignal;

/**
 * Options of {@link Streams#finished}: Node's {@code finished(stream, { error, readable,
 * writable, signal, cleanup })}. A mutable builder; every setter returns {@code this}.
 */
public final class FinishedOptions {
    boolean error = true;
    Boolean readable;
    Boolean writable;
    AbortSignal signal;
    boolean cleanup;

    /** Default options: wait for every side the stream has, report errors. */
    public FinishedOptions() {}

    /** A new builder. */
    public static FinishedOptions create() {
        return new FinishedOptions();
    }

    /** false: an {@code 'error'} event does not complete the wait (default true). */
    public FinishedOptions error(boolean on) {
        this.error = on;
        return this;
    }

    /** Whether to wait for the readable side; unset = whether the stream has one. */
    public FinishedOptions readable(boolean on) {
        this.readable = on;
        return this;
    }

    /** Whether to wait for the writable side; unset = whether the stream has one. */
    public FinishedOptions writable(boolean on) {
        this.writable = on;
        return this;
    }

    /** Aborting stops waiting and completes with an {@code AbortError} (the stream is left alone). */
    public FinishedOptions signal(AbortSignal signal) {
        this.signal = signal;
        return this;
    }

    /** Future form only: remove the listeners once it completes (default false, as in Node). */
    public FinishedOptions cleanup(boolean on) {
        this.cleanup = on;
        return this;
    }
}
