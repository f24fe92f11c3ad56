package io.sluice.stream;

/**
 * The completion callback of {@link Pipelines#pipeline(java.util.List, PipelineCallback)}:
 * Node's {@code (err, value) => ...}. Called exactly once, on the loop thread, one tick after the
 * pipeline settled: with {@code err == null} and the value of a final sink function (or null)
 * on success, or with the first error.
 */
@FunctionalInterface
public interface PipelineCallback {

    /** @param err the first error, or null on success; @param value the sink function's value, or null */
    void done(Throwable err, Object value);
}
