package io.sluice.fs;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.buffer.Buffer;
import io.sluice.event.EventEmitter;
import io.sluice.stream.Stream;
import io.sluice.testing.Must;
import io.sluice.testing.NodeOracle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Node's {@code fs.createReadStream} as the oracle: for random {@code start}/{@code end}/
 * {@code highWaterMark}/{@code encoding} combinations over one file, both must produce the same
 * event sequence with the same chunks.
 */
class ReadStreamNodeDifferentialTest {
    @TempDir
    Path dir;

    private record Case(Long start, Long end, long hwm, String encoding) {
        String line() {
            return (start == null ? "-" : start) + " " + (end == null ? "-" : end) + " " + hwm + " "
                    + (encoding == null ? "-" : encoding);
        }
    }

    /** One line per case: the events separated by spaces, data as hex of the bytes (UTF-8 for strings). */
    private static final String SCRIPT = """
            const fs = require('fs');
            const [file, ...lines] = require('fs').readFileSync(0, 'utf8').trim().split('\\n');
            const hex = (d) => (typeof d === 'string' ? Buffer.from(d, 'utf8') : d).toString('hex');
            (async () => {
              const out = [];
              for (const line of lines) {
                const [s, e, h, enc] = line.split(' ');
                const o = { highWaterMark: Number(h) };
                if (s !== '-') o.start = Number(s);
                if (e !== '-') o.end = Number(e);
                if (enc !== '-') o.encoding = enc;
                const ev = [];
                await new Promise((resolve) => {
                  const r = fs.createReadStream(file, o);
                  r.on('open', () => ev.push('open'));
                  r.on('ready', () => ev.push('ready'));
                  r.on('data', (d) => ev.push('data:' + hex(d)));
                  r.on('end', () => ev.push('end:' + r.bytesRead));
                  r.on('error', (x) => ev.push('error:' + x.code));
                  r.on('close', () => { ev.push('close'); resolve(); });
                });
                out.push(ev.join(' '));
              }
              process.stdout.write(out.join('\\n') + '\\n');
            })();
            """;

    @Test
    void randomRangesMatchNode() {
        Assumptions.assumeTrue(NodeOracle.available(), NodeOracle.SKIP_MESSAGE);
        int size = 5000;
        Path file = FsTesting.write(dir.resolve("data.bin"), FsTesting.randomBytes(size, 2024));
        SplittableRandom rnd = new SplittableRandom(7);
        String[] encodings = {null, null, null, "hex", "base64", "utf8", "latin1"};
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            Long start = rnd.nextInt(4) == 0 ? null : (long) rnd.nextInt(size + 50);
            Long end = rnd.nextInt(4) == 0 ? null : (long) rnd.nextInt(size + 50);
            if (start != null && end != null && start > end) {
                long t = start;
                start = end;
                end = t;
            }
            long hwm = switch (rnd.nextInt(4)) {
                case 0 -> 1 + rnd.nextInt(8);
                case 1 -> 1 + rnd.nextInt(1000);
                case 2 -> 65536;
                default -> 1 + rnd.nextInt(9000);
            };
            cases.add(new Case(start, end, hwm, encodings[rnd.nextInt(encodings.length)]));
        }
        StringBuilder stdin = new StringBuilder(file.toString()).append('\n');
        cases.forEach(c -> stdin.append(c.line()).append('\n'));
        String[] expected = new String(NodeOracle.runRaw(SCRIPT, stdin.toString().getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8).split("\n");
        assertThat(expected).hasSize(cases.size());

        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            assertThat(javaEvents(file, c)).as("case %s", c.line()).isEqualTo(expected[i]);
        }
    }

    private static String javaEvents(Path file, Case c) {
        List<String> ev = new ArrayList<>();
        Must.run(() -> {
            ReadStreamOptions o = ReadStreamOptions.create().highWaterMark(c.hwm());
            if (c.start() != null) {
                o.start(c.start());
            }
            if (c.end() != null) {
                o.end(c.end());
            }
            if (c.encoding() != null) {
                o.encoding(c.encoding());
            }
            ReadStream<Object> r = Fs.createReadStream(file, o);
            r.on(ReadStream.OPEN, ch -> ev.add("open"));
            r.on(ReadStream.READY, v -> ev.add("ready"));
            r.on(ReadStream.DATA, d -> ev.add("data:" + HexFormat.of().formatHex(
                    d instanceof Buffer b ? b.toByteArray() : ((String) d).getBytes(StandardCharsets.UTF_8))));
            r.on(ReadStream.END, v -> ev.add("end:" + r.bytesRead()));
            r.on(EventEmitter.ERROR, x -> ev.add("error:" + x));
            r.on(Stream.CLOSE, v -> ev.add("close"));
        });
        return String.join(" ", ev);
    }
}
