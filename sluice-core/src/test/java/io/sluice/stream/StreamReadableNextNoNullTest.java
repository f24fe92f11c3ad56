package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.error.ErrorCodes;
import io.sluice.error.NodeError;
import io.sluice.error.NodeTypeException;
import io.sluice.event.EventEmitter;
import io.sluice.testing.Must;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Port of test/parallel/test-stream-readable-next-no-null.js: a null item is ERR_STREAM_NULL_VALUES, no data, no end. */
class StreamReadableNextNoNullTest {

    @Test
    void nullItemFailsWithNullValues() {
        Must.run(() -> {
            Readable<Object> r = Readables.from(Arrays.asList((Object) null));
            r.on(ReadableStream.DATA, Must.notCallConsumer());
            r.on(ReadableStream.END, Must.notCallConsumer());
            r.on(EventEmitter.ERROR, Must.callConsumer(e -> {
                assertThat(e).isInstanceOf(NodeTypeException.class);
                assertThat(((NodeError) e).code()).isEqualTo(ErrorCodes.ERR_STREAM_NULL_VALUES);
                assertThat(e).hasMessage("May not write null values to stream");
            }));
        });
    }
}
