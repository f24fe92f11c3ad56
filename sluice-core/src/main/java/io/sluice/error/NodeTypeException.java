package io.sluice.error;

import java.util.Objects;

/**
 * An argument of the wrong type or value: Node's {@code TypeError} ({@code ERR_INVALID_ARG_TYPE},
 * {@code ERR_INVALID_ARG_VALUE}, {@code ERR_UNKNOWN_ENCODING}, {@code ERR_MISSING_ARGS}, ...).
 * An {@link IllegalArgumentException}, as Java code expects for a bad argument.
 */
public class NodeTypeException extends IllegalArgumentException implements NodeError {
    private final String code;

    /** An error with Node's {@code code} and {@code message}. */
    public NodeTypeException(String code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public String nodeName() {
        return "TypeError";
    }

    @Override
    public String toString() {
        return nodeName() + " [" + code + "]: " + getMessage();
    }
}
