package io.sluice.stream.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.loop.EventLoop;
import io.sluice.stream.Readable;
import io.sluice.stream.StreamOptions;
import io.sluice.stream.Writable;
import io.sluice.testing.Must;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Port of test/parallel/test-stream-pipe-after-end.js: a Readable that is at EOF does not emit
 * {@code 'end'} until it is read; piping a Readable whose {@code 'end'} was already triggered still
 * ends (finishes) the destination; {@code _read} is called only once. The adversarial variants
 * use highWaterMarks 0 and 1 (-1 = default).
 */
class StreamPipeAfterEndTest {

    /** A source whose _read ends it, and must only be called once. */
    static final class TestReadable extends Readable<Object> {
        private boolean ended;

        TestReadable(StreamOptions o) {
            super(o);
        }

        @Override
        protected void doRead(long size) {
            if (ended) {
                emit(ERROR, new IllegalStateException("_read called twice"));
            }
            ended = true;
            push(null);
        }
    }

    @ParameterizedTest(name = "highWaterMark {0}")
    @ValueSource(ints = {-1, 0, 1})
    void pipeAnEndedReadable(int hwm) {
        Must.run(() -> {
            StreamOptions o = hwm < 0 ? null : StreamOptions.create().highWaterMark(hwm);
            // This one must not emit 'end' until it is read from later.
            TestReadable ender = new TestReadable(o);
            // Piping a readable that has already ended: read() pushes EOF with length 0.
            TestReadable piper = new TestReadable(o);
            piper.read();
            EventLoop.current().setTimeout(Must.call(() -> {
                ender.on(Readable.END, Must.callConsumer());
                assertThat(ender.read()).isNull();
                List<Object> written = new ArrayList<>();
                Writable<Object> w = new Writable<>(StreamOptions.create().doWrite((s, chunk, enc, cb) -> {
                    written.add(chunk);
                    cb.done();
                }));
                w.on(Writable.FINISH, Must.callConsumer(v -> assertThat(written).isEmpty()));
                piper.pipe(w);
            }), 1);
        });
    }
}
