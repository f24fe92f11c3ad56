package io.sluice.fs;

import static io.sluice.fs.FsTesting.listNames;
import static io.sluice.fs.FsTesting.openDescriptorsTo;
import static io.sluice.fs.FsTesting.record;
import static io.sluice.fs.FsTesting.sha256;
import static io.sluice.fs.FsTesting.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.buffer.Buffer;
import io.sluice.event.EventEmitter;
import io.sluice.testing.Must;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Read stream piped into write stream: bytes, counters, events, and failure on either side. */
class FileCopyTest {
    @TempDir
    Path dir;

    /** pipeline()'s contract by hand (Streams has no pipeline yet): a failure destroys both ends. */
    private static void pipeline(ReadStream<Buffer> in, WriteStream out) {
        in.on(EventEmitter.ERROR, e -> out.destroy(e));
        out.on(EventEmitter.ERROR, e -> in.destroy());
        in.pipe(out);
    }

    @Test
    void copies64MiBWithEqualDigestAndCounters() {
        Path src = write(dir.resolve("src"), FsTesting.randomBytes(64 << 20, 42));
        Path dst = dir.resolve("dst");
        List<String> readLog = new ArrayList<>();
        List<String> writeLog = new ArrayList<>();
        long[] counts = new long[2];
        Must.run(() -> {
            ReadStream<Buffer> in = Fs.createReadStream(src);
            WriteStream out = Fs.createWriteStream(dst);
            in.on(ReadStream.OPEN, ch -> readLog.add("open"));
            in.on(ReadStream.END, v -> readLog.add("end"));
            in.onClose(() -> {
                readLog.add("close");
                counts[0] = in.bytesRead();
            });
            record(out, writeLog);
            out.onClose(() -> counts[1] = out.bytesWritten());
            pipeline(in, out);
        });
        assertThat(readLog).containsExactly("open", "end", "close");
        assertThat(writeLog).containsExactly("open", "ready", "finish", "close");
        assertThat(counts).containsExactly(64L << 20, 64L << 20);
        assertThat(sha256(dst)).isEqualTo(sha256(src));
    }

    @Test
    void atomicCopyAppearsWhole() {
        Path src = write(dir.resolve("src"), FsTesting.randomBytes(3 << 20, 7));
        Path dst = dir.resolve("dst");
        Must.run(() -> pipeline(Fs.createReadStream(src),
                Fs.createWriteStream(dst, WriteStreamOptions.create().atomic(true).flush(true))));
        assertThat(sha256(dst)).isEqualTo(sha256(src));
        assertThat(listNames(dir)).containsExactly("dst", "src");
    }

    @Test
    void devFullFailsTheCopyOnceAndClosesTheSource() {
        Path full = Path.of("/dev/full");
        Assumptions.assumeTrue(Files.isWritable(full), "/dev/full is Linux only");
        Path src = write(dir.resolve("src"), FsTesting.randomBytes(1 << 20, 3));
        List<String> readLog = new ArrayList<>();
        List<String> writeLog = new ArrayList<>();
        Must.run(() -> {
            ReadStream<Buffer> in = Fs.createReadStream(src);
            WriteStream out = Fs.createWriteStream(full);
            in.on(ReadStream.END, v -> readLog.add("end"));
            in.on(EventEmitter.ERROR, e -> readLog.add("error"));
            in.onClose(() -> readLog.add("close"));
            record(out, writeLog);
            pipeline(in, out);
        });
        assertThat(writeLog).containsExactly("open", "ready", "error:ENOSPC", "close");
        assertThat(readLog).containsExactly("close");
        assertThat(openDescriptorsTo(src)).isZero();
    }

    @Test
    void aFailingSourceLeavesNoAtomicTarget() throws Exception {
        // A directory opens fine and fails on the first read (EISDIR), after the target was opened.
        Path srcDir = Files.createDirectories(dir.resolve("a-directory"));
        Path dst = dir.resolve("dst");
        List<String> writeLog = new ArrayList<>();
        Must.run(() -> {
            WriteStream out = Fs.createWriteStream(dst, WriteStreamOptions.create().atomic(true));
            record(out, writeLog);
            pipeline(Fs.createReadStream(srcDir), out);
        });
        assertThat(writeLog).endsWith("error:EISDIR", "close");
        assertThat(listNames(dir)).containsExactly("a-directory");
    }
}
