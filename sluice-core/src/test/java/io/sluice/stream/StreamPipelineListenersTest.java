package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.buffer.Buffer;
import io.sluice.event.EventEmitter;
import io.sluice.testing.Must;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-stream-pipeline-listeners.js: when the last stream is readable,
 * the pipeline's 'error' listeners on it are removed before the callback; the other streams
 * keep theirs (so a late error does not crash).
 */
class StreamPipelineListenersTest {

    @Test
    void readableLastStreamLosesPipelineListeners() {
        Must.run(() -> {
            PassThrough<Buffer> a = new PassThrough<>();
            a.end(Buffer.from("foobar"));
            Duplex<Object, Object> b = new Duplex<>(StreamOptions.create().doWrite((s, c, e, cb) -> cb.done()).doRead((s, n) -> {}));
            Pipelines.pipeline(a, b, Must.callBiConsumer((Throwable err, Object v) -> {
                assertThat(err).isNull();
                assertThat(a.listenerCount(EventEmitter.ERROR)).isPositive();
                assertThat(b.listenerCount(EventEmitter.ERROR)).isZero();
            })::accept);
        });
    }

    @Test
    void writableLastStreamKeepsListeners() {
        Must.run(() -> {
            PassThrough<Buffer> e = new PassThrough<>();
            e.end(Buffer.from("foobar"));
            Writable<Object> f = new Writable<>(StreamOptions.create().doWrite((s, c, enc, cb) -> cb.done()));
            Pipelines.pipeline(e, f, Must.callBiConsumer((Throwable err, Object v) -> {
                assertThat(err).isNull();
                assertThat(e.listenerCount(EventEmitter.ERROR)).isPositive();
                assertThat(f.listenerCount(EventEmitter.ERROR)).isPositive();
                // A late error on f is absorbed by the listeners that stayed: no crash.
                f.destroy(new RuntimeException("no way"));
            })::accept);
        });
    }
}
