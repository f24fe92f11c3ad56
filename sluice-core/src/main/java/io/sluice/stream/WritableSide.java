package io.sluice.stream;

import java.util.List;

/**
 * How {@link WritableState} reaches the protected hooks of whichever class owns it
 * ({@link Writable} or {@link Duplex}, which Java cannot give a common superclass for that side).
 * Each stream binds one instance at construction, so the bridge costs no allocation per write.
 */
abstract class WritableSide {
    abstract void invokeWrite(Object chunk, String encoding, Callback cb);

    abstract void invokeWritev(List<WriteChunk<Object>> chunks, Callback cb);

    abstract boolean hasWritev();

    abstract boolean hasFinal();

    abstract void invokeFinal(Callback cb);

    /** Runs just before 'prefinish' listeners (Transform's flush trigger); nothing by default. */
    void beforePrefinish() {}
}
