package io.sluice.event;

import io.sluice.error.AbortException;
import io.sluice.error.Errors;

/**
 * The web platform's {@code AbortSignal}, as Node provides it: a one-way flag, raised by its
 * {@link AbortController}, that operations such as streams watch in order to cancel themselves.
 *
 * <p>Listening follows Node's {@code EventTarget} rather than {@code EventEmitter}: adding the
 * same listener twice has no effect; the dispatch walks the live list as Node's does, so a
 * listener removing itself leaves the next one to run, one removed before its turn does not run,
 * and one added during the dispatch runs in it unless it was added after the list's last listener
 * had started; listeners added after the abort are never called, so check {@link #aborted()}
 * first; every listener runs even if an earlier one throws.
 *
 * <p>Differences from Node: listeners are {@code Runnable}s for the one event a signal has,
 * {@code 'abort'}, and get no {@code Event} object (read {@link #reason()}); an exception thrown
 * by a listener is rethrown by {@link AbortController#abort} after all listeners have run (with any
 * further ones {@linkplain Throwable#addSuppressed suppressed}) where Node would report it as an
 * uncaught exception on a later tick; {@code AbortSignal.timeout} is not provided here (it needs
 * the event loop).
 *
 * <p>Not thread-safe: a signal belongs to the event loop of the operations it cancels, and
 * aborting runs their listeners synchronously. To abort from another thread, hand the call to the
 * loop ({@code loop.execute(controller::abort)}).
 */
public final class AbortSignal {
    private boolean aborted;
    private Object reason;
    /**
     * The listeners in registration order, as Node's EventTarget keeps them: a linked list after a
     * sentinel, whose dispatch reads each node's next before calling it. So a listener removing
     * itself (as a finished() callback does) leaves the next one in place, one removed before its
     * turn is skipped, and one added during the dispatch runs unless the listener adding it was
     * the last. Null once aborted: no listener can ever run again.
     */
    private Handler root = new Handler(null);
    private int size;

    /** One registration; {@code next} survives removal, as in Node, so a dispatch passes through. */
    private static final class Handler {
        final Runnable callback;
        Handler previous;
        Handler next;
        boolean removed;

        Handler(Runnable callback) {
            this.callback = callback;
        }
    }

    AbortSignal() {}

    /**
     * A signal that is already aborted, with Node's default reason (an {@link AbortException}
     * "This operation was aborted"). Node's {@code AbortSignal.abort()}.
     */
    public static AbortSignal abort() {
        AbortSignal s = new AbortSignal();
        s.markAborted(defaultReason());
        return s;
    }

    /**
     * A signal that is already aborted with {@code reason} (null means the default reason, as
     * {@code undefined} does in Node). Node's {@code AbortSignal.abort(reason)}.
     */
    public static AbortSignal abort(Object reason) {
        AbortSignal s = new AbortSignal();
        s.markAborted(reason == null ? defaultReason() : reason);
        return s;
    }

    /**
     * Node's {@code AbortSignal.any(signals)}: a signal that aborts, with the same reason, as soon
     * as any of {@code signals} does (already aborted if one of them is).
     *
     * @throws io.sluice.error.NodeTypeException {@code ERR_INVALID_ARG_TYPE} if the array or an
     *     element is null
     */
    public static AbortSignal any(AbortSignal... signals) {
        if (signals == null) {
            throw Errors.invalidArgType("signals", "an instance of Array", null);
        }
        for (AbortSignal s : signals) {
            if (s == null) {
                throw Errors.invalidArgType("signals[0]", "an instance of AbortSignal", null);
            }
        }
        AbortSignal result = new AbortSignal();
        for (AbortSignal s : signals) {
            if (s.aborted) {
                result.markAborted(s.reason);
                return result;
            }
        }
        for (AbortSignal s : signals) {
            s.addEventListener(() -> result.fire(s.reason));
        }
        return result;
    }

    /** Whether the signal has been aborted. */
    public boolean aborted() {
        return aborted;
    }

    /** The reason given to {@code abort}, or null while not aborted. */
    public Object reason() {
        return reason;
    }

    /**
     * Throws if the signal is aborted: the reason itself if it is a {@code RuntimeException} or
     * {@code Error}, otherwise an {@link AbortException} ("This operation was aborted") caused by
     * the reason when it is a {@code Throwable}. Node throws any reason value as it is; Java
     * cannot throw a checked exception or a non-{@code Throwable} here.
     */
    public void throwIfAborted() {
        if (!aborted) {
            return;
        }
        if (reason instanceof RuntimeException re) {
            throw re;
        }
        if (reason instanceof Error e) {
            throw e;
        }
        throw new AbortException("This operation was aborted", reason instanceof Throwable t ? t : null);
    }

    /**
     * Calls {@code listener} when the signal is aborted (Node's
     * {@code addEventListener('abort', listener)}). Adding a listener that is already registered
     * does nothing. After the abort this does nothing at all: the event is not replayed.
     *
     * @return this signal
     * @throws io.sluice.error.NodeTypeException {@code ERR_INVALID_ARG_TYPE} if {@code listener} is null
     */
    public AbortSignal addEventListener(Runnable listener) {
        if (listener == null) {
            throw Errors.invalidArgType("listener", "an instance of Function", null);
        }
        if (root == null) {
            return this;
        }
        Handler last = root;
        while (last.next != null) {
            if (last.next.callback == listener) {
                return this;
            }
            last = last.next;
        }
        Handler h = new Handler(listener);
        h.previous = last;
        last.next = h;
        size++;
        return this;
    }

    /**
     * Removes {@code listener} (Node's {@code removeEventListener('abort', listener)}); nothing
     * happens if it is not registered. Removing during an abort keeps it from being called if it
     * has not run yet.
     *
     * @return this signal
     */
    public AbortSignal removeEventListener(Runnable listener) {
        for (Handler h = root == null ? null : root.next; h != null; h = h.next) {
            if (h.callback == listener) {
                h.previous.next = h.next;
                if (h.next != null) {
                    h.next.previous = h.previous;
                }
                h.removed = true;
                size--;
                break;
            }
        }
        return this;
    }

    /** The number of registered listeners (0 after the abort); for diagnostics and tests. */
    public int listenerCount() {
        return root == null ? 0 : size;
    }

    /** Called by {@link AbortController#abort}: a second abort is ignored, as in Node. */
    void fire(Object why) {
        if (aborted) {
            return;
        }
        markAborted(why);
        Throwable first = null;
        Handler h = root.next;
        while (h != null) {
            Handler next = h.next; // read first: the call may remove h
            if (!h.removed) {
                try {
                    h.callback.run();
                } catch (RuntimeException | Error e) {
                    if (first == null) {
                        first = e;
                    } else {
                        first.addSuppressed(e);
                    }
                }
            }
            h = next;
        }
        root = null;
        size = 0;
        if (first instanceof RuntimeException re) {
            throw re;
        }
        if (first instanceof Error e) {
            throw e;
        }
    }

    private void markAborted(Object why) {
        aborted = true;
        reason = why;
    }

    static Object defaultReason() {
        return new AbortException("This operation was aborted", null);
    }

    @Override
    public String toString() {
        return aborted ? "AbortSignal { aborted: true, reason: " + Errors.inspect(reason) + " }"
                : "AbortSignal { aborted: false }";
    }
}
