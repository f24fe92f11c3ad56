package io.sluice.fs;

import static io.sluice.fs.FsTesting.openDescriptors;
import static io.sluice.fs.FsTesting.openDescriptorsTo;
import static io.sluice.fs.FsTesting.record;
import static io.sluice.fs.FsTesting.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.buffer.Buffer;
import io.sluice.error.ErrorCodes;
import io.sluice.error.NodeRangeException;
import io.sluice.error.NodeTypeException;
import io.sluice.event.AbortController;
import io.sluice.event.EventEmitter;
import io.sluice.loop.EventLoop;
import io.sluice.stream.Stream;
import io.sluice.testing.Must;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fs.createReadStream: ranges, chunking, encodings and lifecycle, each checked against Node's output. */
class ReadStreamTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void warmUp() {
        // The first stream starts the virtual-thread scheduler; count descriptors after that.
        EventLoop.run(() -> Fs.createReadStream(Path.of("/proc/self/status")).resume());
    }

    @Test
    void emitsOpenReadyDataEndCloseInChunksOfHighWaterMark() {
        Path f = write(dir.resolve("ten"), "0123456789".getBytes(StandardCharsets.US_ASCII));
        List<String> log = new ArrayList<>();
        long[] bytesRead = new long[1];
        Must.run(() -> {
            ReadStream<Buffer> r = Fs.createReadStream(f, ReadStreamOptions.create().highWaterMark(4));
            liveLogOf(r, log);
            r.onClose(() -> bytesRead[0] = r.bytesRead());
        });
        assertThat(log).containsExactly("open", "ready", "data:0123", "data:4567", "data:89", "end", "close");
        assertThat(bytesRead[0]).isEqualTo(10);
    }

    @Test
    void startAndEndAreInclusive() {
        Path f = write(dir.resolve("h"), "hello world".getBytes(StandardCharsets.US_ASCII));
        assertThat(run(f, ReadStreamOptions.create().start(2).end(4)))
                .containsExactly("open", "ready", "data:llo", "end", "close");
        assertThat(run(f, ReadStreamOptions.create().start(0).end(0)))
                .containsExactly("open", "ready", "data:h", "end", "close");
        assertThat(run(f, ReadStreamOptions.create().end(1)))
                .containsExactly("open", "ready", "data:he", "end", "close");
        assertThat(run(f, ReadStreamOptions.create().start(3).end(7).highWaterMark(2)))
                .containsExactly("open", "ready", "data:lo", "data: w", "data:o", "end", "close");
    }

    @Test
    void endBeyondEofStopsAtEof() {
        Path f = write(dir.resolve("h"), "hello world".getBytes(StandardCharsets.US_ASCII));
        assertThat(run(f, ReadStreamOptions.create().start(6).end(1000)))
                .containsExactly("open", "ready", "data:world", "end", "close");
        assertThat(run(f, ReadStreamOptions.create().start(100)))
                .containsExactly("open", "ready", "end", "close");
    }

    @Test
    void startAfterEndThrowsNodesRangeError() {
        Path f = write(dir.resolve("h"), new byte[1]);
        EventLoop.run(() -> {
            assertThatThrownBy(() -> Fs.createReadStream(f, ReadStreamOptions.create().start(5).end(2)))
                    .isInstanceOf(NodeRangeException.class)
                    .hasMessage("The value of \"start\" is out of range. It must be <= \"end\" (here: 2). Received 5")
                    .extracting(e -> ((NodeRangeException) e).code()).isEqualTo(ErrorCodes.ERR_OUT_OF_RANGE);
            assertThatThrownBy(() -> Fs.createReadStream(f, ReadStreamOptions.create().start(-1)))
                    .hasMessage("The value of \"start\" is out of range. It must be >= 0 && <= 9007199254740991. Received -1");
            assertThatThrownBy(() -> Fs.createReadStream(f, ReadStreamOptions.create().end(-1)))
                    .hasMessage("The value of \"end\" is out of range. It must be >= 0 && <= 9007199254740991. Received -1");
            assertThatThrownBy(() -> Fs.createReadStream(f, ReadStreamOptions.create().flags("zz")))
                    .isInstanceOf(NodeTypeException.class)
                    .hasMessage("The argument 'flags' is invalid. Received 'zz'");
        });
    }

    @Test
    void validateRejectsUpFrontWhatCreateReadStreamWould() {
        // No loop, no file: validate() is the stream's own check, callable before anything opens.
        assertThatThrownBy(() -> ReadStreamOptions.create().end(9_007_199_254_740_992L).validate())
                .isInstanceOf(NodeRangeException.class)
                .hasMessage("The value of \"end\" is out of range. It must be >= 0 && <= 9007199254740991. "
                        + "Received 9_007_199_254_740_992");
        assertThatThrownBy(() -> ReadStreamOptions.create().start(5).end(2).validate())
                .hasMessage("The value of \"start\" is out of range. It must be <= \"end\" (here: 2). Received 5");
        assertThatThrownBy(() -> ReadStreamOptions.create().highWaterMark(-1).validate())
                .isInstanceOf(NodeTypeException.class)
                .extracting(e -> ((NodeTypeException) e).code()).isEqualTo(ErrorCodes.ERR_INVALID_ARG_VALUE);
        assertThatThrownBy(() -> ReadStreamOptions.create().encoding("klingon").validate())
                .isInstanceOf(NodeTypeException.class)
                .hasMessage("The argument 'encoding' is invalid encoding. Received 'klingon'");
        ReadStreamOptions ok = ReadStreamOptions.create().start(9_007_199_254_740_991L).end(9_007_199_254_740_991L);
        assertThat(ok.validate()).isSameAs(ok);
    }

    @Test
    void encodingsDecodeAcrossChunkBoundaries() {
        // Node 20: ["h","é","l","l","o","€","!"] and ["aMOp","bGxv","4oKs","IQ=="] for this file.
        byte[] utf8 = "héllo€!".getBytes(StandardCharsets.UTF_8);
        Path f = write(dir.resolve("u"), utf8);
        assertThat(run(f, ReadStreamOptions.create().highWaterMark(1).encoding("utf8")))
                .containsExactly("open", "ready", "data:h", "data:é", "data:l", "data:l", "data:o", "data:€",
                        "data:!", "end", "close");
        assertThat(run(f, ReadStreamOptions.create().highWaterMark(3).encoding("base64")))
                .containsExactly("open", "ready", "data:aMOp", "data:bGxv", "data:4oKs", "data:IQ==", "end", "close");
        Path h = write(dir.resolve("h"), "hello world".getBytes(StandardCharsets.US_ASCII));
        assertThat(run(h, ReadStreamOptions.create().start(2).end(4).encoding("hex")))
                .containsExactly("open", "ready", "data:6c6c6f", "end", "close");
    }

    @Test
    void highWaterMarkOneAndOneByteFiles() {
        Path one = write(dir.resolve("one"), new byte[] {'x'});
        assertThat(run(one, ReadStreamOptions.create())).containsExactly("open", "ready", "data:x", "end", "close");
        assertThat(run(one, ReadStreamOptions.create().highWaterMark(1)))
                .containsExactly("open", "ready", "data:x", "end", "close");
        Path abc = write(dir.resolve("abc"), "abc".getBytes(StandardCharsets.US_ASCII));
        assertThat(run(abc, ReadStreamOptions.create().highWaterMark(1)))
                .containsExactly("open", "ready", "data:a", "data:b", "data:c", "end", "close");
        // Node quirk kept: highWaterMark 0 asks _read for 0 bytes, which is EOF.
        assertThat(run(abc, ReadStreamOptions.create().highWaterMark(0)))
                .containsExactly("open", "ready", "end", "close");
    }

    @Test
    void emptyFileEndsAtOnce() {
        Path f = write(dir.resolve("empty"), new byte[0]);
        long[] bytesRead = {-1};
        List<String> log = new ArrayList<>();
        Must.run(() -> {
            ReadStream<Buffer> r = Fs.createReadStream(f);
            liveLogOf(r, log);
            r.onClose(() -> bytesRead[0] = r.bytesRead());
        });
        assertThat(log).containsExactly("open", "ready", "end", "close");
        assertThat(bytesRead[0]).isZero();
    }

    @Test
    void pendingUntilOpenAndAgainAfterClose() {
        Path f = write(dir.resolve("p"), new byte[] {1, 2});
        List<String> seen = new ArrayList<>();
        Must.run(() -> {
            ReadStream<Buffer> r = Fs.createReadStream(f.toString(), null);
            seen.add("created pending=" + r.pending() + " path=" + r.path().equals(f) + " bytesRead=" + r.bytesRead());
            r.on(ReadStream.OPEN, Must.callConsumer(ch -> seen.add("open pending=" + r.pending() + " channel=" + ch.isOpen())));
            r.on(ReadStream.END, v -> seen.add("end bytesRead=" + r.bytesRead()));
            r.onClose(Must.call(() -> seen.add("close pending=" + r.pending())));
            r.resume();
        });
        assertThat(seen).containsExactly("created pending=true path=true bytesRead=0", "open pending=false channel=true",
                "end bytesRead=2", "close pending=true");
    }

    @Test
    void missingFileIsOneEnoentAndNoDescriptor() {
        Path missing = dir.resolve("nope");
        int before = openDescriptors();
        List<String> log = new ArrayList<>();
        Must.run(() -> {
            ReadStream<Buffer> r = Fs.createReadStream(missing);
            liveLogOf(r, log);
            r.on(EventEmitter.ERROR, Must.callConsumer(e -> {
                FsException fe = (FsException) e;
                assertThat(fe.code()).isEqualTo("ENOENT");
                assertThat(fe.errno()).isEqualTo(-2);
                assertThat(fe.syscall()).isEqualTo("open");
                assertThat(fe.path()).isEqualTo(missing.toString());
                assertThat(fe.getMessage()).isEqualTo("ENOENT: no such file or directory, open '" + missing + "'");
                assertThat(fe.toString()).isEqualTo("Error: " + fe.getMessage());
            }));
        });
        assertThat(log).containsExactly("error:ENOENT", "close");
        assertThat(openDescriptors()).isEqualTo(before);
    }

    @Test
    void directoryFailsOnReadWithEisdirAndClosesIt() {
        // Node: open succeeds on a directory, the read fails: EISDIR, syscall 'read', no path.
        List<String> log = new ArrayList<>();
        List<String> message = new ArrayList<>();
        Must.run(() -> {
            ReadStream<Buffer> r = Fs.createReadStream(dir);
            liveLogOf(r, log);
            r.on(EventEmitter.ERROR, e -> message.add(e.getMessage() + " path=" + ((FsException) e).path()));
        });
        assertThat(log).containsExactly("open", "ready", "error:EISDIR", "close");
        assertThat(message).containsExactly("EISDIR: illegal operation on a directory, read path=null");
        assertThat(openDescriptorsTo(dir)).isZero();
    }

    @Test
    void destroyMidReadClosesTheDescriptor() {
        Path f = write(dir.resolve("big"), FsTesting.randomBytes(1 << 20, 1));
        List<String> log = new ArrayList<>();
        int[] fdsAtClose = {-1};
        Must.run(() -> {
            ReadStream<Buffer> r = Fs.createReadStream(f, ReadStreamOptions.create().highWaterMark(1024));
            liveLogOf(r, log);
            r.once(ReadStream.DATA, d -> {
                assertThat(openDescriptorsTo(f)).isEqualTo(1);
                // By the check phase the next read is in flight (a hop takes tens of µs): the
                // close must wait for it, so closed() is still false right after destroy().
                r.eventLoop().setImmediate(() -> {
                    r.destroy();
                    log.add("closedAtOnce=" + r.closed());
                });
            });
            r.onClose(() -> fdsAtClose[0] = openDescriptorsTo(f));
        });
        assertThat(log.getFirst()).isEqualTo("open");
        assertThat(log).contains("closedAtOnce=false");
        assertThat(log).doesNotContain("end").endsWith("close");
        assertThat(log.stream().filter(s -> s.startsWith("error"))).isEmpty();
        assertThat(fdsAtClose[0]).isZero();
    }

    @Test
    void abortSignalDestroysWithAbortErrorAfterOpen() {
        Path f = write(dir.resolve("a"), new byte[10]);
        List<String> log = new ArrayList<>();
        Must.run(() -> {
            AbortController ac = new AbortController();
            ReadStream<Buffer> r = Fs.createReadStream(f, ReadStreamOptions.create().signal(ac.signal()));
            liveLogOf(r, log);
            ac.abort();
        });
        // Node 20: [ 'open', 'ready', 'AbortError:ABORT_ERR', 'close' ]
        assertThat(log).containsExactly("open", "ready", "error:ABORT_ERR", "close");
        assertThat(openDescriptorsTo(f)).isZero();
    }

    @Test
    void autoCloseFalseKeepsTheFileOpenUntilDestroy() {
        Path f = write(dir.resolve("k"), new byte[] {7});
        List<String> log = new ArrayList<>();
        Must.run(() -> {
            ReadStream<Buffer> r = Fs.createReadStream(f, ReadStreamOptions.create().autoClose(false));
            liveLogOf(r, log);
            r.resume();
            r.on(ReadStream.END, Must.callConsumer(v -> r.eventLoop().setTimeout(() -> {
                log.add("pending=" + r.pending() + " fds=" + openDescriptorsTo(f));
                r.destroy();
            }, 20)));
        });
        assertThat(log).containsExactly("open", "ready", "data:\u0007", "end", "pending=false fds=1", "close");
        assertThat(openDescriptorsTo(f)).isZero();
    }

    @Test
    void closeWithCallbackDestroysAndCallsBack() {
        Path f = write(dir.resolve("c"), new byte[100]);
        List<String> log = new ArrayList<>();
        Must.run(() -> {
            ReadStream<Buffer> r = Fs.createReadStream(f);
            r.on(ReadStream.OPEN, ch -> r.close(Must.callConsumer(e -> log.add("cb " + e))::accept));
            r.onClose(() -> log.add("close"));
        });
        assertThat(log).hasSize(2).contains("close");
        assertThat(openDescriptorsTo(f)).isZero();
    }

    @Test
    void pausedModeReadsWithReadSizes() {
        // Node 20: "hel|lo |wor|ld|" with read(3) in a 'readable' loop.
        Path f = write(dir.resolve("h"), "hello world".getBytes(StandardCharsets.US_ASCII));
        StringBuilder sb = new StringBuilder();
        Must.run(() -> {
            ReadStream<Buffer> r = Fs.createReadStream(f);
            r.onReadable(() -> {
                for (Buffer c; (c = r.read(3)) != null; ) {
                    sb.append(c.toString("latin1")).append('|');
                }
            });
            r.on(ReadStream.END, Must.callConsumer());
        });
        assertThat(sb).hasToString("hel|lo |wor|ld|");
    }

    @Test
    void writeOnlyFlagsFailTheFirstReadWithEbadf() {
        // Node 20: ["open","ready","error:EBADF:EBADF: bad file descriptor, read","close"]
        Path f = dir.resolve("created-by-a");
        List<String> log = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        Must.run(() -> {
            ReadStream<Buffer> r = Fs.createReadStream(f, ReadStreamOptions.create().flags("a"));
            record(r, log);
            r.on(EventEmitter.ERROR, e -> messages.add(e.getMessage()));
        });
        assertThat(log).containsExactly("open", "ready", "error:EBADF", "close");
        assertThat(messages).containsExactly("EBADF: bad file descriptor, read");
        assertThat(f).exists();
    }

    // ---------------------------------------------------------------------------------------------

    private static List<String> run(Path f, ReadStreamOptions o) {
        List<String> log = new ArrayList<>();
        Must.run(() -> liveLogOf(Fs.createReadStream(f, o), log));
        return log;
    }

    private static List<String> liveLogOf(Stream s, List<String> out) {
        return record(s, out);
    }
}
