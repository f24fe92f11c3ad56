package io.sluice.stream.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.buffer.Buffer;
import io.sluice.stream.Readable;
import io.sluice.stream.StreamOptions;
import io.sluice.testing.Must;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-stream-readable-unshift.js: unshift stores strings as Buffers (in
 * the encoding given), puts data at the front, keeps a string as is when its encoding is the
 * stream's, behaves like push with an encoding set, works in objectMode, and does not throw when
 * the buffer is above the highWaterMark (issue #27192).
 */
class StreamReadableUnshiftTest {

    private static Readable<Object> noop(StreamOptions o) {
        return new Readable<>(o.doRead((s, n) -> {}));
    }

    @Test
    void stringsAreSavedAsBuffers() {
        Must.run(() -> {
            Readable<Object> readable = noop(StreamOptions.create());
            readable.on(Readable.DATA, Must.callConsumer(chunk -> {
                assertThat(chunk).isInstanceOf(Buffer.class);
                assertThat(((Buffer) chunk).toString("utf8")).isEqualTo("abc");
            }, 1));
            readable.unshift("abc");
        });
    }

    @Test
    void dataGoesAtTheBeginning() {
        Must.run(() -> {
            Readable<Object> readable = noop(StreamOptions.create());
            Deque<String> expected = new ArrayDeque<>(List.of("front", "back"));
            readable.on(Readable.DATA, Must.callConsumer(
                    chunk -> assertThat(TestChunks.str(chunk)).isEqualTo(expected.poll()), 2));
            readable.push("back");
            readable.unshift("front");
        });
    }

    @Test
    void bufferSavedWithTheGivenEncoding() {
        Must.run(() -> {
            Readable<Object> readable = noop(StreamOptions.create());
            String string = Buffer.from("abc").toString("base64");
            readable.on(Readable.DATA, Must.callConsumer(
                    chunk -> assertThat(((Buffer) chunk).toString("base64")).isEqualTo(string), 1));
            readable.unshift(string, "base64");
        });
    }

    /** Each chunk encoding; the stream's own encoding (base64) keeps the string as it is. */
    private static void checkEncoding(Readable<Object> readable) {
        String streamEncoding = "base64";
        List<String> encodings = List.of("utf8", "binary", "hex", "base64");
        Deque<String> expected = new ArrayDeque<>();
        readable.on(Readable.DATA, Must.callConsumer(
                chunk -> assertThat(chunk).isEqualTo(expected.pollLast()), encodings.size()));
        for (String encoding : encodings) {
            String string = "abc";
            expected.addLast(encoding.equals(streamEncoding)
                    ? string : Buffer.from(string, encoding).toString(streamEncoding));
            readable.unshift(string, encoding);
        }
    }

    @Test
    void encodingMatchingTheStreamKeepsTheString() {
        Must.run(() -> {
            Readable<Object> r1 = noop(StreamOptions.create());
            r1.setEncoding("base64");
            checkEncoding(r1);
            checkEncoding(noop(StreamOptions.create().encoding("base64")));
        });
    }

    private static void checkPushAndUnshift(Readable<Object> readable) {
        String string = "abc";
        readable.on(Readable.DATA, Must.callConsumer(
                chunk -> assertThat(chunk).isEqualTo(Buffer.from(string).toString("base64")), 2));
        readable.push(string);
        readable.unshift(string);
    }

    @Test
    void pushAndUnshiftBehaveAlikeWithAnEncoding() {
        Must.run(() -> {
            Readable<Object> r1 = noop(StreamOptions.create());
            r1.setEncoding("base64");
            checkPushAndUnshift(r1);
            checkPushAndUnshift(noop(StreamOptions.create().encoding("base64")));
        });
    }

    @Test
    void objectMode() {
        Must.run(() -> {
            Readable<Object> readable = noop(StreamOptions.create().objectMode(true));
            List<Object> chunks = new ArrayList<>(List.of("a", 1, new Object(), new ArrayList<>()));
            readable.on(Readable.DATA, Must.callConsumer(
                    chunk -> assertThat(chunk).isSameAs(chunks.remove(chunks.size() - 1)), 4));
            for (Object chunk : List.copyOf(chunks)) {
                readable.unshift(chunk);
            }
        });
    }

    /** Issue #27192: an unshift while above the highWaterMark must not throw. */
    static final class ArrayReader extends Readable<Object> {
        private final Deque<String> buffer = new ArrayDeque<>();

        ArrayReader() {
            super(StreamOptions.create().highWaterMark(50));
            for (int i = 0; i < 100; i++) {
                buffer.add(String.valueOf(i));
            }
        }

        @Override
        protected void doRead(long size) {
            while (!buffer.isEmpty()) {
                String chunk = buffer.poll();
                if (buffer.isEmpty()) {
                    push(chunk);
                    push(null);
                    return;
                }
                if (!push(chunk)) {
                    return;
                }
            }
        }
    }

    @Test
    void unshiftAboveHighWaterMarkDoesNotThrow() {
        Must.run(() -> {
            ArrayReader stream = new ArrayReader();
            stream.once(Readable.READABLE, Must.callConsumer(v -> {
                if (stream.read() != null) {
                    stream.unshift("a");
                    stream.on(Readable.DATA, chunk -> {});
                }
            }));
            stream.on(Readable.END, Must.callConsumer());
        });
    }
}
