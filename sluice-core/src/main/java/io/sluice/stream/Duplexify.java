package io.sluice.stream;

import java.util.function.Consumer;

/**
 * One Duplex made of a writable and a readable that are not connected to each other (Node's
 * duplexify.js; {@code compose} has its own, {@link Composed}): writes go to {@code writable} with its
 * backpressure (the write callback waits for 'drain'), {@code end()} ends it and 'finish'
 * follows its 'finish'; reads come from {@code readable}, whose 'end' ends this stream. An error
 * on either side destroys the Duplex; destroying the Duplex destroys both.
 * A missing side starts ended/finished ({@code readable(false)} / {@code writable(false)}).
 */
final class Duplexify extends Duplex<Object, Object> {
    private final WritableStream<Object> writable;
    private final ReadableStream<?> readable;
    private Callback onDrain;
    private Callback onFinal;
    private boolean wantRead;

    @SuppressWarnings("unchecked")
    Duplexify(WritableStream<?> writable, ReadableStream<?> readable) {
        super(options(writable, readable));
        this.writable = (WritableStream<Object>) writable;
        this.readable = readable;
        if (writable != null) {
            writable.on(WritableStream.DRAIN, v -> {
                Callback cb = onDrain;
                onDrain = null;
                if (cb != null) {
                    cb.done();
                }
            });
            Streams.finished(writable, FinishedOptions.create().readable(false).writable(true), err -> {
                Callback cb = onFinal;
                onFinal = null;
                if (cb != null) {
                    cb.done(err);
                } else if (err != null) {
                    destroy(err);
                }
            });
        }
        if (readable != null) {
            Consumer<Void> pump = v -> {
                if (wantRead) {
                    doRead(0);
                }
            };
            readable.on(ReadableStream.READABLE, pump);
            readable.on(ReadableStream.END, v -> pushEnd());
            Streams.finished(readable, FinishedOptions.create().readable(true).writable(false), err -> {
                if (err != null) {
                    destroy(err);
                }
            });
        }
    }

    private static StreamOptions options(WritableStream<?> w, ReadableStream<?> r) {
        StreamOptions o = StreamOptions.create().readable(r != null).writable(w != null);
        if (w != null) {
            o.writableObjectMode(w.writableObjectMode()).writableHighWaterMark(w.writableHighWaterMark());
        }
        if (r != null) {
            o.readableObjectMode(r.readableObjectMode()).readableHighWaterMark(r.readableHighWaterMark());
        }
        // Chunks are forwarded as they are: never re-encode strings on the way through.
        return o.decodeStrings(false);
    }

    @Override
    protected void doWrite(Object chunk, String encoding, Callback callback) {
        if (writable.write(chunk)) {
            callback.done();
        } else {
            onDrain = callback;
        }
    }

    @Override
    protected void doFinal(Callback callback) {
        onFinal = callback;
        writable.end();
    }

    @Override
    protected void doRead(long size) {
        wantRead = false;
        while (true) {
            Object chunk = readable.destroyed() ? null : readable.read();
            if (chunk == null) {
                wantRead = true;
                return;
            }
            if (!push(chunk)) {
                return;
            }
        }
    }

    @Override
    protected void doDestroy(Throwable err, Callback callback) {
        onDrain = null;
        onFinal = null;
        if (writable != null) {
            Streams.destroy(writable, err);
        }
        if (readable != null) {
            Streams.destroy(readable, err);
        }
        callback.done(err);
    }
}
