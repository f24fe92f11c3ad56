package io.sluice.error;

/**
 * Node's {@code AbortError} ({@code code} {@code ABORT_ERR}): an operation or stream was aborted
 * through an abort signal, {@code Streams.destroy(stream)} without an error, or by leaving an
 * iteration early.
 */
public class AbortException extends NodeException {

    /** Node's default message, "The operation was aborted". */
    public AbortException() {
        this("The operation was aborted", null);
    }

    /** An abort whose reason is {@code cause} (the signal's reason), which may be null. */
    public AbortException(String message, Throwable cause) {
        super(ErrorCodes.ABORT_ERR, message, cause);
    }

    @Override
    public String nodeName() {
        return "AbortError";
    }
}
