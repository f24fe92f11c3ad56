package io.sluice.loop;

/**
 * A timeout or interval: the {@link Timer} handle and the {@link TimerHeap} entry in one object,
 * so scheduling allocates exactly one object per timer.
 */
final class TimerTask extends ScheduledTask {
    /** 0 for a one-shot timeout, else the interval period. */
    final long intervalNanos;
    /** {@link System#nanoTime()} at which the timer is due; compare with subtraction (overflow-safe). */
    long due;
    /** Creation (or re-arm) order, to break ties between equal due times. */
    long seq;
    /** Position in the heap, -1 when not in it (fired, cancelled, or an interval running its callback). */
    int heapIndex = -1;

    TimerTask(EventLoop loop, Runnable task, long intervalNanos) {
        super(loop, task);
        this.intervalNanos = intervalNanos;
    }

    @Override
    void addRef(int delta) {
        loop.refTimers += delta;
    }

    @Override
    void onDeactivate() {
        if (heapIndex >= 0) {
            loop.timers.remove(this);
        }
    }

    @Override
    public String toString() {
        return (intervalNanos > 0 ? "Interval" : "Timeout") + (active ? "[pending]" : "[done]");
    }
}
