package io.sluice.fs;

import io.sluice.error.NodeError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * A failed file-system call, shaped like Node's system errors: {@link #code()} ({@code "ENOENT"},
 * {@code "EACCES"}, {@code "ENOSPC"}, {@code "EISDIR"}, {@code "EEXIST"}, ...), {@link #errno()}
 * (Node's negative number, {@code -2} for ENOENT), {@link #syscall()} ({@code "open"},
 * {@code "read"}, {@code "write"}, {@code "fsync"}, {@code "rename"}, {@code "close"}), the
 * {@link #path()} and, for two-path calls, {@link #dest()}. The message is Node's, byte for byte:
 * {@code ENOENT: no such file or directory, open '/x'}.
 *
 * <p>It is an {@link UncheckedIOException}, so Java code that catches I/O failures generically
 * still sees it as one; {@link #getCause()} is the JDK's original exception
 * ({@code NoSuchFileException}, an {@code IOException("No space left on device")}, ...).
 *
 * <p>Differs from Node: the code is derived from the JDK's exception type or its
 * {@code strerror} text, since Java does not expose errno; an error the table does not know is
 * reported as {@code UNKNOWN} ({@code errno} -4094) with the JDK's message, as libuv reports an
 * unmapped errno.
 */
public final class FsException extends UncheckedIOException implements NodeError {
    private final String code;
    private final int errno;
    private final String syscall;
    private final String path;
    private final String dest;

    /**
     * A system error. {@code description} is libuv's text for the code ({@code "no such file or
     * directory"}); {@code path} and {@code dest} may be null.
     */
    FsException(String code, int errno, String description, String syscall, String path, String dest,
            IOException cause) {
        super(message(code, description, syscall, path, dest), Objects.requireNonNull(cause, "cause"));
        this.code = Objects.requireNonNull(code, "code");
        this.errno = errno;
        this.syscall = syscall;
        this.path = path;
        this.dest = dest;
    }

    /** Node's uvException message: {@code CODE: description, syscall 'path' -> 'dest'}. */
    static String message(String code, String description, String syscall, String path, String dest) {
        StringBuilder sb = new StringBuilder(code).append(": ").append(description).append(", ").append(syscall);
        if (path != null) {
            sb.append(" '").append(path).append('\'');
        }
        if (dest != null) {
            sb.append(" -> '").append(dest).append('\'');
        }
        return sb.toString();
    }

    /** Node's {@code err.code}: the POSIX error name, for example {@code "ENOENT"}. */
    @Override
    public String code() {
        return code;
    }

    /** Always {@code "Error"}: Node's system errors are plain Errors. */
    @Override
    public String nodeName() {
        return "Error";
    }

    /** Node's {@code err.errno}: the negated POSIX number on Linux ({@code -2} for ENOENT). */
    public int errno() {
        return errno;
    }

    /** Node's {@code err.syscall}: the failing call, {@code "open"}, {@code "read"}, {@code "write"}, ... */
    public String syscall() {
        return syscall;
    }

    /** Node's {@code err.path}, or null when Node reports none (reads and writes on a descriptor). */
    public String path() {
        return path;
    }

    /** Node's {@code err.dest} for two-path calls ({@code rename}), else null. */
    public String dest() {
        return dest;
    }

    /** The underlying JDK exception. */
    @Override
    public synchronized IOException getCause() {
        return super.getCause();
    }

    /** Node's rendering: {@code "Error: ENOENT: no such file or directory, open '/x'"}. */
    @Override
    public String toString() {
        return "Error: " + getMessage();
    }
}
