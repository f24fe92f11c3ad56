package io.sluice.stream;

import io.sluice.error.Errors;
import io.sluice.error.NodeTypeException;
import io.sluice.event.AbortSignal;
import io.sluice.event.EventEmitter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Node's stream helpers ({@code readable.map(...)}, {@code filter}, {@code toArray}, ...;
 * NODE-SEMANTICS §1.5) as static functions over any Readable. The {@code Readable} methods of
 * the same names delegate here.
 *
 * <h2>Rules</h2>
 * <ol>
 *   <li>Helpers returning a stream are lazy: nothing is read from the source until the result
 *       is consumed. The result is in objectMode.</li>
 *   <li>The functions run on the loop thread. A function may return a value or a
 *       {@link CompletionStage}, which is awaited ({@code mapAsync}/{@code filterAsync} type it).
 *       With {@code concurrency > 1} several calls are in flight, and results keep input order.</li>
 *   <li>An exception from a function, or a failed stage, destroys the helper's stream with that
 *       error (terminal helpers fail their future with it), and the source with an AbortError.</li>
 *   <li>A source error fails the helper's stream / future with the same error, after the results
 *       of the calls already started (Node's order).</li>
 *   <li>Short-circuiting helpers ({@code take}, {@code some}, {@code every}, {@code find})
 *       destroy the source once they know the answer: an unfinished source gets an AbortError
 *       ('error' then 'close'), exactly as in Node.</li>
 *   <li>Terminal helpers return a {@link CompletableFuture} completed on the loop thread.</li>
 * </ol>
 * Must be called on the source's loop thread. Differences from Node: Java has no
 * {@code undefined}, so {@code find} completes with null when nothing matches, and a function
 * that returns null fails the stream with {@code ERR_STREAM_NULL_VALUES}; the callbacks do not
 * receive Node's {@code {signal}} argument. Node's helpers are async generators that read ahead
 * and look at their signal on promise ticks; Sluice's read the source when their consumer asks
 * and check the signal as each call is made. So the source may be read less far when a
 * short-circuiting helper answers (Node may have drained a short source to its end, where Sluice
 * destroys it with an AbortError), and an abort that arrives after the last value but before the
 * end is delivered fails a Sluice helper with {@code ABORT_ERR} where Node's may still complete.
 * An aborted helper closes its source at once even if it never read it (Node's closes it when
 * consumed), and so do the unread helpers above it. A helper takes each item as soon as the read
 * returns it, where Node's for-await takes it a microtask later, after the ticks queued meanwhile:
 * when a source pushes items and then fails in later ticks, Sluice may pass on an item Node drops
 * in favour of the source's error. Otherwise values, their order and the errors of the functions
 * and the source are the same (checked against node on random chains by
 * OperatorsRandomDifferentialTest).
 */
public final class Operators {
    private Operators() {}

    private static void checkSource(Object source) {
        Stream s = StreamErrors.requireStream(source, "stream", "Readable");
        if (s.r == null) {
            throw Errors.invalidArgType("stream", "an instance of Readable", source);
        }
        s.checkThread("stream helper");
    }

    private static void checkFn(Object fn) {
        if (fn == null) {
            throw Errors.invalidArgType("fn", "of type function or an instance of AsyncFunction", null);
        }
    }

    /** The stream behind map, filter and forEachAsync, its options checked; the signal not yet wired. */
    private static <R> MapReadable<R> newMap(ReadableStream<?> source, Function<?, ?> fn, OperatorOptions options) {
        checkSource(source);
        checkFn(fn);
        OperatorOptions o = options == null ? new OperatorOptions() : options;
        if (o.concurrency < 1) {
            throw Errors.outOfRange("\"options.concurrency\"", ">= 1 && <= 9007199254740991", o.concurrency);
        }
        long hwm = o.highWaterMark != null ? o.highWaterMark : o.concurrency - 1;
        if (hwm < 0) {
            throw Errors.outOfRange("\"options.highWaterMark\"", ">= 0 && <= 9007199254740991", hwm);
        }
        return new MapReadable<>(source, fn, o.concurrency, hwm, o.signal);
    }

    private static <R> MapReadable<R> mapImpl(ReadableStream<?> source, Function<?, ?> fn, OperatorOptions options) {
        MapReadable<R> out = newMap(source, fn, options);
        return withSignal(out, out.signal());
    }

    private static AbortSignal signalOf(OperatorOptions options) {
        return options == null ? null : options.signal;
    }

    /**
     * Wires a stream-returning helper's own signal: aborting it destroys the helper at once with
     * an AbortError (without a cause, as Node's generators throw it) and, through
     * {@link OperatorReadable}, an unread source.
     */
    private static <S extends Stream> S withSignal(S helper, AbortSignal signal) {
        if (signal != null) {
            AbortSignals.addAbortSignal(signal, helper, false);
        }
        return helper;
    }

    /**
     * A terminal helper's signal, checked as each item arrives, as Node's for-await body does: an
     * aborted signal fails the helper with an AbortError ({@code withCause}: the signal's reason as
     * its cause) and destroys the source. Node looks at it nowhere else, so an abort while no item
     * comes settles nothing until one does, or the stream ends.
     */
    private static Consume.Step checkingSignal(AbortSignal signal, boolean withCause, Consume.Step step) {
        if (signal == null) {
            return step;
        }
        return item -> {
            if (signal.aborted()) {
                throw StreamErrors.abort(withCause && signal.reason() instanceof Throwable t ? t : null);
            }
            return step.accept(item);
        };
    }

    /** Node's {@code map(fn)}: each item transformed by {@code fn} (a CompletionStage result is awaited). */
    public static <T, R> Readable<R> map(ReadableStream<T> source, Function<? super T, ? extends R> fn) {
        return mapImpl(source, fn, null);
    }

    /**
     * {@code map(fn, {concurrency})}: up to {@code concurrency} calls in flight, output in input order.
     *
     * @throws io.sluice.error.NodeRangeException {@code ERR_OUT_OF_RANGE} if {@code concurrency < 1}
     */
    public static <T, R> Readable<R> map(ReadableStream<T> source, Function<? super T, ? extends R> fn, long concurrency) {
        return mapImpl(source, fn, OperatorOptions.create().concurrency(concurrency));
    }

    /** {@code map(fn, options)}. */
    public static <T, R> Readable<R> map(ReadableStream<T> source, Function<? super T, ? extends R> fn, OperatorOptions options) {
        return mapImpl(source, fn, options);
    }

    /** {@code map} with an asynchronous function, typed: the items are the stages' values. */
    public static <T, R> Readable<R> mapAsync(ReadableStream<T> source,
            Function<? super T, ? extends CompletionStage<? extends R>> fn, OperatorOptions options) {
        return mapImpl(source, fn, options);
    }

    /** {@link #mapAsync(ReadableStream, Function, OperatorOptions)} with {@code concurrency}. */
    public static <T, R> Readable<R> mapAsync(ReadableStream<T> source,
            Function<? super T, ? extends CompletionStage<? extends R>> fn, long concurrency) {
        return mapImpl(source, fn, OperatorOptions.create().concurrency(concurrency));
    }

    /** Node's {@code filter(fn)}: keeps the items {@code predicate} accepts. */
    public static <T> Readable<T> filter(ReadableStream<T> source, Predicate<? super T> predicate) {
        return filter(source, predicate, null);
    }

    /** {@code filter(fn, options)}. */
    public static <T> Readable<T> filter(ReadableStream<T> source, Predicate<? super T> predicate, OperatorOptions options) {
        return filterImpl(source, predicate, options);
    }

    private static <T> MapReadable<T> filterImpl(ReadableStream<T> source, Predicate<? super T> predicate,
            OperatorOptions options) {
        checkFn(predicate);
        Function<T, Object> fn = v -> predicate.test(v) ? v : MapReadable.SKIP;
        return mapImpl(source, fn, options);
    }

    /** {@code filter} with an asynchronous predicate (a stage of Boolean; null counts as false). */
    public static <T> Readable<T> filterAsync(ReadableStream<T> source,
            Function<? super T, ? extends CompletionStage<Boolean>> predicate, OperatorOptions options) {
        return filterAsyncImpl(source, predicate, options);
    }

    private static <T> MapReadable<T> filterAsyncImpl(ReadableStream<T> source,
            Function<? super T, ? extends CompletionStage<Boolean>> predicate, OperatorOptions options) {
        checkFn(predicate);
        Function<T, Object> fn = v -> predicate.apply(v).thenApply(ok -> Boolean.TRUE.equals(ok) ? v : MapReadable.SKIP);
        return mapImpl(source, fn, options);
    }

    /**
     * Node's {@code flatMap(fn)}: {@code fn} returns, per item, an Iterable, Iterator,
     * {@code java.util.stream.Stream}, Readable, String/Buffer (one item) or a CompletionStage
     * of one of these; their items are emitted in order, one inner source after another.
     */
    public static <T, R> Readable<R> flatMap(ReadableStream<T> source, Function<? super T, ?> fn) {
        return flatMap(source, fn, null);
    }

    /** {@code flatMap(fn, options)}: {@code concurrency} inner sources may be produced ahead. */
    public static <T, R> Readable<R> flatMap(ReadableStream<T> source, Function<? super T, ?> fn, OperatorOptions options) {
        // The signal destroys the flatMap stream, which closes the mapped one: wired to the hidden
        // mapped stream instead, its AbortError would be emitted before anyone listens to it.
        MapReadable<Object> mapped = newMap(source, fn, options);
        return withSignal(new FlatMapReadable<>(mapped, mapped.signal()), mapped.signal());
    }

    private static long checkCount(long n) {
        if (n < 0) {
            throw Errors.outOfRange("number", ">= 0", n);
        }
        return n;
    }

    /** Node's {@code take(n)}: the first {@code n} items, then the source is destroyed. */
    public static <T> Readable<T> take(ReadableStream<T> source, long n) {
        return take(source, n, null);
    }

    /**
     * {@code take(n, {signal})}: of the options only the signal applies, as in Node; aborting it
     * destroys the result with an AbortError. Before the result's first read the source is left
     * alone, as Node's take checks its signal before reading; after it, the source is destroyed.
     *
     * @throws io.sluice.error.NodeRangeException {@code ERR_OUT_OF_RANGE} if {@code n < 0}
     */
    public static <T> Readable<T> take(ReadableStream<T> source, long n, OperatorOptions options) {
        checkSource(source);
        AbortSignal signal = signalOf(options);
        return withSignal(new TakeDropReadable<>(source, 0, checkCount(n)), signal);
    }

    /** Node's {@code drop(n)}: every item after the first {@code n}. */
    public static <T> Readable<T> drop(ReadableStream<T> source, long n) {
        return drop(source, n, null);
    }

    /**
     * {@code drop(n, {signal})}: of the options only the signal applies, as in {@link #take(ReadableStream, long,
     * OperatorOptions)}.
     *
     * @throws io.sluice.error.NodeRangeException {@code ERR_OUT_OF_RANGE} if {@code n < 0}
     */
    public static <T> Readable<T> drop(ReadableStream<T> source, long n, OperatorOptions options) {
        checkSource(source);
        AbortSignal signal = signalOf(options);
        return withSignal(new TakeDropReadable<>(source, checkCount(n), Long.MAX_VALUE), signal);
    }

    /** Node's {@code forEach(fn)}: calls {@code action} for each item; completes at the end. */
    public static <T> CompletableFuture<Void> forEach(ReadableStream<T> source, Consumer<? super T> action) {
        checkSource(source);
        checkFn(action);
        return Consume.run(source, item -> {
            @SuppressWarnings("unchecked")
            T t = (T) item;
            action.accept(t);
            return null;
        }, () -> null);
    }

    /**
     * {@code forEach(fn, options)}: the action runs through a map stream, as Node's does, so the
     * signal destroys it (and the source) with an AbortError and fails the future with it.
     */
    public static <T> CompletableFuture<Void> forEach(ReadableStream<T> source, Consumer<? super T> action,
            OperatorOptions options) {
        if (options == null) {
            return forEach(source, action);
        }
        checkFn(action);
        Function<T, Object> fn = v -> {
            action.accept(v);
            return MapReadable.SKIP;
        };
        return Consume.run(mapImpl(source, fn, options).consumedDirectly(), item -> null, () -> null);
    }

    /** {@code forEach} with an asynchronous action and options: up to {@code concurrency} actions in flight. */
    public static <T> CompletableFuture<Void> forEachAsync(ReadableStream<T> source,
            Function<? super T, ? extends CompletionStage<?>> action, OperatorOptions options) {
        checkFn(action);
        Function<T, Object> fn = v -> action.apply(v).thenApply(x -> MapReadable.SKIP);
        return Consume.run(mapImpl(source, fn, options).consumedDirectly(), item -> null, () -> null);
    }

    /** Node's {@code toArray()}: every item (byte mode: every chunk, not concatenated). */
    public static <T> CompletableFuture<List<T>> toList(ReadableStream<T> source) {
        return toList(source, null);
    }

    /**
     * {@code toArray({signal})}: of the options only the signal applies; it is checked as each item
     * arrives, as Node does, failing the future with an AbortError (the signal's reason as its
     * cause) and destroying the source.
     */
    public static <T> CompletableFuture<List<T>> toList(ReadableStream<T> source, OperatorOptions options) {
        checkSource(source);
        List<T> out = new ArrayList<>();
        return Consume.run(source, checkingSignal(signalOf(options), true, item -> {
            @SuppressWarnings("unchecked")
            T t = (T) item;
            out.add(t);
            return null;
        }), () -> out);
    }

    /**
     * Node's {@code reduce(fn, initial)}: folds the items into {@code initial}; {@code fn} may
     * return a CompletionStage (awaited before the next item; its result must then be an R).
     */
    public static <T, R> CompletableFuture<R> reduce(ReadableStream<T> source, BiFunction<? super R, ? super T, ?> fn, R initial) {
        return reduce(source, fn, initial, null);
    }

    /**
     * {@code reduce(fn, initial, {signal})}: of the options only the signal applies. Already
     * aborted, it destroys the source and fails the future with an AbortError whose cause is the
     * signal's reason; later, it is checked as each item arrives (an AbortError without a cause,
     * as Node's).
     */
    public static <T, R> CompletableFuture<R> reduce(ReadableStream<T> source, BiFunction<? super R, ? super T, ?> fn,
            R initial, OperatorOptions options) {
        checkSource(source);
        checkFn(fn);
        return reduceImpl(source, fn, initial, true, signalOf(options));
    }

    /**
     * Node's {@code reduce(fn)} without an initial value: the first item is the initial value.
     * An empty stream fails the future with TypeError {@code ERR_MISSING_ARGS} "Reduce of an
     * empty stream requires an initial value".
     */
    public static <T> CompletableFuture<T> reduce(ReadableStream<T> source, BinaryOperator<T> fn) {
        return reduce(source, fn, (OperatorOptions) null);
    }

    /** {@code reduce(fn, undefined, {signal})}: {@link #reduce(ReadableStream, BinaryOperator)} with the signal's rules above. */
    public static <T> CompletableFuture<T> reduce(ReadableStream<T> source, BinaryOperator<T> fn, OperatorOptions options) {
        checkSource(source);
        checkFn(fn);
        return reduceImpl(source, fn, null, false, signalOf(options));
    }

    @SuppressWarnings("unchecked")
    private static <T, R> CompletableFuture<R> reduceImpl(ReadableStream<T> source, BiFunction<? super R, ? super T, ?> fn,
            R initial, boolean hasInitial, AbortSignal signal) {
        if (signal != null && signal.aborted()) {
            // Node destroys the stream with this error, waits for it to finish, then rejects.
            Throwable err = StreamErrors.abort(signal.reason() instanceof Throwable t ? t : null);
            CompletableFuture<R> failed = new CompletableFuture<>();
            source.once(EventEmitter.ERROR, e -> { }); // the error is the future's; do not rethrow it
            Streams.destroy(source, err);
            Streams.finished(source).whenComplete((v, e) -> failed.completeExceptionally(err));
            return failed;
        }
        Object[] acc = {initial};
        boolean[] has = {hasInitial};
        return Consume.run(source, checkingSignal(signal, false, item -> {
            if (!has[0]) {
                has[0] = true;
                acc[0] = item;
                return null;
            }
            Object r = fn.apply((R) acc[0], (T) item);
            if (r instanceof CompletionStage<?> stage) {
                return stage.thenAccept(v -> acc[0] = v);
            }
            acc[0] = r;
            return null;
        }), () -> {
            if (!has[0]) {
                throw new NodeTypeException(io.sluice.error.ErrorCodes.ERR_MISSING_ARGS,
                        "Reduce of an empty stream requires an initial value");
            }
            return (R) acc[0];
        });
    }

    /** Node's {@code some(fn)}: true at the first match (then the source is destroyed), else false. */
    public static <T> CompletableFuture<Boolean> some(ReadableStream<T> source, Predicate<? super T> predicate) {
        checkSource(source);
        checkFn(predicate);
        boolean[] found = {false};
        return Consume.run(source, item -> {
            @SuppressWarnings("unchecked")
            T t = (T) item;
            if (predicate.test(t)) {
                found[0] = true;
                return Consume.STOP;
            }
            return null;
        }, () -> found[0]);
    }

    /**
     * {@code some(fn, options)}: as Node's, the first item of {@code filter(fn, options)}, so
     * {@code concurrency} predicates may run at once (an asynchronous one: {@link #someAsync}) and
     * the signal destroys the filter (and the source) with an AbortError, failing the future.
     */
    public static <T> CompletableFuture<Boolean> some(ReadableStream<T> source, Predicate<? super T> predicate,
            OperatorOptions options) {
        if (options == null) {
            return some(source, predicate);
        }
        return firstMatch(filterImpl(source, predicate, options).consumedDirectly()).thenApply(found -> found.length > 0);
    }

    /** {@code some} with an asynchronous predicate (a stage of Boolean; null counts as false). */
    public static <T> CompletableFuture<Boolean> someAsync(ReadableStream<T> source,
            Function<? super T, ? extends CompletionStage<Boolean>> predicate, OperatorOptions options) {
        return firstMatch(filterAsyncImpl(source, predicate, options).consumedDirectly()).thenApply(found -> found.length > 0);
    }

    /** The first item of {@code matches} in a one-element array (empty if none); stops at it. */
    private static CompletableFuture<Object[]> firstMatch(Readable<?> matches) {
        Object[][] first = {new Object[0]};
        return Consume.run(matches, item -> {
            first[0] = new Object[] {item};
            return Consume.STOP;
        }, () -> first[0]);
    }

    /** Node's {@code every(fn)}: false at the first mismatch (then the source is destroyed), else true. */
    public static <T> CompletableFuture<Boolean> every(ReadableStream<T> source, Predicate<? super T> predicate) {
        checkFn(predicate);
        return some(source, predicate.negate()).thenApply(b -> !b);
    }

    /** {@code every(fn, options)}: {@code !some(!fn, options)}, as Node computes it. */
    public static <T> CompletableFuture<Boolean> every(ReadableStream<T> source, Predicate<? super T> predicate,
            OperatorOptions options) {
        checkFn(predicate);
        return some(source, predicate.negate(), options).thenApply(b -> !b);
    }

    /** {@code every} with an asynchronous predicate (a stage of Boolean; null counts as false). */
    public static <T> CompletableFuture<Boolean> everyAsync(ReadableStream<T> source,
            Function<? super T, ? extends CompletionStage<Boolean>> predicate, OperatorOptions options) {
        checkFn(predicate);
        Function<T, CompletionStage<Boolean>> negated = v -> predicate.apply(v).thenApply(ok -> !Boolean.TRUE.equals(ok));
        return someAsync(source, negated, options).thenApply(b -> !b);
    }

    /**
     * {@code find(fn, options)}: the first item of {@code filter(fn, options)}, or null; the
     * options as for {@link #some(ReadableStream, Predicate, OperatorOptions)}.
     */
    @SuppressWarnings("unchecked")
    public static <T> CompletableFuture<T> find(ReadableStream<T> source, Predicate<? super T> predicate,
            OperatorOptions options) {
        if (options == null) {
            return find(source, predicate);
        }
        return firstMatch(filterImpl(source, predicate, options).consumedDirectly()).thenApply(found -> found.length > 0 ? (T) found[0] : null);
    }

    /** {@code find} with an asynchronous predicate (a stage of Boolean; null counts as false). */
    @SuppressWarnings("unchecked")
    public static <T> CompletableFuture<T> findAsync(ReadableStream<T> source,
            Function<? super T, ? extends CompletionStage<Boolean>> predicate, OperatorOptions options) {
        return firstMatch(filterAsyncImpl(source, predicate, options).consumedDirectly()).thenApply(found -> found.length > 0 ? (T) found[0] : null);
    }

    /** Node's {@code find(fn)}: the first match (then the source is destroyed), or null. */
    public static <T> CompletableFuture<T> find(ReadableStream<T> source, Predicate<? super T> predicate) {
        checkSource(source);
        checkFn(predicate);
        Object[] found = {null};
        return Consume.run(source, item -> {
            @SuppressWarnings("unchecked")
            T t = (T) item;
            if (predicate.test(t)) {
                found[0] = t;
                return Consume.STOP;
            }
            return null;
        }, () -> {
            @SuppressWarnings("unchecked")
            T t = (T) found[0];
            return t;
        });
    }
}
