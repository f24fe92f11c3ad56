package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.buffer.Buffer;
import io.sluice.testing.Must;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Port of test/parallel/test-stream-writev.js: cork/uncork permutations route every write to
 * {@code doWritev} with the right chunks and encodings; callbacks in order; 'finish' after them.
 */
class StreamWritevTest {

    private static String render(WriteChunk<Object> c) {
        if (c.chunk() instanceof Buffer b) {
            List<Integer> bytes = new ArrayList<>();
            for (int i = 0; i < b.length(); i++) {
                bytes.add(b.get(i));
            }
            return c.encoding() + ":" + bytes;
        }
        return c.encoding() + ":" + c.chunk();
    }

    @ParameterizedTest(name = "decode={0} uncork={1} multi={2}")
    @CsvSource({
        "true,true,true", "true,true,false", "true,false,true", "true,false,false",
        "false,true,true", "false,true,false", "false,false,true", "false,false,false"
    })
    void corkedWritesGoToWritev(boolean decode, boolean uncork, boolean multi) {
        List<String> actual = new ArrayList<>();
        Must.run(() -> {
            int[] counter = {0};
            int[] expectCount = {0};
            java.util.function.Supplier<Callback> cnt = () -> {
                int expect = ++expectCount[0];
                return er -> {
                    assertThat(er).isNull();
                    counter[0]++;
                    assertThat(counter[0]).isEqualTo(expect);
                };
            };
            Writable<Object> w = new Writable<>(StreamOptions.create().decodeStrings(decode)
                    .doWrite((s, c, e, cb) -> Must.notCall("Should not call _write").run())
                    .doWritev((Stream s, List<WriteChunk<Object>> chunks, Callback cb) -> {
                        for (WriteChunk<Object> c : chunks) {
                            actual.add(render(c));
                        }
                        cb.done();
                    }));
            w.cork();
            w.write("hello, ", "ascii", cnt.get());
            w.write("world", "utf8", cnt.get());
            if (multi) {
                w.cork();
            }
            w.write(Buffer.from("!"), "buffer", cnt.get());
            w.write("\nand then...", "latin1", cnt.get());
            if (multi) {
                w.uncork();
            }
            w.write("facebea7deadbeefdecafbad", "hex", cnt.get());
            if (uncork) {
                w.uncork();
            }
            w.end(cnt.get());
            Callback fin = cnt.get();
            w.on(Writable.FINISH, Must.callConsumer(v -> fin.done(null)));
        });
        if (decode) {
            assertThat(actual).containsExactly(
                    "buffer:[104, 101, 108, 108, 111, 44, 32]",
                    "buffer:[119, 111, 114, 108, 100]",
                    "buffer:[33]",
                    "buffer:[10, 97, 110, 100, 32, 116, 104, 101, 110, 46, 46, 46]",
                    "buffer:[250, 206, 190, 167, 222, 173, 190, 239, 222, 202, 251, 173]");
        } else {
            assertThat(actual).containsExactly(
                    "ascii:hello, ", "utf8:world", "buffer:[33]", "latin1:\nand then...", "hex:facebea7deadbeefdecafbad");
        }
    }
}
