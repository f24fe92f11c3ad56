package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.event.EventEmitter;
import io.sluice.testing.Must;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-stream-auto-destroy.js: close after end, after finish, and (for a
 * Transform) after both. The last case follows node v20.20.2: a destroy hook that calls back
 * without the error swallows it (the indexed file predates that).
 */
class StreamAutoDestroyTest {

    @Test
    void readableClosesAfterEnd() {
        Must.run(() -> {
            Readable<Object> r = new Readable<>(StreamOptions.create().autoDestroy(true)
                    .doRead((s, n) -> {
                        s.push("hello");
                        s.push("world");
                        s.push(null);
                    })
                    .doDestroy(destroyOk()));
            boolean[] ended = {false};
            r.resume();
            r.on(Readable.END, Must.callConsumer(v -> ended[0] = true));
            r.on(Stream.CLOSE, Must.callConsumer(v -> assertThat(ended[0]).isTrue()));
        });
    }

    private static StreamOptions.DestroyHook<Stream> destroyOk() {
        Runnable called = Must.call();
        return (s, err, cb) -> {
            called.run();
            cb.done();
        };
    }

    @Test
    void writableClosesAfterFinish() {
        Must.run(() -> {
            Writable<Object> w = new Writable<>(StreamOptions.create().autoDestroy(true)
                    .doWrite((s, c, e, cb) -> cb.done())
                    .doDestroy(destroyOk()));
            boolean[] finished = {false};
            w.write("hello");
            w.write("world");
            w.end();
            w.on(Writable.FINISH, Must.callConsumer(v -> finished[0] = true));
            w.on(Stream.CLOSE, Must.callConsumer(v -> assertThat(finished[0]).isTrue()));
        });
    }

    @Test
    void transformClosesAfterEndAndFinish() {
        Must.run(() -> {
            Transform<Object, Object> t = new Transform<>(StreamOptions.create().autoDestroy(true)
                    .doTransform((s, data, e, cb) -> cb.done(null, data))
                    .doDestroy(destroyOk()));
            boolean[] ended = {false};
            boolean[] finished = {false};
            t.write("hello");
            t.write("world");
            t.end();
            t.resume();
            t.on(Readable.END, Must.callConsumer(v -> ended[0] = true));
            t.on(Writable.FINISH, Must.callConsumer(v -> finished[0] = true));
            t.on(Stream.CLOSE, Must.callConsumer(v -> {
                assertThat(ended[0]).isTrue();
                assertThat(finished[0]).isTrue();
            }));
        });
    }

    @Test
    void destroyFromAPipedSourceRead() {
        Must.run(() -> {
            Writable<Object>[] ref = new Writable[1];
            Readable<Object> r = new Readable<>(StreamOptions.create().doRead((s, n) -> ref[0].destroy(new RuntimeException("fail"))));
            Writable<Object> w = ref[0] = new Writable<>(StreamOptions.create().autoDestroy(true).doDestroy(destroyOk()));
            // v20: the hook's cb() swallows the error; only 'close' follows.
            w.on(EventEmitter.ERROR, Must.notCallConsumer());
            w.on(Stream.CLOSE, Must.callConsumer());
            r.pipe(w);
        });
    }
}
