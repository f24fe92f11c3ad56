package io.sluice.stream;

/**
 * The lifecycle bits both sides of a stream carry, at the same positions in
 * {@link ReadableState} and {@link WritableState} so that destroy/construct code
 * ({@link Stream}) can treat either side alike. Node keeps these flags on each side too
 * ({@code _readableState.destroyed}, {@code _writableState.destroyed}) and sets both.
 */
abstract class SideState {
    static final int OBJECT_MODE = 1;
    /** 'error' was emitted (or would have been): never emit it twice. */
    static final int ERROR_EMITTED = 1 << 1;
    static final int AUTO_DESTROY = 1 << 2;
    static final int EMIT_CLOSE = 1 << 3;
    /** destroy() was called; set synchronously, before the destroy hook runs. */
    static final int DESTROYED = 1 << 4;
    /** The destroy hook has completed. */
    static final int CLOSED = 1 << 5;
    /** 'close' was emitted, or would have been with emitClose. */
    static final int CLOSE_EMITTED = 1 << 6;
    /** {@link #errored} holds the first error; no further reads, writes or 'data'. */
    static final int ERRORED = 1 << 7;
    /** Not waiting for doConstruct; async construction is opt-in, so this starts set. */
    static final int CONSTRUCTED = 1 << 8;

    int state;
    Throwable errored;
    long highWaterMark;
    long length;

    final boolean has(int bits) {
        return (state & bits) != 0;
    }

    final boolean objectMode() {
        return (state & OBJECT_MODE) != 0;
    }

    /** Records the first error only, as Node's checkError does. */
    final void setErroredIfNone(Throwable err) {
        if ((state & ERRORED) == 0) {
            errored = err;
            state |= ERRORED;
        }
    }

    final Throwable erroredOrNull() {
        return (state & ERRORED) != 0 ? errored : null;
    }
}
