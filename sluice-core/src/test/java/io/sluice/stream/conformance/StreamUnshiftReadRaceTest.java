package io.sluice.stream.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.buffer.Buffer;
import io.sluice.error.NodeException;
import io.sluice.loop.EventLoop;
import io.sluice.stream.Readable;
import io.sluice.stream.StreamOptions;
import io.sluice.stream.Writable;
import io.sluice.testing.Must;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-stream-unshift-read-race.js: unshift never causes overlapping
 * {@code _read} calls; an unshift after the EOF push (but before {@code 'end'}) is fine; a push
 * after EOF fails the stream with {@code ERR_STREAM_PUSH_AFTER_EOF} (an {@code 'error'} event in
 * current Node, so no {@code 'end'}); {@code _read} is never called after EOF.
 */
class StreamUnshiftReadRaceTest {

    @Test
    void unshiftDoesNotCauseCollidingReads() {
        List<String> written = new ArrayList<>();
        Must.run(() -> {
            EventLoop loop = EventLoop.current();
            int hwm = 10;
            int chunks = 10;
            Buffer data = Buffer.alloc(chunks * hwm + (hwm + 1) / 2);
            for (int i = 0; i < data.length(); i++) {
                data.set(i, "asdf".charAt(i % 4));
            }
            int[] pos = {0};
            boolean[] pushedNull = {false};
            Writable<Object>[] wref = new Writable[1];
            Readable<?>[] ref = new Readable<?>[1];
            Runnable pushError = () -> {
                ref[0].unshift(Buffer.alloc(1));
                wref[0].end();
                ref[0].on(Readable.ERROR, Must.expectsError("ERR_STREAM_PUSH_AFTER_EOF", NodeException.class,
                        "stream.push() after EOF"));
                ref[0].push(Buffer.alloc(1));
            };
            Readable<Buffer> r = new Readable<>(StreamOptions.create().highWaterMark(hwm)
                    .doRead((Readable<?> self, long n) -> {
                        assertThat(pushedNull[0]).as("_read after null push").isFalse();
                        // Node's test means every third read to be fast, but its counter never
                        // changes (10 % 3 != 0), so every push comes from a timer.
                        boolean fast = chunks % 3 == 0;
                        Buffer c = pos[0] >= data.length() ? null
                                : data.subarray(pos[0], (int) Math.min(pos[0] + n, data.length()));
                        pushedNull[0] = c == null;
                        Runnable doPush = () -> {
                            pos[0] += (int) n;
                            self.push(c);
                            if (c == null) {
                                pushError.run();
                            }
                        };
                        if (fast) {
                            doPush.run();
                        } else {
                            loop.setTimeout(doPush, 1);
                        }
                    }));
            ref[0] = r;
            Writable<Object> w = wref[0] = new Writable<>(StreamOptions.create().doWrite((s, chunk, enc, cb) -> {
                written.add(chunk.toString());
                cb.done();
            }));
            r.on(Readable.END, Must.notCallConsumer());
            r.on(Readable.READABLE, v -> {
                Buffer chunk;
                while ((chunk = r.read(10)) != null) {
                    w.write(chunk);
                    if (chunk.length() > 4) {
                        r.unshift(Buffer.from("1234"));
                    }
                }
            });
            w.on(Writable.FINISH, Must.callConsumer(v -> {
                // Each chunk starts with 1234, then continues the asdf pattern. The first was
                // read before the first unshift, so it lacks the prefix.
                assertThat(written.get(0)).isEqualTo("asdfasdfas");
                char asdf = 'd';
                for (int i = 1; i < written.size(); i++) {
                    String s = written.get(i);
                    assertThat(s.substring(0, 4)).isEqualTo("1234");
                    for (int j = 4; j < s.length(); j++) {
                        assertThat(s.charAt(j)).as("written[%d][%d]", i, j).isEqualTo(asdf);
                        asdf = switch (asdf) {
                            case 'a' -> 's';
                            case 's' -> 'd';
                            case 'd' -> 'f';
                            default -> 'a';
                        };
                    }
                }
            }));
        });
        assertThat(written).hasSize(18);
    }
}
