package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashCommandTest {
    @TempDir
    Path dir;

    @Test
    void sha256OfEachFileLikeSha256sum() throws Exception {
        byte[] a = TestData.mixed(333_333, 6);
        byte[] empty = new byte[0];
        Files.write(dir.resolve("a"), a);
        Files.write(dir.resolve("empty"), empty);
        Cli.Result r = Cli.run(dir, "hash", "a", "empty");
        assertThat(r.exit()).isEqualTo(0);
        assertThat(r.stderr()).isEmpty();
        assertThat(r.out()).isEqualTo(hex("SHA-256", a) + "  a\n"
                + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  empty\n");
    }

    @Test
    void otherAlgorithmsAndStdin() throws Exception {
        byte[] data = TestData.mixed(100_000, 7);
        Cli.Result md5 = Cli.run(dir, data, "hash", "--algo", "md5", "-");
        assertThat(md5.exit()).isEqualTo(0);
        assertThat(md5.out()).isEqualTo(hex("MD5", data) + "  -\n");

        Files.write(dir.resolve("f"), data);
        Cli.Result sha512 = Cli.run(dir, "hash", "-a", "sha512", "f");
        assertThat(sha512.out()).isEqualTo(hex("SHA-512", data) + "  f\n");
        Cli.Result sha3 = Cli.run(dir, "hash", "-a", "sha3-256", "f");
        assertThat(sha3.out()).isEqualTo(hex("SHA3-256", data) + "  f\n");
    }

    @Test
    void matchesNodesCrypto() throws Exception {
        Node.assume();
        Files.write(dir.resolve("f"), TestData.mixed(90_000, 8));
        byte[] node = Node.eval(dir, "const c=require('crypto');const fs=require('fs');"
                + "console.log(c.createHash('sha1').update(fs.readFileSync(process.argv[1])).digest('hex')+'  '+process.argv[1])", "f");
        assertThat(Cli.run(dir, "hash", "--algo", "sha1", "f").stdout()).isEqualTo(node);
    }

    @Test
    void missingFileIsReportedAndTheRestHashed() throws Exception {
        Files.writeString(dir.resolve("ok"), "abc");
        Cli.Result r = Cli.run(dir, "hash", "nope", "ok");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.stderr()).isEqualTo("sluice: hash: ENOENT: no such file or directory, open 'nope'\n");
        assertThat(r.out()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  ok\n");
    }

    @Test
    void unknownAlgorithmIsUsage() throws Exception {
        Files.writeString(dir.resolve("ok"), "abc");
        Cli.Result r = Cli.run(dir, "hash", "--algo", "whirlpool9", "ok");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.stderr()).startsWith("unknown digest algorithm 'whirlpool9'\n").contains("Usage: sluice hash");
        assertThat(r.stdout()).isEmpty();
    }

    @Test
    void nodeNamesMapToJdkNames() {
        assertThat(HashCommand.jdkAlgorithm("sha256")).isEqualTo("SHA-256");
        assertThat(HashCommand.jdkAlgorithm("sha1")).isEqualTo("SHA-1");
        assertThat(HashCommand.jdkAlgorithm("md5")).isEqualTo("MD5");
        assertThat(HashCommand.jdkAlgorithm("sha3-256")).isEqualTo("SHA3-256");
        assertThat(HashCommand.jdkAlgorithm("SHA-384")).isEqualTo("SHA-384");
    }

    private static String hex(String algo, byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algo).digest(data));
    }
}
