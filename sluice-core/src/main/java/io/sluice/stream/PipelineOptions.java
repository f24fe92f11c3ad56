package io.sluice.stream;

import io.sluice.event.AbortSignal;

/**
 * Options of {@link Pipelines#pipeline}: Node's {@code { signal, end }}. A mutable builder. As
 * the last argument of the varargs form it is recognised by type.
 */
public final class PipelineOptions {
    AbortSignal signal;
    boolean end = true;

    /** Defaults: no signal, end the destination. */
    public PipelineOptions() {}

    /** A new builder. */
    public static PipelineOptions create() {
        return new PipelineOptions();
    }

    /** Aborting fails the pipeline with an AbortError (the reason as cause) and destroys every stage. */
    public PipelineOptions signal(AbortSignal signal) {
        this.signal = signal;
        return this;
    }

    /** false: the destination is not ended when the source ends (it stays writable). Default true. */
    public PipelineOptions end(boolean end) {
        this.end = end;
        return this;
    }
}
