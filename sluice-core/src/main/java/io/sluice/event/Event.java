package io.sluice.event;

import io.sluice.error.Errors;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The name of an event, with the type {@code T} of the single value its typed listeners receive.
 *
 * <p>There are two kinds, mirroring JavaScript's property keys:
 * <ul>
 *   <li><b>Named</b> events ({@link #of(String)}) are interned: every {@code Event.of("data")} is the
 *       same object, and it is the same event as the string {@code "data"} in the string API of
 *       {@link EventEmitter} ({@code on("data", ...)}, {@code emit("data", ...)}). Their
 *       {@link #key()} is the name.</li>
 *   <li><b>Symbol</b> events ({@link #symbol(String)}) are unique, like a JavaScript {@code Symbol}:
 *       two symbols with the same description are different events, and no string names them.
 *       Their {@link #key()} is the event object itself.</li>
 * </ul>
 *
 * <p>The type parameter is a compile-time convenience only: {@code Event.<Integer>of("x")} and
 * {@code Event.<String>of("x")} are the same object, so declare each named event once, as a
 * constant, with the type its emitter really emits.
 *
 * <p>Identity-based {@code equals}/{@code hashCode}. Thread-safe: events may be created and shared
 * from any thread. Named events are kept for the life of the JVM (an interned name costs one map
 * entry), so do not build event names from unbounded data such as request ids.
 *
 * <p><b>Why not just strings?</b> An emitter finds an event's listeners through a small identity
 * table indexed by a hash precomputed here, so a typed {@code emit} never hashes or compares a
 * string; the string API pays one lookup in the global intern table per call.
 *
 * @param <T> the type of the value a typed listener receives
 */
public final class Event<T> {
    private static final ConcurrentHashMap<String, Event<?>> NAMED = new ConcurrentHashMap<>();
    private static final AtomicInteger IDS = new AtomicInteger();

    private final String name;
    private final boolean symbol;
    /** Spread of a sequential id, used as the slot index in each emitter's table. */
    final int hash;

    private Event(String name, boolean symbol) {
        this.name = name;
        this.symbol = symbol;
        // Murmur3's finaliser: cheap, and spreads sequential ids over all bits of the table mask.
        int h = IDS.incrementAndGet();
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        this.hash = h;
    }

    /**
     * The named event {@code name}: the same object for every call with an equal name, and the
     * same event as the string {@code name} in {@link EventEmitter}'s string API.
     *
     * @throws io.sluice.error.NodeTypeException {@code ERR_INVALID_ARG_TYPE} if {@code name} is null
     *     (Node accepts any property key; Java keeps event names to strings and symbols)
     */
    @SuppressWarnings("unchecked")
    public static <T> Event<T> of(String name) {
        if (name == null) {
            throw Errors.invalidArgType("eventName", "of type string", null);
        }
        Event<?> e = NAMED.get(name);
        if (e == null) {
            e = NAMED.computeIfAbsent(name, n -> new Event<>(n, false));
        }
        return (Event<T>) e;
    }

    /**
     * A new, unique event, like JavaScript's {@code Symbol(description)}: no other event (and no
     * string) is equal to it. Used for internal or private events such as
     * {@link EventEmitter#ERROR_MONITOR}.
     *
     * @param description shown by {@link #toString()} as {@code Symbol(description)}; may be null
     */
    public static <T> Event<T> symbol(String description) {
        return new Event<>(description, true);
    }

    /** The interned named event for {@code name}, or null if no one has ever asked for it. */
    static Event<?> existing(String name) {
        return NAMED.get(name);
    }

    /**
     * The key under which {@link EventEmitter} reports this event ({@code eventNames()},
     * {@link ListenerChange#event()}, {@link Warning#event()}): the name (a {@code String}) for a
     * named event, this object for a symbol — the Java counterpart of a string or Symbol key.
     */
    public Object key() {
        return symbol ? this : name;
    }

    /** The name of a named event, or the description of a symbol (possibly null). */
    public String name() {
        return name;
    }

    /** Whether this is a {@link #symbol(String) symbol} (unique, unnamed) event. */
    public boolean isSymbol() {
        return symbol;
    }

    /**
     * As JavaScript's {@code String(key)}: the name of a named event, {@code Symbol(description)}
     * for a symbol. This is the text Node puts in messages such as the max-listeners warning.
     */
    @Override
    public String toString() {
        return symbol ? "Symbol(" + (name == null ? "" : name) + ")" : name;
    }
}
