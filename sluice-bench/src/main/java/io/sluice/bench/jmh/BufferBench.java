package io.sluice.bench.jmh;

import io.sluice.bench.twin.Harness;
import io.sluice.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Buffer's access hot paths as buffer_ops times them, at a cache-resident size: one
 * {@code readUInt32LE}, a 16-byte {@code indexOf} scan, {@code Buffer.concat} of 64-byte pieces,
 * and {@code subarray} (the view StringDecoder and streams create per chunk).
 *
 * <p>Run: {@code java -cp 'classes:lib/*' org.openjdk.jmh.Main BufferBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class BufferBench {
    /** Bytes scanned by readUInt32LE and indexOf. */
    @Param({"65536"})
    public int size;

    private Buffer bin;
    private Buffer haystack;
    private Buffer needle;
    private List<Buffer> pieces;

    @Setup
    public void setup() {
        byte[] b = new byte[size];
        new SplittableRandom(1).nextBytes(b);
        bin = Buffer.wrap(b);
        byte[] text = Harness.makeText(Math.max(size, 2048), 0, 1);
        haystack = Buffer.from(text);
        needle = Buffer.from("needle-in-a-hay!");
        needle.copy(haystack, haystack.length() - 1024);
        pieces = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            pieces.add(Buffer.alloc(64, i & 0xff));
        }
    }

    /** One {@code readUInt32LE} per op (ns/op = ns per read), over all of {@code bin}. */
    @Benchmark
    @OperationsPerInvocation(65536 / 4)
    public int readUInt32LE() {
        int sum = 0;
        Buffer b = bin;
        for (int i = 0; i + 4 <= 65536; i += 4) {
            sum = (int) (sum + b.readUInt32LE(i));
        }
        return sum;
    }

    /** The same loop without Sluice: the JIT's ceiling for a bounds-checked LE read. */
    @Benchmark
    @OperationsPerInvocation(65536 / 4)
    public int readUInt32LEBaseline() {
        int sum = 0;
        java.nio.ByteBuffer le = bin.asByteBuffer().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i + 4 <= 65536; i += 4) {
            sum = (int) (sum + (le.getInt(i) & 0xffffffffL));
        }
        return sum;
    }

    /** A 16-byte needle placed 1 KiB before the end of ASCII text. */
    @Benchmark
    public int indexOf16() {
        return haystack.indexOf(needle);
    }

    /** 1000 × 64 B into one 64 000-byte Buffer. */
    @Benchmark
    public Buffer concat64() {
        return Buffer.concat(pieces);
    }

    /** One 1000-byte view, as StringDecoder's benchmark takes per chunk. */
    @Benchmark
    public void subarray(Blackhole bh) {
        bh.consume(bin.subarray(1000, 2000));
    }
}
