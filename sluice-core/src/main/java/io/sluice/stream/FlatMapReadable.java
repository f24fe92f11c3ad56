package io.sluice.stream;

import io.sluice.event.AbortSignal;

/**
 * The stream behind {@code flatMap}: reads the mapped stream (whose items are iterables,
 * streams, Readables, ...) and emits the items of each in turn, reading the next inner source
 * only once the previous one has ended. Each inner source is turned into a Readable with the
 * same rules as {@link Readables#from(Object)} (a Readable is used as it is).
 */
final class FlatMapReadable<T> extends Readable<T> implements OperatorStream {
    private final ReadableStream<?> outer;
    private PullIterator outerPull;
    private PullIterator inner;
    /** Set by {@link #closeSourceOnDestroy}. */
    private boolean closeUnread;
    /** The wake-up handed to {@code await}: one instance, not one per wait. */
    private final Runnable pumpTask = this::pump;
    /**
     * The wake-up handed to {@code await}: Node's helpers are async generators whose for-await
     * resumes in a microtask, after the ticks queued meanwhile, so the next read waits for it too.
     */
    private final Runnable wakeTask = () -> loop.queueMicrotask(pumpTask);

    /** The helper's own signal (destroys it when aborted), or null. */
    private final AbortSignal signal;

    FlatMapReadable(ReadableStream<?> mapped, AbortSignal signal) {
        super(Readables.objectOptions(null));
        this.outer = mapped;
        this.signal = signal;
    }

    @Override
    protected void doRead(long size) {
        if (outerPull == null) {
            outerPull = new PullIterator(outer);
        }
        pump();
    }

    private void pump() {
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
    public void closeSourceOnDestroy() {
        closeUnread = true;
    }

    @Override
    protected void doDestroy(Throwable err, Callback callback) {
        if (inner != null) {
            inner.close(true);
        }
        if (outerPull == null && (closeUnread || (signal != null && signal.aborted()))) {
            // Aborted (here or downstream) before the first read: see OperatorStream.
            outerPull = OperatorStream.toClose(outer);
        }
        if (outerPull != null) {
            outerPull.close(true);
        }
        callback.done(err);
    }
}
