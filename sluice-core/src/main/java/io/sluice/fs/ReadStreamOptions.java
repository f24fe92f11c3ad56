package io.sluice.fs;

import io.sluice.error.Errors;
import io.sluice.event.AbortSignal;

/**
 * Options for {@link Fs#createReadStream}, named as Node's {@code fs.createReadStream} options.
 * A mutable builder; values are validated when the stream is created, with Node's errors.
 *
 * <p>Not supported from Node: {@code fd} / {@code FileHandle} (open streams by path), and
 * {@code fs} (custom fs implementations).
 */
public final class ReadStreamOptions {
    String flags = "r";
    Integer mode;
    Long start;
    Long end;
    long highWaterMark = 64 << 10;
    String encoding;
    boolean autoClose = true;
    boolean emitClose = true;
    AbortSignal signal;

    /** Node's defaults: flags {@code 'r'}, whole file, 64 KiB highWaterMark, bytes. */
    public ReadStreamOptions() {}

    /** A new builder with Node's defaults. */
    public static ReadStreamOptions create() {
        return new ReadStreamOptions();
    }

    /** Open flags ({@code 'r'} by default); see {@link WriteStreamOptions#flags}. */
    public ReadStreamOptions flags(String flags) {
        this.flags = flags;
        return this;
    }

    /** Permission bits if the flags create the file (default 0666, before the umask). */
    public ReadStreamOptions mode(int mode) {
        this.mode = mode;
        return this;
    }

    /** The first byte to read (≥ 0). Without it reading starts at the file's current position, 0. */
    public ReadStreamOptions start(long start) {
        this.start = start;
        return this;
    }

    /**
     * The last byte to read, <b>inclusive</b> as in Node ({@code start(0).end(0)} reads one byte).
     * Past the end of the file it simply stops at EOF.
     */
    public ReadStreamOptions end(long end) {
        this.end = end;
        return this;
    }

    /** Read-ahead limit and the size of each read, in bytes (default 64 KiB, Node 20 and 22 alike). */
    public ReadStreamOptions highWaterMark(long hwm) {
        this.highWaterMark = hwm;
        return this;
    }

    /** Emit strings decoded with this encoding instead of Buffers (multibyte-safe). */
    public ReadStreamOptions encoding(String encoding) {
        this.encoding = encoding;
        return this;
    }

    /**
     * Close the file by itself after {@code 'end'} or an error (default true, Node's
     * {@code autoClose}, which is the stream's {@code autoDestroy}).
     */
    public ReadStreamOptions autoClose(boolean on) {
        this.autoClose = on;
        return this;
    }

    /** Emit {@code 'close'} once the file is closed (default true). */
    public ReadStreamOptions emitClose(boolean on) {
        this.emitClose = on;
        return this;
    }

    /** Aborting the signal destroys the stream with an AbortError and closes the file. */
    public ReadStreamOptions signal(AbortSignal signal) {
        this.signal = signal;
        return this;
    }

    /**
     * Checks these options now, as {@link Fs#createReadStream} does before opening anything, so a
     * caller (a command line, a request handler) can reject them up front with the same errors.
     *
     * @return this
     * @throws io.sluice.error.NodeRangeException {@code ERR_OUT_OF_RANGE} when start or end is
     *     negative or above 2^53-1 (Node's Number.MAX_SAFE_INTEGER), or start &gt; end
     * @throws io.sluice.error.NodeTypeException {@code ERR_INVALID_ARG_VALUE} for a negative
     *     highWaterMark, unknown flags or an unknown encoding
     */
    public ReadStreamOptions validate() {
        FileOps.validatePosition(start, "start");
        FileOps.validatePosition(end, "end");
        if (start != null && end != null && start > end) {
            throw Errors.outOfRange("start", "<= \"end\" (here: " + end + ")", start);
        }
        FileOps.validateHighWaterMark(highWaterMark);
        OpenFlags.parse(flags);
        if (encoding != null) {
            FileOps.validateEncoding(encoding);
        }
        return this;
    }
}
