package io.sluice.stream;

/** Node's lib/internal/streams/state.js: which highWaterMark option applies, and its validation. */
final class HighWaterMarks {
    private HighWaterMarks() {}

    /**
     * {@code highWaterMark} wins over the per-side key ({@code readableHighWaterMark} /
     * {@code writableHighWaterMark}), which only Duplex streams read; otherwise the default for
     * the side's mode. Node reports a bad value under the per-side name for a Duplex.
     */
    static long resolve(StreamOptions o, String duplexKey, Long duplexValue, boolean isDuplex, boolean objectMode) {
        Long hwm = o.highWaterMark != null ? o.highWaterMark : isDuplex ? duplexValue : null;
        if (hwm != null) {
            if (hwm < 0) {
                throw StreamErrors.invalidHighWaterMark(isDuplex ? duplexKey : "highWaterMark", hwm);
            }
            return hwm;
        }
        return Streams.getDefaultHighWaterMark(objectMode);
    }
}
