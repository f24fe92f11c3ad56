package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.testing.Must;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * 100,000 pipelines created and torn down (half succeed, half are destroyed): the thread count
 * and the retained heap return to their baseline, and a stream reused as the destination of
 * many pipelines with {@code end(false)} keeps no listeners once they are done.
 */
class StreamPipelineLeakTest {

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
            best = Math.min(best, rt.totalMemory() - rt.freeMemory());
        }
        return best;
    }

    /** 1000 pipelines per loop iteration, the next batch from an immediate: bounded peak memory. */
    private static void batch(int start, int[] done) {
        for (int i = start; i < start + 1000; i++) {
            Readable<Integer> src = Readables.from(List.of(i));
            PassThrough<Object> mid = new PassThrough<>(StreamOptions.create().objectMode(true));
            Writable<Object> dst = new Writable<>(StreamOptions.create().objectMode(true).doWrite((s, c, e, cb) -> cb.done()));
            Pipelines.pipeline(src, mid, dst, (err, v) -> done[0]++);
            if ((i & 1) == 1) {
                src.destroy();
            }
        }
        if (start + 1000 < 100_000) {
            io.sluice.loop.EventLoop.current().setImmediate(() -> batch(start + 1000, done));
        }
    }

    @Test
    void hundredThousandPipelinesLeaveNothingBehind() throws Exception {
        int threadsBefore = Thread.activeCount();
        long heapBefore = usedHeapAfterGc();
        int[] done = {0};
        Must.run(() -> batch(0, done));
        assertThat(done[0]).isEqualTo(100_000);
        long heapAfter = usedHeapAfterGc();
        assertThat(Thread.activeCount()).isLessThanOrEqualTo(threadsBefore + 2);
        // Generous: 100k pipelines would retain well over 100 MB if any part of them leaked.
        assertThat(heapAfter - heapBefore).isLessThan(16L * 1024 * 1024);
    }

    @Test
    void reusedDestinationKeepsNoListeners() {
        Must.run(() -> {
            Writable<Object> dst = new Writable<>(StreamOptions.create().objectMode(true).doWrite((s, c, e, cb) -> cb.done()));
            assertThat(dst.eventNames()).isEmpty();
            next(dst, 0);
        });
    }

    /** 1000 pipelines into the same destination, one after another, with end(false). */
    private static void next(Writable<Object> dst, int i) {
        Pipelines.pipeline(List.of(Readables.from(List.of(i)), dst), PipelineOptions.create().end(false), (err, v) -> {
            assertThat(err).isNull();
            // Sluice removes its listeners from a destination it leaves open: none pile up.
            assertThat(dst.eventNames()).as("listeners left after pipeline %d", i).isEmpty();
            if (i < 999) {
                next(dst, i + 1);
            } else {
                dst.end();
            }
        });
    }
}
