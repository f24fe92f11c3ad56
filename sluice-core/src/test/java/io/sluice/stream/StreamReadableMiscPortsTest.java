package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.buffer.Buffer;
import io.sluice.error.NodeError;
import io.sluice.event.EventEmitter;
import io.sluice.loop.EventLoop;
import io.sluice.testing.EventLog;
import io.sluice.testing.Must;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Ports run as one scenario and compared with node v20.20.2's output for the same script:
 * test-stream-readable-unshift.js (A), test-stream-readable-setEncoding-existing-buffers.js (B),
 * test-stream-readable-error-end.js (C), test-stream-decoder-objectmode.js (D),
 * test-stream-transform-flush-data.js (E), test-stream-writable-end-cb-error.js (F, G).
 */
class StreamReadableMiscPortsTest {

    private static String code(Throwable e) {
        return e instanceof NodeError ne ? ne.code() : e.getMessage();
    }

    private static String q(Object s) {
        return s == null ? "null" : "\"" + s + "\"";
    }

    @Test
    void scenariosMatchNode() {
        EventLog[] logs = new EventLog[1];
        Must.run(() -> {
            EventLog log = logs[0] = new EventLog();
            StreamOptions idle = StreamOptions.create().doRead((s, n) -> {});
            // A
            Readable<Object> r = new Readable<>(idle);
            r.push("world");
            r.unshift("hello ", null);
            log.log("A " + r.read());
            Readable<Object> r2 = new Readable<>(StreamOptions.create().encoding("utf8").doRead((s, n) -> {}));
            r2.push("abc");
            r2.unshift("ZZ", "utf8");
            r2.unshift(Buffer.from("YY"));
            log.log("A2 " + r2.read());
            Readable<Object> r3 = new Readable<>(idle);
            r3.unshift("6869", "hex");
            r3.unshift("aGk=", "base64");
            log.log("A3 " + r3.read());
            Readable<Object> r4 = new Readable<>(StreamOptions.create().objectMode(true).doRead((s, n) -> {}));
            Map<String, Integer> obj = Map.of("x", 1);
            r4.push(1);
            r4.unshift(0);
            r4.unshift(obj);
            log.log("A4 " + (r4.read() == obj) + "," + r4.read() + "," + r4.read());
            // B
            Readable<Object> b = new Readable<>(idle);
            b.push(Buffer.from("a"));
            b.push(Buffer.from("b"));
            log.log("B " + q(b.setEncoding("utf8").read()));
            Readable<Object> b2 = new Readable<>(idle);
            Buffer emoji = Buffer.from("🎉");
            for (int i = 0; i < 4; i++) {
                b2.push(emoji.subarray(i, i + 1));
            }
            Readable<String> b2s = b2.setEncoding("utf8");
            log.log("B2 " + q(b2s.read()) + " " + b2s.readableLength());
            Readable<Object> b3 = new Readable<>(idle);
            b3.push(emoji.subarray(0, 2));
            Readable<String> b3s = b3.setEncoding("utf8");
            log.log("B3 " + b3s.readableLength() + " " + q(b3s.read()));
            b3s.push(emoji.subarray(2, 4));
            log.log("B3b " + q(b3s.read()));
            // C
            Readable<Object> c = new Readable<>(idle);
            c.push("a");
            c.push(null);
            c.on(Readable.END, v -> log.log("C end"));
            c.on(EventEmitter.ERROR, e -> log.log("C error " + e.getMessage()));
            c.destroy(new RuntimeException("late"));
            // D
            Readable<Object> d = new Readable<>(StreamOptions.create().objectMode(true).encoding("utf8").doRead((s, n) -> {}));
            d.push("abc");
            d.push("def");
            d.push(null);
            log.log("D " + d.read() + " " + d.read() + " " + d.read());
            // E
            Transform<Object, Object> t = new Transform<>(StreamOptions.create()
                    .doTransform((s, ch, e, cb) -> cb.done())
                    .doFlush((s, cb) -> cb.done(null, "END")));
            t.end("x");
            t.on(Readable.DATA, x -> log.log("E data " + x));
            // F
            Writable<Object> f = new Writable<>(StreamOptions.create()
                    .doWrite((s, ch, e, cb) -> EventLoop.current().setImmediate(() -> cb.done(new RuntimeException("wfail")))));
            f.on(EventEmitter.ERROR, e -> log.log("F error " + e.getMessage()));
            f.write("x");
            f.end(e -> log.log("F end1 " + (e == null ? null : e.getMessage())));
            f.end(e -> log.log("F end2 " + (e == null ? null : e.getMessage())));
            // G
            Writable<Object> g = new Writable<>(StreamOptions.create()
                    .doWrite((s, ch, e, cb) -> EventLoop.current().setImmediate(cb::done)));
            g.on(EventEmitter.ERROR, e -> log.log("G error " + code(e)));
            g.write("x");
            g.end();
            g.end("y", e -> log.log("G end " + code(e)));
        });
        assertThat(logs[0].entries()).containsExactly(
                "A hello world", "A2 YYZZabc", "A3 hihi", "A4 true,0,1", "B \"ab\"", "B2 \"🎉\" 0", "B3 0 null",
                "B3b \"🎉\"", "D abc def null", "C error late", "E data END", "G error ERR_STREAM_WRITE_AFTER_END",
                "G end ERR_STREAM_WRITE_AFTER_END", "F end1 wfail", "F end2 wfail", "F error wfail");
    }
}
