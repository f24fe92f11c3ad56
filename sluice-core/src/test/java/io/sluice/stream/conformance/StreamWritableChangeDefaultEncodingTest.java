package io.sluice.stream.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.error.NodeError;
import io.sluice.error.NodeTypeException;
import io.sluice.stream.StreamOptions;
import io.sluice.stream.Writable;
import io.sluice.testing.Must;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-stream-writable-change-default-encoding.js: the default encoding is
 * utf8; {@code setDefaultEncoding} changes what {@code _write} sees (case-insensitively, reported
 * in Node's lower case), returns the stream, and an unknown encoding throws TypeError
 * {@code ERR_UNKNOWN_ENCODING}. (Node passes {@code {}}; Java's parameter is a String, so an
 * unknown name stands in.)
 */
class StreamWritableChangeDefaultEncodingTest {

    private static Writable<Object> writer(String expectedEnc) {
        Runnable called = Must.call();
        return new Writable<>(StreamOptions.create().decodeStrings(false).doWrite((s, chunk, enc, cb) -> {
            called.run();
            assertThat(enc).isEqualTo(expectedEnc);
            cb.done();
        }));
    }

    @Test
    void defaultIsUtf8() {
        Must.run(() -> {
            Writable<Object> m = writer("utf8");
            m.write("foo");
            m.end();
        });
    }

    @Test
    void changeToAscii() {
        Must.run(() -> {
            Writable<Object> m = writer("ascii");
            assertThat(m.setDefaultEncoding("ascii")).isSameAs(m);
            m.write("bar");
            m.end();
        });
    }

    @Test
    void invalidEncodingThrows() {
        Must.run(() -> {
            Writable<Object> m = new Writable<>(StreamOptions.create().decodeStrings(false)
                    .doWrite((s, c, e, cb) -> cb.done()));
            assertThatThrownBy(() -> m.setDefaultEncoding("{}"))
                    .isInstanceOf(NodeTypeException.class)
                    .hasMessage("Unknown encoding: {}")
                    .satisfies(e -> assertThat(((NodeError) e).code()).isEqualTo("ERR_UNKNOWN_ENCODING"));
        });
    }

    @Test
    void variableCaseEncoding() {
        Must.run(() -> {
            Writable<Object> m = writer("ascii");
            m.setDefaultEncoding("AsCii");
            m.write("bar");
            m.end();
        });
    }
}
