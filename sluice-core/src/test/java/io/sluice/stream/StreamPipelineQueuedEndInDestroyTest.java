package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.error.ErrorCodes;
import io.sluice.testing.Must;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-stream-pipeline-queued-end-in-destroy.js: a source whose destroy
 * hook queues an end still gets the callback once, with a premature close, and emits no 'end'.
 */
class StreamPipelineQueuedEndInDestroyTest {

    @Test
    void callbackStillFires() {
        Must.run(() -> {
            Readable<Object>[] self = new Readable[1];
            Readable<Object> readable = new Readable<>(StreamOptions.create().doRead((s, n) -> {})
                    .doDestroy((Readable<Object> s, Throwable err, Callback cb) -> {
                        // Queue an end-of-stream (Node's process.nextTick(() => this.push(null))).
                        s.eventLoop().nextTick(s::pushEnd);
                        cb.done(err);
                    }));
            self[0] = readable;
            Duplex<Object, Object> duplex = new Duplex<>(StreamOptions.create().doWrite((s, c, e, cb) -> cb.done())
                    .doRead((s, n) -> {}));
            Pipelines.pipeline(readable, duplex, Must.callBiConsumer((Throwable err, Object v) ->
                    assertThat(StreamPipelineTest.code(err)).isEqualTo(ErrorCodes.ERR_STREAM_PREMATURE_CLOSE))::accept);
            readable.on(ReadableStream.END, Must.notCallConsumer());
            duplex.on(Stream.CLOSE, Must.callConsumer());
            duplex.destroy();
        });
    }
}
