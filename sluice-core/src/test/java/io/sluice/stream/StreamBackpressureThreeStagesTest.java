package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.buffer.Buffer;
import io.sluice.loop.EventLoop;
import io.sluice.testing.Must;
import org.junit.jupiter.api.Test;

/**
 * DESIGN §3: a pipeline of k stages holds at most about k × highWaterMark (+ one chunk each).
 * A fast producer feeds a slow consumer through three Transforms; every stage's buffers are
 * sampled on every chunk and the maxima asserted.
 */
class StreamBackpressureThreeStagesTest {

    static final int HWM = 1024;
    static final int CHUNK = 256;

    @Test
    void fastProducerSlowConsumerNeverOverBuffers() {
        long[] maxReadable = new long[4];
        long[] maxWritable = new long[4];
        long[] received = {0};
        long total = 2L * 1024 * 1024 / 8; // 256 KiB
        Must.run(() -> {
            EventLoop loop = EventLoop.current();
            long[] produced = {0};
            Readable<Buffer> src = new Readable<>(StreamOptions.create().highWaterMark(HWM).doRead((Readable<Buffer> self, long n) -> {
                // A producer that pushes as long as it is allowed, synchronously.
                while (produced[0] < total) {
                    produced[0] += CHUNK;
                    if (!self.push(Buffer.alloc(CHUNK, 'x'))) {
                        return;
                    }
                }
                self.pushEnd();
            }));
            @SuppressWarnings("unchecked")
            PassThrough<Buffer>[] stages = new PassThrough[3];
            for (int i = 0; i < 3; i++) {
                stages[i] = new PassThrough<>(StreamOptions.create().highWaterMark(HWM));
            }
            Runnable sample = () -> {
                maxReadable[0] = Math.max(maxReadable[0], src.readableLength());
                for (int i = 0; i < 3; i++) {
                    maxReadable[i + 1] = Math.max(maxReadable[i + 1], stages[i].readableLength());
                    maxWritable[i + 1] = Math.max(maxWritable[i + 1], stages[i].writableLength());
                }
            };
            Writable<Buffer> slow = new Writable<>(StreamOptions.create().highWaterMark(HWM).doWrite((s, chunk, enc, cb) -> {
                sample.run();
                received[0] += ((Buffer) chunk).length();
                // Slow: one chunk per immediate (a full loop iteration), far slower than the producer.
                loop.setImmediate(cb::done);
            }));
            Pipelines.pipeline(src, stages[0], stages[1], stages[2], slow)
                    .thenRun(Must.call());
        });
        assertThat(received[0]).isEqualTo(total);
        for (int i = 0; i < 4; i++) {
            assertThat(maxReadable[i]).as("readable buffer of stage %d", i).isLessThanOrEqualTo(HWM + CHUNK);
        }
        for (int i = 1; i < 4; i++) {
            assertThat(maxWritable[i]).as("writable buffer of stage %d", i).isLessThanOrEqualTo(HWM + CHUNK);
        }
    }
}
