package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.buffer.Buffer;
import io.sluice.error.AbortException;
import io.sluice.error.ErrorCodes;
import io.sluice.error.NodeError;
import io.sluice.error.NodeTypeException;
import io.sluice.event.AbortController;
import io.sluice.event.EventEmitter;
import io.sluice.loop.EventLoop;
import io.sluice.testing.EventLog;
import io.sluice.testing.Must;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-stream-pipeline.js (without the http, net and http2 blocks), plus
 * Sluice's stricter rules: the destination is aborted, never ended, when a stage fails; a
 * synchronous wiring failure destroys everything received (nodejs/node#65063).
 */
class StreamPipelineTest {

    static String code(Throwable e) {
        return e instanceof NodeError ne ? ne.code() : String.valueOf(e);
    }

    private static Writable<Object> collector(List<Object> out, StreamOptions o) {
        return new Writable<>(o.doWrite((s, chunk, enc, cb) -> {
            out.add(chunk);
            cb.done();
        }));
    }

    @Test
    void successCallbackAfterFinishAndEveryClose() {
        // node: dst finish, dst close, src close, cb (NODE-SEMANTICS §2.8)
        EventLog log = new EventLog();
        Must.run(() -> {
            List<Object> out = new ArrayList<>();
            Readable<String> src = Readables.from(List.of("a", "b", "c"));
            PassThrough<Object> mid = new PassThrough<>(StreamOptions.create().objectMode(true));
            Writable<Object> dst = collector(out, StreamOptions.create().objectMode(true));
            dst.on(WritableStream.FINISH, v -> log.log("dst finish"));
            dst.on(Stream.CLOSE, v -> log.log("dst close"));
            src.on(Stream.CLOSE, v -> log.log("src close"));
            NodeStream ret = Pipelines.pipeline(src, mid, dst, Must.callBiConsumer((Throwable err, Object value) -> {
                log.log("cb " + err + " " + value);
                assertThat(out).containsExactly("a", "b", "c");
            })::accept);
            assertThat(ret).isSameAs(dst);
        });
        assertThat(log.entries()).containsSubsequence("dst finish", "cb null null");
        assertThat(log.entries()).last().isEqualTo("cb null null");
        assertThat(log.entries()).contains("dst close", "src close");
    }

    @Test
    void errorDestroysEveryStreamFirstToLastAndAbortsDestination() {
        EventLog log = new EventLog();
        Must.run(() -> {
            RuntimeException boom = new RuntimeException("kaboom");
            Readable<Object> src = new Readable<>(StreamOptions.create().objectMode(true).doRead((s, n) -> {}));
            PassThrough<Object> mid = new PassThrough<>(StreamOptions.create().objectMode(true));
            Writable<Object> dst = collector(new ArrayList<>(), StreamOptions.create().objectMode(true));
            src.on(Stream.CLOSE, v -> log.log("src close"));
            mid.on(Stream.CLOSE, v -> log.log("mid close"));
            dst.on(Stream.CLOSE, v -> log.log("dst close"));
            dst.on(WritableStream.FINISH, Must.notCallConsumer("the destination must never finish after a failure"));
            Pipelines.pipeline(src, mid, dst, (err, v) -> {
                log.log("cb " + err.getMessage());
                assertThat(err).isSameAs(boom);
                assertThat(dst.errored()).isSameAs(boom);
                assertThat(dst.writableFinished()).isFalse();
            });
            src.push("x");
            src.destroy(boom);
        });
        assertThat(log.entries()).containsExactly("src close", "mid close", "dst close", "cb kaboom");
    }

    @Test
    void destroyWithoutErrorIsPrematureClose() {
        Must.run(() -> {
            Readable<Object> src = new Readable<>(StreamOptions.create().objectMode(true).doRead((s, n) -> {}));
            Writable<Object> dst = collector(new ArrayList<>(), StreamOptions.create().objectMode(true));
            Pipelines.pipeline(src, dst, Must.callBiConsumer((Throwable err, Object v) -> {
                assertThat(code(err)).isEqualTo(ErrorCodes.ERR_STREAM_PREMATURE_CLOSE);
                assertThat(dst.destroyed()).isTrue();
            })::accept);
            EventLoop.current().setImmediate(src::destroy);
        });
    }

    @Test
    void destinationErrorDestroysSource() {
        Must.run(() -> {
            RuntimeException boom = new RuntimeException("dst");
            Readable<String> src = Readables.from(List.of("a", "b"));
            Writable<Object> dst = new Writable<>(StreamOptions.create().objectMode(true)
                    .doWrite((s, chunk, enc, cb) -> cb.done(boom)));
            Pipelines.pipeline(src, dst, Must.callBiConsumer((Throwable err, Object v) -> {
                assertThat(err).isSameAs(boom);
                assertThat(src.destroyed()).isTrue();
            })::accept);
        });
    }

    @Test
    void iterableAndSupplierSources() {
        Must.run(() -> {
            List<Object> a = new ArrayList<>();
            Pipelines.pipeline(List.of("x", "y"), collector(a, StreamOptions.create().objectMode(true)),
                    Must.callBiConsumer((Throwable e, Object v) -> assertThat(a).containsExactly("x", "y"))::accept);
            List<Object> b = new ArrayList<>();
            Supplier<Iterator<String>> gen = () -> List.of("p", "q").iterator();
            Pipelines.pipeline(gen, collector(b, StreamOptions.create().objectMode(true)),
                    Must.callBiConsumer((Throwable e, Object v) -> assertThat(b).containsExactly("p", "q"))::accept);
        });
    }

    @Test
    void functionTransformsAndSinkValue() {
        // node: pipeline(Readable.from, async function*, async function(src){ return x }) → cb(undefined, x)
        Must.run(() -> Pipelines.pipeline(
                Readables.from(List.of("hello", "world")),
                Pipelines.through((Readable<String> s) -> Operators.map(s, String::toUpperCase)),
                Pipelines.sink((Readable<String> s) -> Operators.reduce(s, (String a, String b) -> a + b, "")))
                .thenAccept(Must.callConsumer(v -> assertThat(v).isEqualTo("HELLOWORLD"))));
    }

    @Test
    void throwingTransformFunctionReachesCallbackAndDestroysSource() {
        Must.run(() -> {
            RuntimeException boom = new RuntimeException("gen");
            Readable<Integer> src = Readables.from(List.of(1, 2, 3));
            Pipelines.pipeline(src,
                    Pipelines.through((Readable<Integer> s) -> Operators.map(s, x -> {
                        if (x == 2) {
                            throw boom;
                        }
                        return x;
                    })),
                    collector(new ArrayList<>(), StreamOptions.create().objectMode(true)),
                    Must.callBiConsumer((Throwable err, Object v) -> {
                        assertThat(err).isSameAs(boom);
                        assertThat(src.destroyed()).isTrue();
                    })::accept);
        });
    }

    @Test
    void lastFunctionReturningIterableGivesReadable() {
        Must.run(() -> {
            NodeStream ret = Pipelines.pipeline(List.of(Readables.from(List.of(1, 2)),
                    Pipelines.through((Readable<Integer> s) -> Operators.map(s, x -> x * 2))), (err, v) -> {});
            assertThat(ret).isInstanceOf(Readable.class);
            Operators.<Object>toList((Readable<Object>) ret).thenAccept(Must.callConsumer(l -> assertThat(l).containsExactly(2, 4)));
        });
    }

    @Test
    void missingArgs() {
        Must.run(() -> {
            assertThatThrownBy(() -> Pipelines.pipeline(List.of(), (e, v) -> {}))
                    .isInstanceOf(NodeTypeException.class)
                    .hasFieldOrPropertyWithValue("code", ErrorCodes.ERR_MISSING_ARGS)
                    .hasMessage("The \"streams\" argument must be specified");
            assertThatThrownBy(() -> Pipelines.pipeline(List.of(Readables.from(List.of(1))), (e, v) -> {}))
                    .hasMessage("The \"streams\" argument must be specified");
        });
    }

    @Test
    void invalidStageTypeDestroysReceivedStreams() {
        Must.run(() -> {
            Readable<Integer> src = Readables.from(List.of(1));
            assertThatThrownBy(() -> Pipelines.pipeline(src, 42, (e, v) -> {}))
                    .isInstanceOf(NodeTypeException.class)
                    .hasFieldOrPropertyWithValue("code", ErrorCodes.ERR_INVALID_ARG_TYPE);
            assertThat(src.destroyed()).isTrue();
        });
    }

    @Test
    void invalidReturnValueOfSourceFunction() {
        Must.run(() -> {
            PassThrough<Object> pt = new PassThrough<>();
            Supplier<Object> bad = () -> 42;
            assertThatThrownBy(() -> Pipelines.pipeline(bad, pt, (e, v) -> {}))
                    .hasFieldOrPropertyWithValue("code", "ERR_INVALID_RETURN_VALUE")
                    .hasMessage("Expected Iterable, AsyncIterable or Stream to be returned from the \"source\" function "
                            + "but got type number (42).");
            assertThat(pt.destroyed()).isTrue();
        });
    }

    @Test
    void destroyedDestinationThrowsAndDestroysEverything() {
        // Node #65063: Node leaves the source open here; Sluice destroys it before rethrowing.
        Must.run(() -> {
            Readable<Integer> src = Readables.from(List.of(1, 2));
            PassThrough<Object> mid = new PassThrough<>(StreamOptions.create().objectMode(true));
            PassThrough<Object> dst = new PassThrough<>();
            dst.destroy();
            assertThatThrownBy(() -> Pipelines.pipeline(src, mid, dst, (e, v) -> {}))
                    .hasFieldOrPropertyWithValue("code", ErrorCodes.ERR_STREAM_UNABLE_TO_PIPE);
            assertThat(src.destroyed()).isTrue();
            assertThat(mid.destroyed()).isTrue();
        });
    }

    @Test
    void abortSignalRejectsWithAbortErrorAndDestroysAll() {
        Must.run(() -> {
            AbortController ac = new AbortController();
            Readable<Object> src = new Readable<>(StreamOptions.create().objectMode(true).doRead((s, n) -> {}));
            Writable<Object> dst = collector(new ArrayList<>(), StreamOptions.create().objectMode(true));
            Pipelines.pipeline(src, dst, PipelineOptions.create().signal(ac.signal()))
                    .whenComplete(Must.callBiConsumer((v, e) -> {
                        assertThat(e).isInstanceOf(AbortException.class);
                        assertThat(src.destroyed()).isTrue();
                        assertThat(dst.destroyed()).isTrue();
                    }));
            EventLoop.current().setImmediate(ac::abort);
        });
    }

    @Test
    void alreadyAbortedSignal() {
        Must.run(() -> {
            AbortController ac = new AbortController();
            ac.abort();
            Pipelines.pipeline(Readables.from(List.of(1)), new PassThrough<>(StreamOptions.create().objectMode(true)),
                    PipelineOptions.create().signal(ac.signal()))
                    .whenComplete(Must.callBiConsumer((v, e) -> assertThat(e).isInstanceOf(AbortException.class)));
        });
    }

    @Test
    void endFalseKeepsDestinationOpen() {
        Must.run(() -> {
            List<Object> out = new ArrayList<>();
            Writable<Object> dst = collector(out, StreamOptions.create().objectMode(true));
            Pipelines.pipeline(Readables.from(List.of("a")), dst, PipelineOptions.create().end(false))
                    .thenRun(Must.call(() -> {
                        assertThat(out).containsExactly("a");
                        assertThat(dst.writableEnded()).isFalse();
                        dst.end();
                    }));
        });
    }

    @Test
    void bytesThroughTransforms() {
        Must.run(() -> {
            StringBuilder sb = new StringBuilder();
            Writable<Object> dst = new Writable<>(StreamOptions.create().doWrite((s, chunk, enc, cb) -> {
                sb.append(chunk.toString());
                cb.done();
            }));
            Transform<Buffer, Buffer> upper = new Transform<>(StreamOptions.create().doTransform(
                    (Transform<Buffer, Buffer> self, Buffer chunk, String enc, TransformCallback<Buffer> cb) ->
                            cb.done(null, Buffer.from(chunk.toString().toUpperCase()))));
            Pipelines.pipeline(Readables.fromBytes(List.of("ab", "cd"), null), upper, dst)
                    .thenRun(Must.call(() -> assertThat(sb).hasToString("ABCD")));
        });
    }

    @Test
    void sinkFailureRejects() {
        Must.run(() -> {
            RuntimeException boom = new RuntimeException("sink");
            Pipelines.pipeline(Readables.from(List.of(1)),
                    Pipelines.sink((Readable<Integer> s) -> CompletableFuture.failedFuture(boom)))
                    .whenComplete(Must.callBiConsumer((v, e) -> assertThat(e).isSameAs(boom)));
        });
    }
}
