package io.sluice.stream.conformance;

import io.sluice.loop.EventLoop;
import io.sluice.stream.Readable;
import io.sluice.stream.StreamOptions;
import io.sluice.testing.Must;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-stream-readable-hwm-0-async.js: with highWaterMark 0 and pushes made
 * on a later tick, {@code _read} keeps being called: 6 times (5 chunks, then EOF), 5 {@code 'data'},
 * one {@code 'end'}.
 */
class StreamReadableHwm0AsyncTest {

    @Test
    void readKeepsBeingCalledForAsyncPushes() {
        Must.run(() -> {
            EventLoop loop = EventLoop.current();
            int[] count = {5};
            Readable<?>[] ref = new Readable<?>[1];
            Runnable read = Must.call(() -> loop.nextTick(Must.call(() -> {
                if (count[0]-- != 0) {
                    ref[0].push("a");
                } else {
                    ref[0].push(null);
                }
            })), 6);
            Readable<Object> r = new Readable<>(StreamOptions.create().highWaterMark(0)
                    .doRead((Readable<?> self, long n) -> read.run()));
            ref[0] = r;
            r.on(Readable.END, Must.callConsumer());
            r.on(Readable.DATA, Must.callConsumer(d -> {}, 5));
        });
    }
}
