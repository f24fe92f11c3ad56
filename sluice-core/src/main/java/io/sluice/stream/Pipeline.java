package io.sluice.stream;

import io.sluice.buffer.Buffer;
import io.sluice.error.AbortException;
import io.sluice.error.ErrorCodes;
import io.sluice.error.Errors;
import io.sluice.error.NodeError;
import io.sluice.event.AbortSignal;
import io.sluice.event.EventEmitter;
import io.sluice.loop.EventLoop;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One {@code pipeline(...)} call: a port of Node's lib/internal/streams/pipeline.js, made
 * stricter where Node leaks (DESIGN §1).
 *
 * <p>Every non-stream stage is first turned into a stream (an iterable source into a
 * {@link Readables#from} Readable, a sink function's result into a PassThrough), so the
 * connections are all {@code pipe} plus end-of-stream watching. A counter of pending
 * completions ({@code finishCount}) decides when the callback runs; the first error wins over a
 * premature close. As in Node 20, a destination that closes before its source has ended completes
 * its pipe with a premature close (one of the pipe's two completions).
 *
 * <p>Stricter than Node: (1) the destination is ended only if no stage has failed, so a failure
 * always aborts it and it never emits 'finish' for partial data; (2) if wiring throws, every
 * stream received or created so far is destroyed with the error before it is rethrown
 * (nodejs/node#65063); (3) an already destroyed stream is refused synchronously with
 * {@code ERR_STREAM_UNABLE_TO_PIPE}.
 */
final class Pipeline {
    private final EventLoop loop;
    private final PipelineCallback callback;
    private final PipelineOptions options;
    private final List<Consumer<Throwable>> destroys = new ArrayList<>();
    /** Listener removals run before the callback when the last stream is readable (Node's lastStreamCleanup). */
    private final List<Runnable> lastStreamCleanup = new ArrayList<>();
    private final List<NodeStream> created = new ArrayList<>();
    private Throwable error;
    private Object value;
    private int finishCount;
    private boolean called;
    private Runnable abortListener;

    private Pipeline(PipelineOptions options, PipelineCallback callback) {
        this.loop = EventLoop.current();
        this.options = options == null ? new PipelineOptions() : options;
        this.callback = callback;
    }

    static NodeStream run(List<?> stages, PipelineOptions options, PipelineCallback callback) {
        if (callback == null) {
            throw Errors.invalidArgType("callback", "of type function", null);
        }
        if (stages == null || stages.size() < 2) {
            throw Errors.missingArgs("streams");
        }
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i) == null) {
                throw invalidStage(i, null);
            }
        }
        Pipeline p = new Pipeline(options, callback);
        try {
            return p.wire(stages);
        } catch (Throwable t) {
            p.destroyAllReceived(stages, t);
            throw t;
        }
    }

    private static RuntimeException invalidStage(int i, Object stage) {
        return Errors.invalidArgType("streams[" + i + "]",
                "a stream, an Iterable, Iterator, java.util.stream.Stream, CompletionStage, String, Buffer, "
                        + "Supplier (first) or Function (later)", stage);
    }

    /** Node #65063, fixed: nothing received is left open when wiring fails. */
    private void destroyAllReceived(List<?> stages, Throwable t) {
        for (Object s : stages) {
            if (s instanceof NodeStream ns) {
                safeDestroy(ns, t);
            } else if (s instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // Best effort: the wiring error is the one to report.
                }
            }
        }
        for (NodeStream ns : created) {
            safeDestroy(ns, t);
        }
        removeAbortListener();
    }

    private static void safeDestroy(NodeStream s, Throwable t) {
        if (!Streams.isDestroyed(s)) {
            // The streams get an error listener first: a destroy for wiring must not crash the loop
            // through an unhandled 'error' event; the caller gets the exception instead.
            s.on(EventEmitter.ERROR, e -> {});
            s.destroy(t);
        }
    }

    private NodeStream wire(List<?> stages) {
        AbortSignal signal = options.signal;
        if (signal != null) {
            abortListener = () -> finishImpl(abortError(signal), false);
        }
        int n = stages.size();
        NodeStream ret = null;
        for (int i = 0; i < n; i++) {
            Object stage = stages.get(i);
            boolean reading = i < n - 1;
            boolean writing = i > 0;
            boolean end = reading || options.end;
            boolean last = i == n - 1;
            if (stage instanceof NodeStream s) {
                if (Streams.isDestroyed(s)) {
                    throw StreamErrors.unableToPipe();
                }
                watch(s, reading, writing, end, last);
            }
            if (i == 0) {
                if (stage instanceof NodeStream s) {
                    if (!(s instanceof ReadableStream<?>) || EndOfStream.isReadableNodeStream(s) == false) {
                        throw invalidStage(0, stage);
                    }
                    ret = s;
                } else if (stage instanceof Supplier<?> supplier) {
                    Object src = supplier.get();
                    ret = adopt(toReadable(src, "Iterable, AsyncIterable or Stream", "source"), reading, writing, end, last);
                } else if (isSource(stage)) {
                    ret = adopt(Readables.fromAny(stage, Readables.objectOptions(null)), reading, writing, end, last);
                } else {
                    throw invalidStage(0, stage);
                }
            } else if (stage instanceof Function<?, ?> fn) {
                @SuppressWarnings("unchecked")
                Function<Object, ?> f = (Function<Object, ?>) fn;
                Object out = f.apply(ret);
                if (reading) {
                    ret = adopt(toReadable(out, "AsyncIterable", "transform[" + (i - 1) + "]"), true, false, true, false);
                } else {
                    ret = sink(out, end);
                }
            } else if (stage instanceof NodeStream s) {
                if (!(s instanceof WritableStream<?>)) {
                    throw invalidStage(i, stage);
                }
                finishCount += 2;
                pipe((ReadableStream<?>) ret, (WritableStream<?>) s, end, last);
                ret = s;
            } else {
                throw invalidStage(i, stage);
            }
        }
        if (signal != null) {
            if (signal.aborted()) {
                loop.nextTick(abortListener);
            } else {
                signal.addEventListener(abortListener);
            }
        }
        return ret;
    }

    private static boolean isSource(Object o) {
        return o instanceof Iterable<?> || o instanceof Iterator<?> || o instanceof java.util.stream.BaseStream<?, ?>
                || o instanceof CompletionStage<?> || o instanceof String || o instanceof Buffer || o instanceof byte[]
                || o instanceof java.io.InputStream || o instanceof java.util.concurrent.Flow.Publisher<?>;
    }

    private ReadableStream<?> toReadable(Object out, String expected, String name) {
        if (out instanceof ReadableStream<?> r && EndOfStream.isReadableNodeStream(r)) {
            return r;
        }
        if (out != null && isSource(out) && !(out instanceof CompletionStage<?>)) {
            Readable<Object> r = Readables.fromAny(out, Readables.objectOptions(null));
            created.add(r);
            return r;
        }
        throw StreamErrors.invalidReturnValue(expected, name, out);
    }

    /** A stream the pipeline produced itself (or a function returned): watched like a received one. */
    private NodeStream adopt(ReadableStream<?> r, boolean reading, boolean writing, boolean end, boolean last) {
        if (!created.contains(r)) {
            created.add(r);
        }
        watch(r, reading, writing, end, last);
        return r;
    }

    /** The last stage is a function: its result is pumped into a PassThrough, which the pipeline returns. */
    private NodeStream sink(Object out, boolean end) {
        PassThrough<Object> pt = new PassThrough<>(StreamOptions.create().objectMode(true));
        created.add(pt);
        if (out instanceof CompletionStage<?> stage) {
            finishCount++;
            Await.on(loop, stage, (v, err) -> {
                if (err != null) {
                    pt.destroy(err);
                    loop.nextTick(() -> finish(err));
                    return;
                }
                value = v;
                if (v != null) {
                    pt.write(v);
                }
                if (end && error == null) {
                    pt.end();
                }
                loop.nextTick(() -> finish(null));
            });
        } else {
            ReadableStream<?> r = toReadable(out, "AsyncIterable or Promise", "destination");
            watch(r, true, false, true, false);
            finishCount += 2;
            pipe(r, pt, end, false);
        }
        destroys.add(destroyer(pt, false, true));
        return pt;
    }

    /** Registers the destroyer and the late-error listener of one stream (Node's per-stream setup). */
    private void watch(NodeStream s, boolean reading, boolean writing, boolean end, boolean last) {
        if (end) {
            destroys.add(destroyer(s, reading, writing));
        }
        Consumer<Throwable> onError = err -> {
            if (err != null && !(err instanceof AbortException) && !isPrematureClose(err)) {
                finish(err);
            }
        };
        s.on(EventEmitter.ERROR, onError);
        if (last && (EndOfStream.isReadableNodeStream(s) || !options.end)) {
            lastStreamCleanup.add(() -> s.removeListener(EventEmitter.ERROR, onError));
        }
    }

    private static boolean isPrematureClose(Throwable err) {
        return err instanceof NodeError ne && ErrorCodes.ERR_STREAM_PREMATURE_CLOSE.equals(ne.code());
    }

    /** Node's destroyer(): destroys the stream on failure unless it already completed cleanly. */
    private Consumer<Throwable> destroyer(NodeStream stream, boolean reading, boolean writing) {
        boolean[] finished = {false};
        stream.on(Stream.CLOSE, v -> finished[0] = true);
        Runnable cleanup = Streams.finished(stream, FinishedOptions.create().readable(reading).writable(writing),
                err -> finished[0] = err == null);
        if (EndOfStream.isReadableNodeStream(stream) && !reading) {
            lastStreamCleanup.add(cleanup);
        }
        return err -> {
            if (finished[0]) {
                return;
            }
            finished[0] = true;
            Streams.destroy(stream, err != null ? err : StreamErrors.destroyed("pipe"));
        };
    }

    /** Node's pipe() helper of pipeline.js: src.pipe(dst, {end:false}) plus a guarded end. */
    private void pipe(ReadableStream<?> src, WritableStream<?> dst, boolean end, boolean last) {
        @SuppressWarnings({"unchecked", "rawtypes"})
        WritableStream<Object> d = (WritableStream) dst;
        boolean[] ended = {false};
        // Node 20: a destination closing before the source ended is a premature close, and counts
        // as one of this pipe's two completions. Without it a source destroyed after EOF but before
        // 'end' (whose own completion waits for an 'end' that will not come) hung the pipeline.
        Consumer<Void> onDstClose = v -> {
            if (!ended[0]) {
                finish(StreamErrors.prematureClose());
            }
        };
        dst.on(Stream.CLOSE, onDstClose);
        src.pipe(d, false);
        if (end) {
            Runnable endFn = () -> {
                ended[0] = true;
                // Sluice: never end the destination cleanly after any stage failed.
                if (error == null) {
                    dst.end();
                }
            };
            if (Boolean.TRUE.equals(EndOfStream.isReadableFinished(src, true))) {
                loop.nextTick(endFn);
            } else {
                src.once(ReadableStream.END, v -> endFn.run());
            }
        } else {
            finish(null);
        }
        Streams.finished(src, FinishedOptions.create().readable(true).writable(false), err -> {
            if (err != null && isPrematureClose(err) && src instanceof Stream s && s.r != null
                    && s.r.has(ReadableState.ENDED) && s.r.erroredOrNull() == null && !s.r.has(SideState.ERROR_EMITTED)) {
                // Closed before 'end' but after EOF: 'end' is still coming (Node's compat case).
                src.once(ReadableStream.END, v -> finish(null));
                src.once(EventEmitter.ERROR, this::finish);
            } else {
                finish(err);
            }
        });
        Runnable dstCleanup = Streams.finished(dst, FinishedOptions.create().readable(false).writable(true), this::finish);
        // Sluice: a destination kept open (end(false)) is meant to be reused; leave no listeners
        // on it, so repeated pipelines into it do not pile them up (pitfall 9, nodejs/node#28432).
        if (last && (EndOfStream.isReadableNodeStream(dst) || !options.end)) {
            lastStreamCleanup.add(dstCleanup);
            lastStreamCleanup.add(() -> dst.removeListener(Stream.CLOSE, onDstClose));
        }
    }

    private void finish(Throwable err) {
        finishImpl(err, --finishCount == 0);
    }

    private void finishImpl(Throwable err, boolean isFinal) {
        if (err != null && (error == null || isPrematureClose(error))) {
            error = err;
        }
        if (error == null && !isFinal) {
            return;
        }
        while (!destroys.isEmpty()) {
            destroys.remove(0).accept(error);
        }
        removeAbortListener();
        if (isFinal && !called) {
            called = true;
            Throwable e = error;
            Object v = value;
            // As Node's finishImpl: the last stream's listeners go at once, and only on success; after
            // an error they stay, so a late 'error' from it is still the pipeline's. (A destroy whose
            // 'error' is still pending when the pipeline completes cleanly is then uncaught, in
            // Node as here: ComposeRandomDifferentialTest.destroyedTailErrorIsUncaughtAsInNode.)
            if (e == null) {
                for (Runnable r : lastStreamCleanup) {
                    r.run();
                }
            }
            loop.nextTick(() -> callback.done(e, v));
        }
    }

    private void removeAbortListener() {
        if (abortListener != null && options.signal != null) {
            options.signal.removeEventListener(abortListener);
        }
    }

    private static AbortException abortError(AbortSignal signal) {
        return StreamErrors.abort(signal.reason() instanceof Throwable t ? t : null);
    }
}
