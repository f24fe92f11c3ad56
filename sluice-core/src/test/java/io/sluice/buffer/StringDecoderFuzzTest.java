package io.sluice.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Port of Node's test/parallel/test-string-decoder-fuzz.js, seeded: random buffers fed to a
 * decoder for a random encoding must concatenate to {@code Buffer.concat(bufs).toString(enc)}.
 * Node runs for 100 ms of random cases; this runs a fixed 20,000 cases.
 */
@DisplayName("test-string-decoder-fuzz.js")
class StringDecoderFuzzTest {
    private static final String[] ENCODINGS = {"utf16le", "utf8", "ascii", "hex", "base64", "base64url", "latin1"};

    @Test
    void randomChunksReproduceToString() {
        SplittableRandom r = new SplittableRandom(20_100);
        for (int run = 0; run < 20_000; run++) {
            String enc = ENCODINGS[r.nextInt(ENCODINGS.length)];
            StringDecoder sd = new StringDecoder(enc);
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            StringBuilder out = new StringBuilder();
            StringBuilder chunksHex = new StringBuilder();
            int n = r.nextInt(10);
            for (int i = 0; i < n; i++) {
                byte[] buf = new byte[r.nextInt(50)];
                r.nextBytes(buf);
                all.writeBytes(buf);
                chunksHex.append(HexFormat.of().formatHex(buf)).append(' ');
                out.append(sd.write(buf));
            }
            out.append(sd.end());
            assertThat(out.toString()).as("%s chunks %s", enc, chunksHex)
                    .isEqualTo(Encoding.of(enc).decode(all.toByteArray()));
        }
    }
}
