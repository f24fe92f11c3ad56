package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.event.EventEmitter;
import io.sluice.loop.EventLoop;
import io.sluice.testing.EventLog;
import io.sluice.testing.Must;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Ports of the pipe conformance files, all interleaved on one loop exactly as node v20.20.2 ran
 * the equivalent script: test-stream-pipe-error-handling.js and test-stream2-pipe-error-handling.js
 * (A, B: a source error is not forwarded; a dest error unpipes first and leaves the source
 * paused), test-stream-pipe-unpipe-streams.js (C), test-stream-pipe-same-destination-twice.js (D),
 * test-stream-pipe-after-end.js (E), test-stream-pipe-flow-after-unpipe.js (F),
 * test-stream-passthrough-drain.js (G), and {@code end: false} (H).
 */
class StreamPipeBehaviourTest {

    private static Writable<Object> sink(List<String> got) {
        return new Writable<>(StreamOptions.create().doWrite((s, c, e, cb) -> {
            got.add(c.toString());
            cb.done();
        }));
    }

    @Test
    void pipeScenariosMatchNode() {
        EventLog[] logs = new EventLog[1];
        Must.run(() -> {
            EventLog log = logs[0] = new EventLog();
            EventLoop loop = EventLoop.current();
            // A
            Readable<Object> srcA = new Readable<>(StreamOptions.create().doRead((s, n) -> {}));
            Writable<Object> destA = sink(new ArrayList<>());
            srcA.on(EventEmitter.ERROR, e -> log.log("A src error " + e.getMessage()));
            srcA.pipe(destA);
            srcA.destroy(new RuntimeException("src fail"));
            loop.setImmediate(() -> log.log("A dest destroyed=" + destA.destroyed() + " ended=" + destA.writableEnded()));
            // B
            Readable<Object> srcB = new Readable<>(StreamOptions.create().doRead((s, n) -> {}));
            Writable<Object> destB = new Writable<>(StreamOptions.create()
                    .doWrite((s, c, e, cb) -> cb.done(new RuntimeException("dest fail"))));
            destB.on(Writable.UNPIPE, s -> log.log("B unpipe " + (s == srcB)));
            destB.on(EventEmitter.ERROR, e -> log.log("B dest error " + e.getMessage()));
            srcB.pipe(destB);
            srcB.push("x");
            loop.setImmediate(() -> log.log("B src flowing=" + srcB.readableFlowing() + " destroyed=" + srcB.destroyed()
                    + " pipes=" + srcB.r.pipes.size()));
            // C
            Readable<Object> srcC = new Readable<>(StreamOptions.create().doRead((s, n) -> {}));
            PassThrough<Object> d1 = new PassThrough<>();
            PassThrough<Object> d2 = new PassThrough<>();
            srcC.pipe(d1);
            srcC.pipe(d2);
            d1.on(Writable.UNPIPE, s -> log.log("C unpipe d1"));
            d2.on(Writable.UNPIPE, s -> log.log("C unpipe d2"));
            srcC.unpipe(d2);
            srcC.unpipe(d1);
            log.log("C flowing=" + srcC.readableFlowing() + " pipes=" + srcC.r.pipes.size());
            srcC.pipe(d1);
            srcC.pipe(d2);
            srcC.unpipe();
            log.log("C2 flowing=" + srcC.readableFlowing() + " data=" + srcC.listenerCount("data")
                    + " end=" + srcC.listenerCount("end"));
            // D
            Readable<Object> srcD = new Readable<>(StreamOptions.create().doRead((s, n) -> {}));
            List<String> gotD = new ArrayList<>();
            Writable<Object> destD = sink(gotD);
            srcD.pipe(destD);
            srcD.pipe(destD);
            srcD.push("a");
            loop.setImmediate(() -> {
                log.log("D got " + String.join(",", gotD) + " pipes=" + srcD.r.pipes.size());
                srcD.unpipe(destD);
                log.log("D after unpipe pipes=" + srcD.r.pipes.size() + " data=" + srcD.listenerCount("data"));
            });
            // E
            Readable<Object> srcE = new Readable<>(StreamOptions.create().doRead((s, n) -> s.push(null)));
            srcE.resume();
            srcE.on(Readable.END, v -> loop.setImmediate(() -> {
                Writable<Object> destE = sink(new ArrayList<>());
                destE.on(Writable.FINISH, x -> log.log("E dest finish"));
                srcE.pipe(destE);
            }));
            // F
            Readable<Object> srcF = new Readable<>(StreamOptions.create().highWaterMark(1).doRead((s, n) -> {}));
            int[] n = {0};
            Writable<Object> stuck = new Writable<>(StreamOptions.create().highWaterMark(1).doWrite((s, c, e, cb) -> n[0]++));
            srcF.pipe(stuck);
            srcF.push("a");
            srcF.push("b");
            srcF.push("c");
            loop.setImmediate(() -> {
                log.log("F before paused=" + srcF.isPaused() + " n=" + n[0]);
                srcF.unpipe(stuck);
                List<String> got = new ArrayList<>();
                srcF.on(Readable.DATA, d -> got.add(d.toString()));
                loop.setImmediate(() -> log.log("F after " + String.join(",", got)));
            });
            // G
            PassThrough<Object> pt = new PassThrough<>(StreamOptions.create().highWaterMark(2));
            int[] drains = {0};
            pt.on(Writable.DRAIN, v -> {
                drains[0]++;
                log.log("G drain");
            });
            log.log("G write " + pt.write("abc"));
            log.log("G write2 " + pt.write("def"));
            pt.read();
            loop.setImmediate(() -> {
                pt.read();
                loop.setImmediate(() -> log.log("G drains " + drains[0]));
            });
            // H
            Readable<Object> srcH = new Readable<>(StreamOptions.create().doRead((s, x) -> s.push(null)));
            PassThrough<Object> destH = new PassThrough<>();
            srcH.pipe(destH, false);
            srcH.on(Readable.END, v -> loop.setImmediate(() -> log.log("H dest ended=" + destH.writableEnded())));
        });
        assertThat(logs[0].entries()).containsExactly(
                "C unpipe d2", "C unpipe d1", "C flowing=false pipes=0", "C unpipe d1", "C unpipe d2",
                "C2 flowing=false data=0 end=0", "G write false", "G write2 false", "A src error src fail",
                "G drain", "B unpipe true", "B dest error dest fail", "A dest destroyed=false ended=false",
                "B src flowing=false destroyed=false pipes=0", "D got a,a pipes=2", "D after unpipe pipes=1 data=1",
                "F before paused=true n=1", "E dest finish", "H dest ended=false", "F after ", "G drains 1");
    }

    /** test-stream-pipe-error-handling.js: a dest error with no other listener is rethrown. */
    @Test
    void destErrorWithoutListenerIsThrown() {
        RuntimeException[] thrown = new RuntimeException[1];
        try {
            Must.run(() -> {
                Readable<Object> src = new Readable<>(StreamOptions.create().doRead((s, n) -> {}));
                Writable<Object> dest = new Writable<>(StreamOptions.create()
                        .doWrite((s, c, e, cb) -> cb.done(new IllegalStateException("no handler"))));
                src.pipe(dest);
                src.push("x");
            });
        } catch (RuntimeException e) {
            thrown[0] = e;
        }
        assertThat(thrown[0]).isInstanceOf(IllegalStateException.class).hasMessage("no handler");
    }
}
