package io.sluice.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code cat FILE...}: each file in turn piped to stdout. As cat(1), a file that fails is reported
 * and the others are still written; the exit code is then 1.
 */
@Command(name = "cat", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Concatenate FILEs to stdout.")
final class CatCommand implements Callable<Integer> {

    @Mixin
    CommonOptions common;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to write, - for stdin.")
    List<String> files;

    @Override
    public Integer call() {
        int code = 0;
        for (String file : files) {
            try {
                // No progress bar: stdout is the data, and cat is usually interactive or piped.
                PipelineRun.run(false, -1, () -> List.of(Endpoints.source(file, null), Endpoints.stdout()));
            } catch (Exception e) {
                int c = Report.failure("cat", e);
                if (c == Report.BROKEN_PIPE) {
                    return c;
                }
                code = c;
            }
        }
        return code;
    }
}
