package io.sluice.stream;

import java.math.BigDecimal;

/**
 * The JSON parser {@link ConsumersDifferentialInterpreter} hands to {@link Consumers#json}: the
 * subset of JSON the generated texts can form (non-negative integers, strings without escapes,
 * arrays), answering what {@code JSON.stringify(JSON.parse(text))} answers in node, so that the
 * two sides' values compare as strings. Anything outside the subset is a {@link SyntaxError},
 * which the trace shows as node's {@code SyntaxError} (messages are not compared: V8's are not
 * reproducible).
 */
final class ConsumersDifferentialJson {
    /** The parse failure: node's {@code SyntaxError}. */
    static final class SyntaxError extends RuntimeException {
        SyntaxError(String why) {
            super(why);
        }
    }

    private final String s;
    private int i;

    private ConsumersDifferentialJson(String s) {
        this.s = s;
    }

    /** {@code JSON.stringify(JSON.parse(text))} for the subset, else throws {@link SyntaxError}. */
    static String parse(String text) {
        ConsumersDifferentialJson p = new ConsumersDifferentialJson(text);
        p.ws();
        String v = p.value();
        p.ws();
        if (p.i != text.length()) {
            throw new SyntaxError("trailing text at " + p.i);
        }
        return v;
    }

    private void ws() {
        while (i < s.length() && " \t\n\r".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
    }

    private String value() {
        if (i >= s.length()) {
            throw new SyntaxError("unexpected end");
        }
        char c = s.charAt(i);
        if (c == '"') {
            int end = i + 1;
            while (end < s.length() && s.charAt(end) != '"') {
                char d = s.charAt(end);
                if (d == '\\' || d < 0x20) {
                    throw new SyntaxError("escape or control character outside the subset");
                }
                end++;
            }
            if (end >= s.length()) {
                throw new SyntaxError("unterminated string");
            }
            String body = s.substring(i, end + 1);
            i = end + 1;
            return body; // JSON.stringify gives the same text back (esc() handles lone surrogates' display)
        }
        if (c == '[') {
            i++;
            ws();
            StringBuilder out = new StringBuilder("[");
            if (i < s.length() && s.charAt(i) == ']') {
                i++;
                return "[]";
            }
            while (true) {
                ws();
                out.append(value());
                ws();
                if (i >= s.length()) {
                    throw new SyntaxError("unterminated array");
                }
                char d = s.charAt(i++);
                if (d == ']') {
                    return out.append(']').toString();
                }
                if (d != ',') {
                    throw new SyntaxError("bad array separator");
                }
                out.append(',');
            }
        }
        if (c >= '1' && c <= '9' || c == '0') {
            int start = i;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            String digits = s.substring(start, i);
            if (digits.length() > 1 && digits.charAt(0) == '0') {
                throw new SyntaxError("leading zero");
            }
            if (i < s.length() && ".eE".indexOf(s.charAt(i)) >= 0) {
                throw new SyntaxError("fraction or exponent outside the subset");
            }
            return jsNumber(Double.parseDouble(digits));
        }
        throw new SyntaxError("unexpected " + c);
    }

    /** JavaScript's Number#toString for a non-negative integral double: shortest digits, e+ from 1e21. */
    static String jsNumber(double d) {
        BigDecimal bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        if (bd.compareTo(new BigDecimal("1e21")) < 0) {
            return bd.toBigInteger().toString();
        }
        String digits = bd.unscaledValue().toString();
        int exp = bd.precision() - bd.scale() - 1;
        return digits.charAt(0) + (digits.length() > 1 ? "." + digits.substring(1) : "") + "e+" + exp;
    }
}
