package io.sluice.stream;

import io.sluice.event.AbortSignal;

/** Node's {@code addAbortSignal(signal, stream)}: aborting destroys the stream with an AbortError. */
final class AbortSignals {
    private AbortSignals() {}

    static void addAbortSignal(AbortSignal signal, Stream stream) {
        Runnable onAbort = () -> stream.destroyImpl(
                StreamErrors.abort(signal.reason() instanceof Throwable t ? t : null), null);
        if (signal.aborted()) {
            onAbort.run();
        } else {
            signal.addEventListener(onAbort);
            // Stop listening once the stream is done, so a long-lived signal does not pin it.
            EndOfStream.eos(stream, null, err -> signal.removeEventListener(onAbort));
        }
    }
}
