package io.sluice.event;

/**
 * A process warning, as Node's {@code process.emitWarning} produces, delivered to
 * {@link Warnings#setHandler the warning handler}. The emitter raises one,
 * {@code MaxListenersExceededWarning}, when an event gets more listeners than
 * {@link EventEmitter#getMaxListeners()}.
 *
 * @param name the warning's name, e.g. {@code "MaxListenersExceededWarning"}
 * @param message Node's message text, e.g. "Possible EventEmitter memory leak detected. 11 foo
 *     listeners added to [EventEmitter]. MaxListeners is 10. Use emitter.setMaxListeners() to
 *     increase limit"
 * @param emitter the emitter concerned (Node's {@code warning.emitter}), or null
 * @param event the event's {@link Event#key() key} (Node's {@code warning.type}), or null
 * @param count the number of listeners at the time (Node's {@code warning.count}), or 0
 */
public record Warning(String name, String message, Object emitter, Object event, int count) {

    /** Node's rendering, {@code "Name: message"}. */
    @Override
    public String toString() {
        return name + ": " + message;
    }
}
