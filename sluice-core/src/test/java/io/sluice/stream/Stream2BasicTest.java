package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.buffer.Buffer;
import io.sluice.loop.EventLoop;
import io.sluice.testing.Must;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Port of test/parallel/test-stream2-basic.js. Node's fake writers (plain emitters with write and
 * end) become Writable subclasses that override {@code write}/{@code end} the same way; pipe()
 * calls the overrides.
 */
class Stream2BasicTest {

    /** A source of n-byte 'x' runs, refilled ten times on a timer, then EOF. */
    static final class TestReader extends Readable<Buffer> {
        private final Buffer buffer;
        private int pos;
        private int bufs = 10;

        TestReader(int n) {
            super();
            buffer = Buffer.alloc(n, "x");
        }

        @Override
        protected void doRead(long size) {
            int max = buffer.length() - pos;
            int n = (int) Math.max(size, 0);
            int toRead = Math.min(n, max);
            if (toRead == 0) {
                // More bytes "arrive" a little later.
                EventLoop.current().setTimeout(() -> {
                    pos = 0;
                    bufs -= 1;
                    if (bufs <= 0) {
                        push(null);
                    } else {
                        doRead(n);
                    }
                }, 10);
                return;
            }
            Buffer ret = buffer.slice(pos, pos + toRead);
            pos += toRead;
            push(ret);
        }
    }

    /** Node's TestWriter: records chunks, emits 'write' per chunk and 'end' with the list. */
    static class TestWriter extends Writable<Object> {
        final List<String> received = new ArrayList<>();

        @Override
        public boolean write(Object c) {
            received.add(c.toString());
            emit("write", c);
            return true;
        }

        @Override
        public Writable<Object> end() {
            emit("end", received);
            return this;
        }
    }

    private static final List<String> TEN_X5 = Collections.nCopies(10, "xxxxx");

    @Test
    void readWithGrowingSizes() {
        Must.run(() -> {
            TestReader r = new TestReader(20);
            List<String> reads = new ArrayList<>();
            List<String> expect = List.of("x", "xx", "xxx", "xxxx", "xxxxx", "xxxxxxxxx", "xxxxxxxxxx",
                    "xxxxxxxxxxxx", "xxxxxxxxxxxxx", "xxxxxxxxxxxxxxx", "xxxxxxxxxxxxxxxxx",
                    "xxxxxxxxxxxxxxxxxxx", "xxxxxxxxxxxxxxxxxxxxx", "xxxxxxxxxxxxxxxxxxxxxxx",
                    "xxxxxxxxxxxxxxxxxxxxxxxxx", "xxxxxxxxxxxxxxxxxxxxx");
            r.on(Readable.END, Must.callConsumer(v -> assertThat(reads).isEqualTo(expect)));
            int[] readSize = {1};
            Runnable[] flow = new Runnable[1];
            flow[0] = () -> {
                Buffer res;
                while ((res = r.read(readSize[0]++)) != null) {
                    reads.add(res.toString());
                }
                r.once(Readable.READABLE, v -> flow[0].run());
            };
            flow[0].run();
        });
    }

