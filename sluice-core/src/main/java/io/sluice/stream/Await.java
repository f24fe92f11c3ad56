package io.sluice.stream;

import io.sluice.loop.EventLoop;
import io.sluice.loop.KeepAlive;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;

/**
 * Awaits a {@link CompletionStage} the way Node awaits a Promise: the continuation always runs on
 * the stream's loop thread, never synchronously inside the call (a microtask when the stage is
 * already complete, an {@code execute}d task when another thread completes it), and the loop is
 * kept alive while the stage is pending so {@code EventLoop.run} cannot exit under it.
 */
final class Await {
    private Await() {}

    static <T> void on(EventLoop loop, CompletionStage<T> stage, BiConsumer<? super T, Throwable> then) {
        KeepAlive alive = loop.keepAlive();
        stage.whenComplete((value, err) -> {
            Throwable e = unwrap(err);
            Runnable task = () -> {
                alive.close();
                then.accept(value, e);
            };
            if (loop.inLoop()) {
                loop.queueMicrotask(task);
            } else {
                loop.execute(task);
            }
        });
    }

    /** CompletableFuture wraps a dependent stage's failure; the stream sees the original. */
    static Throwable unwrap(Throwable err) {
        while ((err instanceof CompletionException || err instanceof ExecutionException) && err.getCause() != null) {
            err = err.getCause();
        }
        return err;
    }
}
