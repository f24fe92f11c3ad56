package io.sluice.stream;

import io.sluice.error.Errors;
import io.sluice.error.NodeException;
import io.sluice.error.NodeTypeException;

/** The coded errors of pipeline, compose and Duplex.from, worded as Node v20 words them (checked with node). */
final class PipelineErrors {
    private PipelineErrors() {}

    static final String ERR_INVALID_RETURN_VALUE = "ERR_INVALID_RETURN_VALUE";

    /** {@code input}: "Iterable, AsyncIterable or Stream"; {@code name}: "source", "transform[0]"... */
    static NodeTypeException invalidReturnValue(String input, String name, Object value) {
        String got = Errors.invalidArgType("x", "y", value).getMessage();
        // Reuse Node's "Received ..." wording: "type number (42)", "null", "an instance of X".
        String received = got.substring(got.indexOf("Received ") + "Received ".length());
        return new NodeTypeException(ERR_INVALID_RETURN_VALUE,
                "Expected " + input + " to be returned from the \"" + name + "\" function but got " + received + ".");
    }

    static NodeException unableToPipe() {
        return new NodeException(io.sluice.error.ErrorCodes.ERR_STREAM_UNABLE_TO_PIPE,
                "Cannot pipe to a closed or destroyed stream");
    }
}
