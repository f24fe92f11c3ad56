package io.sluice.error;

/**
 * An error that carries one of Node.js's error codes, so code written against Node's documented
 * codes ({@code err.code === 'ERR_OUT_OF_RANGE'}) has a direct Java equivalent:
 * {@code e instanceof NodeError ne && ne.code().equals(ErrorCodes.ERR_OUT_OF_RANGE)}.
 *
 * <p>Every exception Sluice throws or emits for a condition that Node reports with a code
 * implements this interface. The Java class follows Java's conventions (an invalid argument is an
 * {@link IllegalArgumentException}); the code follows Node's.
 */
public interface NodeError {

    /** Node's error code, for example {@code "ERR_OUT_OF_RANGE"} or {@code "ENOENT"}; never null. */
    String code();

    /**
     * The name Node gives the error class: {@code "RangeError"}, {@code "TypeError"},
     * {@code "AbortError"} or {@code "Error"}.
     */
    String nodeName();
}
