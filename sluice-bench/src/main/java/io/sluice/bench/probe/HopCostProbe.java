package io.sluice.bench.probe;

import io.sluice.loop.EventLoop;
import io.sluice.stream.Callback;
import io.sluice.stream.Readable;
import io.sluice.stream.ReadableStream;
import io.sluice.stream.StreamOptions;
import io.sluice.stream.Streams;
import io.sluice.stream.Transform;
import io.sluice.stream.TransformCallback;
import io.sluice.stream.Writable;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * The cost of one objectMode hop: 5 M objects from a Readable through 0 to 3 identity
 * Transforms into a Writable (highWaterMark 16, as object_mode), and, as "-1", the source alone
 * with a 'data' listener. Prints nanoseconds per object for each shape, the best of 5 runs by the
 * loop thread's CPU time, four rounds; the difference between shapes is the price of a hop.
 *
 * <p>Why this and not the twin: a twin's wall-clock median moves by 10 % between JVMs (JIT
 * decisions, warm-up, the machine), which hides changes of a few percent; this probe's figures
 * repeat within ~3 % between JVMs when the machine is quiet. Run several JVMs per build and
 * interleave the builds.
 *
 * <pre>{@code
 * java -Xms2g -Xmx2g -XX:+AlwaysPreTouch -Dsluice.loop.virtual=false \
 *     -cp '<build>/sluice-core/classes:<build>/sluice-bench/classes:<build>/sluice-bench/lib/*' \
 *     io.sluice.bench.probe.HopCostProbe
 * }</pre>
 * {@code -Dsluice.loop.virtual=false} runs the loop on the main thread, whose CPU time is the
 * one measured.
 */
public final class HopCostProbe {
    private static final int COUNT = 5_000_000;

    private HopCostProbe() {}

    private static StreamOptions objects() {
        return StreamOptions.create().objectMode(true).highWaterMark(16L);
    }

    /** Nanoseconds of loop-thread CPU time per object for {@code hops} transforms (-1: no sink). */
    static double run(int hops) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[] ns = {Double.NaN};
        long[] got = {0};
        EventLoop.run(() -> {
            int[] next = {0};
            Readable<Integer> src = new Readable<>(objects().doRead((Readable<Integer> self, long size) -> {
                while (next[0] < COUNT) {
                    if (!self.push(next[0]++)) {
                        return;
                    }
                }
                self.pushEnd();
            }));
            long c0 = mx.getCurrentThreadCpuTime();
            if (hops < 0) {
                src.on(ReadableStream.DATA, v -> got[0]++);
                src.on(ReadableStream.END, v -> ns[0] = (mx.getCurrentThreadCpuTime() - c0) / (double) COUNT);
                return;
            }
            List<Object> stages = new ArrayList<>();
            stages.add(src);
            for (int i = 0; i < hops; i++) {
                stages.add(new Transform<Integer, Integer>(objects().doTransform(
                        (Transform<Integer, Integer> self, Integer v, String enc, TransformCallback<Integer> cb) ->
                                cb.done(null, v))));
            }
            stages.add(new Writable<Integer>(objects().doWrite((Writable<Integer> self, Integer v, String enc, Callback cb) -> {
                got[0]++;
                cb.done();
            })));
            Streams.pipeline(stages.toArray()).whenComplete((v, err) -> {
                if (err == null) {
                    ns[0] = (mx.getCurrentThreadCpuTime() - c0) / (double) COUNT;
                }
            });
        });
        if (got[0] != COUNT || Double.isNaN(ns[0])) {
            throw new IllegalStateException("run with " + hops + " hops delivered " + got[0] + " of " + COUNT);
        }
        return ns[0];
    }

    public static void main(String[] args) {
        for (int round = 0; round < 4; round++) {
            StringBuilder line = new StringBuilder();
            for (int hops = -1; hops <= 3; hops++) {
                double best = Double.MAX_VALUE;
                for (int r = 0; r < 5; r++) {
                    best = Math.min(best, run(hops));
                }
                line.append(String.format("  hops=%d %.1f ns", hops, best));
            }
            System.out.println(line.toString().strip());
        }
    }
}
