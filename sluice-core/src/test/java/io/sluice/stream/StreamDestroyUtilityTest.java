package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.error.NodeError;
import io.sluice.event.EventEmitter;
import io.sluice.testing.EventLog;
import io.sluice.testing.Must;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-stream-destroy.js (the {@code stream.destroy()} utility; no http
 * parts) and of the state probes {@code isReadable}, {@code isWritable}, {@code isErrored},
 * {@code isDisturbed}, {@code isDestroyed}; expected output is node v20.20.2's. Node answers
 * {@code null} for "not that kind of stream"; Java answers false.
 */
class StreamDestroyUtilityTest {

    private static String code(Throwable e) {
        return e instanceof NodeError ne ? ne.code() : e.getMessage();
    }

    @Test
    void destroyUtilityAndProbes() {
        EventLog[] logs = new EventLog[1];
        Must.run(() -> {
            EventLog log = logs[0] = new EventLog();
            Readable<Object> a = new Readable<>(StreamOptions.create().doRead((s, n) -> {}));
            a.on(EventEmitter.ERROR, e -> log.log("A error " + code(e) + " " + e.getClass().getSimpleName()));
            a.on(Stream.CLOSE, v -> log.log("A close"));
            Streams.destroy(a);
            log.log("A destroyed " + a.destroyed());

            Writable<Object> b = new Writable<>(StreamOptions.create().doWrite((s, c, e, cb) -> cb.done()));
            b.on(EventEmitter.ERROR, e -> log.log("B error " + e.getMessage()));
            b.on(Stream.CLOSE, v -> log.log("B close"));
            Streams.destroy(b, new RuntimeException("mine"));

            Readable<Object> c = new Readable<>(StreamOptions.create().doRead((s, n) -> s.push(null)));
            c.resume();
            c.on(Readable.END, v -> {
                Streams.destroy(c); // finished: no AbortError
                log.log("C after end destroyed " + c.destroyed());
            });
            c.on(EventEmitter.ERROR, e -> log.log("C error " + code(e)));
            c.on(Stream.CLOSE, v -> log.log("C close"));

            Readable<Object> d = new Readable<>(StreamOptions.create().doRead((s, n) -> {}));
            log.log("D " + Streams.isReadable(d) + " " + Streams.isDisturbed(d) + " " + Streams.isErrored(d) + " "
                    + Streams.isDestroyed(d));
            d.push("x");
            d.read();
            log.log("D2 " + Streams.isDisturbed(d));
            d.on(EventEmitter.ERROR, e -> log.log("D4 " + Streams.isErrored(d) + " " + Streams.isReadable(d)));
            d.destroy(new RuntimeException("x"));
            log.log("D3 " + Streams.isErrored(d) + " " + Streams.isReadable(d) + " " + Streams.isDestroyed(d));
            Writable<Object> w = new Writable<>(StreamOptions.create().doWrite((s, ch, e, cb) -> cb.done()));
            log.log("E " + Streams.isWritable(w) + " " + Streams.isReadable(w));
            w.end();
            log.log("E2 " + Streams.isWritable(w));
            Duplex<Object, Object> dx = new Duplex<>(StreamOptions.create().doRead((s, n) -> {}).doWrite((s, ch, e, cb) -> cb.done()));
            log.log("F " + Streams.isReadable(dx) + " " + Streams.isWritable(dx));
        });
        assertThat(logs[0].entries()).containsExactly(
                "A destroyed true", "D true false false false", "D2 true", "D3 false false true", "E true false",
                "E2 false", "F true true", "A error ABORT_ERR AbortException", "A close", "B error mine", "B close",
                "D4 true false", "C after end destroyed true", "C close");
    }
}
