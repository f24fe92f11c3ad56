package io.sluice.fs;

import static io.sluice.fs.FsTesting.openDescriptors;
import static io.sluice.fs.FsTesting.openDescriptorsTo;
import static io.sluice.fs.FsTesting.read;
import static io.sluice.fs.FsTesting.record;
import static io.sluice.fs.FsTesting.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.buffer.Buffer;
import io.sluice.error.ErrorCodes;
import io.sluice.error.NodeTypeException;
import io.sluice.event.EventEmitter;
import io.sluice.loop.EventLoop;
import io.sluice.testing.Must;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fs.createWriteStream: flags, start, encodings, batching and failures, as Node 20 behaves. */
class WriteStreamTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void warmUp() {
        EventLoop.run(() -> Fs.createReadStream(Path.of("/proc/self/status")).resume());
    }

    private static String latin1(Path f) {
        return new String(read(f), StandardCharsets.ISO_8859_1);
    }

    @Test
    void writesThenFinishesThenCloses() {
        Path f = dir.resolve("out");
        List<String> log = new ArrayList<>();
        long[] written = {-1};
        Must.run(() -> {
            WriteStream w = Fs.createWriteStream(f);
            record(w, log);
            assertThat(w.pending()).isTrue();
            w.write("12");
            w.write(Buffer.from(new byte[] {'3'}));
            w.end("4", Must.callConsumer((Throwable e) -> log.add("end cb " + e))::accept);
            w.onClose(() -> written[0] = w.bytesWritten());
        });
        assertThat(log).containsExactly("open", "ready", "end cb null", "finish", "close");
        assertThat(latin1(f)).isEqualTo("1234");
        assertThat(written[0]).isEqualTo(4);
        assertThat(openDescriptorsTo(f)).isZero();
    }

    @Test
    void writeCallbacksPrefinishAndFinishInNodesOrder() {
        // Node 20: open ready cb1 cb2 prefinish endcb finish close (the second and third writes
        // are gathered into one writev while the first is in flight).
        Path f = dir.resolve("order");
        List<String> log = new ArrayList<>();
        Must.run(() -> {
            WriteStream w = Fs.createWriteStream(f);
            w.on(WriteStream.OPEN, ch -> log.add("open"));
            w.on(WriteStream.READY, v -> log.add("ready"));
            w.on(WriteStream.PREFINISH, v -> log.add("prefinish"));
            w.on(WriteStream.FINISH, v -> log.add("finish"));
            w.onClose(() -> log.add("close"));
            w.write("a", e -> log.add("cb1"));
            w.write("b", e -> log.add("cb2"));
            w.end("c", e -> log.add("endcb"));
        });
        assertThat(log).containsExactly("open", "ready", "cb1", "cb2", "prefinish", "endcb", "finish", "close");
        assertThat(latin1(f)).isEqualTo("abc");
    }

    @Test
    void appendFlagsAndDefaultEncoding() {
        // Node 20 prints 12345 for: 'a' write '12','3'; then 'a' with encoding 'hex' end('3435').
        Path f = dir.resolve("a1");
        Must.run(() -> {
            WriteStream w = Fs.createWriteStream(f, WriteStreamOptions.create().flags("a"));
            w.write("12");
            w.end("3", Must.callConsumer((Throwable e) -> {
                WriteStream w2 = Fs.createWriteStream(f.toString(), WriteStreamOptions.create().flags("a").encoding("hex"));
                w2.end("3435");
            })::accept);
        });
        assertThat(latin1(f)).isEqualTo("12345");
    }

    @Test
    void startWithRPlusOverwritesInPlace() {
        Path f = write(dir.resolve("rp"), "abcdef".getBytes(StandardCharsets.US_ASCII));
        long[] written = {-1};
        Must.run(() -> {
            WriteStream w = Fs.createWriteStream(f, WriteStreamOptions.create().flags("r+").start(2));
            w.end("ZZ");
            w.onClose(() -> written[0] = w.bytesWritten());
        });
        assertThat(latin1(f)).isEqualTo("abZZef");
        assertThat(written[0]).isEqualTo(2);
    }

    @Test
    void startBeyondTheEndLeavesAHole() {
        Path f = dir.resolve("hole");
        Must.run(() -> Fs.createWriteStream(f, WriteStreamOptions.create().start(3)).end("xy"));
        assertThat(read(f)).containsExactly(0, 0, 0, 'x', 'y');
    }

    @Test
    void wxOnAnExistingFileIsOneEexistAndTheWriteCallbackFails() {
        Path f = write(dir.resolve("ex"), new byte[] {'X'});
        List<String> log = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        Must.run(() -> {
            WriteStream w = Fs.createWriteStream(f, WriteStreamOptions.create().flags("wx"));
            record(w, log);
            w.on(EventEmitter.ERROR, e -> messages.add(e.getMessage()));
            w.write("a", Must.callConsumer((Throwable e) -> log.add("write cb " + ((FsException) e).code()))::accept);
            w.end();
        });
        // Node 20: wx wcb EEXIST, then ["error:EEXIST", "close"]
        assertThat(log).containsExactly("write cb EEXIST", "error:EEXIST", "close");
        assertThat(messages).containsExactly("EEXIST: file already exists, open '" + f + "'");
        assertThat(latin1(f)).isEqualTo("X");
    }

    @Test
    void aDirectoryIsEisdirOnOpen() {
        List<String> messages = new ArrayList<>();
        List<String> log = new ArrayList<>();
        Must.run(() -> {
            WriteStream w = Fs.createWriteStream(dir);
            record(w, log);
            w.on(EventEmitter.ERROR, e -> messages.add(e.getMessage() + " syscall=" + ((FsException) e).syscall()));
        });
        assertThat(log).containsExactly("error:EISDIR", "close");
        assertThat(messages).containsExactly("EISDIR: illegal operation on a directory, open '" + dir + "' syscall=open");
    }

    @Test
    void devFullIsOneEnospcOnWrite() {
        Path full = Path.of("/dev/full");
        Assumptions.assumeTrue(Files.isWritable(full), "/dev/full is Linux only");
        int before = openDescriptors();
        List<String> log = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        long[] written = {-1};
        Must.run(() -> {
            WriteStream w = Fs.createWriteStream(full);
            record(w, log);
            w.on(EventEmitter.ERROR, e -> messages.add(e.getMessage() + " errno=" + ((FsException) e).errno()));
            w.write("abc", Must.callConsumer((Throwable e) -> log.add("write cb " + ((FsException) e).code()))::accept);
            w.end();
            w.onClose(() -> written[0] = w.bytesWritten());
        });
        // Node 20: wcb ENOSPC, then ["open","ready","error:ENOSPC","close"], bytesWritten 0
        assertThat(log).containsExactly("open", "ready", "write cb ENOSPC", "error:ENOSPC", "close");
        assertThat(messages).containsExactly("ENOSPC: no space left on device, write errno=-28");
        assertThat(written[0]).isZero();
        assertThat(openDescriptors()).isEqualTo(before);
    }

    @Test
    void permissionDeniedIsEacces() {
        // Root ignores file modes; this sysfs attribute refuses writes even to root.
        Path notes = Path.of("/sys/kernel/notes");
        Assumptions.assumeTrue(Files.exists(notes));
        List<String> messages = new ArrayList<>();
        Must.run(() -> Fs.createWriteStream(notes, WriteStreamOptions.create().flags("r+"))
                .on(EventEmitter.ERROR, Must.callConsumer(e -> messages.add(((FsException) e).code() + " " + e.getMessage()))));
        assertThat(messages).containsExactly("EACCES EACCES: permission denied, open '/sys/kernel/notes'");
    }

    @Test
    void corkedWritesAreGatheredIntoOneWritev() {
        Path f = dir.resolve("v");
        StringBuilder expected = new StringBuilder();
        long[] written = {-1};
        Must.run(() -> {
            WriteStream w = Fs.createWriteStream(f, WriteStreamOptions.create().highWaterMark(1 << 20));
            w.on(WriteStream.READY, v -> {
                w.cork();
                for (int i = 0; i < 1000; i++) {
                    String s = i + ",";
                    expected.append(s);
                    w.write(s);
                }
                // one chunk larger than the native buffer, split across several write calls
                byte[] big = FsTesting.randomBytes(3 << 20, 9);
                w.write(Buffer.wrap(big));
                expected.append(new String(big, StandardCharsets.ISO_8859_1));
                w.uncork();
                w.end();
            });
            w.onClose(() -> written[0] = w.bytesWritten());
        });
        assertThat(latin1(f)).isEqualTo(expected.toString());
        assertThat(written[0]).isEqualTo(expected.length());
    }

    @Test
    void flushFsyncsBeforeFinish() {
        Path f = dir.resolve("flush");
        List<String> log = new ArrayList<>();
        Must.run(() -> {
            WriteStream w = Fs.createWriteStream(f, WriteStreamOptions.create().flush(true));
            record(w, log);
            w.end("durable");
        });
        assertThat(log).containsExactly("open", "ready", "finish", "close");
        assertThat(latin1(f)).isEqualTo("durable");
    }

    @Test
    void destroyMidWriteClosesTheDescriptor() {
        Path f = dir.resolve("d");
        List<String> log = new ArrayList<>();
        Must.run(() -> {
            WriteStream w = Fs.createWriteStream(f);
            record(w, log);
            w.write("a", first -> {
                // Constructed and idle: this write goes straight to doWrite, so it is in flight
                // when destroy() runs, and the close must wait for it (closed() stays false).
                w.write(Buffer.wrap(new byte[4 << 20]),
                        e -> log.add("write cb " + (e == null ? null : ((io.sluice.error.NodeError) e).code())));
                w.destroy();
                log.add("closedAtOnce=" + w.closed());
            });
        });
        assertThat(log).containsExactly("open", "ready", "closedAtOnce=false",
                "write cb " + ErrorCodes.ERR_STREAM_DESTROYED, "close");
        assertThat(openDescriptorsTo(f)).isZero();
    }

    @Test
    void readOnlyFlagsFailTheFirstWriteWithEbadf() {
        // Node 20: ["open","ready","error:EBADF:EBADF: bad file descriptor, write","close"]
        Path f = write(dir.resolve("ro"), "keep".getBytes(StandardCharsets.US_ASCII));
        List<String> log = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        Must.run(() -> {
            WriteStream w = Fs.createWriteStream(f, WriteStreamOptions.create().flags("r"));
            record(w, log);
            w.on(EventEmitter.ERROR, e -> messages.add(e.getMessage()));
            w.end("x");
        });
        assertThat(log).containsExactly("open", "ready", "error:EBADF", "close");
        assertThat(messages).containsExactly("EBADF: bad file descriptor, write");
        assertThat(latin1(f)).isEqualTo("keep");
    }

    @Test
    void wxCreatesAMissingFile() {
        Path f = dir.resolve("fresh");
        Must.run(() -> Fs.createWriteStream(f, WriteStreamOptions.create().flags("wx")).end("new"));
        assertThat(latin1(f)).isEqualTo("new");
    }

    @Test
    void invalidOptionsThrow() {
        EventLoop.run(() -> {
            assertThatThrownBy(() -> Fs.createWriteStream(dir.resolve("x"), WriteStreamOptions.create().start(-1)))
                    .hasMessage("The value of \"start\" is out of range. It must be >= 0 && <= 9007199254740991. Received -1");
            assertThatThrownBy(() -> Fs.createWriteStream(dir.resolve("x"), WriteStreamOptions.create().flags("q")))
                    .isInstanceOf(NodeTypeException.class).hasMessage("The argument 'flags' is invalid. Received 'q'");
            assertThatThrownBy(() -> Fs.createWriteStream(dir.resolve("x"), WriteStreamOptions.create().atomic(true).flags("a")))
                    .isInstanceOf(NodeTypeException.class)
                    .hasMessage("The argument 'flags' must be 'w' or 'wx' when atomic is true. Received 'a'");
            // Node 20's fs streams check the option with assertEncoding (checked with node).
            assertThatThrownBy(() -> Fs.createWriteStream(dir.resolve("x"), WriteStreamOptions.create().encoding("nope")))
                    .isInstanceOf(NodeTypeException.class)
                    .hasMessage("The argument 'encoding' is invalid encoding. Received 'nope'")
                    .extracting(e -> ((io.sluice.error.NodeError) e).code()).isEqualTo(ErrorCodes.ERR_INVALID_ARG_VALUE);
        });
        assertThat(FsTesting.listNames(dir)).isEmpty();
    }
}
