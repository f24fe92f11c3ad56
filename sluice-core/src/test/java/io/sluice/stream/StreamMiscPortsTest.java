package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.buffer.Buffer;
import io.sluice.event.EventEmitter;
import io.sluice.loop.EventLoop;
import io.sluice.testing.EventLog;
import io.sluice.testing.Must;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Several Node files ported as one scenario each, interleaved on one loop as node v20.20.2 ran
 * them (default byte highWaterMark pinned to v20's 16384 for the comparison):
 * test-stream-transform-hwm0.js (A), test-stream-transform-split-objectmode.js,
 * -split-highwatermark.js and test-stream-duplex-props.js (B), test-stream3-cork-uncork.js (C),
 * test-stream-writable-write-writev-finish.js (D), test-stream2-objects.js (E),
 * test-stream-readable-event.js (F, G, H).
 */
class StreamMiscPortsTest {

    @Test
    void scenariosMatchNode() {
        long savedDefault = Streams.getDefaultHighWaterMark(false);
        Streams.setDefaultHighWaterMark(false, 16384);
        EventLog[] logs = new EventLog[1];
        try {
            Must.run(() -> {
                EventLog log = logs[0] = new EventLog();
                EventLoop loop = EventLoop.current();
                // A: hwm 0 transform
                Transform<Object, Object> a = new Transform<>(StreamOptions.create().objectMode(true).highWaterMark(0)
                        .doTransform((s, c, e, cb) -> loop.nextTick(() -> cb.done(null, c))));
                log.log("A write1 " + a.write(1) + " " + a.writableHighWaterMark() + " " + a.readableHighWaterMark());
                a.end(2);
                a.on(Readable.READABLE, v -> {
                    Object x;
                    while ((x = a.read()) != null) {
                        log.log("A read " + x);
                    }
                    log.log("A read null");
                });
                a.on(Readable.END, v -> log.log("A end"));
                // B: per-side options
                Transform<Object, Object> t = new Transform<>(StreamOptions.create().readableObjectMode(true)
                        .doTransform((s, c, e, cb) -> cb.done(null, List.of(((Buffer) c).length()))));
                log.log("B " + t.readableObjectMode() + " " + t.writableObjectMode() + " "
                        + t.readableHighWaterMark() + " " + t.writableHighWaterMark());
                Transform<Object, Object> t2 = new Transform<>(StreamOptions.create().writableObjectMode(true));
                log.log("B2 " + t2.readableObjectMode() + " " + t2.writableObjectMode() + " "
                        + t2.readableHighWaterMark() + " " + t2.writableHighWaterMark());
                Transform<Object, Object> t3 = new Transform<>(StreamOptions.create()
                        .readableHighWaterMark(666).writableHighWaterMark(777));
                log.log("B3 " + t3.readableHighWaterMark() + " " + t3.writableHighWaterMark());
                Transform<Object, Object> t4 = new Transform<>(StreamOptions.create().highWaterMark(555)
                        .readableHighWaterMark(666).writableHighWaterMark(777));
                log.log("B4 " + t4.readableHighWaterMark() + " " + t4.writableHighWaterMark());
                Duplex<Object, Object> d = new Duplex<>(StreamOptions.create().readableObjectMode(true).writableHighWaterMark(100));
                log.log("B5 " + d.readableObjectMode() + " " + d.writableObjectMode() + " "
                        + d.readableHighWaterMark() + " " + d.writableHighWaterMark());
                // C: cork in one tick, uncork in the next
                List<String> got = new ArrayList<>();
                Writable<Object> w = new Writable<>(StreamOptions.create()
                        .doWrite((s, c, e, cb) -> {
                            got.add("w:" + c);
                            cb.done();
                        })
                        .doWritev((Stream s, List<WriteChunk<Object>> cs, Callback cb) -> {
                            StringBuilder sb = new StringBuilder();
                            cs.forEach(x -> sb.append(x.chunk()));
                            got.add("v:" + sb);
                            cb.done();
                        }));
                w.cork();
                w.write("a");
                w.write("b");
                loop.nextTick(() -> {
                    w.uncork();
                    log.log("C " + String.join(" ", got));
                    w.write("c");
                    w.end("d");
                    w.on(Writable.FINISH, v -> log.log("C fin " + String.join(" ", got)));
                });
                // D: a failing writev: error, never prefinish/finish
                Writable<Object> dw = new Writable<>(StreamOptions.create()
                        .doWritev((s, cs, cb) -> cb.done(new RuntimeException("v fail"))));
                dw.on(Writable.PREFINISH, v -> log.log("D prefinish"));
                dw.on(Writable.FINISH, v -> log.log("D finish"));
                dw.on(EventEmitter.ERROR, e -> log.log("D error " + e.getMessage()));
                dw.cork();
                dw.write("a");
                dw.write("b");
                dw.end();
                // E: objectMode counts items; falsy values are data
                Readable<Object> r = new Readable<>(StreamOptions.create().objectMode(true).highWaterMark(6).doRead((s, n) -> {}));
                Boolean[] rets = new Boolean[7];
                for (int i = 0; i < 7; i++) {
                    rets[i] = r.push(i);
                }
                log.log("E " + Arrays.toString(rets).replace(" ", "").replace("[", "").replace("]", "")
                        + " " + r.readableLength() + " " + r.read(100));
                Readable<Object> r2 = new Readable<>(StreamOptions.create().objectMode(true).doRead((s, n) -> {}));
                for (Object v : new Object[] {false, 0, ""}) {
                    r2.push(v);
                }
                r2.push(null);
                List<String> vals = new ArrayList<>();
                r2.on(Readable.DATA, x -> vals.add(x instanceof String s ? "\"" + s + "\"" : String.valueOf(x)));
                r2.on(Readable.END, v -> log.log("E2 " + String.join(",", vals)));
                // F: a late 'readable' listener still fires when data is buffered
                Readable<Object> f = new Readable<>(StreamOptions.create().highWaterMark(3).doRead((s, n) -> {}));
                f.push(Buffer.from("blerg"));
                loop.setTimeout(() -> f.on(Readable.READABLE, v -> log.log("F readable len=" + f.readableLength())), 1);
                // G: ... and at EOF
                Readable<Object> g = new Readable<>(StreamOptions.create().highWaterMark(30).doRead((s, n) -> {}));
                g.push(Buffer.from("bl"));
                g.push(null);
                loop.setTimeout(() -> {
                    g.on(Readable.READABLE, v -> {
                        log.log("G readable ended=" + g.readableLength());
                        g.read();
                    });
                    g.on(Readable.END, v -> log.log("G end"));
                }, 1);
                // H: empty pushes are "not yet", not EOF
                ArrayDeque<String> underlying = new ArrayDeque<>(List.of("a", "b", "", "", "c"));
                Readable<Object> h = new Readable<>(StreamOptions.create().doRead((s, n) -> {
                    String x = underlying.poll();
                    loop.nextTick(() -> s.push(x));
                }));
                List<String> out = new ArrayList<>();
                h.on(Readable.READABLE, v -> {
                    Object c;
                    while ((c = h.read()) != null) {
                        out.add(c.toString());
                    }
                });
                h.on(Readable.END, v -> log.log("H " + String.join("|", out)));
            });
        } finally {
            Streams.setDefaultHighWaterMark(false, savedDefault);
        }
        assertThat(logs[0].entries()).containsExactly(
                "A write1 false 0 0", "B true false 16 16384", "B2 false true 16384 16", "B3 666 777", "B4 555 555",
                "B5 true false 16 100", "E true,true,true,true,true,false,false 7 0", "C v:ab", "A read 1",
                "A read null", "A read 2", "A read null", "C fin v:ab w:c w:d", "D error v fail",
                "E2 false,0,\"\"", "A read null", "A end", "H a|b|c", "F readable len=5", "G readable ended=2", "G end");
    }
}
