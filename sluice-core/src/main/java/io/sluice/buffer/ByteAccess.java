package io.sluice.buffer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Multi-byte views of a {@code byte[]}: the JDK's byte-array view handles for the power-of-two
 * widths (which compile to single unaligned loads and stores), and byte loops for Node's odd
 * 3-, 5- and 6-byte integers. Callers check bounds first, so Node's error wins over the JDK's.
 */
final class ByteAccess {
    private ByteAccess() {}

    static final VarHandle SHORT_LE = view(short[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle SHORT_BE = view(short[].class, ByteOrder.BIG_ENDIAN);
    static final VarHandle INT_LE = view(int[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle INT_BE = view(int[].class, ByteOrder.BIG_ENDIAN);
    static final VarHandle LONG_LE = view(long[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle LONG_BE = view(long[].class, ByteOrder.BIG_ENDIAN);
    static final VarHandle FLOAT_LE = view(float[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle FLOAT_BE = view(float[].class, ByteOrder.BIG_ENDIAN);
    static final VarHandle DOUBLE_LE = view(double[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle DOUBLE_BE = view(double[].class, ByteOrder.BIG_ENDIAN);

    private static VarHandle view(Class<?> arrayType, ByteOrder order) {
        return MethodHandles.byteArrayViewVarHandle(arrayType, order);
    }

    /** The unsigned little-endian integer in {@code a[i, i + n)}, n in 1..7. */
    static long readLE(byte[] a, int i, int n) {
        long v = 0;
        for (int k = n - 1; k >= 0; k--) {
            v = (v << 8) | (a[i + k] & 0xFF);
        }
        return v;
    }

    /** The unsigned big-endian integer in {@code a[i, i + n)}, n in 1..7. */
    static long readBE(byte[] a, int i, int n) {
        long v = 0;
        for (int k = 0; k < n; k++) {
            v = (v << 8) | (a[i + k] & 0xFF);
        }
        return v;
    }

    /** Sign-extends the low {@code n} bytes of {@code v}. */
    static long signExtend(long v, int n) {
        int shift = 64 - 8 * n;
        return (v << shift) >> shift;
    }

    /** Stores the low {@code n} bytes of {@code v} little-endian at {@code a[i]}. */
    static void writeLE(byte[] a, int i, long v, int n) {
        for (int k = 0; k < n; k++) {
            a[i + k] = (byte) (v >>> (8 * k));
        }
    }

    /** Stores the low {@code n} bytes of {@code v} big-endian at {@code a[i]}. */
    static void writeBE(byte[] a, int i, long v, int n) {
        for (int k = 0; k < n; k++) {
            a[i + n - 1 - k] = (byte) (v >>> (8 * k));
        }
    }
}
