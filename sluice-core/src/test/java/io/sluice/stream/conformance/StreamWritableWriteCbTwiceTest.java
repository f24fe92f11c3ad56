package io.sluice.stream.conformance;

import io.sluice.error.NodeException;
import io.sluice.loop.EventLoop;
import io.sluice.stream.Callback;
import io.sluice.stream.StreamOptions;
import io.sluice.stream.Writable;
import io.sluice.testing.Must;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-stream-writable-write-cb-twice.js: a {@code _write} callback called
 * twice (sync+sync, sync+async, async+async) fails the stream with {@code 'error'}
 * {@code ERR_MULTIPLE_CALLBACK}.
 */
class StreamWritableWriteCbTwiceTest {

    private static void check(Consumer<Callback> body) {
        Must.run(() -> {
            Runnable write = Must.call();
            Writable<Object> writable = new Writable<>(StreamOptions.create().doWrite((s, buf, enc, cb) -> {
                write.run();
                body.accept(cb);
            }));
            writable.write("hi");
            writable.on(Writable.ERROR, Must.expectsError("ERR_MULTIPLE_CALLBACK", NodeException.class,
                    "Callback called multiple times"));
        });
    }

    @Test
    void syncSync() {
        check(cb -> {
            cb.done();
            cb.done();
        });
    }

    @Test
    void syncAsync() {
        check(cb -> {
            cb.done();
            EventLoop.current().nextTick(() -> cb.done());
        });
    }

    @Test
    void asyncAsync() {
        check(cb -> {
            EventLoop.current().nextTick(() -> cb.done());
            EventLoop.current().nextTick(() -> cb.done());
        });
    }
}
