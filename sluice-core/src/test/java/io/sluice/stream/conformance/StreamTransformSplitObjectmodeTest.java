package io.sluice.stream.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.buffer.Buffer;
import io.sluice.stream.Readable;
import io.sluice.stream.StreamOptions;
import io.sluice.stream.Streams;
import io.sluice.stream.Transform;
import io.sluice.stream.TransformCallback;
import io.sluice.testing.Must;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-stream-transform-split-objectmode.js: readableObjectMode and
 * writableObjectMode apply to one side each, and each side gets its mode's default highWaterMark
 * (16 objects, or the byte default; Node's test hard-codes v20's 16 KiB, this port asks
 * {@link Streams#getDefaultHighWaterMark}).
 */
class StreamTransformSplitObjectmodeTest {

    @Test
    void parserBytesInObjectsOut() {
        Object[] parsed = new Object[1];
        Must.run(() -> {
            Transform<Object, Object> parser = new Transform<>(StreamOptions.create().readableObjectMode(true)
                    .doTransform((Transform<?, ?> s, Object chunk, String enc, TransformCallback<Object> cb) ->
                            cb.done(null, Map.of("val", ((Buffer) chunk).get(0)))));
            assertThat(parser.readableObjectMode()).isTrue();
            assertThat(parser.writableObjectMode()).isFalse();
            assertThat(parser.readableHighWaterMark()).isEqualTo(16);
            assertThat(parser.writableHighWaterMark()).isEqualTo(Streams.getDefaultHighWaterMark(false));
            parser.on(Readable.DATA, obj -> parsed[0] = obj);
            parser.end(Buffer.from(42));
        });
        assertThat(parsed[0]).isEqualTo(Map.of("val", 42));
    }

    @Test
    void serializerObjectsInBytesOut() {
        Object[] serialized = new Object[1];
        Must.run(() -> {
            Transform<Object, Object> serializer = new Transform<>(StreamOptions.create().writableObjectMode(true)
                    .doTransform((Transform<?, ?> s, Object obj, String enc, TransformCallback<Object> cb) ->
                            cb.done(null, Buffer.from((Integer) ((Map<?, ?>) obj).get("val")))));
            assertThat(serializer.readableObjectMode()).isFalse();
            assertThat(serializer.writableObjectMode()).isTrue();
            assertThat(serializer.readableHighWaterMark()).isEqualTo(Streams.getDefaultHighWaterMark(false));
            assertThat(serializer.writableHighWaterMark()).isEqualTo(16);
            serializer.on(Readable.DATA, chunk -> serialized[0] = chunk);
            serializer.write(Map.of("val", 42));
        });
        assertThat(((Buffer) serialized[0]).get(0)).isEqualTo(42);
    }
}
