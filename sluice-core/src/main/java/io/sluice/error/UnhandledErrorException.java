package io.sluice.error;

/**
 * Thrown by {@code EventEmitter.emit("error", value)} when nobody listens for {@code 'error'} and
 * the value cannot be thrown as it is: Node's {@code ERR_UNHANDLED_ERROR}, "Unhandled error. (…)".
 * In Java this also wraps a checked exception emitted as an error, which Node would throw
 * directly; the original is the {@link #getCause() cause} and {@link #context()}.
 */
public class UnhandledErrorException extends NodeException {
    private final transient Object context;

    /** Wraps the emitted {@code context} value. */
    public UnhandledErrorException(Object context) {
        super(ErrorCodes.ERR_UNHANDLED_ERROR,
                // Node: "Unhandled error. (null)" for null; Java has no undefined, so a missing
                // value reads the same way (Node would say "(undefined)").
                "Unhandled error. (" + Errors.inspect(context) + ")",
                context instanceof Throwable t ? t : null);
        this.context = context;
    }

    /** The value that was emitted with the {@code 'error'} event. */
    public Object context() {
        return context;
    }
}
