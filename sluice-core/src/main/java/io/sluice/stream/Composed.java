package io.sluice.stream;

import java.util.List;

/**
 * The Duplex {@code compose(...)} returns: a port of Node 20's lib/internal/streams/compose.js.
 * The stages are joined with {@link Pipeline}; writes go into the first stage (the write callback
 * waits for its 'drain'), reads come from the last.
 *
 * <p>What differs from {@link Duplexify} (a Duplex over an unconnected pair), and is Node's:
 * <ul>
 *   <li>'finish' waits for the whole chain: {@code end()} ends the head, and the final callback
 *       runs once the tail is done (end-of-stream on the tail), so 'finish' follows the tail's
 *       'finish', not the head's.</li>
 *   <li>{@code destroy()} without an error while the chain is still running destroys with an
 *       AbortError ({@code ABORT_ERR}).</li>
 *   <li>Destroying destroys the tail, and the pipeline then takes the other stages down;
 *       'close' waits until the pipeline has settled (every stage closed).</li>
 *   <li>The pipeline's error destroys the Duplex with it; a chain with neither a writable head
 *       nor a readable tail is destroyed when the pipeline completes.</li>
 * </ul>
 */
final class Composed extends InnerStreamsDuplex {
    private final NodeStream tailStream;

    /**
     * Joins {@code stages} (at least two) and returns the Duplex over them.
     *
     * @throws io.sluice.error.NodeTypeException as {@link Pipelines#pipeline} for unusable stages
     */
    static Composed of(List<Object> stages) {
        Composed[] self = {null};
        // The pipeline calls back on a later tick at the earliest, when self is set.
        NodeStream tail = Pipeline.run(stages, null, (err, v) -> self[0].onPipelineDone(err));
        Object first = stages.get(0);
        WritableStream<?> head = first instanceof WritableStream<?> w && EndOfStream.isWritableNodeStream(w) ? w : null;
        ReadableStream<?> readable = tail instanceof ReadableStream<?> r && EndOfStream.isReadableNodeStream(tail) ? r : null;
        self[0] = new Composed(head, readable, tail);
        return self[0];
    }

    private Composed(WritableStream<?> head, ReadableStream<?> tail, NodeStream tailStream) {
        super(StreamOptions.create()
                .writableObjectMode(head != null && head.writableObjectMode())
                .readableObjectMode(tail != null && tail.readableObjectMode())
                .writable(head != null)
                .readable(tail != null), head, tail);
        this.tailStream = tailStream;
        if (head != null) {
            listenForDrain();
            // Node ends the head and completes the final step when the tail is done, whatever
            // its outcome (an error reaches the Duplex through the pipeline instead).
            Streams.finished(tailStream, FinishedOptions.create(), err -> finalDone());
        }
        if (tail != null) {
            listenForReads();
        }
    }

    private void onPipelineDone(Throwable err) {
        if (settle(err)) {
            return;
        }
        if (err != null) {
            destroy(err);
        } else if (readable == null && writable == null) {
            destroy();
        }
    }

    @Override
    protected void doDestroy(Throwable err, Callback callback) {
        Throwable e = destroyError(err);
        abandon();
        Streams.destroy(tailStream, e);
        if (settled()) {
            callback.done(e);
        } else {
            completeOnSettle(callback);
        }
    }
}
