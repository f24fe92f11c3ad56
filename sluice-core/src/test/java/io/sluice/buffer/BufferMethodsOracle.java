package io.sluice.buffer;

import io.sluice.error.NodeError;
import io.sluice.testing.NodeOracle;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs one Buffer method call on both sides: the same call described once ({@link Call}) becomes
 * a JavaScript expression for Node and a reflective invocation of the matching Java overload, so
 * the two can never drift apart by a typo. Results (values, the bytes around the receiver after a
 * mutation, or the error code and message) are reduced to one canonical string on each side and
 * compared.
 *
 * <p>The receiver {@code b} is always a view {@code [pre, pre + n)} of a parent {@code p} padded
 * with {@code EE} bytes, so offset arithmetic errors and writes outside the view show up as
 * differences in {@code p}.
 */
final class BufferMethodsOracle {
    private BufferMethodsOracle() {}

    private static final HexFormat HEX = HexFormat.of();

    /** What a case reports besides the return value. */
    enum Mode {
        /** The return value only. */
        VALUE,
        /** The return value and the parent's bytes afterwards. */
        MUTATE,
        /** The returned view's length, then the parent after filling the view with 0x77 (shows sharing). */
        VIEW
    }

    // ------------------------------------------------------------------ typed arguments

    /** A null of the given Java type; {@code undefined} in JavaScript. */
    record Null(Class<?> type) {}

    /** A double, passed to Node bit-exactly. */
    record Dbl(double v) {}

    /** A long that Node receives as a BigInt ({@code unsigned}: the long's unsigned value). */
    record BigLong(long v, boolean unsigned) {}

    /** A fresh Buffer holding these bytes. */
    record Bytes(byte[] b) {}

    /** {@code p.subarray(start, end)}: a view of the receiver's parent (for overlapping ranges). */
    record Sub(int start, int end) {}

    /** A {@code byte[]} for {@code wrap}; a fresh ArrayBuffer holding these bytes in JavaScript. */
    record Array(byte[] b) {}

    /** An argument passed to a Java parameter of type Object (for {@code equals}). */
    record AsObject(Object inner) {}

    /** A {@code List<Buffer>} / JS array; elements are {@link Bytes}, {@link Sub} or null. */
    record BufList(List<Object> items) {}

    /**
     * One call: {@code method} on the receiver (or on {@code Buffer} when {@code isStatic}) with
     * {@code args}: Integer, Long, String, Boolean, BigInteger, {@link Encoding} or the records above.
     */
    record Call(String method, boolean isStatic, Object... args) {}

    /** A receiver (bytes, padding) and a call on it. */
    record Case(byte[] bytes, int pre, int post, Mode mode, Call call) {
        String js() {
            StringBuilder a = new StringBuilder();
            for (Object o : call.args()) {
                if (!a.isEmpty()) {
                    a.append(", ");
                }
                a.append(jsArg(o));
            }
            String target = call.isStatic() ? "Buffer" : "b";
            // Buffer.wrap(array, ...) is Java's name for Buffer.from(arrayBuffer, ...).
            String name = call.method().equals("wrap") ? "from" : call.method();
            return "X('" + HEX.formatHex(bytes) + "', " + pre + ", " + post + ", " + mode.ordinal()
                    + ", (b, p) => " + target + "." + name + "(" + a + "))";
        }

        @Override
        public String toString() {
            return js();
        }
    }

    static String jsArg(Object o) {
        return switch (o) {
            case null -> "null";
            case Null n -> "undefined";
            case String s -> jsString(s);
            case Integer i -> i.toString();
            case Long l -> l.toString();
            case Boolean z -> z.toString();
            case BigInteger big -> big + "n";
            case Encoding e -> "'" + e.nodeName() + "'";
            case Dbl d -> "f64('" + Long.toHexString(Double.doubleToRawLongBits(d.v())) + "')";
            case BigLong l -> (l.unsigned() ? Long.toUnsignedString(l.v()) : Long.toString(l.v())) + "n";
            case Bytes b -> "H('" + HEX.formatHex(b.b()) + "')";
            case Sub s -> "p.subarray(" + s.start() + ", " + s.end() + ")";
            case AsObject a -> jsArg(a.inner());
            case Array a -> "new Uint8Array(H('" + HEX.formatHex(a.b()) + "')).buffer";
            case BufList l -> {
                List<String> parts = new ArrayList<>();
                for (Object x : l.items()) {
                    parts.add(jsArg(x));
                }
                yield "[" + String.join(", ", parts) + "]";
            }
            default -> throw new IllegalArgumentException("no JS form for " + o.getClass());
        };
    }

