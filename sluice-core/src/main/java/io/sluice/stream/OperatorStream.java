package io.sluice.stream;

/**
 * A helper's stream (map, filter, flatMap, take, drop) that reads its source through a
 * {@link PullIterator} created at its first read.
 *
 * <p>Why it exists: Node's helpers are async generators. One that never started leaves its
 * source alone when destroyed; but one aborted by its signal, once consumed, reads an item (which
 * starts every generator upstream) and then returns, and that return destroys the whole chain up
 * to the source with AbortErrors. Sluice acts on an abort at once, before any read, so an aborted
 * helper asks the unread helpers upstream to close their sources as if they had started; without
 * it a file or cursor at the head of the chain would stay open.
 */
interface OperatorStream {
    /** From now on, destroying this stream closes its source even if it was never read. */
    void closeSourceOnDestroy();

    /**
     * The iterator through which a helper destroyed before its first read closes {@code source}
     * (an iterator, so that the source's AbortError has listeners, as Node's for-await provides);
     * an unread helper upstream is told to close its own source in turn.
     */
    static PullIterator toClose(ReadableStream<?> source) {
        if (source instanceof OperatorStream upstream) {
            upstream.closeSourceOnDestroy();
        }
        return new PullIterator(source);
    }
}
