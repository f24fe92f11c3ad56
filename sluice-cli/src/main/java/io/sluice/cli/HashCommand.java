package io.sluice.cli;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hash [--algo sha256] FILE...}: prints {@code <hex>  <file>} per file, as sha256sum does.
 * Algorithm names are Node's ({@code sha256}, {@code sha1}, {@code md5}, {@code sha512},
 * {@code sha3-256}) or the JDK's ({@code SHA-256}). A failing file is reported and skipped; exit 1.
 */
@Command(name = "hash", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Print the digest of each FILE as '<hex>  <file>', like sha256sum.")
final class HashCommand implements Callable<Integer> {
    private static final Pattern SHA_DIGITS = Pattern.compile("SHA(\\d+)");

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = {"-a", "--algo"}, paramLabel = "ALGO", defaultValue = "sha256",
            description = "Digest algorithm: sha256 (default), sha1, sha512, md5, sha3-256, ...")
    String algo;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to hash, - for stdin.")
    List<String> files;

    @Override
    public Integer call() {
        String jdkName = jdkAlgorithm(algo);
        try {
            MessageDigest.getInstance(jdkName);
        } catch (NoSuchAlgorithmException e) {
            throw new ParameterException(spec.commandLine(), "unknown digest algorithm '" + algo + "'");
        }
        int code = 0;
        for (String file : files) {
            try {
                MessageDigest digest = MessageDigest.getInstance(jdkName);
                PipelineRun.run(common.progress(), CompressCommand.sizeOf(file),
                        () -> List.of(Endpoints.source(file, null), new DigestSink(digest)));
                System.out.println(HexFormat.of().formatHex(digest.digest()) + "  " + file);
                System.out.flush();
            } catch (Exception e) {
                code = Report.failure("hash", e);
            }
        }
        return code;
    }

    /** Node's name ({@code sha256}) to the JDK's ({@code SHA-256}); JDK names pass unchanged. */
    static String jdkAlgorithm(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        Matcher m = SHA_DIGITS.matcher(upper);
        return m.matches() ? "SHA-" + m.group(1) : upper;
    }
}
