package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.event.EventEmitter;
import io.sluice.loop.EventLoop;
import io.sluice.testing.Must;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-stream-pipe-cleanup.js: pipe() leaves no listeners behind. Node's
 * file exercises the legacy {@code Stream.prototype.pipe}, which Sluice does not have; this port
 * asserts the same property for {@code Readable.pipe}, with listener counts taken from node
 * v20.20.2 running the same scenario.
 */
class StreamPipeCleanupTest {

    private static Writable<Object> sink() {
        return new Writable<>(StreamOptions.create().doWrite((s, c, e, cb) -> cb.done()));
    }

    private static String counts(EventEmitter e, String... events) {
        List<String> out = new ArrayList<>();
        for (String ev : events) {
            out.add(String.valueOf(e.listenerCount(ev)));
        }
        return String.join(":", out);
    }

    @Test
    void chainRemovesAllListenersAfterEnd() {
        List<String> seen = new ArrayList<>();
        Must.run(() -> {
            Readable<Object> r = new Readable<>(StreamOptions.create().doRead((s, n) -> {}));
            PassThrough<Object> d = new PassThrough<>();
            Writable<Object> w = sink();
            r.pipe(d);
            d.pipe(w);
            seen.add("r " + counts(r, "end", "data", "close", "error"));
            seen.add("d " + counts(d, "end", "data", "close", "finish", "error", "unpipe", "drain"));
            seen.add("w " + counts(w, "close", "finish", "error", "unpipe", "drain"));
            r.push("x");
            r.push(null);
            w.on(Stream.CLOSE, Must.callConsumer(v -> {
                seen.add("r " + counts(r, "end", "data", "close", "error"));
                seen.add("d " + counts(d, "end", "data", "close", "finish", "error", "unpipe", "drain"));
                seen.add("w " + counts(w, "close", "finish", "error", "unpipe", "drain"));
            }));
        });
        assertThat(seen).containsExactly(
                "r 1:1:0:0", "d 1:1:1:1:1:1:0", "w 1:1:1:1:0",
                "r 0:0:0:0", "d 0:0:0:0:0:0:0", "w 1:0:0:0:0");
    }

    @Test
    void manySourcesIntoOneUnfinishedDest() {
        List<String> seen = new ArrayList<>();
        Must.run(() -> {
            int[] ends = {0};
            Writable<Object> w2 = new Writable<>(StreamOptions.create().doWrite((s, c, e, cb) -> cb.done())) {
                @Override
                public Writable<Object> end() {
                    ends[0]++; // never actually ends, as the node scenario overrides end()
                    return this;
                }
            };
            w2.setMaxListeners(0);
            for (int i = 0; i < 10; i++) {
                Readable<Object> r2 = new Readable<>(StreamOptions.create().doRead((s, n) -> {}));
                r2.pipe(w2);
                r2.push(null);
                r2.resume();
            }
            EventLoop.current().setImmediate(() ->
                    seen.add(counts(w2, "close", "finish", "error", "unpipe") + ":" + ends[0]));
        });
        assertThat(seen).containsExactly("10:10:10:10:10");
    }

    @Test
    void destinationsLeavingAndUnpipeAll() {
        List<String> seen = new ArrayList<>();
        Must.run(() -> {
            Readable<Object> r3 = new Readable<>(StreamOptions.create().doRead((s, n) -> {}));
            List<Writable<Object>> ws = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Writable<Object> w3 = sink();
                ws.add(w3);
                r3.pipe(w3);
            }
            seen.add(counts(r3, "data", "end") + ":" + r3.r.pipes.size());
            ws.get(0).destroy();
            ws.get(1).end();
            EventLoop.current().setImmediate(() -> {
                seen.add(counts(r3, "data", "end") + ":" + r3.r.pipes.size() + ":"
                        + ws.get(0).listenerCount("close") + ":" + ws.get(1).listenerCount("finish"));
                r3.unpipe();
                seen.add(counts(r3, "data", "end") + ":" + r3.r.pipes.size() + ":" + r3.readableFlowing() + ":"
                        + counts(ws.get(2), "unpipe", "error"));
            });
        });
        assertThat(seen).containsExactly("5:5:5", "3:3:3:0:0", "0:0:0:false:0:0");
    }
}
