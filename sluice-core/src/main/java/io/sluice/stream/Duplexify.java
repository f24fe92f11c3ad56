package io.sluice.stream;

/**
 * One Duplex made of a writable and a readable that are not connected to each other: a port of
 * Node 20's {@code _duplexify} (lib/internal/streams/duplexify.js), behind {@code Duplex.from}
 * for streams and pairs ({@code compose} has its own, {@link Composed}).
 *
 * <ul>
 *   <li>Writes go to {@code writable} (the callback waits for its 'drain'); {@code end()} ends it
 *       and the final step completes on its 'finish'. Reads pull from {@code readable} on its
 *       'readable'; its 'end' ends this stream. A side given as null, or already finished, is
 *       absent ({@code readable(false)} / {@code writable(false)}). Marks are the defaults;
 *       objectMode per side follows the inner stream.</li>
 *   <li>The first inner stream to reach its end-of-stream settles the pair: with an error it
 *       destroys the Duplex. An error on the writable side also destroys the readable one; an
 *       error on the readable side leaves the writable one alone (Node's rule).</li>
 *   <li>{@code destroy()} before anything settled destroys both inner streams (without an
 *       error: an AbortError) and completes, with the first inner stream's end-of-stream
 *       outcome, once that stream is done; after something settled it completes at once and
 *       leaves the inner streams as they are.</li>
 * </ul>
 */
final class Duplexify extends InnerStreamsDuplex {
    /**
     * The inner streams were made by {@code Duplex.from} for a body that is not a stream (an
     * iterable, a function): Node builds that Duplex as the stream itself ({@code Readable.from}),
     * so destroying it is destroying them: the error as given, no waiting.
     */
    private final boolean own;

    /** Over streams the caller gave (Node's {@code _duplexify}). */
    Duplexify(WritableStream<?> writable, ReadableStream<?> readable) {
        this(writable, readable, false);
    }

    /** {@code own}: the inner streams were made for a non-stream body (see the field). */
    Duplexify(WritableStream<?> writable, ReadableStream<?> readable, boolean own) {
        this(writable, readable, Boolean.TRUE.equals(EndOfStream.isWritable(writable)),
                Boolean.TRUE.equals(EndOfStream.isReadable(readable)), own);
    }

    private Duplexify(WritableStream<?> w, ReadableStream<?> r, boolean writableSide, boolean readableSide,
            boolean own) {
        super(StreamOptions.create()
                .readableObjectMode(r != null && r.readableObjectMode())
                .writableObjectMode(w != null && w.writableObjectMode())
                .readable(readableSide)
                .writable(writableSide), w, r);
        this.own = own;
        if (writableSide) {
            if (!own) {
                // An own writable side is the PassThrough feeding a function: it fails only when
                // the function's stream, failing, cancels its source, and that stream's own error
                // is the one to report (as Node, whose function stage has no input stream).
                Streams.finished(w, FinishedOptions.create(), err -> {
                    if (err != null) {
                        Streams.destroy(r, err);
                    }
                    onInnerFinished(err);
                });
            }
            listenForDrain();
            // On 'finish' itself, not on end-of-stream: the Duplex's 'prefinish' follows in the
            // same tick, as in Node.
            w.on(WritableStream.FINISH, v -> finalDone());
        }
        if (readableSide) {
            Streams.finished(r, FinishedOptions.create(), err -> {
                if (err != null) {
                    // Node destroys the readable here, not the writable (its destroyer(r, err)).
                    Streams.destroy(r, err);
                }
                onInnerFinished(err);
            });
            listenForReads();
        }
    }

    private void onInnerFinished(Throwable err) {
        if (!settle(err) && err != null) {
            destroy(err);
        }
    }

    @Override
    protected void doDestroy(Throwable err, Callback callback) {
        if (own) {
            abandon();
            Streams.destroy(writable, err);
            Streams.destroy(readable, err);
            callback.done(err);
            return;
        }
        Throwable e = destroyError(err);
        abandon();
        if (settled()) {
            callback.done(e);
        } else {
            completeOnSettle(callback);
            Streams.destroy(writable, e);
            Streams.destroy(readable, e);
        }
    }
}
