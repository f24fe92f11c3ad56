package io.sluice.loop;

/**
 * What a timeout, an interval and an immediate share: the callback, whether it will still run
 * ({@code active}), and whether it keeps the loop alive ({@code ref}). Only an active, ref'd task
 * counts toward the loop's liveness, and this class is the one place that keeps that count right
 * as a task is cancelled, fired, ref'd or unref'd.
 */
abstract sealed class ScheduledTask implements Timer permits TimerTask, ImmediateTask {
    final EventLoop loop;
    final Runnable task;
    /** Still going to run: not fired (one-shot) and not cancelled. */
    boolean active = true;
    boolean ref = true;

    ScheduledTask(EventLoop loop, Runnable task) {
        this.loop = loop;
        this.task = task;
    }

    /** Adds {@code delta} to the loop's count of active, ref'd tasks of this kind. */
    abstract void addRef(int delta);

    /** Called once when the task stops being active (fired or cancelled), after the ref count. */
    abstract void onDeactivate();

    /** Marks the task as no longer going to run: it fired (one-shot) or was cancelled. */
    final void deactivate() {
        active = false;
        if (ref) {
            addRef(-1);
        }
        onDeactivate();
    }

    @Override
    public final void cancel() {
        loop.checkThread("Timer.cancel()");
        if (active) {
            deactivate();
        }
    }

    @Override
    public final Timer unref() {
        loop.checkThread("Timer.unref()");
        if (ref) {
            ref = false;
            if (active) {
                addRef(-1);
            }
        }
        return this;
    }

    @Override
    public final Timer ref() {
        loop.checkThread("Timer.ref()");
        if (!ref) {
            ref = true;
            if (active) {
                addRef(1);
            }
        }
        return this;
    }

    @Override
    public final boolean hasRef() {
        return ref;
    }
}
