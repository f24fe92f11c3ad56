package io.sluice.bench.twin;

import static io.sluice.bench.twin.Harness.check;

import io.sluice.loop.EventLoop;
import io.sluice.stream.Callback;
import io.sluice.stream.Readable;
import io.sluice.stream.StreamOptions;
import io.sluice.stream.Streams;
import io.sluice.stream.Transform;
import io.sluice.stream.TransformCallback;
import io.sluice.stream.Writable;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Twin of {@code shared/bench/node/object_mode.mjs}: an objectMode Readable of 5 M (scale 1)
 * small records {@code {id, name}} → map → filter → map → discarding Writable, every
 * highWaterMark 16 objects (Node's objectMode default). {@code name} comes from a table of 1024
 * strings. The stages, as in the script:
 * map {@code o -> {id, name, len: name.length}}, filter dropping {@code id % 10 == 0},
 * map {@code o -> {key: id * 2, label: name}}. Figure {@code object_mode}: objects produced by
 * the source per second, in millions; every run timed (no warm-up), each on a fresh event loop.
 * The script's object literals become records, a Java user's natural shape.
 *
 * <p>Check: the sink counts the objects (must be {@code COUNT - ceil(COUNT / 10)}) and the last
 * one's key; a wrong count or a stream error fails the twin.
 */
public final class ObjectModeTwin {
    static final long NODE_OBJECT_HWM = 16;

    record Item(int id, String name) {}

    record Measured(int id, String name, int len) {}

    record Labelled(long key, String label) {}

    private ObjectModeTwin() {}

    private static StreamOptions objectOptions() {
        return StreamOptions.create().objectMode(true).highWaterMark(NODE_OBJECT_HWM);
    }

    private static <I, O> Transform<I, O> map(Function<I, O> fn) {
        return new Transform<>(objectOptions().doTransform(
                (Transform<I, O> self, I o, String enc, TransformCallback<O> cb) -> cb.done(null, fn.apply(o))));
    }

    private static <T> Transform<T, T> filter(Predicate<T> keep) {
        return new Transform<>(objectOptions().doTransform(
                (Transform<T, T> self, T o, String enc, TransformCallback<T> cb) -> {
                    if (keep.test(o)) {
                        cb.done(null, o);
                    } else {
                        cb.done();
                    }
                }));
    }

    static double runOnce(int count, String[] names) {
        long[] received = {0};
        long[] lastKey = {-1};
        double[] elapsed = {Double.NaN};
        Throwable[] failure = {null};
        EventLoop.run(() -> {
            int[] next = {0};
            Readable<Item> source = new Readable<>(objectOptions().doRead((Readable<Item> self, long size) -> {
                while (next[0] < count) {
                    Item o = new Item(next[0], names[next[0] & 1023]);
                    next[0]++;
                    if (!self.push(o)) {
                        return; // back-pressure: wait for the next read
                    }
                }
                self.push(null);
            }));
            Writable<Labelled> sink = new Writable<>(objectOptions()
                    .doWrite((Writable<Labelled> self, Labelled o, String enc, Callback cb) -> {
                        received[0]++;
                        lastKey[0] = o.key();
                        cb.done();
                    }));
            double t0 = Harness.seconds();
            Streams.pipeline(source,
                    ObjectModeTwin.<Item, Measured>map(o -> new Measured(o.id(), o.name(), o.name().length())),
                    ObjectModeTwin.<Measured>filter(o -> o.id() % 10 != 0),
                    ObjectModeTwin.<Measured, Labelled>map(o -> new Labelled(o.id() * 2L, o.name())),
                    sink)
                    .whenComplete((v, err) -> {
                        elapsed[0] = Harness.seconds() - t0;
                        failure[0] = err;
                    });
        });
        if (failure[0] != null) {
            throw new IllegalStateException("pipeline failed", failure[0]);
        }
        check(!Double.isNaN(elapsed[0]), "the sink never finished");
        long expected = count - (count + 9L) / 10;
        check(received[0] == expected, "wrong count: " + received[0] + ", expected " + expected);
        int lastKept = (count - 1) % 10 == 0 ? count - 2 : count - 1;
        check(lastKey[0] == 2L * lastKept, "last key " + lastKey[0] + ", expected " + 2L * lastKept);
        return elapsed[0];
    }

    public static void main(String[] args) {
        int count = (int) Math.max(1000, Math.round(5_000_000 * Harness.SCALE));
        String[] names = new String[1024];
        for (int i = 0; i < names.length; i++) {
            names[i] = "user-" + i;
        }
        double[] rates = new double[Harness.RUNS];
        for (int r = 0; r < Harness.RUNS; r++) {
            rates[r] = count / runOnce(count, names) / 1e6;
        }
        Harness.report("object_mode", rates, "Mobj/s");
    }
}
