package io.sluice.stream.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.loop.EventLoop;
import io.sluice.stream.Readable;
import io.sluice.stream.StreamOptions;
import io.sluice.testing.Must;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-stream-readable-hwm-0.js: with highWaterMark 0, adding a
 * {@code 'readable'} listener calls {@code _read} once (through {@code read(0)}) instead of only
 * emitting {@code 'readable'}; the event comes after {@code push(null)}, and {@code 'end'} follows.
 */
class StreamReadableHwm0Test {

    @Test
    void readCalledOnceAndReadableOnlyAfterEof() {
        Must.run(() -> {
            boolean[] pushedNull = {false};
            // _read must be called exactly once, upon adding the 'readable' listener.
            Runnable read = Must.call();
            Readable<Object> r = new Readable<>(StreamOptions.create().highWaterMark(0)
                    .doRead((Readable<?> s, long n) -> read.run()));
            r.on(Readable.READABLE, Must.callConsumer(v -> {
                assertThat(r.read()).isNull();
                assertThat(pushedNull[0]).isTrue();
            }));
            r.on(Readable.END, Must.callConsumer());
            EventLoop.current().nextTick(() -> {
                assertThat(r.read()).isNull();
                pushedNull[0] = true;
                r.push(null);
            });
        });
    }
}
