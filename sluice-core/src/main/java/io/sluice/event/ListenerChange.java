package io.sluice.event;

/**
 * The payload of {@link EventEmitter#NEW_LISTENER 'newListener'} and
 * {@link EventEmitter#REMOVE_LISTENER 'removeListener'} for typed listeners (string
 * {@link Listener}s receive the same two values as Node's two arguments).
 *
 * @param event the event's {@link Event#key() key}: the name ({@code String}) of a named event, or
 *     the {@link Event} itself for a symbol
 * @param listener the listener being added or removed: for a {@code once} registration, the
 *     original listener (Node's {@code listener.listener}), except where Node itself reports the
 *     {@link OnceWrapper} (see {@link EventEmitter#removeListener(Event, java.util.function.Consumer)})
 */
public record ListenerChange(Object event, Object listener) {
}
