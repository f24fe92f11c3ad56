package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.buffer.Buffer;
import io.sluice.error.AbortException;
import io.sluice.error.ErrorCodes;
import io.sluice.error.NodeError;
import io.sluice.event.EventEmitter;
import io.sluice.loop.EventLoop;
import io.sluice.testing.Must;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The blocking bridges (DESIGN §2) driven from virtual threads: Iterator, InputStream, OutputStream. */
class StreamBridgesTest {

    /**
     * Runs {@code body} on a virtual thread while holding the loop open, so that {@code Must.run}
     * returns only after the thread's last assignment (the bridges release the loop earlier).
     */
    static void onVirtualThread(Runnable body) {
        io.sluice.loop.KeepAlive alive = EventLoop.current().keepAlive();
        Thread.ofVirtual().start(() -> {
            try {
                body.run();
            } finally {
                alive.close();
            }
        });
    }

    @Test
    void iteratorOver100kChunksFromVirtualThread() {
        long[] sum = {0};
        int[] count = {0};
        Must.run(() -> {
            Readable<Integer> r = Readables.from(IntStream.range(0, 100_000).boxed().iterator(),
                    StreamOptions.create().highWaterMark(256));
            StreamIterator<Integer> it = Readables.iterator(r);
            onVirtualThread(() -> {
                while (it.hasNext()) {
                    sum[0] += it.next();
                    count[0]++;
                }
            });
            r.on(Stream.CLOSE, Must.callConsumer());
        });
        assertThat(count[0]).isEqualTo(100_000);
        assertThat(sum[0]).isEqualTo(100_000L * 99_999 / 2);
    }

    @Test
    void iteratorOnLoopThreadThrows() {
        Must.run(() -> {
            Readable<Integer> r = Readables.from(java.util.List.of(1));
            StreamIterator<Integer> it = Readables.iterator(r);
            assertThatThrownBy(it::hasNext).isInstanceOf(IllegalStateException.class).hasMessageContaining("deadlock");
            it.close();
        });
    }

    @Test
    void iteratorRethrowsStreamErrorOnceThenIsExhausted() {
        Throwable[] seen = {null};
        boolean[] afterwards = {true};
        RuntimeException boom = new RuntimeException("boom");
        Must.run(() -> {
            Readable<Object> r = new Readable<>(StreamOptions.create().objectMode(true).doRead((s, n) -> {}));
            r.on(EventEmitter.ERROR, e -> {});
            StreamIterator<Object> it = Readables.iterator(r);
            onVirtualThread(() -> {
                try {
                    it.hasNext();
                } catch (RuntimeException e) {
                    seen[0] = e;
                }
                afterwards[0] = it.hasNext();
            });
            EventLoop.current().setTimeout(() -> r.destroy(boom), 10);
        });
        assertThat(seen[0]).isSameAs(boom);
        assertThat(afterwards[0]).isFalse();
    }

    @Test
    void destroyWithoutErrorDuringIterationIsPrematureClose() {
        Throwable[] seen = {null};
        Must.run(() -> {
            Readable<Object> r = new Readable<>(StreamOptions.create().objectMode(true).doRead((s, n) -> {}));
            StreamIterator<Object> it = Readables.iterator(r);
            onVirtualThread(() -> {
                try {
                    it.hasNext();
                } catch (RuntimeException e) {
                    seen[0] = e;
                }
            });
            EventLoop.current().setTimeout(r::destroy, 10);
        });
        assertThat(((NodeError) seen[0]).code()).isEqualTo(ErrorCodes.ERR_STREAM_PREMATURE_CLOSE);
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(42).nextBytes(b);
        return b;
    }

