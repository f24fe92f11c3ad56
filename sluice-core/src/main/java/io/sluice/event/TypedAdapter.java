package io.sluice.event;

import java.util.function.Consumer;

/**
 * Hides the {@link Listener} side of an object registered through the typed API that happens to
 * implement both {@code Consumer} and {@code Listener}: dispatch tests for {@code Listener} first,
 * so without this the object would be called the string way. Invisible to users:
 * {@code listeners}, {@code rawListeners} and change events report the object itself.
 */
record TypedAdapter(Consumer<Object> consumer) implements Consumer<Object> {
    @Override
    public void accept(Object value) {
        consumer.accept(value);
    }
}
