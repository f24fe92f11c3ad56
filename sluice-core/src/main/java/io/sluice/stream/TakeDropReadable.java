package io.sluice.stream;

/**
 * The stream behind {@code take(n)} and {@code drop(n)}: passes items through after skipping
 * the first {@code drop}, and stops after {@code take}. Reaching the take limit ends this stream
 * and destroys the source (AbortError if it had not finished), which is how Node's
 * {@code take} runs a generator's {@code finally}. {@code take(0)} reads one item first, as
 * Node 20's does: a source failing on it fails the take.
 */
final class TakeDropReadable<T> extends OperatorReadable<T> {
    private final ReadableStream<?> source;
    private long toDrop;
    private long toTake;
    private PullIterator pull;

    TakeDropReadable(ReadableStream<?> source, long drop, long take) {
        super(null); // its own signal leaves an unread source alone, as Node's take and drop do
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

    @Override
    void pump() {
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
    protected void doDestroy(Throwable err, Callback callback) {
        if (pull == null) {
            pull = toCloseUnread(source); // only if a helper downstream was aborted
        }
        if (pull != null) {
            pull.close(true);
        }
        callback.done(err);
    }
}
