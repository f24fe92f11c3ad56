package io.sluice.stream;

import io.sluice.buffer.Buffer;
import io.sluice.loop.EventLoop;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** Adversarial sources and sinks for {@link BridgesRandomizedTest}: every one counts how it was closed. */
final class BridgesSources {
    private BridgesSources() {}

    /**
     * A Readable's doRead body pushing pre-cut chunks: synchronously (as many as push() accepts),
     * asynchronously (one chunk per read, after a random hop), or all at once up front. At byte
     * {@code errAt} it errors (at once, or only once the stream's buffer is empty so the consumer
     * got exactly errAt bytes), or stalls for ever (stall).
     */
    static final class PushSource {
        final List<byte[]> chunks;
        final String mode;
        final long errAt;
        final Throwable err;
        final boolean exact;
        final boolean stall;
        final Random rnd;
        int next;
        long pushed;
        boolean busy;

        PushSource(List<byte[]> chunks, String mode, long errAt, Throwable err, boolean exact, boolean stall, Random rnd) {
            this.chunks = chunks;
            this.mode = mode;
            this.errAt = errAt;
            this.err = err;
            this.exact = exact;
            this.stall = stall;
            this.rnd = new Random(rnd.nextLong());
        }

        void start(Readable<Buffer> s) {
            if (mode.equals("eager")) {
                produce(s, true);
            }
        }

        void onRead(Readable<Buffer> s) {
            if (busy || mode.equals("eager")) {
                return;
            }
            if (mode.equals("sync")) {
                produce(s, false);
                return;
            }
            busy = true;
            EventLoop loop = EventLoop.current();
            Runnable go = () -> {
                busy = false;
                if (!s.destroyed()) {
                    produce(s, false);
                }
            };
            // setTimeout(0) is 1 ms: rare, or a long payload would take minutes.
            int hop = rnd.nextInt(100);
            switch (hop < 45 ? 0 : hop < 90 ? 1 : hop < 92 ? 2 : 3) {
                case 0 -> loop.nextTick(go);
                case 1 -> loop.setImmediate(go);
                case 2 -> loop.setTimeout(go, 0);
                default -> loop.offload(() -> {
                    Thread.sleep(0, 1 + rnd.nextInt(300_000));
                    return null;
                }, (v, e) -> go.run());
            }
        }

        private void produce(Readable<Buffer> s, boolean all) {
            while (true) {
                if (pushed == errAt && (err != null || stall)) {
                    if (!stall) {
                        if (exact) {
                            errorWhenDrained(s);
                        } else {
                            s.destroy(err);
                        }
                    }
                    return;
                }
                if (next == chunks.size()) {
                    s.pushEnd();
                    return;
                }
                byte[] c = chunks.get(next++);
                pushed += c.length;
                boolean more = s.push(Buffer.wrap(c));
                if (!all && (!more || !mode.equals("sync"))) {
                    return;
                }
            }
        }

        private void errorWhenDrained(Readable<Buffer> s) {
            if (s.destroyed()) {
                return;
            }
            if (s.readableLength() == 0) {
                s.destroy(err);
            } else {
                EventLoop.current().setImmediate(() -> errorWhenDrained(s));
            }
        }
    }

    /** A blocking InputStream with random read sizes and pauses; fails or stalls (until closed) at errAt. */
    static final class SourceStream extends InputStream {
        final byte[] data;
        final long errAt;
        final IOException err;
        final boolean stall;
        final int maxRead;
        final Random rnd;
        final AtomicInteger closes = new AtomicInteger();
        final CountDownLatch closed = new CountDownLatch(1);
        int pos;

        SourceStream(byte[] data, long errAt, IOException err, boolean stall, int maxRead, Random rnd) {
            this.data = data;
            this.errAt = errAt;
            this.err = err;
            this.stall = stall;
            this.maxRead = maxRead;
            this.rnd = new Random(rnd.nextLong());
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n;
            do {
                n = read(one, 0, 1);
            } while (n == 0);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) throws IOException {
            if (closes.get() > 0) {
                throw new IOException("SourceStream closed");
            }
            BridgesHarness.pause(rnd, 20);
            if (pos == errAt && (err != null || stall)) {
                if (stall) {
                    try {
                        closed.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new IOException("SourceStream closed while blocked");
                }
                throw err;
            }
            if (pos == data.length) {
                return -1;
            }
            if (rnd.nextInt(50) == 0) {
                return 0; // against the contract, but InputStreamReadable documents coping with it
            }
            long limit = errAt >= 0 && pos < errAt ? errAt : data.length;
            int n = (int) Math.min(Math.min(len, 1 + rnd.nextInt(maxRead)), limit - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public void close() {
            closes.incrementAndGet();
            closed.countDown();
        }
    }

    /** An iterator of Buffer chunks that throws at errAt and counts close() (Node's return()). */
    static final class ChunkIterator implements Iterator<Buffer>, AutoCloseable {
        final List<byte[]> chunks;
        final long errAt;
        final RuntimeException err;
        final AtomicInteger closes = new AtomicInteger();
        int next;
        long pulled;

        ChunkIterator(List<byte[]> chunks, long errAt, RuntimeException err) {
            this.chunks = chunks;
            this.errAt = errAt;
            this.err = err;
        }

        @Override
        public boolean hasNext() {
            return next < chunks.size() || (err != null && pulled == errAt);
        }

        @Override
        public Buffer next() {
            if (err != null && pulled == errAt) {
                throw err;
            }
            if (next >= chunks.size()) {
                throw new NoSuchElementException();
            }
            byte[] c = chunks.get(next++);
            pulled += c.length;
            return Buffer.wrap(c);
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }

    /** A blocking OutputStream sink with pauses that fails at errAt and counts flush/close. */
    static final class SinkStream extends OutputStream {
        final BridgesHarness.Sink sink = new BridgesHarness.Sink();
        final long errAt;
        final IOException err;
        final Random rnd;
        final AtomicInteger closes = new AtomicInteger();
        final AtomicInteger flushes = new AtomicInteger();
        volatile boolean failed;

        SinkStream(long errAt, IOException err, Random rnd) {
            this.errAt = errAt;
            this.err = err;
            this.rnd = new Random(rnd.nextLong());
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            if (closes.get() > 0) {
                throw new IOException("SinkStream closed");
            }
            BridgesHarness.pause(rnd, 20);
            if (err != null && (failed || sink.size() + len > errAt)) {
                failed = true;
                throw err;
            }
            sink.add(b, off, len);
        }

        @Override
        public void flush() {
            flushes.incrementAndGet();
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }
}
