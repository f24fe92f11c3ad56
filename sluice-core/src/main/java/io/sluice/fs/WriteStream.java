package io.sluice.fs;

import io.sluice.buffer.Buffer;
import io.sluice.error.Errors;
import io.sluice.event.Event;
import io.sluice.stream.Callback;
import io.sluice.stream.StreamOptions;
import io.sluice.stream.Writable;
import io.sluice.stream.WriteChunk;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;

/**
 * Node's {@code fs.WriteStream}: a {@link Writable} into a file opened by path, with Node's flags,
 * {@code start}, {@code flush}, plus an {@code atomic} mode (see {@link WriteStreamOptions#atomic}).
 *
 * <h2>Events, in Node's order</h2>
 * {@link #OPEN} (the {@link FileChannel}) and {@link #READY} once the file is open; writes made
 * before that are buffered. Then {@code 'finish'} once every write is on disk (in the page cache;
 * fsynced with {@code flush} or {@code atomic}), then {@code 'close'} once the file is closed. A
 * failure is one {@code 'error'} ({@link FsException}: EACCES, EEXIST, EISDIR, ENOSPC, ... with
 * Node's message) and then {@code 'close'}; the file is always closed, and an atomic stream's
 * temporary file deleted.
 *
 * <h2>Threads and batching</h2>
 * Each write runs on the stream's own virtual thread (parked between calls; see {@code Hop} for
 * the measurements), one at a time. Chunks written while one is in flight are buffered by the
 * Writable and handed over together to {@link #doWritev}, which copies them into the stream's
 * native buffer (the highWaterMark, clamped to 16 KiB-1 MiB) and issues one write call per
 * buffer-full, all in one hop: a hop carries everything that queued up behind it, not one chunk.
 * (The copy is the one the JDK would make anyway for heap buffers; doing it here keeps the native
 * memory per stream and frees it at close, instead of relying on a per-thread cache.)
 *
 * <h2>Differences from Node</h2>
 * <ul>
 *   <li>{@code 'open'} carries the {@link FileChannel}, not an integer descriptor.</li>
 *   <li>{@code flush} fsyncs while finishing (before {@code 'finish'}); Node fsyncs while closing,
 *       after {@code 'finish'}, and only reports a failure afterwards. A destroyed stream is not
 *       fsynced (its content is incomplete anyway).</li>
 *   <li>Invalid {@code flags} throw from {@link Fs#createWriteStream}.</li>
 * </ul>
 */
public final class WriteStream extends Writable<Object> {

    /** {@code 'open'}: the file is open; the payload is the stream's channel. */
    public static final Event<FileChannel> OPEN = Event.of("open");
    /** {@code 'ready'}: emitted right after {@code 'open'}. */
    public static final Event<Void> READY = Event.of("ready");

    private static final int MAX_ZERO_WRITES = 5;

    private final Path path;
    private final String pathText;
    private final OpenFlags flags;
    private final Integer mode;
    private final Long start;
    private final boolean flush;
    private final boolean atomic;
    private final boolean autoClose;
    private final BounceBuffer bounce;
    private final Hop hop;

    private FileChannel channel;
    private AtomicFile atomicFile;
    private boolean committed;
    private long bytesWritten;
    private final FileCallGate gate = new FileCallGate(this::closeNow);

    WriteStream(Path path, String pathText, WriteStreamOptions o) {
        super(streamOptions(o));
        this.path = path;
        this.pathText = pathText;
        this.flags = OpenFlags.parse(o.flags);
        this.mode = o.mode;
        this.start = o.start;
        this.flush = o.flush;
        this.atomic = o.atomic;
        this.autoClose = o.autoClose;
        this.hop = new Hop(eventLoop(), pathText);
        this.bounce = new BounceBuffer(writableHighWaterMark());
        if (o.encoding != null) {
            setDefaultEncoding(o.encoding);
        }
    }

