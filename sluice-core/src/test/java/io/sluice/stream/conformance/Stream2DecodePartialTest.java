package io.sluice.stream.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.buffer.Buffer;
import io.sluice.stream.Readable;
import io.sluice.stream.StreamOptions;
import io.sluice.testing.Must;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Port of test/parallel/test-stream2-decode-partial.js: multibyte characters split across
 * pushes ('€' = E2 82 AC, '¢' = C2 A2, pushed 2+2+1 bytes) decode intact with a utf8 encoding.
 * Adversarial variants push one byte at a time with highWaterMark 0 and 1.
 */
class Stream2DecodePartialTest {

    private static final Buffer SOURCE = Buffer.from(0xE2, 0x82, 0xAC, 0xC2, 0xA2);

    private static String decode(StreamOptions opts, List<int[]> slices) {
        StringBuilder buf = new StringBuilder();
        Must.run(() -> {
            Readable<Object> readable = new Readable<>(opts.encoding("utf8"));
            for (int[] s : slices) {
                readable.push(SOURCE.subarray(s[0], Math.min(s[1], SOURCE.length())));
            }
            readable.push(null);
            readable.on(Readable.DATA, buf::append);
            readable.on(Readable.END, Must.callConsumer());
        });
        return buf.toString();
    }

    @Test
    void splitCharactersDecodeIntact() {
        assertThat(decode(StreamOptions.create(), List.of(new int[] {0, 2}, new int[] {2, 4}, new int[] {4, 6})))
                .isEqualTo("€¢");
    }

    @ParameterizedTest(name = "one-byte chunks, highWaterMark {0}")
    @ValueSource(ints = {0, 1, 16})
    void oneByteChunks(int hwm) {
        List<int[]> slices = List.of(new int[] {0, 1}, new int[] {1, 2}, new int[] {2, 3}, new int[] {3, 4},
                new int[] {4, 5});
        assertThat(decode(StreamOptions.create().highWaterMark(hwm), slices)).isEqualTo("€¢");
    }
}
