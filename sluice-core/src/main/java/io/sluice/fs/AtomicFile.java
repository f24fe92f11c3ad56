package io.sluice.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The temporary file behind an {@code atomic} write stream: created next to the target (a rename
 * is only atomic within one file system, and the same folder guarantees that), put in place by
 * {@link #commit}, removed by {@link #discard}. All methods block; they run off the loop.
 */
final class AtomicFile {
    private static final int ATTEMPTS = 16;

    final Path target;
    final Path temp;
    final FileChannel channel;

    private AtomicFile(Path target, Path temp, FileChannel channel) {
        this.target = target;
        this.temp = temp;
        this.channel = channel;
    }

    /**
     * Creates {@code .name.<random>.tmp} beside {@code target} with CREATE_NEW (never reusing a
     * file someone else made). With {@code exclusive} ({@code 'wx'}) an existing target fails first
     * with EEXIST, as Node's {@code 'wx'} does at open.
     */
    static AtomicFile create(Path target, boolean exclusive, Integer mode) throws IOException {
        Path abs = target.toAbsolutePath();
        if (exclusive && Files.exists(abs, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        Path dir = abs.getParent();
        String name = abs.getFileName().toString();
        OpenFlags flags = OpenFlags.parse("wx");
        for (int i = 0; ; i++) {
            byte[] rnd = new byte[6];
            ThreadLocalRandom.current().nextBytes(rnd);
            Path temp = dir.resolve("." + name + "." + HexFormat.of().formatHex(rnd) + ".tmp");
            try {
                return new AtomicFile(target, temp, FileOps.open(temp, flags, mode, false));
            } catch (FileAlreadyExistsException clash) {
                if (i == ATTEMPTS) {
                    throw clash;
                }
            }
        }
    }

    /**
     * Makes the written data durable and visible under the target's name: fsync the file, rename
     * it over the target (or, when {@code exclusive}, hard-link it, which fails with EEXIST
     * instead of replacing a file that appeared meanwhile), then fsync the folder so the new name
     * survives a crash. A folder fsync failure is ignored: some file systems refuse it, and the
     * rename has already happened.
     */
    void commit(boolean exclusive) throws IOException {
        channel.force(true);
        if (exclusive) {
            Files.createLink(target, temp);
            Files.delete(temp);
        } else {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        }
        fsyncDirectory(target.toAbsolutePath().getParent());
    }

    /** Deletes the temporary file if it is still there. */
    void discard() throws IOException {
        Files.deleteIfExists(temp);
    }

    private static void fsyncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | RuntimeException notSupported) {
            // Directories cannot be opened or synced on every platform (Windows); best effort.
        }
    }
}
