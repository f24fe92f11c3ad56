package io.sluice.testing;

import io.sluice.error.NodeError;
import io.sluice.event.Listener;
import io.sluice.loop.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Java port of Node's {@code test/common} call-count helpers ({@code common.mustCall},
 * {@code mustCallAtLeast}, {@code mustNotCall}, {@code expectsError}), so tests ported from
 * Node's {@code test/parallel} keep their shape:
 *
 * <pre>{@code
 * Must.run(() -> {
 *     Readable r = ...;
 *     r.on(Readable.END, Must.callConsumer(v -> {}));
 *     r.on(Readable.ERROR, Must.notCallConsumer());
 * });
 * }</pre>
 *
 * {@link #run} runs the test body on a fresh {@link EventLoop} and, once the loop has finished,
 * checks that every function registered during the run was called exactly as often as declared
 * (Node checks on process exit). The failure message names each mismatch with the line that
 * registered it.
 *
 * <p>Registrations belong to the innermost {@code run} (or {@link #begin} scope) on the calling
 * thread; registrations made on another thread (say, inside {@code offload} work) go to the only
 * active scope, and fail if there is none or several.
 */
public final class Must {
    private Must() {}

    /** A verification scope: collects registrations until {@link #close()}, which verifies them. */
    public static final class Scope implements AutoCloseable {
        private final List<Expectation> expectations = new ArrayList<>();
        private final List<AssertionError> failures = new ArrayList<>();
        private final Scope outer;
        private boolean closed;

        private Scope(Scope outer) {
            this.outer = outer;
        }

        synchronized void add(Expectation e) {
            expectations.add(e);
        }

        synchronized void fail(AssertionError e) {
            failures.add(e);
        }

        /** The problems found so far: unexpected calls, and call counts that do not match (yet). */
        public synchronized List<String> problems() {
            List<String> out = new ArrayList<>();
            for (AssertionError f : failures) {
                out.add(f.getMessage());
            }
            for (Expectation e : expectations) {
                if (!e.satisfied()) {
                    out.add(e.mismatch());
                }
            }
            return out;
        }

        /**
         * Ends the scope and verifies it.
         *
         * @throws AssertionError listing every problem, if there is any
         */
        @Override
        public void close() {
            end();
            List<String> problems = problems();
            if (!problems.isEmpty()) {
                throw new AssertionError(String.join("\n", problems));
            }
        }

        private void end() {
            if (!closed) {
                closed = true;
                ACTIVE.remove(this);
                if (SCOPE.get() == this) {
                    if (outer == null) {
                        SCOPE.remove();
                    } else {
                        SCOPE.set(outer);
                    }
                }
            }
        }
    }

    private static final ThreadLocal<Scope> SCOPE = new ThreadLocal<>();
    private static final Set<Scope> ACTIVE = ConcurrentHashMap.newKeySet();

    /**
     * Opens a verification scope on the calling thread without running a loop, for tests that drive
     * a loop themselves (for example one made by {@link EventLoop#start}). Use with
     * try-with-resources; {@code close()} verifies.
     */
    public static Scope begin() {
        Scope s = new Scope(SCOPE.get());
        SCOPE.set(s);
        ACTIVE.add(s);
        return s;
    }

    /**
     * {@link EventLoop#run}{@code (main)}, then verifies every expectation registered during it.
     * If the loop itself failed (an uncaught exception, for instance an assertion inside a
     * callback), that exception is rethrown with the call-count problems attached as suppressed
     * exceptions.
     *
     * @throws AssertionError if a registered function was called a wrong number of times or a
     *         {@code notCall} function was called
     */
    public static void run(Runnable main) {
        Scope scope = begin();
        try {
            EventLoop.run(main);
        } catch (RuntimeException | Error e) {
            scope.end();
            for (String p : scope.problems()) {
                if (!p.equals(e.getMessage())) { // a notCall failure is usually e itself
                    e.addSuppressed(new AssertionError(p));
                }
            }
            throw e;
        }
        scope.close();
    }

    private static Scope scope() {
        Scope s = SCOPE.get();
        if (s != null) {
            return s;
        }
        if (ACTIVE.size() == 1) {
            for (Scope only : ACTIVE) {
                return only;
            }
        }
        throw new IllegalStateException("Must.call...() used outside Must.run(...)/Must.begin() (or from another "
                + "thread while " + ACTIVE.size() + " scopes are active)");
    }

    private static Expectation expect(int times, boolean atLeast) {
        if (times < 0) {
            throw new IllegalArgumentException("times must be >= 0: " + times);
        }
        Expectation e = new Expectation(times, atLeast, callSite());
        scope().add(e);
        return e;
    }

    /** The first stack frame outside this harness: the test line that registered the function. */
    static StackTraceElement callSite() {
        return StackWalker.getInstance()
                .walk(frames -> frames
                        .filter(f -> !f.getClassName().equals(Must.class.getName())
                                && !f.getClassName().startsWith(Must.class.getName() + "$")
                                && !f.getClassName().equals(Expectation.class.getName()))
                        .findFirst()
                        .map(StackWalker.StackFrame::toStackTraceElement)
                        .orElse(new StackTraceElement("?", "?", null, -1)));
    }

    // ---------------------------------------------------------------------------------------
    // Runnable

    /** {@code common.mustCall()}: a no-op that must be called exactly once. */
    public static Runnable call() {
        return call(() -> {});
    }

    /** {@code common.mustCall(fn)}: {@code fn}, which must be called exactly once. */
    public static Runnable call(Runnable fn) {
        return call(fn, 1);
    }

    /** {@code common.mustCall(fn, times)}: {@code fn}, which must be called exactly {@code times} times. */
    public static Runnable call(Runnable fn, int times) {
        Objects.requireNonNull(fn, "fn");
        Expectation e = expect(times, false);
        return () -> {
            e.called();
            fn.run();
        };
    }

    /** {@code common.mustCallAtLeast(fn, min)}. */
    public static Runnable callAtLeast(Runnable fn, int min) {
        Objects.requireNonNull(fn, "fn");
        Expectation e = expect(min, true);
        return () -> {
            e.called();
            fn.run();
        };
    }

    // ---------------------------------------------------------------------------------------
    // Consumer

    /** A no-op consumer that must be called exactly once. */
    public static <T> Consumer<T> callConsumer() {
        return callConsumer(v -> {}, 1);
    }

    /** {@code fn}, which must be called exactly once. */
    public static <T> Consumer<T> callConsumer(Consumer<T> fn) {
        return callConsumer(fn, 1);
    }

    /** {@code fn}, which must be called exactly {@code times} times. */
    public static <T> Consumer<T> callConsumer(Consumer<T> fn, int times) {
        Objects.requireNonNull(fn, "fn");
        Expectation e = expect(times, false);
        return v -> {
            e.called();
            fn.accept(v);
        };
    }

    /** {@code fn}, which must be called at least {@code min} times. */
    public static <T> Consumer<T> callConsumerAtLeast(Consumer<T> fn, int min) {
        Objects.requireNonNull(fn, "fn");
        Expectation e = expect(min, true);
        return v -> {
            e.called();
            fn.accept(v);
        };
    }

    // ---------------------------------------------------------------------------------------
    // BiConsumer

    /** {@code fn}, which must be called exactly once. */
    public static <A, B> BiConsumer<A, B> callBiConsumer(BiConsumer<A, B> fn) {
        return callBiConsumer(fn, 1);
    }

    /** {@code fn}, which must be called exactly {@code times} times. */
    public static <A, B> BiConsumer<A, B> callBiConsumer(BiConsumer<A, B> fn, int times) {
        Objects.requireNonNull(fn, "fn");
        Expectation e = expect(times, false);
        return (a, b) -> {
            e.called();
            fn.accept(a, b);
        };
    }

    // ---------------------------------------------------------------------------------------
    // Listener (EventEmitter's string API)

    /** A no-op string-event listener that must be called exactly once. */
    public static Listener callListener() {
        return callListener(args -> {}, 1);
    }

    /** {@code fn}, which must be called exactly {@code times} times. */
    public static Listener callListener(Listener fn, int times) {
        Objects.requireNonNull(fn, "fn");
        Expectation e = expect(times, false);
        return args -> {
            e.called();
            fn.handle(args);
        };
    }

    // ---------------------------------------------------------------------------------------
    // Must not call

    /** {@code common.mustNotCall()}: a Runnable that fails the test when run. */
    public static Runnable notCall() {
        return notCall(null);
    }

    /** {@code common.mustNotCall(why)}: a Runnable that fails the test, with {@code why}, when run. */
    public static Runnable notCall(String why) {
        StackTraceElement site = callSite();
        return () -> failCalled(why, site, null);
    }

    /** A Consumer that fails the test when called; the message includes the value it got. */
    public static <T> Consumer<T> notCallConsumer() {
        return notCallConsumer(null);
    }

    /** A Consumer that fails the test, with {@code why}, when called. */
    public static <T> Consumer<T> notCallConsumer(String why) {
        StackTraceElement site = callSite();
        return v -> failCalled(why, site, new Object[] {v});
    }

    /** A BiConsumer that fails the test when called. */
    public static <A, B> BiConsumer<A, B> notCallBiConsumer() {
        return notCallBiConsumer(null);
    }

    /** A BiConsumer that fails the test, with {@code why}, when called. */
    public static <A, B> BiConsumer<A, B> notCallBiConsumer(String why) {
        StackTraceElement site = callSite();
        return (a, b) -> failCalled(why, site, new Object[] {a, b});
    }

    /** A string-event Listener that fails the test when called. */
    public static Listener notCallListener() {
        StackTraceElement site = callSite();
        return args -> failCalled(null, site, args);
    }

    /**
     * Records the failure in the scope (so it is reported even if the code under test swallows
     * the exception) and throws it (so the loop stops right there, as Node's assert would).
     */
    private static void failCalled(String why, StackTraceElement site, Object[] args) {
        String msg = (why == null ? "function should not have been called" : why) + " at " + site
                + (args == null ? "" : " (called with " + java.util.Arrays.deepToString(args) + ")");
        AssertionError err = new AssertionError(msg);
        if (args != null) {
            for (Object a : args) {
                if (a instanceof Throwable t) {
                    err.initCause(t);
                    break;
                }
            }
        }
        Scope s = SCOPE.get();
        if (s == null && ACTIVE.size() == 1) {
            s = ACTIVE.iterator().next();
        }
        if (s != null) {
            s.fail(err);
        }
        throw err;
    }

    // ---------------------------------------------------------------------------------------
    // Errors

    /**
     * {@code common.expectsError({code, name})}: a consumer (e.g. an {@code 'error'} listener or an
     * error-first callback) that must be called exactly once, with an instance of {@code type}
     * whose Node {@link NodeError#code() code} is {@code code}. A null {@code code} skips the code
     * check.
     */
    public static Consumer<Throwable> expectsError(String code, Class<?> type) {
        return expectsError(code, type, null);
    }

    /** {@link #expectsError(String, Class)} that also requires the exact {@code message} (if not null). */
    public static Consumer<Throwable> expectsError(String code, Class<?> type, String message) {
        Objects.requireNonNull(type, "type");
        StackTraceElement site = callSite();
        Expectation e = new Expectation(1, false, site);
        scope().add(e);
        return err -> {
            e.called();
            String problem = null;
            if (err == null) {
                problem = "expected an error but got null";
            } else if (!type.isInstance(err)) {
                problem = "expected " + type.getName() + " but got " + err.getClass().getName() + ": " + err;
            } else if (code != null && !(err instanceof NodeError ne && code.equals(ne.code()))) {
                problem = "expected code " + code + " but got "
                        + (err instanceof NodeError ne ? ne.code() : "no code (not a NodeError)") + ": " + err;
            } else if (message != null && !message.equals(err.getMessage())) {
                problem = "expected message \"" + message + "\" but got \"" + err.getMessage() + "\"";
            }
            if (problem != null) {
                AssertionError ae = new AssertionError(problem + " (expectsError registered at " + site + ")", err);
                Scope s = SCOPE.get();
                if (s != null) {
                    s.fail(ae);
                }
                throw ae;
            }
        };
    }
}
