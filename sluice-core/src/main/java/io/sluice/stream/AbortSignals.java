package io.sluice.stream;

import io.sluice.event.AbortSignal;

/** Node's {@code addAbortSignal(signal, stream)}: aborting destroys the stream with an AbortError. */
final class AbortSignals {
    private AbortSignals() {}

    static void addAbortSignal(AbortSignal signal, Stream stream) {
        addAbortSignal(signal, stream, true);
    }

    /**
     * {@code withCause}: the AbortError's cause is the signal's reason, as Node's addAbortSignal
     * sets it; the stream helpers' generators throw a bare {@code new AbortError()} instead.
     */
    static void addAbortSignal(AbortSignal signal, Stream stream, boolean withCause) {
        Runnable onAbort = () -> stream.destroyImpl(
                StreamErrors.abort(withCause && signal.reason() instanceof Throwable t ? t : null), null);
        if (signal.aborted()) {
            onAbort.run();
        } else {
            signal.addEventListener(onAbort);
            // Stop listening once the stream is done, so a long-lived signal does not pin it.
            EndOfStream.eos(stream, null, err -> signal.removeEventListener(onAbort));
        }
    }
}
