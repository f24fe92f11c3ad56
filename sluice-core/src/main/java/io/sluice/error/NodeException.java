package io.sluice.error;

import java.util.Objects;

/**
 * A Node {@code Error} with a code: the base for stream state errors such as
 * {@code ERR_STREAM_WRITE_AFTER_END} or {@code ERR_MULTIPLE_CALLBACK}. Unchecked, as every
 * Sluice exception is.
 */
public class NodeException extends RuntimeException implements NodeError {
    private final String code;

    /** An error with Node's {@code code} and {@code message}. */
    public NodeException(String code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** An error with Node's {@code code} and {@code message}, caused by {@code cause}. */
    public NodeException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public String nodeName() {
        return "Error";
    }

    /** Node's rendering: {@code "Error [CODE]: message"}. */
    @Override
    public String toString() {
        return nodeName() + " [" + code + "]: " + getMessage();
    }
}
