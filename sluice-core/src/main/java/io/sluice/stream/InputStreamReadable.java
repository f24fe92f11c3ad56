package io.sluice.stream;

import io.sluice.buffer.Buffer;
import java.io.InputStream;

/**
 * The Readable behind {@link Readables#from(InputStream)}: blocking reads on virtual threads.
 *
 * <p>One read is in flight at a time and asks for at most what is missing below the
 * highWaterMark, so the stream never holds more than one highWaterMark however slow its
 * reader. A read normally fills a whole highWaterMark in one hop (the consumer drains the buffer
 * between hops), which is what keeps the handoff cost per byte low (DESIGN §2).
 */
final class InputStreamReadable extends Readable<Buffer> {
    private static final int MIN_READ = 8192;
    private final InputStream in;
    private boolean reading;

    InputStreamReadable(InputStream in, StreamOptions options) {
        super(byteOptions(options));
        this.in = in;
    }

    private static StreamOptions byteOptions(StreamOptions options) {
        StreamOptions o = options == null ? new StreamOptions() : options.copy();
        o.objectMode = false;
        return o;
    }

    @Override
    protected void doRead(long size) {
        if (reading) {
            return;
        }
        reading = true;
        // Decide after the current read() call has taken its data out (Node calls _read before
        // removing what it returns), so the room below the highWaterMark is measured exactly.
        loop.nextTick(this::startRead);
    }

    private void startRead() {
        if (destroyed()) {
            return;
        }
        long hwm = readableHighWaterMark();
        long length = readableLength();
        long room = hwm == 0 ? (length == 0 ? MIN_READ : 0) : hwm - length;
        if (room <= 0) {
            // Full: an empty push clears the state's "reading" flag so a later read() asks again.
            reading = false;
            push(Buffer.alloc(0));
            return;
        }
        int want = (int) Math.min(Integer.MAX_VALUE - 8, room);
        loop.offload(() -> {
            byte[] bytes = new byte[want];
            int n = in.read(bytes, 0, want);
            return n < 0 ? null : Buffer.wrap(bytes, 0, n);
        }, (chunk, err) -> {
            reading = false;
            if (destroyed()) {
                return;
            }
            if (err != null) {
                destroy(err);
            } else if (chunk == null) {
                pushEnd();
            } else if (chunk.length() == 0) {
                // A zero-byte read is not EOF: ask again.
                doRead(want);
            } else {
                push(chunk);
            }
        });
    }

    @Override
    protected void doDestroy(Throwable err, Callback callback) {
        loop.offload(() -> {
            in.close();
            return null;
        }, (v, closeErr) -> callback.done(err != null ? err : closeErr));
    }
}
