package io.sluice.error;

/**
 * Factories for Node's coded errors with Node's message texts, so every module words the same
 * error the same way. Each returns the exception; the caller throws or emits it.
 */
public final class Errors {
    private Errors() {}

    /**
     * {@code ERR_OUT_OF_RANGE}: "The value of "offset" is out of range. It must be &gt;= 0 and &lt;= 2.
     * Received 3". {@code range} is the text after "It must be ".
     */
    public static NodeRangeException outOfRange(String name, String range, Object received) {
        String what = name.contains(".") || name.startsWith("\"") ? name : "\"" + name + "\"";
        return new NodeRangeException(ErrorCodes.ERR_OUT_OF_RANGE,
                "The value of " + what + " is out of range. It must be " + range + ". Received " + formatNumber(received));
    }

    /**
     * {@code ERR_INVALID_ARG_TYPE}: "The "name" argument must be of type string. Received type number (1)".
     * {@code expected} is the text after "must be ".
     */
    public static NodeTypeException invalidArgType(String name, String expected, Object received) {
        String subject = name.endsWith(" argument") || name.contains(".") ? "The \"" + name + "\"" : "The \"" + name + "\" argument";
        if (name.contains(".")) {
            subject = "The \"" + name + "\" property";
        }
        return new NodeTypeException(ErrorCodes.ERR_INVALID_ARG_TYPE,
                subject + " must be " + expected + ". " + describeReceived(received));
    }

    /** {@code ERR_INVALID_ARG_VALUE}: "The argument 'name' is invalid. Received 'x'". */
    public static NodeTypeException invalidArgValue(String name, Object value) {
        return invalidArgValue(name, value, "is invalid");
    }

    /** {@code ERR_INVALID_ARG_VALUE} with Node's {@code reason} text in place of "is invalid". */
    public static NodeTypeException invalidArgValue(String name, Object value, String reason) {
        String kind = name.contains(".") ? "property" : "argument";
        return new NodeTypeException(ErrorCodes.ERR_INVALID_ARG_VALUE,
                "The " + kind + " '" + name + "' " + reason + ". Received " + inspect(value));
    }

    /** {@code ERR_UNKNOWN_ENCODING}: "Unknown encoding: xyz". */
    public static NodeTypeException unknownEncoding(Object encoding) {
        return new NodeTypeException(ErrorCodes.ERR_UNKNOWN_ENCODING, "Unknown encoding: " + encoding);
    }

    /** {@code ERR_MISSING_ARGS}: "The "a" argument must be specified". */
    public static NodeTypeException missingArgs(String... names) {
        StringBuilder sb = new StringBuilder("The ");
        for (int i = 0; i < names.length; i++) {
            if (i > 0) {
                sb.append(i == names.length - 1 ? (names.length > 2 ? ", and " : " and ") : ", ");
            }
            sb.append('"').append(names[i]).append('"');
        }
        sb.append(names.length == 1 ? " argument" : " arguments").append(" must be specified");
        return new NodeTypeException(ErrorCodes.ERR_MISSING_ARGS, sb.toString());
    }

    /**
     * {@code ERR_BUFFER_OUT_OF_BOUNDS}: with a name, ""offset" is outside of buffer bounds";
     * without, "Attempt to access memory outside buffer bounds".
     */
    public static NodeRangeException bufferOutOfBounds(String name) {
        return new NodeRangeException(ErrorCodes.ERR_BUFFER_OUT_OF_BOUNDS,
                name == null ? "Attempt to access memory outside buffer bounds" : "\"" + name + "\" is outside of buffer bounds");
    }

    /** {@code ERR_INVALID_BUFFER_SIZE}: "Buffer size must be a multiple of 16-bits". */
    public static NodeRangeException invalidBufferSize(String suffix) {
        return new NodeRangeException(ErrorCodes.ERR_INVALID_BUFFER_SIZE, "Buffer size must be a multiple of " + suffix);
    }

    /**
     * {@code ERR_STREAM_DESTROYED}: "Cannot call write after a stream was destroyed", where
     * {@code what} is the operation ("write", "end", "pipe").
     */
    public static NodeException streamDestroyed(String what) {
        return new NodeException(ErrorCodes.ERR_STREAM_DESTROYED, "Cannot call " + what + " after a stream was destroyed");
    }

