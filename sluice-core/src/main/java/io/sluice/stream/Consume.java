package io.sluice.stream;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The engine of the terminal helpers ({@code toList}, {@code reduce}, {@code some}, ...):
 * Node's {@code for await (const x of stream)} on the loop. The first read happens in the call
 * (an async generator runs up to its first yield synchronously), every later one in a microtask,
 * as the generator resumes: after the ticks queued meanwhile. Each item goes to a {@link Step};
 * a step may finish early (short-circuit), which destroys the stream with an AbortError as
 * Node's {@code return} inside for-await does, and may return a {@link CompletionStage} to be
 * awaited before the next item.
 */
final class Consume<R> {
    /** What to do with one item. */
    interface Step {
        /**
         * @return null to continue at once, a CompletionStage to await before continuing, or
         *     {@link #STOP} to end the iteration early
         */
        Object accept(Object item) throws Throwable;
    }

    static final Object STOP = new Object();

    private final PullIterator pull;
    private final Step step;
    private final java.util.function.Supplier<R> onEnd;
    final CompletableFuture<R> future = new CompletableFuture<>();
    private boolean paused;
    /** The next read, queued as a microtask: one instance, not one per item. */
    private final Runnable loopTask = this::loop;
    /**
     * The wake-up handed to {@code pull.await}: after a 'readable' or the end of the stream, Node's
     * iterator also resumes (and reads) in a microtask.
     */
    private final Runnable nextReadTask = this::readNextInMicrotask;

    private Consume(ReadableStream<?> stream, Step step, java.util.function.Supplier<R> onEnd) {
        this.pull = new PullIterator(stream);
        this.step = step;
        this.onEnd = onEnd;
    }

    /** Starts consuming {@code stream}; the future completes with {@code onEnd.get()} at the end. */
    static <R> CompletableFuture<R> run(ReadableStream<?> stream, Step step, java.util.function.Supplier<R> onEnd) {
        Consume<R> c = new Consume<>(stream, step, onEnd);
        c.loop();
        return c.future;
    }

    private void loop() {
        if (!future.isDone() && !paused) {
            Object item = pull.poll();
            if (item == null) {
                if (pull.failure() != null) {
                    pull.close(true);
                    future.completeExceptionally(pull.failure());
                } else if (pull.ended()) {
                    pull.close(true);
                    finish();
                } else {
                    pull.await(nextReadTask);
                }
                return;
            }
            Object r;
            try {
                r = step.accept(item);
            } catch (Throwable t) {
                pull.close(true);
                future.completeExceptionally(t);
                return;
            }
            if (r == STOP) {
                pull.close(true);
                finish();
                return;
            }
            if (r instanceof CompletionStage<?> stage) {
                paused = true;
                Await.on(((Stream) pull.stream()).eventLoop(), stage, (v, e) -> {
                    paused = false;
                    if (e != null) {
                        pull.close(true);
                        future.completeExceptionally(e);
                    } else {
                        loop();
                    }
                });
                return;
            }
            // Node's for-await reads the next chunk when the generator resumes, in a microtask
            // after the consumer's body, so after the nextTicks the read queued: a source that
            // pushes on a tick is read again only then (reading at once can stall a
            // highWaterMark-0 source whose tick pushes an empty chunk).
            readNextInMicrotask();
        }
    }

    /** The next read, as a microtask. */
    private void readNextInMicrotask() {
        ((Stream) pull.stream()).eventLoop().queueMicrotask(loopTask);
    }

    private void finish() {
        try {
            future.complete(onEnd.get());
        } catch (Throwable t) {
            future.completeExceptionally(t);
        }
    }
}
