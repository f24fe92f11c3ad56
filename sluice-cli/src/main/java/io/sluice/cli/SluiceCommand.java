package io.sluice.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code sluice} command: a picocli command whose subcommands are the file tools. Exit codes
 * follow Unix tools: 0 success, 1 a failure (one line on stderr, {@code sluice: <command>: <error>},
 * never a stack trace unless {@code SLUICE_DEBUG=1}), 2 bad usage (picocli's message and the usage
 * help on stderr).
 */
@Command(name = "sluice", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "File tools built on Sluice streams (Node.js streams for Java).",
        footer = {"", "Use '-' for standard input or output. SLUICE_DEBUG=1 prints stack traces."})
public final class SluiceCommand {

    /** For picocli; use {@link #main} or {@link #run}. */
    public SluiceCommand() {}

    /**
     * Runs the command line and exits the JVM with its exit code (0, 1 or 2, or 141 after a broken
     * pipe on stdout, as a shell reports a process killed by SIGPIPE).
     */
    public static void main(String[] args) {
        int code = run(args);
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }

    /**
     * Runs the command line without exiting and returns its exit code. Never throws: every
     * failure is reported on stderr and mapped to an exit code.
     */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The configured picocli tree: subcommands in help order and the one-line error handler. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new SluiceCommand());
        for (Codec codec : Codec.values()) {
            CommandLine sub = new CommandLine(new CompressCommand(codec));
            sub.getCommandSpec().usageMessage().description(codec.description());
            cl.addSubcommand(codec.command(), sub);
        }
        cl.addSubcommand("cp", new CpCommand());
        cl.addSubcommand("cat", new CatCommand());
        cl.addSubcommand("hash", new HashCommand());
        cl.addSubcommand("help", new CommandLine.HelpCommand());
        // An exception that escapes a command is still one line, not picocli's stack trace.
        cl.setExecutionExceptionHandler((ex, line, parseResult) -> Report.failure(line.getCommandName(), ex));
        return cl;
    }
}