    /** A JS string literal that is exact for any Java string (lone surrogates included). */
    static String jsString(String s) {
        StringBuilder sb = new StringBuilder("'");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7F && c != '\'' && c != '\\') {
                sb.append(c);
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb.append('\'').toString();
    }

    private static Class<?> javaType(Object o) {
        return switch (o) {
            case null -> Buffer.class; // only as a list element
            case Null n -> n.type();
            case String s -> String.class;
            case Integer i -> int.class;
            case Long l -> long.class;
            case Boolean z -> boolean.class;
            case BigInteger big -> BigInteger.class;
            case Encoding e -> Encoding.class;
            case Dbl d -> double.class;
            case BigLong l -> long.class;
            case Bytes b -> Buffer.class;
            case Sub s -> Buffer.class;
            case AsObject a -> Object.class;
            case Array a -> byte[].class;
            case BufList l -> List.class;
            default -> throw new IllegalArgumentException("no Java type for " + o.getClass());
        };
    }

    private static Object javaValue(Object o, Buffer p) {
        return switch (o) {
            case null -> null;
            case Null n -> null;
            case Dbl d -> d.v();
            case BigLong l -> l.v();
            case Bytes b -> Buffer.from(b.b());
            case Sub s -> p.subarray(s.start(), s.end());
            case AsObject a -> javaValue(a.inner(), p);
            case Array a -> a.b().clone();
            case BufList l -> {
                List<Buffer> list = new ArrayList<>();
                for (Object x : l.items()) {
                    list.add((Buffer) javaValue(x, p));
                }
                yield list;
            }
            default -> o;
        };
    }

    // ------------------------------------------------------------------ running

    private static final String JS_HELPERS = """
            function H(hex) { return Buffer.from(hex, 'hex'); }
            function f64(hex) { const t = Buffer.from(hex.padStart(16, '0'), 'hex'); return t.readDoubleBE(0); }
            function num(r) {
              if (Object.is(r, -0)) return '-0';
              if (Number.isNaN(r)) return 'NaN';
              if (Number.isInteger(r) && Math.abs(r) < 2 ** 53) return String(r);
              const t = Buffer.alloc(8); t.writeDoubleBE(r); return 'D:' + t.toString('hex');
            }
            function fmt(r) {
              if (Array.isArray(r)) return r.map(fmt).join('|');
              if (Buffer.isBuffer(r)) return 'B:' + r.toString('hex');
              if (typeof r === 'string') return 'S:' + r;
              if (typeof r === 'number') return num(r);
              return String(r);
            }
            function X(hex, pre, post, mode, f) {
              const raw = H(hex);
              const p = Buffer.alloc(pre + raw.length + post, 0xee);
              raw.copy(p, pre);
              const b = p.subarray(pre, pre + raw.length);
              const r = f(b, p);
              if (mode === 1) return [r, p];
              if (mode === 2) { const n = r.length; r.fill(0x77); return [n, p]; }
              return r;
            }
            """;

    /** Node's result for every case, in order. */
    static List<String> node(List<Case> cases) {
        StringBuilder script = new StringBuilder(JS_HELPERS).append("const T = [\n");
        for (Case c : cases) {
            script.append("() => ").append(c.js()).append(",\n");
        }
        script.append("""
                ];
                for (const f of T) {
                  let out;
                  try { out = fmt(f()); } catch (e) { out = 'E:' + e.code + '|' + e.message; }
                  emit(out);
                }
                """);
        List<byte[]> frames = NodeOracle.run(script.toString(), List.of());
        List<String> out = new ArrayList<>(frames.size());
        for (byte[] f : frames) {
            // Node quotes kMaxLength (2^32) where Sluice, by its documented difference, quotes MAX_LENGTH.
            out.add(NodeOracle.utf16(f).replace("<= 4294967296", "<= " + Buffer.MAX_LENGTH));
        }
        return out;
    }

