package io.sluice.loop;

/**
 * A {@code setImmediate} callback and its {@link Timer} handle. Cancellation is lazy: the entry
 * stays in the loop's immediate queue and is skipped when its turn comes, which keeps cancel O(1).
 */
final class ImmediateTask implements Timer {
    final EventLoop loop;
    final Runnable task;
    boolean active = true;
    boolean ref = true;

    ImmediateTask(EventLoop loop, Runnable task) {
        this.loop = loop;
        this.task = task;
    }

    @Override
    public void cancel() {
        loop.checkThread("Timer.cancel()");
        if (active) {
            active = false;
            loop.pendingImmediates--;
            if (ref) {
                loop.refImmediates--;
            }
        }
    }

    @Override
    public Timer unref() {
        loop.checkThread("Timer.unref()");
        if (ref) {
            ref = false;
            if (active) {
                loop.refImmediates--;
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
                loop.refImmediates++;
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
        return "Immediate" + (active ? "[pending]" : "[done]");
    }
}
