package io.sluice.stream;

import io.sluice.error.Errors;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Node's {@code Duplex.from(...)} and {@code duplexPair()}. {@code Duplex.from} delegates here.
 */
public final class Duplexes {
    private Duplexes() {}

    /**
     * Node's {@code Duplex.from(body)}:
     * <ul>
     *   <li>a {@link Duplex}: itself;</li>
     *   <li>a Readable: a Duplex whose readable side is it (writable side already finished);</li>
     *   <li>a Writable: a Duplex whose writable side is it (readable side already ended);</li>
     *   <li>a CompletionStage: readable-only, its value (none if null) then the end; a failed
     *       stage destroys it;</li>
     *   <li>an Iterable, Iterator, {@code java.util.stream.Stream}, String, Buffer, InputStream or
     *       Flow.Publisher: readable-only, over {@link Readables#from(Object)};</li>
     *   <li>a {@link Function} taking a Readable: a transform. Writes are fed to a PassThrough
     *       (objectMode) given to the function; what it returns (a Readable, Iterable, Iterator or
     *       Stream) is the readable side. If it returns a CompletionStage it is a sink: the Duplex
     *       is writable-only and finishes when the stage completes (a failure destroys it).</li>
     * </ul>
     * Call on the loop thread.
     *
     * @throws io.sluice.error.NodeTypeException {@code ERR_INVALID_ARG_TYPE} for null or another type,
     *     {@code ERR_INVALID_RETURN_VALUE} for a function returning something unusable
     */
    @SuppressWarnings("unchecked")
    public static Duplex<Object, Object> from(Object body) {
        if (body instanceof Duplex<?, ?> d) {
            return (Duplex<Object, Object>) d;
        }
        if (body instanceof ReadableStream<?> r) {
            return new Duplexify(null, r);
        }
        if (body instanceof WritableStream<?> w) {
            return new Duplexify(w, null);
        }
        if (body instanceof Function<?, ?> fn) {
            PassThrough<Object> input = new PassThrough<>(StreamOptions.create().objectMode(true));
            Object out = ((Function<Object, ?>) fn).apply(input);
            if (out instanceof CompletionStage<?> stage) {
                Duplexify d = new Duplexify(input, null, true);
                // The sink's completion, not the PassThrough's, is the end of the writable side:
                // keep the PassThrough flowing into the function, and fail the Duplex with the stage.
                Await.on(d.eventLoop(), stage, (v, err) -> {
                    if (err != null) {
                        d.destroy(err);
                    }
                });
                return d;
            }
            ReadableStream<?> r;
            if (out instanceof ReadableStream<?> rs) {
                r = rs;
            } else if (out != null) {
                try {
                    r = Readables.fromAny(out, Readables.objectOptions(null));
                } catch (RuntimeException e) {
                    throw StreamErrors.invalidReturnValue("Iterable, AsyncIterable or AsyncFunction", "body", out);
                }
            } else {
                throw StreamErrors.invalidReturnValue("Iterable, AsyncIterable or AsyncFunction", "body", out);
            }
            return new Duplexify(input, r, true);
        }
        if (body == null) {
            throw Errors.invalidArgType("body", "a stream, Iterable, Iterator, Stream, CompletionStage or Function", null);
        }
        if (body instanceof CompletionStage<?> stage) {
            // Node's promise branch: readable-only, the value pushed unless it is null, then the end.
            Duplex<Object, Object> d = new Duplex<>(StreamOptions.create().objectMode(true).writable(false)
                    .doRead((Readable<Object> self, long size) -> { }));
            Await.on(d.eventLoop(), stage, (v, err) -> {
                if (err != null) {
                    Streams.destroy(d, err);
                    return;
                }
                if (v != null) {
                    d.push(v);
                }
                d.pushEnd();
            });
            return d;
        }
        try {
            return new Duplexify(null, Readables.fromAny(body, Readables.objectOptions(null)), true);
        } catch (io.sluice.error.NodeTypeException e) {
            throw Errors.invalidArgType("body", "a stream, Iterable, Iterator, Stream, CompletionStage or Function", body);
        }
    }

    /**
     * Node's {@code Duplex.from({readable, writable})}: one Duplex over two independent streams
     * (either may be null for a one-sided Duplex).
     */
    public static Duplex<Object, Object> from(ReadableStream<?> readable, WritableStream<?> writable) {
        if (readable == null && writable == null) {
            throw Errors.invalidArgType("body", "a { readable, writable } pair", null);
        }
        return new Duplexify(writable, readable);
    }

    /**
     * Node's {@code duplexPair([options])}: two Duplexes connected crosswise, as the two ends of a
     * socket: what is written to one is read from the other. A write completes when the other
     * side reads it.
     *
     * @return the two sides, {@code [0]} and {@code [1]}
     */
    public static Duplex<Object, Object>[] pair(StreamOptions options) {
        DuplexPairSide a = new DuplexPairSide(options);
        DuplexPairSide b = new DuplexPairSide(options);
        a.other = b;
        b.other = a;
        @SuppressWarnings("unchecked")
        Duplex<Object, Object>[] both = new Duplex[] {a, b};
        return both;
    }

    /** {@link #pair(StreamOptions)} with default options. */
    public static Duplex<Object, Object>[] pair() {
        return pair(null);
    }
}
