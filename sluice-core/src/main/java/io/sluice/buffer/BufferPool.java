package io.sluice.buffer;

/**
 * Node's allocation pool for {@code Buffer.allocUnsafe}: small buffers are carved from an 8 KiB
 * slab instead of each getting its own array, which saves an array header and an allocation per
 * tiny buffer. One slab per thread, so no locking; the event loop that owns a stream allocates
 * from its own slab.
 *
 * <p>A region is handed out once and never reused: the offset only moves forward and a full slab
 * is dropped (the GC frees it when its last buffer dies). So a pooled buffer never observes bytes
 * that another live buffer owns, and a later owner never reads an earlier owner's data.
 */
final class BufferPool {
    /** Node's {@code Buffer.poolSize}. */
    static final int POOL_SIZE = 8 * 1024;

    private static final ThreadLocal<BufferPool> POOLS = ThreadLocal.withInitial(BufferPool::new);

    private byte[] slab = new byte[POOL_SIZE];
    private int used;

    private BufferPool() {}

    /** Whether Node would pool a buffer of {@code size} bytes (below half the pool size). */
    static boolean pooled(int size) {
        return size > 0 && size < (POOL_SIZE >>> 1);
    }

    /** A fresh region of {@code size} bytes (see {@link #pooled}). */
    static Buffer allocate(int size) {
        BufferPool pool = POOLS.get();
        if (pool.used + size > POOL_SIZE) {
            pool.slab = new byte[POOL_SIZE];
            pool.used = 0;
        }
        int start = pool.used;
        // Keep the next region 8-byte aligned as Node does, so multi-byte reads stay aligned.
        pool.used = (start + size + 7) & ~7;
        return Buffer.view(pool.slab, start, size);
    }
}
