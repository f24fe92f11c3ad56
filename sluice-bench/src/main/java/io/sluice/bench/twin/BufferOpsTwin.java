package io.sluice.bench.twin;

import static io.sluice.bench.twin.Harness.MiB;
import static io.sluice.bench.twin.Harness.check;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.Encoding;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Twin of {@code shared/bench/node/buffer_ops.mjs}: Buffer's codecs and access primitives on
 * 64 MiB inputs (scale 1), the same eleven {@code buf_*} figures in MB/s per byte of the Buffer
 * side, the same inputs (random bytes; {@code makeText} ASCII and 30 % multibyte text), and the
 * same timing rule: one untimed warm-up call, then each run repeats the call for at least 0.25 s.
 *
 * <p>Every result is checked, so a broken codec cannot post a fast figure: the warm-up output is
 * compared in full with an independent JDK computation (java.util.Base64, HexFormat,
 * String/UTF-8, a ByteBuffer sum), and every timed call's output length (or the needle position,
 * or the sum) is checked too. A wrong result ends the twin with a non-zero exit.
 */
public final class BufferOpsTwin {
    private static final double MIN_RUN_SECONDS = 0.25;

    /** Results feed this, as in the script, so no call can be optimised away. */
    private static int keep;

    private BufferOpsTwin() {}

    /** A timed operation: returns its result for the checks and the keep-alive checksum. */
    private interface Op<T> extends Supplier<T> {}

    /** Checks one call's result; {@code full} is true for the warm-up call (compare everything). */
    private interface Check<T> {
        void accept(T out, boolean full);
    }

    private static int lengthOf(Object out) {
        return switch (out) {
            case String s -> s.length();
            case Buffer b -> b.length();
            case Integer i -> i;
            default -> throw new IllegalStateException("unexpected result " + out);
        };
    }

    private static <T> void bench(String name, long bytesPerCall, Op<T> fn, Check<T> verify) {
        T first = fn.get();
        verify.accept(first, true);
        keep ^= lengthOf(first);
        first = null;
        double[] rates = new double[Harness.RUNS];
        for (int r = 0; r < Harness.RUNS; r++) {
            long calls = 0;
            double t0 = Harness.seconds();
            double elapsed;
            do {
                T out = fn.get();
                verify.accept(out, false);
                keep ^= lengthOf(out);
                calls++;
                elapsed = Harness.seconds() - t0;
            } while (elapsed < MIN_RUN_SECONDS);
            rates[r] = calls * bytesPerCall / elapsed / 1e6;
        }
        Harness.report(name, rates, "MB/s");
    }

    private static void sameBytes(Buffer out, byte[] expected, String what) {
        check(out.length() == expected.length, what + ": length " + out.length());
        check(Arrays.equals(out.toByteArray(), expected), what + ": bytes differ");
    }

