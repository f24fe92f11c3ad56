package io.sluice.fs;

import static io.sluice.fs.FsTesting.randomBytes;
import static io.sluice.fs.FsTesting.sha256;
import static io.sluice.fs.FsTesting.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.buffer.Buffer;
import io.sluice.event.EventEmitter;
import io.sluice.stream.ReadableStream;
import io.sluice.stream.Streams;
import io.sluice.testing.Must;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each file stream's worker thread ({@link IoWorker}) lives exactly as long as its stream: it
 * waits for the next call (yielding, then parked) while the stream is open and ends once the
 * stream closes, whether it ended, was destroyed mid-read or failed to open.
 */
class IoWorkerLifetimeTest {
    @TempDir
    Path dir;

    /** The workers still running once the threads that just closed have had time to end. */
    private static int liveAfterSettling(int baseline) throws InterruptedException {
        for (int i = 0; i < 200 && IoWorker.LIVE.get() != baseline; i++) {
            Thread.sleep(10);
        }
        return IoWorker.LIVE.get();
    }

    @Test
    void aCopyRunsOneWorkerPerStreamAndEndsBoth() throws Exception {
        int baseline = IoWorker.LIVE.get();
        Path src = write(dir.resolve("src"), randomBytes(8 << 20, 7));
        Path dst = dir.resolve("dst");
        int[] duringCopy = {-1};
        Must.run(() -> {
            ReadStream<Buffer> in = Fs.createReadStream(src);
            WriteStream out = Fs.createWriteStream(dst);
            in.once(ReadableStream.DATA, chunk -> duringCopy[0] = IoWorker.LIVE.get() - baseline);
            Streams.pipeline(in, out).whenComplete(Must.callBiConsumer((v, err) -> assertThat(err).isNull()));
        });
        assertThat(duringCopy[0]).isEqualTo(2);
        assertThat(sha256(dst)).isEqualTo(sha256(src));
        assertThat(liveAfterSettling(baseline)).isEqualTo(baseline);
    }

    @Test
    void aReadStreamDestroyedAfterItsFirstChunkEndsItsWorker() throws Exception {
        int baseline = IoWorker.LIVE.get();
        Path src = write(dir.resolve("src"), randomBytes(1 << 20, 8));
        List<String> log = new ArrayList<>();
        Must.run(() -> {
            ReadStream<Buffer> in = Fs.createReadStream(src);
            in.on(ReadableStream.DATA, chunk -> {
                log.add("data " + ((Buffer) chunk).length());
                in.destroy();
            });
            in.onClose(() -> log.add("close"));
        });
        assertThat(log).containsExactly("data 65536", "close");
        assertThat(liveAfterSettling(baseline)).isEqualTo(baseline);
    }

    @Test
    void aStreamThatFailsToOpenEndsItsWorker() throws Exception {
        int baseline = IoWorker.LIVE.get();
        List<String> log = new ArrayList<>();
        Must.run(() -> {
            ReadStream<Buffer> in = Fs.createReadStream(dir.resolve("missing"));
            in.on(EventEmitter.ERROR, e -> log.add(((FsException) e).code()));
            in.onClose(() -> log.add("close"));
        });
        assertThat(log).containsExactly("ENOENT", "close");
        assertThat(liveAfterSettling(baseline)).isEqualTo(baseline);
    }

    @Test
    void aHundredSequentialCopiesLeaveNoWorkerBehind() throws Exception {
        int baseline = IoWorker.LIVE.get();
        Path src = write(dir.resolve("src"), randomBytes(200_000, 9));
        for (int i = 0; i < 100; i++) {
            Path dst = dir.resolve("dst" + i);
            Must.run(() -> Streams.pipeline(Fs.createReadStream(src), Fs.createWriteStream(dst))
                    .whenComplete(Must.callBiConsumer((v, err) -> assertThat(err).isNull())));
        }
        assertThat(liveAfterSettling(baseline)).isEqualTo(baseline);
        assertThat(sha256(dir.resolve("dst99"))).isEqualTo(sha256(src));
    }
}
