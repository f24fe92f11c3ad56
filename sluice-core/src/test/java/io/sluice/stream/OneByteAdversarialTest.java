package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.buffer.Buffer;
import io.sluice.loop.EventLoop;
import io.sluice.testing.EventLog;
import io.sluice.testing.Must;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Adversarial byte streams (Okio-style): one-byte chunks through every stage, with marks of 0, 1
 * and a few bytes, synchronous and asynchronous sinks. Whatever the schedule, every byte arrives
 * once, in order, multibyte characters decode intact, and the lifecycle events keep their order.
 */
class OneByteAdversarialTest {

    private static final String TEXT = "h€llo wörld 🎉 — ünïcödé";

    private static Readable<Buffer> oneByteSource(byte[] data, long hwm, boolean asyncPush) {
        int[] pos = {0};
        return new Readable<>(StreamOptions.create().highWaterMark(hwm).doRead((Readable<?> s, long n) -> {
            Runnable pushOne = () -> {
                if (pos[0] < data.length) {
                    s.push(Buffer.from(new byte[] {data[pos[0]++]}));
                } else {
                    s.push(null);
                }
            };
            if (asyncPush) {
                EventLoop.current().setImmediate(pushOne);
            } else {
                pushOne.run();
            }
        }));
    }

    @ParameterizedTest(name = "hwm={0} asyncPush={1} asyncSink={2}")
    @CsvSource({
        "0,false,false", "0,true,false", "0,false,true", "0,true,true",
        "1,false,false", "1,true,false", "1,false,true", "1,true,true",
        "3,false,false", "3,true,true", "16,false,true"
    })
    void pipeChainDeliversEveryByteInOrder(long hwm, boolean asyncPush, boolean asyncSink) {
        byte[] data = TEXT.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EventLog[] logs = new EventLog[1];
        Must.run(() -> {
            EventLog log = logs[0] = new EventLog();
            Readable<Buffer> src = oneByteSource(data, hwm, asyncPush);
            StreamOptions pt = StreamOptions.create().highWaterMark(hwm);
            PassThrough<Buffer> a = new PassThrough<>(pt);
            PassThrough<Buffer> b = new PassThrough<>(pt);
            Writable<Buffer> sink = new Writable<>(StreamOptions.create().highWaterMark(hwm).doWrite((s, c, e, cb) -> {
                Buffer buf = (Buffer) c;
                assertThat(buf.length()).isEqualTo(1);
                out.write(buf.get(0));
                if (asyncSink) {
                    EventLoop.current().setImmediate(cb::done);
                } else {
                    cb.done();
                }
            }));
            src.on(Readable.END, v -> log.log("src end"));
            src.on(Stream.CLOSE, v -> log.log("src close"));
            sink.on(Writable.FINISH, v -> log.log("sink finish"));
            sink.on(Stream.CLOSE, v -> log.log("sink close"));
            src.pipe(a).pipe(b).pipe(sink);
        });
        assertThat(out.toByteArray()).isEqualTo(data);
        assertThat(logs[0].entries()).containsSubsequence("src end", "src close");
        assertThat(logs[0].entries()).containsSubsequence("src end", "sink finish", "sink close");
    }

    @ParameterizedTest(name = "hwm={0} asyncPush={1}")
    @CsvSource({"0,false", "0,true", "1,false", "1,true", "2,true"})
    void setEncodingJoinsSplitCharacters(long hwm, boolean asyncPush) {
        byte[] data = TEXT.getBytes(StandardCharsets.UTF_8);
        StringBuilder text = new StringBuilder();
        int[] chunks = {0};
        Must.run(() -> {
            Readable<Buffer> src = oneByteSource(data, hwm, asyncPush);
            Readable<String> s = src.setEncoding("utf8");
            s.on(Readable.DATA, d -> {
                chunks[0]++;
                text.append((String) d);
            });
            s.on(Readable.END, Must.callConsumer());
        });
        assertThat(text.toString()).isEqualTo(TEXT);
        // A chunk is only emitted once a character is complete.
        assertThat(chunks[0]).isEqualTo(TEXT.codePointCount(0, TEXT.length()));
    }

    @ParameterizedTest(name = "hwm={0} asyncPush={1}")
    @CsvSource({"0,false", "0,true", "1,false", "1,true", "4,true"})
    void readableModeReadsOneByteAtATime(long hwm, boolean asyncPush) {
        byte[] data = TEXT.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Must.run(() -> {
            Readable<Buffer> src = oneByteSource(data, hwm, asyncPush);
            src.on(Readable.READABLE, v -> {
                Buffer b;
                while ((b = src.read(1)) != null) {
                    assertThat(b.length()).isEqualTo(1);
                    out.write(b.get(0));
                }
            });
            src.on(Readable.END, Must.callConsumer());
        });
        assertThat(out.toByteArray()).isEqualTo(data);
    }

    @ParameterizedTest(name = "hwm={0}")
    @CsvSource({"0", "1", "2"})
    void writeReturnValueAndDrainWithOneByteWrites(long hwm) {
        EventLog[] logs = new EventLog[1];
        Must.run(() -> {
            EventLog log = logs[0] = new EventLog();
            Writable<Buffer> w = new Writable<>(StreamOptions.create().highWaterMark(hwm)
                    .doWrite((s, c, e, cb) -> EventLoop.current().setImmediate(cb::done)));
            w.on(Writable.DRAIN, v -> log.log("drain " + w.writableLength()));
            for (int i = 0; i < 3; i++) {
                log.log("write " + w.write(Buffer.from(new byte[] {(byte) i})) + " " + w.writableLength());
            }
        });
        // ok = length < hwm after the (async) write is counted.
        String[] expected = switch ((int) hwm) {
            case 0 -> new String[] {"write false 1", "write false 2", "write false 3", "drain 0"};
            case 1 -> new String[] {"write false 1", "write false 2", "write false 3", "drain 0"};
            default -> new String[] {"write true 1", "write false 2", "write false 3", "drain 0"};
        };
        assertThat(logs[0].entries()).containsExactly(expected);
    }
}
