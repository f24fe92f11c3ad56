package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompressCommandTest {
    @TempDir
    Path dir;

    private final byte[] data = TestData.mixed(300_000, 1);

    @Test
    void gzipThenGunzipRestoresTheInputWithDefaultNames() throws Exception {
        Files.write(dir.resolve("data.bin"), data);

        Cli.Result gz = Cli.run(dir, "gzip", "data.bin");
        assertThat(gz.exit()).isEqualTo(0);
        assertThat(gz.stderr()).isEmpty();
        assertThat(gz.stdout()).isEmpty();
        byte[] compressed = Files.readAllBytes(dir.resolve("data.bin.gz"));
        assertThat(compressed.length).isLessThan(data.length);
        assertThat(gunzipJdk(compressed)).isEqualTo(data);
        assertThat(Files.readAllBytes(dir.resolve("data.bin"))).isEqualTo(data); // IN is kept

        Files.delete(dir.resolve("data.bin"));
        Cli.Result gunzip = Cli.run(dir, "gunzip", "data.bin.gz");
        assertThat(gunzip.exit()).isEqualTo(0);
        assertThat(gunzip.stderr()).isEmpty();
        assertThat(Files.readAllBytes(dir.resolve("data.bin"))).isEqualTo(data);
        assertThat(listing()).containsExactly("data.bin", "data.bin.gz");
    }

    @Test
    void gzipOutputDecompressesInNode() throws Exception {
        Node.assume();
        Files.write(dir.resolve("in.bin"), data);
        assertThat(Cli.run(dir, "gzip", "in.bin", "out.gz").exit()).isEqualTo(0);
        byte[] viaNode = Node.eval(dir,
                "process.stdout.write(require('zlib').gunzipSync(require('fs').readFileSync(process.argv[1])))", "out.gz");
        assertThat(viaNode).isEqualTo(data);
    }

    @Test
    void brotliRoundTripAndNodeDecodesIt() throws Exception {
        Files.write(dir.resolve("in.bin"), data);
        Cli.Result br = Cli.run(dir, "brotli", "-l", "5", "in.bin");
        assertThat(br.exit()).isEqualTo(0);
        assertThat(br.stderr()).isEmpty();
        assertThat(Files.size(dir.resolve("in.bin.br"))).isLessThan(data.length);

        Cli.Result un = Cli.run(dir, "unbrotli", "in.bin.br", "back.bin");
        assertThat(un.exit()).isEqualTo(0);
        assertThat(Files.readAllBytes(dir.resolve("back.bin"))).isEqualTo(data);

        Node.assume();
        byte[] viaNode = Node.eval(dir,
                "process.stdout.write(require('zlib').brotliDecompressSync(require('fs').readFileSync(process.argv[1])))",
                "in.bin.br");
        assertThat(viaNode).isEqualTo(data);
    }

    @Test
    void gunzipsWhatNodeCompressed() throws Exception {
        Node.assume();
        Files.write(dir.resolve("plain"), data);
        Files.write(dir.resolve("node.gz"), Node.eval(dir,
                "process.stdout.write(require('zlib').gzipSync(require('fs').readFileSync(process.argv[1])))", "plain"));
        Cli.Result r = Cli.run(dir, "gunzip", "node.gz", "-");
        assertThat(r.exit()).isEqualTo(0);
        assertThat(r.stdout()).isEqualTo(data);
    }

    @Test
    void stdinToStdoutWithDash() throws Exception {
        Cli.Result gz = Cli.run(dir, data, "gzip", "-");
        assertThat(gz.exit()).isEqualTo(0);
        assertThat(gz.stderr()).isEmpty();
        assertThat(gunzipJdk(gz.stdout())).isEqualTo(data);

        Cli.Result back = Cli.run(dir, gz.stdout(), "gunzip", "-", "-");
        assertThat(back.exit()).isEqualTo(0);
        assertThat(back.stdout()).isEqualTo(data);
        assertThat(listing()).isEmpty();
    }

    @Test
    void missingInputIsOneLineExitOneAndNoOutputFile() throws Exception {
        Cli.Result r = Cli.run(dir, "gzip", "missing.txt");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("sluice: gzip: ENOENT: no such file or directory, open 'missing.txt'\n");
        assertThat(r.stdout()).isEmpty();
        assertThat(listing()).isEmpty(); // neither missing.txt.gz nor a temporary file
    }

    @Test
    void corruptGzipFailsWithZlibErrorAndLeavesNothingBehind() throws Exception {
        Files.write(dir.resolve("bad.gz"), TestData.mixed(200_000, 2));
        Cli.Result r = Cli.run(dir, "gunzip", "bad.gz");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("sluice: gunzip: Z_DATA_ERROR: incorrect header check\n");
        assertThat(listing()).containsExactly("bad.gz");
    }

    @Test
    void truncatedGzipFailsLikeNodeAndKeepsTheOldOutput() throws Exception {
        byte[] gz = gzipJdk(data);
        Files.write(dir.resolve("cut.gz"), Arrays.copyOf(gz, gz.length / 2));
        Files.writeString(dir.resolve("cut"), "old");
        Cli.Result r = Cli.run(dir, "gunzip", "-f", "cut.gz");
        assertThat(r.exit()).isEqualTo(1);
        // Node: zlib.gunzipSync(truncated) throws "unexpected end of file", code Z_BUF_ERROR.
        assertThat(r.stderr()).isEqualTo("sluice: gunzip: Z_BUF_ERROR: unexpected end of file\n");
        assertThat(Files.readString(dir.resolve("cut"))).isEqualTo("old");
        assertThat(listing()).containsExactly("cut", "cut.gz");
    }

    @Test
    void refusesToOverwriteUnlessForced() throws Exception {
        Files.write(dir.resolve("a.txt"), data);
        Files.writeString(dir.resolve("a.txt.gz"), "keep me");
        Cli.Result r = Cli.run(dir, "gzip", "a.txt");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr())
                .isEqualTo("sluice: gzip: EEXIST: file already exists, open 'a.txt.gz' (use -f to overwrite)\n");
        assertThat(Files.readString(dir.resolve("a.txt.gz"))).isEqualTo("keep me");

        Cli.Result forced = Cli.run(dir, "gzip", "-f", "a.txt");
        assertThat(forced.exit()).isEqualTo(0);
        assertThat(gunzipJdk(Files.readAllBytes(dir.resolve("a.txt.gz")))).isEqualTo(data);
        assertThat(listing()).containsExactly("a.txt", "a.txt.gz");
    }

    @Test
    void badUsageExitsTwoWithPicocliUsage() throws Exception {
        Files.writeString(dir.resolve("plain.txt"), "x");
        Cli.Result noSuffix = Cli.run(dir, "gunzip", "plain.txt");
        assertThat(noSuffix.exit()).isEqualTo(2);
        assertThat(noSuffix.stderr()).startsWith("IN 'plain.txt' does not end in .gz: give OUT explicitly\n")
                .contains("Usage: sluice gunzip");

        Cli.Result level = Cli.run(dir, "gzip", "--level", "10", "plain.txt");
        assertThat(level.exit()).isEqualTo(2);
        assertThat(level.stderr()).startsWith("--level must be between 0 and 9, got 10\n");

        Cli.Result extra = Cli.run(dir, "gzip", "a", "b", "c");
        assertThat(extra.exit()).isEqualTo(2);
        assertThat(extra.stderr()).startsWith("Unmatched argument at index 3: 'c'\n").contains("Usage: sluice gzip");
        assertThat(listing()).containsExactly("plain.txt");
    }

    private java.util.List<String> listing() throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static byte[] gunzipJdk(byte[] gz) throws IOException {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    static byte[] gzipJdk(byte[] plain) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var out = new GZIPOutputStream(bytes)) {
            out.write(plain);
        }
        return bytes.toByteArray();
    }
}
