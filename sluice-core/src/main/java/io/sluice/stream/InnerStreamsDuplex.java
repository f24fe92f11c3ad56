package io.sluice.stream;

import java.util.function.Consumer;

/**
 * What Node's duplexify.js and compose.js share: a Duplex whose writes go into one inner stream
 * and whose reads come from another. A write's callback waits for the inner writable's 'drain';
 * {@code end()} ends it and the final step waits for the subclass to call {@link #finalDone()};
 * reads pull from the inner readable while this stream wants more, and resume on its
 * 'readable'; its 'end' ends this stream. Subclasses decide when the final step is done and
 * what destroying means ({@link Duplexify}, {@link Composed}); they call {@link #abandon()} when
 * destroyed so that no held callback runs later. Both hold a destroy until their inner streams
 * have settled, as Node's {@code onclose} does: {@link #settle}, {@link #completeOnSettle}.
 */
abstract class InnerStreamsDuplex extends Duplex<Object, Object> {
    /** Where writes go; null for a readable-only Duplex. */
    final WritableStream<Object> writable;
    /** Where reads come from; null for a writable-only Duplex. */
    final ReadableStream<?> readable;
    private Callback onDrain;
    private Callback onFinish;
    private boolean readWanted;
    /** A destroy waiting for the inner streams to settle (Node's onclose holding a callback). */
    private Callback onClose;
    /** The inner streams have settled (Node's onclose === null). */
    private boolean settled;

    @SuppressWarnings("unchecked")
    InnerStreamsDuplex(StreamOptions options, WritableStream<?> writable, ReadableStream<?> readable) {
        super(options);
        this.writable = (WritableStream<Object>) writable;
        this.readable = readable;
    }

    /** Wires the inner writable's 'drain' to a held write callback. */
    final void listenForDrain() {
        writable.on(WritableStream.DRAIN, v -> {
            Callback cb = onDrain;
            onDrain = null;
            if (cb != null) {
                cb.done();
            }
        });
    }

    /** Wires the inner readable's 'readable' (resume reading) and 'end' (end this stream). */
    final void listenForReads() {
        Consumer<Void> resume = v -> {
            if (readWanted) {
                readWanted = false;
                doRead(0);
            }
        };
        readable.on(ReadableStream.READABLE, resume);
        readable.on(ReadableStream.END, v -> pushEnd());
    }

    /** Completes the final step started by {@code end()}, if it is waiting. */
    final void finalDone() {
        Callback cb = onFinish;
        onFinish = null;
        if (cb != null) {
            cb.done();
        }
    }

    /** Whether the inner streams have settled. */
    final boolean settled() {
        return settled;
    }

    /**
     * The inner streams have settled with {@code err}: completes a destroy waiting for that and
     * returns true, or returns false when none waits.
     */
    final boolean settle(Throwable err) {
        Callback cb = onClose;
        onClose = null;
        settled = true;
        if (cb != null) {
            cb.done(err);
            return true;
        }
        return false;
    }

    /** Holds a destroy's callback until {@link #settle}. */
    final void completeOnSettle(Callback callback) {
        onClose = callback;
    }

    /** The error a destroy uses: as given, or (none given, inner streams unsettled) an AbortError. */
    final Throwable destroyError(Throwable err) {
        return err == null && !settled ? StreamErrors.abort(null) : err;
    }

    /** Drops the held callbacks and read wish: called when this stream is destroyed. */
    final void abandon() {
        readWanted = false;
        onDrain = null;
        onFinish = null;
    }

    @Override
    protected final void doWrite(Object chunk, String encoding, Callback callback) {
        // Byte mode: decodeStrings (the default) already made strings Buffers, as in Node.
        if (writable.write(chunk)) {
            callback.done();
        } else {
            onDrain = callback;
        }
    }

    @Override
    protected final void doFinal(Callback callback) {
        writable.end();
        onFinish = callback;
    }

    @Override
    protected final void doRead(long size) {
        while (true) {
            Object chunk = readable.read();
            if (chunk == null) {
                readWanted = true;
                return;
            }
            if (!push(chunk)) {
                return;
            }
        }
    }
}
