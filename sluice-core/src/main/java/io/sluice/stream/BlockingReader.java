package io.sluice.stream;

import io.sluice.loop.EventLoop;
import io.sluice.loop.KeepAlive;
import java.util.ArrayDeque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The cross-thread half of the blocking bridges ({@link StreamIterator}, the InputStream view):
 * a consumer thread asks the loop for a batch of chunks and blocks until it gets one, the end,
 * or an error.
 *
 * <p>One handoff costs about 30 µs between CPUs (DESIGN §2), so a request takes every chunk
 * that is ready up to one highWaterMark (at least one) instead of one chunk per hop; the bound
 * keeps backpressure: the consumer's batch plus the stream's buffer is at most twice the
 * highWaterMark.
 */
final class BlockingReader {
    /** A batch whose last element is this marks the end. */
    static final Object END = new Object();

    final EventLoop loop;
    private final ReadableStream<?> stream;
    private final KeepAlive alive;
    // Loop thread only.
    private PullIterator pull;
    /** The fetch waiting for the stream, completed by close() if it comes first. */
    private CompletableFuture<ArrayDeque<Object>> pending;
    // Consumer side (one consumer thread at a time; volatile for close() from elsewhere).
    private volatile boolean closed;
    private boolean finished;
    /** Node's iterator option: false leaves a stream that ended or was left early undestroyed. */
    private final boolean destroyOnReturn;

    BlockingReader(ReadableStream<?> stream) {
        this(stream, true);
    }

    BlockingReader(ReadableStream<?> stream, boolean destroyOnReturn) {
        this.stream = stream;
        this.destroyOnReturn = destroyOnReturn;
        this.loop = StreamErrors.requireStream(stream, "stream", "Readable").eventLoop();
        this.alive = loop.keepAlive();
    }

    private void checkNotLoop(String what) {
        if (loop.inLoop()) {
            throw new IllegalStateException(what + " would block the stream's own event loop thread "
                    + Thread.currentThread().getName() + " and deadlock; call it from another (virtual) thread, "
                    + "or consume the stream with listeners on the loop");
        }
    }

    /**
     * Blocks until the next batch: chunks, possibly ending with {@link #END}; an empty deque
     * when the reader is finished or closed.
     *
     * @throws RuntimeException the stream's error (once), or {@link CancellationException} if
     *     the thread is interrupted (the interrupt status is kept)
     */
    ArrayDeque<Object> fetch(String what) {
        checkNotLoop(what);
        if (finished || closed) {
            return new ArrayDeque<>(0);
        }
        CompletableFuture<ArrayDeque<Object>> f = new CompletableFuture<>();
        loop.execute(() -> fill(f));
        try {
            ArrayDeque<Object> batch = f.get();
            if (!batch.isEmpty() && batch.peekLast() == END) {
                finish();
            }
            return batch;
        } catch (ExecutionException e) {
            finish();
            throw asUnchecked(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // The consumer gave up: release the stream even if this was its first read.
            close(true, true);
            throw new CancellationException("interrupted while waiting for the stream");
        }
    }

    static RuntimeException asUnchecked(Throwable t) {
        if (t instanceof RuntimeException re) {
            return re;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new java.util.concurrent.CompletionException(t);
    }

    private void finish() {
        if (!finished) {
            finished = true;
            // The loop-side pull is finished too; release it there (the generator's finally in
            // Node: after an end, destroyOnReturn false leaves the stream alone).
            loop.execute(() -> {
                if (pull != null) {
                    pull.close(destroyOnReturn);
                }
                alive.close();
            });
        }
    }

    /** Loop thread: completes {@code f} with what is ready, or waits for the next event. */
    private void fill(CompletableFuture<ArrayDeque<Object>> f) {
        if (closed) {
            f.complete(new ArrayDeque<>(0));
            return;
        }
        if (pull == null) {
            pull = new PullIterator(stream);
        }
        long max = Math.max(1, stream.readableHighWaterMark());
        boolean objectMode = stream.readableObjectMode();
        ArrayDeque<Object> batch = new ArrayDeque<>();
        long size = 0;
        Object chunk;
        while (size < max && (chunk = pull.poll()) != null) {
            batch.add(chunk);
            size += objectMode ? 1 : Math.max(1, Chunks.length(chunk));
        }
        if (!batch.isEmpty()) {
            f.complete(batch);
        } else if (pull.failure() != null) {
            f.completeExceptionally(pull.failure());
        } else if (pull.ended()) {
            batch.add(END);
            f.complete(batch);
        } else {
            pending = f;
            pull.await(() -> {
                pending = null;
                fill(f);
            });
        }
    }

    /**
     * Any thread: stops reading; see {@link PullIterator#close}. A consumer blocked in
     * {@link #fetch} gets an empty batch. Before the first fetch nothing happens unless
     * {@code evenIfNotStarted} (Node's iterator: returning from a generator that never ran), which
     * destroys the stream as {@code Streams.destroy} does (AbortError if it had not finished).
     */
    void close(boolean destroyOnReturn, boolean evenIfNotStarted) {
        if (closed) {
            return;
        }
        closed = true;
        Runnable task = () -> {
            if (pull != null) {
                pull.close(destroyOnReturn);
            } else if (evenIfNotStarted && destroyOnReturn) {
                Streams.destroy(stream);
            }
            CompletableFuture<ArrayDeque<Object>> f = pending;
            pending = null;
            if (f != null) {
                f.complete(new ArrayDeque<>(0));
            }
            alive.close();
        };
        if (loop.inLoop()) {
            task.run();
        } else {
            try {
                loop.execute(task);
            } catch (java.util.concurrent.RejectedExecutionException gone) {
                // The loop has terminated: nothing left to destroy.
            }
        }
    }
}
