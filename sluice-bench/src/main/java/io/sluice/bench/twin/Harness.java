package io.sluice.bench.twin;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.DoubleSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The few lines every Node benchmark script starts with ({@code shared/bench/node/*.mjs}, the
 * "harness" block), reproduced so that a twin's output is indistinguishable in format from Node's:
 * {@code name<TAB>median<TAB>unit} on stdout and
 * {@code #<TAB>name<TAB>min=..<TAB>median=..<TAB>max=..<TAB>unit<TAB>runs=..} on stderr, numbers
 * formatted as Node's {@code fmt}. Also the scripts' seeded input generators (mulberry32 and
 * {@code makeText}), bit for bit, so both sides chew on identical bytes.
 */
public final class Harness {
    // Declared before SCALE and RUNS: static initialisers run in order and parseRuns needs it.
    private static final Pattern LEADING_INT = Pattern.compile("^\\s*([+-]?\\d+)");
    /** {@code BENCH_SCALE}: data sizes are multiplied by it; default 1. */
    public static final double SCALE = parseScale(System.getenv("BENCH_SCALE"));
    /** {@code BENCH_RUNS}: timed runs per figure; default 5. */
    public static final int RUNS = parseRuns(System.getenv("BENCH_RUNS"));

    public static final int MiB = 1024 * 1024;

    private Harness() {}

    /**
     * Node's {@code Number(env) > 0 ? Number(env) : 1}: blank, unparsable, zero or negative
     * values mean 1. Unlike JavaScript's {@code Number}, hexadecimal ("0x10") is not accepted.
     */
    public static double parseScale(String env) {
        if (env == null) {
            return 1;
        }
        try {
            double v = Double.parseDouble(env.strip());
            return v > 0 ? v : 1;
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /**
     * Node's {@code Math.max(1, parseInt(env, 10) || 5)}: the leading integer of the text ("3.7"
     * is 3), where 0 and no number at all both mean the default 5, and negatives mean 1.
     */
    public static int parseRuns(String env) {
        if (env == null) {
            return 5;
        }
        Matcher m = LEADING_INT.matcher(env);
        if (!m.find()) {
            return 5;
        }
        long v;
        try {
            v = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) { // more digits than a long: JavaScript saturates too
            v = m.group(1).startsWith("-") ? -1 : Integer.MAX_VALUE;
        }
        if (v == 0) {
            return 5;
        }
        return (int) Math.max(1, Math.min(v, Integer.MAX_VALUE));
    }

    /** Monotonic seconds, like {@code process.hrtime.bigint() / 1e9}. */
    public static double seconds() {
        return System.nanoTime() / 1e9;
    }

    /**
     * Node's {@code fmt}: 1 decimal from 100 up, 2 from 10 up, else 3, rounded as JavaScript's
     * {@code toFixed} does, i.e. half up on the exact binary value (so 1.0005, stored as
     * 1.000499..., gives "1.000"). {@code String.format} would round the shortest decimal form
     * instead and differ from Node on such values.
     */
    public static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        int digits = v >= 100 ? 1 : v >= 10 ? 2 : 3;
        return new BigDecimal(v).setScale(digits, RoundingMode.HALF_UP).toPlainString();
    }

    /** Node's {@code median} of the scripts: the middle value, or the mean of the middle two. */
    public static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int m = s.length >> 1;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }

    /** The stdout line for a figure, without the newline. */
    public static String summaryLine(String name, double[] values, String unit) {
        return name + "\t" + fmt(median(values)) + "\t" + unit;
    }

    /** The stderr line for a figure (min, median, max, runs in run order), without the newline. */
    public static String detailLine(String name, double[] values, String unit) {
        double[] s = values.clone();
        Arrays.sort(s);
        String runs = Arrays.stream(values).mapToObj(Harness::fmt).collect(Collectors.joining(","));
        return "#\t" + name + "\tmin=" + fmt(s[0]) + "\tmedian=" + fmt(median(values)) + "\tmax="
                + fmt(s[s.length - 1]) + "\t" + unit + "\truns=" + runs;
    }

    /** Prints a figure as Node's {@code report} does: the median on stdout, the spread on stderr. */
    public static void report(String name, double[] values, String unit) {
        System.out.print(summaryLine(name, values, unit) + "\n");
        System.out.flush();
        System.err.print(detailLine(name, values, unit) + "\n");
        System.err.flush();
    }

    /** A note on stderr, prefixed like the scripts' ({@code #<TAB>...}). */
    public static void note(String text) {
        System.err.print("#\t" + text + "\n");
        System.err.flush();
    }

    /**
     * Stops the twin with a non-zero exit when a result is wrong, so a broken run can never
     * report a (fast) figure: an uncaught exception, as in Node.
     */
    public static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("wrong result: " + what);
        }
    }

    /**
     * mulberry32 exactly as the scripts write it: floats in [0, 1) from a 32-bit state. Java's
     * wrapping {@code int} arithmetic is JavaScript's {@code | 0} and {@code Math.imul}.
     */
    public static DoubleSupplier mulberry32(int seed) {
        int[] state = {seed};
        return () -> {
            int s = state[0] + 0x6d2b79f5;
            state[0] = s;
            int t = (s ^ (s >>> 15)) * (1 | s);
            t = (t + (t ^ (t >>> 7)) * (61 | t)) ^ t;
            return ((t ^ (t >>> 14)) & 0xffffffffL) / 4294967296.0;
        };
    }

    private static final String ASCII =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    // é ü ж λ (2 bytes), € 中 文 あ (3 bytes), 😀 (4 bytes, a surrogate pair)
    private static final String[] MULTI = {
        "\u00e9", "\u00fc", "\u0436", "\u03bb", "\u20ac", "\u4e2d", "\u6587", "\u3042", "\ud83d\ude00"
    };
    private static final int[] MULTI_BYTES = {2, 2, 2, 2, 3, 3, 3, 3, 4};

    /**
     * The scripts' {@code makeText(size, mbShare, seed)}: about {@code size} bytes of UTF-8 text,
     * {@code mbShare} of the characters multibyte, as a block of at most 1 MiB repeated
     * {@code round(size / block)} times. Same PRNG draws in the same order, so the bytes are
     * identical to Node's (checked by hash in the tests).
     */
    public static byte[] makeText(int size, double mbShare, int seed) {
        DoubleSupplier rnd = mulberry32(seed);
        int blockBytes = Math.min(MiB, size);
        StringBuilder chars = new StringBuilder(blockBytes);
        for (int bytes = 0; bytes < blockBytes - 4; ) {
            if (rnd.getAsDouble() < mbShare) {
                int i = (int) Math.floor(rnd.getAsDouble() * MULTI.length);
                chars.append(MULTI[i]);
                bytes += MULTI_BYTES[i];
            } else if (rnd.getAsDouble() < 0.15) {
                chars.append(' ');
                bytes++;
            } else {
                chars.append(ASCII.charAt((int) Math.floor(rnd.getAsDouble() * ASCII.length())));
                bytes++;
            }
        }
        byte[] block = chars.toString().getBytes(StandardCharsets.UTF_8);
        long copies = Math.max(1, Math.round((double) size / block.length));
        byte[] out = new byte[Math.toIntExact(copies * block.length)];
        for (int i = 0; i < copies; i++) {
            System.arraycopy(block, 0, out, i * block.length, block.length);
        }
        return out;
    }
    /**
     * JavaScript's {@code v.toFixed(digits)} for finite {@code v} below 1e21: half up on the exact
     * binary value.
     */
    public static String toFixed(double v, int digits) {
        return new BigDecimal(v).setScale(digits, RoundingMode.HALF_UP).toPlainString();
    }

    private static String pad(int v, int width) {
        String s = Integer.toString(v);
        return "0".repeat(Math.max(0, width - s.length())) + s;
    }

    private static final String[] LEVELS = {"INFO", "INFO", "INFO", "WARN", "DEBUG", "ERROR"};
    private static final String[] METHODS = {"GET", "GET", "GET", "POST", "PUT", "DELETE"};
    private static final int[] STATUSES = {200, 200, 200, 201, 204, 304, 404, 500};

    /**
     * gzip.mjs' {@code makeBlock()}: {@code size} bytes of log lines from mulberry32(42), the tail
     * shorter than a line left as {@code '\n'}. Same draws in the same order as the script (the
     * template literal evaluates left to right), so the bytes are identical (checked by hash).
     */
    public static byte[] makeLogBlock(int size) {
        DoubleSupplier rnd = mulberry32(42);
        java.util.function.IntUnaryOperator draw = n -> (int) Math.floor(rnd.getAsDouble() * n);
        byte[] block = new byte[size];
        Arrays.fill(block, (byte) 0x0a);
        int at = 0;
        for (;;) {
            String line = "2024-05-17T08:" + pad(draw.applyAsInt(60), 2) + ":" + pad(draw.applyAsInt(60), 2)
                    + "." + pad(draw.applyAsInt(1000), 3) + "Z "
                    + LEVELS[draw.applyAsInt(LEVELS.length)] + " [worker-" + draw.applyAsInt(8) + "] "
                    + METHODS[draw.applyAsInt(METHODS.length)] + " "
                    + "/api/v1/items/" + draw.applyAsInt(100000) + " status="
                    + STATUSES[draw.applyAsInt(STATUSES.length)] + " "
                    + "bytes=" + draw.applyAsInt(65536) + " latency_ms="
                    + toFixed(rnd.getAsDouble() * 250, 2) + "\n";
            if (at + line.length() > size) {
                break;
            }
            byte[] bytes = line.getBytes(StandardCharsets.ISO_8859_1);
            System.arraycopy(bytes, 0, block, at, bytes.length);
            at += bytes.length;
        }
        return block;
    }
}
