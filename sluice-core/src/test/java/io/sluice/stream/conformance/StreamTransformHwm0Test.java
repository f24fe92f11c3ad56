package io.sluice.stream.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.loop.EventLoop;
import io.sluice.stream.Readable;
import io.sluice.stream.StreamOptions;
import io.sluice.stream.Transform;
import io.sluice.stream.TransformCallback;
import io.sluice.stream.Writable;
import io.sluice.testing.Must;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-stream-transform-hwm0.js: an objectMode Transform with
 * highWaterMark 0 returns false from every write; the data is available on {@code 'readable'}
 * one item at a time (1, then null, then 2 on the next {@code 'readable'}); {@code 'drain'}
 * follows the first read.
 */
class StreamTransformHwm0Test {

    @Test
    void oneItemAtATime() {
        Must.run(() -> {
            Transform<Object, Object> t = new Transform<>(StreamOptions.create().objectMode(true).highWaterMark(0)
                    .doTransform((Transform<?, ?> s, Object chunk, String enc, TransformCallback<Object> cb) ->
                            EventLoop.current().nextTick(() -> cb.done(null, chunk))));
            assertThat(t.write(1)).isFalse();
            t.on(Writable.DRAIN, Must.callConsumer(v -> {
                assertThat(t.write(2)).isFalse();
                t.end();
            }));
            t.once(Readable.READABLE, Must.callConsumer(v -> {
                assertThat(t.read()).isEqualTo(1);
                assertThat(t.read()).isNull();
                t.once(Readable.READABLE, Must.callConsumer(v2 -> assertThat(t.read()).isEqualTo(2)));
            }));
        });
    }
}
