package io.sluice.stream;

/**
 * The stream behind {@code take(n)} and {@code drop(n)}: passes items through after skipping
 * the first {@code drop}, and stops after {@code take}. Reaching the take limit ends this stream
 * and destroys the source (AbortError if it had not finished), which is how Node's
 * {@code take} runs a generator's {@code finally}. {@code take(0)} reads one item first, as
 * Node 20's does: a source failing on it fails the take.
 */
final class TakeDropReadable<T> extends Readable<T> implements OperatorStream {
    private final ReadableStream<?> source;
    private long toDrop;
    private long toTake;
    private PullIterator pull;
    /** Set by {@link #closeSourceOnDestroy}. */
    private boolean closeUnread;
    /** The wake-up handed to {@code pull.await}: one instance, not one per wait. */
    private final Runnable pumpTask = this::pump;
    /**
     * The wake-up handed to {@code await}: Node's helpers are async generators whose for-await
     * resumes in a microtask, after the ticks queued meanwhile, so the next read waits for it too.
     */
    private final Runnable wakeTask = () -> loop.queueMicrotask(pumpTask);

    TakeDropReadable(ReadableStream<?> source, long drop, long take) {
        super(Readables.objectOptions(null));
        this.source = source;
        this.toDrop = drop;
        this.toTake = take;
    }

    @Override
    protected void doRead(long size) {
        if (pull == null) {
            pull = new PullIterator(source);
        }
        pump();
    }

    private void pump() {
        while (!destroyed()) {
            Object item = pull.poll();
            if (item == null) {
                if (pull.failure() != null) {
                    destroy(pull.failure());
                } else if (pull.ended()) {
                    pushEnd();
                } else {
                    pull.await(wakeTask);
                }
                return;
            }
            if (toDrop > 0) {
                toDrop--;
                continue;
            }
            if (toTake <= 0) {
                // take(0): Node 20's generator still takes one item (and fails with the source's
                // error) before it returns.
                pull.close(true);
                pushEnd();
                return;
            }
            toTake--;
            boolean more = push(item);
            if (toTake <= 0) {
                pull.close(true);
                pushEnd();
                return;
            }
            if (!more) {
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
        // Its own signal aborted before the first read leaves the source alone: Node's take and drop
        // look at their signal before reading anything.
        if (pull == null && closeUnread) {
            pull = OperatorStream.toClose(source); // a helper downstream was aborted: see OperatorStream
        }
        if (pull != null) {
            pull.close(true);
        }
        callback.done(err);
    }
}
