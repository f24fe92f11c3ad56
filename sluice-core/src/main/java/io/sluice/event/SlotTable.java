package io.sluice.event;

import java.util.ArrayList;
import java.util.List;

/**
 * An emitter's events: an open-addressing table keyed by {@link Event} identity and indexed by the
 * event's precomputed hash, so finding an event's listeners on the hot path is an array read and
 * a reference comparison, with no string hashing or boxing.
 *
 * <p>Slots are never deleted individually (an event whose listeners are all removed keeps an
 * empty slot, reused if listeners come back), which keeps probing simple; the table only grows
 * with the number of distinct events ever listened to on the emitter, and
 * {@code removeAllListeners()} starts afresh.
 */
final class SlotTable {
    private static final int INITIAL = 16;

    private Slot[] slots = new Slot[INITIAL];
    private int size;

    /** The slot of {@code event}, or null if it never had listeners here. */
    Slot get(Event<?> event) {
        Slot[] t = slots;
        int mask = t.length - 1;
        int i = event.hash & mask;
        Slot s;
        while ((s = t[i]) != null) {
            if (s.event == event) {
                return s;
            }
            i = (i + 1) & mask;
        }
        return null;
    }

    Slot getOrCreate(Event<?> event) {
        Slot s = get(event);
        if (s != null) {
            return s;
        }
        if ((size + 1) * 2 > slots.length) {
            resize();
        }
        s = new Slot(event);
        insert(slots, s);
        size++;
        return s;
    }

    /** Slots that currently have listeners, in no particular order. */
    List<Slot> live() {
        List<Slot> out = new ArrayList<>();
        for (Slot s : slots) {
            if (s != null && s.listeners.length > 0) {
                out.add(s);
            }
        }
        return out;
    }

    void clear() {
        slots = new Slot[INITIAL];
        size = 0;
    }

    private void resize() {
        Slot[] bigger = new Slot[slots.length * 2];
        for (Slot s : slots) {
            if (s != null) {
                insert(bigger, s);
            }
        }
        slots = bigger;
    }

    private static void insert(Slot[] t, Slot s) {
        int mask = t.length - 1;
        int i = s.event.hash & mask;
        while (t[i] != null) {
            i = (i + 1) & mask;
        }
        t[i] = s;
    }
}
