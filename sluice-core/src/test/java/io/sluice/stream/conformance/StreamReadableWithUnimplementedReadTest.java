package io.sluice.stream.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.error.NodeException;
import io.sluice.stream.Readable;
import io.sluice.stream.Stream;
import io.sluice.testing.Must;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-stream-readable-with-unimplemented-_read.js: {@code read()} on a
 * Readable without {@code _read} returns null and fails the stream with {@code 'error'}
 * {@code ERR_METHOD_NOT_IMPLEMENTED}, then {@code 'close'}.
 */
class StreamReadableWithUnimplementedReadTest {

    @Test
    void readWithoutImplementationErrors() {
        Must.run(() -> {
            Readable<Object> readable = new Readable<>();
            readable.on(Readable.ERROR, Must.expectsError("ERR_METHOD_NOT_IMPLEMENTED", NodeException.class,
                    "The _read() method is not implemented"));
            readable.on(Stream.CLOSE, Must.callConsumer());
            assertThat(readable.read()).isNull();
        });
    }
}
