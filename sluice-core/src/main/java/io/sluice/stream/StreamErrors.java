package io.sluice.stream;

import io.sluice.error.AbortException;
import io.sluice.error.ErrorCodes;
import io.sluice.error.Errors;
import io.sluice.error.NodeException;
import io.sluice.error.NodeRangeException;
import io.sluice.error.NodeTypeException;

/**
 * Factories for the coded errors the stream state machines, pipeline, compose and Duplex.from
 * raise, worded exactly as Node v20
 * words them (each message was checked by running node). Package-private: users see the
 * exceptions, never this class.
 */
final class StreamErrors {
    private StreamErrors() {}

    static NodeException pushAfterEof() {
        return new NodeException(ErrorCodes.ERR_STREAM_PUSH_AFTER_EOF, "stream.push() after EOF");
    }

    static NodeException unshiftAfterEndEvent() {
        return new NodeException(ErrorCodes.ERR_STREAM_UNSHIFT_AFTER_END_EVENT, "stream.unshift() after end event");
    }

    static NodeException writeAfterEnd() {
        return new NodeException(ErrorCodes.ERR_STREAM_WRITE_AFTER_END, "write after end");
    }

    /**
     * {@code value} as one of Sluice's own streams: the Readable/Writable interfaces may be
     * implemented elsewhere, but the bridges need the stream's loop. {@code ERR_INVALID_ARG_TYPE}
     * ("The "stream" argument must be an instance of Readable") otherwise.
     */
    static Stream requireStream(Object value, String name, String kind) {
        if (!(value instanceof Stream s)) {
            throw Errors.invalidArgType(name, "an instance of " + kind, value);
        }
        return s;
    }

    static NodeException multipleCallback() {
        return new NodeException(ErrorCodes.ERR_MULTIPLE_CALLBACK, "Callback called multiple times");
    }

    static NodeException prematureClose() {
        return new NodeException(ErrorCodes.ERR_STREAM_PREMATURE_CLOSE, "Premature close");
    }

    /** {@code what} is the operation: "write", "end", "pipe". */
    static NodeException destroyed(String what) {
        return Errors.streamDestroyed(what);
    }

    static NodeException alreadyFinished(String what) {
        return new NodeException(ErrorCodes.ERR_STREAM_ALREADY_FINISHED, "Cannot call " + what + " after a stream was finished");
    }

    static NodeTypeException nullValues() {
        return new NodeTypeException(ErrorCodes.ERR_STREAM_NULL_VALUES, "May not write null values to stream");
    }

    /** {@code method} as Node names it: "_read()", "_write()", "_transform()". */
    static NodeException notImplemented(String method) {
        return new NodeException(ErrorCodes.ERR_METHOD_NOT_IMPLEMENTED, "The " + method + " method is not implemented");
    }

    static NodeException cannotPipe() {
        return new NodeException(ErrorCodes.ERR_STREAM_CANNOT_PIPE, "Cannot pipe, not readable");
    }

    /** A chunk of the wrong type in byte mode (push, unshift and write all word it this way in v20). */
    static NodeTypeException invalidChunk(Object chunk) {
        return Errors.invalidArgType("chunk", "of type string or an instance of Buffer, TypedArray, or DataView", chunk);
    }

    /** An objectMode item pushed into a stream with an encoding that is neither bytes nor a string. */
    static NodeTypeException notDecodable(Object item) {
        return Errors.invalidArgType("buf", "an instance of Buffer, TypedArray, or DataView", item);
    }

    static NodeTypeException invalidHighWaterMark(String optionName, Object value) {
        return Errors.invalidArgValue("options." + optionName, value);
    }

    static NodeRangeException readSizeOutOfRange(long n) {
        return Errors.outOfRange("size", "<= 1GiB", n);
    }


    /**
     * pipeline / compose / Duplex.from: a stage function returned something unusable.
     * {@code input}: "Iterable, AsyncIterable or Stream"; {@code name}: "source", "transform[0]"...
     */
    static NodeTypeException invalidReturnValue(String input, String name, Object value) {
        // Node's "Received ..." wording: "type number (42)", "null", "an instance of X".
        String received = Errors.describeReceived(value).substring("Received ".length());
        return new NodeTypeException(ErrorCodes.ERR_INVALID_RETURN_VALUE,
                "Expected " + input + " to be returned from the \"" + name + "\" function but got " + received + ".");
    }

    static NodeException unableToPipe() {
        return new NodeException(ErrorCodes.ERR_STREAM_UNABLE_TO_PIPE, "Cannot pipe to a closed or destroyed stream");
    }

    /** Node's {@code new AbortError(undefined, { cause })}: "The operation was aborted". */
    static AbortException abort(Throwable cause) {
        return new AbortException("The operation was aborted", cause);
    }
}
