package io.sluice.stream.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.buffer.Buffer;
import io.sluice.loop.EventLoop;
import io.sluice.stream.StreamOptions;
import io.sluice.stream.Writable;
import io.sluice.testing.Must;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Port of test/parallel/test-stream3-cork-uncork.js: chunks written (one per immediate) while
 * corked reach {@code _write} (encoding 'buffer') only when {@code uncork()} is called, and then
 * all of them within that call; the stream is not ended by it. The adversarial variant writes
 * one-byte chunks.
 */
class Stream3CorkUncorkTest {

    @ParameterizedTest(name = "one-byte chunks: {0}")
    @ValueSource(booleans = {false, true})
    void uncorkFlushesInTheSameTick(boolean oneByte) {
        List<String> expectedChunks = oneByte ? List.of("p", "l", "e", "a") : List.of("please", "buffer", "me", "kindly");
        Must.run(() -> {
            EventLoop loop = EventLoop.current();
            List<Buffer> seenChunks = new ArrayList<>();
            boolean[] seenEnd = {false};
            Writable<Object> w = new Writable<>(StreamOptions.create().doWrite((s, chunk, enc, cb) -> {
                assertThat(enc).isEqualTo("buffer"); // the default, since none was given
                seenChunks.add((Buffer) chunk);
                cb.done();
            }));
            w.on(Writable.FINISH, v -> seenEnd[0] = true);

            w.write("stuff");
            assertThat(seenChunks).hasSize(1); // the write was immediate
            seenChunks.clear();
            w.cork();

            ArrayDeque<String> remaining = new ArrayDeque<>(expectedChunks);
            Runnable afterWrites = Must.call(() -> {
                assertThat(seenChunks).isEmpty();
                w.uncork();
                // Buffered chunks are seen synchronously, inside uncork().
                assertThat(seenChunks).hasSize(4);
                for (int i = 0; i < expectedChunks.size(); i++) {
                    assertThat((Object) seenChunks.get(i)).isEqualTo(Buffer.from(expectedChunks.get(i)));
                }
                loop.setImmediate(() -> assertThat(seenEnd[0]).isFalse());
            });
            Runnable[] writeChunks = new Runnable[1];
            writeChunks[0] = () -> {
                String chunk = remaining.poll();
                if (chunk == null) {
                    afterWrites.run();
                    return;
                }
                loop.setImmediate(() -> {
                    assertThat(w.write(chunk)).isTrue(); // not told to stop
                    writeChunks[0].run();
                });
            };
            writeChunks[0].run();
        });
    }
}
