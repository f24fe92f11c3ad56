package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.error.NodeError;
import io.sluice.event.EventEmitter;
import io.sluice.loop.EventLoop;
import io.sluice.testing.EventLog;
import io.sluice.testing.Must;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-stream-construct.js: doConstruct runs on the next tick, before any
 * doRead/doWrite/doFinal/doDestroy; errors (called back or thrown) destroy the stream; a second
 * callback is ERR_MULTIPLE_CALLBACK; a destroy() during construction waits for it. All scenarios
 * on one loop; the expected interleaving is node v20.20.2's.
 */
class StreamConstructTest {

    private static String code(Throwable e) {
        return e instanceof NodeError ne ? ne.code() : e.getMessage();
    }

    /**
     * Writes corked before construction completes wait for it, even when end() uncorks meanwhile
     * (Node's clearBuffer returns while !constructed). Sluice once handed them to doWrite during
     * construction: a file stream failed them all and left its file empty. Trace from node v20.20.2.
     */
    @Test
    void corkedWritesDuringConstructionWaitForIt() {
        java.util.List<String> log = new java.util.ArrayList<>();
        Must.run(() -> {
            EventLoop loop = EventLoop.current();
            Writable<Object> w = new Writable<>(StreamOptions.create()
                    .doConstruct((s, cb) -> {
                        log.add("construct");
                        loop.setImmediate(cb::done);
                    })
                    .doWrite((s, c, e, cb) -> {
                        log.add("write " + c);
                        cb.done();
                    })
                    .doFinal((s, cb) -> {
                        log.add("final");
                        cb.done();
                    }));
            w.cork();
            log.add("ret " + w.write("a"));
            log.add("ret " + w.write("b"));
            w.end(err -> log.add("end cb " + err));
            w.on(Writable.FINISH, v -> log.add("finish"));
            w.on(Stream.CLOSE, v -> log.add("close"));
        });
        assertThat(log).containsExactly("ret true", "ret true", "construct", "write a", "write b", "final",
                "end cb null", "finish", "close");
    }

    @Test
    void constructOrderMatchesNode() {
        EventLog[] logs = new EventLog[1];
        Must.run(() -> {
            EventLog log = logs[0] = new EventLog();
            EventLoop loop = EventLoop.current();
            Writable<Object> a = new Writable<>(StreamOptions.create()
                    .doConstruct((s, cb) -> {
                        log.log("A construct");
                        loop.setImmediate(cb::done);
                    })
                    .doWrite((s, c, e, cb) -> {
                        log.log("A write " + c);
                        cb.done();
                    })
                    .doFinal((s, cb) -> {
                        log.log("A final");
                        cb.done();
                    })
                    .doDestroy((s, err, cb) -> {
                        log.log("A destroy");
                        cb.done(err);
                    }));
            log.log("A write ret " + a.write("x"));
            a.end();
            a.on(Writable.FINISH, v -> log.log("A finish"));
            a.on(Stream.CLOSE, v -> log.log("A close"));

            Readable<Object> b = new Readable<>(StreamOptions.create()
                    .doConstruct((s, cb) -> {
                        log.log("B construct");
                        loop.nextTick(cb::done);
                    })
                    .doRead((s, n) -> {
                        log.log("B read");
                        s.push(null);
                    }));
            b.on(Readable.DATA, d -> {});
            b.on(Readable.END, v -> log.log("B end"));

            Readable<Object> b2 = new Readable<>(StreamOptions.create()
                    .doConstruct((s, cb) -> cb.done(new RuntimeException("B2 fail")))
                    .doRead((s, n) -> log.log("B2 read")));
            b2.on(EventEmitter.ERROR, e -> log.log("B2 error " + e.getMessage()));
            b2.on(Stream.CLOSE, v -> log.log("B2 close"));
            b2.resume();

            Readable<Object> b3 = new Readable<>(StreamOptions.create()
                    .doConstruct((s, cb) -> {
                        throw new RuntimeException("B3 throw");
                    })
                    .doRead((s, n) -> {}));
            b3.on(EventEmitter.ERROR, e -> log.log("B3 error " + e.getMessage()));

            Readable<Object> b4 = new Readable<>(StreamOptions.create()
                    .doConstruct((s, cb) -> {
                        cb.done();
                        cb.done();
                    })
                    .doRead((s, n) -> {}));
            b4.on(EventEmitter.ERROR, e -> log.log("B4 error " + code(e)));

            Readable<Object> c = new Readable<>(StreamOptions.create()
                    .doConstruct((s, cb) -> {
                        log.log("C construct");
                        loop.setImmediate(() -> {
                            log.log("C construct done");
                            cb.done();
                        });
                    })
                    .doRead((s, n) -> {})
                    .doDestroy((s, err, cb) -> {
                        log.log("C destroy " + (err == null ? null : err.getMessage()));
                        cb.done(err);
                    }));
            c.on(EventEmitter.ERROR, e -> log.log("C error " + e.getMessage()));
            c.on(Stream.CLOSE, v -> log.log("C close"));
            c.destroy(new RuntimeException("early"));
            log.log("C destroyed " + c.destroyed());

            Duplex<Object, Object> d = new Duplex<>(StreamOptions.create()
                    .doConstruct((s, cb) -> {
                        log.log("D construct");
                        loop.setImmediate(cb::done);
                    })
                    .doRead((s, n) -> {
                        log.log("D read");
                        s.push(null);
                    })
                    .doWrite((s, ch, e, cb) -> {
                        log.log("D write " + ch);
                        cb.done();
                    }));
            d.write("y");
            d.end();
            d.resume();
            d.on(Stream.CLOSE, v -> log.log("D close"));
        });
        assertThat(logs[0].entries()).containsExactly(
                "A write ret true", "C destroyed true", "A construct", "B construct", "C construct", "D construct",
                "B2 error B2 fail", "B2 close", "B3 error B3 throw", "B4 error ERR_MULTIPLE_CALLBACK",
                "B read", "B end", "A write x", "A final", "A finish", "A destroy", "A close",
                "C construct done", "C destroy early", "C error early", "C close",
                "D write y", "D read", "D close");
    }

    /** A subclass overriding doConstruct is detected without any option. */
    @Test
    void overriddenConstructIsUsed() {
        EventLog[] logs = new EventLog[1];
        Must.run(() -> {
            EventLog log = logs[0] = new EventLog();
            Readable<Object> r = new Readable<>() {
                @Override
                protected void doConstruct(Callback callback) {
                    log.log("construct");
                    callback.done();
                }

                @Override
                protected void doRead(long size) {
                    log.log("read");
                    push(null);
                }
            };
            r.resume();
            log.log("sync");
        });
        assertThat(logs[0].phases()).containsExactly("sync: sync", "tick: construct", "tick: read");
    }
}
