package io.sluice.fs;

import io.sluice.buffer.Buffer;
import io.sluice.error.NodeError;
import io.sluice.event.EventEmitter;
import io.sluice.stream.ReadableStream;
import io.sluice.stream.Stream;
import io.sluice.stream.Writable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/** Helpers for the fs tests: event recording, descriptor counting, files and digests. */
final class FsTesting {
    private FsTesting() {}

    /**
     * Records a stream's events as strings: {@code open}, {@code ready}, {@code data:<text>} (bytes
     * as latin1, strings as they are), {@code end}, {@code finish}, {@code error:<code>},
     * {@code close}. Listeners for data start the flow, as in Node.
     */
    static List<String> record(Stream s, List<String> log) {
        s.on(ReadStream.OPEN, ch -> log.add("open"));
        s.on(ReadStream.READY, v -> log.add("ready"));
        if (s instanceof ReadableStream<?>) {
            s.on(ReadableStream.DATA, d -> log.add("data:" + text(d)));
            s.on(ReadableStream.END, v -> log.add("end"));
        }
        if (s instanceof Writable<?>) {
            s.on(Writable.FINISH, v -> log.add("finish"));
        }
        s.on(EventEmitter.ERROR, e -> log.add("error:" + (e instanceof NodeError ne ? ne.code() : e.toString())));
        s.on(Stream.CLOSE, v -> log.add("close"));
        return log;
    }

    static String text(Object chunk) {
        return chunk instanceof Buffer b ? b.toString("latin1") : String.valueOf(chunk);
    }

    /** The number of this process's descriptors that point at {@code file} (0 when none leaked). */
    static int openDescriptorsTo(Path file) {
        Path want = file.toAbsolutePath().normalize();
        int n = 0;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    if (Files.readSymbolicLink(fd).equals(want)) {
                        n++;
                    }
                } catch (IOException gone) {
                    // the directory stream's own descriptor, closed meanwhile
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return n;
    }

    /** The total number of open descriptors in this process. */
    static int openDescriptors() {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return (int) s.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deterministic pseudo-random bytes. */
    static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < n; i += 8) {
            long v = r.nextLong();
            for (int j = 0; j < 8 && i + j < n; j++) {
                b[i + j] = (byte) (v >>> (8 * j));
            }
        }
        return b;
    }

    static Path write(Path file, byte[] content) {
        try {
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 20];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static List<String> listNames(Path dir) {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
