package io.sluice.testing;

import io.sluice.loop.EventLoop;

/** Timing helpers the differential interpreters share, on the calling thread's event loop. */
public final class LoopTiming {
    private LoopTiming() {}

    /**
     * Runs {@code fn} on the {@code n}th of {@code n} chained {@code setImmediate} turns, as the node
     * scripts do before their state snapshot: late enough that every op (a few immediates deep) and
     * a chain of immediate callbacks behind it have run. Call on a loop thread.
     */
    public static void afterImmediates(int n, Runnable fn) {
        EventLoop loop = EventLoop.current();
        int[] depth = {0};
        Runnable[] turn = new Runnable[1];
        turn[0] = () -> {
            if (++depth[0] < n) {
                loop.setImmediate(turn[0]);
            } else {
                fn.run();
            }
        };
        loop.setImmediate(turn[0]);
    }
}
