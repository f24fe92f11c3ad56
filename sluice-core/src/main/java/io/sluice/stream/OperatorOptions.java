package io.sluice.stream;

import io.sluice.event.AbortSignal;

/**
 * Options of the stream helpers ({@link Operators}): Node's {@code { concurrency, highWaterMark,
 * signal }}. A mutable builder.
 */
public final class OperatorOptions {
    long concurrency = 1;
    Long highWaterMark;
    AbortSignal signal;

    /** Defaults: concurrency 1, highWaterMark {@code concurrency - 1}, no signal. */
    public OperatorOptions() {}

    /** A new builder. */
    public static OperatorOptions create() {
        return new OperatorOptions();
    }

    /**
     * How many calls of the function may be in flight at once (default 1); results are still
     * delivered in input order. Validated by the helper: {@code ERR_OUT_OF_RANGE} below 1.
     */
    public OperatorOptions concurrency(long n) {
        this.concurrency = n;
        return this;
    }

    /**
     * How many finished results may wait beyond those in flight (default {@code concurrency - 1},
     * as Node's). Validated by the helper: {@code ERR_OUT_OF_RANGE} below 0.
     */
    public OperatorOptions highWaterMark(long n) {
        this.highWaterMark = n;
        return this;
    }

    /** Aborting destroys the helper's stream (and its source) with an AbortError. */
    public OperatorOptions signal(AbortSignal signal) {
        this.signal = signal;
        return this;
    }
}