    private static StreamOptions streamOptions(WriteStreamOptions o) {
        FileOps.validatePosition(o.start, "start");
        OpenFlags f = OpenFlags.parse(o.flags);
        if (o.atomic && !(f.write() && f.truncate() && !f.read())) {
            throw io.sluice.error.Errors.invalidArgValue("flags", o.flags, "must be 'w' or 'wx' when atomic is true");
        }
        FileOps.validateEncoding(o.encoding);
        StreamOptions so = StreamOptions.create().decodeStrings(true).emitClose(o.emitClose).autoDestroy(o.autoClose);
        if (o.flush || o.atomic) {
            // Given as an option rather than by overriding doFinal: a stream without a final hook
            // finishes a tick earlier, and plain streams must keep Node's WriteStream timing.
            so.doFinal((WriteStream self, Callback cb) -> self.finishDurably(cb));
        }
        if (o.highWaterMark != null) {
            FileOps.validateHighWaterMark(o.highWaterMark);
            so.highWaterMark(o.highWaterMark);
        }
        if (o.signal != null) {
            so.signal(o.signal);
        }
        return so;
    }

    // ---------------------------------------------------------------------------------------------
    // Hooks

    @Override
    protected void doConstruct(Callback callback) {
        hop.run(this::openBlocking, (ch, err) -> {
            if (err != null) {
                callback.done(SystemErrors.of(err, "open", pathText, null));
                return;
            }
            channel = ch;
            callback.done();
            emit(OPEN, ch);
            emit(READY);
        });
    }

    private FileChannel openBlocking() throws IOException {
        FileOps.checkPathAsGiven(path, pathText, flags);
        FileChannel ch;
        if (atomic) {
            atomicFile = AtomicFile.create(path, flags.exclusive(), mode);
            ch = atomicFile.channel;
        } else {
            ch = FileOps.open(path, flags, mode, false);
        }
        if (start != null) {
            try {
                ch.position(start);
            } catch (IOException e) {
                FileOps.closeQuietly(ch);
                throw e;
            }
        }
        return ch;
    }

    @Override
    protected void doWrite(Object chunk, String encoding, Callback callback) {
        writeBuffers(new ByteBuffer[] {((Buffer) chunk).asByteBuffer()}, callback);
    }

    /** Every chunk that queued up while a write was in flight, in one hop. */
    @Override
    protected void doWritev(List<WriteChunk<Object>> chunks, Callback callback) {
        ByteBuffer[] srcs = new ByteBuffer[chunks.size()];
        for (int i = 0; i < srcs.length; i++) {
            srcs[i] = ((Buffer) chunks.get(i).chunk()).asByteBuffer();
        }
        writeBuffers(srcs, callback);
    }

    private void writeBuffers(ByteBuffer[] srcs, Callback callback) {
        FileChannel ch = channel;
        long[] written = new long[1];
        gate.begin();
        hop.run(() -> {
            writeAll(ch, srcs, written);
            return null;
        }, (ignored, err) -> {
            bytesWritten += written[0];
            FsException ioErr = err == null ? null : SystemErrors.of(err, "write");
            if (gate.end()) {
                callback.done(ioErr != null ? ioErr : Errors.streamDestroyed("write"));
                gate.closeWaiting(ioErr);
                return;
            }
            callback.done(ioErr);
        });
    }

    /** Gathers the sources into the native buffer and writes it out fully, as often as needed. */
    private void writeAll(FileChannel ch, ByteBuffer[] srcs, long[] written) throws IOException {
        ByteBuffer buf = bounce.get();
        for (ByteBuffer src : srcs) {
            while (src.hasRemaining()) {
                int n = Math.min(buf.remaining(), src.remaining());
                buf.put(buf.position(), src, src.position(), n);
                buf.position(buf.position() + n);
                src.position(src.position() + n);
                if (!buf.hasRemaining()) {
                    drain(ch, buf, written);
                }
            }
        }
        drain(ch, buf, written);
    }

