package io.sluice.stream.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.stream.Readable;
import io.sluice.stream.StreamOptions;
import io.sluice.stream.Writable;
import io.sluice.testing.Must;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-stream-pipe-unpipe-streams.js: destinations can be unpiped in
 * reverse order, a second unpipe of the same destination does nothing, and {@code unpipe()}
 * without an argument detaches everything: {@code readableFlowing} false and every listener pipe
 * added removed from both sides. (Node's private {@code _readableState.pipes} checks become
 * listener counts and events.)
 */
class StreamPipeUnpipeStreamsTest {

    private static Readable<Object> source() {
        return new Readable<>(StreamOptions.create().doRead((s, n) -> {}));
    }

    private static Writable<Object> dest() {
        return new Writable<>(StreamOptions.create().doWrite((s, c, e, cb) -> {}));
    }

    @Test
    void unpipeInReverseOrder() {
        Must.run(() -> {
            Readable<Object> source = source();
            Writable<Object> dest1 = dest();
            Writable<Object> dest2 = dest();
            source.pipe(dest1);
            source.pipe(dest2);
            dest1.on(Writable.UNPIPE, Must.callConsumer());
            Consumer<Object> unpipe2 = Must.callConsumer();
            dest2.on(Writable.UNPIPE, unpipe2);
            assertThat(source.listenerCount("data")).isEqualTo(2);

            source.unpipe(dest2);
            assertThat(source.listenerCount("data")).isEqualTo(1);
            dest2.removeListener(Writable.UNPIPE, unpipe2);
            dest2.on(Writable.UNPIPE, Must.notCallConsumer());
            source.unpipe(dest2);
            assertThat(source.listenerCount("data")).isEqualTo(1);

            source.unpipe(dest1);
            assertThat(source.listenerCount("data")).isZero();
        });
    }

    @Test
    void unpipeAllCleansUp() {
        Must.run(() -> {
            Readable<Object> source = source();
            int[] destCount = {0};
            Runnable checkSrcCleanup = Must.call(() -> {
                assertThat(source.readableFlowing()).isFalse();
                for (String name : List.of("end", "data")) {
                    assertThat(source.listenerCount(name)).as("source '%s' listeners", name).isZero();
                }
            });
            for (int i = 0; i < 2; i++) {
                Writable<Object> dest = dest();
                int id = ++destCount[0];
                source.pipe(dest);
                @SuppressWarnings("unchecked")
                Consumer<Object>[] checker = new Consumer[1];
                checker[0] = Must.callConsumer(src -> {
                    assertThat(dest.listenerCount("unpipe")).isEqualTo(1);
                    dest.removeListener(Writable.UNPIPE, checker[0]);
                    for (String name : List.of("close", "finish", "drain", "error", "unpipe")) {
                        assertThat(dest.listenerCount(name)).as("dest %d '%s' listeners", id, name).isZero();
                    }
                    if (--destCount[0] == 0) {
                        checkSrcCleanup.run();
                    }
                });
                dest.on(Writable.UNPIPE, checker[0]);
            }
            source.unpipe();
        });
    }
}
