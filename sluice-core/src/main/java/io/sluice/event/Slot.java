package io.sluice.event;

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
    }

    void clear() {
        listeners = EventEmitter.NO_ARGS;
        warned = false;
    }
}