    private static void drain(FileChannel ch, ByteBuffer buf, long[] written) throws IOException {
        buf.flip();
        int zeros = 0;
        while (buf.hasRemaining()) {
            int n = ch.write(buf);
            written[0] += n;
            // Node retries a write that made no progress five times before giving up.
            if (n == 0 && ++zeros > MAX_ZERO_WRITES) {
                throw new IOException("write failed");
            }
        }
        buf.clear();
    }

    /** The final hook with {@code flush} or {@code atomic}: fsync (and put the atomic file in place) before {@code 'finish'}. */
    private void finishDurably(Callback callback) {
        FileChannel ch = channel;
        AtomicFile af = atomicFile;
        gate.begin();
        hop.run(() -> {
            if (af != null) {
                try {
                    af.commit(flags.exclusive());
                } catch (IOException e) {
                    throw new CommitFailure(e);
                }
            } else {
                ch.force(true);
            }
            return Boolean.TRUE;
        }, (ok, err) -> {
            boolean closeWaiting = gate.end();
            if (ok != null && af != null) {
                committed = true;
            }
            Throwable mapped = err == null ? null
                    : err instanceof CommitFailure cf
                            ? SystemErrors.of(cf.getCause(), flags.exclusive() ? "link" : "rename",
                                    af.temp.toString(), af.target.toString())
                            : SystemErrors.of(err, "fsync");
            callback.done(mapped);
            if (closeWaiting) {
                gate.closeWaiting(mapped);
            }
        });
    }

    /** Tags a rename/link failure apart from the fsync before it. */
    private static final class CommitFailure extends IOException {
        CommitFailure(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }

    @Override
    protected void doDestroy(Throwable err, Callback callback) {
        gate.close(err, callback);
    }

    /**
     * Closes the file, and deletes an uncommitted atomic temporary file, in one hop: close(2) after
     * writing can start writeback on some file systems, so it does not run on the loop.
     */
    private void closeNow(Throwable err, Callback callback) {
        FileChannel ch = channel;
        channel = null;
        AtomicFile af = committed ? null : atomicFile;
        if (ch == null && af == null) {
            bounce.free();
            hop.close();
            callback.done(err);
            return;
        }
        hop.run(() -> {
            IOException closeError = FileOps.closeQuietly(ch);
            if (af != null) {
                af.discard();
            }
            return closeError;
        }, (closeError, discardError) -> {
            bounce.free();
            hop.close();
            if (closeError != null) {
                callback.done(SystemErrors.of(closeError, "close"));
            } else if (discardError != null && err == null) {
                callback.done(SystemErrors.of(discardError, "unlink", atomicFile.temp.toString(), null));
            } else {
                callback.done(err);
            }
        });
    }

    // ---------------------------------------------------------------------------------------------
    // Node's WriteStream API

    /** Node's {@code bytesWritten}: bytes the file system has accepted so far. */
    public long bytesWritten() {
        eventLoop().checkInLoop();
        return bytesWritten;
    }

    /** Node's {@code path}: the target path as given (an atomic stream's temporary file is not exposed). */
    public Path path() {
        return path;
    }

    /** Node's {@code pending}: true until the file is open, and again once it is closed. */
    public boolean pending() {
        eventLoop().checkInLoop();
        return channel == null;
    }

    /**
     * Node's {@code WriteStream.close(callback)}: ends the stream (buffered writes are still written;
     * with {@code autoClose(false)} it is destroyed once finished) and runs {@code callback} (may be
     * null) on {@code 'close'}, without an error: a failure goes to {@code 'error'} as usual. On a stream
     * already closed, only the callback runs, on the next tick. (ReadStream's {@code close} differs, as
     * in Node: its callback gets the error.)
     */
    public void close(Callback callback) {
        eventLoop().checkInLoop();
        if (callback != null) {
            if (closed()) {
                eventLoop().nextTick(() -> callback.done(null));
                return;
            }
            onClose(() -> callback.done(null));
        }
        if (!autoClose) {
            onFinish(() -> destroy());
        }
        end();
    }

    @Override
    public String toString() {
        return "WriteStream[" + pathText + (atomic ? ", atomic" : "") + "]";
    }
}
