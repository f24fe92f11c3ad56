package io.sluice.error;

/**
 * Node's error codes as constants, so a typo is a compile error rather than a test that never
 * matches. The list grows with the library; the strings are exactly Node's.
 */
public final class ErrorCodes {
    private ErrorCodes() {}

    // Arguments
    public static final String ERR_INVALID_ARG_TYPE = "ERR_INVALID_ARG_TYPE";
    public static final String ERR_INVALID_ARG_VALUE = "ERR_INVALID_ARG_VALUE";
    public static final String ERR_MISSING_ARGS = "ERR_MISSING_ARGS";
    public static final String ERR_INVALID_RETURN_VALUE = "ERR_INVALID_RETURN_VALUE";
    public static final String ERR_OUT_OF_RANGE = "ERR_OUT_OF_RANGE";
    public static final String ERR_UNKNOWN_ENCODING = "ERR_UNKNOWN_ENCODING";

    // Buffer
    public static final String ERR_BUFFER_OUT_OF_BOUNDS = "ERR_BUFFER_OUT_OF_BOUNDS";
    public static final String ERR_INVALID_BUFFER_SIZE = "ERR_INVALID_BUFFER_SIZE";
    public static final String ERR_BUFFER_TOO_LARGE = "ERR_BUFFER_TOO_LARGE";

    // Events
    public static final String ERR_UNHANDLED_ERROR = "ERR_UNHANDLED_ERROR";

    // Streams
    public static final String ERR_STREAM_PUSH_AFTER_EOF = "ERR_STREAM_PUSH_AFTER_EOF";
    public static final String ERR_STREAM_UNSHIFT_AFTER_END_EVENT = "ERR_STREAM_UNSHIFT_AFTER_END_EVENT";
    public static final String ERR_STREAM_WRITE_AFTER_END = "ERR_STREAM_WRITE_AFTER_END";
    public static final String ERR_STREAM_ALREADY_FINISHED = "ERR_STREAM_ALREADY_FINISHED";
    public static final String ERR_STREAM_DESTROYED = "ERR_STREAM_DESTROYED";
    public static final String ERR_STREAM_NULL_VALUES = "ERR_STREAM_NULL_VALUES";
    public static final String ERR_STREAM_PREMATURE_CLOSE = "ERR_STREAM_PREMATURE_CLOSE";
    public static final String ERR_STREAM_CANNOT_PIPE = "ERR_STREAM_CANNOT_PIPE";
    public static final String ERR_STREAM_UNABLE_TO_PIPE = "ERR_STREAM_UNABLE_TO_PIPE";
    public static final String ERR_MULTIPLE_CALLBACK = "ERR_MULTIPLE_CALLBACK";
    public static final String ERR_METHOD_NOT_IMPLEMENTED = "ERR_METHOD_NOT_IMPLEMENTED";
    public static final String ABORT_ERR = "ABORT_ERR";
}
