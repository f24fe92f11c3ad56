package io.sluice.loop;

/**
 * An open reason for an {@link EventLoop} not to exit: while any keep-alive obtained from
 * {@link EventLoop#keepAlive()} is open, {@link EventLoop#run} does not return even when every
 * queue is empty. This is how work outside the loop (a socket, a thread that will later call
 * {@link EventLoop#execute}) says "more is coming" — the role of a ref'd libuv handle in Node.
 *
 * <p>Typical use from another thread: open the keep-alive on (or before handing work to) that
 * thread, post the results with {@code execute}, then close it. Closing wakes the loop so it can
 * exit if nothing else is left.
 */
public interface KeepAlive extends AutoCloseable {

    /**
     * Releases this keep-alive. Idempotent and callable from any thread; only the first call has
     * an effect. Never throws.
     */
    @Override
    void close();
}
