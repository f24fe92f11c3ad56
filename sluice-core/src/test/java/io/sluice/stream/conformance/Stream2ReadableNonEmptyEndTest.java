package io.sluice.stream.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.buffer.Buffer;
import io.sluice.loop.EventLoop;
import io.sluice.stream.Readable;
import io.sluice.stream.StreamOptions;
import io.sluice.testing.Must;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-stream2-readable-non-empty-end.js: reads of exact sizes leave one
 * byte behind, and {@code 'end'} only comes once that last byte has been read.
 */
class Stream2ReadableNonEmptyEndTest {

    @Test
    void endOnlyAfterTheLastByteIsConsumed() {
        Must.run(() -> {
            EventLoop loop = EventLoop.current();
            Buffer[] chunks = new Buffer[10];
            int total = 0;
            for (int i = 1; i <= 10; i++) {
                chunks[i - 1] = Buffer.alloc(i, i);
                total += i;
            }
            int len = total;
            int[] n = {0};
            Readable<Buffer> test = new Readable<>(StreamOptions.create().doRead((Readable<?> self, long size) -> {
                Buffer chunk = n[0] < chunks.length ? chunks[n[0]] : null;
                n[0]++;
                loop.setTimeout(() -> self.push(chunk), 1);
            }));
            Consumer<Void> thrower = v -> {
                throw new AssertionError("'end' must not come before the last byte is read");
            };
            test.on(Readable.END, thrower);

            int[] bytesRead = {0};
            Runnable next = () -> {
                test.removeListener(Readable.END, thrower);
                test.on(Readable.END, Must.callConsumer());
                Buffer r = test.read();
                assertThat((Object) r).isNotNull();
                assertThat(r.length()).isEqualTo(1);
                assertThat((Object) test.read()).isNull();
            };
            test.on(Readable.READABLE, v -> {
                int b = len - bytesRead[0] - 1;
                Buffer res = test.read(b);
                if (res != null) {
                    bytesRead[0] += res.length();
                    loop.setTimeout(next, 1);
                }
                test.read(0);
            });
            test.read(0);
        });
    }
}
