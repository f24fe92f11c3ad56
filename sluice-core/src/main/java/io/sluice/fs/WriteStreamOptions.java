package io.sluice.fs;

import io.sluice.event.AbortSignal;

/**
 * Options for {@link Fs#createWriteStream}, named as Node's {@code fs.createWriteStream} options,
 * plus {@link #atomic}. A mutable builder; values are validated when the stream is created.
 *
 * <p>Not supported from Node: {@code fd} / {@code FileHandle} and {@code fs}.
 */
public final class WriteStreamOptions {
    String flags = "w";
    Integer mode;
    Long start;
    Long highWaterMark;
    String encoding;
    boolean autoClose = true;
    boolean emitClose = true;
    boolean flush;
    boolean atomic;
    AbortSignal signal;

    /** Node's defaults: flags {@code 'w'}, the stream default highWaterMark, no fsync. */
    public WriteStreamOptions() {}

    /** A new builder with Node's defaults. */
    public static WriteStreamOptions create() {
        return new WriteStreamOptions();
    }

    /**
     * Node's open flags: {@code 'r'}, {@code 'r+'}, {@code 'rs+'}, {@code 'w'} (default: create or
     * truncate), {@code 'wx'} (fail with EEXIST if it exists), {@code 'w+'}, {@code 'wx+'},
     * {@code 'a'} (append, create), {@code 'ax'}, {@code 'as'}, {@code 'a+'}, {@code 'ax+'},
     * {@code 'as+'} (and the {@code 'x'}/{@code 's'} letters in either order).
     */
    public WriteStreamOptions flags(String flags) {
        this.flags = flags;
        return this;
    }

    /** Permission bits for a created file (default 0666, before the umask). */
    public WriteStreamOptions mode(int mode) {
        this.mode = mode;
        return this;
    }

    /** Write from this byte offset (≥ 0) instead of the current position (with {@code 'r+'}, say). */
    public WriteStreamOptions start(long start) {
        this.start = start;
        return this;
    }

    /** Buffering threshold in bytes (default: the stream default, 64 KiB as Node 22). */
    public WriteStreamOptions highWaterMark(long hwm) {
        this.highWaterMark = hwm;
        return this;
    }

    /** The default encoding for strings written without one ({@code setDefaultEncoding}). */
    public WriteStreamOptions encoding(String encoding) {
        this.encoding = encoding;
        return this;
    }

    /** Close the file by itself after {@code 'finish'} or an error (default true). */
    public WriteStreamOptions autoClose(boolean on) {
        this.autoClose = on;
        return this;
    }

    /** Emit {@code 'close'} once the file is closed (default true). */
    public WriteStreamOptions emitClose(boolean on) {
        this.emitClose = on;
        return this;
    }

    /**
     * fsync the file before {@code 'finish'} (Node's {@code flush}, which Node performs later,
     * just before closing: Sluice does it while finishing so that an fsync failure is reported
     * instead of {@code 'finish'}, never after it).
     */
    public WriteStreamOptions flush(boolean on) {
        this.flush = on;
        return this;
    }

    /**
     * Beyond Node: write to a temporary file in the target's folder ({@code .name.<random>.tmp})
     * and, while finishing, fsync it, rename it over the target (ATOMIC_MOVE) and fsync the
     * folder. Readers see the old file or the complete new one, never a partial one; an error or
     * {@code destroy()} before finish deletes the temporary file and leaves the target untouched.
     * Only with flags {@code 'w'} (replace) or {@code 'wx'} (fail with EEXIST if the target exists,
     * checked at open and again, atomically, when the file is put in place).
     */
    public WriteStreamOptions atomic(boolean on) {
        this.atomic = on;
        return this;
    }

    /** Aborting the signal destroys the stream with an AbortError and closes the file. */
    public WriteStreamOptions signal(AbortSignal signal) {
        this.signal = signal;
        return this;
    }
}
