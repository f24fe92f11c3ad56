package io.sluice.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One random case of {@link CliRandomDifferentialTest}: the files it starts from (written by
 * {@link #generate}), the {@code sluice} command line, and the operations the Node oracle runs
 * before ({@link #prep}) and after ({@link #check}) it. Everything follows from {@code (runSeed,
 * index)}, so a failing case is reproduced with {@code -Dclifuzz.seed=S -Dclifuzz.only=I}.
 */
final class CliFuzzCase {
    enum Kind { GZIP, GUNZIP, BROTLI, UNBROTLI, CP, HASH }

    final int index;
    final long seed;
    final Kind kind;
    /** Holds the command's input and output and nothing else, so its listing can be checked. */
    final Path dir;
    /** Node's expected outputs and the payloads it compresses: kept out of {@link #dir}. */
    final Path aux;
    final List<String> args = new ArrayList<>();
    /** File names expected in {@link #dir} before the command runs. */
    final List<String> inputs = new ArrayList<>();
    /** The output file's name in {@link #dir}, or null (hash). */
    String output;
    Map<String, Object> prep;
    Map<String, Object> check;
    /** What was generated, in words, for the report. */
    final StringBuilder description = new StringBuilder();

    private CliFuzzCase(int index, long seed, Kind kind, Path dir, Path aux) {
        this.index = index;
        this.seed = seed;
        this.kind = kind;
        this.dir = dir;
        this.aux = aux;
    }

    String id() {
        return "c" + index;
    }

    Path expect() {
        return aux.resolve("expect");
    }

    /** Builds case {@code index} of the run seeded {@code runSeed} under {@code root}, writing its files. */
    static CliFuzzCase generate(long runSeed, int index, Path root) throws IOException {
        long seed = runSeed * 1_000_003L + index;
        Random r = new Random(seed);
        int k = r.nextInt(100);
        Kind kind = k < 30 ? Kind.GUNZIP : k < 45 ? Kind.UNBROTLI : k < 60 ? Kind.GZIP : k < 70 ? Kind.BROTLI
                : k < 90 ? Kind.CP : Kind.HASH;
        CliFuzzCase c = new CliFuzzCase(index, seed, kind, root.resolve("cases").resolve("c" + index),
                root.resolve("aux").resolve("c" + index));
        // A kept directory (-Dclifuzz.dir) may hold an earlier run's files: start from empty ones.
        for (Path d : List.of(c.dir, c.aux)) {
            if (Files.exists(d)) {
                try (var s = Files.list(d)) {
                    for (Path p : s.toList()) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(d);
        }
        switch (kind) {
            case GZIP, BROTLI -> c.compress(r);
            case GUNZIP -> c.gunzip(r);
            case UNBROTLI -> c.unbrotli(r);
            case CP -> c.cp(r);
            case HASH -> c.hash(r);
        }
        return c;
    }

    private Map<String, Object> op(String name) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id());
        m.put("op", name);
        return m;
    }

    private String in(String name) {
        return dir.resolve(name).toString();
    }

    private void compress(Random r) throws IOException {
        boolean gz = kind == Kind.GZIP;
        Integer level = r.nextInt(5) == 0 ? null : r.nextInt(gz ? 10 : 12);
        // Brotli's top qualities run at about 1 MB/s: keep their inputs small enough for the time budget.
        CliFuzzData.Sample s = CliFuzzData.sample(r, !gz && (level == null || level >= 10) ? 150_000 : 600_000);
        Files.write(dir.resolve("in.bin"), s.bytes());
        inputs.add("in.bin");
        output = gz ? "out.gz" : "out.br";
        args.add(gz ? "gzip" : "brotli");
        if (level != null) {
            args.add("-l");
            args.add(level.toString());
        }
        args.add(in("in.bin"));
        args.add(in(output));
        check = op(gz ? "gunzipcheck" : "unbrcheck");
        check.put("file", in(output));
        check.put("orig", in("in.bin"));
        description.append("in.bin = ").append(s.description());
    }

    private void gunzip(Random r) throws IOException {
        int n = r.nextInt(10) < 6 ? 1 : 2 + r.nextInt(3);
        List<Object> members = new ArrayList<>();
        description.append("in.gz = ");
        for (int i = 0; i < n; i++) {
            CliFuzzData.Sample s = r.nextInt(7) == 0 ? new CliFuzzData.Sample(new byte[0], "empty")
                    : CliFuzzData.sample(r, 500_000 / n);
            Path payload = aux.resolve("m" + i);
            Files.write(payload, s.bytes());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", payload.toString());
            m.put("level", r.nextInt(11) - 1);
            m.put("strategy", r.nextInt(3) == 0 ? r.nextInt(5) : 0);
            m.put("windowBits", r.nextInt(10) < 7 ? 15 : 9 + r.nextInt(7));
            m.put("memLevel", r.nextInt(10) < 7 ? 8 : 1 + r.nextInt(9));
            members.add(m);
            description.append(i == 0 ? "" : " + ").append("gzipSync(").append(s.description()).append(", ")
                    .append(CliFuzzNode.json(m).replace("\"file\":\"" + payload + "\",", "")).append(')');
        }
        Map<String, Object> corrupt = corruption(r, true);
        description.append(", corrupted ").append(summary(corrupt));
        prep = op("mkgz");
        prep.put("members", members);
        prep.put("corrupt", corrupt);
        prep.put("out", in("in.gz"));
        prep.put("expect", expect().toString());
        inputs.add("in.gz");
        output = "out.bin";
        args.addAll(List.of("gunzip", in("in.gz"), in(output)));
    }

    private void unbrotli(Random r) throws IOException {
        int quality = r.nextInt(12);
        CliFuzzData.Sample s = CliFuzzData.sample(r, quality >= 10 ? 150_000 : 500_000);
        Path payload = aux.resolve("m0");
        Files.write(payload, s.bytes());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", payload.toString());
        m.put("quality", quality);
        m.put("lgwin", r.nextInt(3) == 0 ? 10 + r.nextInt(15) : 22);
        m.put("mode", r.nextInt(3));
        Map<String, Object> corrupt = corruption(r, false);
        description.append("in.br = brotliCompressSync(").append(s.description()).append(", ")
                .append(CliFuzzNode.json(m).replace("\"file\":\"" + payload + "\",", ""))
                .append("), corrupted ").append(summary(corrupt));
        prep = op("mkbr");
        prep.put("members", List.of(m));
        prep.put("corrupt", corrupt);
        prep.put("out", in("in.br"));
        prep.put("expect", expect().toString());
        inputs.add("in.br");
        output = "out.bin";
        args.addAll(List.of("unbrotli", in("in.br"), in(output)));
    }

    private static byte[] member(byte[] data) {
        try {
            return CompressCommandTest.gzipJdk(data);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** The corruption in words: long trailing garbage shown by its length and first bytes. */
    private static String summary(Map<String, Object> corrupt) {
        Map<String, Object> copy = new LinkedHashMap<>(corrupt);
        if (copy.get("bytes") instanceof byte[] b && b.length > 12) {
            copy.put("bytes", b.length + " bytes starting " + java.util.HexFormat.of().formatHex(b, 0, 4));
        }
        return CliFuzzNode.json(copy);
    }

    /** A corruption for the oracle's {@code corrupt()}: none half the time. */
    private static Map<String, Object> corruption(Random r, boolean gzip) {
        Map<String, Object> c = new LinkedHashMap<>();
        int k = r.nextInt(100);
        String kind;
        if (k < 45) {
            kind = "none";
        } else if (k < 70) {
            kind = gzip ? List.of("header", "body", "crc", "isize").get(r.nextInt(4)) : "anybyte";
        } else if (k < 80) {
            kind = "truncate";
        } else {
            kind = gzip && r.nextInt(3) == 0 ? "boundary" : "trail";
            byte[] bytes = switch (r.nextInt(gzip ? 9 : 3)) {
                case 0 -> new byte[1 + r.nextInt(20)]; // zero padding
                case 1 -> CliFuzzData.garbage(r, 1 + r.nextInt(20), 1 + r.nextInt(255));
                // Larger than a 64 KiB read, so the garbage straddles chunk boundaries.
                case 2 -> CliFuzzData.garbage(r, 65536 + r.nextInt(70_000), r.nextInt(256));
                case 3 -> CliFuzzData.garbage(r, 1 + r.nextInt(3), 0x1f); // a member that stops in its magic
                case 4 -> new byte[] {0x1f, (byte) 0x8b, (byte) 0xff, (byte) 0xff}; // bad method
                case 5 -> new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3}; // a header and nothing after
                case 6 -> member(CliFuzzData.sample(r, 3000).bytes()); // one more member, made by the JDK
                case 7 -> concat(new byte[1 + r.nextInt(3)], member(CliFuzzData.sample(r, 3000).bytes())); // zeros, member
                default -> CliFuzzData.garbage(r, 2 + r.nextInt(10), 0); // zero then garbage
            };
            c.put("bytes", bytes);
        }
        c.put("kind", kind);
        c.put("member", r.nextDouble());
        // A truncation to nothing now and then: the 0-byte input.
        c.put("frac", kind.equals("truncate") && r.nextInt(8) == 0 ? 0.0 : r.nextDouble());
        c.put("mask", r.nextBoolean() ? 1 << r.nextInt(8) : 1 + r.nextInt(255));
        if (kind.equals("none")) {
            return Map.of("kind", "none");
        }
        return c;
    }

    private void cp(Random r) throws IOException {
        CliFuzzData.Sample s = CliFuzzData.sample(r, 400_000);
        int size = s.bytes().length;
        Files.write(dir.resolve("in.bin"), s.bytes());
        inputs.add("in.bin");
        output = "out.bin";
        String start = r.nextInt(4) == 0 ? null : position(r, size);
        String end = r.nextInt(4) == 0 ? null : r.nextInt(10) == 0 && start != null ? start : position(r, size);
        args.add("cp");
        if (start != null) {
            args.add("--start");
            args.add(start);
        }
        if (end != null) {
            args.add("--end");
            args.add(end);
        }
        args.add(in("in.bin"));
        args.add(in(output));
        prep = op("cp");
        prep.put("file", in("in.bin"));
        prep.put("start", start);
        prep.put("end", end);
        prep.put("expect", expect().toString());
        description.append("in.bin = ").append(s.description());
    }

    /** A byte position as the command line gives it: in the file, at its edges, past it, huge or negative. */
    private static String position(Random r, int size) {
        long p = switch (r.nextInt(9)) {
            case 0 -> 0;
            case 1 -> size - 1L;
            case 2 -> size;
            case 3 -> size + 1L + r.nextInt(100_000);
            case 4, 5 -> r.nextInt(size + 1);
            case 6 -> 65536L * (1 + r.nextInt(3)) + r.nextInt(3) - 1;
            case 7 -> List.of(9007199254740991L, 9007199254740992L, Long.MAX_VALUE).get(r.nextInt(3));
            default -> -1L - r.nextInt(3);
        };
        return Long.toString(p);
    }

    private static final List<String> ALGOS =
            List.of("sha256", "sha1", "md5", "sha512", "SHA256", "SHA-256", "Sha1", "sha-1", "MD5");

    private void hash(Random r) throws IOException {
        String algo = ALGOS.get(r.nextInt(ALGOS.size()));
        args.addAll(List.of("hash", "--algo", algo));
        List<String> files = new ArrayList<>();
        int n = 1 + r.nextInt(3);
        description.append("algo ").append(algo);
        for (int i = 0; i < n; i++) {
            String name = "f" + i;
            if (r.nextInt(10) == 0) {
                name = "missing" + i;
                description.append(", ").append(name).append(" absent");
            } else {
                CliFuzzData.Sample s = CliFuzzData.sample(r, 300_000);
                Files.write(dir.resolve(name), s.bytes());
                inputs.add(name);
                description.append(", ").append(name).append(" = ").append(s.description());
            }
            files.add(in(name));
        }
        args.addAll(files);
        prep = op("hash");
        prep.put("algo", algo);
        prep.put("files", files);
        prep.put("expect", expect().toString());
    }

    /** The command line as a shell would take it, paths relative to the case directory. */
    String commandLine() {
        StringBuilder sb = new StringBuilder("./sluice");
        for (String a : args) {
            sb.append(' ').append(a.replace(dir.toString() + "/", ""));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return id() + " [" + kind + ", case seed " + seed + "]: " + commandLine() + "  where " + description;
    }
}
