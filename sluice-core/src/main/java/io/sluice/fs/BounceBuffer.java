package io.sluice.fs;

import java.lang.foreign.Arena;
import java.nio.ByteBuffer;

/**
 * One native buffer per stream for the kernel copy. FileChannel I/O on a heap buffer copies
 * through a JDK temporary direct buffer cached per thread; each offload hop runs on a fresh
 * virtual thread, so that cache would be cold (a malloc and free per chunk). A per-stream buffer
 * from a shared arena is reused by every hop, whichever thread runs it, and freed deterministically
 * when the stream closes rather than whenever the GC gets to a DirectByteBuffer.
 *
 * <p>Used by one hop at a time (the streams keep a single operation in flight), so it needs no
 * locking; the loop's task queue orders one hop's accesses before the next one's.
 */
final class BounceBuffer {
    /** Large enough that the syscall count stays negligible, small enough to keep per-stream memory low. */
    static final int MAX = 1 << 20;
    static final int MIN = 16 << 10;

    private final int capacity;
    private Arena arena;
    private ByteBuffer buffer;

    BounceBuffer(long highWaterMark) {
        this.capacity = (int) Math.clamp(highWaterMark, MIN, MAX);
    }

    /** The cleared buffer, allocated on first use. Worker thread. */
    ByteBuffer get() {
        if (buffer == null) {
            arena = Arena.ofShared();
            buffer = arena.allocate(capacity, 64).asByteBuffer();
        }
        return buffer.clear();
    }

    int capacity() {
        return capacity;
    }

    /** Frees the memory; only when no hop is running. Idempotent. */
    void free() {
        if (arena != null) {
            buffer = null;
            Arena a = arena;
            arena = null;
            a.close();
        }
    }
}
