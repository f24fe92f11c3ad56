package io.sluice.event;

/**
 * A listener for the string API of {@link EventEmitter}, receiving every argument of the emit as
 * Node's listeners do: {@code emitter.on("hello", args -> ...)} then
 * {@code emitter.emit("hello", "a", "b")} calls it with {@code {"a", "b"}}.
 *
 * <p>What a {@code Listener} receives from the other kinds of emit: {@code {value}} from a typed
 * {@link EventEmitter#emit(Event, Object) emit(event, value)}, an empty array from
 * {@link EventEmitter#emit(Event) emit(event)}, and {@code {eventKey, listener}} for
 * {@code 'newListener'}/{@code 'removeListener'} (Node's two arguments). The array may be shared
 * with the other listeners of the same emit: read it, do not modify it.
 *
 * <p>Unlike Node, there is no {@code this}: capture the emitter if the listener needs it.
 * Exceptions thrown by {@link #handle} propagate out of {@code emit} and stop the remaining
 * listeners, as in Node.
 */
@FunctionalInterface
public interface Listener {

    /**
     * Called synchronously by {@code emit}, on the emitter's thread.
     *
     * @param args the emitted arguments, never null (possibly empty)
     */
    void handle(Object... args);
}
