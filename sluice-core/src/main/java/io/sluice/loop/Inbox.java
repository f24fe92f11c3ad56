package io.sluice.loop;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * The only door into a loop from other threads: a lock-free multi-producer queue of macrotasks
 * plus the loop's sleep/wake handshake.
 *
 * <p>Wake-up protocol (a Dekker-style pair of volatile accesses, so no wake-up is lost and none is
 * wasted): the loop sets {@code sleeping}, then re-checks its queues and only then parks; a
 * producer first publishes its work (queue offer, keep-alive count change), then reads
 * {@code sleeping} and unparks only if the loop announced it was going to sleep. Whichever side
 * comes second sees the other's write. A busy loop therefore costs producers one volatile read and
 * no syscall.
 */
final class Inbox {
    private static final VarHandle SLEEPING;

    static {
        try {
            SLEEPING = MethodHandles.lookup().findVarHandle(Inbox.class, "sleeping", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final Thread owner;
    @SuppressWarnings("unused") // accessed through SLEEPING as well
    private volatile boolean sleeping;

    Inbox(Thread owner) {
        this.owner = owner;
    }

    /** Any thread. Does not wake the loop; call {@link #wake()} after the caller's own checks. */
    void offer(Runnable task) {
        queue.offer(task);
    }

    /** Any thread: takes back a task that was offered and not yet polled; true if it was still there. */
    boolean remove(Runnable task) {
        return queue.remove(task);
    }

    /** Loop thread. */
    Runnable poll() {
        return queue.poll();
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    void clear() {
        queue.clear();
    }

    /** Any thread: unparks the loop if, and only if, it announced it is going to sleep. */
    void wake() {
        if (sleeping && SLEEPING.compareAndSet(this, true, false)) {
            LockSupport.unpark(owner);
        }
    }

    /** Loop thread: announce the intention to park; re-check every wake condition after this. */
    void beginSleep() {
        sleeping = true;
    }

    /** Loop thread: after parking (or deciding not to). */
    void endSleep() {
        sleeping = false;
    }
}
