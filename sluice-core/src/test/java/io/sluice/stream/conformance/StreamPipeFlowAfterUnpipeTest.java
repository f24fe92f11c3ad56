package io.sluice.stream.conformance;

import io.sluice.loop.EventLoop;
import io.sluice.stream.Readable;
import io.sluice.stream.StreamOptions;
import io.sluice.stream.Writable;
import io.sluice.testing.Must;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-stream-pipe-flow-after-unpipe.js: {@code unpipe} un-blocks a source
 * that was paused waiting for a destination whose write never completes; the source then flows
 * to its own 'data' listener ({@code _read} called at least 20 times).
 */
class StreamPipeFlowAfterUnpipeTest {

    @Test
    void unpipeUnblocksTheSource() {
        Must.run(() -> {
            Readable<?>[] ref = new Readable<?>[1];
            Runnable read = Must.callAtLeast(() -> ref[0].push("foo"), 20);
            Readable<Object> rs = new Readable<>(StreamOptions.create().highWaterMark(1)
                    .doRead((s, n) -> read.run()));
            ref[0] = rs;
            Writable<?>[] wref = new Writable<?>[1];
            Runnable write = Must.call(() -> EventLoop.current().setImmediate(() -> rs.unpipe(wref[0])));
            // The write callback is ignored: this write never finishes.
            Writable<Object> ws = new Writable<>(StreamOptions.create().highWaterMark(1)
                    .doWrite((s, c, e, cb) -> write.run()));
            wref[0] = ws;
            int[] chunks = {0};
            rs.on(Readable.DATA, Must.callConsumerAtLeast(d -> {
                chunks[0]++;
                if (chunks[0] >= 20) {
                    rs.pause(); // finishes the test
                }
            }, 1));
            rs.pipe(ws);
        });
    }
}
