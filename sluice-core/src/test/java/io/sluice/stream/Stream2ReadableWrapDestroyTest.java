package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.event.EventEmitter;
import io.sluice.testing.Must;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-stream2-readable-wrap-destroy.js: the old stream's 'destroy' and
 * 'close' events destroy the wrapping stream (its destroy hook runs once, without an error),
 * even with autoDestroy off. As in Node's file, both blocks share one old stream, so the second
 * 'close' also reaches the first wrapper, which is already destroyed and ignores it.
 *
 * <p>node v20.20.2, the same blocks with a log: {@code d1 null | r1 destroyed true | d2 null |
 * r2 destroyed true} (the hooks never call back, so no 'close' follows).
 */
class Stream2ReadableWrapDestroyTest {

    @Test
    void oldStreamDestroyAndCloseDestroyTheWrapper() {
        List<String> log = new ArrayList<>();
        Must.run(() -> {
            EventEmitter oldStream = new EventEmitter();
            Runnable pause = () -> { };
            Runnable resume = () -> { };

            Runnable destroyed1 = Must.call();
            Readable<Object> r1 = new Readable<>(StreamOptions.create().autoDestroy(false)
                    .doDestroy((Readable<Object> self, Throwable err, Callback cb) -> {
                        destroyed1.run();
                        log.add("d1 " + err);
                    }));
            r1.wrap(oldStream, pause, resume);
            r1.onClose(() -> log.add("r1close"));
            oldStream.emit("destroy");
            log.add("r1 destroyed " + r1.destroyed());

            Runnable destroyed2 = Must.call();
            Readable<Object> r2 = new Readable<>(StreamOptions.create().autoDestroy(false)
                    .doDestroy((Readable<Object> self, Throwable err, Callback cb) -> {
                        destroyed2.run();
                        log.add("d2 " + err);
                    }));
            r2.wrap(oldStream, pause, resume);
            r2.onClose(() -> log.add("r2close"));
            oldStream.emit("close");
            log.add("r2 destroyed " + r2.destroyed());
        });
        assertThat(log).containsExactly("d1 null", "r1 destroyed true", "d2 null", "r2 destroyed true");
    }
}