    public static void main(String[] args) {
        int size = (int) Math.max(1, Math.round(64 * Harness.SCALE)) * MiB;
        int concatCount = (int) Math.max(1000, Math.round(100_000 * Harness.SCALE));

        // Inputs, untimed. The strings come from the JDK, not Sluice, so they double as oracles.
        byte[] binBytes = new byte[size];
        new SplittableRandom(0x5eed).nextBytes(binBytes);
        Buffer bin = Buffer.wrap(binBytes);
        String b64 = Base64.getEncoder().encodeToString(binBytes);
        String hex = HexFormat.of().formatHex(binBytes);
        byte[] asciiBytes = Harness.makeText(size, 0, 1);
        byte[] mb30Bytes = Harness.makeText(size, 0.3, 2);
        Buffer ascii = Buffer.wrap(asciiBytes);
        Buffer mb30 = Buffer.wrap(mb30Bytes);
        String asciiString = new String(asciiBytes, StandardCharsets.UTF_8);
        String mb30String = new String(mb30Bytes, StandardCharsets.UTF_8);

        bench("buf_base64_encode", bin.length(), () -> bin.toString(Encoding.BASE64), (out, full) -> {
            check(out.length() == b64.length(), "base64 length " + out.length());
            check(!full || out.equals(b64), "base64 text differs from java.util.Base64");
        });
        bench("buf_base64_decode", bin.length(), () -> Buffer.from(b64, Encoding.BASE64), (out, full) -> {
            check(out.length() == size, "base64 decoded length " + out.length());
            if (full) {
                sameBytes(out, binBytes, "base64 decode");
            }
        });
        bench("buf_hex_encode", bin.length(), () -> bin.toString(Encoding.HEX), (out, full) -> {
            check(out.length() == hex.length(), "hex length " + out.length());
            check(!full || out.equals(hex), "hex text differs from HexFormat");
        });
        bench("buf_hex_decode", bin.length(), () -> Buffer.from(hex, Encoding.HEX), (out, full) -> {
            check(out.length() == size, "hex decoded length " + out.length());
            if (full) {
                sameBytes(out, binBytes, "hex decode");
            }
        });
        bench("buf_utf8_decode_ascii", ascii.length(), () -> ascii.toString(Encoding.UTF8), (out, full) -> {
            check(out.length() == asciiString.length(), "ascii decoded length " + out.length());
            check(!full || out.equals(asciiString), "ascii text differs from the JDK's decoding");
        });
        bench("buf_utf8_decode_mb30", mb30.length(), () -> mb30.toString(Encoding.UTF8), (out, full) -> {
            check(out.length() == mb30String.length(), "mb30 decoded length " + out.length());
            check(!full || out.equals(mb30String), "mb30 text differs from the JDK's decoding");
        });
        bench("buf_utf8_encode_ascii", ascii.length(), () -> Buffer.from(asciiString, Encoding.UTF8), (out, full) -> {
            check(out.length() == asciiBytes.length, "ascii encoded length " + out.length());
            if (full) {
                sameBytes(out, asciiBytes, "utf8 encode ascii");
            }
        });
        bench("buf_utf8_encode_mb30", mb30.length(), () -> Buffer.from(mb30String, Encoding.UTF8), (out, full) -> {
            check(out.length() == mb30Bytes.length, "mb30 encoded length " + out.length());
            if (full) {
                sameBytes(out, mb30Bytes, "utf8 encode mb30");
            }
        });

        Buffer needle = Buffer.from("needle-in-a-hay!"); // '-' and '!' never occur in the text
        Buffer haystack = Buffer.from(ascii);
        int needleAt = haystack.length() - 1024;
        needle.copy(haystack, needleAt);
        bench("buf_indexof_16b", needleAt, () -> haystack.indexOf(needle), (at, full) ->
                check(at == needleAt, "needle found at " + at + ", placed at " + needleAt));

        List<Buffer> pieces = new ArrayList<>(concatCount);
        for (int i = 0; i < concatCount; i++) {
            pieces.add(Buffer.alloc(64, i & 0xff));
        }
        bench("buf_concat_64b", 64L * concatCount, () -> Buffer.concat(pieces), (out, full) -> {
            check(out.length() == 64 * concatCount, "concat length " + out.length());
            if (full) {
                for (int i = 0; i < concatCount; i++) {
                    check(out.get(64 * i) == (i & 0xff) && out.get(64 * i + 63) == (i & 0xff),
                            "concat piece " + i);
                }
            }
        });

        // The expected sum, by the JDK: the same wrapping 32-bit addition as the script's `| 0`.
        ByteBuffer le = ByteBuffer.wrap(binBytes).order(ByteOrder.LITTLE_ENDIAN);
        int expectedSum = 0;
        for (int i = 0; i + 4 <= size; i += 4) {
            expectedSum += le.getInt(i);
        }
        int sumOracle = expectedSum;
        bench("buf_read_u32le", bin.length(), () -> {
            int sum = 0;
            for (int i = 0; i + 4 <= bin.length(); i += 4) {
                sum = (int) (sum + bin.readUInt32LE(i));
            }
            return sum;
        }, (sum, full) -> check(sum == sumOracle, "u32 sum " + sum + ", expected " + sumOracle));

        Harness.note("buffer_ops: " + size / MiB + " MiB inputs, mb30 = " + mb30.length()
                + " bytes / " + mb30String.length() + " UTF-16 units, concat of " + concatCount
                + " x 64 B (checksum " + keep + ")");
    }
}
