package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.loop.EventLoop;
import io.sluice.testing.Must;
import org.junit.jupiter.api.Test;

/** Port of test/parallel/test-stream-big-push.js. */
class StreamBigPushTest {
    private static final String STR = "asdfasdfasdfasdfasdf";

    @Test
    void pushOverMarkReturnsFalseAndReadConcatenates() {
        int[] reads = {0};
        boolean[] eofed = {false};
        boolean[] ended = {false};
        Must.run(() -> {
            Readable<?>[] ref = new Readable<?>[1];
            Readable<String> r = new Readable<String>(StreamOptions.create().highWaterMark(5).encoding("utf8")
                    .doRead((Readable<?> self, long n) -> {
                        if (reads[0] == 0) {
                            EventLoop.current().setTimeout(() -> ref[0].push(STR), 1);
                            reads[0]++;
                        } else if (reads[0] == 1) {
                            assertThat(self.push(STR)).isFalse();
                            reads[0]++;
                        } else {
                            assertThat(eofed[0]).isFalse();
                            eofed[0] = true;
                            self.push(null);
                        }
                    }));
            ref[0] = r;
            r.on(Readable.END, v -> ended[0] = true);
            // Nothing read yet: this push alone exceeds the mark.
            assertThat(r.push(STR)).isFalse();
            assertThat(r.read()).isEqualTo(STR);
            assertThat(r.read()).isNull();
            r.once(Readable.READABLE, Must.callConsumer(v -> {
                // All of it: the read took us below the mark, _read ran and added synchronously.
                assertThat(r.read()).isEqualTo(STR + STR);
                assertThat(r.read()).isNull();
            }));
        });
        assertThat(eofed[0]).isTrue();
        assertThat(ended[0]).isTrue();
        assertThat(reads[0]).isEqualTo(2);
    }
}