    /**
     * A rendering of a value as Node's {@code util.inspect} gives it in an error message: strings
     * in single quotes, numbers as they are, null as {@code null}; cut to 128 characters and
     * {@code "..."}, as Node's {@code ERR_INVALID_ARG_VALUE} does.
     */
    public static String inspect(Object value) {
        String s = inspectFull(value);
        return s.length() > 128 ? s.substring(0, 128) + "..." : s;
    }

    /**
     * A string as {@code util.inspect} quotes it: single quotes, or double quotes when it holds a
     * single quote and no double one, or backticks when it holds both (and no backtick or
     * {@code ${}); backslashes doubled, the chosen quote escaped, control and C1 characters as
     * backslash escapes (n, t, x0B ...), an unpaired surrogate as backslash, u and its hex code.
     */
    static String quote(String s) {
        char q = '\'';
        if (s.indexOf('\'') >= 0) {
            if (s.indexOf('"') < 0) {
                q = '"';
            } else if (s.indexOf('`') < 0 && !s.contains("${")) {
                q = '`';
            }
        }
        StringBuilder sb = new StringBuilder(s.length() + 2).append(q);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c == '\'' && q == '\'') || c == '\\' || c < 0x20 || (c > 0x7E && c < 0xA0)) {
                sb.append(switch (c) {
                    case '\'' -> "\\'";
                    case '\\' -> "\\\\";
                    case '\b' -> "\\b";
                    case '\t' -> "\\t";
                    case '\n' -> "\\n";
                    case '\f' -> "\\f";
                    case '\r' -> "\\r";
                    default -> String.format("\\x%02X", (int) c);
                });
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                sb.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                sb.append("\\u").append(Integer.toHexString(c));
            } else {
                sb.append(c);
            }
        }
        return sb.append(q).toString();
    }

    private static String inspectFull(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof CharSequence s) {
            return quote(s.toString());
        }
        if (value instanceof Number n) {
            return formatNumber(n);
        }
        if (value instanceof Throwable t) {
            return t.toString();
        }
        return String.valueOf(value);
    }

    /** {@code ERR_INVALID_ARG_TYPE} cuts a string longer than 28 characters to 25 + "..." before quoting it. */
    private static String inspectShort(Object value) {
        if (value instanceof CharSequence cs && cs.length() > 28) {
            return inspectFull(cs.subSequence(0, 25) + "...");
        }
        return inspectFull(value);
    }

    /**
     * Node's description of a received value in argument errors: "Received type number (1)",
     * "Received an instance of Foo", "Received null".
     */
    public static String describeReceived(Object value) {
        if (value == null) {
            return "Received null";
        }
        if (value instanceof CharSequence) {
            return "Received type string (" + inspectShort(value) + ")";
        }
        if (value instanceof Number) {
            return "Received type number (" + inspectShort(value) + ")";
        }
        if (value instanceof Boolean b) {
            return "Received type boolean (" + b + ")";
        }
        return "Received an instance of " + value.getClass().getSimpleName();
    }

    /** Node adds '_' separators to integers whose magnitude exceeds 2^32 in range messages. */
    private static String formatNumber(Object received) {
        if (received instanceof Long || received instanceof Integer || received instanceof java.math.BigInteger) {
            String digits = received.toString();
            boolean big = received instanceof java.math.BigInteger;
            java.math.BigInteger v = new java.math.BigInteger(digits);
            if (v.abs().compareTo(java.math.BigInteger.ONE.shiftLeft(32)) > 0) {
                digits = addSeparators(digits);
            }
            return big ? digits + "n" : digits;
        }
        if (received instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            long l = d.longValue();
            return Math.abs(d) > 4294967296.0 ? addSeparators(Long.toString(l)) : Long.toString(l);
        }
        if (received instanceof Double d && Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (received instanceof CharSequence) {
            return inspectFull(received);
        }
        return String.valueOf(received);
    }

    private static String addSeparators(String digits) {
        boolean neg = digits.startsWith("-");
        String d = neg ? digits.substring(1) : digits;
        StringBuilder out = new StringBuilder();
        int first = d.length() % 3 == 0 ? 3 : d.length() % 3;
        out.append(d, 0, first);
        for (int i = first; i < d.length(); i += 3) {
            out.append('_').append(d, i, i + 3);
        }
        return (neg ? "-" : "") + out;
    }
}
