package io.sluice.stream.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.buffer.Buffer;
import io.sluice.stream.StreamOptions;
import io.sluice.stream.Writable;
import io.sluice.testing.Must;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-stream-writable-decoded-encoding.js: with {@code decodeStrings}
 * (the default) {@code _write} receives a Buffer and the encoding {@code 'buffer'}; with
 * {@code decodeStrings:false} it receives the string and the encoding it was written with.
 */
class StreamWritableDecodedEncodingTest {

    private static void write(boolean decode, String text, String encoding, String expectedType, String expectedEnc,
            String expectedContent) {
        Must.run(() -> {
            Runnable called = Must.call();
            Writable<Object> m = new Writable<>(StreamOptions.create().decodeStrings(decode)
                    .doWrite((s, chunk, enc, cb) -> {
                        called.run();
                        assertThat(chunk instanceof Buffer ? "buffer" : chunk.getClass().getSimpleName())
                                .isEqualTo(expectedType);
                        assertThat(enc).isEqualTo(expectedEnc);
                        assertThat(chunk instanceof Buffer b ? b.toString("hex") : chunk).isEqualTo(expectedContent);
                        cb.done();
                    }));
            m.write(text, encoding);
            m.end();
        });
    }

    @Test
    void decodeStringsTrue() {
        write(true, "some-text", "utf8", "buffer", "buffer", Buffer.from("some-text").toString("hex"));
    }

    @Test
    void decodeStringsFalse() {
        write(false, "some-text", "utf8", "String", "utf8", "some-text");
    }

    @Test
    void decodeStringsTrueUsesTheWrittenEncoding() {
        write(true, "abcd", "hex", "buffer", "buffer", "abcd");
    }
}
