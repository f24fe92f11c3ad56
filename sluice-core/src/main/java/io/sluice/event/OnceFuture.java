package io.sluice.event;

import io.sluice.error.UnhandledErrorException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** The implementation of {@link EventEmitter#once(EventEmitter, Object)}: Node's {@code events.once}. */
final class OnceFuture {
    private OnceFuture() {}

    @SuppressWarnings("unchecked")
    static CompletableFuture<Object[]> of(EventEmitter emitter, Event<?> event) {
        CompletableFuture<Object[]> future = new CompletableFuture<>();
        boolean watchErrors = event != EventEmitter.ERROR;
        // The error listener must be able to remove the event listener and vice versa, so both
        // are created before either is registered; the holder breaks the cycle.
        Listener[] error = new Listener[1];
        if (event.isSymbol()) {
            Event<Object> ev = (Event<Object>) event;
            Consumer<Object> resolver = value -> {
                if (error[0] != null) {
                    emitter.removeListener("error", error[0]);
                }
                future.complete(new Object[] {value});
            };
            if (watchErrors) {
                error[0] = args -> {
                    emitter.removeListener(ev, resolver);
                    future.completeExceptionally(toThrowable(args));
                };
            }
            emitter.once(ev, resolver);
        } else {
            String name = event.name();
            Listener resolver = args -> {
                if (error[0] != null) {
                    emitter.removeListener("error", error[0]);
                }
                future.complete(args.clone());
            };
            if (watchErrors) {
                error[0] = args -> {
                    emitter.removeListener(name, resolver);
                    future.completeExceptionally(toThrowable(args));
                };
            }
            emitter.once(name, resolver);
        }
        if (error[0] != null) {
            emitter.once("error", error[0]);
        }
        return future;
    }

    private static Throwable toThrowable(Object[] args) {
        Object value = args.length > 0 ? args[0] : null;
        return value instanceof Throwable t ? t : new UnhandledErrorException(value);
    }
}
