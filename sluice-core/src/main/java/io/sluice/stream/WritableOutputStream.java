package io.sluice.stream;

import io.sluice.buffer.Buffer;
import io.sluice.loop.EventLoop;
import io.sluice.loop.KeepAlive;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The OutputStream view of {@link Writables#toOutputStream}.
 *
 * <p>Backpressure by credit rather than by a round trip per write: the writer thread may have
 * at most one highWaterMark of bytes accepted but not yet handled by the Writable (counted from
 * {@code write()} until the chunk's write callback), plus one chunk so that a write larger than
 * the highWaterMark still proceeds alone. Below that it posts the chunk to the loop and returns
 * at once; above it blocks until callbacks return credit. So the Writable never buffers beyond
 * its highWaterMark plus one chunk, and a fast writer pays one loop wake-up per write, not a
 * blocking round trip.
 */
final class WritableOutputStream extends OutputStream {
    private final WritableStream<?> writable;
    private final EventLoop loop;
    private final KeepAlive alive;
    private final long limit;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    // Guarded by lock.
    private long inFlight;
    private Throwable failure;
    private boolean finished;
    private boolean closed;

    WritableOutputStream(WritableStream<?> writable) {
        Stream s = StreamErrors.requireStream(writable, "writable", "Writable");
        this.writable = writable;
        this.loop = s.eventLoop();
        this.limit = Math.max(1, loop.inLoop() ? writable.writableHighWaterMark() : s.w.highWaterMark);
        this.alive = loop.keepAlive();
        post(() -> Streams.finished(writable, err -> {
            lock.lock();
            try {
                if (err != null && failure == null) {
                    failure = err;
                } else if (err == null) {
                    finished = true;
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            alive.close();
        }));
    }

    private void post(Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            fail(new IOException("the stream's event loop has terminated", e));
        }
    }

    private void fail(Throwable t) {
        lock.lock();
        try {
            if (failure == null) {
                failure = t;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void checkThread(String what) {
        if (loop.inLoop()) {
            throw new IllegalStateException(what + " would block the stream's own event loop thread "
                    + Thread.currentThread().getName() + " and deadlock; write from another (virtual) thread");
        }
    }

    private IOException failed() {
        return failure instanceof IOException io ? io : new IOException(String.valueOf(failure.getMessage()), failure);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    /** Copies the bytes (the caller may reuse its array at once), then blocks only while out of credit. */
    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        checkThread("OutputStream.write()");
        if (len == 0) {
            return;
        }
        lock.lock();
        try {
            while (true) {
                if (closed) {
                    throw new IOException("Stream closed");
                }
                if (failure != null) {
                    throw failed();
                }
                if (inFlight == 0 || inFlight + len <= limit) {
                    break;
                }
                changed.await();
            }
            inFlight += len;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for 'drain'");
        } finally {
            lock.unlock();
        }
        Buffer chunk = Buffer.wrap(java.util.Arrays.copyOfRange(b, off, off + len));
        post(() -> writable.write(chunk, err -> {
            lock.lock();
            try {
                inFlight -= len;
                if (err != null && failure == null) {
                    failure = err;
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }));
    }

    /** Blocks until every byte written so far has been handled by the Writable (or it failed). */
    @Override
    public void flush() throws IOException {
        checkThread("OutputStream.flush()");
        await(false);
    }

    private void await(boolean untilFinish) throws IOException {
        lock.lock();
        try {
            while (failure == null && (untilFinish ? !finished : inFlight > 0)) {
                changed.await();
            }
            if (failure != null) {
                throw failed();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the stream");
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends the Writable and blocks until its {@code 'finish'} (or throws its error). Idempotent.
     */
    @Override
    public void close() throws IOException {
        checkThread("OutputStream.close()");
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            lock.unlock();
        }
        post(writable::end);
        await(true);
    }
}
