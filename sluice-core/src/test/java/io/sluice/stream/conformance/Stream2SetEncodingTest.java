package io.sluice.stream.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.buffer.Buffer;
import io.sluice.stream.Readable;
import io.sluice.stream.StreamOptions;
import io.sluice.testing.Must;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-stream2-set-encoding.js: with an encoding, {@code read(n)} counts
 * characters of the decoded string (utf8, hex, base64), whether the encoding comes from
 * {@code setEncoding} or the {@code encoding} option, and the remainder is flushed at EOF.
 */
class Stream2SetEncodingTest {

    /** 100 bytes of 'a', pushed from a timer in pieces of at most {@code size} bytes; EOF pushed twice. */
    static final class TestReader extends Readable<Object> {
        private int pos;
        private final int len;

        TestReader(int n, StreamOptions opts) {
            super(opts);
            this.len = n;
        }

        @Override
        protected void doRead(long size) {
            eventLoop().setTimeout(() -> {
                int n = (int) Math.min(size, len - pos);
                if (pos >= len || n <= 0) {
                    // a double push(null) exercises the EOF handling
                    push(null);
                    push(null);
                    return;
                }
                pos += n;
                push(Buffer.alloc(n, "a"));
            }, 1);
        }
    }

    private static List<Object> readAll(boolean viaOption, String encoding, int readSize) {
        List<Object> out = new ArrayList<>();
        Must.run(() -> {
            TestReader tr = new TestReader(100, viaOption ? StreamOptions.create().encoding(encoding) : null);
            if (!viaOption) {
                tr.setEncoding(encoding);
            }
            tr.on(Readable.READABLE, v -> {
                Object chunk;
                while ((chunk = tr.read(readSize)) != null) {
                    out.add(chunk);
                }
            });
            tr.on(Readable.END, Must.callConsumer());
        });
        return out;
    }

    private static final List<String> HEX13 = List.of(
            "6161616161616", "1616161616161", "6161616161616", "1616161616161", "6161616161616",
            "1616161616161", "6161616161616", "1616161616161", "6161616161616", "1616161616161",
            "6161616161616", "1616161616161", "6161616161616", "1616161616161", "6161616161616", "16161");

    private static final List<String> BASE64 = List.of(
            "YWFhYWFhYW", "FhYWFhYWFh", "YWFhYWFhYW", "FhYWFhYWFh", "YWFhYWFhYW", "FhYWFhYWFh", "YWFhYWFhYW",
            "FhYWFhYWFh", "YWFhYWFhYW", "FhYWFhYWFh", "YWFhYWFhYW", "FhYWFhYWFh", "YWFhYWFhYW", "FhYQ==");

    @ParameterizedTest(name = "encoding option = {0}")
    @ValueSource(booleans = {false, true})
    void utf8(boolean viaOption) {
        assertThat(readAll(viaOption, "utf8", 10)).isEqualTo(Collections.nCopies(10, "aaaaaaaaaa"));
    }

    @ParameterizedTest(name = "encoding option = {0}")
    @ValueSource(booleans = {false, true})
    void hex(boolean viaOption) {
        assertThat(readAll(viaOption, "hex", 10)).isEqualTo(Collections.nCopies(20, "6161616161"));
    }

    @ParameterizedTest(name = "encoding option = {0}")
    @ValueSource(booleans = {false, true})
    void hexWithRead13(boolean viaOption) {
        assertThat(readAll(viaOption, "hex", 13)).isEqualTo(HEX13);
    }

    @ParameterizedTest(name = "encoding option = {0}")
    @ValueSource(booleans = {false, true})
    void base64(boolean viaOption) {
        assertThat(readAll(viaOption, "base64", 10)).isEqualTo(BASE64);
    }

    @Test
    void setEncodingIsChainable() {
        Must.run(() -> {
            TestReader tr = new TestReader(100, null);
            assertThat((Object) tr.setEncoding("utf8")).isSameAs(tr);
        });
    }
}
