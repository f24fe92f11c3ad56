package io.sluice.loop;

/**
 * A timeout or interval: the {@link Timer} handle and the {@link TimerHeap} entry in one object,
 * so scheduling allocates exactly one object per timer.
 */
final class TimerTask implements Timer {
    final EventLoop loop;
    final Runnable task;
    /** 0 for a one-shot timeout, else the interval period. */
    final long intervalNanos;
    /** {@link System#nanoTime()} at which the timer is due; compare with subtraction (overflow-safe). */
    long due;
    /** Creation (or re-arm) order, to break ties between equal due times. */
    long seq;
    /** Position in the heap, -1 when not in it (fired, cancelled, or an interval running its callback). */
    int heapIndex = -1;
    /** Still going to run (not fired if one-shot, not cancelled); only active timers count for liveness. */
    boolean active = true;
    boolean ref = true;

    TimerTask(EventLoop loop, Runnable task, long intervalNanos) {
        this.loop = loop;
        this.task = task;
        this.intervalNanos = intervalNanos;
    }

    @Override
    public void cancel() {
        loop.checkThread("Timer.cancel()");
        if (active) {
            active = false;
            if (ref) {
                loop.refTimers--;
            }
            if (heapIndex >= 0) {
                loop.timers.remove(this);
            }
        }
    }

    @Override
    public Timer unref() {
        loop.checkThread("Timer.unref()");
        if (ref) {
            ref = false;
            if (active) {
                loop.refTimers--;
            }
        }
        return this;
    }

    @Override
    public Timer ref() {
        loop.checkThread("Timer.ref()");
        if (!ref) {
            ref = true;
            if (active) {
                loop.refTimers++;
            }
        }
        return this;
    }

    @Override
    public boolean hasRef() {
        return ref;
    }

    @Override
    public String toString() {
        return (intervalNanos > 0 ? "Interval" : "Timeout") + (active ? "[pending]" : "[done]");
    }
}
