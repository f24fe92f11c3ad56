package io.sluice.loop;

/**
 * A {@code setImmediate} callback and its {@link Timer} handle. Cancellation is lazy: the entry
 * stays in the loop's immediate queue and is skipped when its turn comes, which keeps cancel O(1).
 */
final class ImmediateTask extends ScheduledTask {

    ImmediateTask(EventLoop loop, Runnable task) {
        super(loop, task);
    }

    @Override
    void addRef(int delta) {
        loop.refImmediates += delta;
    }

    @Override
    void onDeactivate() {
        loop.pendingImmediates--;
    }

    @Override
    public String toString() {
        return "Immediate" + (active ? "[pending]" : "[done]");
    }
}
