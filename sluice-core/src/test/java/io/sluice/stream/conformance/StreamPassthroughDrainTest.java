package io.sluice.stream.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.stream.PassThrough;
import io.sluice.stream.StreamOptions;
import io.sluice.stream.Writable;
import io.sluice.testing.EventLog;
import io.sluice.testing.Must;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-stream-passthrough-drain.js: a PassThrough with highWaterMark 0
 * refuses more after one write and emits {@code 'drain'} once it has been read out. node v20
 * emits the drain synchronously inside the second {@code read()} (checked by logging).
 */
class StreamPassthroughDrainTest {

    @Test
    void drainAfterReadingOut() {
        EventLog[] logs = new EventLog[1];
        Must.run(() -> {
            EventLog log = logs[0] = new EventLog();
            PassThrough<Object> pt = new PassThrough<>(StreamOptions.create().highWaterMark(0));
            pt.on(Writable.DRAIN, Must.callConsumer(v -> log.log("drain")));
            assertThat(pt.write("hello1")).isFalse();
            log.log("read " + TestChunks.str(pt.read()));
            log.log("read " + pt.read());
        });
        assertThat(logs[0].phases()).containsExactly("sync: read hello1, drain, read null");
    }
}
