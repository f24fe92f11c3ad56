package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.testing.Must;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Port of test/parallel/test-stream-pipeline-async-iterator.js: a function stage consuming its source yields 'helloworld'. */
class StreamPipelineAsyncIteratorTest {

    @Test
    void pipelineOverFunctionProducesHelloworld() {
        Must.run(() -> {
            StringBuilder sb = new StringBuilder();
            Writable<Object> w = new Writable<>(StreamOptions.create().objectMode(true).doWrite((s, c, e, cb) -> {
                sb.append(c);
                cb.done();
            }));
            Pipelines.pipeline(Readables.from(List.of("hello", "world")),
                    Pipelines.through((Readable<String> src) -> Operators.map(src, x -> x)), w)
                    .thenRun(Must.call(() -> assertThat(sb).hasToString("helloworld")));
        });
    }

    @Test
    void errorPropagates() {
        Must.run(() -> {
            RuntimeException boom = new RuntimeException("kaboom");
            Pipelines.pipeline(Readables.from(List.of("hello")),
                    Pipelines.through((Readable<String> src) -> Operators.map(src, x -> {
                        throw boom;
                    })), new PassThrough<>(StreamOptions.create().objectMode(true)))
                    .whenComplete(Must.callBiConsumer((v, e) -> assertThat(e).isSameAs(boom)));
        });
    }
}
