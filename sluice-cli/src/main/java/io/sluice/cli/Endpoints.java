package io.sluice.cli;

import io.sluice.buffer.Buffer;
import io.sluice.fs.Fs;
import io.sluice.fs.ReadStreamOptions;
import io.sluice.fs.WriteStreamOptions;
import io.sluice.stream.Readable;
import io.sluice.stream.Readables;
import io.sluice.stream.Writable;
import io.sluice.stream.Writables;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The ends of a command's pipeline: a file by name, or standard input/output for {@code "-"}.
 * All factories must be called on the event loop thread that will own the stream.
 */
final class Endpoints {
    private Endpoints() {}

    /** The name that means standard input or standard output. */
    static final String STD = "-";

    static boolean isStd(String name) {
        return STD.equals(name);
    }

    /** A byte source: the file {@code name} read with {@code options}, or stdin for "-". */
    static Readable<Buffer> source(String name, ReadStreamOptions options) {
        if (isStd(name)) {
            return Readables.from(new FilterInputStream(new FileInputStream(FileDescriptor.in)) {
                // Destroying the Readable closes its InputStream; fd 0 must stay open (another
                // command of this run, such as `cat - -`, may read it again).
                @Override
                public void close() {}
            });
        }
        return Fs.<Buffer>createReadStream(name, options == null ? ReadStreamOptions.create() : options);
    }

    /**
     * A byte destination: the file {@code name} written atomically (a failure leaves no file and the
     * old one untouched), replacing an existing file when {@code overwrite} and failing with
     * EEXIST otherwise; or stdout for "-".
     */
    static Writable<?> destination(String name, boolean overwrite) {
        if (isStd(name)) {
            return stdout();
        }
        return Fs.createWriteStream(name, WriteStreamOptions.create().atomic(true).flags(overwrite ? "w" : "wx"));
    }

    /**
     * A Writable over fd 1 that flushes on end but never closes the descriptor, so several
     * pipelines of one command (cat's files) can write to it in turn.
     */
    static Writable<?> stdout() {
        OutputStream fd1 = new FileOutputStream(FileDescriptor.out);
        return Writables.from(new FilterOutputStream(fd1) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                // FilterOutputStream would write byte by byte.
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        });
    }
}
