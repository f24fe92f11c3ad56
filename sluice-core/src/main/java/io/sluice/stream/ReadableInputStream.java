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
                    throw new IOException(e.getMessage(), e);
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
                reader.close(true);
                eof = true;
                throw new IOException("toInputStream() needs Buffer or String chunks, got " + chunk.getClass().getName());
            }
        }
        return true;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return current.get() & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
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
    public int available() {
        return current == null ? 0 : current.remaining();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            reader.close(true);
        }
    }
}
