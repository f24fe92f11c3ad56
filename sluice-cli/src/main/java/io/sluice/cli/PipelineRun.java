package io.sluice.cli;

import io.sluice.loop.EventLoop;
import io.sluice.stream.Pipelines;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Runs one pipeline of Sluice streams on a fresh event loop (the calling thread) and waits for it,
 * optionally with a {@link ProgressMeter} after the source.
 */
final class PipelineRun {
    private PipelineRun() {}

    /**
     * Builds the stages on the loop (streams belong to the loop that creates them), runs them with
     * {@link Pipelines#pipeline(Object...)} and returns once the loop has no work left.
     *
     * @param progressTotal bytes expected for the progress line, -1 if unknown; ignored without progress
     * @throws Exception the pipeline's first error, unwrapped (an FsException, a ZlibException, ...),
     *     or whatever building the stages threw
     */
    static void run(boolean progress, long progressTotal, Callable<List<Object>> stages) throws Exception {
        CompletableFuture<Object> result = EventLoop.call(() -> {
            List<Object> list = new ArrayList<>(stages.call());
            if (!progress) {
                return Pipelines.pipeline(list.toArray());
            }
            ProgressMeter meter = new ProgressMeter(progressTotal, System.err);
            list.add(1, meter);
            CompletableFuture<Object> f = Pipelines.pipeline(list.toArray());
            meter.start();
            // Runs on the loop thread: the pipeline completes there.
            f.whenComplete((v, e) -> meter.stop());
            return f;
        });
        if (!result.isDone()) {
            // The loop only returns when nothing can happen any more.
            throw new IllegalStateException("the pipeline stopped without finishing");
        }
        try {
            result.join();
        } catch (CompletionException e) {
            Throwable cause = Report.unwrap(e);
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }
}
