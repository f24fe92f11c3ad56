package io.sluice.stream;

import io.sluice.buffer.Buffer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/** The InputStream view of {@link Readables#toInputStream}: see there for the rules. */
final class ReadableInputStream extends InputStream {
    private final BlockingReader reader;
    private ArrayDeque<Object> batch = new ArrayDeque<>(0);
    private ByteBuffer current;
    private boolean eof;
    private volatile boolean closed;

    ReadableInputStream(BlockingReader reader) {
        this.reader = reader;
    }

    /** Makes {@code current} non-empty, or returns false at EOF. */
    private boolean fill() throws IOException {
        while (current == null || !current.hasRemaining()) {
            current = null;
            if (closed) {
                throw new IOException("Stream closed");
            }
            if (eof) {
                return false;
            }
            Object chunk = batch.pollFirst();
            if (chunk == BlockingReader.END) {
                eof = true;
                return false;
            }
            if (chunk == null) {
                try {
                    batch = reader.fetch("InputStream.read()");
                } catch (java.util.concurrent.CancellationException e) {
                    throw new java.io.InterruptedIOException("interrupted while waiting for the stream");
                } catch (RuntimeException e) {
                    eof = true;
                    // The stream's own error as the cause: a checked one comes wrapped for transport.
                    Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                            ? e.getCause() : e;
                    throw new IOException(cause.getMessage(), cause);
                }
                if (closed) {
                    // close() from another thread released this read.
                    throw new IOException("Stream closed");
                }
                if (batch.isEmpty()) {
                    eof = true;
                    return false;
                }
                continue;
            }
            if (chunk instanceof Buffer b) {
                current = b.asByteBuffer();
            } else if (chunk instanceof String s) {
                current = ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
            } else if (chunk instanceof byte[] a) {
                current = ByteBuffer.wrap(a);
            } else {
                reader.close(true, true);
                eof = true;
                throw new IOException("toInputStream() needs Buffer or String chunks, got " + chunk.getClass().getName());
            }
        }
        return true;
    }

    private void checkOpen() throws IOException {
        if (closed) {
            throw new IOException("Stream closed");
        }
    }

    @Override
    public int read() throws IOException {
        checkOpen();
        if (!fill()) {
            return -1;
        }
        return current.get() & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        checkOpen();
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, current.remaining());
        current.get(b, off, n);
        return n;
    }

    @Override
    public int available() throws IOException {
        checkOpen();
        return current == null ? 0 : current.remaining();
    }

    /**
     * Destroys the stream (AbortError if it had not finished), even before the first read; a read
     * blocked in another thread then throws {@code IOException}, as does any later call.
     * Idempotent.
     */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            reader.close(true, true);
        }
    }
}
