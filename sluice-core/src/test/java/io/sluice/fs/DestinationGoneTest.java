package io.sluice.fs;

import static io.sluice.fs.FsTesting.listNames;
import static io.sluice.fs.FsTesting.openDescriptors;
import static io.sluice.fs.FsTesting.openDescriptorsTo;
import static io.sluice.fs.FsTesting.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.buffer.Buffer;
import io.sluice.error.NodeError;
import io.sluice.event.EventEmitter;
import io.sluice.loop.EventLoop;
import io.sluice.stream.Stream;
import io.sluice.stream.Streams;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The destination's folder is removed while a large copy is running.
 *
 * <p>What Sluice does, and why: on Linux a descriptor keeps an unlinked file alive, so writes to
 * it go on succeeding — Node 20's copy resolves normally with all bytes written into a file no
 * one can see (checked by running node), and a plain write stream does the same. An atomic
 * write stream is different: it must put its temporary file in place under the target's name at
 * the end, and that rename fails (ENOENT) when the folder is gone. The copy must then fail with
 * exactly that one error, close the source, and leave no target behind.
 */
class DestinationGoneTest {
    private static final int SIZE = 32 << 20;
    private static final int REMOVE_AT = 8 << 20;

    @TempDir
    Path dir;

    @BeforeAll
    static void warmUp() throws IOException {
        // Load every class of the copy path first, so jar descriptors opened by class loading do
        // not count as leaks in the descriptor totals below.
        Path tmp = Files.createTempDirectory("sluice-warm");
        Path src = write(tmp.resolve("s"), new byte[100_000]);
        EventLoop.run(() -> Streams.pipeline(Fs.createReadStream(src),
                Fs.createWriteStream(tmp.resolve("d"), WriteStreamOptions.create().atomic(true)))
                .whenComplete((v, e) -> {}));
        Files.delete(tmp.resolve("d"));
        Files.delete(src);
        Files.delete(tmp);
    }

    /** Descriptors whose target lies under {@code folder}, deleted files ("... (deleted)") included. */
    private static int descriptorsUnder(Path folder) {
        String prefix = folder.toAbsolutePath().normalize().toString();
        int n = 0;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    if (Files.readSymbolicLink(fd).toString().startsWith(prefix)) {
                        n++;
                    }
                } catch (IOException gone) {
                    // the directory stream's own descriptor
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return n;
    }

    private static void log(Stream s, String name, List<String> log) {
        s.on(EventEmitter.ERROR, e -> log.add(name + " error " + ((NodeError) e).code()));
        s.onClose(() -> log.add(name + " close"));
    }

    /** Removes {@code out}'s entries and then {@code out} itself, recording the names removed. */
    private static void removeFolder(Path out, List<String> log) {
        try {
            for (String name : listNames(out)) {
                log.add("removed " + name);
                Files.delete(out.resolve(name));
            }
            Files.delete(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies {@code src} to {@code target} in one pipeline, removing target's folder after {@link #REMOVE_AT} bytes read. */
    private static Throwable copyRemovingTheFolder(Path src, Path target, WriteStreamOptions options, List<String> log,
            long[] bytesWritten) {
        Throwable[] result = {null};
        EventLoop.run(() -> {
            ReadStream<Buffer> in = Fs.createReadStream(src);
            WriteStream out = Fs.createWriteStream(target, options);
            log(in, "in", log);
            log(out, "out", log);
            long[] read = {0};
            // A 'data' listener on a piped stream only observes (it is flowing already). By 8 MiB
            // read the destination is surely open: pipe's back-pressure holds the source at the
            // write stream's 16 KiB highWaterMark until the open completes.
            in.onData(chunk -> {
                long before = read[0];
                read[0] += chunk.length();
                if (before < REMOVE_AT && read[0] >= REMOVE_AT) {
                    removeFolder(target.getParent(), log);
                }
            });
            Streams.pipeline(in, out).whenComplete((v, e) -> {
                log.add(e == null ? "resolved" : "rejected " + ((NodeError) e).code());
                result[0] = e;
                bytesWritten[0] = out.bytesWritten();
            });
        });
        return result[0];
    }

    @Test
    void anAtomicCopyWhoseFolderIsRemovedFailsOnceWithEnoentOnRename() throws IOException {
        Path src = write(dir.resolve("src.bin"), FsTesting.randomBytes(SIZE, 5));
        Path out = Files.createDirectory(dir.resolve("out"));
        Path target = out.resolve("dst.bin");
        int baseline = openDescriptors();
        List<String> log = new ArrayList<>();
        long[] written = {-1};

        Throwable err = copyRemovingTheFolder(src, target, WriteStreamOptions.create().atomic(true), log, written);

        assertThat(log).hasSize(5);
        assertThat(log.get(0)).matches("removed \\.dst\\.bin\\.[0-9a-f]{12}\\.tmp");
        String temp = out.toAbsolutePath().resolve(log.get(0).substring("removed ".length())).toString();
        // The source has ended and closed before the rename is attempted; then the one error, and
        // the future settles once the destination has closed (and deleted nothing: the
        // temporary file was already gone).
        assertThat(log.subList(1, 5)).containsExactly("in close", "out error ENOENT", "out close", "rejected ENOENT");
        FsException fe = (FsException) err;
        assertThat(fe.code()).isEqualTo("ENOENT");
        assertThat(fe.errno()).isEqualTo(-2);
        assertThat(fe.syscall()).isEqualTo("rename");
        assertThat(fe.path()).isEqualTo(temp);
        assertThat(fe.dest()).isEqualTo(target.toString());
        assertThat(fe.getMessage()).isEqualTo("ENOENT: no such file or directory, rename '" + temp + "' -> '" + target + "'");
        // Every byte had been accepted by the (unlinked) temporary file: only the rename failed.
        assertThat(written[0]).isEqualTo(SIZE);
        assertThat(Files.exists(target)).isFalse();
        assertThat(listNames(dir)).containsExactly("src.bin");
        assertThat(openDescriptorsTo(src)).isZero();
        assertThat(descriptorsUnder(dir)).isZero();
        assertThat(openDescriptors()).isEqualTo(baseline);
    }

    @Test
    void aPlainCopyWhoseFolderIsRemovedSucceedsIntoTheUnlinkedFileAsInNode() throws IOException {
        // Node 20 (fs.createReadStream → fs.createWriteStream, folder removed at 8 MiB of 32):
        // pipeline resolves, bytesWritten 33554432, the folder does not exist.
        Path src = write(dir.resolve("src.bin"), FsTesting.randomBytes(SIZE, 6));
        Path out = Files.createDirectory(dir.resolve("out"));
        Path target = out.resolve("dst.bin");
        int baseline = openDescriptors();
        List<String> log = new ArrayList<>();
        long[] written = {-1};

        Throwable err = copyRemovingTheFolder(src, target, WriteStreamOptions.create(), log, written);

        assertThat(err).isNull();
        assertThat(log).containsExactly("removed dst.bin", "in close", "out close", "resolved");
        assertThat(written[0]).isEqualTo(SIZE);
        assertThat(listNames(dir)).containsExactly("src.bin");
        assertThat(descriptorsUnder(dir)).isZero();
        assertThat(openDescriptors()).isEqualTo(baseline);
    }
}
