package io.sluice.bench.twin;

import static io.sluice.bench.twin.Harness.MiB;
import static io.sluice.bench.twin.Harness.check;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.StringDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Twin of {@code shared/bench/node/string_decoder.mjs}: a UTF-8 {@link StringDecoder} over 64 MiB
 * (scale 1) of 30 %-multibyte text fed in 1000-byte {@code subarray} views, so characters are
 * regularly split across chunks. Figure {@code string_decoder}: input bytes decoded per second
 * (MB/s). One untimed warm-up pass, then {@code BENCH_RUNS} timed passes.
 *
 * <p>Checks: the warm-up pass's output is joined and compared in full with the JDK's one-shot
 * decoding of the whole input; every timed pass's decoded length (UTF-16 units) must match it.
 */
public final class StringDecoderTwin {
    private static final int CHUNK = 1000;

    private StringDecoderTwin() {}

    private static int decodeAll(Buffer text, StringBuilder sink) {
        StringDecoder decoder = new StringDecoder("utf8");
        int units = 0;
        for (int off = 0; off < text.length(); off += CHUNK) {
            String s = decoder.write(text.subarray(off, off + CHUNK));
            units += s.length();
            if (sink != null) {
                sink.append(s);
            }
        }
        String last = decoder.end();
        if (sink != null) {
            sink.append(last);
        }
        return units + last.length();
    }

    public static void main(String[] args) {
        int size = (int) Math.max(1, Math.round(64 * Harness.SCALE)) * MiB;
        byte[] bytes = Harness.makeText(size, 0.3, 2);
        Buffer text = Buffer.wrap(bytes);
        String expected = new String(bytes, StandardCharsets.UTF_8); // the JDK as the oracle

        StringBuilder joined = new StringBuilder(expected.length());
        int warm = decodeAll(text, joined); // warm-up, untimed
        check(warm == expected.length(), "decoded length " + warm + ", expected " + expected.length());
        check(joined.toString().equals(expected), "decoded text differs from a one-shot decoding");

        double[] rates = new double[Harness.RUNS];
        for (int r = 0; r < Harness.RUNS; r++) {
            double t0 = Harness.seconds();
            int units = decodeAll(text, null);
            rates[r] = text.length() / (Harness.seconds() - t0) / 1e6;
            check(units == expected.length(), "decoded length " + units + ", expected " + expected.length());
        }
        Harness.report("string_decoder", rates, "MB/s");
    }
}
