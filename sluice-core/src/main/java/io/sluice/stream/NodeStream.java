package io.sluice.stream;

import io.sluice.event.Event;
import io.sluice.event.EventEmitter;
import io.sluice.event.Listener;
import java.util.function.Consumer;

/**
 * What every stream offers to the code that connects streams ({@code pipe}, {@code finished},
 * {@code pipeline}): events plus the destroy lifecycle. The event methods are
 * {@link EventEmitter}'s, so any EventEmitter subclass that adds the lifecycle methods satisfies
 * this interface; the library's streams all extend {@link Stream}.
 */
public interface NodeStream {

    /** See {@link EventEmitter#on(Event, Consumer)}. */
    <T> EventEmitter on(Event<T> event, Consumer<? super T> listener);

    /** See {@link EventEmitter#once(Event, Consumer)}. */
    <T> EventEmitter once(Event<T> event, Consumer<? super T> listener);

    /** See {@link EventEmitter#prependListener(Event, Consumer)}. */
    <T> EventEmitter prependListener(Event<T> event, Consumer<? super T> listener);

    /** See {@link EventEmitter#removeListener(Event, Consumer)}. */
    <T> EventEmitter removeListener(Event<T> event, Consumer<? super T> listener);

    /** See {@link EventEmitter#on(String, Listener)}. */
    EventEmitter on(String eventName, Listener listener);

    /** See {@link EventEmitter#once(String, Listener)}. */
    EventEmitter once(String eventName, Listener listener);

    /** See {@link EventEmitter#prependListener(String, Listener)}. */
    EventEmitter prependListener(String eventName, Listener listener);

    /** See {@link EventEmitter#removeListener(String, Listener)}. */
    EventEmitter removeListener(String eventName, Listener listener);

    /** See {@link EventEmitter#emit(Event, Object)}. */
    <T> boolean emit(Event<T> event, T value);

    /** See {@link EventEmitter#emit(String, Object...)}. */
    boolean emit(String eventName, Object... args);

    /** See {@link EventEmitter#listenerCount(Object)}. */
    int listenerCount(Object eventOrName);

    /** Destroys the stream without an error; see {@link Stream#destroy()}. */
    NodeStream destroy();

    /** Destroys the stream with {@code err}; see {@link Stream#destroy(Throwable)}. */
    NodeStream destroy(Throwable err);

    /** Whether {@code destroy()} has been called. */
    boolean destroyed();

    /** Whether destruction has completed. */
    boolean closed();

    /** The error the stream failed with, or null. */
    Throwable errored();
}
