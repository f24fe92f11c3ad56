package io.sluice.bench.jmh;

import io.sluice.bench.twin.Harness;
import io.sluice.buffer.Encoding;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Every codec in both directions, on the inputs buffer_ops uses ({@code ascii} and {@code mb30}
 * text from the shared generator, {@code random} bytes), at a cache-resident size by default so
 * the figure is the codec's own speed rather than page faults (see BASELINE.md on 64 MiB
 * allocations).
 *
 * <p>Method names follow Node's direction, not the Java method: {@code toStringOp} is
 * {@code buf.toString(enc)} (bytes to text, {@link Encoding#decode}), {@code fromString} is
 * {@code Buffer.from(s, enc)} (text to bytes, {@link Encoding#encode}). So buffer_ops'
 * {@code buf_base64_encode} is {@code toStringOp} with {@code enc=base64 data=random}.
 *
 * <p>Run: {@code java -cp 'classes:lib/*' org.openjdk.jmh.Main EncodingBench -p enc=utf8 -p data=mb30}.
 * Scores are operations per second; multiply by {@code size} for bytes per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class EncodingBench {
    @Param({"utf8", "utf16le", "latin1", "ascii", "base64", "base64url", "hex"})
    public String enc;

    @Param({"ascii", "mb30", "random"})
    public String data;

    /** Bytes of input on the Buffer side. */
    @Param({"1048576"})
    public int size;

    private Encoding encoding;
    private byte[] bytes;
    private String text;

    @Setup
    public void setup() {
        encoding = Encoding.of(enc);
        bytes = switch (data) {
            case "ascii" -> trim(Harness.makeText(size, 0, 1));
            case "mb30" -> trim(Harness.makeText(size, 0.3, 2));
            default -> {
                byte[] b = new byte[size];
                new SplittableRandom(7).nextBytes(b);
                yield b;
            }
        };
        text = encoding.decode(bytes, 0, bytes.length);
    }

    private byte[] trim(byte[] b) {
        return b.length <= size ? b : java.util.Arrays.copyOf(b, size);
    }

    /** Node's {@code buf.toString(enc)}. */
    @Benchmark
    public String toStringOp() {
        return encoding.decode(bytes, 0, bytes.length);
    }

    /** Node's {@code Buffer.from(s, enc)}. */
    @Benchmark
    public byte[] fromString() {
        return encoding.encode(text);
    }

    /** Node's {@code Buffer.byteLength(s, enc)}: the sizing pass that precedes every encode. */
    @Benchmark
    public int byteLength() {
        return encoding.byteLength(text);
    }
}
