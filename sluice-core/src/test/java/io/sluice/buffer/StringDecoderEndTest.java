package io.sluice.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Port of Node's test/parallel/test-string-decoder-end.js: for each encoding, feeding a buffer
 * one byte at a time, or whole, and then end(), gives exactly {@code buf.toString(enc)}.
 */
@DisplayName("test-string-decoder-end.js")
class StringDecoderEndTest {
    private static final String[] ENCODINGS = {"base64", "base64url", "hex", "utf8", "utf16le", "ucs2", "latin1", "ascii"};

    private static List<byte[]> buffers() {
        List<byte[]> bufs = new ArrayList<>();
        bufs.add(Encoding.UTF8.encode("☃💩"));
        bufs.add(Encoding.UTF8.encode("asdf"));
        // Arbitrary bytes 0x78, 0x79, ... of every length from 1 to 16.
        for (int len = 1; len <= 16; len++) {
            byte[] b = new byte[len];
            for (int j = 0; j < len; j++) {
                b[j] = (byte) (0x78 + j);
            }
            bufs.add(b);
        }
        return bufs;
    }

    @Test
    void byteByByteAndWholeBothMatchToString() {
        for (String enc : ENCODINGS) {
            for (byte[] buf : buffers()) {
                String expected = Encoding.of(enc).decode(buf);

                StringDecoder oneByOne = new StringDecoder(enc);
                StringBuilder res1 = new StringBuilder();
                for (int i = 0; i < buf.length; i++) {
                    res1.append(oneByOne.write(buf, i, 1));
                }
                res1.append(oneByOne.end());

                StringDecoder whole = new StringDecoder(enc);
                String res2 = whole.write(buf) + whole.end();

                assertThat(res1.toString()).as("%s one byte at a time, %d bytes", enc, buf.length).isEqualTo(expected);
                assertThat(res2).as("%s all at once, %d bytes", enc, buf.length).isEqualTo(expected);
            }
        }
    }

    @Test
    void knownValues() {
        // Spot values, checked on Node 20, so the loop above is not just self-consistency.
        byte[] snowmanPoo = Encoding.UTF8.encode("☃💩");
        assertThat(Encoding.BASE64.decode(snowmanPoo)).isEqualTo("4piD8J+SqQ==");
        assertThat(Encoding.HEX.decode(snowmanPoo)).isEqualTo("e29883f09f92a9");
        assertThat(Encoding.UTF16LE.decode(snowmanPoo)).isEqualTo("\u98e2\uf083\u929f");
    }
}
