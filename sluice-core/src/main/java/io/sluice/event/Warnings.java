package io.sluice.event;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Where process warnings go: the Java stand-in for Node's {@code process.on('warning')}.
 *
 * <p>By default a warning is logged at {@code WARNING} level to the {@link System.Logger} named
 * {@code io.sluice.event}, as {@code "(sluice) Name: message"} (Node prints
 * {@code "(node:PID) Name: message"} to stderr). {@link #setHandler} replaces that, e.g. in
 * tests or to route warnings to an application's own log.
 *
 * <p>Differences from Node: the handler is called synchronously, on the thread that caused the
 * warning (Node emits on a later tick); there is one handler per JVM, not per process listeners
 * list; and an exception thrown by the handler propagates to the caller (e.g. out of
 * {@code EventEmitter.on}). Thread-safe.
 */
public final class Warnings {
    private static final System.Logger LOG = System.getLogger("io.sluice.event");
    private static final Consumer<Warning> DEFAULT =
            w -> LOG.log(System.Logger.Level.WARNING, "(sluice) " + w);

    private static volatile Consumer<? super Warning> handler = DEFAULT;

    private Warnings() {}

    /**
     * Sends every later warning to {@code newHandler} instead of the current handler.
     *
     * @param newHandler the handler, or null to restore the default (logging)
     */
    public static void setHandler(Consumer<? super Warning> newHandler) {
        handler = newHandler == null ? DEFAULT : newHandler;
    }

    /** The current handler (the default logging one unless {@link #setHandler} replaced it). */
    public static Consumer<? super Warning> handler() {
        return handler;
    }

    /**
     * Delivers {@code warning} to the current handler, synchronously.
     *
     * @throws NullPointerException if {@code warning} is null
     */
    public static void emit(Warning warning) {
        handler.accept(Objects.requireNonNull(warning, "warning"));
    }
}
