package io.sluice.bench.twin;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/**
 * The twins' harness must match the Node scripts' harness exactly. Expected values were printed
 * by node v20 running the scripts' own functions (mulberry32, makeText, fmt, parseInt).
 */
class HarnessTest {

    @Test
    void mulberry32MatchesNodeForFixedSeeds() {
        DoubleSupplier r = Harness.mulberry32(1);
        assertThat(new double[] {r.getAsDouble(), r.getAsDouble(), r.getAsDouble(),
                        r.getAsDouble(), r.getAsDouble()})
                .containsExactly(0.6270739405881613, 0.002735721180215478, 0.5274470399599522,
                        0.9810509674716741, 0.9683778982143849);
        DoubleSupplier n = Harness.mulberry32(-7);
        assertThat(new double[] {n.getAsDouble(), n.getAsDouble(), n.getAsDouble()})
                .containsExactly(0.43306733411736786, 0.32539576734416187, 0.5442695003002882);
    }

    @Test
    void makeTextMatchesNodeByteForByte() throws Exception {
        int mib = 1024 * 1024;
        assertText(mib, 0, 1, 1048572,
                "b92cab831083380d051379bd69677a99e8076b61883359290ec0a089f049cc04");
        assertText(mib, 0.3, 2, 1048572,
                "26ffcccefeada588ea49228f9bf05121545bcfd47207ac90e15657767b353d0e");
        assertText(3 * mib + 12345, 0.3, 2, 3145716,
                "fae64d2fc0de7f53f1094d81fb8d7a49b5baeaa27323570703958f5533ae1a5b");
        assertText(1000, 0.5, 9, 997,
                "8ee3496e414d065645f53ef2133fbd4ae3177ea2f1b4d077f76791004213a5c4");
    }

    private static void assertText(int size, double share, int seed, int length, String sha256)
            throws Exception {
        byte[] text = Harness.makeText(size, share, seed);
        assertThat(text).hasSize(length);
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text));
        assertThat(hash).isEqualTo(sha256);
    }

    @Test
    void fmtRoundsLikeJavaScriptToFixed() {
        double[] in = {1.0005, 1.005, 0.0005, 99.995, 99.95, 100, 4270.75, 1e-9, 0, 12.345,
            123.45, 2.0015, Double.POSITIVE_INFINITY, Double.NaN};
        String[] node = {"1.000", "1.005", "0.001", "100.00", "99.95", "100.0", "4270.8",
            "0.000", "0.000", "12.35", "123.5", "2.002", "Infinity", "NaN"};
        for (int i = 0; i < in.length; i++) {
            assertThat(Harness.fmt(in[i])).as("fmt(%s)", in[i]).isEqualTo(node[i]);
        }
    }

    @Test
    void reportLinesHaveNodesLayout() {
        double[] runs = {3.0, 1.0, 2.5, 10.0};
        assertThat(Harness.median(runs)).isEqualTo(2.75);
        assertThat(Harness.summaryLine("x_y", runs, "MB/s")).isEqualTo("x_y\t2.750\tMB/s");
        assertThat(Harness.detailLine("x_y", runs, "MB/s")).isEqualTo(
                "#\tx_y\tmin=1.000\tmedian=2.750\tmax=10.00\tMB/s\truns=3.000,1.000,2.500,10.00");
        assertThat(Harness.summaryLine("one", new double[] {150.04}, "GB/s"))
                .isEqualTo("one\t150.0\tGB/s");
    }

    @Test
    void environmentParsingFollowsTheScripts() {
        assertThat(Harness.parseRuns(null)).isEqualTo(5);
        assertThat(Harness.parseRuns("3.7")).isEqualTo(3);
        assertThat(Harness.parseRuns("0")).isEqualTo(5);
        assertThat(Harness.parseRuns(" 4x")).isEqualTo(4);
        assertThat(Harness.parseRuns("-2")).isEqualTo(1);
        assertThat(Harness.parseRuns("abc")).isEqualTo(5);
        assertThat(Harness.parseScale(" 0.5 ")).isEqualTo(0.5);
        assertThat(Harness.parseScale("1e-2")).isEqualTo(0.01);
        assertThat(Harness.parseScale("0")).isEqualTo(1);
        assertThat(Harness.parseScale("-3")).isEqualTo(1);
        assertThat(Harness.parseScale("")).isEqualTo(1);
        assertThat(Harness.parseScale(null)).isEqualTo(1);
    }
    @Test
    void logBlockMatchesNodeByteForByte() throws Exception {
        byte[] block = Harness.makeLogBlock(1024 * 1024);
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(block));
        assertThat(hash).isEqualTo("6f78df303843832386fd10df16b0a62daa8c21b1b50003199fa2872598fc5c48");
    }
}
