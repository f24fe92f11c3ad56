package io.sluice.stream.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.buffer.Buffer;
import io.sluice.stream.Readable;
import io.sluice.stream.StreamOptions;
import io.sluice.stream.Transform;
import io.sluice.stream.TransformCallback;
import io.sluice.testing.Must;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-stream-transform-flush-data.js: the data given to the flush
 * callback is pushed as the last (here, only) chunk.
 */
class StreamTransformFlushDataTest {

    @Test
    void flushDataIsPushed() {
        Must.run(() -> {
            Transform<Object, Object> t = new Transform<>(StreamOptions.create()
                    .doTransform((Transform<?, ?> s, Object d, String e, TransformCallback<Object> n) -> n.done())
                    .doFlush((Transform<?, ?> s, TransformCallback<Object> n) -> n.done(null, "asdf")));
            t.end(Buffer.from("blerg"));
            t.on(Readable.DATA, Must.callConsumer(data -> assertThat(TestChunks.str(data)).isEqualTo("asdf")));
        });
    }
}
