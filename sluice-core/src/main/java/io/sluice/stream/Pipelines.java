package io.sluice.stream;

import io.sluice.error.Errors;
import io.sluice.event.AbortSignal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Node's {@code stream.pipeline}, {@code stream/promises.pipeline}, {@code compose} and
 * {@code addAbortSignal}. {@code Streams.pipeline(...)} delegates here.
 *
 * <h2>Stages</h2>
 * A pipeline is a source, any number of transforms, and a destination:
 * <ul>
 *   <li>any stage may be a stream: the first must be readable, the others writable, the middle
 *       ones both (a {@link Duplex} or {@link Transform});</li>
 *   <li>the source may also be an {@link Iterable}, {@link java.util.Iterator},
 *       {@code java.util.stream.Stream}, {@link CompletionStage}, String, Buffer,
 *       {@code InputStream} or {@code Flow.Publisher} (made a Readable by
 *       {@link Readables#from(Object)}), or a {@link java.util.function.Supplier} of one of
 *       these or of a Readable (Node's source function);</li>
 *   <li>a later stage may be a {@link Function} that receives the previous stage as a
 *       {@link Readable} and returns the next source: a Readable (typically built with
 *       {@link Operators}), an Iterable, Iterator or Stream (Node's async generator transforms,
 *       in Java form: {@code src -> Operators.map(src, String::toUpperCase)});</li>
 *   <li>the last stage may be a Function returning a {@link CompletionStage} (Node's async sink
 *       function): its value becomes the pipeline's value.</li>
 * </ul>
 * Java lambdas cannot target {@code Object}, so write function stages with {@link #through} and
 * {@link #sink}, which only fix the lambda's type.
 *
 * <h2>Rules</h2>
 * <ol>
 *   <li>Backpressure through every connection ({@code pipe}).</li>
 *   <li>On success the callback (or future) completes after the destination's 'finish' and the
 *       'close' of every stream that emits one.</li>
 *   <li>On the first error, or a premature close of any stage, every stream is destroyed, first
 *       to last, then the callback gets that error. A destroy without error is
 *       {@code ERR_STREAM_PREMATURE_CLOSE}.</li>
 *   <li><b>Stricter than Node:</b> when any stage fails, the destination is aborted (destroyed
 *       with the error), never ended cleanly: it never emits 'finish' for partial data.</li>
 *   <li>The {@code signal} option: aborting fails the pipeline with an AbortError and destroys
 *       every stream. {@code end(false)} leaves the destination open.</li>
 *   <li>Argument errors are thrown synchronously: {@code ERR_MISSING_ARGS} (fewer than two
 *       stages), {@code ERR_INVALID_ARG_TYPE} (a stage of no known kind),
 *       {@code ERR_INVALID_RETURN_VALUE} (a function returned something unusable),
 *       {@code ERR_STREAM_UNABLE_TO_PIPE} (a stream is already destroyed). <b>Stricter than
 *       Node</b> (nodejs/node#65063): before such an exception propagates, every stream passed
 *       in or created so far is destroyed with it and AutoCloseable sources are closed.</li>
 *   <li>Must be called on the streams' event loop thread.</li>
 * </ol>
 */
public final class Pipelines {
    private Pipelines() {}

    /**
     * {@code stream/promises.pipeline(...stages[, options])}: the future completes with the
     * value of a final sink function (else null) or fails with the pipeline's error. A
     * {@link PipelineOptions} as the last argument is taken as the options.
     *
     * @throws io.sluice.error.NodeTypeException see rule 6 (thrown, not returned as a failed future)
     */
    public static CompletableFuture<Object> pipeline(Object... stages) {
        List<Object> list = new ArrayList<>(Arrays.asList(stages == null ? new Object[0] : stages));
        PipelineOptions options = null;
        if (!list.isEmpty() && list.get(list.size() - 1) instanceof PipelineOptions o) {
            options = o;
            list.remove(list.size() - 1);
        }
        CompletableFuture<Object> f = new CompletableFuture<>();
        Pipeline.run(list, options, (err, value) -> {
            if (err != null) {
                f.completeExceptionally(err);
            } else {
                f.complete(value);
            }
        });
        return f;
    }

    /**
     * Node's {@code pipeline(...stages, callback)}: wires the stages and returns the last stream
     * (for a sink function: the PassThrough carrying its value). {@code callback} runs once,
     * on a later tick.
     */
    public static NodeStream pipeline(List<?> stages, PipelineCallback callback) {
        return Pipeline.run(stages, null, callback);
    }

    /** {@link #pipeline(List, PipelineCallback)} with options ({@code signal}, {@code end}). */
    public static NodeStream pipeline(List<?> stages, PipelineOptions options, PipelineCallback callback) {
        return Pipeline.run(stages, options, callback);
    }

    /** {@code pipeline(source, destination, callback)}. */
    public static NodeStream pipeline(Object source, Object destination, PipelineCallback callback) {
        return Pipeline.run(Arrays.asList(source, destination), null, callback);
    }

    /** {@code pipeline(source, transform, destination, callback)}. */
    public static NodeStream pipeline(Object source, Object transform, Object destination, PipelineCallback callback) {
        return Pipeline.run(Arrays.asList(source, transform, destination), null, callback);
    }

    /** {@code pipeline(source, t1, t2, destination, callback)}. */
    public static NodeStream pipeline(Object source, Object t1, Object t2, Object destination, PipelineCallback callback) {
        return Pipeline.run(Arrays.asList(source, t1, t2, destination), null, callback);
    }

    /**
     * Types a transform function stage: it receives the previous stage as a Readable and
     * returns the next source (a Readable, Iterable, Iterator or {@code java.util.stream.Stream}).
     * Returns {@code fn} itself.
     */
    public static <I> Function<Readable<I>, Object> through(Function<Readable<I>, ?> fn) {
        return fn::apply;
    }

    /**
     * Types a final sink function stage: it receives the previous stage as a Readable (consume
     * it, e.g. with {@link Operators#reduce}) and returns a CompletionStage whose value becomes
     * the pipeline's value.
     */
    public static <I, R> Function<Readable<I>, CompletionStage<R>> sink(Function<Readable<I>, ? extends CompletionStage<R>> fn) {
        return fn::apply;
    }

    /**
     * Node's {@code compose(...streams)}: one {@link Duplex} whose writes go into the first
     * stage and whose reads come from the last; the stages are connected with
     * {@link #pipeline}, and a failure of any destroys the Duplex with the error. As in Node:
     * 'finish' comes once the last stage is done; destroying the Duplex destroys the stages
     * (without an error, while they still run: an AbortError) and its 'close' waits until they
     * have all closed. One stage: {@link Duplexes#from(Object)}.
     *
     * @throws io.sluice.error.NodeTypeException {@code ERR_MISSING_ARGS} without stages
     */
    public static Duplex<Object, Object> compose(Object... stages) {
        if (stages == null || stages.length == 0) {
            throw Errors.missingArgs("streams");
        }
        if (stages.length == 1) {
            return Duplexes.from(stages[0]);
        }
        return Composed.of(Arrays.asList(stages));
    }
}
