package io.sluice.error;

import java.util.Objects;

/**
 * A number outside its allowed range: Node's {@code RangeError} ({@code ERR_OUT_OF_RANGE},
 * {@code ERR_BUFFER_OUT_OF_BOUNDS}, {@code ERR_INVALID_BUFFER_SIZE}). An
 * {@link IllegalArgumentException}, since in Java an out-of-range value is a bad argument.
 */
public class NodeRangeException extends IllegalArgumentException implements NodeError {
    private final String code;

    /** An error with Node's {@code code} and {@code message}. */
    public NodeRangeException(String code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public String nodeName() {
        return "RangeError";
    }

    @Override
    public String toString() {
        return nodeName() + " [" + code + "]: " + getMessage();
    }
}
