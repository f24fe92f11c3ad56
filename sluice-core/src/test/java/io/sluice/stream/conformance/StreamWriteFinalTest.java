package io.sluice.stream.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.buffer.Buffer;
import io.sluice.loop.EventLoop;
import io.sluice.stream.Callback;
import io.sluice.stream.Stream;
import io.sluice.stream.StreamOptions;
import io.sluice.stream.Writable;
import io.sluice.testing.Must;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-stream-write-final.js: {@code 'finish'} waits for an asynchronous
 * {@code _final} callback, and the hook receives the stream itself (Node's {@code this}).
 */
class StreamWriteFinalTest {

    @Test
    void finishWaitsForFinal() {
        Must.run(() -> {
            boolean[] shutdown = {false};
            Writable<?>[] ref = new Writable<?>[1];
            Runnable fin = Must.call();
            Writable<Object> w = new Writable<>(StreamOptions.create()
                    .doFinal((Stream self, Callback cb) -> {
                        fin.run();
                        assertThat(self).isSameAs(ref[0]);
                        EventLoop.current().setTimeout(() -> {
                            shutdown[0] = true;
                            cb.done();
                        }, 20);
                    })
                    .doWrite((s, chunk, e, cb) -> EventLoop.current().nextTick(() -> cb.done())));
            ref[0] = w;
            w.on(Writable.FINISH, Must.callConsumer(v -> assertThat(shutdown[0]).isTrue()));
            w.write(Buffer.alloc(1));
            w.end(Buffer.alloc(0));
        });
    }
}
