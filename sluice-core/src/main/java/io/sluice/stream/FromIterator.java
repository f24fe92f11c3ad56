package io.sluice.stream;

import java.util.Iterator;
import java.util.concurrent.CompletionStage;

/**
 * The Readable behind {@link Readables#from(Iterable)}: a port of Node's lib/internal/streams/from.js
 * for Java iterators. Each {@code doRead} pulls items until {@code push} says stop; an item that
 * is a {@link CompletionStage} is awaited (the next pull waits for it), a null item fails the
 * stream with {@code ERR_STREAM_NULL_VALUES}, an exception from the iterator destroys the stream
 * with it. Destroying the stream closes the source (an {@link AutoCloseable} iterator or the
 * {@link java.util.stream.Stream} it came from: Node's {@code iterator.return()}), once, before
 * {@code 'close'}.
 *
 * <p>Unlike Node, a plain (synchronous) Java iterator is pulled synchronously inside
 * {@code doRead} instead of one microtask per item. The items, their order and the
 * backpressure are the same (the loop stops as soon as push returns false); the timing is not:
 * the stream reaches its end, or its iterator's exception, in fewer ticks, so its 'end' and
 * 'close' (or 'error') can come before events downstream that Node emits first, and in a
 * pipeline that also fails elsewhere a different error can be the first (found by
 * PipelineRandomDifferentialTest, which therefore compares only per-stream order here).
 */
final class FromIterator<T> extends Readable<T> {
    private final Iterator<?> iterator;
    private final AutoCloseable closer;
    /** A pull (or an awaited item) is in progress: doRead must not start another (Node's {@code reading}). */
    private boolean reading;

    FromIterator(Iterator<?> iterator, AutoCloseable closer, StreamOptions options) {
        super(options);
        this.iterator = iterator;
        this.closer = closer != null ? closer : (iterator instanceof AutoCloseable c ? c : null);
    }

    @Override
    protected void doRead(long size) {
        if (!reading) {
            reading = true;
            next();
        }
    }

    private void next() {
        try {
            while (true) {
                if (destroyed()) {
                    return;
                }
                if (!iterator.hasNext()) {
                    reading = false;
                    pushEnd();
                    return;
                }
                Object item = iterator.next();
                if (item instanceof CompletionStage<?> stage) {
                    Await.on(loop, stage, (value, err) -> {
                        if (err != null) {
                            reading = false;
                            destroy(err);
                        } else if (offer(value)) {
                            next();
                        }
                    });
                    return;
                }
                if (!offer(item)) {
                    return;
                }
            }
        } catch (Throwable t) {
            reading = false;
            destroy(t);
        }
    }

    /** Pushes one resolved item; false when the pull loop must stop. */
    private boolean offer(Object value) {
        if (destroyed()) {
            return false;
        }
        if (value == null) {
            reading = false;
            destroy(StreamErrors.nullValues());
            return false;
        }
        if (push(value)) {
            return true;
        }
        reading = false;
        return false;
    }

    @Override
    protected void doDestroy(Throwable err, Callback callback) {
        if (closer == null) {
            callback.done(err);
            return;
        }
        Throwable result = err;
        try {
            closer.close();
        } catch (Throwable t) {
            // Node: a failing return() replaces the error only when there was none.
            result = err != null ? err : t;
        }
        Throwable e = result;
        // On a tick, as Node's from.js does, so that a throwing callback cannot re-enter close.
        loop.nextTick(() -> callback.done(e));
    }
}
