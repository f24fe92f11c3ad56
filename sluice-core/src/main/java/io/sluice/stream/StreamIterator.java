package io.sluice.stream;

import java.util.Iterator;

/**
 * A blocking iterator over a Readable's chunks for code running on another thread, typically a
 * virtual thread: the Java form of Node's {@code for await (const chunk of readable)}.
 *
 * <pre>{@code
 * try (StreamIterator<String> it = Readables.iterator(readable)) {
 *     while (it.hasNext()) { handle(it.next()); }
 * }
 * }</pre>
 *
 * <h2>Rules</h2>
 * <ol>
 *   <li>{@code hasNext()} blocks until a chunk, the end or an error is known. Chunks are Node's:
 *       one item in objectMode, whatever was buffered in byte mode.</li>
 *   <li>A stream error is thrown once, by {@code hasNext()} (unchecked: RuntimeExceptions as
 *       they are, others wrapped in {@link java.util.concurrent.CompletionException}); afterwards
 *       the iterator is exhausted. A destroy without error is {@code ERR_STREAM_PREMATURE_CLOSE}.</li>
 *   <li>{@code close()} before the end (Node's {@code break}) destroys the stream with an
 *       AbortError ({@code ABORT_ERR}), visible to its 'error' listeners, unless the iterator
 *       was made with {@code destroyOnReturn = false}. A fully consumed stream is destroyed after
 *       {@code 'end'} (by autoDestroy), never before. Use try-with-resources so that an
 *       exception in the loop body also closes it (Node does this implicitly).</li>
 *   <li>Backpressure: the iterator takes at most one highWaterMark of chunks per handoff from
 *       the loop (at least one), so data in flight is bounded by twice the highWaterMark.</li>
 *   <li>{@code hasNext()}/{@code next()} on the stream's own loop thread throw
 *       {@link IllegalStateException}: blocking there would deadlock the loop. {@code close()}
 *       may be called from any thread: a {@code hasNext()} blocked in another thread then
 *       returns false. Closed before the first {@code hasNext()}, the iterator leaves the stream
 *       alone, as returning from Node's never-started iterator does; an interrupt of a blocked
 *       {@code hasNext()} destroys it.</li>
 *   <li>The stream's loop is kept alive from creation until the end, an error or {@code close()}.</li>
 * </ol>
 *
 * @param <T> the chunk type
 */
public interface StreamIterator<T> extends Iterator<T>, AutoCloseable {

    /** Stops iterating; see rule 3. Idempotent, any thread, never blocks, never throws. */
    @Override
    void close();
}
