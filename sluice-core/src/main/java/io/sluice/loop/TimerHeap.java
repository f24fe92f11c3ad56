package io.sluice.loop;

import java.util.Arrays;

/**
 * A binary min-heap of timers ordered by due time, then by sequence number (creation order), so
 * timers due at the same instant run in the order they were set, as Node's do. Each entry knows
 * its index, which makes {@link #remove} O(log n) instead of the O(n) of
 * {@link java.util.PriorityQueue#remove(Object)}. Loop thread only; no locking.
 */
final class TimerHeap {
    private TimerTask[] heap = new TimerTask[16];
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** The earliest timer, or null. */
    TimerTask peek() {
        return size == 0 ? null : heap[0];
    }

    void add(TimerTask t) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        siftUp(size++, t);
    }

    /** Removes and returns the earliest timer, or null. */
    TimerTask poll() {
        if (size == 0) {
            return null;
        }
        TimerTask top = heap[0];
        removeAt(0);
        return top;
    }

    /** Removes {@code t}, which must be in this heap. */
    void remove(TimerTask t) {
        int i = t.heapIndex;
        if (i < 0 || i >= size || heap[i] != t) {
            throw new IllegalStateException("timer is not in this heap: " + t);
        }
        removeAt(i);
    }

    void clear() {
        for (int i = 0; i < size; i++) {
            heap[i].heapIndex = -1;
            heap[i] = null;
        }
        size = 0;
    }

    private void removeAt(int i) {
        TimerTask removed = heap[i];
        removed.heapIndex = -1;
        int last = --size;
        TimerTask moved = heap[last];
        heap[last] = null;
        if (i != last) {
            siftDown(i, moved);
            if (heap[i] == moved) {
                siftUp(i, moved);
            }
        }
    }

    private void siftUp(int i, TimerTask t) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            TimerTask p = heap[parent];
            if (!before(t, p)) {
                break;
            }
            heap[i] = p;
            p.heapIndex = i;
            i = parent;
        }
        heap[i] = t;
        t.heapIndex = i;
    }

    private void siftDown(int i, TimerTask t) {
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            TimerTask c = heap[child];
            int right = child + 1;
            if (right < size && before(heap[right], c)) {
                child = right;
                c = heap[child];
            }
            if (!before(c, t)) {
                break;
            }
            heap[i] = c;
            c.heapIndex = i;
            i = child;
        }
        heap[i] = t;
        t.heapIndex = i;
    }

    /** Due earlier, or due at the same nanosecond and created earlier. */
    static boolean before(TimerTask a, TimerTask b) {
        long d = a.due - b.due;
        return d < 0 || (d == 0 && a.seq < b.seq);
    }
}
