package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.buffer.Buffer;
import io.sluice.error.ErrorCodes;
import io.sluice.error.NodeTypeException;
import io.sluice.event.EventEmitter;
import io.sluice.testing.Must;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-readable-from.js (NODE-SEMANTICS §2.12), with Java sources in
 * place of JS iterables: Iterable, Iterator, java.util.stream.Stream, CompletionStage.
 */
class ReadableFromTest {

    private static List<Object> collect(Readable<?> r) {
        List<Object> out = new ArrayList<>();
        r.on(ReadableStream.DATA, out::add);
        return out;
    }

    @Test
    void iterableOfStringsIsObjectModeHwm1() {
        Must.run(() -> {
            Readable<String> r = Readables.from(List.of("a", "b", "c"));
            assertThat(r.readableObjectMode()).isTrue();
            assertThat(r.readableHighWaterMark()).isEqualTo(1);
            List<Object> out = collect(r);
            r.on(ReadableStream.END, Must.callConsumer(v -> assertThat(out).containsExactly("a", "b", "c")));
        });
    }

    @Test
    void stringIsOneChunk() {
        Must.run(() -> {
            Readable<String> r = Readables.from((Object) "hello world");
            List<Object> out = collect(r);
            r.on(ReadableStream.END, Must.callConsumer(v -> assertThat(out).containsExactly("hello world")));
        });
    }

    @Test
    void bufferIsOneChunk() {
        Must.run(() -> {
            Buffer b = Buffer.from("hello world");
            Readable<Buffer> r = Readables.from((Object) b);
            List<Object> out = collect(r);
            r.on(ReadableStream.END, Must.callConsumer(v -> assertThat(out).containsExactly(b)));
        });
    }

    @Test
    void completionStagesInIterableAreAwaitedInOrder() {
        Must.run(() -> {
            CompletableFuture<String> late = new CompletableFuture<>();
            Readable<Object> r = Readables.from(List.of(CompletableFuture.completedFuture("a"), late, "c"));
            List<Object> out = collect(r);
            r.on(ReadableStream.END, Must.callConsumer(v -> assertThat(out).containsExactly("a", "b", "c")));
            // Completed from another thread: the value must still arrive on the loop, in order.
            Thread.ofVirtual().start(() -> late.complete("b"));
        });
    }

    @Test
    void singleCompletionStage() {
        Must.run(() -> {
            Readable<String> r = Readables.from(CompletableFuture.completedFuture("only"));
            List<Object> out = collect(r);
            r.on(ReadableStream.END, Must.callConsumer(v -> assertThat(out).containsExactly("only")));
        });
    }

    @Test
    void javaStreamIsClosedAtEnd() {
        boolean[] closed = {false};
        Must.run(() -> {
            Readable<Integer> r = Readables.from(IntStream.range(0, 5).boxed().onClose(() -> closed[0] = true));
            List<Object> out = collect(r);
            r.on(ReadableStream.END, Must.callConsumer(v -> assertThat(out).containsExactly(0, 1, 2, 3, 4)));
            r.on(Stream.CLOSE, Must.callConsumer(v -> assertThat(closed[0]).isTrue()));
        });
    }

    @Test
    void iteratorErrorDestroysStream() {
        Must.run(() -> {
            RuntimeException boom = new RuntimeException("kaboom");
            Iterator<String> it = new Iterator<>() {
                int n;

                @Override
                public boolean hasNext() {
                    return true;
                }

                @Override
                public String next() {
                    if (n++ == 1) {
                        throw boom;
                    }
                    return "x";
                }
            };
            Readable<String> r = Readables.from(it);
            List<Object> out = collect(r);
            r.on(ReadableStream.END, Must.notCallConsumer());
            r.on(EventEmitter.ERROR, Must.callConsumer(e -> {
                assertThat(e).isSameAs(boom);
                assertThat(out).containsExactly("x");
            }));
        });
    }

    @Test
    void failedStageDestroysStream() {
        Must.run(() -> {
            IllegalStateException boom = new IllegalStateException("no");
            Readable<Object> r = Readables.from(List.of("a", CompletableFuture.failedFuture(boom)));
            r.resume();
            r.on(EventEmitter.ERROR, Must.callConsumer(e -> assertThat(e).isSameAs(boom)));
        });
    }

    @Test
    void invalidSourcesThrowSynchronously() {
        Must.run(() -> {
            assertThatThrownBy(() -> Readables.from((Object) null))
                    .isInstanceOf(NodeTypeException.class)
                    .hasFieldOrPropertyWithValue("code", ErrorCodes.ERR_INVALID_ARG_TYPE)
                    .hasMessage("The \"iterable\" argument must be an instance of Iterable. Received null");
            assertThatThrownBy(() -> Readables.from((Object) 42))
                    .hasMessage("The \"iterable\" argument must be an instance of Iterable. Received type number (42)");
        });
    }

    @Test
    void byteModeMakesBuffers() {
        Must.run(() -> {
            Readable<Buffer> r = Readables.fromBytes(List.of("ab", "cd"), null);
            assertThat(r.readableObjectMode()).isFalse();
            List<Object> out = collect(r);
            r.on(ReadableStream.END, Must.callConsumer(v -> {
                assertThat(out).allMatch(c -> c instanceof Buffer);
                assertThat(out.stream().map(Object::toString).reduce("", String::concat)).isEqualTo("abcd");
            }));
        });
    }

    @Test
    void generatorRunsOneItemAhead() {
        // Pitfall 13: with hwm 1 the source produces one item before it is asked for.
        Must.run(() -> {
            List<String> produced = new ArrayList<>();
            Iterator<Integer> it = IntStream.range(0, 3).peek(i -> produced.add("p" + i)).boxed().iterator();
            Readable<Integer> r = Readables.from(it);
            r.on(ReadableStream.READABLE, v -> {
                Integer x;
                while ((x = r.read()) != null) {
                    produced.add("r" + x);
                }
            });
            r.on(ReadableStream.END, Must.callConsumer(v -> assertThat(produced).containsExactly(
                    "p0", "p1", "r0", "p2", "r1", "r2")));
        });
    }
}