    private static byte[] sha256(byte[] b) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(b);
    }

    @Test
    void inputStreamOutputStreamRoundTripKeepsSha256() throws Exception {
        byte[] data = randomBytes(3 * 1024 * 1024 + 17);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        Must.run(() -> {
            // InputStream → Readable → PassThrough → toInputStream() read by a virtual thread,
            // which writes into toOutputStream() of a Writable over a ByteArrayOutputStream.
            Readable<Buffer> src = Readables.from(new ByteArrayInputStream(data), StreamOptions.create().highWaterMark(16384));
            PassThrough<Buffer> mid = new PassThrough<>();
            Pipelines.pipeline(src, mid, (e, v) -> assertThat(e).isNull());
            InputStream in = Readables.toInputStream(mid);
            Writable<Buffer> dst = Writables.from(sink);
            OutputStream out = Writables.toOutputStream(dst);
            dst.on(Stream.CLOSE, Must.callConsumer());
            onVirtualThread(() -> {
                try (in; out) {
                    in.transferTo(out);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
        });
        assertThat(sink.size()).isEqualTo(data.length);
        assertThat(sha256(sink.toByteArray())).isEqualTo(sha256(data));
    }

    @Test
    void inputStreamEarlyCloseDestroysWithAbortError() {
        Must.run(() -> {
            Readable<Buffer> src = Readables.from(new ByteArrayInputStream(randomBytes(1 << 20)),
                    StreamOptions.create().highWaterMark(4096));
            src.on(EventEmitter.ERROR, Must.callConsumer(e -> assertThat(e).isInstanceOf(AbortException.class)));
            src.on(Stream.CLOSE, Must.callConsumer());
            InputStream in = Readables.toInputStream(src);
            onVirtualThread(() -> {
                try (in) {
                    assertThat(in.read(new byte[100])).isPositive();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
        });
    }

    @Test
    void readableFromInputStreamNeverBuffersBeyondHighWaterMark() {
        AtomicLong maxBuffered = new AtomicLong();
        Must.run(() -> {
            Readable<Buffer> src = Readables.from(new ByteArrayInputStream(randomBytes(1 << 20)),
                    StreamOptions.create().highWaterMark(8192));
            EventLoop loop = EventLoop.current();
            // A slow paused consumer: read 1 KiB every millisecond and sample the buffer.
            long[] total = {0};
            io.sluice.loop.Timer[] t = new io.sluice.loop.Timer[1];
            t[0] = loop.setInterval(() -> {
                maxBuffered.accumulateAndGet(src.readableLength(), Math::max);
                Buffer b = src.read(1024);
                if (b != null) {
                    total[0] += b.length();
                }
                if (src.readableEnded() || total[0] >= 64 * 1024) {
                    t[0].cancel();
                    src.destroy();
                }
            }, 1);
        });
        assertThat(maxBuffered.get()).isLessThanOrEqualTo(8192);
    }

    @Test
    void outputStreamBlocksWhileWritableIsFull() {
        AtomicLong maxBuffered = new AtomicLong();
        long[] written = {0};
        Must.run(() -> {
            EventLoop loop = EventLoop.current();
            // A slow destination: each write completes 1 ms later.
            Writable<Object> slow = new Writable<>(StreamOptions.create().highWaterMark(4096).doWrite((s, chunk, enc, cb) -> {
                written[0] += ((Buffer) chunk).length();
                loop.setTimeout(cb::done, 1);
            }));
            io.sluice.loop.Timer sampler = loop.setInterval(() -> maxBuffered.accumulateAndGet(slow.writableLength(), Math::max), 1);
            OutputStream out = Writables.toOutputStream(slow);
            onVirtualThread(() -> {
                try (out) {
                    byte[] chunk = new byte[1000];
                    for (int i = 0; i < 100; i++) {
                        out.write(chunk);
                    }
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
                loop.execute(sampler::cancel);
            });
        });
        assertThat(written[0]).isEqualTo(100_000);
        // Credit: at most one highWaterMark plus one chunk waiting in the Writable.
        assertThat(maxBuffered.get()).isLessThanOrEqualTo(4096 + 1000);
    }

    @Test
    void outputStreamWriteOnLoopThreadThrows() {
        Must.run(() -> {
            Writable<Object> w = new Writable<>(StreamOptions.create().doWrite((s, c, e, cb) -> cb.done()));
            OutputStream out = Writables.toOutputStream(w);
            assertThatThrownBy(() -> out.write(1)).isInstanceOf(IllegalStateException.class).hasMessageContaining("deadlock");
            CompletableFuture.runAsync(() -> {
                try {
                    out.close();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            }, Thread::startVirtualThread);
        });
    }
}
