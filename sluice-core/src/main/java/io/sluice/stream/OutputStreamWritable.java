package io.sluice.stream;

import io.sluice.buffer.Buffer;
import java.io.OutputStream;
import java.util.List;

/**
 * The Writable behind {@link Writables#from(OutputStream)}: each write (or a batch of buffered
 * writes, through doWritev) runs on a virtual thread; the Writable's own buffering and
 * highWaterMark give the backpressure. {@code end()} flushes, and destroying the stream (which
 * autoDestroy does after 'finish') closes the OutputStream.
 */
final class OutputStreamWritable extends Writable<Buffer> {
    private final OutputStream out;

    OutputStreamWritable(OutputStream out, StreamOptions options) {
        super(options);
        this.out = out;
    }

    private static byte[] bytes(Object chunk) {
        if (chunk instanceof Buffer b) {
            return b.toByteArray();
        }
        if (chunk instanceof byte[] a) {
            return a;
        }
        return String.valueOf(chunk).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    protected void doWrite(Object chunk, String encoding, Callback callback) {
        byte[] b = bytes(chunk);
        loop.offload(() -> {
            out.write(b);
            return null;
        }, (v, err) -> callback.done(err));
    }

    @Override
    protected void doWritev(List<WriteChunk<Buffer>> chunks, Callback callback) {
        byte[][] all = new byte[chunks.size()][];
        for (int i = 0; i < all.length; i++) {
            all[i] = bytes(chunks.get(i).chunk());
        }
        loop.offload(() -> {
            for (byte[] b : all) {
                out.write(b);
            }
            return null;
        }, (v, err) -> callback.done(err));
    }

    @Override
    protected void doFinal(Callback callback) {
        loop.offload(() -> {
            out.flush();
            return null;
        }, (v, err) -> callback.done(err));
    }

    @Override
    protected void doDestroy(Throwable err, Callback callback) {
        loop.offload(() -> {
            out.close();
            return null;
        }, (v, closeErr) -> callback.done(err != null ? err : closeErr));
    }
}
