package io.sluice.stream.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.buffer.Buffer;
import io.sluice.loop.EventLoop;
import io.sluice.stream.Readable;
import io.sluice.stream.StreamOptions;
import io.sluice.stream.Writable;
import io.sluice.testing.Must;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Port of test/parallel/test-stream3-pause-then-read.js: switching between {@code read(n)},
 * {@code 'data'} with {@code pause()} and {@code unshift} of the excess, a short pipe that unpipes
 * and unshifts, resume/pause churn, and a final pipe loses or duplicates no byte. The source
 * pushes synchronously, on a tick or on an immediate, depending on the chunk number.
 *
 * <p>The first row is Node's test; the others are adversarial variants (highWaterMark 0 and 1,
 * and one-byte chunks), which node v20 passes as well (checked by running the same script).
 */
class Stream3PauseThenReadTest {

    @ParameterizedTest(name = "hwm {0}, {1} chunks of {2} bytes")
    @CsvSource({"1000, 100, 99", "0, 100, 99", "1, 100, 99", "1000, 3000, 1", "1, 3000, 1"})
    void noByteLostOrDuplicated(int hwm, int totalChunks, int chunkSize) {
        int expectTotalData = totalChunks * chunkSize;
        int[] expectEndingData = {expectTotalData};
        int[] totalPushed = {0};
        int[] finalWritten = {-1};
        Must.run(() -> {
            EventLoop loop = EventLoop.current();
            int[] chunks = {totalChunks};
            Readable<?>[] ref = new Readable<?>[1];
            Runnable push = () -> {
                Buffer chunk = chunks[0]-- > 0 ? Buffer.alloc(chunkSize, "x") : null;
                if (chunk != null) {
                    totalPushed[0] += chunk.length();
                }
                ref[0].push(chunk);
            };
            Readable<Buffer> r = new Readable<>(StreamOptions.create().highWaterMark(hwm)
                    .doRead((Readable<?> self, long n) -> {
                        if (chunks[0] % 2 == 0) {
                            loop.setImmediate(push);
                        } else if (chunks[0] % 3 == 0) {
                            loop.nextTick(push);
                        } else {
                            push.run();
                        }
                    }));
            ref[0] = r;

            // The steps, last first, so each can name its successor.
            Runnable pipeRest = () -> {
                int[] written = {0};
                Writable<Buffer> w = new Writable<>(StreamOptions.create().doWrite((s, chunk, enc, cb) -> {
                    written[0] += ((Buffer) chunk).length();
                    cb.done();
                }));
                w.on(Writable.FINISH, Must.callConsumer(v -> finalWritten[0] = written[0]));
                r.pipe(w);
            };
            Runnable resumePause = () -> {
                // Read nothing: resume and pause again, a few times.
                for (int i = 0; i < 5; i++) {
                    r.resume();
                    r.pause();
                }
                loop.setImmediate(pipeRest);
            };
            Runnable read1234 = () -> readn(r, 1234, expectEndingData, resumePause);
            Runnable pipeLittle = () -> {
                expectEndingData[0] -= 200;
                int[] written = {0};
                Writable<Buffer>[] wref = new Writable[1];
                Writable<Buffer> w = new Writable<>(StreamOptions.create().doWrite((s, c, enc, cb) -> {
                    Buffer chunk = (Buffer) c;
                    written[0] += chunk.length();
                    if (written[0] >= 200) {
                        r.unpipe(wref[0]);
                        wref[0].end();
                        cb.done();
                        if (written[0] > 200) {
                            int diff = written[0] - 200;
                            written[0] -= diff;
                            r.unshift(chunk.subarray(chunk.length() - diff));
                        }
                    } else {
                        loop.setImmediate(() -> cb.done());
                    }
                }));
                wref[0] = w;
                w.on(Writable.FINISH, Must.callConsumer(v -> {
                    assertThat(written[0]).isEqualTo(200);
                    loop.setImmediate(read1234);
                }));
                r.pipe(w);
            };
            Runnable onData = () -> {
                expectEndingData[0] -= 100;
                int[] seen = {0};
                @SuppressWarnings("unchecked")
                Consumer<Object>[] od = new Consumer[1];
                od[0] = c -> {
                    Buffer chunk = (Buffer) c;
                    seen[0] += chunk.length();
                    if (seen[0] >= 100) {
                        r.removeListener(Readable.DATA, od[0]);
                        r.pause();
                        if (seen[0] > 100) {
                            // Seen too much: put the extra back.
                            int diff = seen[0] - 100;
                            r.unshift(chunk.subarray(chunk.length() - diff));
                        }
                        loop.setImmediate(pipeLittle);
                    }
                };
                r.on(Readable.DATA, od[0]);
            };
            readn(r, 100, expectEndingData, onData);
        });
        assertThat(totalPushed[0]).isEqualTo(expectTotalData);
        assertThat(finalWritten[0]).isEqualTo(expectEndingData[0]);
    }

    /** Reads exactly {@code n} bytes with read(n), waiting for 'readable' as needed, then runs {@code then}. */
    private static void readn(Readable<Buffer> r, int n, int[] expectEndingData, Runnable then) {
        expectEndingData[0] -= n;
        Runnable[] read = new Runnable[1];
        read[0] = () -> {
            Buffer c = r.read(n);
            if (c == null) {
                r.once(Readable.READABLE, v -> read[0].run());
            } else {
                assertThat(c.length()).isEqualTo(n);
                assertThat(r.readableFlowing()).isNotEqualTo(Boolean.TRUE);
                then.run();
            }
        };
        read[0].run();
    }
}
