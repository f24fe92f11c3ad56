package io.sluice.stream.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.stream.PassThrough;
import io.sluice.stream.StreamOptions;
import io.sluice.stream.Writable;
import io.sluice.testing.Must;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-stream-pipe-same-destination-twice.js (issue #12718): piping twice
 * into the same destination writes each chunk twice, and one {@code unpipe} removes only one of
 * the two pipes. (Node's private pipes array is observed through the 'data' listener count.)
 */
class StreamPipeSameDestinationTwiceTest {

    private static Writable<Object> dest(int expectedWrites) {
        Runnable write = expectedWrites == 0 ? Must.notCall() : Must.call(() -> {}, expectedWrites);
        return new Writable<>(StreamOptions.create().doWrite((s, chunk, enc, cb) -> {
            write.run();
            assertThat(TestChunks.str(chunk)).isEqualTo("foobar");
            cb.done();
        }));
    }

    @Test
    void unpipeOnceThenRepipe() {
        Must.run(() -> {
            PassThrough<Object> passThrough = new PassThrough<>();
            Writable<Object> dest = dest(1);
            passThrough.pipe(dest);
            passThrough.pipe(dest);
            assertThat(passThrough.listenerCount("data")).isEqualTo(2);
            passThrough.unpipe(dest);
            assertThat(passThrough.listenerCount("data")).isEqualTo(1);
            passThrough.write("foobar");
            passThrough.pipe(dest);
        });
    }

    @Test
    void twoPipesWriteTwice() {
        Must.run(() -> {
            PassThrough<Object> passThrough = new PassThrough<>();
            Writable<Object> dest = dest(2);
            passThrough.pipe(dest);
            passThrough.pipe(dest);
            assertThat(passThrough.listenerCount("data")).isEqualTo(2);
            passThrough.write("foobar");
        });
    }

    @Test
    void unpipeTwiceRemovesBoth() {
        Must.run(() -> {
            PassThrough<Object> passThrough = new PassThrough<>();
            Writable<Object> dest = dest(0);
            passThrough.pipe(dest);
            passThrough.pipe(dest);
            passThrough.unpipe(dest);
            passThrough.unpipe(dest);
            assertThat(passThrough.listenerCount("data")).isZero();
            passThrough.write("foobar");
        });
    }
}
