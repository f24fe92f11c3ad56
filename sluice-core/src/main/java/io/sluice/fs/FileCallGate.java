package io.sluice.fs;

import io.sluice.stream.Callback;

/**
 * A file stream's one call in flight, and a destroy that must wait for it: the file must outlive
 * the read or write using it (Node's {@code kIsPerformingIO} / {@code kIoDone}), so a destroy that
 * arrives meanwhile is parked here and the stream closes once the call returns. Loop thread only.
 */
final class FileCallGate {
    /** How the stream closes its file: the error to report (may be null) and destroy's callback. */
    interface Closer {
        void close(Throwable err, Callback callback);
    }

    private final Closer closer;
    private boolean busy;
    private boolean closeWaiting;
    private Throwable closeErr;
    private Callback closeCallback;

    FileCallGate(Closer closer) {
        this.closer = closer;
    }

    /** A call is handed to the worker. */
    void begin() {
        busy = true;
    }

    /**
     * The call returned. True when a destroy waited for it: the caller then drops the call's
     * result, answers its own callback if it has one, and calls {@link #closeWaiting}.
     */
    boolean end() {
        busy = false;
        return closeWaiting;
    }

    /** Runs the close that waited, reporting destroy's own error, else {@code callErr} (may be null). */
    void closeWaiting(Throwable callErr) {
        Throwable err = closeErr != null ? closeErr : callErr;
        Callback callback = closeCallback;
        closeWaiting = false;
        closeErr = null;
        closeCallback = null;
        closer.close(err, callback);
    }

    /** A destroy: closes now when no call is in flight, otherwise once it returns. */
    void close(Throwable err, Callback callback) {
        if (busy) {
            closeWaiting = true;
            closeErr = err;
            closeCallback = callback;
        } else {
            closer.close(err, callback);
        }
    }
}
