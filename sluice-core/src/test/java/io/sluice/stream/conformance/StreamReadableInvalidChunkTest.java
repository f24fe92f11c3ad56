package io.sluice.stream.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.error.NodeTypeException;
import io.sluice.stream.Readable;
import io.sluice.stream.Stream;
import io.sluice.stream.StreamOptions;
import io.sluice.testing.Must;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Port of test/parallel/test-stream-readable-invalid-chunk.js: pushing (or unshifting) something
 * that is neither a string nor a Buffer in byte mode fails the stream with an {@code 'error'}
 * TypeError {@code ERR_INVALID_ARG_TYPE} (not a throw), then {@code 'close'}. JS's {@code []},
 * {@code {}} and {@code 0} become a List, an Object and an Integer.
 */
class StreamReadableInvalidChunkTest {

    static List<Object> chunks() {
        return List.of(List.of(), new Object(), 0);
    }

    private static void check(Object chunk, BiConsumer<Readable<Object>, Object> op) {
        Must.run(() -> {
            Readable<Object> readable = new Readable<>(StreamOptions.create().doRead((s, n) -> {}));
            readable.on(Readable.ERROR, Must.expectsError("ERR_INVALID_ARG_TYPE", NodeTypeException.class));
            readable.on(Stream.CLOSE, Must.callConsumer());
            op.accept(readable, chunk);
            assertThat(readable.errored()).isInstanceOf(NodeTypeException.class);
        });
    }

    @ParameterizedTest
    @MethodSource("chunks")
    void push(Object chunk) {
        check(chunk, (r, c) -> assertThat(r.push(c)).isFalse());
    }

    @ParameterizedTest
    @MethodSource("chunks")
    void unshift(Object chunk) {
        check(chunk, Readable::unshift);
    }
}
