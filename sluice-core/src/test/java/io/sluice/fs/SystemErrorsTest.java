package io.sluice.fs;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.error.NodeError;
import java.io.IOException;
import java.nio.channels.NonReadableChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/** The JDK's exceptions become Node's system errors: code, errno, syscall, path and message. */
class SystemErrorsTest {

    private static String describe(FsException e) {
        return e.code() + " " + e.errno() + " " + e.syscall() + " " + e.path() + " | " + e.getMessage();
    }

    @Test
    void jdkExceptionTypesMapToTheirErrno() {
        assertThat(describe(SystemErrors.of(new NoSuchFileException("/x"), "open", "/x", null)))
                .isEqualTo("ENOENT -2 open /x | ENOENT: no such file or directory, open '/x'");
        assertThat(describe(SystemErrors.of(new AccessDeniedException("/root/x"), "open", "/root/x", null)))
                .isEqualTo("EACCES -13 open /root/x | EACCES: permission denied, open '/root/x'");
        assertThat(describe(SystemErrors.of(new FileAlreadyExistsException("a"), "open", "a", null)))
                .isEqualTo("EEXIST -17 open a | EEXIST: file already exists, open 'a'");
        assertThat(describe(SystemErrors.of(new NonReadableChannelException(), "read")))
                .isEqualTo("EBADF -9 read null | EBADF: bad file descriptor, read");
        assertThat(SystemErrors.of(new AtomicMoveNotSupportedException("a", "b", "x"), "rename", "a", "b").getMessage())
                .isEqualTo("EXDEV: cross-device link not permitted, rename 'a' -> 'b'");
    }

    @Test
    void strerrorTextsMapToTheirErrno() {
        // What FileChannel throws on write/read failures: a plain IOException with strerror text.
        assertThat(describe(SystemErrors.of(new IOException("No space left on device"), "write")))
                .isEqualTo("ENOSPC -28 write null | ENOSPC: no space left on device, write");
        assertThat(describe(SystemErrors.of(new IOException("Is a directory"), "read")))
                .isEqualTo("EISDIR -21 read null | EISDIR: illegal operation on a directory, read");
        assertThat(describe(SystemErrors.of(new FileSystemException("/tmp", null, "Is a directory"), "open", "/tmp", null)))
                .isEqualTo("EISDIR -21 open /tmp | EISDIR: illegal operation on a directory, open '/tmp'");
        assertThat(describe(SystemErrors.of(new FileSystemException("/a/b", null, "Not a directory"), "open", "/a/b", null)))
                .isEqualTo("ENOTDIR -20 open /a/b | ENOTDIR: not a directory, open '/a/b'");
        assertThat(SystemErrors.of(new IOException("File too large"), "write").code()).isEqualTo("EFBIG");
        assertThat(SystemErrors.of(new IOException("Input/output error"), "write").code()).isEqualTo("EIO");
        assertThat(SystemErrors.of(new FileSystemException("x", null, "Read-only file system"), "open", "x", null).code())
                .isEqualTo("EROFS");
        assertThat(SystemErrors.of(new FileSystemException("x", null, "Too many open files"), "open", "x", null).code())
                .isEqualTo("EMFILE");
        // The JDK decorates ELOOP's text.
        assertThat(SystemErrors.of(new FileSystemException("x", null,
                "Too many levels of symbolic links or unable to access attributes of symbolic link"), "open", "x", null).code())
                .isEqualTo("ELOOP");
    }

    @Test
    void unknownErrorsKeepTheJdkText() {
        FsException e = SystemErrors.of(new IOException("Something odd"), "read");
        assertThat(describe(e)).isEqualTo("UNKNOWN -4094 read null | UNKNOWN: unknown error (Something odd), read");
        assertThat(e.getCause()).hasMessage("Something odd");
    }

    @Test
    void isANodeErrorAndAnUncheckedIoException() {
        FsException e = SystemErrors.of(new NoSuchFileException("/x"), "open", "/x", null);
        assertThat(e).isInstanceOf(NodeError.class).isInstanceOf(java.io.UncheckedIOException.class);
        assertThat(e.nodeName()).isEqualTo("Error");
        assertThat(e.toString()).isEqualTo("Error: ENOENT: no such file or directory, open '/x'");
        assertThat(e.getCause()).isInstanceOf(NoSuchFileException.class);
        assertThat(SystemErrors.of(e, "read")).isSameAs(e);
    }
}
