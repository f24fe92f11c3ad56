package io.sluice.stream.conformance;

import io.sluice.buffer.Buffer;
import io.sluice.error.NodeError;

/** Small conversions shared by the conformance ports (JS's {@code chunk + ''} and {@code err.code}). */
final class TestChunks {
    private TestChunks() {}

    /** JS {@code String(chunk)}: a Buffer decoded as UTF-8, anything else via {@code valueOf}. */
    static String str(Object chunk) {
        return chunk instanceof Buffer b ? b.toString() : String.valueOf(chunk);
    }

    /** JS {@code err.code}, or the message for an error that has no Node code, or "null". */
    static String code(Throwable e) {
        return e == null ? "null" : e instanceof NodeError ne ? ne.code() : e.getMessage();
    }
}
