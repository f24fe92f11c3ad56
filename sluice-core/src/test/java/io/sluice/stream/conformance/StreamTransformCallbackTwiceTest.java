package io.sluice.stream.conformance;

import io.sluice.error.NodeException;
import io.sluice.stream.StreamOptions;
import io.sluice.stream.Transform;
import io.sluice.stream.TransformCallback;
import io.sluice.testing.Must;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-stream-transform-callback-twice.js: a transform callback called
 * twice fails the stream with {@code 'error'} {@code ERR_MULTIPLE_CALLBACK}.
 */
class StreamTransformCallbackTwiceTest {

    @Test
    void callbackTwiceErrors() {
        Must.run(() -> {
            Transform<Object, Object> stream = new Transform<>(StreamOptions.create()
                    .doTransform((Transform<?, ?> s, Object chunk, String enc, TransformCallback<Object> cb) -> {
                        cb.done();
                        cb.done();
                    }));
            stream.on(Transform.ERROR, Must.expectsError("ERR_MULTIPLE_CALLBACK", NodeException.class,
                    "Callback called multiple times"));
            stream.write("foo");
        });
    }
}
