package io.sluice.stream.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.event.EventEmitter;
import io.sluice.loop.EventLoop;
import io.sluice.stream.Readable;
import io.sluice.stream.StreamOptions;
import io.sluice.stream.Writable;
import io.sluice.testing.Must;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-stream2-push.js: a socket-like source that is started by
 * {@code _read} and stopped when {@code push()} returns false; a reader drains the stream on the
 * next tick and writes whatever it got, so the writer sees exactly the batches the highWaterMark
 * produces.
 */
class Stream2PushTest {

    @Test
    void pushReturnValueStartsAndStopsTheSource() {
        List<Object> written = new ArrayList<>();
        boolean[] ended = {false};
        Must.run(() -> {
            EventLoop loop = EventLoop.current();
            boolean[] reading = {false};
            Readable<String> stream = new Readable<String>(StreamOptions.create().highWaterMark(16).encoding("utf8")
                    .doRead((Readable<?> self, long n) -> reading[0] = true));
            EventEmitter source = new EventEmitter();
            stream.on(Readable.END, v -> ended[0] = true);

            Writable<Object> writer = new Writable<>(StreamOptions.create().decodeStrings(false)
                    .doWrite((s, chunk, enc, cb) -> {
                        written.add(chunk);
                        loop.nextTick(() -> cb.done());
                    }));
            writer.on(Writable.FINISH, Must.callConsumer(v ->
                    assertThat(written).isEqualTo(Collections.nCopies(6, "asdfgasdfgasdfgasdfg"))));

            source.on("data", args -> {
                boolean ret = stream.push(args[0]);
                if (!ret) {
                    // readStop: the "socket" stops; the consumer drains on the next tick.
                    reading[0] = false;
                    loop.nextTick(() -> {
                        Object r = stream.read();
                        if (r != null) {
                            writer.write(r);
                        }
                    });
                }
            });
            source.on("end", args -> stream.push(null));

            int[] set = {0};
            Runnable[] data = new Runnable[1];
            data[0] = () -> {
                for (int i = 0; i < 4; i++) {
                    assertThat(reading[0]).as("reading before chunk %d", i).isTrue();
                    source.emit("data", "asdfg");
                }
                assertThat(reading[0]).isFalse();
                if (set[0]++ < 5) {
                    loop.setTimeout(data[0], 10);
                } else {
                    source.emit("end");
                    assertThat(reading[0]).isFalse();
                    Object last = stream.read();
                    writer.end(last);
                    loop.setTimeout(() -> assertThat(ended[0]).isTrue(), 1);
                }
            };
            reading[0] = true; // readStart()
            data[0].run();
        });
        assertThat(ended[0]).isTrue();
    }
}
