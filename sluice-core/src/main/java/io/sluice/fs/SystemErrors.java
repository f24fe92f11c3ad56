package io.sluice.fs;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.util.Map;

/**
 * Maps the JDK's I/O exceptions to Node's system errors. Java hides errno: the JDK turns ENOENT,
 * EACCES and EEXIST into exception types and every other errno into a {@link FileSystemException}
 * or plain {@link IOException} whose text is glibc's {@code strerror}. So the type is checked
 * first, then the strerror text; the libuv descriptions and Linux errno values come from libuv's
 * {@code uv-common.c} / {@code errno.h}, which Node reports.
 */
final class SystemErrors {
    private SystemErrors() {}

    /** code, errno, libuv description. */
    private record Errno(String code, int errno, String description) {}

    private static final Errno ENOENT = new Errno("ENOENT", -2, "no such file or directory");
    private static final Errno EACCES = new Errno("EACCES", -13, "permission denied");
    private static final Errno EEXIST = new Errno("EEXIST", -17, "file already exists");
    private static final Errno EBADF = new Errno("EBADF", -9, "bad file descriptor");
    private static final Errno ENOTDIR = new Errno("ENOTDIR", -20, "not a directory");
    private static final Errno ELOOP = new Errno("ELOOP", -40, "too many symbolic links encountered");
    private static final Errno EXDEV = new Errno("EXDEV", -18, "cross-device link not permitted");
    private static final Errno ENOTEMPTY = new Errno("ENOTEMPTY", -39, "directory not empty");
    private static final Errno EINVAL = new Errno("EINVAL", -22, "invalid argument");

    /** glibc strerror text → Node's error, for the errnos file streams can meet. */
    private static final Map<String, Errno> BY_STRERROR = Map.ofEntries(
            Map.entry("No such file or directory", ENOENT),
            Map.entry("Permission denied", EACCES),
            Map.entry("File exists", EEXIST),
            Map.entry("Is a directory", new Errno("EISDIR", -21, "illegal operation on a directory")),
            Map.entry("Not a directory", ENOTDIR),
            Map.entry("No space left on device", new Errno("ENOSPC", -28, "no space left on device")),
            Map.entry("Read-only file system", new Errno("EROFS", -30, "read-only file system")),
            Map.entry("Too many open files", new Errno("EMFILE", -24, "too many open files")),
            Map.entry("Too many open files in system", new Errno("ENFILE", -23, "file table overflow")),
            Map.entry("File name too long", new Errno("ENAMETOOLONG", -36, "name too long")),
            Map.entry("Operation not permitted", new Errno("EPERM", -1, "operation not permitted")),
            Map.entry("Input/output error", new Errno("EIO", -5, "i/o error")),
            Map.entry("Too many levels of symbolic links", ELOOP),
            Map.entry("File too large", new Errno("EFBIG", -27, "file too large")),
            Map.entry("Bad file descriptor", EBADF),
            Map.entry("Invalid argument", EINVAL),
            Map.entry("Text file busy", new Errno("ETXTBSY", -26, "text file is busy")),
            Map.entry("Disk quota exceeded", new Errno("EDQUOT", -122, "disk quota exceeded")),
            Map.entry("Invalid cross-device link", EXDEV),
            Map.entry("Device or resource busy", new Errno("EBUSY", -16, "resource busy or locked")),
            Map.entry("No such device or address", new Errno("ENXIO", -6, "no such device or address")),
            Map.entry("No such device", new Errno("ENODEV", -19, "no such device")),
            Map.entry("Resource temporarily unavailable", new Errno("EAGAIN", -11, "resource temporarily unavailable")),
            Map.entry("Directory not empty", ENOTEMPTY),
            Map.entry("Operation not supported", new Errno("ENOTSUP", -95, "operation not supported on socket")));

    /**
     * Node's error for {@code e}, raised by {@code syscall} on {@code path} (null for calls on an
     * open descriptor, whose errors Node reports without a path) and {@code dest} (rename only).
     */
    static FsException of(Throwable e, String syscall, String path, String dest) {
        if (e instanceof FsException fe) {
            return fe;
        }
        IOException io = e instanceof IOException x ? x : new IOException(e);
        Errno errno = classify(e);
        if (errno == null) {
            String text = e.getMessage() != null ? e.getMessage() : e.getClass().getName();
            return new FsException("UNKNOWN", -4094, "unknown error (" + text + ")", syscall, path, dest, io);
        }
        return new FsException(errno.code(), errno.errno(), errno.description(), syscall, path, dest, io);
    }

    /** A descriptor-level failure ({@code read}, {@code write}, {@code fsync}): no path, as Node. */
    static FsException of(Throwable e, String syscall) {
        return of(e, syscall, null, null);
    }

    private static Errno classify(Throwable e) {
        // The JDK's own types first: their message is the file name, not strerror.
        if (e instanceof NoSuchFileException) {
            return ENOENT;
        }
        if (e instanceof AccessDeniedException) {
            return EACCES;
        }
        if (e instanceof FileAlreadyExistsException) {
            return EEXIST;
        }
        if (e instanceof NotDirectoryException) {
            return ENOTDIR;
        }
        if (e instanceof DirectoryNotEmptyException) {
            return ENOTEMPTY;
        }
        if (e instanceof FileSystemLoopException) {
            return ELOOP;
        }
        if (e instanceof NotLinkException) {
            return EINVAL;
        }
        if (e instanceof AtomicMoveNotSupportedException) {
            return EXDEV;
        }
        // A channel opened without READ (or WRITE): the kernel's answer would be EBADF, as Node's.
        if (e instanceof NonReadableChannelException || e instanceof NonWritableChannelException
                || e instanceof ClosedChannelException) {
            return EBADF;
        }
        String reason = e instanceof FileSystemException fse ? fse.getReason() : e.getMessage();
        if (reason == null) {
            return null;
        }
        Errno hit = BY_STRERROR.get(reason);
        if (hit != null) {
            return hit;
        }
        // The JDK appends words to a few strerror texts ("Too many levels of symbolic links or
        // unable to access attributes of symbolic link"); match on the glibc prefix.
        for (Map.Entry<String, Errno> en : BY_STRERROR.entrySet()) {
            if (reason.startsWith(en.getKey())) {
                return en.getValue();
            }
        }
        return null;
    }
}
