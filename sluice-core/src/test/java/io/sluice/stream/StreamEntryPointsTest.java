package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.buffer.Buffer;
import io.sluice.loop.EventLoop;
import io.sluice.testing.Must;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The Node-named entry points ({@code Readable.from}, {@code readable.map}, {@code Streams.pipeline},
 * {@code Duplex.from}, ...) reach the same machinery as {@link Readables}, {@link Operators},
 * {@link Pipelines} and {@link Duplexes}, with the types a Java caller expects.
 */
class StreamEntryPointsTest {

    @Test
    void readableFromThenHelpersThenToList() {
        AtomicReference<List<Integer>> result = new AtomicReference<>();
        EventLoop.run(() -> Readable.from(List.of(1, 2, 3, 4, 5, 6))
                .map(i -> i * 10)
                .filter(i -> i != 30)
                .drop(1)
                .take(3)
                .toList()
                .thenAccept(result::set));
        // node: [1..6].map(x10).filter(!=30).drop(1).take(3) gives [ 20, 40, 50 ]
        assertThat(result.get()).containsExactly(20, 40, 50);
    }

    @Test
    void reduceSomeEveryFind() {
        List<Object> out = new ArrayList<>();
        EventLoop.run(() -> {
            Readable.from(List.of(1, 2, 3)).reduce(Integer::sum).thenAccept(out::add);
            Readable.from(List.of(1, 2, 3)).some(i -> i == 2).thenAccept(out::add);
            Readable.from(List.of(1, 2, 3)).every(i -> i < 3).thenAccept(out::add);
            Readable.from(List.of("a", "bb", "ccc")).find(s -> s.length() == 2).thenAccept(out::add);
        });
        assertThat(out).containsExactlyInAnyOrder(6, true, false, "bb");
    }

    @Test
    void streamsPipelineCompletesAfterTheSinkFinishes() {
        List<Object> written = new ArrayList<>();
        AtomicReference<Object> done = new AtomicReference<>("pending");
        Must.run(() -> {
            Writable<Object> sink = new Writable<>(StreamOptions.create().objectMode(true)
                    .doWrite((s, chunk, enc, cb) -> {
                        written.add(chunk);
                        cb.done(null);
                    }));
            Streams.pipeline(List.of("x", "y"), new PassThrough<>(StreamOptions.create().objectMode(true)), sink)
                    .whenComplete((v, err) -> done.set(err == null ? "ok" : err));
        });
        assertThat(written).containsExactly("x", "y");
        assertThat(done.get()).isEqualTo("ok");
    }

    @Test
    void duplexFromAnIterableIsADuplex() {
        List<Object> out = new ArrayList<>();
        EventLoop.run(() -> {
            Duplex<String, Object> d = Duplex.from(List.of("p", "q"));
            assertThat(d).isInstanceOf(Duplex.class);
            d.onData(out::add);
        });
        assertThat(out).containsExactly("p", "q");
    }

    @Test
    void readableFromInputStreamReadsEveryByte() {
        byte[] data = new byte[200_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        AtomicReference<Buffer> all = new AtomicReference<>();
        EventLoop.run(() -> {
            InputStream in = new ByteArrayInputStream(data);
            Readable.from(in).toList().thenAccept(chunks -> all.set(Buffer.concat(chunks)));
        });
        assertThat(all.get().toByteArray()).isEqualTo(data);
    }
}
