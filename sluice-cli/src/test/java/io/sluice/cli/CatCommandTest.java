package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatCommandTest {
    @TempDir
    Path dir;

    @Test
    void concatenatesFilesAndStdinInOrder() throws Exception {
        byte[] a = TestData.mixed(150_000, 4);
        byte[] b = TestData.mixed(70_000, 5);
        Files.write(dir.resolve("a"), a);
        Files.write(dir.resolve("b"), b);
        byte[] middle = "from stdin\n".getBytes(StandardCharsets.UTF_8);

        Cli.Result r = Cli.run(dir, middle, "cat", "a", "-", "b");
        assertThat(r.exit()).isEqualTo(0);
        assertThat(r.stderr()).isEmpty();
        assertThat(r.stdout()).isEqualTo(concat(a, middle, b));

        Cli.Result twice = Cli.run(dir, "cat", "b", "b");
        assertThat(twice.stdout()).isEqualTo(concat(b, b));
    }

    @Test
    void aMissingFileIsReportedAndTheOthersStillWritten() throws Exception {
        Files.writeString(dir.resolve("one"), "1\n");
        Files.writeString(dir.resolve("two"), "2\n");
        Cli.Result r = Cli.run(dir, "cat", "one", "gone", "two");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("1\n2\n");
        assertThat(r.stderr()).isEqualTo("sluice: cat: ENOENT: no such file or directory, open 'gone'\n");
    }

    @Test
    void aDirectoryIsEisdirAndNoFilesIsUsage() throws Exception {
        Files.createDirectory(dir.resolve("d"));
        Cli.Result r = Cli.run(dir, "cat", "d");
        assertThat(r.exit()).isEqualTo(1);
        // Node: fs.createReadStream('d') errors with "EISDIR: illegal operation on a directory, read".
        assertThat(r.stderr()).isEqualTo("sluice: cat: EISDIR: illegal operation on a directory, read\n");

        Cli.Result none = Cli.run(dir, "cat");
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.stderr()).startsWith("Missing required parameter: 'FILE'\n");
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
