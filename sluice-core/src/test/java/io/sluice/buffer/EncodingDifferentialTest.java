package io.sluice.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.testing.NodeOracle;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Assumptions;

/**
 * Every encoding against Node itself: seeded random inputs (ill-formed UTF-8, surrogates,
 * base64 and hex junk, non-latin1 chars, plus a few inputs big enough for the bulk paths),
 * all decoded, or all encoded, by one batch {@code node} process, compared exactly.
 */
class EncodingDifferentialTest {
    private static final Encoding[] ENCODINGS = Encoding.values();
    private static final int CASES_PER_ENCODING = 10_000;
    private static final int BIG_CASES_PER_ENCODING = 6;

    private static final String NAMES = "const E = " + Arrays.stream(ENCODINGS)
            .map(e -> "'" + e.nodeName() + "'").toList() + ";\n";

    @BeforeAll
    static void needNode() {
        Assumptions.assumeTrue(NodeOracle.available(), NodeOracle.SKIP_MESSAGE);
    }

    private static int maxLen(int i) {
        return i < BIG_CASES_PER_ENCODING ? 70_000 : i % 10 == 0 ? 300 : 40;
    }

    @Test
    void decodeMatchesBufToString() {
        SplittableRandom r = new SplittableRandom(0x5EED_DEC0DEL);
        List<byte[]> frames = new ArrayList<>();
        List<Encoding> encs = new ArrayList<>();
        List<byte[]> inputs = new ArrayList<>();
        for (Encoding e : ENCODINGS) {
            for (int i = 0; i < CASES_PER_ENCODING; i++) {
                byte[] in = CodecFuzz.bytes(r, e, maxLen(i));
                byte[] frame = new byte[1 + in.length];
                frame[0] = (byte) e.ordinal();
                System.arraycopy(in, 0, frame, 1, in.length);
                frames.add(frame);
                encs.add(e);
                inputs.add(in);
            }
        }
        List<byte[]> out = NodeOracle.run(NAMES + "for (const f of input) emit(f.subarray(1).toString(E[f[0]]));", frames);
        assertThat(out).hasSize(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            Encoding e = encs.get(i);
            byte[] in = inputs.get(i);
            String expected = NodeOracle.utf16(out.get(i));
            String actual = e.decode(in, 0, in.length);
            if (!actual.equals(expected)) {
                assertThat(escape(actual)).as("%s decode of %s", e, shortHex(in)).isEqualTo(escape(expected));
            }
            // The same bytes at an offset inside a larger array decode the same way.
            byte[] padded = new byte[in.length + 3];
            System.arraycopy(in, 0, padded, 2, in.length);
            assertThat(e.decode(padded, 2, in.length)).as("%s decode at offset", e).isEqualTo(expected);
        }
    }

    @Test
    void encodeByteLengthAndBoundedWriteMatchNode() {
        SplittableRandom r = new SplittableRandom(0x5EED_E4C0DEL);
        List<byte[]> frames = new ArrayList<>();
        List<Encoding> encs = new ArrayList<>();
        List<String> strings = new ArrayList<>();
        List<Integer> maxes = new ArrayList<>();
        for (Encoding e : ENCODINGS) {
            for (int i = 0; i < CASES_PER_ENCODING; i++) {
                String s = CodecFuzz.string(r, e, maxLen(i));
                int max = i < BIG_CASES_PER_ENCODING ? s.length() * 3 : r.nextInt(s.length() * 3 + 4);
                byte[] u16 = NodeOracle.utf16(s);
                ByteBuffer frame = ByteBuffer.allocate(5 + u16.length);
                frame.put((byte) e.ordinal()).putInt(max).put(u16);
                frames.add(frame.array());
                encs.add(e);
                strings.add(s);
                maxes.add(max);
            }
        }
        String script = NAMES + """
                for (const f of input) {
                  const enc = E[f[0]];
                  const max = f.readUInt32BE(1);
                  const s = u16(f.subarray(5));
                  const dst = Buffer.alloc(max, 0xee);
                  const n = dst.write(s, 0, max, enc);
                  emit(pack([Buffer.from(s, enc), String(Buffer.byteLength(s, enc)), String(n), dst]));
                }
                """;
        List<byte[]> out = NodeOracle.run(script, frames);
        assertThat(out).hasSize(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            Encoding e = encs.get(i);
            String s = strings.get(i);
            int max = maxes.get(i);
            List<byte[]> parts = NodeOracle.unpack(out.get(i));
            String what = e + " of \"" + escape(s.length() > 200 ? s.substring(0, 200) + "..." : s) + "\"";

            byte[] full = e.encode(s);
            if (!Arrays.equals(full, parts.get(0))) {
                assertThat(shortHex(full)).as("Buffer.from(s, enc), %s", what).isEqualTo(shortHex(parts.get(0)));
            }
            assertThat(e.byteLength(s)).as("byteLength, %s", what)
                    .isEqualTo(Integer.parseInt(NodeOracle.utf16(parts.get(1))));

            byte[] dst = new byte[max + 2];
            Arrays.fill(dst, (byte) 0xEE);
            int n = e.encode(s, dst, 1, max);
            assertThat(n).as("write(s, 0, %d) count, %s", max, what).isEqualTo(Integer.parseInt(NodeOracle.utf16(parts.get(2))));
            byte[] window = Arrays.copyOfRange(dst, 1, 1 + max);
            if (!Arrays.equals(window, parts.get(3))) {
                assertThat(shortHex(window)).as("write(s, 0, %d) bytes, %s", max, what).isEqualTo(shortHex(parts.get(3)));
            }
            assertThat(dst[0]).as("byte before the window").isEqualTo((byte) 0xEE);
            assertThat(dst[max + 1]).as("byte after the window").isEqualTo((byte) 0xEE);
        }
    }

    static String shortHex(byte[] b) {
        String h = HexFormat.of().formatHex(b, 0, Math.min(b.length, 400));
        return b.length > 400 ? h + "...(" + b.length + " bytes)" : h;
    }

    /** Java-escaped text, so lone surrogates and U+FFFD are visible in a failure message. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7F) {
                sb.append(c);
            } else {
                sb.append(String.format("\\u%04X", (int) c));
            }
        }
        return sb.toString();
    }
}
