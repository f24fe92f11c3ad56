package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.buffer.Buffer;
import io.sluice.testing.Must;
import io.sluice.testing.NodeOracle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@link Consumers#text} against node's {@code require('stream/consumers').text}: seeded random
 * byte streams rich in ill-formed and split UTF-8 (lone continuation bytes, overlong and
 * surrogate encodings, sequences cut short, byte-order marks at the start and elsewhere), cut at
 * random points into Buffer chunks (empty ones included), sometimes with string chunks (lone
 * surrogates included) in between, read by both through {@code Readable.from(chunks)}. The
 * decoded strings must be identical, code unit for code unit, and so must {@code buffer()}'s
 * bytes. On the Java side the byte chunks of a case are slices sharing one Buffer. One node
 * process for all cases.
 */
class ConsumersTextDifferentialTest {
    private static final int CASES = 600;
    private static final long SEED = 0xC0_5EED_7E47L;

    /** Byte pieces the random streams are made of: well-formed characters and Node's hard cases. */
    private static final int[][] PIECES = {
        {0x41}, {0x7a}, {0x00}, {0x7f},
        {0xc3, 0xa9}, {0xe2, 0x82, 0xac}, {0xf0, 0x9f, 0x98, 0x80}, {0xef, 0xbf, 0xbf}, {0xf4, 0x8f, 0xbf, 0xbf},
        {0xef, 0xbb, 0xbf}, // BOM
        {0x80}, {0xbf}, {0xc0}, {0xc1}, {0xc2}, {0xf5}, {0xff}, {0xfe},
        {0xc0, 0xaf}, {0xe0, 0x80, 0xaf}, {0xe0, 0x9f}, {0xed, 0xa0, 0x80}, {0xed, 0xbf, 0xbf},
        {0xf0, 0x80}, {0xf0, 0x8f, 0xbf}, {0xf4, 0x90, 0x80, 0x80},
        {0xe2}, {0xe2, 0x82}, {0xf0}, {0xf0, 0x9f}, {0xf0, 0x9f, 0x98}, {0xef, 0xbb},
    };

    private static final String[] STRINGS = {"", "s", "\u00e9", "\ud83d\ude00", "\ud800", "\udc00", "\ufeff", "\ufffd", "xyz"};

    /** One chunk: bytes, or (when {@code string} is non-null) a string chunk. */
    private record Chunk(byte[] bytes, String string) {

        @Override
        public String toString() {
            return string != null ? "str(" + escape(string) + ")" : HexFormat.of().formatHex(bytes);
        }
    }

    @Test
    void textMatchesNode() {
        Assumptions.assumeTrue(NodeOracle.available(), NodeOracle.SKIP_MESSAGE);
        SplittableRandom r = new SplittableRandom(SEED);
        List<List<Chunk>> cases = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            cases.add(randomCase(r, i));
        }
        List<byte[]> frames = new ArrayList<>();
        for (List<Chunk> c : cases) {
            List<byte[]> parts = new ArrayList<>();
            for (Chunk ch : c) {
                byte[] body = ch.string() != null ? NodeOracle.utf16(ch.string()) : ch.bytes();
                byte[] tagged = new byte[body.length + 1];
                tagged[0] = (byte) (ch.string() != null ? 1 : 0);
                System.arraycopy(body, 0, tagged, 1, body.length);
                parts.add(tagged);
            }
            frames.add(NodeOracle.pack(parts));
        }
        String script = """
                const { text, buffer } = require('stream/consumers');
                const { Readable } = require('stream');
                (async () => {
                  for (const f of input) {
                    const chunks = unpack(f).map((p) => p[0] === 1 ? u16(p.subarray(1)) : Buffer.from(p.subarray(1)));
                    emit(await text(Readable.from(chunks)));
                    emit(await buffer(Readable.from(chunks)));
                  }
                })();
                """;
        List<byte[]> out = NodeOracle.run(script, frames);
        assertThat(out).hasSize(2 * cases.size());

        Object[] texts = new Object[cases.size()];
        Object[] buffers = new Object[cases.size()];
        Must.run(() -> {
            for (int i = 0; i < cases.size(); i++) {
                int k = i;
                Consumers.text(Readables.from(values(cases.get(i)))).whenComplete((v, e) -> texts[k] = e != null ? e : v);
                Consumers.buffer(Readables.from(values(cases.get(i)))).whenComplete((v, e) -> buffers[k] = e != null ? e : v);
            }
        });
        for (int i = 0; i < cases.size(); i++) {
            String expected = NodeOracle.utf16(out.get(2 * i));
            if (!expected.equals(texts[i])) {
                assertThat(texts[i]).isInstanceOf(String.class);
                assertThat(escape((String) texts[i])).as("case %d, chunks %s", i, cases.get(i)).isEqualTo(escape(expected));
            }
            assertThat(buffers[i]).as("case %d buffer()", i).isEqualTo(Buffer.from(out.get(2 * i + 1)));
        }
    }

    /** The chunks as the stream carries them: strings, and slices of one Buffer holding every byte chunk. */
    private static List<Object> values(List<Chunk> chunks) {
        int total = chunks.stream().filter(c -> c.string() == null).mapToInt(c -> c.bytes().length).sum();
        byte[] all = new byte[total];
        Buffer whole = Buffer.wrap(all);
        List<Object> values = new ArrayList<>();
        int at = 0;
        for (Chunk c : chunks) {
            if (c.string() != null) {
                values.add(c.string());
            } else {
                System.arraycopy(c.bytes(), 0, all, at, c.bytes().length);
                values.add(whole.subarray(at, at + c.bytes().length));
                at += c.bytes().length;
            }
        }
        return values;
    }

    private static List<Chunk> randomCase(SplittableRandom r, int index) {
        int maxPieces = index < 4 ? 20_000 : index % 10 == 0 ? 120 : 16;
        List<Integer> bytes = new ArrayList<>();
        if (r.nextInt(4) == 0) {
            for (int b : PIECES[9]) {
                bytes.add(b); // a leading BOM, which TextDecoder drops
            }
        }
        int n = r.nextInt(maxPieces + 1);
        for (int i = 0; i < n; i++) {
            int[] piece = r.nextInt(3) == 0 ? new int[] {r.nextInt(256)} : PIECES[r.nextInt(PIECES.length)];
            for (int b : piece) {
                bytes.add(b);
            }
        }
        byte[] all = new byte[bytes.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) (int) bytes.get(i);
        }
        List<Chunk> chunks = new ArrayList<>();
        int style = r.nextInt(4); // 0: one-byte chunks, 1: one chunk, else random cuts
        boolean strings = r.nextInt(3) == 0;
        for (int at = 0; at < all.length || chunks.isEmpty(); ) {
            int len = switch (style) {
                case 0 -> 1;
                case 1 -> all.length;
                default -> r.nextInt(index < 4 ? 200 : 6);
            };
            len = Math.min(len, all.length - at);
            chunks.add(new Chunk(Arrays.copyOfRange(all, at, at + len), null));
            at += len;
            if (strings && r.nextInt(3) == 0) {
                chunks.add(new Chunk(null, STRINGS[r.nextInt(STRINGS.length)]));
            }
            if (len == 0 && at >= all.length) {
                break;
            }
        }
        return chunks;
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                sb.append(c);
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb.toString();
    }
}
