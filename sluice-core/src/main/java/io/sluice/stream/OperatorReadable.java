package io.sluice.stream;

import io.sluice.event.AbortSignal;

/**
 * What the streams behind map/filter/forEach, flatMap and take/drop share: how they wait for their
 * source, and how an abort closes a source they never read.
 *
 * <p>Waiting: Node's helpers are async generators whose for-await resumes in a microtask, after
 * the ticks queued meanwhile; so a helper woken by its source's 'readable' or end pumps in a
 * microtask too ({@link #wakeTask}), or it would take items (or an end) that Node's sees only
 * after the source's later ticks.
 *
 * <p>Closing an unread source: a Node generator that never started leaves its source alone when
 * destroyed; but one aborted by its signal, once consumed, reads an item (starting every generator
 * upstream) and then returns, and that return destroys the chain up to the source with
 * AbortErrors. Sluice acts on an abort at once, before any read, so an aborted helper closes its
 * source anyway, and tells the unread helpers upstream to do the same; without it a file or cursor
 * at the head of the chain would stay open.
 */
abstract class OperatorReadable<T> extends Readable<T> {
    /**
     * The signal whose abort closes an unread source, or null (take and drop: Node's look at their
     * signal before reading anything, so their own abort leaves the source alone).
     */
    private final AbortSignal signal;
    private boolean closeUnread;
    private final Runnable pumpTask = this::pump;
    /** The wake-up handed to {@link PullIterator#await}: the pump, in a microtask (see above). */
    final Runnable wakeTask = () -> loop.queueMicrotask(pumpTask);

    OperatorReadable(AbortSignal signal) {
        super(Readables.objectOptions(null));
        this.signal = signal;
    }

    /** Reads the source while there is demand and items; iterative. */
    abstract void pump();

    /** The signal given to the constructor. */
    final AbortSignal signal() {
        return signal;
    }

    /** From now on, destroying this stream closes its source even if it was never read. */
    final void closeSourceOnDestroy() {
        closeUnread = true;
    }

    /**
     * For a destroy before the first read: an iterator over {@code source} to close it with (so
     * that its AbortError has listeners, as Node's for-await provides) when this helper or one
     * downstream was aborted, telling an unread helper upstream to close its own source in turn;
     * null when the source is to be left alone.
     */
    final PullIterator toCloseUnread(ReadableStream<?> source) {
        if (!closeUnread && (signal == null || !signal.aborted())) {
            return null;
        }
        if (source instanceof OperatorReadable<?> upstream) {
            upstream.closeSourceOnDestroy();
        }
        return new PullIterator(source);
    }
}
