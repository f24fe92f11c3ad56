package io.sluice.fs;

import io.sluice.error.Errors;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/** Validation and blocking file calls shared by the two streams. Blocking methods run off the loop. */
final class FileOps {
    private FileOps() {}

    /** Node's Number.MAX_SAFE_INTEGER, the bound of validateInteger. */
    static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

    /** Node's {@code validateInteger(value, name, 0)}. */
    static void validatePosition(Long value, String name) {
        if (value != null && (value < 0 || value > MAX_SAFE_INTEGER)) {
            throw Errors.outOfRange(name, ">= 0 && <= " + MAX_SAFE_INTEGER, value);
        }
    }

    /** Node's check of a highWaterMark option (ERR_INVALID_ARG_VALUE for a negative one). */
    static void validateHighWaterMark(long hwm) {
        if (hwm < 0) {
            throw Errors.invalidArgValue("options.highWaterMark", hwm);
        }
    }

    /**
     * What open(2) makes of the path as the user wrote it, which {@code Path.of} loses: the empty
     * string names no file (ENOENT, where {@code Path.of("")} is the working directory), and a
     * trailing slash says "a directory" ({@code Path.of("f/")} is {@code f}): with O_CREAT that is
     * EISDIR, and without it a path to anything but a directory is ENOTDIR. Without these, "f/" read
     * or overwrote the file f. Blocking (it may stat the file); null {@code pathText} checks nothing.
     */
    static void checkPathAsGiven(Path path, String pathText, OpenFlags flags) throws IOException {
        if (pathText == null) {
            return;
        }
        if (pathText.isEmpty()) {
            throw new NoSuchFileException(pathText);
        }
        char last = pathText.charAt(pathText.length() - 1);
        if (pathText.length() > 1 && (last == '/' || last == java.io.File.separatorChar)) {
            if (flags.create()) {
                throw new FileSystemException(pathText, null, "Is a directory");
            }
            if (Files.exists(path) && !Files.isDirectory(path)) {
                throw new NotDirectoryException(pathText);
            }
        }
    }

    /**
     * Node's check of a file stream's {@code encoding} option ({@code assertEncoding}): an unknown name is
     * {@code ERR_INVALID_ARG_VALUE} "The argument 'encoding' is invalid encoding. Received 'x'" there,
     * not the {@code ERR_UNKNOWN_ENCODING} of other streams.
     */
    static void validateEncoding(String encoding) {
        if (encoding != null && !"buffer".equals(encoding) && !io.sluice.buffer.Encoding.isEncoding(encoding)) {
            throw Errors.invalidArgValue("encoding", encoding, "is invalid encoding");
        }
    }

    /** Opens {@code path}; blocking. */
    static FileChannel open(Path path, OpenFlags flags, Integer mode, boolean forReading) throws IOException {
        Set<OpenOption> options = flags.options(forReading);
        if (mode != null && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            FileAttribute<Set<PosixFilePermission>> perms = PosixFilePermissions.asFileAttribute(permissions(mode));
            return FileChannel.open(path, options, perms);
        }
        return FileChannel.open(path, options);
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
        };
        for (int i = 0; i < order.length; i++) {
            if ((mode & (1 << i)) != 0) {
                set.add(order[i]);
            }
        }
        return set;
    }

    /** Closes quietly-but-reporting: the close error, or null. */
    static IOException closeQuietly(FileChannel ch) {
        if (ch == null) {
            return null;
        }
        try {
            ch.close();
            return null;
        } catch (IOException e) {
            return e;
        }
    }
}
