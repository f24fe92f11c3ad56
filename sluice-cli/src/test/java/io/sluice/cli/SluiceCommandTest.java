package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SluiceCommandTest {
    @TempDir
    Path dir;

    @Test
    void noCommandOrAnUnknownOneIsUsage() throws Exception {
        Cli.Result none = Cli.run(dir);
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.stderr()).startsWith("Missing required subcommand\nUsage: sluice [-hV] [COMMAND]\n");
        assertThat(none.stdout()).isEmpty();

        Cli.Result unknown = Cli.run(dir, "zip", "x");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.stderr()).startsWith("Unmatched arguments from index 0: 'zip', 'x'\n");
    }

    @Test
    void helpAndVersionGoToStdoutWithExitZero() throws Exception {
        Cli.Result help = Cli.run(dir, "--help");
        assertThat(help.exit()).isEqualTo(0);
        assertThat(help.stderr()).isEmpty();
        assertThat(help.out()).startsWith("Usage: sluice [-hV] [COMMAND]\n")
                .contains("  gzip      Compress IN with gzip into OUT (default IN.gz).\n")
                .contains("  hash      Print the digest of each FILE as '<hex>  <file>', like sha256sum.\n");

        Cli.Result sub = Cli.run(dir, "cp", "--help");
        assertThat(sub.exit()).isEqualTo(0);
        assertThat(sub.out()).startsWith("Usage: sluice cp [-hqV] [--end=M] [--start=N] SRC DST\n");

        Cli.Result version = Cli.run(dir, "--version");
        assertThat(version.exit()).isEqualTo(0);
        assertThat(version.out()).matches("sluice \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\nJava 25[^\n]*\n");
    }

    @Test
    void debugAddsTheStackTraceOnlyWhenAsked() throws Exception {
        Cli.Result plain = Cli.run(dir, "hash", "nope");
        assertThat(plain.stderr()).isEqualTo("sluice: hash: ENOENT: no such file or directory, open 'nope'\n");
        assertThat(plain.stderr()).doesNotContain("\tat ");
    }
}
