package io.sluice.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.testing.NodeOracle;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * StringDecoder against Node's own: seeded random byte streams (rich in split and ill-formed
 * characters) cut into random chunkings (1-byte chunks, empty chunks, small and large random
 * chunks, one huge chunk; sometimes the last chunk passed to {@code end(buf)}), fed to both in
 * one batch {@code node} process; the output of every write() and end() must be identical, and
 * so must a write/end after end() (reuse).
 */
class StringDecoderDifferentialTest {
    private static final Encoding[] ENCODINGS = Encoding.values();
    private static final int CASES_PER_ENCODING = 3_000;
    private static final byte[] REUSE = {(byte) 0xE2, (byte) 0x82, 0x41, (byte) 0xD8};

    private record Case(Encoding enc, boolean viaEnd, List<byte[]> chunks) {}

    @Test
    void everyWriteAndEndMatchesNode() {
        Assumptions.assumeTrue(NodeOracle.available(), NodeOracle.SKIP_MESSAGE);
        SplittableRandom r = new SplittableRandom(0x5D_DEC0DEL);
        List<Case> cases = new ArrayList<>();
        List<byte[]> frames = new ArrayList<>();
        for (Encoding e : ENCODINGS) {
            for (int i = 0; i < CASES_PER_ENCODING; i++) {
                byte[] data = CodecFuzz.bytes(r, e, i < 5 ? 40_000 : i % 10 == 0 ? 400 : 60);
                List<byte[]> chunks = chunk(r, data, i < 5 ? 4 : r.nextInt(5));
                Case c = new Case(e, r.nextInt(4) == 0, chunks);
                cases.add(c);
                frames.add(frame(c));
            }
        }
        String names = "const E = " + Arrays.stream(ENCODINGS).map(x -> "'" + x.nodeName() + "'").toList() + ";\n";
        String script = names + """
                const { StringDecoder } = require('string_decoder');
                const reuse = Buffer.from([0xe2, 0x82, 0x41, 0xd8]);
                for (const f of input) {
                  const d = new StringDecoder(E[f[0]]);
                  const viaEnd = f[1] === 1;
                  const n = f.readUInt16BE(2);
                  let p = 4 + 4 * n;
                  const outs = [];
                  for (let i = 0; i < n; i++) {
                    const len = f.readUInt32BE(4 + 4 * i);
                    const chunk = f.subarray(p, p + len);
                    p += len;
                    outs.push(viaEnd && i === n - 1 ? d.end(chunk) : d.write(chunk));
                  }
                  if (!(viaEnd && n > 0)) outs.push(d.end());
                  outs.push(d.write(reuse.subarray(0, 2)), d.write(reuse.subarray(2)), d.end());
                  emit(pack(outs));
                }
                """;
        List<byte[]> out = NodeOracle.run(script, frames);
        assertThat(out).hasSize(cases.size());
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            List<String> expected = NodeOracle.unpack(out.get(i)).stream().map(NodeOracle::utf16).toList();
            List<String> actual = run(c);
            if (!actual.equals(expected)) {
                assertThat(actual.stream().map(EncodingDifferentialTest::escape).toList())
                        .as("%s%s, chunks %s", c.enc(), c.viaEnd() ? " (last via end(buf))" : "",
                                c.chunks().stream().map(b -> HexFormat.of().formatHex(b)).toList())
                        .isEqualTo(expected.stream().map(EncodingDifferentialTest::escape).toList());
            }
        }
    }

    private static List<String> run(Case c) {
        StringDecoder d = new StringDecoder(c.enc());
        List<String> outs = new ArrayList<>();
        int n = c.chunks().size();
        for (int i = 0; i < n; i++) {
            byte[] chunk = c.chunks().get(i);
            // Chunks sit inside a larger array, so offsets are exercised too.
            byte[] padded = new byte[chunk.length + 2];
            System.arraycopy(chunk, 0, padded, 1, chunk.length);
            outs.add(c.viaEnd() && i == n - 1 ? d.end(padded, 1, chunk.length) : d.write(padded, 1, chunk.length));
        }
        if (!(c.viaEnd() && n > 0)) {
            outs.add(d.end());
        }
        outs.add(d.write(REUSE, 0, 2));
        outs.add(d.write(REUSE, 2, 2));
        outs.add(d.end());
        return outs;
    }

    /** Cuts {@code data} by one of five strategies. */
    private static List<byte[]> chunk(SplittableRandom r, byte[] data, int strategy) {
        List<byte[]> chunks = new ArrayList<>();
        int p = 0;
        while (p < data.length || (strategy == 2 && chunks.isEmpty())) {
            int len = switch (strategy) {
                case 0 -> 1; // byte by byte
                case 1 -> r.nextInt(9); // tiny, empty chunks included
                case 2 -> r.nextInt(5) == 0 ? 0 : 1 + r.nextInt(6);
                case 3 -> 1 + r.nextInt(100);
                default -> data.length; // one huge chunk
            };
            len = Math.min(len, data.length - p);
            chunks.add(Arrays.copyOfRange(data, p, p + len));
            p += len;
            if (data.length == 0) {
                break;
            }
        }
        return chunks;
    }

    private static byte[] frame(Case c) {
        int total = 0;
        for (byte[] b : c.chunks()) {
            total += b.length;
        }
        ByteBuffer f = ByteBuffer.allocate(4 + 4 * c.chunks().size() + total);
        f.put((byte) c.enc().ordinal()).put((byte) (c.viaEnd() ? 1 : 0)).putShort((short) c.chunks().size());
        for (byte[] b : c.chunks()) {
            f.putInt(b.length);
        }
        for (byte[] b : c.chunks()) {
            f.put(b);
        }
        return f.array();
    }
}