    private static final Map<String, Method> METHODS = new ConcurrentHashMap<>();

    private static Method method(Call call) {
        Class<?>[] types = new Class<?>[call.args().length];
        StringBuilder key = new StringBuilder(call.method());
        for (int i = 0; i < types.length; i++) {
            types[i] = javaType(call.args()[i]);
            key.append(',').append(types[i].getName());
        }
        return METHODS.computeIfAbsent(key.toString(), k -> {
            try {
                return Buffer.class.getMethod(call.method(), types);
            } catch (NoSuchMethodException e) {
                throw new IllegalArgumentException("no overload for " + k, e);
            }
        });
    }

    /** Sluice's result for one case, in the same canonical form as {@link #node}. */
    static String java(Case c) {
        Buffer p = Buffer.alloc(c.pre() + c.bytes().length + c.post(), 0xEE);
        Buffer.wrap(c.bytes()).copy(p, c.pre());
        Buffer b = p.subarray(c.pre(), c.pre() + c.bytes().length);
        Object[] args = new Object[c.call().args().length];
        for (int i = 0; i < args.length; i++) {
            args[i] = javaValue(c.call().args()[i], p);
        }
        try {
            Object r;
            try {
                r = method(c.call()).invoke(c.call().isStatic() ? null : b, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            return switch (c.mode()) {
                case VALUE -> fmt(r);
                case MUTATE -> fmt(r) + "|" + fmt(p);
                case VIEW -> {
                    Buffer v = (Buffer) r;
                    int n = v.length();
                    v.fill(0x77);
                    yield n + "|" + fmt(p);
                }
            };
        } catch (Throwable e) {
            if (e instanceof NodeError ne) {
                return "E:" + ne.code() + "|" + e.getMessage();
            }
            return "X:" + e;
        }
    }

    static String fmt(Object r) {
        return switch (r) {
            case null -> "undefined";
            case Buffer b -> "B:" + HEX.formatHex(b.toByteArray());
            case String s -> "S:" + s;
            case Double d -> num(d);
            case Integer i -> i.toString();
            case Long l -> l.toString();
            case List<?> l -> {
                List<String> parts = new ArrayList<>();
                for (Object x : l) {
                    parts.add(fmt(x));
                }
                yield String.join("|", parts);
            }
            default -> String.valueOf(r);
        };
    }

    private static String num(double d) {
        if (Double.doubleToRawLongBits(d) == Long.MIN_VALUE) {
            return "-0";
        }
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (d == Math.rint(d) && Math.abs(d) < 0x1p53) {
            return Long.toString((long) d);
        }
        return "D:" + String.format("%016x", Double.doubleToRawLongBits(d));
    }

    /** One disagreement. */
    record Mismatch(Case c, String sluice, String node) {
        @Override
        public String toString() {
            return c.js() + "\n    sluice: " + escape(sluice) + "\n    node:   " + escape(node);
        }
    }

    /** Runs every case on both sides and returns the disagreements, in order. */
    static List<Mismatch> compare(List<Case> cases) {
        List<String> expected = node(cases);
        if (expected.size() != cases.size()) {
            throw new IllegalStateException("node answered " + expected.size() + " of " + cases.size());
        }
        List<Mismatch> bad = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            String actual = java(cases.get(i));
            if (!actual.equals(expected.get(i))) {
                bad.add(new Mismatch(cases.get(i), actual, expected.get(i)));
            }
        }
        return bad;
    }

    /** A failure message listing the first few mismatches. */
    static String report(List<Mismatch> bad, int total) {
        StringBuilder sb = new StringBuilder(bad.size() + " of " + total + " calls differ from Node:\n");
        for (int i = 0; i < Math.min(bad.size(), 25); i++) {
            sb.append(bad.get(i)).append('\n');
        }
        return sb.toString();
    }

    /** Java-escaped text, so lone surrogates are visible. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\u%04X", (int) c));
        }
        return sb.toString();
    }
}
