package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.loop.EventLoop;
import io.sluice.testing.Must;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Sluice's own rule (DESIGN §2): a stream belongs to the event loop current at construction; any
 * other thread calling it fails fast with IllegalStateException, and constructing one with no
 * loop fails too.
 */
class StreamLoopConfinementTest {

    @Test
    void constructionNeedsALoop() {
        assertThatThrownBy(() -> new Readable<>()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new Writable<>()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void everyCallFromAnotherThreadFailsFast() throws Exception {
        List<String> failures = new ArrayList<>();
        Must.run(() -> {
            Readable<Object> r = new Readable<>(StreamOptions.create().doRead((s, n) -> {}));
            Writable<Object> w = new Writable<>(StreamOptions.create().doWrite((s, c, e, cb) -> cb.done()));
            PassThrough<Object> pt = new PassThrough<>();
            List<Consumer<Void>> calls = List.of(
                    v -> r.push("x"), v -> r.read(), v -> r.resume(), v -> r.pause(), v -> r.pipe(w),
                    v -> r.destroy(), v -> r.readableLength(), v -> r.on(Readable.DATA, d -> {}),
                    v -> w.write("x"), v -> w.end(), v -> w.cork(), v -> w.writableLength(),
                    v -> pt.write("x"), v -> pt.end(), v -> Streams.finished(r, e -> {}));
            Thread other = new Thread(() -> {
                for (Consumer<Void> call : calls) {
                    try {
                        call.accept(null);
                        failures.add("no exception");
                    } catch (IllegalStateException e) {
                        failures.add(e.getMessage().contains("must be called on its event loop thread") ? "ok" : e.getMessage());
                    }
                }
            }, "intruder");
            other.start();
            try {
                other.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            // The streams were not touched and still work on their own loop.
            assertThat(r.readableLength()).isZero();
            assertThat(w.writable()).isTrue();
            r.destroy();
            w.destroy();
            pt.destroy();
        });
        assertThat(failures).hasSize(15).containsOnly("ok");
    }

    @Test
    void otherThreadsHandWorkToTheLoop() {
        AtomicReference<String> got = new AtomicReference<>();
        Must.run(() -> {
            EventLoop loop = EventLoop.current();
            Readable<Object> r = new Readable<>(StreamOptions.create().doRead((s, n) -> {}));
            r.setEncoding("utf8").on(Readable.DATA, d -> got.set((String) d));
            var keepAlive = loop.keepAlive();
            Thread.ofVirtual().start(() -> loop.execute(() -> {
                r.push("from another thread");
                r.push(null);
                keepAlive.close();
            }));
        });
        assertThat(got.get()).isEqualTo("from another thread");
    }
}
