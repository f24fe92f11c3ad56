package io.sluice.stream;

/**
 * One end of {@link Duplexes#pair()} (Node's duplexpair.js): a write here is pushed to the other
 * side's readable buffer, and its callback is held until the other side reads, so a slow reader
 * holds back the writer; {@code end()} pushes EOF to the other side and finishes when that side
 * has emitted 'end'.
 */
final class DuplexPairSide extends Duplex<Object, Object> {
    DuplexPairSide other;
    private Callback pending;

    DuplexPairSide(StreamOptions options) {
        super(options);
    }

    @Override
    protected void doWrite(Object chunk, String encoding, Callback callback) {
        if (Chunks.length(chunk) == 0 && !writableObjectMode()) {
            loop.nextTick(callback::done);
        } else {
            other.push(chunk);
            other.pending = callback;
        }
    }

    @Override
    protected void doRead(long size) {
        Callback cb = pending;
        if (cb != null) {
            pending = null;
            cb.done();
        }
    }

    @Override
    protected void doFinal(Callback callback) {
        other.on(ReadableStream.END, v -> callback.done());
        other.pushEnd();
    }
}
