package io.sluice.event;

import java.util.function.Consumer;

/**
 * The wrapper that {@link EventEmitter#once} and {@link EventEmitter#prependOnceListener} register
 * in place of the listener: Node's {@code onceWrapper}. {@link EventEmitter#rawListeners} returns
 * it; {@link #listener()} is the original (Node's {@code wrapper.listener}).
 *
 * <p>The first call, through either {@link #accept} or {@link #handle}, removes the wrapper from
 * its emitter (through the emitter's {@code removeListener}, so an override sees it) and then calls
 * the original with the arguments; later calls do nothing. Because removal comes first, an emit of
 * the same event inside the listener does not reach it again.
 *
 * <p>It implements both listener interfaces so that it fits either registration API; it converts
 * the arguments to the form the original expects (a {@link Listener} gets {@code {value}} from
 * {@link #accept}, a {@link Consumer} gets {@code args[0]} or null from {@link #handle}).
 * Not thread-safe, like its emitter.
 */
public final class OnceWrapper implements Consumer<Object>, Listener {
    private final EventEmitter emitter;
    private final Event<?> event;
    private final Object listener;
    private final boolean typed;
    private boolean fired;

    /** {@code listener} is a {@code Consumer} if {@code typed}, else a {@code Listener}. */
    OnceWrapper(EventEmitter emitter, Event<?> event, Object listener, boolean typed) {
        this.emitter = emitter;
        this.event = event;
        this.listener = listener;
        this.typed = typed;
    }

    /** The listener given to {@code once}/{@code prependOnceListener} (Node's {@code .listener}). */
    public Object listener() {
        return listener;
    }

    /** Whether the wrapper has already run (and removed itself). */
    public boolean fired() {
        return fired;
    }

    /** Whether the original is a typed {@code Consumer} rather than a string {@code Listener}. */
    boolean typed() {
        return typed;
    }

    /**
     * Removes this wrapper from its emitter, then calls the original with {@code value} (a
     * {@link Listener} original receives {@code {value}}). Does nothing after the first call.
     * Exceptions from the original propagate; the wrapper stays removed.
     */
    @Override
    @SuppressWarnings("unchecked")
    public void accept(Object value) {
        if (!begin()) {
            return;
        }
        if (typed) {
            ((Consumer<Object>) listener).accept(value);
        } else {
            ((Listener) listener).handle(new Object[] {value});
        }
    }

    /**
     * Removes this wrapper from its emitter, then calls the original with {@code args} (a typed
     * {@code Consumer} original receives {@code args[0]}, or null if there is none). Does nothing
     * after the first call. Exceptions from the original propagate; the wrapper stays removed.
     */
    @Override
    @SuppressWarnings("unchecked")
    public void handle(Object... args) {
        if (!begin()) {
            return;
        }
        if (typed) {
            ((Consumer<Object>) listener).accept(args == null || args.length == 0 ? null : args[0]);
        } else {
            ((Listener) listener).handle(args == null ? EventEmitter.NO_ARGS : args);
        }
    }

    /**
     * Marks the wrapper fired and removes it. Node sets its flag after removal; setting it first
     * differs only if a 'removeListener' listener calls this wrapper directly, or throws (Node's
     * wrapper then stays unfired and fires again if it is registered elsewhere), and then it keeps
     * the "at most once" promise.
     */
    @SuppressWarnings("unchecked")
    private boolean begin() {
        if (fired) {
            return false;
        }
        fired = true;
        if (typed || event.isSymbol()) {
            emitter.removeListener((Event<Object>) event, this);
        } else {
            emitter.removeListener(event.name(), this);
        }
        return true;
    }

    @Override
    public String toString() {
        return "OnceWrapper[" + event + " -> " + listener + "]";
    }
}
