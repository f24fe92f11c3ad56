package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.loop.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The state machines call a stream's option hooks ({@code doRead}, {@code doWrite},
 * {@code doTransform}) directly when the class leaves the corresponding method alone, and the
 * flowing loop calls the state machine's read directly when {@code read(n)} is not overridden
 * (ReadableState.readHook, WritableState.writeHook, TransformHop). A subclass that overrides the
 * method must still be the one called, with the hook given or not, in a pipe and outside one, as
 * before those shortcuts; and a PassThrough stays the identity whatever hook it is given. Each test
 * pipes objects through the stream and asserts exactly what came out and which code saw it.
 */
class StreamHookDispatchTest {

    private static StreamOptions objects() {
        return StreamOptions.create().objectMode(true);
    }

    private static Readable<Object> source(String... items) {
        int[] next = {0};
        return new Readable<>(objects().doRead((Readable<Object> s, long n) -> {
            if (next[0] < items.length) {
                s.push(items[next[0]++]);
            } else {
                s.pushEnd();
            }
        }));
    }

    private static Writable<Object> sink(List<Object> out) {
        return new Writable<>(objects().doWrite((s, c, e, cb) -> {
            out.add(c);
            cb.done();
        }));
    }

    /** Pipes the stages made on the loop into a sink; returns what it received, after completion. */
    private static List<Object> run(Supplier<Object[]> makeStages) {
        List<Object> out = new ArrayList<>();
        Object[] failure = {"never completed"};
        EventLoop.run(() -> {
            Object[] stagesBeforeSink = makeStages.get();
            Object[] stages = new Object[stagesBeforeSink.length + 1];
            System.arraycopy(stagesBeforeSink, 0, stages, 0, stagesBeforeSink.length);
            stages[stages.length - 1] = sink(out);
            Streams.pipeline(stages).whenComplete((v, err) -> failure[0] = err);
        });
        assertThat(failure[0]).isNull();
        return out;
    }

    static final class UpperTransform extends Transform<Object, Object> {
        UpperTransform(StreamOptions options) {
            super(options);
        }

        @Override
        protected void doTransform(Object chunk, String encoding, TransformCallback<Object> callback) {
            callback.done(null, "sub:" + chunk);
        }
    }

    @Test
    void aTransformSubclassOverridingDoTransformWinsOverTheOptionsHook() {
        List<Object> out = run(() -> new Object[] {source("a", "b"),
            new UpperTransform(objects().doTransform((s, c, e, cb) -> cb.done(null, "hook:" + c)))});
        assertThat(out).containsExactly("sub:a", "sub:b");
    }

    @Test
    void aTransformWithOnlyTheOptionsHookRunsIt() {
        List<Object> out = run(() -> new Object[] {source("a", "b"),
            new Transform<>(objects().doTransform((s, c, e, cb) -> cb.done(null, "hook:" + c)))});
        assertThat(out).containsExactly("hook:a", "hook:b");
    }

    static final class CountingPassThrough extends PassThrough<Object> {
        CountingPassThrough(StreamOptions options) {
            super(options);
        }
    }

    @Test
    void aPassThroughAndItsSubclassStayTheIdentityWhateverHookTheyAreGiven() {
        StreamOptions hooked = objects().doTransform((s, c, e, cb) -> cb.done(null, "hook:" + c));
        assertThat(run(() -> new Object[] {source("a", "b"), new PassThrough<>(hooked)}))
                .containsExactly("a", "b");
        assertThat(run(() -> new Object[] {source("a", "b"), new CountingPassThrough(hooked)}))
                .containsExactly("a", "b");
    }

    static final class OwnReadSource extends Readable<Object> {
        private int next;

        OwnReadSource(StreamOptions options) {
            super(options);
        }

        @Override
        protected void doRead(long size) {
            if (next < 2) {
                push("own" + next++);
            } else {
                pushEnd();
            }
        }
    }

    @Test
    void aReadableSubclassOverridingDoReadWinsOverTheOptionsHook() {
        StreamOptions hooked = objects().doRead((Readable<Object> s, long n) -> {
            s.push("hook");
            s.pushEnd();
        });
        assertThat(run(() -> new Object[] {new OwnReadSource(hooked)})).containsExactly("own0", "own1");
    }

    /** Records what read(n) returned: Node's flow calls stream.read(), so an override sees every chunk. */
    static final class WatchedRead extends Readable<Object> {
        final List<Object> returned = new ArrayList<>();
        private int next;

        WatchedRead() {
            super(StreamOptions.create().objectMode(true));
        }

        @Override
        protected void doRead(long size) {
            if (next < 3) {
                push("w" + next++);
            } else {
                pushEnd();
            }
        }

        @Override
        public Object read(long n) {
            Object v = super.read(n);
            if (v != null) {
                returned.add(v);
            }
            return v;
        }
    }

    @Test
    void theFlowingLoopCallsAnOverriddenRead() {
        WatchedRead[] src = {null};
        List<Object> out = new ArrayList<>();
        EventLoop.run(() -> {
            src[0] = new WatchedRead();
            src[0].on(ReadableStream.DATA, out::add);
        });
        assertThat(out).containsExactly("w0", "w1", "w2");
        assertThat(src[0].returned).containsExactly("w0", "w1", "w2");
    }

    static final class OwnWriteSink extends Writable<Object> {
        final List<Object> got = new ArrayList<>();

        OwnWriteSink(StreamOptions options) {
            super(options);
        }

        @Override
        protected void doWrite(Object chunk, String encoding, Callback callback) {
            got.add("own:" + chunk);
            callback.done();
        }
    }

    @Test
    void aWritableSubclassOverridingDoWriteWinsOverTheOptionsHook() {
        List<Object> hookSaw = new ArrayList<>();
        OwnWriteSink[] sink = {null};
        Object[] failure = {"never completed"};
        EventLoop.run(() -> {
            sink[0] = new OwnWriteSink(objects().doWrite((s, c, e, cb) -> {
                hookSaw.add(c);
                cb.done();
            }));
            Streams.pipeline(source("a", "b"), sink[0]).whenComplete((v, err) -> failure[0] = err);
        });
        assertThat(failure[0]).isNull();
        assertThat(sink[0].got).containsExactly("own:a", "own:b");
        // And a write outside any pipe.
        EventLoop.run(() -> {
            sink[0] = new OwnWriteSink(objects().doWrite((s, c, e, cb) -> {
                hookSaw.add(c);
                cb.done();
            }));
            sink[0].write("c");
        });
        assertThat(sink[0].got).containsExactly("own:c");
        assertThat(hookSaw).isEmpty();
    }
}
