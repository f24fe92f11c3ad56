package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.event.EventEmitter;
import io.sluice.loop.EventLoop;
import io.sluice.testing.EventLog;
import io.sluice.testing.Must;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-stream-duplex-destroy.js together with test-stream-duplex-end.js and
 * the readable/writable:false options. The indexed destroy test is pre-v20 (it expected 'end' and
 * 'finish' after destroy); the expected log below is node v20.20.2's output for the same
 * scenarios, all interleaved on one loop exactly as node ran them.
 */
class StreamDuplexDestroyTest {

    private static Duplex<Object, Object> mk(EventLog log, String name, UnaryOperator<StreamOptions> extra) {
        Duplex<Object, Object> d = new Duplex<>(extra.apply(StreamOptions.create()
                .doWrite((s, c, e, cb) -> cb.done())
                .doRead((s, n) -> {})));
        d.on(Readable.END, v -> log.log(name + ":end"));
        d.on(Writable.FINISH, v -> log.log(name + ":finish"));
        d.on(EventEmitter.ERROR, e -> log.log(name + ":error(" + e.getMessage() + ")"));
        d.on(Stream.CLOSE, v -> log.log(name + ":close"));
        return d;
    }

    @Test
    void destroyMatrixAndHalfOpen() {
        EventLog[] logs = new EventLog[1];
        Must.run(() -> {
            EventLog log = logs[0] = new EventLog();
            Duplex<Object, Object> a = mk(log, "A", o -> o);
            a.resume();
            a.destroy();
            log.log("A:" + a.destroyed() + ":" + a.readable() + ":" + a.writable());

            Duplex<Object, Object> b = mk(log, "B", o -> o);
            b.resume();
            b.destroy(new RuntimeException("kaboom"));

            Duplex<Object, Object> c = mk(log, "C", o -> o.doDestroy((s, err, cb) -> {
                log.log("C:hook " + err.getMessage());
                cb.done();
            }));
            c.resume();
            c.destroy(new RuntimeException("kaboom"));

            Duplex<Object, Object> d = mk(log, "D", o -> o.doDestroy((Duplex<Object, Object> s, Throwable err, Callback cb) ->
                    EventLoop.current().nextTick(() -> {
                        s.push(null);
                        s.end();
                        cb.done();
                    })));
            d.resume();
            d.destroy();

            Duplex<Object, Object> e = mk(log, "E", o -> o.doDestroy((s, err, cb) -> cb.done(new RuntimeException("kaboom"))));
            e.destroy();

            Duplex<Object, Object> f = mk(log, "F", o -> o);
            f.write("x");
            f.end();
            f.push(null);
            f.resume();

            Duplex<Object, Object> g = mk(log, "G", o -> o.allowHalfOpen(false));
            g.push(null);
            g.resume();

            Duplex<Object, Object> h = mk(log, "H", o -> o);
            h.push(null);
            h.resume();
            EventLoop.current().setImmediate(() -> {
                log.log("H:writable=" + h.writable() + " closed=" + h.closed());
                h.end();
            });

            Duplex<Object, Object> i = mk(log, "I", o -> o.readable(false));
            log.log("I:" + i.readable() + ":" + i.readableEnded() + ":" + i.writable());
            i.end();

            Duplex<Object, Object> j = mk(log, "J", o -> o.writable(false));
            log.log("J:" + j.readable() + ":" + j.writableFinished() + ":" + j.writable() + ":" + j.writableEnded());
            j.push(null);
            j.resume();
        });
        assertThat(logs[0].entries()).containsExactly(
                "A:true:false:false", "C:hook kaboom", "I:false:true:true", "J:true:true:false:true",
                "A:close", "B:error(kaboom)", "B:close", "C:close", "E:error(kaboom)", "E:close",
                "F:finish", "I:finish", "D:close", "F:end", "G:end", "H:end", "I:close", "J:end",
                "F:close", "J:close", "G:finish", "G:close", "H:writable=true closed=false", "H:finish", "H:close");
    }
}
