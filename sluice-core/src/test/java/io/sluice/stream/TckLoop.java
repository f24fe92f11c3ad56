package io.sluice.stream;

import io.sluice.loop.EventLoop;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * The event loop the Reactive Streams TCK classes share: the TCK calls from its own threads, so
 * streams are created on this started loop and handed back.
 */
final class TckLoop {
    private TckLoop() {}

    static final EventLoop LOOP = EventLoop.start("tck-loop");

    /** The TCK's timeouts, raised for a shared 2-core machine. */
    static final long TIMEOUT_MS = 1000;
    static final long NO_SIGNAL_TIMEOUT_MS = 200;

    static <T> T on(Callable<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        LOOP.execute(() -> {
            try {
                f.complete(work.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f.join();
    }
}
