package io.sluice.stream.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.buffer.Buffer;
import io.sluice.loop.EventLoop;
import io.sluice.stream.Readable;
import io.sluice.stream.StreamOptions;
import io.sluice.testing.Must;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-stream2-readable-empty-buffer-no-eof.js: an empty Buffer pushed from
 * {@code _read} means "no data yet", never EOF; reading resumes on a later {@code read(0)}.
 */
class Stream2ReadableEmptyBufferNoEofTest {

    @Test
    void emptyBufferIsNotEof() {
        List<String> results = new ArrayList<>();
        Must.run(() -> {
            EventLoop loop = EventLoop.current();
            Buffer buf = Buffer.alloc(5, "x");
            int[] reads = {5};
            Readable<?>[] ref = new Readable<?>[1];
            Readable<Object> r = new Readable<>(StreamOptions.create().doRead((Readable<?> self, long n) -> {
                switch (reads[0]--) {
                    case 5 -> loop.setImmediate(() -> self.push(buf));
                    case 4 -> {
                        loop.setImmediate(() -> self.push(Buffer.alloc(0)));
                        loop.setImmediate(() -> self.read(0));
                    }
                    case 3 -> {
                        loop.setImmediate(() -> self.read(0));
                        loop.nextTick(() -> self.push(Buffer.alloc(0)));
                    }
                    case 2 -> {
                        loop.setImmediate(() -> self.read(0));
                        self.push(Buffer.alloc(0)); // not EOF
                    }
                    case 1 -> self.push(buf);
                    case 0 -> self.push(null); // EOF
                    default -> throw new AssertionError("unreachable");
                }
            }));
            ref[0] = r;
            Runnable flow = () -> {
                Object chunk;
                while ((chunk = r.read()) != null) {
                    results.add(TestChunks.str(chunk));
                }
            };
            r.on(Readable.READABLE, v -> flow.run());
            r.on(Readable.END, Must.callConsumer(v -> results.add("EOF")));
            flow.run();
        });
        assertThat(results).containsExactly("xxxxx", "xxxxx", "EOF");
    }

    @Test
    void base64EncodedReadsOfSingleBytes() {
        List<String> results = new ArrayList<>();
        Must.run(() -> {
            int[] reads = {5};
            Readable<Object> r = new Readable<>(StreamOptions.create().encoding("base64")
                    .doRead((Readable<?> self, long n) -> self.push(reads[0]-- == 0 ? null : Buffer.from("x"))));
            Runnable flow = () -> {
                Object chunk;
                while ((chunk = r.read()) != null) {
                    results.add(TestChunks.str(chunk));
                }
            };
            r.on(Readable.READABLE, v -> flow.run());
            r.on(Readable.END, Must.callConsumer(v -> results.add("EOF")));
            flow.run();
        });
        assertThat(results).containsExactly("eHh4", "eHg=", "EOF");
    }
}
