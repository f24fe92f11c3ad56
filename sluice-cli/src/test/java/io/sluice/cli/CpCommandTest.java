package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpCommandTest {
    @TempDir
    Path dir;

    private final byte[] data = TestData.mixed(200_000, 3);

    @Test
    void copiesTheWholeFileReplacingAnExistingOne() throws Exception {
        Files.write(dir.resolve("src"), data);
        Files.writeString(dir.resolve("dst"), "old");
        Cli.Result r = Cli.run(dir, "cp", "src", "dst");
        assertThat(r.exit()).isEqualTo(0);
        assertThat(r.stderr()).isEmpty();
        assertThat(Files.readAllBytes(dir.resolve("dst"))).isEqualTo(data);
    }

    @Test
    void startAndEndAreInclusiveAsInNode() throws Exception {
        Files.write(dir.resolve("src"), data);
        // Node: fs.createReadStream(p, {start: 2, end: 5}) yields bytes 2, 3, 4, 5.
        assertThat(Cli.run(dir, "cp", "--start", "2", "--end", "5", "src", "four").exit()).isEqualTo(0);
        assertThat(Files.readAllBytes(dir.resolve("four"))).isEqualTo(Arrays.copyOfRange(data, 2, 6));

        // start == end: one byte.
        assertThat(Cli.run(dir, "cp", "--start", "70000", "--end", "70000", "src", "one").exit()).isEqualTo(0);
        assertThat(Files.readAllBytes(dir.resolve("one"))).containsExactly(data[70000]);

        // Across several 64 KiB reads, start only, end only, end past EOF.
        assertThat(Cli.run(dir, "cp", "--start", "65535", "--end", "131072", "src", "mid").exit()).isEqualTo(0);
        assertThat(Files.readAllBytes(dir.resolve("mid"))).isEqualTo(Arrays.copyOfRange(data, 65535, 131073));
        assertThat(Cli.run(dir, "cp", "--start", "199990", "src", "tail").exit()).isEqualTo(0);
        assertThat(Files.readAllBytes(dir.resolve("tail"))).isEqualTo(Arrays.copyOfRange(data, 199990, 200000));
        assertThat(Cli.run(dir, "cp", "--end", "9", "src", "head").exit()).isEqualTo(0);
        assertThat(Files.readAllBytes(dir.resolve("head"))).isEqualTo(Arrays.copyOfRange(data, 0, 10));
        assertThat(Cli.run(dir, "cp", "--start", "199999", "--end", "500000", "src", "last").exit()).isEqualTo(0);
        assertThat(Files.readAllBytes(dir.resolve("last"))).containsExactly(data[199999]);
    }

    @Test
    void sliceMatchesNodesCreateReadStream() throws Exception {
        Node.assume();
        Files.write(dir.resolve("src"), data);
        byte[] node = Node.eval(dir,
                "require('fs').createReadStream(process.argv[1], {start: 1000, end: 70000}).pipe(process.stdout)", "src");
        Cli.Result r = Cli.run(dir, "cp", "--start", "1000", "--end", "70000", "src", "-");
        assertThat(r.exit()).isEqualTo(0);
        assertThat(r.stdout()).isEqualTo(node).hasSize(69001);
    }

    @Test
    void copiesIntoADirectoryAndBetweenStdinAndStdout() throws Exception {
        Files.write(dir.resolve("src"), data);
        Files.createDirectory(dir.resolve("sub"));
        assertThat(Cli.run(dir, "cp", "src", "sub").exit()).isEqualTo(0);
        assertThat(Files.readAllBytes(dir.resolve("sub/src"))).isEqualTo(data);

        Cli.Result fromStdin = Cli.run(dir, data, "cp", "-", "piped");
        assertThat(fromStdin.exit()).isEqualTo(0);
        assertThat(Files.readAllBytes(dir.resolve("piped"))).isEqualTo(data);

        Cli.Result through = Cli.run(dir, data, "cp", "-", "-");
        assertThat(through.exit()).isEqualTo(0);
        assertThat(through.stdout()).isEqualTo(data);
    }

    @Test
    void errorsAndBadRanges() throws Exception {
        Cli.Result missing = Cli.run(dir, "cp", "nope", "dst");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.stderr()).isEqualTo("sluice: cp: ENOENT: no such file or directory, open 'nope'\n");
        assertThat(Files.exists(dir.resolve("dst"))).isFalse();

        Files.write(dir.resolve("src"), data);
        Cli.Result reversed = Cli.run(dir, "cp", "--start", "5", "--end", "2", "src", "dst");
        assertThat(reversed.exit()).isEqualTo(2);
        assertThat(reversed.stderr()).startsWith("--start (5) must be <= --end (2)\n").contains("Usage: sluice cp");

        Cli.Result notANumber = Cli.run(dir, "cp", "--start", "x", "src", "dst");
        assertThat(notANumber.exit()).isEqualTo(2);
        assertThat(notANumber.stderr()).startsWith("Invalid value for option '--start': 'x' is not a long\n");
        assertThat(Files.exists(dir.resolve("dst"))).isFalse();
    }
}
