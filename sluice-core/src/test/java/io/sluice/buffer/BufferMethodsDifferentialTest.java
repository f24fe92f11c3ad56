package io.sluice.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.buffer.BufferMethodsOracle.BigLong;
import io.sluice.buffer.BufferMethodsOracle.BufList;
import io.sluice.buffer.BufferMethodsOracle.Bytes;
import io.sluice.buffer.BufferMethodsOracle.Call;
import io.sluice.buffer.BufferMethodsOracle.Case;
import io.sluice.buffer.BufferMethodsOracle.Dbl;
import io.sluice.buffer.BufferMethodsOracle.Mismatch;
import io.sluice.buffer.BufferMethodsOracle.Mode;
import io.sluice.buffer.BufferMethodsOracle.Null;
import io.sluice.buffer.BufferMethodsOracle.Sub;
import io.sluice.testing.NodeOracle;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * Buffer's methods against Node itself with seeded random arguments: each family below builds a
 * few thousand calls that mix every overload, every encoding name (aliases, odd case, unknown,
 * undefined), offsets at and around the edges (negative, past the end, int extremes) and
 * receivers that are views inside a padded parent, then compares the return values, the bytes of
 * the parent afterwards and the error codes and messages with one batch {@code node} process.
 *
 * <p>The encodings themselves are covered by {@link EncodingDifferentialTest}; here they only
 * feed arguments. Documented differences from Node (see the {@link Buffer} class javadoc) are not
 * generated: no get/set out of range, no JavaScript coercions, no int arguments above
 * {@link Buffer#MAX_LENGTH} where Node's bound is 2^32.
 */
class BufferMethodsDifferentialTest {
    /** Fixed so failures reproduce; {@code -Dsluice.bufferFuzzSeed=N} explores other inputs. */
    private static final long SEED = Long.getLong("sluice.bufferFuzzSeed", 0x5EED_B0F5L);

    @BeforeAll
    static void needNode() {
        Assumptions.assumeTrue(NodeOracle.available(), NodeOracle.SKIP_MESSAGE);
    }

    // ------------------------------------------------------------------ random material

    private static final String[] ENC_NAMES = {
        "utf8", "utf-8", "UTF8", "ucs2", "ucs-2", "UCS2", "utf16le", "utf-16le", "UTF-16LE",
        "latin1", "binary", "BINARY", "ascii", "base64", "base64url", "hex", "Hex",
    };

    /** Characters chosen to hit every encoder branch: ASCII, hex/base64 alphabets, multi-byte, surrogates. */
    private static final String[] CHARS = {
        "a", "b", "a", "b", "c", "0", "f", "9", "z", "A", "+", "/", "-", "_", "=", " ", "\n",
        "\u0000", "\u007f", "\u0080", "\u00e9", "\u00ff", "\u0100", "\u20ac", "\u4e2d", "\uffff",
        "\ud83d\ude00", "\ud800", "\udc00", "\udbff", "'", "\\", "\u0085",
    };

    private static final Encoding[] ENCODINGS = Encoding.values();

    private static String string(SplittableRandom r, int maxLen) {
        int n = r.nextInt(maxLen + 1);
        StringBuilder sb = new StringBuilder();
        int kind = r.nextInt(4);
        for (int i = 0; i < n; i++) {
            sb.append(switch (kind) {
                case 0 -> "0123456789abcdefABCDEFg".charAt(r.nextInt(23)); // hex-ish
                case 1 -> "ABab+/=-_ \n".charAt(r.nextInt(11)); // base64-ish
                default -> CHARS[r.nextInt(CHARS.length)];
            });
        }
        return sb.toString();
    }

    private static byte[] bytes(SplittableRandom r, int maxLen) {
        int n = r.nextInt(maxLen + 1);
        byte[] b = new byte[n];
        int kind = r.nextInt(3);
        for (int i = 0; i < n; i++) {
            b[i] = (byte) switch (kind) {
                case 0 -> "ab".charAt(r.nextInt(2)); // small alphabet: many matches and ties
                case 1 -> r.nextInt(256);
                default -> new int[] {0, 0x61, 0x62, 0x80, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xFF, 0xED, 0xA0}[r.nextInt(12)];
            };
        }
        return b;
    }

    /** Bytes of an encoded random string, or random bytes: haystacks with real characters in them. */
    private static byte[] hay(SplittableRandom r, int maxLen) {
        if (r.nextBoolean()) {
            Encoding e = ENCODINGS[r.nextInt(ENCODINGS.length)];
            byte[] b = e.encode(string(r, maxLen / 2 + 1));
            return b.length > maxLen * 2 ? java.util.Arrays.copyOf(b, maxLen * 2) : b;
        }
        return bytes(r, maxLen);
    }

    /** An encoding argument: mostly a Node name, sometimes the enum, undefined, "" or unknown. */
    private static Object enc(SplittableRandom r) {
        int k = r.nextInt(40);
        if (k == 0) {
            return "bogus";
        }
        if (k == 1) {
            return "";
        }
        if (k < 5) {
            return new Null(String.class);
        }
        if (k < 10) {
            return ENCODINGS[r.nextInt(ENCODINGS.length)];
        }
        return ENC_NAMES[r.nextInt(ENC_NAMES.length)];
    }

    /** An int index around {@code [0, len]}, with the extremes now and then. */
    private static int index(SplittableRandom r, int len) {
        int k = r.nextInt(30);
        return switch (k) {
            case 0 -> Integer.MIN_VALUE;
            case 1 -> Buffer.MAX_LENGTH; // Node's bound is 2^32; larger ints are a documented difference
            case 2 -> -len - 1;
            case 3 -> len;
            case 4 -> 0;
            default -> r.nextInt(-len - 3, len + 4);
        };
    }

    /** A non-negative-biased int for bounded arguments (copy, compare, fill). */
    private static int smallIndex(SplittableRandom r, int len) {
        return r.nextInt(12) == 0 ? index(r, len) : r.nextInt(-1, len + 3);
    }

    /** A long byteOffset for searches: around the string, around {@code near}, and far beyond int. */
    private static long byteOffset(SplittableRandom r, int len, int near) {
        int k = r.nextInt(40);
        return switch (k) {
            case 0 -> Long.MIN_VALUE;
            case 1 -> Long.MAX_VALUE;
            case 2 -> 1L << 32;
            case 3 -> -(1L << 32);
            case 4 -> Integer.MAX_VALUE;
            case 5 -> Integer.MIN_VALUE;
            case 6 -> Integer.MAX_VALUE + 1L;
            case 7 -> Integer.MIN_VALUE - 1L;
            case 8, 9 -> -len - r.nextInt(3);
            case 10, 11 -> len + r.nextInt(-1, 3);
            default -> near >= 0 && r.nextBoolean() ? near + r.nextInt(-2, 3) - (r.nextInt(4) == 0 ? len : 0)
                    : r.nextInt(-len - 3, len + 4);
        };
    }

    private static int pad(SplittableRandom r) {
        return r.nextInt(3) == 0 ? 0 : r.nextInt(1, 4);
    }

    private static void check(List<Case> cases) {
        List<Mismatch> bad = new ArrayList<>(BufferMethodsOracle.compare(cases));
        int all = bad.size();
        bad.removeIf(BufferMethodsDifferentialTest::nodeUcs2OddLengthDefect);
        if (all > bad.size()) {
            // Visible in the surefire output: how often Node's defect was met.
            System.out.println((all - bad.size()) + " of " + cases.size() + " calls met Node's UTF-16 odd-length defect");
        }
        assertThat(bad).as(BufferMethodsOracle.report(bad, cases.size())).isEmpty();
    }

    /**
     * The one difference the fuzz allows, a Node defect kept in
     * {@link #ucs2BufferSearchNotFoundInOddHaystack}: a UTF-16 search for a Buffer that finds nothing
     * in an odd-length haystack answers {@code length - 1} (or true) in Node, -1 (false) here.
     */
    private static boolean nodeUcs2OddLengthDefect(Mismatch m) {
        Call call = m.c().call();
        if (!call.method().endsWith("ndexOf") && !call.method().equals("includes")
                || (m.c().bytes().length & 1) == 0 || call.args()[0] instanceof String) {
            return false;
        }
        Object last = call.args()[call.args().length - 1];
        boolean ucs2 = last instanceof Encoding e ? e == Encoding.UTF16LE
                : last instanceof String n && Encoding.isEncoding(n) && Encoding.of(n) == Encoding.UTF16LE;
        String even = Integer.toString(m.c().bytes().length - 1);
        return ucs2 && (m.node().equals(even) || m.node().equals("true"))
                && (m.sluice().equals("-1") || m.sluice().equals("false"));
    }

    // ------------------------------------------------------------------ search

    @Test
    void indexOfLastIndexOfIncludesMatchNode() {
        SplittableRandom r = new SplittableRandom(SEED);
        List<Case> cases = new ArrayList<>();
        String[] methods = {"indexOf", "lastIndexOf", "includes"};
        for (int i = 0; i < 9000; i++) {
            byte[] h = hay(r, r.nextInt(10) == 0 ? 80 : 24);
            String m = methods[r.nextInt(3)];
            int kind = r.nextInt(3);
            Object needle;
            Object encoding = enc(r);
            int near = -1;
            if (kind == 0) {
                // A string needle: often one that is in the haystack under some encoding.
                String s = string(r, 4);
                Encoding e = encoding instanceof Encoding en ? en
                        : encoding instanceof String n && Encoding.isEncoding(n) ? Encoding.of(n) : Encoding.UTF8;
                if (r.nextBoolean() && h.length > 0) {
                    int at = r.nextInt(h.length);
                    byte[] enc = e.encode(s);
                    byte[] grown = java.util.Arrays.copyOf(h, h.length + enc.length);
                    System.arraycopy(h, at, grown, at + enc.length, h.length - at);
                    System.arraycopy(enc, 0, grown, at, enc.length);
                    h = grown;
                    near = at;
                }
                needle = s;
            } else if (kind == 1) {
                byte[] n;
                if (h.length > 0 && r.nextInt(4) != 0) {
                    int at = r.nextInt(h.length);
                    n = java.util.Arrays.copyOfRange(h, at, Math.min(h.length, at + r.nextInt(6)));
                    near = at;
                } else {
                    n = bytes(r, r.nextInt(8) == 0 ? 40 : 4);
                }
                needle = new Bytes(n);
            } else {
                int k = r.nextInt(6);
                needle = k == 0 ? r.nextInt() : k == 1 ? r.nextInt(-300, 600)
                        : h.length > 0 ? h[r.nextInt(h.length)] & 0xFF : r.nextInt(256);
                if (h.length > 0) {
                    near = r.nextInt(h.length);
                }
            }
            long off = byteOffset(r, h.length, near);
            Call call;
            int shape = r.nextInt(4);
            if (needle instanceof Integer) {
                call = shape < 2 ? new Call(m, false, needle) : new Call(m, false, needle, off);
            } else {
                call = switch (shape) {
                    case 0 -> new Call(m, false, needle);
                    case 1 -> new Call(m, false, needle, off);
                    case 2 -> new Call(m, false, needle, encoding);
                    default -> new Call(m, false, needle, off, encoding);
                };
            }
            // Even padding only: Node 20 loops forever on a UTF-16 search in a buffer whose
            // byteOffset is odd, so the oracle cannot answer those.
            cases.add(new Case(h, 2 * r.nextInt(2), pad(r), Mode.VALUE, call));
        }
        check(cases);
    }

    /**
     * Long, repetitive haystacks: the word-at-a-time scans, the rare-byte filter and the switch to
     * Knuth-Morris-Pratt after many false starts (ByteSearch) all run here, in both directions.
     */
    @Test
    void searchInLongRepetitiveHaystacksMatchesNode() {
        SplittableRandom r = new SplittableRandom(SEED + 10);
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            // A period of 1..5 bytes from a tiny alphabet, repeated, with a few mutations.
            byte[] period = new byte[r.nextInt(1, 6)];
            for (int k = 0; k < period.length; k++) {
                period[k] = (byte) "aab\u00ff\u0000".charAt(r.nextInt(5));
            }
            byte[] h = new byte[r.nextInt(r.nextInt(4) == 0 ? 3000 : 400)];
            for (int k = 0; k < h.length; k++) {
                h[k] = period[k % period.length];
            }
            for (int k = r.nextInt(4); k > 0 && h.length > 0; k--) {
                h[r.nextInt(h.length)] = (byte) "abcz".charAt(r.nextInt(4));
            }
            int at = h.length == 0 ? 0 : r.nextInt(h.length);
            byte[] n = java.util.Arrays.copyOfRange(h, at, Math.min(h.length, at + r.nextInt(1, 48)));
            if (n.length > 0 && r.nextBoolean()) {
                n[r.nextInt(n.length)] = (byte) "abcz".charAt(r.nextInt(4)); // often a near miss
            }
            String m = r.nextBoolean() ? "indexOf" : "lastIndexOf";
            long off = r.nextInt(3) == 0 ? byteOffset(r, h.length, at) : r.nextInt(-h.length - 2, h.length + 2);
            Call call = switch (r.nextInt(6)) {
                case 0 -> new Call(m, false, new Bytes(n));
                case 1, 2 -> new Call(m, false, new Bytes(n), off);
                case 3 -> new Call(m, false, Encoding.LATIN1.decode(n), off, "latin1");
                case 4 -> new Call(m, false, new Bytes(n), off, "ucs2");
                default -> new Call(m, false, n.length > 0 ? n[0] & 0xFF : 0, off);
            };
            cases.add(new Case(h, 2 * r.nextInt(2), r.nextInt(3), Mode.VALUE, call));
        }
        check(cases);
    }

    // ------------------------------------------------------------------ fill / alloc

    @Test
    void fillMatchesNode() {
        SplittableRandom r = new SplittableRandom(SEED + 1);
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < 6000; i++) {
            byte[] h = bytes(r, 16);
            int len = h.length;
            int off = smallIndex(r, len);
            int end = smallIndex(r, len);
            int kind = r.nextInt(3);
            int shape = r.nextInt(kind == 1 ? 6 : 3);
            Call call;
            if (kind == 0) {
                int v = r.nextInt(4) == 0 ? r.nextInt() : r.nextInt(-260, 520);
                call = switch (shape) {
                    case 0 -> new Call("fill", false, v);
                    case 1 -> new Call("fill", false, v, off);
                    default -> new Call("fill", false, v, off, end);
                };
            } else if (kind == 1) {
                String s = string(r, r.nextInt(5) == 0 ? 30 : 5);
                Object e = enc(r);
                call = switch (shape) {
                    case 0 -> new Call("fill", false, s);
                    case 1 -> new Call("fill", false, s, e);
                    case 2 -> new Call("fill", false, s, off);
                    case 3 -> new Call("fill", false, s, off, e);
                    case 4 -> new Call("fill", false, s, off, end);
                    default -> new Call("fill", false, s, off, end, e);
                };
            } else {
                Object v;
                if (r.nextInt(3) == 0) {
                    // A view of the receiver's own parent: the pattern may overlap the range filled.
                    int total = len + 6;
                    int vs = r.nextInt(total + 1);
                    v = new Sub(vs, r.nextInt(vs, total + 1));
                } else {
                    v = new Bytes(bytes(r, r.nextInt(5) == 0 ? 30 : 5));
                }
                call = switch (shape) {
                    case 0 -> new Call("fill", false, v);
                    case 1 -> new Call("fill", false, v, off);
                    default -> new Call("fill", false, v, off, end);
                };
            }
            cases.add(new Case(h, pad(r), pad(r), Mode.MUTATE, call));
        }
        // Buffer.alloc(size, fill[, encoding]).
        for (int i = 0; i < 1500; i++) {
            long size = r.nextInt(10) == 0 ? -1 : r.nextInt(12);
            String s = string(r, 6);
            Call call = switch (r.nextInt(5)) {
                case 0 -> new Call("alloc", true, size, r.nextInt(-300, 300));
                case 1 -> new Call("alloc", true, size, s);
                case 2 -> new Call("alloc", true, size, new Bytes(bytes(r, 4)));
                default -> new Call("alloc", true, size, s, enc(r));
            };
            cases.add(new Case(new byte[0], 0, 0, Mode.VALUE, call));
        }
        check(cases);
    }

    // ------------------------------------------------------------------ write

    @Test
    void writeMatchesNode() {
        SplittableRandom r = new SplittableRandom(SEED + 2);
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < 8000; i++) {
            byte[] h = bytes(r, 14);
            int len = h.length;
            String s = string(r, r.nextInt(6) == 0 ? 24 : 7);
            int off = smallIndex(r, len);
            int max = smallIndex(r, len);
            Object e = enc(r);
            Call call = switch (r.nextInt(8)) {
                case 0 -> new Call("write", false, s);
                case 1 -> new Call("write", false, s, e);
                case 2 -> new Call("write", false, s, off);
                case 3 -> new Call("write", false, s, off, e);
                case 4 -> new Call("write", false, s, off, max);
                default -> new Call("write", false, s, off, max, e);
            };
            cases.add(new Case(h, pad(r), pad(r), Mode.MUTATE, call));
        }
        check(cases);
    }

    // ------------------------------------------------------------------ toString / views

    @Test
    void toStringRangesMatchNode() {
        SplittableRandom r = new SplittableRandom(SEED + 3);
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < 6000; i++) {
            byte[] h = hay(r, 16);
            int len = h.length;
            Object e = enc(r);
            Call call = switch (r.nextInt(5)) {
                case 0 -> new Call("toString", false);
                case 1 -> new Call("toString", false, e);
                case 2 -> new Call("toString", false, e, index(r, len));
                default -> new Call("toString", false, e, index(r, len), index(r, len));
            };
            cases.add(new Case(h, pad(r), pad(r), Mode.VALUE, call));
        }
        check(cases);
    }

    @Test
    void subarraySliceMatchNode() {
        SplittableRandom r = new SplittableRandom(SEED + 4);
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            byte[] h = bytes(r, 12);
            int len = h.length;
            String m = r.nextBoolean() ? "subarray" : "slice";
            Call call = switch (r.nextInt(3)) {
                case 0 -> new Call(m, false);
                case 1 -> new Call(m, false, index(r, len));
                default -> new Call(m, false, index(r, len), index(r, len));
            };
            cases.add(new Case(h, pad(r), pad(r), Mode.VIEW, call));
        }
        check(cases);
    }

    // ------------------------------------------------------------------ copy / compare / equals

    @Test
    void copyMatchesNode() {
        SplittableRandom r = new SplittableRandom(SEED + 5);
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < 6000; i++) {
            byte[] h = bytes(r, 12);
            int len = h.length;
            int pre = r.nextInt(6);
            int post = r.nextInt(10);
            int total = pre + len + post;
            // The target is another view of the same parent: sometimes disjoint, often overlapping.
            int ts = r.nextInt(total + 1);
            Sub target = new Sub(ts, r.nextInt(ts, total + 1));
            Call call = switch (r.nextInt(4)) {
                case 0 -> new Call("copy", false, target);
                case 1 -> new Call("copy", false, target, smallIndex(r, len));
                case 2 -> new Call("copy", false, target, smallIndex(r, len), smallIndex(r, len));
                default -> new Call("copy", false, target, smallIndex(r, len), smallIndex(r, len), smallIndex(r, len));
            };
            cases.add(new Case(h, pre, post, Mode.MUTATE, call));
        }
        check(cases);
    }

    @Test
    void compareAndEqualsMatchNode() {
        SplittableRandom r = new SplittableRandom(SEED + 6);
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < 6000; i++) {
            byte[] h = bytes(r, 8);
            int len = h.length;
            byte[] t = r.nextInt(4) == 0 ? h.clone() : bytes(r, 8);
            Object target = r.nextInt(5) == 0 ? new Sub(0, r.nextInt(len + 1)) : new Bytes(t);
            int tl = target instanceof Bytes ? t.length : len;
            Call call = switch (r.nextInt(8)) {
                case 0 -> new Call("compare", false, target);
                case 1 -> new Call("compare", false, target, smallIndex(r, tl));
                case 2 -> new Call("compare", false, target, smallIndex(r, tl), smallIndex(r, tl));
                case 3 -> new Call("compare", false, target, smallIndex(r, tl), smallIndex(r, tl), smallIndex(r, len));
                case 4, 5 -> new Call("compare", false, target, smallIndex(r, tl), smallIndex(r, tl),
                        smallIndex(r, len), smallIndex(r, len));
                case 6 -> new Call("compare", true, new Bytes(h), target);
                default -> new Call("equals", false, new BufferMethodsOracle.AsObject(target));
            };
            cases.add(new Case(h, pad(r), pad(r), Mode.VALUE, call));
        }
        check(cases);
    }

    // ------------------------------------------------------------------ numbers

    private record Accessor(String name, int size, boolean signed) {}

    private static final Accessor[] FIXED = {
        new Accessor("UInt8", 1, false), new Accessor("Int8", 1, true),
        new Accessor("UInt16LE", 2, false), new Accessor("UInt16BE", 2, false),
        new Accessor("Int16LE", 2, true), new Accessor("Int16BE", 2, true),
        new Accessor("UInt32LE", 4, false), new Accessor("UInt32BE", 4, false),
        new Accessor("Int32LE", 4, true), new Accessor("Int32BE", 4, true),
    };

    private static final String[] VARIABLE = {"UIntLE", "UIntBE", "IntLE", "IntBE"};
    private static final String[] FLOATS = {"FloatLE", "FloatBE", "DoubleLE", "DoubleBE"};
    private static final String[] BIGS = {"BigInt64LE", "BigInt64BE", "BigUInt64LE", "BigUInt64BE"};

    /** An offset for a {@code size}-byte accessor: mostly at and around the last valid one. */
    private static int numOffset(SplittableRandom r, int len, int size) {
        int k = r.nextInt(10);
        return switch (k) {
            case 0 -> index(r, len);
            case 1 -> -1;
            case 2, 3, 4 -> len - size + r.nextInt(-1, 2);
            default -> r.nextInt(0, Math.max(1, len));
        };
    }

    /** A value at, just inside or just outside the range of a {@code size}-byte integer, or far out. */
    private static long intValue(SplittableRandom r, int size, boolean signed) {
        long min = signed ? -(1L << (size * 8 - 1)) : 0;
        long max = signed ? (1L << (size * 8 - 1)) - 1 : (1L << (size * 8)) - 1;
        return switch (r.nextInt(10)) {
            case 0 -> min - 1;
            case 1 -> max + 1;
            case 2 -> min;
            case 3 -> max;
            case 4 -> -1;
            case 5 -> r.nextBoolean() ? (1L << 53) - 1 : -(1L << 53) + 1;
            default -> r.nextLong(min, max + 1);
        };
    }

    private static final double[] DOUBLES = {
        0.0, -0.0, 1.0, -1.5, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        Double.MIN_VALUE, Double.MAX_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE,
        Float.MIN_NORMAL, 3.4028235677973366E38, 3.4028234663852886E38 * 1.0000001, 1e-46, 0.1, 1.0 / 3,
        16777217.0, 1.401298464324817E-45 / 2, 7.006492321624086E-46,
    };

    private static double doubleValue(SplittableRandom r) {
        return switch (r.nextInt(3)) {
            case 0 -> DOUBLES[r.nextInt(DOUBLES.length)];
            case 1 -> Double.longBitsToDouble(r.nextLong()); // any bits, NaN payloads included
            default -> Float.intBitsToFloat(r.nextInt()) * (r.nextBoolean() ? 1 : 1.0000000001);
        };
    }

    @Test
    void numericReadsMatchNode() {
        SplittableRandom r = new SplittableRandom(SEED + 7);
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < 6000; i++) {
            byte[] h = bytes(r, 12);
            int len = h.length;
            Call call;
            switch (r.nextInt(4)) {
                case 0 -> {
                    Accessor a = FIXED[r.nextInt(FIXED.length)];
                    call = new Call("read" + a.name(), false, numOffset(r, len, a.size()));
                }
                case 1 -> {
                    int bl = r.nextInt(8) == 0 ? r.nextInt(-1, 9) : r.nextInt(1, 7);
                    call = new Call("read" + VARIABLE[r.nextInt(4)], false, numOffset(r, len, Math.max(bl, 1)), bl);
                }
                case 2 -> {
                    String f = FLOATS[r.nextInt(4)];
                    call = new Call("read" + f, false, numOffset(r, len, f.startsWith("F") ? 4 : 8));
                }
                default -> call = new Call("read" + BIGS[r.nextInt(4)], false, numOffset(r, len, 8));
            }
            cases.add(new Case(h, pad(r), pad(r), Mode.VALUE, call));
        }
        check(cases);
    }

    @Test
    void numericWritesMatchNode() {
        SplittableRandom r = new SplittableRandom(SEED + 8);
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < 7000; i++) {
            byte[] h = bytes(r, 12);
            int len = h.length;
            Call call;
            switch (r.nextInt(5)) {
                case 0 -> {
                    Accessor a = FIXED[r.nextInt(FIXED.length)];
                    call = new Call("write" + a.name(), false, intValue(r, a.size(), a.signed()),
                            numOffset(r, len, a.size()));
                }
                case 1 -> {
                    int bl = r.nextInt(8) == 0 ? r.nextInt(-1, 9) : r.nextInt(1, 7);
                    String m = VARIABLE[r.nextInt(4)];
                    long v = intValue(r, Math.min(Math.max(bl, 1), 6), m.startsWith("Int"));
                    call = new Call("write" + m, false, v, numOffset(r, len, Math.max(bl, 1)), bl);
                }
                case 2 -> {
                    String f = FLOATS[r.nextInt(4)];
                    call = new Call("write" + f, false, new Dbl(doubleValue(r)),
                            numOffset(r, len, f.startsWith("F") ? 4 : 8));
                }
                case 3 -> {
                    String m = BIGS[r.nextInt(4)];
                    boolean unsigned = m.contains("UInt");
                    long v = switch (r.nextInt(4)) {
                        case 0 -> Long.MIN_VALUE;
                        case 1 -> Long.MAX_VALUE;
                        case 2 -> -1;
                        default -> r.nextLong();
                    };
                    call = new Call("write" + m, false, new BigLong(v, unsigned), numOffset(r, len, 8));
                }
                default -> {
                    String m = BIGS[r.nextInt(4)];
                    BigInteger edge = m.contains("UInt") ? BigInteger.ONE.shiftLeft(64) : BigInteger.ONE.shiftLeft(63);
                    BigInteger v = switch (r.nextInt(6)) {
                        case 0 -> edge;
                        case 1 -> edge.subtract(BigInteger.ONE);
                        case 2 -> m.contains("UInt") ? BigInteger.ONE.negate() : edge.negate();
                        case 3 -> m.contains("UInt") ? BigInteger.ZERO : edge.negate().subtract(BigInteger.ONE);
                        case 4 -> new BigInteger(80, new java.util.Random(r.nextLong())).subtract(BigInteger.ONE.shiftLeft(79));
                        default -> BigInteger.valueOf(r.nextLong());
                    };
                    call = new Call("write" + m, false, v, numOffset(r, len, 8));
                }
            }
            cases.add(new Case(h, pad(r), pad(r), Mode.MUTATE, call));
        }
        check(cases);
    }

    // ------------------------------------------------------------------ swap / concat / byteLength / compare

    @Test
    void swapConcatByteLengthMatchNode() {
        SplittableRandom r = new SplittableRandom(SEED + 9);
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            String m = new String[] {"swap16", "swap32", "swap64"}[r.nextInt(3)];
            cases.add(new Case(bytes(r, 20), pad(r), pad(r), Mode.MUTATE, new Call(m, false)));
        }
        for (int i = 0; i < 3000; i++) {
            byte[] h = bytes(r, 6);
            List<Object> items = new ArrayList<>();
            int n = r.nextInt(5);
            long sum = 0;
            for (int k = 0; k < n; k++) {
                if (r.nextInt(30) == 0) {
                    items.add(null);
                } else if (r.nextInt(4) == 0) {
                    int s = r.nextInt(h.length + 1);
                    items.add(new Sub(s, r.nextInt(s, h.length + 1)));
                } else {
                    byte[] b = bytes(r, 5);
                    sum += b.length;
                    items.add(new Bytes(b));
                }
            }
            Call call;
            // Without totalLength Node fails on a null element with a code-less TypeError (a
            // documented difference); with it Node reports ERR_INVALID_ARG_TYPE.
            if (r.nextBoolean() && !items.contains(null)) {
                call = new Call("concat", true, new BufList(items));
            } else {
                long total = switch (r.nextInt(8)) {
                    case 0 -> -1;
                    case 1 -> 0;
                    case 2 -> sum;
                    default -> r.nextLong(0, sum + 6);
                };
                call = new Call("concat", true, new BufList(items), total);
            }
            cases.add(new Case(h, pad(r), pad(r), Mode.VALUE, call));
        }
        for (int i = 0; i < 3000; i++) {
            String s = string(r, 8);
            Call call = switch (r.nextInt(4)) {
                case 0 -> new Call("byteLength", true, s);
                case 1 -> new Call("byteLength", true, new Bytes(bytes(r, 5)));
                default -> new Call("byteLength", true, s, enc(r));
            };
            cases.add(new Case(new byte[0], 0, 0, Mode.VALUE, call));
        }
        check(cases);
    }

    /** Buffer.wrap (Node's from(arrayBuffer, byteOffset, length)), from(string, encoding), isEncoding, inspect. */
    @Test
    void wrapFromIsEncodingInspectMatchNode() {
        SplittableRandom r = new SplittableRandom(SEED + 11);
        List<Case> cases = new ArrayList<>();
        String[] names = {"utf8", "UTF-8", "Utf16LE", "ucs2", "UCS-2", "binary", "Latin1", "ASCII", "base64",
            "BASE64URL", "hex", "buffer", "", "utf16", "utf-16", "latin-1", "bogus", "utf8 ", "base-64"};
        for (int i = 0; i < 4000; i++) {
            byte[] h = bytes(r, r.nextInt(8) == 0 ? 80 : 10);
            int len = h.length;
            Call call = switch (r.nextInt(6)) {
                case 0, 1 -> {
                    // No negative offsets: Node answers them with V8's code-less RangeError (or
                    // "length" out of bounds), Sluice with "offset" out of bounds, as documented.
                    int off = r.nextInt(8) == 0 ? Math.max(0, index(r, len)) : r.nextInt(0, len + 3);
                    int n = r.nextInt(8) == 0 ? index(r, len) : r.nextInt(-2, len + 3);
                    yield r.nextInt(4) == 0 ? new Call("wrap", true, new BufferMethodsOracle.Array(h))
                            : new Call("wrap", true, new BufferMethodsOracle.Array(h), off, n);
                }
                case 2 -> new Call("from", true, string(r, 8), r.nextInt(5) == 0 ? names[r.nextInt(names.length)] : enc(r));
                case 3 -> new Call("isEncoding", true, r.nextInt(10) == 0 ? new Null(String.class)
                        : r.nextBoolean() ? names[r.nextInt(names.length)] : ENC_NAMES[r.nextInt(ENC_NAMES.length)]);
                default -> new Call("inspect", false);
            };
            cases.add(new Case(h, pad(r), pad(r), Mode.VALUE, call));
        }
        check(cases);
    }

    // ------------------------------------------------------------------ bugs found, kept minimal

    /** Sluice's message for one call, or "no error". */
    private static String errorOf(Runnable call) {
        try {
            call.run();
            return "no error";
        } catch (RuntimeException e) {
            return (e instanceof io.sluice.error.NodeError ne ? ne.code() : e.getClass().getName()) + ": " + e.getMessage();
        }
    }

    @Test
    void invalidFillValueIsQuotedAsNodeInspectDoes() {
        // Node 20: Buffer.alloc(4).fill(v, 'hex') for each v (verified by running node).
        assertThat(errorOf(() -> Buffer.alloc(4).fill("a\nz", "hex")))
                .isEqualTo("ERR_INVALID_ARG_VALUE: The argument 'value' is invalid. Received 'a\\nz'");
        assertThat(errorOf(() -> Buffer.alloc(4).fill("q\u0000", "hex")))
                .isEqualTo("ERR_INVALID_ARG_VALUE: The argument 'value' is invalid. Received 'q\\x00'");
        assertThat(errorOf(() -> Buffer.alloc(4).fill("\ud800x", "hex")))
                .isEqualTo("ERR_INVALID_ARG_VALUE: The argument 'value' is invalid. Received '\\ud800x'");
        assertThat(errorOf(() -> Buffer.alloc(4).fill("x\\y", "hex")))
                .isEqualTo("ERR_INVALID_ARG_VALUE: The argument 'value' is invalid. Received 'x\\\\y'");
        assertThat(errorOf(() -> Buffer.alloc(4).fill("it's", "hex")))
                .isEqualTo("ERR_INVALID_ARG_VALUE: The argument 'value' is invalid. Received \"it's\"");
    }

    @Test
    void ucs2StringSearchUsesEvenHaystackLength() {
        // Node 20 searches an odd-length buffer as its even-length prefix (node_buffer.cc rounds
        // the haystack length down for UCS2 string needles), offsets included:
        // Buffer.from('2b00410069', 'hex').indexOf('+A', 1, 'ucs2') === -1, since a 4-byte needle
        // cannot start at 1 in 4 bytes. Sluice passes the full length to ByteSearch.search.
        assertThat(Buffer.from("2b00410069", "hex").indexOf("+A", 1, "ucs2")).isEqualTo(-1);
        // An empty needle answers the offset clamped to the even length.
        assertThat(Buffer.from("db801c", "hex").lastIndexOf("", "ucs2")).isEqualTo(2);
        assertThat(Buffer.from("616161", "hex").indexOf("", 3, "ucs2")).isEqualTo(2);
        assertThat(Buffer.from("61", "hex").indexOf("", 4294967296L, "utf16le")).isEqualTo(0);
    }

    @Test
    @Disabled("Node defect, not followed (documented in Buffer.indexOf(Buffer, String)): a UTF-16 Buffer-needle search that finds nothing in an odd-length haystack returns length - 1, not -1")
    void ucs2BufferSearchNotFoundInOddHaystack() {
        // Node 20 (node_buffer.cc IndexOfBuffer compares the unit result * 2 with the odd byte
        // length to detect "not found"): both answer 2 for a 3-byte haystack without 'z\0'.
        assertThat(Buffer.from("616161", "hex").indexOf(Buffer.from("7a00", "hex"), "ucs2")).isEqualTo(2);
        assertThat(Buffer.from("616161", "hex").lastIndexOf(Buffer.from("7a00", "hex"), "ucs2")).isEqualTo(2);
        assertThat(Buffer.from("616161", "hex").includes(Buffer.from("7a00", "hex"), "ucs2")).isTrue();
    }

    @Test
    void concatWithTotalLengthRejectsNullAsNodeDoes() {
        // Node 20: Buffer.concat([Buffer.alloc(1), null], 3).
        assertThat(errorOf(() -> Buffer.concat(java.util.Arrays.asList(Buffer.alloc(1), null), 3)))
                .isEqualTo("ERR_INVALID_ARG_TYPE: The \"list[1]\" argument must be an instance of Buffer or Uint8Array. Received null");
    }
}
