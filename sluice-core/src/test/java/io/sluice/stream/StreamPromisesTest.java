package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.error.ErrorCodes;
import io.sluice.testing.Must;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Port of test/parallel/test-stream-promises.js: the future forms of pipeline and finished. */
class StreamPromisesTest {

    @Test
    void pipelineResolves() {
        Must.run(() -> {
            List<Object> out = new ArrayList<>();
            Writable<Object> w = new Writable<>(StreamOptions.create().objectMode(true).doWrite((s, c, e, cb) -> {
                out.add(c);
                cb.done();
            }));
            Pipelines.pipeline(Readables.from(List.of("a", "b", "c")), w).thenAccept(Must.callConsumer(v -> {
                assertThat(v).isNull();
                assertThat(out).containsExactly("a", "b", "c");
                assertThat(w.writableFinished()).isTrue();
            }));
        });
    }

    @Test
    void pipelineRejects() {
        Must.run(() -> {
            Readable<Object> r = new Readable<>(StreamOptions.create().doRead((s, n) -> {}));
            PassThrough<Object> pt = new PassThrough<>();
            Pipelines.pipeline(r, pt).whenComplete(Must.callBiConsumer((v, e) ->
                    assertThat(StreamPipelineTest.code(e)).isEqualTo(ErrorCodes.ERR_STREAM_PREMATURE_CLOSE)));
            r.destroy();
        });
    }

    @Test
    void finishedResolvesAndRejects() {
        Must.run(() -> {
            Readable<String> ok = Readables.from(List.of("x"));
            ok.resume();
            Streams.finished(ok).thenRun(Must.call());
            Readable<Object> bad = new Readable<>(StreamOptions.create().doRead((s, n) -> {}));
            RuntimeException boom = new RuntimeException("boom");
            Streams.finished(bad).whenComplete(Must.callBiConsumer((v, e) -> assertThat(e).isSameAs(boom)));
            bad.destroy(boom);
        });
    }
}
