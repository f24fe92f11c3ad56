package io.sluice.stream;

import java.util.ArrayDeque;
import java.util.NoSuchElementException;

/** {@link StreamIterator} over a {@link BlockingReader}: see the interface for the rules. */
final class BlockingIterator<T> implements StreamIterator<T> {
    private final BlockingReader reader;
    private final boolean destroyOnReturn;
    // Consumer thread only.
    private ArrayDeque<Object> batch = new ArrayDeque<>(0);
    private boolean exhausted;

    BlockingIterator(BlockingReader reader, boolean destroyOnReturn) {
        this.reader = reader;
        this.destroyOnReturn = destroyOnReturn;
    }

    @Override
    public boolean hasNext() {
        while (true) {
            if (exhausted) {
                return false;
            }
            Object head = batch.peekFirst();
            if (head == BlockingReader.END) {
                exhausted = true;
                return false;
            }
            if (head != null) {
                return true;
            }
            try {
                batch = reader.fetch("StreamIterator.hasNext()");
            } catch (RuntimeException e) {
                exhausted = true;
                throw e;
            }
            if (batch.isEmpty()) {
                exhausted = true;
            }
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return (T) batch.pollFirst();
    }

    @Override
    public void close() {
        exhausted = true;
        reader.close(destroyOnReturn, false);
    }
}
