package io.sluice.stream;

import io.sluice.event.AbortSignal;

/**
 * The stream behind {@code flatMap}: reads the mapped stream (whose items are iterables,
 * streams, Readables, ...) and emits the items of each in turn, reading the next inner source
 * only once the previous one has ended. Each inner source is turned into a Readable with the
 * same rules as {@link Readables#from(Object)} (a Readable is used as it is).
 */
final class FlatMapReadable<T> extends OperatorReadable<T> {
    private final ReadableStream<?> outer;
    private PullIterator outerPull;
    private PullIterator inner;

    FlatMapReadable(ReadableStream<?> mapped, AbortSignal signal) {
        super(signal);
        this.outer = mapped;
    }

    @Override
    protected void doRead(long size) {
        if (outerPull == null) {
            outerPull = new PullIterator(outer);
        }
        pump();
    }

    @Override
    void pump() {
        while (!destroyed()) {
            if (inner == null) {
                Object next = outerPull.poll();
                if (next == null) {
                    if (outerPull.failure() != null) {
                        destroy(outerPull.failure());
                    } else if (outerPull.ended()) {
                        pushEnd();
                    } else {
                        outerPull.await(wakeTask);
                    }
                    return;
                }
                try {
                    inner = new PullIterator(next instanceof ReadableStream<?> r ? r : Readables.fromAny(next, Readables.objectOptions(null)));
                } catch (RuntimeException e) {
                    destroy(e);
                    return;
                }
            }
            Object item = inner.poll();
            if (item == null) {
                if (inner.failure() != null) {
                    destroy(inner.failure());
                } else if (inner.ended()) {
                    inner.close(true);
                    inner = null;
                    continue;
                } else {
                    inner.await(wakeTask);
                }
                return;
            }
            if (!push(item)) {
                return;
            }
        }
    }

    @Override
    protected void doDestroy(Throwable err, Callback callback) {
        if (inner != null) {
            inner.close(true);
        }
        if (outerPull == null) {
            outerPull = toCloseUnread(outer); // the mapped stream, and through it the source
        }
        if (outerPull != null) {
            outerPull.close(true);
        }
        callback.done(err);
    }
}
