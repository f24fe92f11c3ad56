package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.error.AbortException;
import io.sluice.event.AbortController;
import io.sluice.event.EventEmitter;
import io.sluice.testing.Must;
import java.util.List;
import org.junit.jupiter.api.Test;

/** compose, Duplex.from, duplexPair and addAbortSignal (test-stream-compose.js, test-stream-duplex-from.js, test-stream-duplexpair.js). */
class StreamComposeDuplexTest {

    private static Transform<Object, Object> upper() {
        return new Transform<>(StreamOptions.create().objectMode(true).doTransform(
                (Transform<Object, Object> s, Object c, String e, TransformCallback<Object> cb) -> cb.done(null, c.toString().toUpperCase())));
    }

    @Test
    void composeWritesIntoFirstReadsFromLast() {
        Must.run(() -> {
            Transform<Object, Object> exclaim = new Transform<>(StreamOptions.create().objectMode(true).doTransform(
                    (Transform<Object, Object> s, Object c, String e, TransformCallback<Object> cb) -> cb.done(null, c + "!")));
            Duplex<Object, Object> d = Pipelines.compose(upper(), exclaim);
            d.write("a");
            d.end("b");
            Operators.toList(d).thenAccept(Must.callConsumer(l -> assertThat(l).containsExactly("A!", "B!")));
        });
    }

    @Test
    void composeStageErrorDestroysDuplex() {
        Must.run(() -> {
            RuntimeException boom = new RuntimeException("stage");
            Transform<Object, Object> bad = new Transform<>(StreamOptions.create().objectMode(true).doTransform(
                    (Transform<Object, Object> s, Object c, String e, TransformCallback<Object> cb) -> cb.done(boom)));
            Duplex<Object, Object> d = Pipelines.compose(upper(), bad);
            d.on(EventEmitter.ERROR, Must.callConsumer(e -> assertThat(e).isSameAs(boom)));
            d.resume();
            d.write("x");
        });
    }

    @Test
    void duplexFromIterableFunctionAndPair() {
        Must.run(() -> {
            Duplex<Object, Object> ro = Duplexes.from(List.of(1, 2));
            assertThat(ro.writable()).isFalse();
            Operators.toList(ro).thenAccept(Must.callConsumer(l -> assertThat(l).containsExactly(1, 2)));

            Duplex<Object, Object> t = Duplexes.from(Pipelines.through((Readable<Object> src) -> Operators.map(src, x -> x + "?")));
            t.write("q");
            t.end();
            Operators.toList(t).thenAccept(Must.callConsumer(l -> assertThat(l).containsExactly("q?")));

            Duplex<Object, Object>[] pair = Duplexes.pair(StreamOptions.create().objectMode(true));
            pair[0].write("ping");
            pair[0].end();
            Operators.toList(pair[1]).thenAccept(Must.callConsumer(l -> {
                assertThat(l).containsExactly("ping");
                pair[1].end();
            }));
            pair[0].resume();
        });
    }

    @Test
    void addAbortSignalDestroysWithAbortError() {
        Must.run(() -> {
            AbortController ac = new AbortController();
            Readable<Object> r = new Readable<>(StreamOptions.create().doRead((s, n) -> {}));
            Streams.addAbortSignal(ac.signal(), r);
            r.on(EventEmitter.ERROR, Must.callConsumer(e -> assertThat(e).isInstanceOf(AbortException.class)));
            r.on(Stream.CLOSE, Must.callConsumer());
            ac.abort();
        });
    }
}
