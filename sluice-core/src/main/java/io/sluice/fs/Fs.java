package io.sluice.fs;

import io.sluice.buffer.Buffer;
import io.sluice.error.Errors;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Node's {@code fs} stream factories: {@code fs.createReadStream} and {@code fs.createWriteStream}.
 * Both must be called on an event loop thread (the stream belongs to that loop); the file is
 * opened asynchronously, so a missing file or a permission problem arrives as an
 * {@code 'error'} event ({@link FsException}), never as an exception from these methods.
 *
 * <pre>{@code
 * EventLoop.run(() -> {
 *     ReadStream<Buffer> in = Fs.createReadStream(Path.of("big.iso"));
 *     WriteStream out = Fs.createWriteStream(Path.of("copy.iso"), WriteStreamOptions.create().atomic(true));
 *     in.pipe(out);
 * });
 * }</pre>
 */
public final class Fs {
    private Fs() {}

    /** A byte stream over the whole file with Node's defaults (64 KiB chunks). */
    public static ReadStream<Buffer> createReadStream(Path path) {
        return createReadStream(path, new ReadStreamOptions());
    }

    /** As {@link #createReadStream(Path)}, for a path string (relative to the working directory). */
    public static ReadStream<Buffer> createReadStream(String path) {
        return createReadStream(toPath(path), new ReadStreamOptions());
    }

    /**
     * A read stream configured like Node's {@code fs.createReadStream(path, options)}. The chunk
     * type {@code T} is inferred from the target: {@link Buffer} without an encoding,
     * {@link String} with one ({@code ReadStream<String> s = Fs.createReadStream(p, opts.encoding("utf8"))});
     * choosing the wrong one fails with a ClassCastException in the listener.
     *
     * @throws io.sluice.error.NodeRangeException {@code ERR_OUT_OF_RANGE} for a negative
     *     {@code start} or {@code end}, or {@code start > end} (Node's message:
     *     {@code The value of "start" is out of range. It must be <= "end" (here: 2). Received 5})
     * @throws io.sluice.error.NodeTypeException {@code ERR_INVALID_ARG_VALUE} for invalid flags, a
     *     negative highWaterMark or an unknown encoding (Node's fs streams), {@code ERR_INVALID_ARG_TYPE}
     *     for a null path
     * @throws IllegalStateException off an event loop thread
     */
    public static <T> ReadStream<T> createReadStream(Path path, ReadStreamOptions options) {
        requirePath(path);
        return new ReadStream<>(path, path.toString(), options == null ? new ReadStreamOptions() : options);
    }

    /** As {@link #createReadStream(Path, ReadStreamOptions)}, for a path string. */
    public static <T> ReadStream<T> createReadStream(String path, ReadStreamOptions options) {
        Path p = toPath(path);
        return new ReadStream<>(p, path, options == null ? new ReadStreamOptions() : options);
    }

    /** A write stream that creates or truncates {@code path} (flags {@code 'w'}). */
    public static WriteStream createWriteStream(Path path) {
        return createWriteStream(path, new WriteStreamOptions());
    }

    /** As {@link #createWriteStream(Path)}, for a path string. */
    public static WriteStream createWriteStream(String path) {
        return createWriteStream(path, new WriteStreamOptions());
    }

    /**
     * A write stream configured like Node's {@code fs.createWriteStream(path, options)}, plus
     * {@link WriteStreamOptions#atomic}.
     *
     * @throws io.sluice.error.NodeRangeException {@code ERR_OUT_OF_RANGE} for a negative {@code start}
     * @throws io.sluice.error.NodeTypeException {@code ERR_INVALID_ARG_VALUE} for invalid flags, a
     *     negative highWaterMark, an unknown encoding (Node's fs streams), or {@code atomic} with flags
     *     other than {@code 'w'}/{@code 'wx'}; {@code ERR_INVALID_ARG_TYPE} for a null path
     * @throws IllegalStateException off an event loop thread
     */
    public static WriteStream createWriteStream(Path path, WriteStreamOptions options) {
        requirePath(path);
        return new WriteStream(path, path.toString(), options == null ? new WriteStreamOptions() : options);
    }

    /** As {@link #createWriteStream(Path, WriteStreamOptions)}, for a path string. */
    public static WriteStream createWriteStream(String path, WriteStreamOptions options) {
        Path p = toPath(path);
        return new WriteStream(p, path, options == null ? new WriteStreamOptions() : options);
    }

    private static void requirePath(Path path) {
        if (path == null) {
            throw Errors.invalidArgType("path", "of type string or an instance of Buffer or URL", null);
        }
    }

    /** Node's validatePath: a string without NUL bytes. */
    private static Path toPath(String path) {
        if (path == null) {
            throw Errors.invalidArgType("path", "of type string or an instance of Buffer or URL", null);
        }
        if (path.indexOf('\0') >= 0) {
            throw Errors.invalidArgValue("path", path, "must be a string, Uint8Array, or URL without null bytes");
        }
        try {
            return Path.of(path);
        } catch (InvalidPathException e) {
            throw Errors.invalidArgValue("path", path, "is invalid");
        }
    }
}
