package io.sluice.event;

import java.util.function.Consumer;

/**
 * The listeners of one event on one emitter, as an exactly sized copy-on-write array: every
 * change installs a new array, so {@code emit} iterates the array it read at the start and gets
 * Node's snapshot semantics (listeners added during an emit are not called by it; removed ones
 * still are) without copying anything per emit.
 */
final class Slot {
    final Event<?> event;
    /** Never null; empty when the event has no listeners (the slot is kept for reuse). */
    Object[] listeners = EventEmitter.NO_ARGS;
    /**
     * Node's {@code existing.warned}: the max-listeners warning was given for this run of
     * listeners. Node keeps the flag on the listener array, which disappears when the count drops
     * to one or zero, so the flag is reset then too.
     */
    boolean warned;
    /** When the event last went from no listeners to some: Node's property order for eventNames. */
    long order;
    /**
     * The listener itself when there is exactly one and a typed emit calls it as a
     * {@code Consumer} (a typed listener, its hidden adapter, or a once-wrapper, whose
     * {@code accept} is what {@code fireValue} calls for it); else null. Kept in step with
     * {@link #listeners} by every change, so the typed emit of a stream's 'data' (one pipe or one
     * listener, the usual case) is one field read and one call: no array, length or type test.
     */
    Consumer<Object> sole;

    Slot(Event<?> event) {
        this.event = event;
    }

    void add(Object listener, boolean prepend) {
        Object[] old = listeners;
        Object[] now = new Object[old.length + 1];
        if (prepend) {
            now[0] = listener;
            System.arraycopy(old, 0, now, 1, old.length);
        } else {
            System.arraycopy(old, 0, now, 0, old.length);
            now[old.length] = listener;
        }
        listeners = now;
        refreshSole();
    }

    void removeAt(int index) {
        Object[] old = listeners;
        if (old.length == 1) {
            listeners = EventEmitter.NO_ARGS;
        } else {
            Object[] now = new Object[old.length - 1];
            System.arraycopy(old, 0, now, 0, index);
            System.arraycopy(old, index + 1, now, index, old.length - index - 1);
            listeners = now;
        }
        if (listeners.length <= 1) {
            warned = false;
        }
        refreshSole();
    }

    void clear() {
        listeners = EventEmitter.NO_ARGS;
        warned = false;
        sole = null;
    }

    @SuppressWarnings("unchecked")
    private void refreshSole() {
        Object[] ls = listeners;
        sole = ls.length == 1 && (ls[0] instanceof OnceWrapper || !(ls[0] instanceof Listener))
                ? (Consumer<Object>) ls[0] : null;
    }
}
