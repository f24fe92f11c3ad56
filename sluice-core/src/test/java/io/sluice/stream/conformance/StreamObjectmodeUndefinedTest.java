package io.sluice.stream.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.stream.Readable;
import io.sluice.stream.StreamOptions;
import io.sluice.stream.Transform;
import io.sluice.stream.TransformCallback;
import io.sluice.stream.Writable;
import io.sluice.testing.Must;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Port of test/parallel/test-stream-objectmode-undefined.js, adapted: Node checks that
 * {@code undefined} is an ordinary objectMode chunk for Readable, Writable and Transform. Java has
 * no {@code undefined} (and {@code null} is EOF, as in Node), so the JS-only value itself is
 * skipped; what is kept is the point of the test: values a JS implementation could mistake for
 * "no chunk" (false, 0, the empty string) are delivered as chunks by all three classes.
 */
class StreamObjectmodeUndefinedTest {

    static Object[] falsyValues() {
        return new Object[] {false, 0, ""};
    }

    @ParameterizedTest
    @MethodSource("falsyValues")
    void readable(Object value) {
        Must.run(() -> {
            Readable<Object> stream = new Readable<>(StreamOptions.create().objectMode(true)
                    .doRead((Readable<?> self, long n) -> {
                        self.push(value);
                        self.push(null);
                    }));
            stream.on(Readable.DATA, Must.callConsumer(chunk -> assertThat(chunk).isEqualTo(value)));
        });
    }

    @ParameterizedTest
    @MethodSource("falsyValues")
    void writable(Object value) {
        Must.run(() -> {
            Runnable called = Must.call();
            Writable<Object> stream = new Writable<>(StreamOptions.create().objectMode(true)
                    .doWrite((s, chunk, enc, cb) -> {
                        called.run();
                        assertThat(chunk).isEqualTo(value);
                    }));
            stream.write(value);
        });
    }

    @ParameterizedTest
    @MethodSource("falsyValues")
    void transform(Object value) {
        Must.run(() -> {
            Runnable called = Must.call();
            Transform<Object, Object> stream = new Transform<>(StreamOptions.create().objectMode(true)
                    .doTransform((Transform<?, ?> self, Object chunk, String enc, TransformCallback<Object> cb) -> {
                        called.run();
                        self.push(chunk);
                    }));
            stream.on(Readable.DATA, Must.callConsumer(chunk -> assertThat(chunk).isEqualTo(value)));
            stream.write(value);
        });
    }
}
