package io.sluice.cli;

import io.sluice.fs.ReadStreamOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cp [--start N] [--end M] SRC DST}: copies bytes {@code [start, end]} of SRC (end inclusive,
 * as Node's {@code fs.createReadStream}) to DST. Like cp(1) it replaces an existing DST and copies
 * into DST/name(SRC) when DST is a directory; unlike cp(1) the write is atomic.
 */
@Command(name = "cp", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Copy SRC to DST (a byte range with --start/--end, end inclusive as in Node).")
final class CpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--start", paramLabel = "N", description = "First byte to copy (default 0).")
    Long start;

    @Option(names = "--end", paramLabel = "M", description = "Last byte to copy, inclusive (default: end of file).")
    Long end;

    @Parameters(index = "0", paramLabel = "SRC", description = "Source file, or - for stdin.")
    String src;

    @Parameters(index = "1", paramLabel = "DST", description = "Destination file or directory, or - for stdout.")
    String dst;

    @Override
    public Integer call() {
        if ((start != null && start < 0) || (end != null && end < 0)) {
            throw new ParameterException(spec.commandLine(), "--start and --end must be >= 0");
        }
        if (start != null && end != null && start > end) {
            throw new ParameterException(spec.commandLine(), "--start (" + start + ") must be <= --end (" + end + ")");
        }
        if (Endpoints.isStd(src) && (start != null || end != null)) {
            throw new ParameterException(spec.commandLine(), "--start/--end need a file, not stdin");
        }
        String target = dst;
        if (!Endpoints.isStd(dst) && !Endpoints.isStd(src) && Files.isDirectory(Path.of(dst))) {
            Path name = Path.of(src).getFileName();
            target = name == null ? dst : Path.of(dst).resolve(name).toString();
        }
        ReadStreamOptions options = ReadStreamOptions.create();
        if (start != null) {
            options.start(start);
        }
        if (end != null) {
            options.end(end);
        }
        try {
            options.validate();
        } catch (RuntimeException e) {
            // What createReadStream would reject beyond the checks above (a position past 2^53-1,
            // Node's ERR_OUT_OF_RANGE) is bad usage too, not a failed copy: exit 2 before any I/O.
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        String out = target;
        try {
            PipelineRun.run(common.progress(), expected(), () -> List.of(
                    Endpoints.source(src, options),
                    Endpoints.destination(out, true)));
            return 0;
        } catch (Exception e) {
            return Report.failure("cp", e);
        }
    }

    /** Bytes the range will copy, for the progress line; -1 when unknown. */
    private long expected() {
        long size = CompressCommand.sizeOf(src);
        if (size < 0) {
            return -1;
        }
        long first = start == null ? 0 : start;
        long last = end == null ? size - 1 : Math.min(end, size - 1);
        return Math.max(0, last - first + 1);
    }
}
