package io.sluice.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a standard stream is a terminal, to decide on progress bars and terminal checks. */
final class Terminal {
    private Terminal() {}

    /**
     * Whether file descriptor {@code fd} (1 = stdout, 2 = stderr) is a terminal. On Linux this
     * reads {@code /proc/self/fd/N}: Java has no isatty, and {@link System#console()} answers for
     * stdin and stdout together, not for stderr. Elsewhere it falls back to the console.
     */
    static boolean isTerminal(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            var console = System.console();
            return console != null && console.isTerminal();
        }
    }
}
