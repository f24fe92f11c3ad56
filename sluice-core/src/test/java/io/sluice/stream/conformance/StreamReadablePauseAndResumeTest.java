package io.sluice.stream.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.buffer.Buffer;
import io.sluice.loop.EventLoop;
import io.sluice.stream.PassThrough;
import io.sluice.stream.Readable;
import io.sluice.stream.StreamOptions;
import io.sluice.stream.Writable;
import io.sluice.testing.Must;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-stream-readable-pause-and-resume.js: a paused stream emits no
 * {@code 'data'} (each listener of an on/pause/wait/resume loop fires exactly once); a
 * {@code 'readable'} listener makes {@code isPaused()} true; piping resumes the source.
 */
class StreamReadablePauseAndResumeTest {

    @Test
    void pausedStreamEmitsNoData() {
        int[] expectedData = {19};
        Must.run(() -> {
            EventLoop loop = EventLoop.current();
            int[] ticks = {18};
            Readable<?>[] ref = new Readable<?>[1];
            Readable<Object> rs = new Readable<>(StreamOptions.create().objectMode(true)
                    .doRead((Readable<?> self, long n) -> {
                        if (ticks[0]-- > 0) {
                            loop.nextTick(() -> self.push(new Object()));
                            return;
                        }
                        self.push(new Object());
                        self.push(null);
                    }));
            ref[0] = rs;
            rs.on(Readable.END, Must.callConsumer());
            readAndPause(rs, loop, expectedData);
        });
        assertThat(expectedData[0]).isZero();
    }

    /** on('data') → pause → wait an immediate → remove the listener, re-register, resume; ... */
    private static void readAndPause(Readable<Object> rs, EventLoop loop, int[] expectedData) {
        @SuppressWarnings("unchecked")
        Consumer<Object>[] ondata = new Consumer[1];
        ondata[0] = Must.callConsumer(data -> {
            rs.pause();
            expectedData[0]--;
            if (expectedData[0] <= 0) {
                return;
            }
            loop.setImmediate(() -> {
                rs.removeListener(Readable.DATA, ondata[0]);
                readAndPause(rs, loop, expectedData);
                rs.resume();
            });
        }, 1); // each listener sees exactly one chunk
        rs.on(Readable.DATA, ondata[0]);
    }

    @Test
    void readableListenerMakesIsPausedTrue() {
        Must.run(() -> {
            Readable<Object> r = new Readable<>(StreamOptions.create().doRead((s, n) -> {}));
            assertThat(r.isPaused()).isFalse();
            assertThat(r.readableFlowing()).isNull();
            r.on(Readable.READABLE, v -> {});
            assertThat(r.isPaused()).isTrue();
            assertThat(r.readableFlowing()).isFalse();
        });
    }

    @Test
    void pipingResumesTheSource() {
        Must.run(() -> {
            PassThrough<Object> source = new PassThrough<>();
            PassThrough<Object> target = new PassThrough<>();
            Buffer chunk = Buffer.alloc(1000);
            while (target.write(chunk)) {
                // fill the target until it asks for a drain
            }
            source.pipe(target);
            target.on(Writable.DRAIN, Must.callConsumer(v -> assertThat(source.isPaused()).isFalse()));
            target.on(Readable.DATA, d -> {});
        });
    }
}
