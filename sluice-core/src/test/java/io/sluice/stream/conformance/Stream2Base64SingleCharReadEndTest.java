package io.sluice.stream.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.buffer.Buffer;
import io.sluice.loop.EventLoop;
import io.sluice.loop.Timer;
import io.sluice.stream.Readable;
import io.sluice.stream.StreamOptions;
import io.sluice.stream.Writable;
import io.sluice.testing.Must;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Port of test/parallel/test-stream2-base64-single-char-read-end.js: a base64 stream whose source
 * pushes one byte and EOF flushes the partial group at the end ('1' → 'MQ=='), even when piped.
 * The adversarial variants run it with source highWaterMarks 0 and 1 (-1 = default).
 */
class Stream2Base64SingleCharReadEndTest {

    @ParameterizedTest(name = "source highWaterMark {0}")
    @ValueSource(ints = {-1, 0, 1})
    void remainderFlushedAtEof(int hwm) {
        List<Buffer> accum = new ArrayList<>();
        Must.run(() -> {
            EventLoop loop = EventLoop.current();
            boolean[] hasRead = {false};
            StreamOptions o = StreamOptions.create().encoding("base64");
            if (hwm >= 0) {
                o.highWaterMark(hwm);
            }
            Readable<Object> src = new Readable<>(o.doRead((Readable<?> self, long n) -> {
                if (!hasRead[0]) {
                    hasRead[0] = true;
                    loop.nextTick(() -> {
                        self.push(Buffer.from("1"));
                        self.push(null);
                    });
                }
            }));
            Writable<Object> dst = new Writable<>(StreamOptions.create().doWrite((s, chunk, enc, cb) -> {
                accum.add((Buffer) chunk);
                cb.done();
            }));
            Timer timeout = loop.setTimeout(() -> {
                throw new AssertionError("timed out waiting for _write");
            }, 1000);
            src.on(Readable.END, Must.callConsumer(v -> {
                assertThat(Buffer.concat(accum).toString()).isEqualTo("MQ==");
                timeout.cancel();
            }));
            src.pipe(dst);
        });
    }
}
