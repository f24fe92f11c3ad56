package io.sluice.cli;

import io.sluice.buffer.Buffer;
import io.sluice.stream.Callback;
import io.sluice.stream.Writable;
import java.security.MessageDigest;

/** A byte-mode Writable that feeds every chunk to a {@link MessageDigest}, synchronously. */
final class DigestSink extends Writable<Buffer> {
    private final MessageDigest digest;

    /** Call on the loop thread; {@code digest} is updated in place and read after 'finish'. */
    DigestSink(MessageDigest digest) {
        this.digest = digest;
    }

    @Override
    protected void doWrite(Object chunk, String encoding, Callback callback) {
        // Byte mode with decodeStrings: every chunk arrives as a Buffer; its ByteBuffer view is not a copy.
        digest.update(((Buffer) chunk).asByteBuffer());
        callback.done(null);
    }
}
