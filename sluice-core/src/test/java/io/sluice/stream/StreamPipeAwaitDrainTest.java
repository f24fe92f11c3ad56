package io.sluice.stream;

import io.sluice.buffer.Buffer;
import io.sluice.loop.EventLoop;
import io.sluice.testing.Must;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-stream-pipe-await-drain.js: with two destinations the source waits
 * for the drain of the slow one, so a second chunk never reaches the fast one (nodejs/node#5820).
 */
class StreamPipeAwaitDrainTest {
    @Test
    void sourceWaitsForEveryDestinationsDrain() {
        Must.run(() -> {
            Readable<Buffer> reader = new Readable<>(StreamOptions.create().doRead((s, n) -> {}));
            // Larger than the default mark, so write() returns false.
            Buffer buffer = Buffer.allocUnsafe(560000);
            Runnable write1 = Must.call(() -> {}, 1);
            Writable<Buffer> writer1 = new Writable<>(StreamOptions.create().doWrite((Stream self, Object c, String e, Callback cb) -> {
                write1.run();
                self.emit("chunk-received");
                cb.done();
            }));
            writer1.once("chunk-received", args ->
                    // Must not reach writer1: writer2 has not drained.
                    EventLoop.current().setImmediate(() -> reader.push(buffer)));
            Runnable write2 = Must.call(() -> {}, 1);
            // A slow consumer that never calls back.
            Writable<Buffer> writer2 = new Writable<>(StreamOptions.create().doWrite((s, c, e, cb) -> write2.run()));
            reader.pipe(writer1);
            reader.pipe(writer2);
            reader.push(buffer);
        });
    }

    @Test
    void awaitDrainWithSeveralSlowDestinations() {
        // Port of the second scenario of test-stream-pipe-await-drain.js in newer node: three
        // destinations, two of them slow; 'data' resumes only after both drained.
        Must.run(() -> {
            Readable<Buffer> reader = new Readable<>(StreamOptions.create().doRead((s, n) -> {}));
            Buffer buffer = Buffer.allocUnsafe(560000);
            Callback[] pending = new Callback[2];
            Writable<Buffer> fast = new Writable<>(StreamOptions.create().doWrite((s, c, e, cb) -> cb.done()));
            Writable<Buffer> slow1 = new Writable<>(StreamOptions.create().doWrite((s, c, e, cb) -> pending[0] = cb));
            Writable<Buffer> slow2 = new Writable<>(StreamOptions.create().doWrite((s, c, e, cb) -> pending[1] = cb));
            reader.pipe(fast);
            reader.pipe(slow1);
            reader.pipe(slow2);
            reader.push(buffer);
            EventLoop.current().setImmediate(() -> {
                org.assertj.core.api.Assertions.assertThat(reader.isPaused()).isTrue();
                pending[0].done();
                EventLoop.current().setImmediate(() -> {
                    // One destination still owes a drain.
                    org.assertj.core.api.Assertions.assertThat(reader.isPaused()).isTrue();
                    pending[1].done();
                    EventLoop.current().setImmediate(() -> {
                        org.assertj.core.api.Assertions.assertThat(reader.isPaused()).isFalse();
                        reader.destroy();
                    });
                });
            });
        });
    }
}
