package io.sluice.stream.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.buffer.Buffer;
import io.sluice.stream.Readable;
import io.sluice.stream.StreamOptions;
import io.sluice.testing.Must;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-stream-decoder-objectmode.js: with objectMode and an encoding, each
 * pushed Buffer is decoded into its own string chunk instead of being concatenated.
 */
class StreamDecoderObjectmodeTest {

    @Test
    void decodedChunksStaySeparate() {
        Must.run(() -> {
            Readable<Object> readable = new Readable<>(StreamOptions.create().encoding("utf16le").objectMode(true)
                    .doRead((s, n) -> {}));
            readable.push(Buffer.from("abc", "utf16le"));
            readable.push(Buffer.from("def", "utf16le"));
            readable.push(null);
            // Without objectMode these would be concatenated into one chunk.
            assertThat(readable.read()).isEqualTo("abc");
            assertThat(readable.read()).isEqualTo("def");
            assertThat(readable.read()).isNull();
        });
    }
}
