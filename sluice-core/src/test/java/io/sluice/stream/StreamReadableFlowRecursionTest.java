package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.buffer.Buffer;
import io.sluice.testing.Must;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-stream-readable-flow-recursion.js: a huge read(size) raises the
 * highWaterMark to the next power of two and reads continuously without recursion.
 */
class StreamReadableFlowRecursionTest {
    @Test
    void hugeReadRaisesMarkWithoutRecursion() {
        int[] reads = {0};
        long[] total = {5000};
        int[] depth = {0};
        Readable<?>[] ref = new Readable<?>[1];
        Must.run(() -> {
            Readable<Buffer> stream = new Readable<>(StreamOptions.create().highWaterMark(2).doRead((s, size) -> {
                reads[0]++;
                long n = Math.min(size, total[0]);
                total[0] -= n;
                if (n == 0) {
                    s.push(null);
                } else {
                    s.push(Buffer.allocUnsafe(n));
                }
            }));
            ref[0] = stream;
            flow(stream, 5000, depth, Must.callConsumer(chunk -> {}));
        });
        assertThat(reads[0]).isEqualTo(2);
        assertThat(((Readable<?>) ref[0]).r.highWaterMark).isEqualTo(8192);
        assertThat(((Readable<?>) ref[0]).r.length).isZero();
        assertThat(depth[0]).isZero();
    }

    private static void flow(Readable<Buffer> stream, long size, int[] depth, Consumer<Buffer> callback) {
        depth[0]++;
        Buffer chunk = stream.read(size);
        if (chunk == null) {
            stream.once(Readable.READABLE, v -> flow(stream, size, depth, callback));
        } else {
            callback.accept(chunk);
        }
        depth[0]--;
    }
}
