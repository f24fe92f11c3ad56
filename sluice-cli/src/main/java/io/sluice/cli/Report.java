package io.sluice.cli;

import io.sluice.error.NodeError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Error reporting as a Unix tool does it: one line on stderr, {@code sluice: <command>: <error>},
 * and an exit code. The error is Node's text ({@code ENOENT: no such file or directory, open 'x'},
 * {@code Z_DATA_ERROR: incorrect header check}); {@code SLUICE_DEBUG=1} adds the stack trace.
 */
final class Report {
    private Report() {}

    /** Exit code of a failed command. */
    static final int FAILED = 1;
    /** Exit code after stdout's reader went away: 128 + SIGPIPE, what a shell shows for `cat | head`. */
    static final int BROKEN_PIPE = 141;

    /** Prints the line for {@code error} and returns the exit code to use (1, or 141 quietly for EPIPE). */
    static int failure(String command, Throwable error) {
        Throwable t = unwrap(error);
        if (isBrokenPipe(t)) {
            return BROKEN_PIPE;
        }
        System.err.println("sluice: " + command + ": " + describe(t));
        if (debug()) {
            t.printStackTrace();
        }
        System.err.flush();
        return FAILED;
    }

    /** Prints {@code sluice: <command>: <message>} and returns 1. */
    static int failure(String command, String message) {
        System.err.println("sluice: " + command + ": " + message);
        System.err.flush();
        return FAILED;
    }

    /** Whether SLUICE_DEBUG is set to something other than empty or "0". */
    static boolean debug() {
        String v = System.getenv("SLUICE_DEBUG");
        return v != null && !v.isEmpty() && !v.equals("0");
    }

    /** Strips the wrappers futures and the event loop add around the real error. */
    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /**
     * The error as one line: a Node error's message prefixed with its code unless it already starts
     * with it (fs errors do), an I/O error's message, or for anything else (a bug) its class and
     * message, so that it is recognisable.
     */
    static String describe(Throwable t) {
        String msg = t.getMessage();
        String line;
        if (t instanceof NodeError ne) {
            String code = ne.code();
            line = msg == null || msg.isEmpty() ? code : msg.startsWith(code) ? msg : code + ": " + msg;
        } else if ((t instanceof IOException || t instanceof UncheckedIOException) && msg != null) {
            line = msg;
        } else if (t instanceof UnsupportedOperationException && msg != null) {
            line = msg;
        } else {
            line = t.toString();
        }
        return line.replace('\n', ' ').replace('\r', ' ');
    }

    private static boolean isBrokenPipe(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof IOException && c.getMessage() != null && c.getMessage().contains("Broken pipe")) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }
}
