package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.buffer.Buffer;
import io.sluice.event.EventEmitter;
import io.sluice.loop.EventLoop;
import io.sluice.testing.Must;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Port of test/parallel/test-stream2-readable-wrap.js: an old-style emitter with its own
 * pause/resume is wrapped and piped into a slow Writable; every chunk must arrive, in order.
 *
 * <p>Beyond Node's assertions this port also checks the exact interleaving, recorded by running
 * the same scenario (with a log added) on node v20.20.2. It is identical for the four cases:
 * {@code dN} = the old stream emits its Nth chunk, {@code P}/{@code R} = the wrap calls the old
 * stream's pause/resume, {@code wN} = the Writable's Nth write, {@code rpause} = the wrapping
 * stream's 'pause' event (from pipe's backpressure), {@code oldend} = the old stream's 'end'.
 * So push() returned false after every chunk (10 pauses), each read resumed the old stream
 * (9 resumes: after the 10th chunk there is nothing left to resume for), and the wrapping stream
 * emitted 'pause' 5 times, never twice in one tick.
 */
class Stream2ReadableWrapTest {

    private static final List<String> NODE_TRACE = List.of(("d1 P R d2 P w1 R d3 P rpause w2 R d4 P w3 R d5 P "
            + "rpause w4 R d6 P w5 R d7 P rpause w6 R d8 P w7 R d9 P rpause w8 R d10 P oldend w9 rpause end w10 "
            + "finish").split(" "));

    static Stream<Arguments> cases() {
        // Node's objectChunks: 5, 'a', false, 0, '', 'xyz', { x: 4 }, 7, [], 555.
        Supplier<Supplier<Object>> mixed = () -> {
            LinkedList<Object> items = new LinkedList<>(List.of(5, "a", false, 0, "", "xyz", Map.of("x", 4), 7,
                    List.of(), 555));
            return items::removeFirst;
        };
        return Stream.of(
                Arguments.of("100-byte buffers", 100, false, (Supplier<Supplier<Object>>) () -> () -> Buffer.alloc(100)),
                Arguments.of("10-byte buffers", 10, false,
                        (Supplier<Supplier<Object>>) () -> () -> Buffer.from("xxxxxxxxxx")),
                Arguments.of("objects", 1, true, (Supplier<Supplier<Object>>) () -> () -> Map.of("foo", "bar")),
                Arguments.of("mixed objects", 1, true, mixed));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void wrappedOldStreamDeliversEveryChunkInOrder(String name, int highWaterMark, boolean objectMode,
            Supplier<Supplier<Object>> producer) {
        Supplier<Object> produce = producer.get();
        List<String> log = new ArrayList<>();
        List<Object> expected = new ArrayList<>();
        List<Object> written = new ArrayList<>();
        int[] pauses = {0};
        int[] resumes = {0};
        int[] streamPauses = {0};
        boolean[] oldEnded = {false};
        Must.run(() -> {
            EventEmitter old = new EventEmitter();
            Readable<Object> r = new Readable<>(StreamOptions.create().highWaterMark(highWaterMark)
                    .objectMode(objectMode));
            boolean[] flowing = {false};
            int[] chunks = {10};
            Runnable[] flow = new Runnable[1];
            flow[0] = () -> {
                flowing[0] = true;
                while (flowing[0] && chunks[0]-- > 0) {
                    Object item = produce.get();
                    expected.add(item);
                    log.add("d" + (10 - chunks[0]));
                    old.emit("data", item);
                }
                if (chunks[0] <= 0) {
                    oldEnded[0] = true;
                    log.add("oldend");
                    old.emit("end");
                }
            };
            // Node's old.pause / old.resume: own functions of the plain emitter.
            Runnable pause = () -> {
                pauses[0]++;
                log.add("P");
                old.emit("pause");
                flowing[0] = false;
            };
            Runnable resume = () -> {
                resumes[0]++;
                log.add("R");
                old.emit("resume");
                flow[0].run();
            };
            assertThat(r.wrap(old, pause, resume)).isSameAs(r);

            r.on(Readable.END, Must.callConsumer(v -> log.add("end")));

            // 'pause' is emitted at most once per tick.
            boolean[] pausing = {false};
            r.on(Readable.PAUSE, v -> {
                assertThat(pausing[0]).isFalse();
                pausing[0] = true;
                streamPauses[0]++;
                log.add("rpause");
                EventLoop.current().nextTick(() -> pausing[0] = false);
            });

            Writable<Object> w = new Writable<>(StreamOptions.create().highWaterMark(highWaterMark * 2L)
                    .objectMode(objectMode)
                    .doWrite((Writable<Object> self, Object chunk, String enc, Callback cb) -> {
                        written.add(chunk);
                        log.add("w" + written.size());
                        EventLoop.current().setTimeout(cb::done, 1);
                    }));
            w.on(Writable.FINISH, Must.callConsumer(v -> {
                log.add("finish");
                assertThat(oldEnded[0]).isTrue();
            }));
            r.pipe(w);
            flow[0].run();
        });
        // Node: deepStrictEqual(written, expected). Objects pass through as the same instances;
        // a byte-mode chunk is the pushed Buffer (one chunk per write, never merged here).
        assertThat(written).hasSize(10);
        for (int i = 0; i < 10; i++) {
            if (objectMode) {
                assertThat(written.get(i)).isSameAs(expected.get(i));
            } else {
                assertThat(written.get(i)).isEqualTo(expected.get(i));
            }
        }
        assertThat(log).containsExactlyElementsOf(NODE_TRACE);
        assertThat(pauses[0]).isEqualTo(10);
        assertThat(resumes[0]).isEqualTo(9);
        assertThat(streamPauses[0]).isEqualTo(5);
    }
}
