package io.sluice.event;

import io.sluice.error.Errors;
import io.sluice.error.UnhandledErrorException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Node's {@code EventEmitter}: named events with synchronous listeners called in registration
 * order.
 *
 * <h2>Two APIs over one set of listeners</h2>
 * <ul>
 *   <li><b>Typed</b>: {@code on(Event<T>, Consumer<? super T>)}, {@code emit(Event<T>, T)} — one
 *       value per emit, no varargs array; what streams use on their hot paths.</li>
 *   <li><b>String</b>: {@code on(String, Listener)}, {@code emit(String, Object...)} — Node's
 *       any-number-of-arguments form.</li>
 * </ul>
 * {@code Event.of("data")} and {@code "data"} are the same event, so both kinds of listener can be
 * mixed on it and keep one registration order. A typed listener receives {@code args[0]} (or null
 * when there are no arguments); a {@link Listener} receives {@code {value}} from a typed emit and
 * {@code {}} from {@link #emit(Event)}. Methods taking {@code Object eventOrName} accept a
 * {@code String} name or an {@link Event} (named or symbol).
 *
 * <h2>Node semantics kept</h2>
 * {@code on} returns {@code this}; duplicates are allowed; {@code 'newListener'} is emitted before
 * a listener is added and {@code 'removeListener'} after it is removed; {@code once} wrappers remove
 * themselves before calling the listener; removal takes the most recently added matching instance;
 * {@code emit} works on a snapshot of the listeners taken when it starts; a listener that throws
 * stops the others and the exception propagates out of {@code emit}; {@code 'error'} without a
 * listener throws; {@link #ERROR_MONITOR} listeners see errors first; more than
 * {@link #getMaxListeners()} listeners on one event gives a {@code MaxListenersExceededWarning}
 * (see {@link Warnings}) but the listener is still added.
 *
 * <h2>Subclassing</h2>
 * Like Node's {@code Readable}, a subclass may override the registration methods to react to
 * particular events. The funnels match Node's: {@code addListener} and {@code once} call
 * {@code on}; {@code prependOnceListener} calls {@code prependListener}; {@code off}, once-wrappers
 * and {@code removeAllListeners} (when someone listens for {@code 'removeListener'}) call
 * {@code removeListener}; the error monitor is emitted through {@link #emitArgs}. Override the
 * typed and the string overload together.
 *
 * <h2>Threads</h2>
 * Not thread-safe, by design: an emitter belongs to one event loop (or one thread) and is used
 * only there, as in Node; the event loop and streams enforce that confinement, so this class has
 * no locks or volatile fields on its paths. Only {@link #setDefaultMaxListeners} and
 * {@link Warnings} are safe to call from any thread.
 *
 * <h2>Cost</h2>
 * Listeners are stored per event in copy-on-write arrays, found through an identity table keyed by
 * the {@link Event}: adding or removing a listener allocates, but a typed {@code emit} with any
 * number of typed listeners allocates nothing (a {@link Listener} on a typed emit costs a one-element
 * array). The string {@code emit} costs its varargs array and one lookup of the name.
 * Measured (JDK 25, one core, emitter with 11 events, 5e7 emits after warm-up): typed emit to one
 * listener about 5 ns, to three distinct lambdas about 20 ns, string emit to one {@code Listener}
 * about 6 ns; Node 20's {@code emit('data', chunk)} on the same shape takes about 45 ns and 80 ns.
 * The price is paid on registration: each add or remove copies the event's array (O(listeners)),
 * which is cheap for the handful of listeners an event normally has.
 */
public class EventEmitter {

    /** The {@code 'error'} event. Emitting it with no listener throws; see {@link #emit(Event, Object)}. */
    public static final Event<Throwable> ERROR = Event.of("error");

    /**
     * Node's {@code events.errorMonitor}: a symbol event whose listeners are called with the error
     * before the {@code 'error'} listeners, every time {@code 'error'} is emitted. They do not count
     * as handlers: with no {@code 'error'} listener the emit still throws, after they have run.
     */
    public static final Event<Throwable> ERROR_MONITOR = Event.symbol("events.errorMonitor");

    /**
     * {@code 'newListener'}: emitted before every listener is added (including listeners for
     * {@code 'newListener'} itself), so {@link #listenerCount} seen inside does not include it yet.
     * Typed listeners receive a {@link ListenerChange}; {@link Listener}s receive
     * {@code {eventKey, listener}} as Node's two arguments.
     */
    public static final Event<ListenerChange> NEW_LISTENER = Event.of("newListener");

    /**
     * {@code 'removeListener'}: emitted after a listener has been removed, with the same payload
     * forms as {@link #NEW_LISTENER}.
     */
    public static final Event<ListenerChange> REMOVE_LISTENER = Event.of("removeListener");

    /** Shared empty argument array; never written to. */
    static final Object[] NO_ARGS = new Object[0];

    private static volatile int defaultMaxListeners = 10;

    private final SlotTable table = new SlotTable();
    /** -1 until {@link #setMaxListeners} is called: until then the live default applies, as in Node. */
    private int maxListeners = -1;
    /** Source of {@link Slot#order}. */
    private long additions;
    /**
     * The slot of the last typed emit: a stream emits 'data' per chunk far more often than
     * anything else, so this saves the table probe (a stream's table holds a dozen events, with
     * probe chains) on nearly every emit. Slots live until {@link SlotTable#clear}, which
     * resets this too ({@link #removeAllListeners()} is the only caller).
     *
     * <p>With {@link Slot#sole} this made a 'data' emit a field read, a compare and one call.
     * Measured on the pipe_bytes / object_mode twins (steady state, thread CPU time, JDK 25, the
     * loaded 2-CPU project VM, every other change of that session left out): 64 KiB chunks 13.0
     * to 16.3 M/s, 1 KiB 13.1 to 16.0 M/s, objects 9.0 to 11.3 M/s.
     */
    private Slot emitted;

    /** An emitter with no listeners, following the {@link #getDefaultMaxListeners() default} limit. */
    public EventEmitter() {}

    // ---------------------------------------------------------------------------------------------
    // Typed registration

    /**
     * Adds {@code listener} at the end of {@code event}'s listeners (Node's {@code on}). The same
     * listener may be added several times and is then called that many times. Emits
     * {@link #NEW_LISTENER} first if anyone listens for it, and may give a max-listeners warning.
     *
     * <p>The event's type is trusted, not checked: if the same named event is also emitted through
     * the string API with a value of another type, this listener fails with a
     * {@code ClassCastException} (which propagates out of that {@code emit}).
     *
     * @return this emitter
     * @throws io.sluice.error.NodeTypeException {@code ERR_INVALID_ARG_TYPE} if {@code event} or
     *     {@code listener} is null ("The "listener" argument must be of type function. Received null")
     */
    public <T> EventEmitter on(Event<T> event, Consumer<? super T> listener) {
        requireListener(listener);
        addInternal(requireEvent(event), typedForm(listener), false);
        return this;
    }

    /**
     * The same as {@link #on(Event, Consumer)} (Node's alias). It calls {@code on}, so overriding
     * {@code on} covers it.
     */
    public <T> EventEmitter addListener(Event<T> event, Consumer<? super T> listener) {
        return on(event, listener);
    }

    /**
     * Adds {@code listener} at the start of {@code event}'s listeners, so it runs before those
     * already registered. Otherwise as {@link #on(Event, Consumer)}.
     *
     * @return this emitter
     * @throws io.sluice.error.NodeTypeException {@code ERR_INVALID_ARG_TYPE} if an argument is null
     */
    public <T> EventEmitter prependListener(Event<T> event, Consumer<? super T> listener) {
        requireListener(listener);
        addInternal(requireEvent(event), typedForm(listener), true);
        return this;
    }

    /**
     * Adds a one-time listener at the end: an {@link OnceWrapper} that removes itself, then calls
     * {@code listener}. Registered through {@link #on(Event, Consumer)}. {@code 'newListener'}
     * reports the original listener, {@link #listeners} shows it, {@link #rawListeners} shows the
     * wrapper, and {@code off(event, listener)} removes the wrapper before it fires.
     *
     * @return this emitter
     * @throws io.sluice.error.NodeTypeException {@code ERR_INVALID_ARG_TYPE} if an argument is null
     */
    public <T> EventEmitter once(Event<T> event, Consumer<? super T> listener) {
        requireListener(listener);
        return on(event, new OnceWrapper(this, requireEvent(event), listener, true));
    }

    /**
     * {@link #once(Event, Consumer)}, but added at the start, through
     * {@link #prependListener(Event, Consumer)}.
     *
     * @return this emitter
     * @throws io.sluice.error.NodeTypeException {@code ERR_INVALID_ARG_TYPE} if an argument is null
     */
    public <T> EventEmitter prependOnceListener(Event<T> event, Consumer<? super T> listener) {
        requireListener(listener);
        return prependListener(event, new OnceWrapper(this, requireEvent(event), listener, true));
    }

    /**
     * Removes the most recently added registration of {@code listener} for {@code event} (itself,
     * or a once-wrapper of it), then emits {@link #REMOVE_LISTENER} if anyone listens for it. Does
     * nothing if it is not registered. An emit already in progress still calls it (snapshot).
     *
     * <p>The listener reported to {@code 'removeListener'} is Node's: the original when the event
     * had a single listener, otherwise the {@code listener} argument as given, so a once-wrapper that
     * removes itself while other listeners remain is reported as the {@link OnceWrapper} (whose
     * {@link OnceWrapper#listener()} is the original).
     *
     * @return this emitter
     * @throws io.sluice.error.NodeTypeException {@code ERR_INVALID_ARG_TYPE} if an argument is null
     */
    public <T> EventEmitter removeListener(Event<T> event, Consumer<? super T> listener) {
        requireListener(listener);
        removeInternal(requireEvent(event), listener);
        return this;
    }

    /**
     * The same as {@link #removeListener(Event, Consumer)} (Node's alias); it calls
     * {@code removeListener}, so overriding that covers it.
     */
    public <T> EventEmitter off(Event<T> event, Consumer<? super T> listener) {
        return removeListener(event, listener);
    }

    // ---------------------------------------------------------------------------------------------
    // String registration

    /**
     * Adds {@code listener} at the end of the listeners of the event named {@code eventName}; it
     * receives the emitted arguments as an array. Otherwise as {@link #on(Event, Consumer)}.
     *
     * @return this emitter
     * @throws io.sluice.error.NodeTypeException {@code ERR_INVALID_ARG_TYPE} if an argument is null
     */
    public EventEmitter on(String eventName, Listener listener) {
        requireListener(listener);
        addInternal(Event.of(eventName), listener, false);
        return this;
    }

    /** The same as {@link #on(String, Listener)} (Node's alias); it calls {@code on}. */
    public EventEmitter addListener(String eventName, Listener listener) {
        return on(eventName, listener);
    }

    /**
     * Adds {@code listener} at the start of the event's listeners.
     *
     * @return this emitter
     * @throws io.sluice.error.NodeTypeException {@code ERR_INVALID_ARG_TYPE} if an argument is null
     */
    public EventEmitter prependListener(String eventName, Listener listener) {
        requireListener(listener);
        addInternal(Event.of(eventName), listener, true);
        return this;
    }

    /**
     * Adds a one-time listener at the end, through {@link #on(String, Listener)}; see
     * {@link #once(Event, Consumer)}.
     *
     * @return this emitter
     * @throws io.sluice.error.NodeTypeException {@code ERR_INVALID_ARG_TYPE} if an argument is null
     */
    public EventEmitter once(String eventName, Listener listener) {
        requireListener(listener);
        return on(eventName, new OnceWrapper(this, Event.of(eventName), listener, false));
    }

    /**
     * Adds a one-time listener at the start, through {@link #prependListener(String, Listener)}.
     *
     * @return this emitter
     * @throws io.sluice.error.NodeTypeException {@code ERR_INVALID_ARG_TYPE} if an argument is null
     */
    public EventEmitter prependOnceListener(String eventName, Listener listener) {
        requireListener(listener);
        return prependListener(eventName, new OnceWrapper(this, Event.of(eventName), listener, false));
    }

    /**
     * Removes the most recently added registration of {@code listener}; see
     * {@link #removeListener(Event, Consumer)}.
     *
     * @return this emitter
     * @throws io.sluice.error.NodeTypeException {@code ERR_INVALID_ARG_TYPE} if an argument is null
     */
    public EventEmitter removeListener(String eventName, Listener listener) {
        requireListener(listener);
        if (eventName == null) {
            throw Errors.invalidArgType("eventName", "of type string", null);
        }
        Event<?> event = Event.existing(eventName);
        if (event != null) {
            removeInternal(event, listener);
        }
        return this;
    }

    /** The same as {@link #removeListener(String, Listener)}; it calls {@code removeListener}. */
    public EventEmitter off(String eventName, Listener listener) {
        return removeListener(eventName, listener);
    }

    // ---------------------------------------------------------------------------------------------
    // Emitting

    /**
     * Calls {@code event}'s listeners, synchronously and in order, with {@code value}: typed
     * listeners receive it, {@link Listener}s receive {@code {value}}. The listeners are those
     * registered when the emit starts. If a listener throws, the rest are skipped and the exception
     * propagates.
     *
     * <p>For {@link #ERROR}: {@link #ERROR_MONITOR} listeners are called first; then, if there is no
     * {@code 'error'} listener, the value is thrown — a {@code RuntimeException} or {@code Error} as
     * it is, anything else (a checked exception, or null) wrapped in an
     * {@link UnhandledErrorException} ({@code ERR_UNHANDLED_ERROR}). Node throws any {@code Error}
     * itself; Java cannot throw a checked exception from here, hence the wrapping. Whether there is
     * an {@code 'error'} listener is decided after the monitors ran, on the listeners as they are
     * then. Node differs when a monitor leaves the emitter with no listeners at all (Node then
     * replaces its listener table and decides on the old one): it throws even if the monitor
     * added an {@code 'error'} listener afterwards, and calls an {@code 'error'} listener the
     * monitor removed.
     *
     * <p>Allocates nothing when the listeners are typed.
     *
     * @return whether the event had listeners
     * @throws io.sluice.error.NodeTypeException {@code ERR_INVALID_ARG_TYPE} if {@code event} is null
     */
    public <T> boolean emit(Event<T> event, T value) {
        if (event == ERROR) {
            return dispatchArgs(ERROR, new Object[] {value});
        }
        Slot slot = emitted;
        if (slot == null || slot.event != event) {
            slot = table.get(requireEvent(event));
            if (slot == null) {
                return false;
            }
            emitted = slot;
        }
        // The usual single listener: read once, so a change made by the call is not seen (snapshot).
        Consumer<Object> sole = slot.sole;
        if (sole != null) {
            sole.accept(value);
            return true;
        }
        // Copy-on-write: this array is the snapshot; later changes install a new one.
        Object[] listeners = slot.listeners;
        int n = listeners.length;
        if (n == 1) {
            fireValue(listeners[0], value);
            return true;
        }
        for (int i = 0; i < n; i++) {
            fireValue(listeners[i], value);
        }
        return n > 0;
    }

    /**
     * Emits an event that carries no value: typed listeners receive null, {@link Listener}s an
     * empty array. Otherwise as {@link #emit(Event, Object)} (including the {@code 'error'} rule,
     * where the missing error is wrapped in an {@link UnhandledErrorException}).
     *
     * @return whether the event had listeners
     * @throws io.sluice.error.NodeTypeException {@code ERR_INVALID_ARG_TYPE} if {@code event} is null
     */
    public boolean emit(Event<Void> event) {
        return dispatchArgs(requireEvent(event), NO_ARGS);
    }

    /**
     * Node's {@code emit(name, ...args)}: calls the listeners of the event named {@code eventName}
     * with {@code args} ({@link Listener}s get the array, typed listeners {@code args[0]} or null).
     * The array is shared by the listeners of this emit. A null array counts as no arguments.
     * For {@code "error"}, see {@link #emit(Event, Object)}; the thrown or wrapped value is
     * {@code args[0]}.
     *
     * @return whether the event had listeners
     * @throws io.sluice.error.NodeTypeException {@code ERR_INVALID_ARG_TYPE} if {@code eventName} is null
     */
    public boolean emit(String eventName, Object... args) {
        if (eventName == null) {
            throw Errors.invalidArgType("eventName", "of type string", null);
        }
        // A name nobody ever interned has no listeners anywhere ("error" is always interned).
        Event<?> event = Event.existing(eventName);
        return event != null && dispatchArgs(event, args == null ? NO_ARGS : args);
    }

    /**
     * Emits any event, named or symbol, with any number of arguments: the general form behind
     * {@link #emit(String, Object...)}, for symbol events that need several arguments. Called for
     * {@link #ERROR_MONITOR} when {@code 'error'} is emitted, as Node calls {@code this.emit}.
     *
     * @param eventOrName a {@code String} name or an {@link Event}
     * @return whether the event had listeners
     * @throws io.sluice.error.NodeTypeException {@code ERR_INVALID_ARG_TYPE} if {@code eventOrName}
     *     is neither
     */
    public boolean emitArgs(Object eventOrName, Object... args) {
        Event<?> event = lookup(eventOrName);
        return event != null && dispatchArgs(event, args == null ? NO_ARGS : args);
    }

    // ---------------------------------------------------------------------------------------------
    // Inspection and bulk removal

    /**
     * The number of listeners registered for the event (once-wrappers count until they fire).
     *
     * @param eventOrName a {@code String} name or an {@link Event}
     * @throws io.sluice.error.NodeTypeException {@code ERR_INVALID_ARG_TYPE} for any other key
     */
    public int listenerCount(Object eventOrName) {
        Slot slot = slotOf(eventOrName);
        return slot == null ? 0 : slot.listeners.length;
    }

    /**
     * The number of times {@code listener} is registered for the event, directly or through a
     * once-wrapper (Node 20's {@code listenerCount(eventName, listener)}); with a null
     * {@code listener}, all listeners are counted.
     *
     * @param eventOrName a {@code String} name or an {@link Event}
     * @throws io.sluice.error.NodeTypeException {@code ERR_INVALID_ARG_TYPE} for any other key
     */
    public int listenerCount(Object eventOrName, Object listener) {
        Slot slot = slotOf(eventOrName);
        if (slot == null) {
            return 0;
        }
        if (listener == null) {
            return slot.listeners.length;
        }
        int count = 0;
        for (Object l : slot.listeners) {
            if (matches(l, listener)) {
                count++;
            }
        }
        return count;
    }

    /**
     * A copy of the event's listeners in call order, with once-wrappers replaced by the listeners
     * they wrap (Node's {@code listeners}). Unmodifiable; empty if there are none.
     *
     * @param eventOrName a {@code String} name or an {@link Event}
     * @throws io.sluice.error.NodeTypeException {@code ERR_INVALID_ARG_TYPE} for any other key
     */
    public List<Object> listeners(Object eventOrName) {
        Slot slot = slotOf(eventOrName);
        if (slot == null) {
            return List.of();
        }
        Object[] ls = slot.listeners;
        Object[] out = new Object[ls.length];
        for (int i = 0; i < ls.length; i++) {
            out[i] = original(ls[i]);
        }
        return List.of(out);
    }

    /**
     * A copy of the event's listeners in call order, with once-registrations shown as their
     * {@link OnceWrapper}s (Node's {@code rawListeners}). Unmodifiable.
     *
     * @param eventOrName a {@code String} name or an {@link Event}
     * @throws io.sluice.error.NodeTypeException {@code ERR_INVALID_ARG_TYPE} for any other key
     */
    public List<Object> rawListeners(Object eventOrName) {
        Slot slot = slotOf(eventOrName);
        if (slot == null) {
            return List.of();
        }
        Object[] ls = slot.listeners;
        Object[] out = new Object[ls.length];
        for (int i = 0; i < ls.length; i++) {
            out[i] = ls[i] instanceof TypedAdapter a ? a.consumer() : ls[i];
        }
        return List.of(out);
    }

    /**
     * The {@link Event#key() keys} of the events that have listeners, in JavaScript property
     * order, as Node's {@code Reflect.ownKeys}: names that are array indices ("0", "1", ...) in
     * numeric order, then the other names in the order their events first got listeners (an event
     * whose listeners were all removed counts as new when it gets one again), then symbol
     * {@link Event}s in that order. Unmodifiable.
     */
    public List<Object> eventNames() {
        List<Slot> live = table.live();
        live.sort(Comparator.comparingInt(EventEmitter::keyRank)
                .thenComparingLong(s -> keyRank(s) == 0 ? arrayIndex(s.event.name()) : s.order));
        List<Object> keys = new ArrayList<>(live.size());
        for (Slot s : live) {
            keys.add(s.event.key());
        }
        return List.copyOf(keys);
    }

    /**
     * Removes every listener of every event. If anyone listens for {@code 'removeListener'}, this
     * goes through {@link #removeAllListeners(Object)} for each event (the
     * {@code 'removeListener'} event last) so that each removal is reported, as Node does;
     * otherwise it silently drops everything.
     *
     * @return this emitter
     */
    public EventEmitter removeAllListeners() {
        if (!hasListeners(REMOVE_LISTENER)) {
            table.clear();
            emitted = null;
            return this;
        }
        for (Object key : eventNames()) {
            if (!"removeListener".equals(key)) {
                removeAllListeners(key);
            }
        }
        removeAllListeners("removeListener");
        table.clear();
        emitted = null;
        return this;
    }

    /**
     * Removes every listener of one event. If anyone listens for {@code 'removeListener'}, the
     * listeners are removed one by one, last first, through {@code removeListener} (each
     * removal reported); otherwise they are dropped at once.
     *
     * <p>Differs from Node when a {@code 'removeListener'} listener removes other listeners of the
     * event meanwhile: Sluice walks the listeners as they were when the call started (removing one
     * already gone is a no-op); Node walks its live array and can read past its end, throwing
     * {@code ERR_INVALID_ARG_TYPE} ("Received undefined") with listeners left in place.
     *
     * @param eventOrName a {@code String} name or an {@link Event}
     * @return this emitter
     * @throws io.sluice.error.NodeTypeException {@code ERR_INVALID_ARG_TYPE} for any other key
     */
    @SuppressWarnings("unchecked")
    public EventEmitter removeAllListeners(Object eventOrName) {
        Slot slot = slotOf(eventOrName);
        if (slot == null || slot.listeners.length == 0) {
            return this;
        }
        if (!hasListeners(REMOVE_LISTENER)) {
            slot.clear();
            return this;
        }
        Event<?> event = slot.event;
        Object[] ls = slot.listeners;
        for (int i = ls.length - 1; i >= 0; i--) {
            Object l = ls[i];
            boolean stringForm = l instanceof Listener && !(l instanceof OnceWrapper w && w.typed());
            if (stringForm && !event.isSymbol()) {
                removeListener(event.name(), (Listener) l);
            } else if (l instanceof TypedAdapter a) {
                // Node passes the listener itself, and removeListener takes its most recent
                // registration: the adapter would match only the one it stands for.
                removeListener((Event<Object>) event, a.consumer());
            } else if (l instanceof Consumer<?> c) {
                removeListener((Event<Object>) event, (Consumer<Object>) c);
            } else {
                removeInternal(event, l);
            }
        }
        return this;
    }

    // ---------------------------------------------------------------------------------------------
    // Limits

    /**
     * Sets the number of listeners per event above which a {@code MaxListenersExceededWarning} is
     * given (once, until the event drops back to one listener or none); 0 means no limit. The
     * listener is added either way: this is leak detection, not a cap.
     *
     * @return this emitter
     * @throws io.sluice.error.NodeRangeException {@code ERR_OUT_OF_RANGE} if {@code n} is negative:
     *     "The value of "setMaxListeners" is out of range. It must be &gt;= 0. Received -1"
     */
    public EventEmitter setMaxListeners(int n) {
        if (n < 0) {
            throw Errors.outOfRange("setMaxListeners", ">= 0", n);
        }
        maxListeners = n;
        return this;
    }

    /**
     * The limit set by {@link #setMaxListeners}, or, if it was never set, the current
     * {@link #getDefaultMaxListeners() default} (a later change of the default applies, as in Node).
     */
    public int getMaxListeners() {
        return maxListeners < 0 ? defaultMaxListeners : maxListeners;
    }

    /** Node's {@code EventEmitter.defaultMaxListeners}: 10 unless changed. */
    public static int getDefaultMaxListeners() {
        return defaultMaxListeners;
    }

    /**
     * Changes the limit of every emitter that has not called {@link #setMaxListeners}. Global to
     * the JVM; safe from any thread.
     *
     * @throws io.sluice.error.NodeRangeException {@code ERR_OUT_OF_RANGE} if {@code n} is negative:
     *     "The value of "defaultMaxListeners" is out of range. It must be &gt;= 0. Received -1"
     */
    public static void setDefaultMaxListeners(int n) {
        if (n < 0) {
            throw Errors.outOfRange("defaultMaxListeners", ">= 0", n);
        }
        defaultMaxListeners = n;
    }

    // ---------------------------------------------------------------------------------------------
    // Static helpers (Node's events module)

    /**
     * Node's {@code events.once(emitter, name)}: a future completed with the arguments of the next
     * emit of the event, or completed exceptionally with the error if {@code 'error'} is emitted
     * first (the {@code 'error'} listener it adds also keeps that emit from throwing). Whichever
     * happens first removes both listeners. Waiting for {@code "error"} itself completes normally
     * with the error's arguments.
     *
     * <p>Differences from Node: the future completes synchronously inside {@code emit}, so
     * non-async dependent stages run there (Node resumes in a microtask); a non-{@code Throwable}
     * error value is wrapped in an {@link UnhandledErrorException}; for a symbol {@link Event} the
     * arguments are the single emitted value ({@code {null}} for a value-less emit); there is no
     * {@code AbortSignal} option.
     *
     * @param eventOrName a {@code String} name or an {@link Event}
     * @throws io.sluice.error.NodeTypeException {@code ERR_INVALID_ARG_TYPE} if an argument is null
     *     or the key is neither a {@code String} nor an {@code Event}
     */
    public static CompletableFuture<Object[]> once(EventEmitter emitter, Object eventOrName) {
        if (emitter == null) {
            throw Errors.invalidArgType("emitter", "an instance of EventEmitter", null);
        }
        return OnceFuture.of(emitter, intern(eventOrName));
    }

    /**
     * Node's (deprecated) {@code EventEmitter.listenerCount(emitter, eventName)}: the same as
     * {@code emitter.listenerCount(eventOrName)}.
     *
     * @throws io.sluice.error.NodeTypeException {@code ERR_INVALID_ARG_TYPE} for a null emitter or a
     *     key that is neither a {@code String} nor an {@code Event}
     */
    public static int listenerCount(EventEmitter emitter, Object eventOrName) {
        if (emitter == null) {
            throw Errors.invalidArgType("emitter", "an instance of EventEmitter", null);
        }
        return emitter.listenerCount(eventOrName);
    }

    // ---------------------------------------------------------------------------------------------
    // Implementation

    private void addInternal(Event<?> event, Object stored, boolean prepend) {
        Slot added = table.get(NEW_LISTENER);
        if (added != null && added.listeners.length > 0) {
            fireChange(added.listeners, event.key(), original(stored));
        }
        // Looked up after 'newListener': its listeners may have added to this event meanwhile.
        Slot slot = table.getOrCreate(event);
        if (slot.listeners.length == 0) {
            slot.order = ++additions;
        }
        slot.add(stored, prepend);
        int count = slot.listeners.length;
        int max = getMaxListenersInternal();
        if (max > 0 && count > max && !slot.warned) {
            slot.warned = true;
            Warnings.emit(new Warning("MaxListenersExceededWarning",
                    "Possible EventEmitter memory leak detected. " + count + " " + event
                            + " listeners added to [" + displayName() + "]. MaxListeners is " + max
                            + ". Use emitter.setMaxListeners() to increase limit",
                    this, event.key(), count));
        }
    }

    private void removeInternal(Event<?> event, Object listener) {
        Slot slot = table.get(event);
        if (slot == null) {
            return;
        }
        Object[] ls = slot.listeners;
        int position = -1;
        for (int i = ls.length - 1; i >= 0; i--) {
            if (matches(ls[i], listener)) {
                position = i;
                break;
            }
        }
        if (position < 0) {
            return;
        }
        // Node reports the original when the event held a lone listener (stored as the bare
        // function) and the argument as given when it held an array: replicate both.
        Object reported = ls.length == 1 ? original(ls[0])
                : listener instanceof TypedAdapter a ? a.consumer() : listener;
        slot.removeAt(position);
        Slot removed = table.get(REMOVE_LISTENER);
        if (removed != null && removed.listeners.length > 0) {
            fireChange(removed.listeners, event.key(), reported);
        }
    }

    private boolean dispatchArgs(Event<?> event, Object[] args) {
        if (event == ERROR) {
            if (hasListeners(ERROR_MONITOR)) {
                emitArgs(ERROR_MONITOR, args);
            }
            if (!hasListeners(ERROR)) {
                throw unhandled(args.length > 0 ? args[0] : null);
            }
        }
        Slot slot = table.get(event);
        if (slot == null) {
            return false;
        }
        Object[] listeners = slot.listeners;
        for (Object l : listeners) {
            fireArgs(l, args);
        }
        return listeners.length > 0;
    }

    /** A typed emit's call: the common case (a lambda {@code Consumer}) costs one type check. */
    @SuppressWarnings("unchecked")
    private static void fireValue(Object listener, Object value) {
        if (listener instanceof Listener h) {
            if (h instanceof OnceWrapper w) {
                w.accept(value);
            } else {
                h.handle(new Object[] {value});
            }
        } else {
            ((Consumer<Object>) listener).accept(value);
        }
    }

    /** An argument-array emit's call; a once-wrapper converts for its typed original. */
    @SuppressWarnings("unchecked")
    private static void fireArgs(Object listener, Object[] args) {
        if (listener instanceof Listener h) {
            h.handle(args);
        } else {
            ((Consumer<Object>) listener).accept(args.length == 0 ? null : args[0]);
        }
    }

    /** 'newListener'/'removeListener': typed listeners get the record, string ones two arguments. */
    @SuppressWarnings("unchecked")
    private static void fireChange(Object[] listeners, Object key, Object listener) {
        ListenerChange change = new ListenerChange(key, listener);
        Object[] args = {key, listener};
        for (Object l : listeners) {
            if (l instanceof OnceWrapper w) {
                if (w.typed()) {
                    w.accept(change);
                } else {
                    w.handle(args);
                }
            } else if (l instanceof Listener h) {
                h.handle(args);
            } else {
                ((Consumer<Object>) l).accept(change);
            }
        }
    }

    private static RuntimeException unhandled(Object error) {
        if (error instanceof RuntimeException re) {
            return re;
        }
        if (error instanceof Error e) {
            throw e;
        }
        return new UnhandledErrorException(error);
    }

    private boolean hasListeners(Event<?> event) {
        Slot slot = table.get(event);
        return slot != null && slot.listeners.length > 0;
    }

    private int getMaxListenersInternal() {
        return maxListeners < 0 ? defaultMaxListeners : maxListeners;
    }

    /** Node prints {@code target.constructor.name}; anonymous subclasses fall back to a named parent. */
    private String displayName() {
        for (Class<?> c = getClass(); c != null; c = c.getSuperclass()) {
            String name = c.getSimpleName();
            if (!name.isEmpty()) {
                return name;
            }
        }
        return "EventEmitter";
    }

    private Slot slotOf(Object eventOrName) {
        Event<?> event = lookup(eventOrName);
        return event == null ? null : table.get(event);
    }

    /** Node's {@code list[i] === listener || list[i].listener === listener}. */
    private static boolean matches(Object stored, Object listener) {
        return stored == listener
                || stored instanceof OnceWrapper w && w.listener() == listener
                || stored instanceof TypedAdapter a && a.consumer() == listener;
    }

    /** Node's {@code listener.listener ?? listener}, also seeing through the hidden adapter. */
    private static Object original(Object stored) {
        if (stored instanceof OnceWrapper w) {
            return w.listener();
        }
        return stored instanceof TypedAdapter a ? a.consumer() : stored;
    }

    @SuppressWarnings("unchecked")
    private static Object typedForm(Consumer<?> listener) {
        return listener instanceof Listener && !(listener instanceof OnceWrapper)
                ? new TypedAdapter((Consumer<Object>) listener) : listener;
    }

    /** The event for a key without interning a new name: null means it cannot have listeners. */
    private static Event<?> lookup(Object eventOrName) {
        if (eventOrName instanceof Event<?> e) {
            return e;
        }
        if (eventOrName instanceof String s) {
            return Event.existing(s);
        }
        throw Errors.invalidArgType("eventName", "of type string or an instance of Event", eventOrName);
    }

    private static Event<?> intern(Object eventOrName) {
        if (eventOrName instanceof Event<?> e) {
            return e;
        }
        if (eventOrName instanceof String s) {
            return Event.of(s);
        }
        throw Errors.invalidArgType("eventName", "of type string or an instance of Event", eventOrName);
    }

    private static <E extends Event<?>> E requireEvent(E event) {
        if (event == null) {
            throw Errors.invalidArgType("eventName", "an instance of Event", null);
        }
        return event;
    }

    private static void requireListener(Object listener) {
        if (listener == null) {
            throw Errors.invalidArgType("listener", "of type function", null);
        }
    }

    /** eventNames order: 0 = array-index names, 1 = other names, 2 = symbols. */
    private static int keyRank(Slot s) {
        if (s.event.isSymbol()) {
            return 2;
        }
        return arrayIndex(s.event.name()) >= 0 ? 0 : 1;
    }

    /** The value of a canonical JavaScript array index ("0" .. "4294967294"), else -1. */
    private static long arrayIndex(String name) {
        int len = name.length();
        if (len == 0 || len > 10 || (len > 1 && name.charAt(0) == '0')) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < len; i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v < 4294967295L ? v : -1;
    }
}
