package io.sluice.fs;

import static io.sluice.fs.FsTesting.listNames;
import static io.sluice.fs.FsTesting.read;
import static io.sluice.fs.FsTesting.record;
import static io.sluice.fs.FsTesting.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.buffer.Buffer;
import io.sluice.event.EventEmitter;
import io.sluice.testing.Must;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code atomic} option: the target changes only by a complete rename, never partially. */
class AtomicWriteStreamTest {
    @TempDir
    Path dir;

    private static String text(Path f) {
        return new String(read(f), StandardCharsets.UTF_8);
    }

    @Test
    void finishRenamesTheTemporaryFileOverTheTarget() {
        Path target = write(dir.resolve("target.txt"), "old".getBytes(StandardCharsets.UTF_8));
        List<String> log = new ArrayList<>();
        List<String> during = new ArrayList<>();
        Must.run(() -> {
            WriteStream w = Fs.createWriteStream(target, WriteStreamOptions.create().atomic(true));
            record(w, log);
            w.on(WriteStream.READY, v -> w.write("new ", e -> {
                // Mid-write the target is untouched and the data sits in a hidden sibling.
                during.add(text(target));
                during.addAll(listNames(dir));
                w.end("content");
            }));
        });
        assertThat(log).containsExactly("open", "ready", "finish", "close");
        assertThat(during).hasSize(3);
        assertThat(during.get(0)).isEqualTo("old");
        assertThat(during.get(1)).matches("\\.target\\.txt\\.[0-9a-f]{12}\\.tmp");
        assertThat(during.get(2)).isEqualTo("target.txt");
        assertThat(text(target)).isEqualTo("new content");
        assertThat(listNames(dir)).containsExactly("target.txt");
    }

    @Test
    void targetIsInPlaceWhenFinishIsEmitted() {
        Path target = dir.resolve("t");
        List<String> seen = new ArrayList<>();
        Must.run(() -> {
            WriteStream w = Fs.createWriteStream(target, WriteStreamOptions.create().atomic(true));
            w.on(WriteStream.FINISH, Must.callConsumer(v -> seen.add(text(target))));
            w.end("done");
        });
        assertThat(seen).containsExactly("done");
    }

    @Test
    void destroyMidWriteLeavesNeitherTargetNorTemporaryFile() {
        Path target = dir.resolve("never");
        List<String> log = new ArrayList<>();
        Must.run(() -> {
            WriteStream w = Fs.createWriteStream(target, WriteStreamOptions.create().atomic(true));
            record(w, log);
            w.write("x", first -> {
                // The second write is in flight when destroy() runs.
                w.write(Buffer.wrap(new byte[1 << 20]));
                w.destroy();
                log.add("closedAtOnce=" + w.closed());
            });
        });
        assertThat(log).containsExactly("open", "ready", "closedAtOnce=false", "close");
        assertThat(Files.exists(target)).isFalse();
        assertThat(listNames(dir)).isEmpty();
    }

    @Test
    void destroyBeforeOpenLeavesNothing() {
        Path target = dir.resolve("early");
        List<String> log = new ArrayList<>();
        Must.run(() -> {
            WriteStream w = Fs.createWriteStream(target, WriteStreamOptions.create().atomic(true));
            record(w, log);
            w.write("queued");
            w.destroy();
        });
        // As Node: a destroy during construction waits for the open, so 'open'/'ready' still come.
        assertThat(log).containsExactly("open", "ready", "close");
        assertThat(listNames(dir)).isEmpty();
    }

    @Test
    void anErrorKeepsTheOldTargetAndDeletesTheTemporaryFile() {
        Path target = write(dir.resolve("keep"), "precious".getBytes(StandardCharsets.UTF_8));
        List<String> log = new ArrayList<>();
        Must.run(() -> {
            WriteStream w = Fs.createWriteStream(target, WriteStreamOptions.create().atomic(true));
            record(w, log);
            w.write("half a file", e -> w.destroy(new IllegalStateException("source failed")));
        });
        assertThat(log).containsExactly("open", "ready", "error:java.lang.IllegalStateException: source failed", "close");
        assertThat(text(target)).isEqualTo("precious");
        assertThat(listNames(dir)).containsExactly("keep");
    }

    @Test
    void abortingTheSignalDeletesTheTemporaryFile() {
        Path target = dir.resolve("aborted");
        List<String> log = new ArrayList<>();
        Must.run(() -> {
            io.sluice.event.AbortController ac = new io.sluice.event.AbortController();
            WriteStream w = Fs.createWriteStream(target, WriteStreamOptions.create().atomic(true).signal(ac.signal()));
            record(w, log);
            w.write("partial", e -> ac.abort());
        });
        assertThat(log).containsExactly("open", "ready", "error:ABORT_ERR", "close");
        assertThat(listNames(dir)).isEmpty();
    }

    @Test
    void wxRefusesAnExistingTargetAtOpen() {
        Path target = write(dir.resolve("exists"), new byte[] {1});
        List<String> messages = new ArrayList<>();
        Must.run(() -> Fs.createWriteStream(target, WriteStreamOptions.create().atomic(true).flags("wx"))
                .on(EventEmitter.ERROR, Must.callConsumer(e -> messages.add(e.getMessage()))));
        assertThat(messages).containsExactly("EEXIST: file already exists, open '" + target + "'");
        assertThat(listNames(dir)).containsExactly("exists");
    }

    @Test
    void wxNeverReplacesATargetThatAppearedWhileWriting() {
        Path target = dir.resolve("race");
        List<String> log = new ArrayList<>();
        List<String> err = new ArrayList<>();
        Must.run(() -> {
            WriteStream w = Fs.createWriteStream(target, WriteStreamOptions.create().atomic(true).flags("wx"));
            record(w, log);
            w.on(EventEmitter.ERROR, e -> err.add(((FsException) e).syscall() + " " + ((FsException) e).dest()));
            w.on(WriteStream.READY, v -> {
                write(target, "someone else".getBytes(StandardCharsets.UTF_8));
                w.end("mine");
            });
        });
        assertThat(log).containsExactly("open", "ready", "error:EEXIST", "close");
        assertThat(err).containsExactly("link " + target);
        assertThat(text(target)).isEqualTo("someone else");
        assertThat(listNames(dir)).containsExactly("race");
    }

    @Test
    void missingFolderIsEnoentNamingTheTarget() {
        Path target = dir.resolve("no/such/dir/file");
        List<String> messages = new ArrayList<>();
        Must.run(() -> Fs.createWriteStream(target, WriteStreamOptions.create().atomic(true))
                .on(EventEmitter.ERROR, Must.callConsumer(e -> messages.add(e.getMessage()))));
        assertThat(messages).containsExactly("ENOENT: no such file or directory, open '" + target + "'");
    }
}
