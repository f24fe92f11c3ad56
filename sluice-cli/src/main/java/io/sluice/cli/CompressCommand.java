package io.sluice.cli;

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
 * {@code gzip|gunzip|brotli|unbrotli IN [OUT]}: the pipeline {@code source → (de)compressor →
 * destination}. OUT defaults to IN plus or minus the suffix ({@code -} when IN is {@code -}); an
 * existing OUT is refused unless {@code -f}; OUT is written atomically, so a corrupt input or any
 * other failure leaves no partial file. Unlike gzip(1), IN is kept.
 */
@Command(mixinStandardHelpOptions = true, versionProvider = VersionProvider.class)
final class CompressCommand implements Callable<Integer> {
    private final Codec codec;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = {"-f", "--force"}, description = "Overwrite OUT if it exists; write compressed data to a terminal.")
    boolean force;

    @Option(names = {"-l", "--level"}, paramLabel = "N",
            description = "Compression level: 0-9 for gzip (default 6), quality 0-11 for brotli (default 11).")
    Integer level;

    @Parameters(index = "0", paramLabel = "IN", description = "Input file, or - for stdin.")
    String in;

    @Parameters(index = "1", arity = "0..1", paramLabel = "OUT",
            description = "Output file, or - for stdout (default: IN with the suffix added or removed).")
    String out;

    CompressCommand(Codec codec) {
        this.codec = codec;
    }

    @Override
    public Integer call() {
        String name = codec.command();
        String target = out != null ? out : Endpoints.isStd(in) ? Endpoints.STD : codec.defaultOutput(in);
        if (target == null) {
            throw new ParameterException(spec.commandLine(),
                    "IN '" + in + "' does not end in " + codec.suffix() + ": give OUT explicitly");
        }
        if (level != null && (!codec.compresses() || level < 0 || level > codec.maxLevel())) {
            throw new ParameterException(spec.commandLine(), codec.compresses()
                    ? "--level must be between 0 and " + codec.maxLevel() + ", got " + level
                    : "--level applies to compression only");
        }
        if (Endpoints.isStd(target) && codec.compresses() && !force && Terminal.isTerminal(1)) {
            return Report.failure(name, "compressed data not written to a terminal (use -f to force)");
        }
        // Checked before anything starts, so `gzip - x.gz` never waits on stdin to report it; the
        // atomic 'wx' open still guards against a file that appears meanwhile.
        if (!Endpoints.isStd(target) && !force && Files.exists(Path.of(target))) {
            return exists(target);
        }
        long size = sizeOf(in);
        try {
            PipelineRun.run(common.progress(), size, () -> List.of(
                    Endpoints.source(in, null),
                    codec.create(level),
                    Endpoints.destination(target, force)));
            return 0;
        } catch (Exception e) {
            if (e instanceof io.sluice.error.NodeError ne && "EEXIST".equals(ne.code()) && !force) {
                return exists(target);
            }
            return Report.failure(name, e);
        }
    }

    private int exists(String target) {
        return Report.failure(codec.command(), "EEXIST: file already exists, open '" + target + "' (use -f to overwrite)");
    }

    /** The input's size for the progress line, -1 for stdin or when it cannot be read (the pipeline reports why). */
    static long sizeOf(String name) {
        if (Endpoints.isStd(name)) {
            return -1;
        }
        try {
            return Files.size(Path.of(name));
        } catch (Exception e) {
            return -1;
        }
    }
}
