package io.sluice.loop;

/**
 * A handle to a callback scheduled with {@link EventLoop#setTimeout}, {@link EventLoop#setInterval}
 * or {@link EventLoop#setImmediate}: Node's {@code Timeout} and {@code Immediate} objects, with
 * {@code clearTimeout}/{@code clearInterval}/{@code clearImmediate} as {@link #cancel()}.
 *
 * <p>Like everything scheduled on a loop, a timer is confined to its loop's thread: every method
 * except {@link #hasRef()} throws {@link IllegalStateException} when called from another thread
 * (Node has only one thread, so it has no such rule). To cancel from elsewhere, hand the call to
 * the loop with {@link EventLoop#execute}.
 */
public interface Timer {

    /**
     * Cancels the callback if it has not run yet (for an interval: stops all further runs, also
     * when called from inside the interval's own callback). Idempotent; cancelling a timer that
     * already fired does nothing, as Node's {@code clearTimeout}. A cancelled timer no longer keeps
     * the loop alive.
     *
     * @throws IllegalStateException if called off the loop's thread
     */
    void cancel();

    /**
     * Node's {@code unref()}: the pending callback no longer keeps the loop alive on its own. It
     * still runs when due if the loop is alive for another reason (an open {@link KeepAlive},
     * other work). Idempotent.
     *
     * @return this timer
     * @throws IllegalStateException if called off the loop's thread
     */
    Timer unref();

    /**
     * Node's {@code ref()}: undoes {@link #unref()}, so a pending callback keeps the loop alive
     * again (the default). Has no effect on a timer that already fired or was cancelled.
     *
     * @return this timer
     * @throws IllegalStateException if called off the loop's thread
     */
    Timer ref();

    /**
     * Whether the timer is ref'd, i.e. {@link #unref()} has not been called since the last
     * {@link #ref()}. As in Node this reports the flag only; it stays true after the timer fired.
     * May be called from any thread (the answer is then only a snapshot).
     */
    boolean hasRef();
}
