package io.sluice.cli;

import picocli.CommandLine.Option;

/** Options every command takes. */
final class CommonOptions {
    @Option(names = {"-q", "--quiet"}, description = "No progress bar (it is only shown when stderr is a terminal).")
    boolean quiet;

    /** Whether to draw a progress bar: not quiet, and stderr is a terminal (never in pipes or logs). */
    boolean progress() {
        return !quiet && Terminal.isTerminal(2);
    }
}
