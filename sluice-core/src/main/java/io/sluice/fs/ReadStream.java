package io.sluice.fs;

import io.sluice.buffer.Buffer;
import io.sluice.event.Event;
import io.sluice.stream.Callback;
import io.sluice.stream.Readable;
import io.sluice.stream.StreamOptions;
import io.sluice.stream.Streams;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Node's {@code fs.ReadStream}: a {@link Readable} over a file, opened by path, reading
 * {@code [start, end]} (end inclusive) in chunks of up to highWaterMark bytes.
 *
 * <h2>Events, in Node's order</h2>
 * {@link #OPEN} (the {@link FileChannel}) then {@link #READY} once the file is open, then
 * {@code 'data'}/{@code 'end'} as for any Readable, then {@code 'close'} once the file is closed.
 * A failure to open or read is one {@code 'error'} ({@link FsException} with Node's code, syscall
 * and message) followed by {@code 'close'}; the file is always closed.
 *
 * <h2>Threads</h2>
 * The open and each read run on the stream's own virtual thread (parked between calls, see
 * {@code Hop} for the measured cost and the alternatives); the loop never blocks on the disk. One
 * read is in flight at a time and it asks for the size the Readable passes to {@code doRead}
 * (the highWaterMark, as Node's {@code _read(n)}), and only while less than the highWaterMark is
 * buffered, so the stream holds at most the highWaterMark plus one chunk (DESIGN §3), exactly as
 * Node's. Closing the descriptor waits for the read in flight, as Node's does.
 *
 * <h2>Differences from Node</h2>
 * <ul>
 *   <li>{@code 'open'} carries the {@link FileChannel}, not an integer descriptor; it is owned by
 *       the stream (do not close it).</li>
 *   <li>Invalid {@code flags} throw from {@link Fs#createReadStream} rather than arriving as an
 *       {@code 'error'} event.</li>
 *   <li>With {@code autoClose(false)} a read error still destroys the stream and closes the
 *       file (stricter); Node would only emit {@code 'error'} and leave the descriptor open.
 *       Without an error the file stays open after {@code 'end'} until {@link #destroy()}, as in
 *       Node.</li>
 *   <li>A highWaterMark above 1 MiB still reads at most 1 MiB per read (the native buffer size).</li>
 * </ul>
 *
 * @param <T> {@link Buffer} without an encoding, {@link String} with one
 */
public final class ReadStream<T> extends Readable<T> {

    /** {@code 'open'}: the file is open; the payload is the stream's channel. */
    public static final Event<FileChannel> OPEN = Event.of("open");
    /** {@code 'ready'}: emitted right after {@code 'open'}. */
    public static final Event<Void> READY = Event.of("ready");

    private final Path path;
    private final String pathText;
    private final OpenFlags flags;
    private final Integer mode;
    private final long end;
    private final BounceBuffer bounce;
    private final Hop hop;

    /** The next position to read, or -1 to read from the channel's own position (no start given). */
    private long pos;
    private long bytesRead;
    private FileChannel channel;
    private final FileCallGate gate = new FileCallGate(this::closeNow);

    ReadStream(Path path, String pathText, ReadStreamOptions o) {
        super(streamOptions(o));
        this.path = path;
        this.pathText = pathText;
        this.flags = OpenFlags.parse(o.flags);
        this.mode = o.mode;
        this.pos = o.start == null ? -1 : o.start;
        this.end = o.end == null ? Long.MAX_VALUE : o.end;
        this.hop = new Hop(eventLoop(), pathText);
        this.bounce = new BounceBuffer(o.highWaterMark);
    }

    /** Validates before the Readable constructor runs, so a bad option leaves nothing scheduled. */
    private static StreamOptions streamOptions(ReadStreamOptions o) {
        o.validate();
        StreamOptions so = StreamOptions.create().highWaterMark(o.highWaterMark).emitClose(o.emitClose)
                .autoDestroy(o.autoClose);
        if (o.encoding != null) {
            so.encoding(o.encoding);
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
        hop.run(() -> {
            FileOps.checkPathAsGiven(path, pathText, flags);
            return FileOps.open(path, flags, mode, true);
        }, (ch, err) -> {
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

    @Override
    protected void doRead(long size) {
        long n = size;
        if (end != Long.MAX_VALUE) {
            n = Math.min(n, pos >= 0 ? end - pos + 1 : end - bytesRead + 1);
        }
        if (n <= 0) {
            pushEnd();
            return;
        }
        int want = (int) Math.min(n, bounce.capacity());
        FileChannel ch = channel;
        long at = pos;
        gate.begin();
        hop.run(() -> readOnce(ch, at, want), (bytes, err) -> {
            if (gate.end()) {
                // destroy() arrived while reading: the data is dropped, as Node drops it.
                gate.closeWaiting(err == null ? null : SystemErrors.of(err, "read"));
                return;
            }
            if (destroyed()) {
                return;
            }
            if (err != null) {
                destroy(SystemErrors.of(err, "read"));
            } else if (bytes.length > 0) {
                if (pos >= 0) {
                    pos += bytes.length;
                }
                bytesRead += bytes.length;
                push(Buffer.wrap(bytes));
            } else {
                pushEnd();
            }
        });
    }

    /** One read call, as Node's {@code fs.read}: whatever the kernel returns, empty at EOF. */
    private byte[] readOnce(FileChannel ch, long at, int want) throws IOException {
        ByteBuffer buf = bounce.get().limit(want);
        int got = at >= 0 ? ch.read(buf, at) : ch.read(buf);
        if (got <= 0) {
            return EMPTY;
        }
        byte[] out = new byte[got];
        buf.flip().get(out);
        return out;
    }

    private static final byte[] EMPTY = new byte[0];

    @Override
    protected void doDestroy(Throwable err, Callback callback) {
        gate.close(err, callback);
    }

    /**
     * Closes on the loop: close(2) of a file that was only read does not wait for the disk, so a
     * hop (~30 µs of handoffs) would cost more than it saves.
     */
    private void closeNow(Throwable err, Callback callback) {
        FileChannel ch = channel;
        channel = null;
        IOException closeError = FileOps.closeQuietly(ch);
        bounce.free();
        hop.close();
        if (closeError != null) {
            callback.done(SystemErrors.of(closeError, "close"));
        } else {
            callback.done(err);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Node's ReadStream API

    /** Node's {@code bytesRead}: bytes read from the file so far (pushed, not necessarily consumed). */
    public long bytesRead() {
        checkInLoop();
        return bytesRead;
    }

    /** Node's {@code path}: the file's path as given. */
    public Path path() {
        return path;
    }

    /** Node's {@code pending}: true until the file is open, and again once it is closed. */
    public boolean pending() {
        checkInLoop();
        return channel == null;
    }

    /**
     * Node's {@code close(callback)}: destroys the stream, closing the file; {@code callback} (may be
     * null) runs once the stream has finished or closed, with the error if there was one.
     */
    public void close(Callback callback) {
        checkInLoop();
        if (callback != null) {
            Streams.finished(this, callback);
        }
        destroy();
    }

    private void checkInLoop() {
        eventLoop().checkInLoop();
    }

    @Override
    public String toString() {
        return "ReadStream[" + pathText + "]";
    }
}