    @Test
    void pipe() {
        Must.run(() -> {
            TestReader r = new TestReader(5);
            TestWriter w = new TestWriter();
            w.once("end", Must.callListener(args -> assertThat(args[0]).isEqualTo(TEN_X5), 1));
            r.pipe(w);
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9})
    void unpipeThenPipeElsewhere(int split) {
        Must.run(() -> {
            TestReader r = new TestReader(5);
            TestWriter w0 = new TestWriter();
            TestWriter w1 = new TestWriter();
            int[] writes = {split};
            w0.on("write", args -> {
                if (--writes[0] == 0) {
                    r.unpipe();
                    assertThat(r.r.pipes).isEmpty();
                    w0.end();
                    r.pipe(w1);
                    assertThat(r.r.pipes).containsExactly(w1);
                }
            });
            int[] ended = {0};
            w0.on("end", Must.callListener(args -> {
                ended[0]++;
                assertThat(ended[0]).isEqualTo(1);
                assertThat(args[0]).isEqualTo(TEN_X5.subList(0, split));
            }, 1));
            w1.on("end", Must.callListener(args -> {
                ended[0]++;
                assertThat(ended[0]).isEqualTo(2);
                assertThat(args[0]).isEqualTo(TEN_X5.subList(split, 10));
            }, 1));
            r.pipe(w0);
        });
    }

    @Test
    void bothWritersGetTheSameData() {
        Must.run(() -> {
            TestReader r = new TestReader(5);
            TestWriter w0 = new TestWriter();
            TestWriter w1 = new TestWriter();
            w0.on("end", Must.callListener(args -> assertThat(args[0]).isEqualTo(TEN_X5), 1));
            w1.on("end", Must.callListener(args -> assertThat(args[0]).isEqualTo(TEN_X5), 1));
            r.pipe(w0);
            r.pipe(w1);
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9})
    void multiUnpipe(int split) {
        Must.run(() -> {
            TestReader r = new TestReader(5);
            TestWriter w0 = new TestWriter();
            TestWriter w1 = new TestWriter();
            TestWriter w2 = new TestWriter();
            int[] writes = {split};
            w0.on("write", args -> {
                if (--writes[0] == 0) {
                    r.unpipe();
                    w0.end();
                    r.pipe(w1);
                }
            });
            int[] ended = {0};
            w0.on("end", Must.callListener(args -> {
                ended[0]++;
                assertThat(ended[0]).isEqualTo(1);
                assertThat(args[0]).isEqualTo(TEN_X5.subList(0, split));
            }, 1));
            w1.on("end", Must.callListener(args -> {
                ended[0]++;
                assertThat(ended[0]).isEqualTo(2);
                assertThat(args[0]).isEqualTo(TEN_X5.subList(split, 10));
            }, 1));
            r.pipe(w0);
            r.pipe(w2);
        });
    }

    @Test
    void backPressureIsRespected() {
        Must.run(() -> {
            Readable<Object> src = new Readable<>(StreamOptions.create().objectMode(true)
                    .doRead((s, n) -> Must.notCall().run()));
            int[] counter = {0};
            src.push(List.of("one"));
            src.push(List.of("two"));
            src.push(List.of("three"));
            src.push(List.of("four"));
            src.push(null);
            List<String> expected = new ArrayList<>(List.of("two", "two", "three", "three", "four", "four"));
            Runnable w2End = Must.call();
            Writable<Object> w2 = new Writable<>() {
                @Override
                public boolean write(Object chunk) {
                    assertThat(((List<?>) chunk).get(0)).isEqualTo(expected.remove(0));
                    assertThat(counter[0]).isZero();
                    counter[0]++;
                    if (((List<?>) chunk).get(0).equals("four")) {
                        return true;
                    }
                    EventLoop.current().setTimeout(() -> {
                        counter[0]--;
                        emit(DRAIN);
                    }, 10);
                    return false;
                }

                @Override
                public Writable<Object> end() {
                    w2End.run();
                    return this;
                }
            };
            Runnable w3End = Must.call(() -> {
                assertThat(counter[0]).isEqualTo(2);
                assertThat(expected).isEmpty();
            });
            Writable<Object> w3 = new Writable<>() {
                @Override
                public boolean write(Object chunk) {
                    assertThat(((List<?>) chunk).get(0)).isEqualTo(expected.remove(0));
                    assertThat(counter[0]).isEqualTo(1);
                    counter[0]++;
                    if (((List<?>) chunk).get(0).equals("four")) {
                        return true;
                    }
                    EventLoop.current().setTimeout(() -> {
                        counter[0]--;
                        emit(DRAIN);
                    }, 50);
                    return false;
                }

                @Override
                public Writable<Object> end() {
                    w3End.run();
                    return this;
                }
            };
            Writable<Object> w1 = new Writable<>() {
                @Override
                public boolean write(Object chunk) {
                    assertThat(((List<?>) chunk).get(0)).isEqualTo("one");
                    emit(CLOSE);
                    EventLoop.current().nextTick(() -> {
                        src.pipe(w2);
                        src.pipe(w3);
                    });
                    return true;
                }

                @Override
                public Writable<Object> end() {
                    Must.notCall().run();
                    return this;
                }
            };
            src.pipe(w1);
        });
    }

    @Test
    void readZeroOnEndedStream() {
        Must.run(() -> {
            Readable<Object> r = new Readable<>(StreamOptions.create().doRead((s, n) -> Must.notCall().run()));
            boolean[] written = {false};
            boolean[] ended = {false};
            r.push(Buffer.from("foo"));
            r.push(null);
            assertThat((Object) r.read(0)).isNull();
            Runnable endCalled = Must.call(() -> {
                ended[0] = true;
                assertThat(written[0]).isTrue();
            });
            Writable<Object> w = new Writable<>() {
                @Override
                public boolean write(Object buffer) {
                    written[0] = true;
                    assertThat(ended[0]).isFalse();
                    assertThat(buffer.toString()).isEqualTo("foo");
                    return true;
                }

                @Override
                public Writable<Object> end() {
                    endCalled.run();
                    return this;
                }
            };
            r.pipe(w);
        });
    }

    @Test
    void synchronousReadEndingEndsBeforeNextTick() {
        Must.run(() -> {
            boolean[] called = {false};
            Readable<Object> r = new Readable<>(StreamOptions.create().doRead((s, n) -> s.push(null)));
            r.once(Readable.END, v -> called[0] = true);
            r.read();
            EventLoop.current().nextTick(Must.call(() -> assertThat(called[0]).isTrue()));
        });
    }

    @Test
    void readableListenerTriggersFlow() {
        Must.run(() -> {
            boolean[] onReadable = {false};
            int[] readCalled = {0};
            Readable<Object> r = new Readable<>(StreamOptions.create().highWaterMark(5).doRead((s, n) -> {
                if (readCalled[0]++ == 2) {
                    s.push(null);
                } else {
                    s.push(Buffer.from("asdf"));
                }
            }));
            r.on(Readable.READABLE, v -> {
                onReadable[0] = true;
                r.read();
            });
            r.on(Readable.END, Must.callConsumer(v -> {
                assertThat(readCalled[0]).isEqualTo(3);
                assertThat(onReadable[0]).isTrue();
            }));
        });
    }

    @Test
    void chainableAndProperties() {
        Must.run(() -> {
            Runnable read = Must.call();
            Readable<Object> r = new Readable<>(StreamOptions.create().doRead((s, n) -> read.run()));
            Readable<String> r2 = r.setEncoding("utf8").pause().resume().pause();
            assertThat((Object) r2).isSameAs(r);
            assertThat(new Readable<>(StreamOptions.create().encoding("utf8")).readableEncoding()).isEqualTo("utf8");
            assertThat(new Readable<>(StreamOptions.create().objectMode(true)).readableObjectMode()).isTrue();
            assertThat(new Writable<>(StreamOptions.create().objectMode(true)).writableObjectMode()).isTrue();
        });
    }
}
