package io.sluice.buffer;

import io.sluice.error.Errors;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Node.js's {@code Buffer}: a fixed-length, mutable run of bytes with Node's methods and Node's
 * results, errors and error codes (NODE-SEMANTICS §1.6).
 *
 * <p>A Buffer is a view {@code [byteOffset, byteOffset + length)} of a heap {@code byte[]}.
 * {@link #subarray}, {@link #slice} and {@link #wrap} share memory with their source, as in Node
 * (writes through one are visible through the other); {@link #from(Buffer)}, {@link #concat} and
 * {@link #toByteArray} copy. Memory is freed by the garbage collector: there is nothing to release.
 *
 * <p>Differences from Node that apply throughout:
 * <ul>
 *   <li>Arguments are Java types, so Node's JavaScript coercions (a string {@code "1"} as an
 *       offset, {@code NaN}, fractional numbers, objects with {@code valueOf}) have no equivalent
 *       and the {@code ERR_INVALID_ARG_TYPE} errors for them cannot occur. A null encoding name
 *       means the default, as {@code undefined} does in Node.</li>
 *   <li>Node's methods with optional trailing arguments become overloads. Where Node lets an
 *       encoding stand in the offset position ({@code buf.write(s, 'hex')},
 *       {@code buf.indexOf(v, 'ucs2')}), there is an overload taking the encoding directly.
 *       Every encoding parameter is offered both as a {@code String} (Node's names and aliases,
 *       case-insensitive) and as an {@link Encoding}.</li>
 *   <li>Numeric accessors require an explicit offset (Node defaults it to 0) and have no
 *       lower-case {@code Uint} aliases.</li>
 *   <li>{@link #MAX_LENGTH} is limited by Java arrays, so range messages that quote Node's
 *       {@code kMaxLength} (4294967296 in Node 20) quote {@code MAX_LENGTH} instead.</li>
 *   <li>Indexing out of range with {@link #get}/{@link #set} throws
 *       {@link IndexOutOfBoundsException} (Node returns {@code undefined} / ignores the write).</li>
 * </ul>
 *
 * <p>Not thread-safe: like any mutable array, a Buffer shared between threads needs external
 * synchronisation or a happens-before edge (the event loop provides one).
 */
public final class Buffer implements Comparable<Buffer>, Iterable<Integer> {

    /**
     * The largest length a Buffer can have: {@code Integer.MAX_VALUE - 8}, the largest
     * {@code byte[]} every JVM allocates. Node 20's {@code buffer.constants.MAX_LENGTH} is 2^32.
     */
    public static final int MAX_LENGTH = Integer.MAX_VALUE - 8;

    /** Node's {@code buffer.INSPECT_MAX_BYTES}: how many bytes {@link #inspect()} shows. */
    public static final int INSPECT_MAX_BYTES = 50;

    private static final byte[] EMPTY = new byte[0];
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
    private static final BigInteger MIN_INT64 = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX_INT64 = BigInteger.valueOf(Long.MAX_VALUE);

    private final byte[] array;
    private final int offset;
    private final int length;

    private Buffer(byte[] array, int offset, int length) {
        this.array = array;
        this.offset = offset;
        this.length = length;
    }

    /** A view without checks, for this package's helpers (the pool). */
    static Buffer view(byte[] array, int offset, int length) {
        return new Buffer(array, offset, length);
    }

    /** The backing array, shared; for this package's codecs only (it may hold pooled neighbours). */
    byte[] array() {
        return array;
    }

    /** Where this buffer starts in {@link #array()}. */
    int arrayOffset() {
        return offset;
    }

    // ------------------------------------------------------------------ allocation

    /**
     * Node's {@code Buffer.alloc(size)}: {@code size} zero bytes.
     *
     * @throws io.sluice.error.NodeRangeException {@code ERR_OUT_OF_RANGE} if {@code size} is
     *     negative or above {@link #MAX_LENGTH}
     */
    public static Buffer alloc(long size) {
        return new Buffer(newArray(size), 0, (int) size);
    }

    /**
     * Node's {@code Buffer.alloc(size, fill)} with a number: every byte is {@code fill & 255}.
     *
     * @throws io.sluice.error.NodeRangeException {@code ERR_OUT_OF_RANGE} for a bad {@code size}
     */
    public static Buffer alloc(long size, int fill) {
        Buffer b = alloc(size);
        if (fill != 0) {
            Arrays.fill(b.array, (byte) fill);
        }
        return b;
    }

    /**
     * Node's {@code Buffer.alloc(size, fill)} with a string: {@code fill}'s UTF-8 bytes repeated,
     * the last repetition cut where the buffer ends (even mid-character). An empty or null
     * {@code fill} gives zeros.
     *
     * @throws io.sluice.error.NodeRangeException {@code ERR_OUT_OF_RANGE} for a bad {@code size}
     */
    public static Buffer alloc(long size, String fill) {
        return alloc(size, fill, Encoding.UTF8);
    }

    /**
     * Node's {@code Buffer.alloc(size, fill, encoding)}: {@code fill} encoded with
     * {@code encoding} (null or {@code ""} meaning UTF-8), repeated. As in Node, the encoding and
     * the fill are not looked at when {@code size} is 0.
     *
     * @throws io.sluice.error.NodeRangeException {@code ERR_OUT_OF_RANGE} for a bad {@code size}
     * @throws io.sluice.error.NodeTypeException {@code ERR_UNKNOWN_ENCODING} for an unknown
     *     encoding; {@code ERR_INVALID_ARG_VALUE} if {@code fill} is non-empty but encodes to no
     *     bytes (for example invalid hex such as {@code "zz"})
     */
    public static Buffer alloc(long size, String fill, String encoding) {
        Buffer b = alloc(size);
        if (size > 0 && fill != null) {
            b.fill(fill, lenient(encoding));
        }
        return b;
    }

    /** As {@link #alloc(long, String, String)} with an {@link Encoding}. */
    public static Buffer alloc(long size, String fill, Encoding encoding) {
        Buffer b = alloc(size);
        if (size > 0 && fill != null) {
            b.fill(fill, encoding);
        }
        return b;
    }

    /**
     * Node's {@code Buffer.alloc(size, fill)} with a Buffer: {@code fill}'s bytes repeated. A null
     * {@code fill} gives zeros.
     *
     * @throws io.sluice.error.NodeRangeException {@code ERR_OUT_OF_RANGE} for a bad {@code size}
     * @throws io.sluice.error.NodeTypeException {@code ERR_INVALID_ARG_VALUE} if {@code fill} is
     *     empty and {@code size > 0}
     */
    public static Buffer alloc(long size, Buffer fill) {
        Buffer b = alloc(size);
        if (size > 0 && fill != null) {
            b.fill(fill);
        }
        return b;
    }

    /**
     * Node's {@code Buffer.allocUnsafe(size)}. Sizes below {@code poolSize() / 2} are carved from a
     * per-thread 8 KiB slab as in Node; larger ones get their own array. Unlike Node the bytes are
     * always zero (Java never hands out uninitialised memory), and a slab region is never handed
     * out twice, so no buffer observes another buffer's data through the Buffer API. (A pooled
     * buffer's {@link #asByteBuffer()} does expose the whole slab through
     * {@link ByteBuffer#array()}, as Node's {@code buf.buffer} exposes its pool.)
     *
     * @throws io.sluice.error.NodeRangeException {@code ERR_OUT_OF_RANGE} for a bad {@code size}
     */
    public static Buffer allocUnsafe(long size) {
        checkSize(size);
        if (BufferPool.pooled((int) size)) {
            return BufferPool.allocate((int) size);
        }
        return new Buffer(newArray(size), 0, (int) size);
    }

    /**
     * Node's {@code Buffer.allocUnsafeSlow(size)}: a buffer that owns its whole array (never
     * pooled). Zero-filled in Java.
     *
     * @throws io.sluice.error.NodeRangeException {@code ERR_OUT_OF_RANGE} for a bad {@code size}
     */
    public static Buffer allocUnsafeSlow(long size) {
        return alloc(size);
    }

    /** Node's {@code Buffer.poolSize}: 8192, the slab size of {@link #allocUnsafe}. Fixed here (Node's is writable). */
    public static int poolSize() {
        return BufferPool.POOL_SIZE;
    }

    private static void checkSize(long size) {
        Bounds.checkOffset(size, "size", MAX_LENGTH);
    }

    private static byte[] newArray(long size) {
        checkSize(size);
        return size == 0 ? EMPTY : new byte[(int) size];
    }

    // ------------------------------------------------------------------ from / wrap

    /** Node's {@code Buffer.from(uint8Array)}: a copy of {@code bytes}. */
    public static Buffer from(byte[] bytes) {
        return new Buffer(bytes.length == 0 ? EMPTY : bytes.clone(), 0, bytes.length);
    }

    /**
     * Node's {@code Buffer.from(array)}: one byte per element, each masked with {@code & 255}
     * ({@code 256} becomes 0, {@code -1} becomes 255).
     */
    public static Buffer from(int... bytes) {
        byte[] a = new byte[bytes.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = (byte) bytes[i];
        }
        return new Buffer(a, 0, a.length);
    }

    /** Node's {@code Buffer.of(...items)}: the same as {@link #from(int...)}. */
    public static Buffer of(int... bytes) {
        return from(bytes);
    }

    /** Node's {@code Buffer.from(string)}: the UTF-8 bytes of {@code s} (a lone surrogate as EF BF BD). */
    public static Buffer from(String s) {
        return from(s, Encoding.UTF8);
    }

    /**
     * Node's {@code Buffer.from(string, encoding)}. A null or empty encoding name means UTF-8, as
     * in Node.
     *
     * @throws io.sluice.error.NodeTypeException {@code ERR_UNKNOWN_ENCODING} for an unknown name
     *     (even when {@code s} is empty)
     */
    public static Buffer from(String s, String encoding) {
        return from(s, lenient(encoding));
    }

    /** Node's {@code Buffer.from(string, encoding)}. */
    public static Buffer from(String s, Encoding encoding) {
        if (s.isEmpty()) {
            return new Buffer(EMPTY, 0, 0);
        }
        byte[] bytes = encoding.encode(s);
        return new Buffer(bytes, 0, bytes.length);
    }

    /** Node's {@code Buffer.from(buffer)}: a copy of {@code source}'s bytes. */
    public static Buffer from(Buffer source) {
        return new Buffer(source.toByteArray(), 0, source.length);
    }

    /**
     * A copy of {@code source}'s remaining bytes ({@code position} to {@code limit}); the
     * ByteBuffer's position is not changed. (Node has no ByteBuffer; this plays the part of
     * {@code Buffer.from(typedArray)}.)
     */
    public static Buffer from(ByteBuffer source) {
        byte[] a = new byte[source.remaining()];
        source.get(source.position(), a);
        return new Buffer(a, 0, a.length);
    }

    /**
     * A Buffer over all of {@code array}, sharing it (Node's {@code Buffer.from(arrayBuffer)}):
     * writes through either are visible through the other.
     */
    public static Buffer wrap(byte[] array) {
        return new Buffer(array, 0, array.length);
    }

    /**
     * A Buffer over {@code array[offset, offset + length)}, sharing it, as Node's
     * {@code Buffer.from(arrayBuffer, byteOffset, length)}. As in Node a negative {@code length}
     * gives an empty buffer.
     *
     * @throws io.sluice.error.NodeRangeException {@code ERR_BUFFER_OUT_OF_BOUNDS}
     *     ("\"offset\" is outside of buffer bounds") if {@code offset} is outside the array, or
     *     ("\"length\" is outside of buffer bounds") if the range passes its end
     */
    public static Buffer wrap(byte[] array, int offset, int length) {
        int max = array.length - offset;
        if (offset < 0 || max < 0) {
            throw Errors.bufferOutOfBounds("offset");
        }
        if (length > max) {
            throw Errors.bufferOutOfBounds("length");
        }
        return new Buffer(array, offset, Math.max(length, 0));
    }

    // ------------------------------------------------------------------ copyBytesFrom

    /**
     * Node's {@code Buffer.copyBytesFrom(view)} for an {@code Int8Array}/{@code Uint8Array}: a new
     * buffer holding a copy of every element. See {@link #copyBytesFrom(short[], long, long)}.
     *
     * @throws io.sluice.error.NodeTypeException {@code ERR_INVALID_ARG_TYPE} ("The "view" argument
     *     must be an instance of TypedArray. Received null") if {@code view} is null
     */
    public static Buffer copyBytesFrom(byte[] view) {
        return copyView(view, 0, 0, false, false);
    }

    /** {@code Buffer.copyBytesFrom(view, offset)}: elements from {@code offset} to the end; see {@link #copyBytesFrom(short[], long, long)}. */
    public static Buffer copyBytesFrom(byte[] view, long offset) {
        return copyView(view, offset, 0, true, false);
    }

    /** {@code Buffer.copyBytesFrom(view, offset, length)}; see {@link #copyBytesFrom(short[], long, long)}. */
    public static Buffer copyBytesFrom(byte[] view, long offset, long length) {
        return copyView(view, offset, length, true, true);
    }

    /**
     * Node's {@code Buffer.copyBytesFrom(view)} for an {@code Int16Array}/{@code Uint16Array}:
     * the bytes of every element, little-endian. See {@link #copyBytesFrom(short[], long, long)}.
     *
     * @throws io.sluice.error.NodeTypeException {@code ERR_INVALID_ARG_TYPE} if {@code view} is null
     */
    public static Buffer copyBytesFrom(short[] view) {
        return copyView(view, 0, 0, false, false);
    }

    /** {@code Buffer.copyBytesFrom(view, offset)}: elements from {@code offset} to the end; see {@link #copyBytesFrom(short[], long, long)}. */
    public static Buffer copyBytesFrom(short[] view, long offset) {
        return copyView(view, offset, 0, true, false);
    }

    /**
     * Node's {@code Buffer.copyBytesFrom(view, offset, length)}: a new buffer (never sharing
     * memory with {@code view}) holding the bytes of the elements
     * {@code [offset, min(offset + length, view.length))}; {@code offset} and {@code length}
     * count elements, not bytes. The overloads cover the typed arrays Java has:
     * {@code byte[]} (Int8Array, Uint8Array, Uint8ClampedArray), {@code short[]} (Int16Array,
     * Uint16Array), {@code int[]} (Int32Array, Uint32Array), {@code long[]} (BigInt64Array,
     * BigUint64Array), {@code float[]} (Float32Array) and {@code double[]} (Float64Array).
     *
     * <p>Multi-byte elements are written little-endian, which is what Node gives on the
     * little-endian machines it runs on (x86-64, arm64): a TypedArray holds its elements in
     * platform order and Node copies them raw. Floats are copied bit for bit
     * ({@link Float#floatToRawIntBits}), NaN payloads included.
     *
     * <p>Node's checks, in Node's order: an empty {@code view} gives an empty buffer whatever
     * {@code offset} and {@code length} are; an {@code offset} at or past the end gives an empty
     * buffer without looking at {@code length}; a {@code length} reaching past the end stops at
     * the end.
     *
     * @throws io.sluice.error.NodeTypeException {@code ERR_INVALID_ARG_TYPE} ("The "view" argument
     *     must be an instance of TypedArray. Received null") if {@code view} is null
     * @throws io.sluice.error.NodeRangeException {@code ERR_OUT_OF_RANGE} ("The value of "offset"
     *     is out of range. It must be &gt;= 0 &amp;&amp; &lt;= 9007199254740991. Received -1") if
     *     {@code offset} or {@code length} is negative or above 2^53 - 1 (Node's safe-integer
     *     check; Node's other errors, for non-numbers and fractions, cannot arise in Java);
     *     {@code ERR_BUFFER_TOO_LARGE} if the bytes would exceed {@link #MAX_LENGTH} (a Java
     *     limit: a {@code long[]} of 2^28 elements already does)
     */
    public static Buffer copyBytesFrom(short[] view, long offset, long length) {
        return copyView(view, offset, length, true, true);
    }

    /** {@code Buffer.copyBytesFrom(view)} for an {@code Int32Array}/{@code Uint32Array}, little-endian; see {@link #copyBytesFrom(short[], long, long)}. */
    public static Buffer copyBytesFrom(int[] view) {
        return copyView(view, 0, 0, false, false);
    }

    /** {@code Buffer.copyBytesFrom(view, offset)}; see {@link #copyBytesFrom(short[], long, long)}. */
    public static Buffer copyBytesFrom(int[] view, long offset) {
        return copyView(view, offset, 0, true, false);
    }

    /** {@code Buffer.copyBytesFrom(view, offset, length)}; see {@link #copyBytesFrom(short[], long, long)}. */
    public static Buffer copyBytesFrom(int[] view, long offset, long length) {
        return copyView(view, offset, length, true, true);
    }

    /** {@code Buffer.copyBytesFrom(view)} for a {@code BigInt64Array}/{@code BigUint64Array}, little-endian; see {@link #copyBytesFrom(short[], long, long)}. */
    public static Buffer copyBytesFrom(long[] view) {
        return copyView(view, 0, 0, false, false);
    }

    /** {@code Buffer.copyBytesFrom(view, offset)}; see {@link #copyBytesFrom(short[], long, long)}. */
    public static Buffer copyBytesFrom(long[] view, long offset) {
        return copyView(view, offset, 0, true, false);
    }

    /** {@code Buffer.copyBytesFrom(view, offset, length)}; see {@link #copyBytesFrom(short[], long, long)}. */
    public static Buffer copyBytesFrom(long[] view, long offset, long length) {
        return copyView(view, offset, length, true, true);
    }

    /** {@code Buffer.copyBytesFrom(view)} for a {@code Float32Array}, little-endian, raw bits; see {@link #copyBytesFrom(short[], long, long)}. */
    public static Buffer copyBytesFrom(float[] view) {
        return copyView(view, 0, 0, false, false);
    }

    /** {@code Buffer.copyBytesFrom(view, offset)}; see {@link #copyBytesFrom(short[], long, long)}. */
    public static Buffer copyBytesFrom(float[] view, long offset) {
        return copyView(view, offset, 0, true, false);
    }

    /** {@code Buffer.copyBytesFrom(view, offset, length)}; see {@link #copyBytesFrom(short[], long, long)}. */
    public static Buffer copyBytesFrom(float[] view, long offset, long length) {
        return copyView(view, offset, length, true, true);
    }

    /** {@code Buffer.copyBytesFrom(view)} for a {@code Float64Array}, little-endian, raw bits; see {@link #copyBytesFrom(short[], long, long)}. */
    public static Buffer copyBytesFrom(double[] view) {
        return copyView(view, 0, 0, false, false);
    }

    /** {@code Buffer.copyBytesFrom(view, offset)}; see {@link #copyBytesFrom(short[], long, long)}. */
    public static Buffer copyBytesFrom(double[] view, long offset) {
        return copyView(view, offset, 0, true, false);
    }

    /** {@code Buffer.copyBytesFrom(view, offset, length)}; see {@link #copyBytesFrom(short[], long, long)}. */
    public static Buffer copyBytesFrom(double[] view, long offset, long length) {
        return copyView(view, offset, length, true, true);
    }

    /** Node's {@code validateInteger(value, name, 0)}: 0 to {@code Number.MAX_SAFE_INTEGER}. */
    private static void checkSafeIndex(long value, String name) {
        if (value < 0 || value > 9007199254740991L) {
            throw Errors.outOfRange(name, ">= 0 && <= 9007199254740991", value);
        }
    }

    /**
     * The body of every copyBytesFrom overload, following lib/buffer.js step by step; the
     * {@code has*} flags stand for Node's "argument not undefined", which decides what is checked.
     */
    private static Buffer copyView(Object view, long offset, long length, boolean hasOffset, boolean hasLength) {
        if (view == null) {
            throw Errors.invalidArgType("view", "an instance of TypedArray", null);
        }
        int count = java.lang.reflect.Array.getLength(view);
        if (count == 0) {
            return new Buffer(EMPTY, 0, 0);
        }
        long from = 0;
        long to = count;
        if (hasOffset) {
            checkSafeIndex(offset, "offset");
            if (offset >= count) {
                return new Buffer(EMPTY, 0, 0);
            }
            from = offset;
        }
        if (hasLength) {
            checkSafeIndex(length, "length");
            to = Math.min(count, from + length);
        }
        int start = (int) from;
        int n = (int) (to - from);
        int width = switch (view) {
            case byte[] _ -> 1;
            case short[] _ -> 2;
            case int[] _, float[] _ -> 4;
            default -> 8;
        };
        long size = (long) n * width;
        if (size > MAX_LENGTH) {
            throw new io.sluice.error.NodeRangeException(io.sluice.error.ErrorCodes.ERR_BUFFER_TOO_LARGE,
                    "Cannot create a Buffer larger than " + MAX_LENGTH + " bytes");
        }
        byte[] out = newArray(size);
        // Bulk puts through a little-endian view compile to block copies on little-endian hardware.
        ByteBuffer le = ByteBuffer.wrap(out).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        switch (view) {
            case byte[] a -> System.arraycopy(a, start, out, 0, n);
            case short[] a -> le.asShortBuffer().put(a, start, n);
            case int[] a -> le.asIntBuffer().put(a, start, n);
            case long[] a -> le.asLongBuffer().put(a, start, n);
            case float[] a -> le.asFloatBuffer().put(a, start, n);
            case double[] a -> le.asDoubleBuffer().put(a, start, n);
            default -> throw new AssertionError(view.getClass());
        }
        return new Buffer(out, 0, out.length);
    }

    // ------------------------------------------------------------------ static utilities

    /**
     * Node's {@code Buffer.concat(list)}: a new buffer holding the buffers of {@code list} one
     * after the other (always a copy, even for one element).
     *
     * @throws io.sluice.error.NodeTypeException {@code ERR_INVALID_ARG_TYPE} ("The "list[1]"
     *     argument must be an instance of Buffer or Uint8Array. Received null") for a null element
     *     (Node's error with a totalLength; without one Node fails with a TypeError that has no
     *     code), and for a null list
     */
    public static Buffer concat(List<Buffer> list) {
        requireList(list);
        long total = 0;
        for (int i = 0; i < list.size(); i++) {
            total += element(list, i).length;
        }
        return concat(list, total);
    }

    /**
     * Node's {@code Buffer.concat(list, totalLength)}: the result has exactly
     * {@code totalLength} bytes, truncating the concatenation or padding it with zeros. As in
     * Node, an empty list gives an empty buffer whatever {@code totalLength} is.
     *
     * @throws io.sluice.error.NodeRangeException {@code ERR_OUT_OF_RANGE} if {@code totalLength}
     *     is negative or above {@link #MAX_LENGTH}
     * @throws io.sluice.error.NodeTypeException {@code ERR_INVALID_ARG_TYPE} for a null element
     */
    public static Buffer concat(List<Buffer> list, long totalLength) {
        requireList(list);
        if (list.isEmpty()) {
            return new Buffer(EMPTY, 0, 0);
        }
        Bounds.checkOffset(totalLength, "length", MAX_LENGTH);
        byte[] out = newArray(totalLength);
        int pos = 0;
        for (int i = 0; i < list.size(); i++) {
            Buffer b = element(list, i);
            int n = Math.min(b.length, out.length - pos);
            System.arraycopy(b.array, b.offset, out, pos, n);
            pos += n;
        }
        return new Buffer(out, 0, out.length);
    }

    private static void requireList(List<Buffer> list) {
        if (list == null) {
            throw Errors.invalidArgType("list", "an instance of Array", null);
        }
    }

    private static Buffer element(List<Buffer> list, int i) {
        Buffer b = list.get(i);
        if (b == null) {
            throw Errors.invalidArgType("list[" + i + "]", "an instance of Buffer or Uint8Array", null);
        }
        return b;
    }

    /** Node's {@code Buffer.byteLength(string)}: the UTF-8 length of {@code s}. */
    public static int byteLength(String s) {
        return byteLength(s, Encoding.UTF8);
    }

    /**
     * Node's {@code Buffer.byteLength(string, encoding)}. As in Node, an unknown, null or empty
     * encoding name counts UTF-8 bytes instead of throwing. For base64 the result is Node's
     * estimate from the length, which over-counts whitespace and junk.
     */
    public static int byteLength(String s, String encoding) {
        Encoding e = Encoding.isEncoding(encoding) ? Encoding.of(encoding) : Encoding.UTF8;
        return byteLength(s, e);
    }

    /** Node's {@code Buffer.byteLength(string, encoding)}. */
    public static int byteLength(String s, Encoding encoding) {
        return s.isEmpty() ? 0 : encoding.byteLength(s);
    }

    /** Node's {@code Buffer.byteLength(buffer)}: its length. */
    public static int byteLength(Buffer b) {
        return b.length;
    }

    /**
     * Node's {@code Buffer.compare(a, b)}: -1, 0 or 1 comparing the bytes as unsigned values,
     * a proper prefix ordering first. Usable as a {@code Comparator<Buffer>}.
     */
    public static int compare(Buffer a, Buffer b) {
        return Integer.signum(Arrays.compareUnsigned(a.array, a.offset, a.offset + a.length,
                b.array, b.offset, b.offset + b.length));
    }

    /** Node's {@code Buffer.isBuffer(obj)}: whether {@code obj} is a Buffer. */
    public static boolean isBuffer(Object obj) {
        return obj instanceof Buffer;
    }

    /** Node's {@code Buffer.isEncoding(name)}; false for null and for {@code "buffer"}. */
    public static boolean isEncoding(String name) {
        return Encoding.isEncoding(name);
    }

    /**
     * Node's {@code buffer.isUtf8(input)}: whether the bytes are well-formed UTF-8 (no overlong
     * forms, surrogates or code points above U+10FFFF). True for an empty buffer.
     */
    public static boolean isUtf8(Buffer b) {
        return TextChecks.isUtf8(b.array, b.offset, b.length);
    }

    /** Node's {@code buffer.isAscii(input)}: whether every byte is below 0x80. */
    public static boolean isAscii(Buffer b) {
        return TextChecks.isAscii(b.array, b.offset, b.length);
    }

    /**
     * Node's {@code buffer.transcode(source, fromEnc, toEnc)}: a new buffer with {@code source}
     * re-encoded, following Node's (ICU's) rules, which are not those of
     * {@code toString}/{@code from}: characters that latin1 or ascii cannot hold become
     * {@code '?'}, ascii bytes above 0x7F are invalid (U+FFFD, or {@code '?'}), and
     * {@code utf8 -> utf16le} and {@code utf16le -> utf8} reject ill-formed input. An empty source
     * gives an empty buffer without looking at the encodings.
     *
     * @throws io.sluice.error.NodeException code {@code U_ILLEGAL_ARGUMENT_ERROR} ("Unable to
     *     transcode Buffer [U_ILLEGAL_ARGUMENT_ERROR]") when either encoding is not utf8,
     *     utf16le/ucs2, latin1/binary or ascii (unknown names included); code
     *     {@code U_INVALID_CHAR_FOUND} for ill-formed input to a strict conversion. Node's
     *     {@code errno} property has no equivalent.
     */
    public static Buffer transcode(Buffer source, String fromEncoding, String toEncoding) {
        if (source.length == 0) {
            return alloc(0);
        }
        return transcode(source, forTranscode(fromEncoding), forTranscode(toEncoding));
    }

    /** As {@link #transcode(Buffer, String, String)} with {@link Encoding}s. */
    public static Buffer transcode(Buffer source, Encoding fromEncoding, Encoding toEncoding) {
        if (source.length == 0) {
            return alloc(0);
        }
        if (fromEncoding == null || toEncoding == null) {
            throw Transcoder.failure("U_ILLEGAL_ARGUMENT_ERROR");
        }
        byte[] out = Transcoder.transcode(source.array, source.offset, source.length, fromEncoding, toEncoding);
        return new Buffer(out, 0, out.length);
    }

    private static Encoding forTranscode(String name) {
        if (name == null || name.isEmpty()) {
            return Encoding.UTF8;
        }
        return Encoding.isEncoding(name) ? Encoding.of(name) : null;
    }

    /** Null or "" means UTF-8, as Node's {@code write}, {@code fill} and {@code from} treat them. */
    private static Encoding lenient(String encoding) {
        return encoding == null || encoding.isEmpty() ? Encoding.UTF8 : Encoding.of(encoding);
    }

    // ------------------------------------------------------------------ basics

    /** Node's {@code buf.length}: the number of bytes. */
    public int length() {
        return length;
    }

    /** Node's {@code buf.byteOffset}: where this view starts in its backing array. */
    public int byteOffset() {
        return offset;
    }

    /**
     * Node's {@code buf[index]}: the byte at {@code index} as an unsigned value 0..255.
     *
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, length)} (Node
     *     returns {@code undefined})
     */
    public int get(int index) {
        return array[offset + Objects.checkIndex(index, length)] & 0xFF;
    }

    /**
     * Node's {@code buf[index] = value}: stores {@code value & 255} (values wrap modulo 256).
     *
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, length)} (Node
     *     ignores the write)
     */
    public void set(int index, int value) {
        array[offset + Objects.checkIndex(index, length)] = (byte) value;
    }

    /** A copy of the bytes. */
    public byte[] toByteArray() {
        return Arrays.copyOfRange(array, offset, offset + length);
    }

    /**
     * A {@link ByteBuffer} sharing this buffer's bytes: position 0, limit and capacity
     * {@code length()}, big-endian, writable. Its {@code array()}/{@code arrayOffset()} reach the
     * whole backing array, which for a pooled {@link #allocUnsafe} buffer includes other buffers'
     * bytes, like Node's {@code buf.buffer}.
     */
    public ByteBuffer asByteBuffer() {
        return ByteBuffer.wrap(array, offset, length).slice();
    }

    // ------------------------------------------------------------------ toString

    /**
     * Node's {@code buf.toString()}: the bytes decoded as UTF-8, ill-formed sequences becoming
     * U+FFFD. This is deliberately Node's contract rather than a debug form; use
     * {@link #inspect()} for {@code <Buffer 01 02>}.
     */
    @Override
    public String toString() {
        return Encoding.UTF8.decode(array, offset, length);
    }

    /**
     * Node's {@code buf.toString(encoding)}. As in Node, an empty buffer returns {@code ""}
     * without looking at the encoding; null means UTF-8.
     *
     * @throws io.sluice.error.NodeTypeException {@code ERR_UNKNOWN_ENCODING} for an unknown name
     *     (including {@code ""})
     */
    public String toString(String encoding) {
        return toString(encoding, 0, length);
    }

    /** Node's {@code buf.toString(encoding)}. */
    public String toString(Encoding encoding) {
        return toString(encoding, 0, length);
    }

    /** Node's {@code buf.toString(encoding, start)}: from {@code start} to the end; see {@link #toString(String, int, int)}. */
    public String toString(String encoding, int start) {
        return toString(encoding, start, length);
    }

    /** Node's {@code buf.toString(encoding, start)}. */
    public String toString(Encoding encoding, int start) {
        return toString(encoding, start, length);
    }

    /**
     * Node's {@code buf.toString(encoding, start, end)} with Node's clamping: a negative
     * {@code start} is 0, an {@code end} past the length is the length, and an empty range
     * (including {@code start >= length}) returns {@code ""} before the encoding is looked at.
     *
     * @throws io.sluice.error.NodeTypeException {@code ERR_UNKNOWN_ENCODING} for an unknown name
     */
    public String toString(String encoding, int start, int end) {
        long range = range(start, end);
        if (range < 0) {
            return "";
        }
        return decode(encoding == null ? Encoding.UTF8 : Encoding.of(encoding), range);
    }

    /** Node's {@code buf.toString(encoding, start, end)}; see {@link #toString(String, int, int)}. */
    public String toString(Encoding encoding, int start, int end) {
        long range = range(start, end);
        return range < 0 ? "" : decode(encoding, range);
    }

    /** (start << 32 | end) after Node's clamping, or -1 for an empty range. */
    private long range(int start, int end) {
        if (start >= length) {
            return -1;
        }
        start = Math.max(start, 0);
        end = Math.min(end, length);
        return end <= start ? -1 : ((long) start << 32) | end;
    }

    private String decode(Encoding encoding, long range) {
        int start = (int) (range >>> 32);
        int end = (int) range;
        return encoding.decode(array, offset + start, end - start);
    }

    /**
     * Node's {@code buf.inspect()}: {@code <Buffer 01 02 ff>}, at most {@link #INSPECT_MAX_BYTES}
     * bytes followed by {@code " ... 10 more bytes"}. A debug form; {@link #toString()} decodes.
     */
    public String inspect() {
        StringBuilder sb = new StringBuilder("<Buffer ");
        int shown = Math.min(length, INSPECT_MAX_BYTES);
        for (int i = 0; i < shown; i++) {
            int b = array[offset + i] & 0xFF;
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 15, 16));
        }
        if (length > shown) {
            int more = length - shown;
            sb.append(" ... ").append(more).append(more == 1 ? " more byte" : " more bytes");
        }
        return sb.append('>').toString();
    }

    /** Node's {@code JSON.stringify(buf)}: {@code {"type":"Buffer","data":[1,2,3]}}. */
    public String toJSON() {
        StringBuilder sb = new StringBuilder(28 + length * 4).append("{\"type\":\"Buffer\",\"data\":[");
        for (int i = 0; i < length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(array[offset + i] & 0xFF);
        }
        return sb.append("]}").toString();
    }

    // ------------------------------------------------------------------ write

    /**
     * Node's {@code buf.write(string)}: writes {@code s} as UTF-8 from offset 0, never a partial
     * character.
     *
     * @return the number of bytes written
     */
    public int write(String s) {
        return Encoding.UTF8.encode(s, array, offset, length);
    }

    /**
     * Node's {@code buf.write(string, encoding)}: from offset 0 (null or {@code ""} means UTF-8).
     *
     * @throws io.sluice.error.NodeTypeException {@code ERR_UNKNOWN_ENCODING}
     */
    public int write(String s, String encoding) {
        return lenient(encoding).encode(s, array, offset, length);
    }

    /** Node's {@code buf.write(string, encoding)}. */
    public int write(String s, Encoding encoding) {
        return encoding.encode(s, array, offset, length);
    }

    /**
     * Node's {@code buf.write(string, offset)}: UTF-8 from {@code offset} to the end. An offset
     * equal to the length writes nothing.
     *
     * @throws io.sluice.error.NodeRangeException {@code ERR_OUT_OF_RANGE} ("The value of "offset"
     *     is out of range. It must be &gt;= 0 &amp;&amp; &lt;= 9. Received 10") if {@code offset}
     *     is outside {@code [0, length]}
     */
    public int write(String s, int offset) {
        return write(s, offset, Encoding.UTF8);
    }

    /** Node's {@code buf.write(string, offset, encoding)}; errors as {@link #write(String, int, int, String)}. */
    public int write(String s, int offset, String encoding) {
        Bounds.checkOffset(offset, "offset", length);
        return lenient(encoding).encode(s, array, this.offset + offset, length - offset);
    }

    /** Node's {@code buf.write(string, offset, encoding)}. */
    public int write(String s, int offset, Encoding encoding) {
        Bounds.checkOffset(offset, "offset", length);
        return encoding.encode(s, array, this.offset + offset, length - offset);
    }

    /** Node's {@code buf.write(string, offset, length)} in UTF-8; see {@link #write(String, int, int, String)}. */
    public int write(String s, int offset, int length) {
        return write(s, offset, length, Encoding.UTF8);
    }

    /**
     * Node's {@code buf.write(string, offset, length, encoding)}: writes at most {@code length}
     * bytes (and at most up to the end) of {@code s} encoded, never a partial character; for hex,
     * stops at the first invalid pair.
     *
     * @return the number of bytes written
     * @throws io.sluice.error.NodeRangeException {@code ERR_OUT_OF_RANGE} if {@code offset} or
     *     {@code length} is outside {@code [0, buf.length()]}, checked before the encoding
     * @throws io.sluice.error.NodeTypeException {@code ERR_UNKNOWN_ENCODING}
     */
    public int write(String s, int offset, int length, String encoding) {
        int max = writable(offset, length);
        return lenient(encoding).encode(s, array, this.offset + offset, max);
    }

    /** Node's {@code buf.write(string, offset, length, encoding)}. */
    public int write(String s, int offset, int length, Encoding encoding) {
        int max = writable(offset, length);
        return encoding.encode(s, array, this.offset + offset, max);
    }

    private int writable(int offset, int maxLength) {
        Bounds.checkOffset(offset, "offset", length);
        Bounds.checkOffset(maxLength, "length", length);
        return Math.min(maxLength, length - offset);
    }

    // ------------------------------------------------------------------ fill

    /** Node's {@code buf.fill(value)}: every byte becomes {@code value & 255}. Returns this. */
    public Buffer fill(int value) {
        Arrays.fill(array, offset, offset + length, (byte) value);
        return this;
    }

    /** Node's {@code buf.fill(value, offset)}; see {@link #fill(int, int, int)}. */
    public Buffer fill(int value, int offset) {
        return fill(value, offset, length);
    }

    /**
     * Node's {@code buf.fill(value, offset, end)}: bytes {@code [offset, end)} become
     * {@code value & 255}. Nothing happens if {@code offset >= end}. Returns this.
     *
     * @throws io.sluice.error.NodeRangeException {@code ERR_OUT_OF_RANGE} if {@code offset} is
     *     negative ("It must be &gt;= 0 &amp;&amp; &lt;= MAX_LENGTH") or {@code end} is outside
     *     {@code [0, length]}
     */
    public Buffer fill(int value, int offset, int end) {
        if (fillRange(offset, end)) {
            Arrays.fill(array, this.offset + offset, this.offset + end, (byte) value);
        }
        return this;
    }

    /** Node's {@code buf.fill(string)}: UTF-8; see {@link #fill(String, int, int, Encoding)}. */
    public Buffer fill(String value) {
        return fill(value, 0, length, Encoding.UTF8);
    }

    /** Node's {@code buf.fill(string, encoding)}; null or {@code ""} means UTF-8. */
    public Buffer fill(String value, String encoding) {
        return fill(value, 0, length, lenient(encoding));
    }

    /** Node's {@code buf.fill(string, encoding)}. */
    public Buffer fill(String value, Encoding encoding) {
        return fill(value, 0, length, encoding);
    }

    /** Node's {@code buf.fill(string, offset)}: UTF-8 from {@code offset} to the end. */
    public Buffer fill(String value, int offset) {
        return fill(value, offset, length, Encoding.UTF8);
    }

    /** Node's {@code buf.fill(string, offset, encoding)}: from {@code offset} to the end. */
    public Buffer fill(String value, int offset, String encoding) {
        return fill(value, offset, length, lenient(encoding));
    }

    /** Node's {@code buf.fill(string, offset, encoding)}. */
    public Buffer fill(String value, int offset, Encoding encoding) {
        return fill(value, offset, length, encoding);
    }

    /** Node's {@code buf.fill(string, offset, end)} in UTF-8. */
    public Buffer fill(String value, int offset, int end) {
        return fill(value, offset, end, Encoding.UTF8);
    }

    /**
     * Node's {@code buf.fill(string, offset, end, encoding)}: the encoded bytes of {@code value}
     * repeated over {@code [offset, end)}, the last repetition cut at {@code end} even
     * mid-character. An empty string fills with zeros. The encoding is checked first, then the
     * range, then the value (so an invalid value over an empty range is not an error). Returns
     * this.
     *
     * @throws io.sluice.error.NodeTypeException {@code ERR_UNKNOWN_ENCODING};
     *     {@code ERR_INVALID_ARG_VALUE} ("The argument 'value' is invalid. Received 'zz'") when a
     *     non-empty {@code value} encodes to no bytes (invalid hex, base64 {@code "="})
     * @throws io.sluice.error.NodeRangeException {@code ERR_OUT_OF_RANGE} for a negative
     *     {@code offset} or an {@code end} outside {@code [0, length]}
     */
    public Buffer fill(String value, int offset, int end, String encoding) {
        return fill(value, offset, end, lenient(encoding));
    }

    /** Node's {@code buf.fill(string, offset, end, encoding)}; see {@link #fill(String, int, int, String)}. */
    public Buffer fill(String value, int offset, int end, Encoding encoding) {
        Objects.requireNonNull(encoding, "encoding");
        if (!fillRange(offset, end)) {
            return this;
        }
        if (value.isEmpty()) {
            Arrays.fill(array, this.offset + offset, this.offset + end, (byte) 0);
            return this;
        }
        byte[] pattern = encoding.encode(value);
        if (pattern.length == 0) {
            throw Errors.invalidArgValue("value", value);
        }
        repeat(pattern, pattern.length, offset, end);
        return this;
    }

    /** Node's {@code buf.fill(buffer)}: {@code value}'s bytes repeated over the whole buffer. */
    public Buffer fill(Buffer value) {
        return fill(value, 0, length);
    }

    /** Node's {@code buf.fill(buffer, offset)}: from {@code offset} to the end. */
    public Buffer fill(Buffer value, int offset) {
        return fill(value, offset, length);
    }

    /**
     * Node's {@code buf.fill(buffer, offset, end)}: {@code value}'s bytes repeated over
     * {@code [offset, end)}. {@code value} may share memory with this buffer. Returns this.
     *
     * @throws io.sluice.error.NodeTypeException {@code ERR_INVALID_ARG_VALUE} ("The argument
     *     'value' is invalid. Received &lt;Buffer &gt;") if {@code value} is empty and the range
     *     is not
     * @throws io.sluice.error.NodeRangeException {@code ERR_OUT_OF_RANGE} for a bad range
     */
    public Buffer fill(Buffer value, int offset, int end) {
        Objects.requireNonNull(value, "value");
        if (!fillRange(offset, end)) {
            return this;
        }
        if (value.length == 0) {
            throw Errors.invalidArgValue("value", new Inspected(value.inspect()));
        }
        // Copy the pattern out first: it may overlap the range being filled.
        int n = Math.min(value.length, end - offset);
        byte[] pattern = Arrays.copyOfRange(value.array, value.offset, value.offset + n);
        repeat(pattern, n, offset, end);
        return this;
    }

    /** Validates a fill range as Node's {@code _fill}; false when it is empty. */
    private boolean fillRange(int offset, int end) {
        Bounds.checkOffset(offset, "offset", MAX_LENGTH);
        Bounds.checkOffset(end, "end", length);
        return offset < end;
    }

    /** Writes {@code pattern[0, n)} at {@code start}, then doubles the filled run until {@code end}. */
    private void repeat(byte[] pattern, int n, int start, int end) {
        int from = offset + start;
        int total = end - start;
        int done = Math.min(n, total);
        System.arraycopy(pattern, 0, array, from, done);
        while (done < total) {
            int chunk = Math.min(done, total - done);
            System.arraycopy(array, from, array, from + done, chunk);
            done += chunk;
        }
    }

    /** Renders as Node's {@code util.inspect} would in an error message. */
    private record Inspected(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    // ------------------------------------------------------------------ views

    /** Node's {@code buf.subarray()}: a view of the whole buffer, sharing memory. */
    public Buffer subarray() {
        return this.subarray(0, length);
    }

    /** Node's {@code buf.subarray(start)}: from {@code start} (negative counts from the end) to the end. */
    public Buffer subarray(int start) {
        return subarray(start, length);
    }

    /**
     * Node's {@code buf.subarray(start, end)}: a view of {@code [start, end)} sharing this
     * buffer's memory. Negative indices count from the end, both are clamped to
     * {@code [0, length]}, and {@code start >= end} gives an empty buffer. Never throws.
     */
    public Buffer subarray(int start, int end) {
        int s = clampIndex(start);
        int e = clampIndex(end);
        return new Buffer(array, offset + s, Math.max(e - s, 0));
    }

    private int clampIndex(int i) {
        if (i < 0) {
            return Math.max(length + i, 0);
        }
        return Math.min(i, length);
    }

    /** Node's {@code buf.slice()}: the same as {@link #subarray()} (shares memory). */
    public Buffer slice() {
        return subarray(0, length);
    }

    /** Node's {@code buf.slice(start)}: the same as {@link #subarray(int)} (shares memory). */
    public Buffer slice(int start) {
        return subarray(start, length);
    }

    /**
     * Node's {@code buf.slice(start, end)}: the same as {@link #subarray(int, int)}. It shares
     * memory, unlike {@code Array.prototype.slice}; Node deprecates the name for that reason.
     */
    public Buffer slice(int start, int end) {
        return subarray(start, end);
    }

    // ------------------------------------------------------------------ copy / compare / equals

    /** Node's {@code buf.copy(target)}: as much of this buffer as fits at the start of {@code target}. */
    public int copy(Buffer target) {
        return copy(target, 0, 0, length);
    }

    /** Node's {@code buf.copy(target, targetStart)}; see {@link #copy(Buffer, int, int, int)}. */
    public int copy(Buffer target, int targetStart) {
        return copy(target, targetStart, 0, length);
    }

    /** Node's {@code buf.copy(target, targetStart, sourceStart)}; see {@link #copy(Buffer, int, int, int)}. */
    public int copy(Buffer target, int targetStart, int sourceStart) {
        return copy(target, targetStart, sourceStart, length);
    }

    /**
     * Node's {@code buf.copy(target, targetStart, sourceStart, sourceEnd)}: copies bytes
     * {@code [sourceStart, sourceEnd)} to {@code target} at {@code targetStart}, as many as fit.
     * Overlapping ranges (the same or shared memory) behave like {@code memmove}. A
     * {@code targetStart} past the target's end or an empty source range copies nothing.
     *
     * @return the number of bytes copied
     * @throws io.sluice.error.NodeTypeException {@code ERR_INVALID_ARG_TYPE} if {@code target} is
     *     null
     * @throws io.sluice.error.NodeRangeException {@code ERR_OUT_OF_RANGE} if {@code targetStart}
     *     or {@code sourceEnd} is negative ("It must be &gt;= 0"), or {@code sourceStart} is
     *     outside {@code [0, length]}
     */
    public int copy(Buffer target, int targetStart, int sourceStart, int sourceEnd) {
        requireBuffer(target, "target");
        Bounds.checkNonNegative(targetStart, "targetStart");
        Bounds.checkOffset(sourceStart, "sourceStart", length);
        Bounds.checkNonNegative(sourceEnd, "sourceEnd");
        if (targetStart >= target.length || sourceStart >= sourceEnd) {
            return 0;
        }
        int n = Math.min(Math.min(sourceEnd, length) - sourceStart, target.length - targetStart);
        if (n <= 0) {
            return 0;
        }
        System.arraycopy(array, offset + sourceStart, target.array, target.offset + targetStart, n);
        return n;
    }

    private static void requireBuffer(Buffer b, String name) {
        if (b == null) {
            throw Errors.invalidArgType(name, "an instance of Buffer or Uint8Array", null);
        }
    }

    /**
     * Node's {@code buf.compare(target)}: -1, 0 or 1 as this buffer sorts before, equal to or
     * after {@code target} (unsigned bytes, then length).
     *
     * @throws io.sluice.error.NodeTypeException {@code ERR_INVALID_ARG_TYPE} if {@code target} is null
     */
    public int compare(Buffer target) {
        requireBuffer(target, "target");
        return compare(this, target);
    }

    /** Node's {@code buf.compare(target, targetStart)}; see {@link #compare(Buffer, int, int, int, int)}. */
    public int compare(Buffer target, int targetStart) {
        requireBuffer(target, "target");
        return compare(target, targetStart, target.length, 0, length);
    }

    /** Node's {@code buf.compare(target, targetStart, targetEnd)}; see {@link #compare(Buffer, int, int, int, int)}. */
    public int compare(Buffer target, int targetStart, int targetEnd) {
        return compare(target, targetStart, targetEnd, 0, length);
    }

    /** Node's {@code buf.compare(target, targetStart, targetEnd, sourceStart)}; see {@link #compare(Buffer, int, int, int, int)}. */
    public int compare(Buffer target, int targetStart, int targetEnd, int sourceStart) {
        return compare(target, targetStart, targetEnd, sourceStart, length);
    }

    /**
     * Node's {@code buf.compare(target, targetStart, targetEnd, sourceStart, sourceEnd)}: compares
     * this buffer's {@code [sourceStart, sourceEnd)} with {@code target}'s
     * {@code [targetStart, targetEnd)}. An empty source range gives 0 if the target range is
     * empty too, else -1; an empty target range gives 1.
     *
     * @throws io.sluice.error.NodeTypeException {@code ERR_INVALID_ARG_TYPE} if {@code target} is null
     * @throws io.sluice.error.NodeRangeException {@code ERR_OUT_OF_RANGE} if a start is negative
     *     or above {@link #MAX_LENGTH}, or an end is outside {@code [0, its buffer's length]}
     */
    public int compare(Buffer target, int targetStart, int targetEnd, int sourceStart, int sourceEnd) {
        requireBuffer(target, "target");
        Bounds.checkOffset(targetStart, "targetStart", MAX_LENGTH);
        Bounds.checkOffset(targetEnd, "targetEnd", target.length);
        Bounds.checkOffset(sourceStart, "sourceStart", MAX_LENGTH);
        Bounds.checkOffset(sourceEnd, "sourceEnd", length);
        if (sourceStart >= sourceEnd) {
            return targetStart >= targetEnd ? 0 : -1;
        }
        if (targetStart >= targetEnd) {
            return 1;
        }
        return Integer.signum(Arrays.compareUnsigned(array, offset + sourceStart, offset + sourceEnd,
                target.array, target.offset + targetStart, target.offset + targetEnd));
    }

    /** {@link Comparable}: the same order as {@link #compare(Buffer, Buffer)}. */
    @Override
    public int compareTo(Buffer other) {
        return compare(this, other);
    }

    /**
     * Node's {@code buf.equals(other)}: whether {@code o} is a Buffer with the same bytes. Unlike
     * Node, a non-Buffer argument gives false instead of {@code ERR_INVALID_ARG_TYPE}.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Buffer b && Arrays.equals(array, offset, offset + length,
                b.array, b.offset, b.offset + b.length);
    }

    /**
     * A hash of the current bytes, consistent with {@link #equals}. A Buffer is mutable: do not
     * change one while it is a key in a hash-based collection.
     */
    @Override
    public int hashCode() {
        int h = 1;
        for (int i = offset, end = offset + length; i < end; i++) {
            h = 31 * h + array[i];
        }
        return h;
    }

    // ------------------------------------------------------------------ search

    /** Node's {@code buf.indexOf(buffer)}: the first index where {@code value}'s bytes occur, or -1. */
    public int indexOf(Buffer value) {
        return searchBuffer(value, 0, Encoding.UTF8, true);
    }

    /**
     * Node's {@code buf.indexOf(buffer, byteOffset)}: the first match at or after
     * {@code byteOffset}; a negative offset counts from the end. An empty {@code value} returns
     * the offset clamped to {@code [0, length]}.
     *
     * @throws io.sluice.error.NodeTypeException {@code ERR_INVALID_ARG_TYPE} if {@code value} is null
     */
    public int indexOf(Buffer value, long byteOffset) {
        return searchBuffer(value, byteOffset, Encoding.UTF8, true);
    }

    /**
     * Node's {@code buf.indexOf(buffer, encoding)}. The encoding matters only for UTF-16
     * ({@code "ucs2"}/{@code "utf16le"}): then the search goes by 16-bit units, so matches start
     * at even indices only and an odd last byte of either side is ignored. An unknown name means
     * UTF-8 here, as in Node.
     *
     * <p>Differs from Node 20 in one case, a Node defect: a UTF-16 search that finds nothing in a
     * buffer of odd length returns -1 here, where Node returns {@code length - 1} (and
     * {@code includes} true). Node also never returns from a UTF-16 search in a buffer that starts at
     * an odd memory offset; Sluice has no such case.
     */
    public int indexOf(Buffer value, String encoding) {
        return searchBuffer(value, 0, bufferEncoding(encoding), true);
    }

    /** Node's {@code buf.indexOf(buffer, byteOffset, encoding)}; see {@link #indexOf(Buffer, String)}. */
    public int indexOf(Buffer value, long byteOffset, String encoding) {
        return searchBuffer(value, byteOffset, bufferEncoding(encoding), true);
    }

    /** Node's {@code buf.indexOf(buffer, encoding)}; see {@link #indexOf(Buffer, String)}. */
    public int indexOf(Buffer value, Encoding encoding) {
        return searchBuffer(value, 0, encoding, true);
    }

    /** Node's {@code buf.indexOf(buffer, byteOffset, encoding)}; see {@link #indexOf(Buffer, String)}. */
    public int indexOf(Buffer value, long byteOffset, Encoding encoding) {
        return searchBuffer(value, byteOffset, encoding, true);
    }

    /** Node's {@code buf.indexOf(string)}: the first index of {@code value}'s UTF-8 bytes, or -1. */
    public int indexOf(String value) {
        return searchString(value, 0, Encoding.UTF8, true);
    }

    /**
     * Node's {@code buf.indexOf(string, byteOffset)}: from {@code byteOffset} (negative counts
     * from the end). {@code ""} returns the clamped offset. As in Node, a lone surrogate in the
     * needle is searched as its 3-byte form (ED A0 80 for U+D800), not as EF BF BD.
     */
    public int indexOf(String value, long byteOffset) {
        return searchString(value, byteOffset, Encoding.UTF8, true);
    }

    /**
     * Node's {@code buf.indexOf(string, encoding)}: searches for {@code value} encoded with
     * {@code encoding}; with UTF-16 the search goes by 16-bit units as for
     * {@link #indexOf(Buffer, String)}.
     *
     * @throws io.sluice.error.NodeTypeException {@code ERR_UNKNOWN_ENCODING} (also for {@code ""})
     */
    public int indexOf(String value, String encoding) {
        return searchString(value, 0, stringEncoding(encoding), true);
    }

    /** Node's {@code buf.indexOf(string, byteOffset, encoding)}; see {@link #indexOf(String, String)}. */
    public int indexOf(String value, long byteOffset, String encoding) {
        return searchString(value, byteOffset, stringEncoding(encoding), true);
    }

    /** Node's {@code buf.indexOf(string, encoding)}. */
    public int indexOf(String value, Encoding encoding) {
        return searchString(value, 0, encoding, true);
    }

    /** Node's {@code buf.indexOf(string, byteOffset, encoding)}. */
    public int indexOf(String value, long byteOffset, Encoding encoding) {
        return searchString(value, byteOffset, encoding, true);
    }

    /** Node's {@code buf.indexOf(number)}: the first index of the byte {@code value & 255}, or -1. */
    public int indexOf(int value) {
        return ByteSearch.searchByte(array, offset, length, value, 0, true);
    }

    /** Node's {@code buf.indexOf(number, byteOffset)}: from {@code byteOffset} (negative counts from the end). */
    public int indexOf(int value, long byteOffset) {
        return ByteSearch.searchByte(array, offset, length, value, byteOffset, true);
    }

    /** Node's {@code buf.lastIndexOf(buffer)}: the last index where {@code value} occurs, or -1; an empty value gives {@code length()}. */
    public int lastIndexOf(Buffer value) {
        return searchBuffer(value, length, Encoding.UTF8, false);
    }

    /**
     * Node's {@code buf.lastIndexOf(buffer, byteOffset)}: the last match starting at or before
     * {@code byteOffset}; a negative offset counts from the end, and one before the start finds
     * nothing.
     */
    public int lastIndexOf(Buffer value, long byteOffset) {
        return searchBuffer(value, byteOffset, Encoding.UTF8, false);
    }

    /** Node's {@code buf.lastIndexOf(buffer, encoding)}; see {@link #indexOf(Buffer, String)} for the encoding. */
    public int lastIndexOf(Buffer value, String encoding) {
        return searchBuffer(value, length, bufferEncoding(encoding), false);
    }

    /** Node's {@code buf.lastIndexOf(buffer, byteOffset, encoding)}. */
    public int lastIndexOf(Buffer value, long byteOffset, String encoding) {
        return searchBuffer(value, byteOffset, bufferEncoding(encoding), false);
    }

    /** Node's {@code buf.lastIndexOf(buffer, encoding)}. */
    public int lastIndexOf(Buffer value, Encoding encoding) {
        return searchBuffer(value, length, encoding, false);
    }

    /** Node's {@code buf.lastIndexOf(buffer, byteOffset, encoding)}. */
    public int lastIndexOf(Buffer value, long byteOffset, Encoding encoding) {
        return searchBuffer(value, byteOffset, encoding, false);
    }

    /** Node's {@code buf.lastIndexOf(string)}: the last index of {@code value}'s UTF-8 bytes, or -1. */
    public int lastIndexOf(String value) {
        return searchString(value, length, Encoding.UTF8, false);
    }

    /** Node's {@code buf.lastIndexOf(string, byteOffset)}; see {@link #lastIndexOf(Buffer, long)}. */
    public int lastIndexOf(String value, long byteOffset) {
        return searchString(value, byteOffset, Encoding.UTF8, false);
    }

    /**
     * Node's {@code buf.lastIndexOf(string, encoding)}.
     *
     * @throws io.sluice.error.NodeTypeException {@code ERR_UNKNOWN_ENCODING}
     */
    public int lastIndexOf(String value, String encoding) {
        return searchString(value, length, stringEncoding(encoding), false);
    }

    /** Node's {@code buf.lastIndexOf(string, byteOffset, encoding)}. */
    public int lastIndexOf(String value, long byteOffset, String encoding) {
        return searchString(value, byteOffset, stringEncoding(encoding), false);
    }

    /** Node's {@code buf.lastIndexOf(string, encoding)}. */
    public int lastIndexOf(String value, Encoding encoding) {
        return searchString(value, length, encoding, false);
    }

    /** Node's {@code buf.lastIndexOf(string, byteOffset, encoding)}. */
    public int lastIndexOf(String value, long byteOffset, Encoding encoding) {
        return searchString(value, byteOffset, encoding, false);
    }

    /** Node's {@code buf.lastIndexOf(number)}: the last index of the byte {@code value & 255}, or -1. */
    public int lastIndexOf(int value) {
        return ByteSearch.searchByte(array, offset, length, value, length, false);
    }

    /** Node's {@code buf.lastIndexOf(number, byteOffset)}: at or before {@code byteOffset}. */
    public int lastIndexOf(int value, long byteOffset) {
        return ByteSearch.searchByte(array, offset, length, value, byteOffset, false);
    }

    /** Node's {@code buf.includes(buffer)}: {@code indexOf(value) != -1}. */
    public boolean includes(Buffer value) {
        return indexOf(value) != -1;
    }

    /** Node's {@code buf.includes(buffer, byteOffset)}. */
    public boolean includes(Buffer value, long byteOffset) {
        return indexOf(value, byteOffset) != -1;
    }

    /** Node's {@code buf.includes(buffer, encoding)}. */
    public boolean includes(Buffer value, String encoding) {
        return indexOf(value, encoding) != -1;
    }

    /** Node's {@code buf.includes(buffer, byteOffset, encoding)}. */
    public boolean includes(Buffer value, long byteOffset, String encoding) {
        return indexOf(value, byteOffset, encoding) != -1;
    }

    /** Node's {@code buf.includes(buffer, encoding)}. */
    public boolean includes(Buffer value, Encoding encoding) {
        return indexOf(value, encoding) != -1;
    }

    /** Node's {@code buf.includes(buffer, byteOffset, encoding)}. */
    public boolean includes(Buffer value, long byteOffset, Encoding encoding) {
        return indexOf(value, byteOffset, encoding) != -1;
    }

    /** Node's {@code buf.includes(string)}. */
    public boolean includes(String value) {
        return indexOf(value) != -1;
    }

    /** Node's {@code buf.includes(string, byteOffset)}. */
    public boolean includes(String value, long byteOffset) {
        return indexOf(value, byteOffset) != -1;
    }

    /** Node's {@code buf.includes(string, encoding)}; {@code ERR_UNKNOWN_ENCODING} for an unknown name. */
    public boolean includes(String value, String encoding) {
        return indexOf(value, encoding) != -1;
    }

    /** Node's {@code buf.includes(string, byteOffset, encoding)}. */
    public boolean includes(String value, long byteOffset, String encoding) {
        return indexOf(value, byteOffset, encoding) != -1;
    }

    /** Node's {@code buf.includes(string, encoding)}. */
    public boolean includes(String value, Encoding encoding) {
        return indexOf(value, encoding) != -1;
    }

    /** Node's {@code buf.includes(string, byteOffset, encoding)}. */
    public boolean includes(String value, long byteOffset, Encoding encoding) {
        return indexOf(value, byteOffset, encoding) != -1;
    }

    /** Node's {@code buf.includes(number)}: whether the byte {@code value & 255} occurs. */
    public boolean includes(int value) {
        return indexOf(value) != -1;
    }

    /** Node's {@code buf.includes(number, byteOffset)}. */
    public boolean includes(int value, long byteOffset) {
        return indexOf(value, byteOffset) != -1;
    }

    private int searchBuffer(Buffer value, long byteOffset, Encoding encoding, boolean forward) {
        if (value == null) {
            throw Errors.invalidArgType("value",
                    "one of type number or string or an instance of Buffer or Uint8Array", null);
        }
        return ByteSearch.search(array, offset, length, value.array, value.offset, value.length,
                byteOffset, encoding == Encoding.UTF16LE, forward);
    }

    private int searchString(String value, long byteOffset, Encoding encoding, boolean forward) {
        if (value == null) {
            throw Errors.invalidArgType("value",
                    "one of type number or string or an instance of Buffer or Uint8Array", null);
        }
        Objects.requireNonNull(encoding, "encoding");
        byte[] needle = encoding == Encoding.UTF8 ? ByteSearch.utf8Needle(value) : encoding.encode(value);
        // Node searches a UTF-16 string in whole code units only: an odd buffer's last byte is not
        // part of the haystack (offsets included), so "+A" is not found in 2b 00 41 00 69.
        int haystack = encoding == Encoding.UTF16LE ? length & ~1 : length;
        return ByteSearch.search(array, offset, haystack, needle, 0, needle.length,
                byteOffset, encoding == Encoding.UTF16LE, forward);
    }

    /** For a Buffer needle Node falls back to UTF-8 on an unknown encoding instead of throwing. */
    private static Encoding bufferEncoding(String name) {
        return Encoding.isEncoding(name) ? Encoding.of(name) : Encoding.UTF8;
    }

    /** For a string needle: null means UTF-8, anything unknown (even "") throws. */
    private static Encoding stringEncoding(String name) {
        return Encoding.of(name);
    }

    // ------------------------------------------------------------------ numeric reads

    /** Checks an accessor of {@code size} bytes at {@code offset} and returns the array index. */
    private int at(int offset, int size) {
        if (offset < 0 || offset > length - size) {
            throw Bounds.offset(offset, length, size);
        }
        return this.offset + offset;
    }

    private static void checkByteLength(int byteLength) {
        if (byteLength < 1 || byteLength > 6) {
            throw Bounds.byteLength(byteLength);
        }
    }

    /**
     * Node's {@code buf.readUInt8(offset)}: the byte at {@code offset}, 0..255. Like every numeric
     * reader here it throws {@code ERR_OUT_OF_RANGE} ("The value of "offset" is out of range. It
     * must be &gt;= 0 and &lt;= {length - size}. Received ...") for a bad offset, or
     * {@code ERR_BUFFER_OUT_OF_BOUNDS} ("Attempt to access memory outside buffer bounds") when the
     * buffer is shorter than the value.
     */
    public int readUInt8(int offset) {
        return array[at(offset, 1)] & 0xFF;
    }

    /** Node's {@code buf.readInt8(offset)}: the byte at {@code offset} as signed, -128..127. Errors as {@link #readUInt8}. */
    public int readInt8(int offset) {
        return array[at(offset, 1)];
    }

    /** Node's {@code buf.readUInt16LE(offset)}: 0..65535. Errors as {@link #readUInt8}. */
    public int readUInt16LE(int offset) {
        return (short) ByteAccess.SHORT_LE.get(array, at(offset, 2)) & 0xFFFF;
    }

    /** Node's {@code buf.readUInt16BE(offset)}: 0..65535. Errors as {@link #readUInt8}. */
    public int readUInt16BE(int offset) {
        return (short) ByteAccess.SHORT_BE.get(array, at(offset, 2)) & 0xFFFF;
    }

    /** Node's {@code buf.readInt16LE(offset)}. Errors as {@link #readUInt8}. */
    public int readInt16LE(int offset) {
        return (short) ByteAccess.SHORT_LE.get(array, at(offset, 2));
    }

    /** Node's {@code buf.readInt16BE(offset)}. Errors as {@link #readUInt8}. */
    public int readInt16BE(int offset) {
        return (short) ByteAccess.SHORT_BE.get(array, at(offset, 2));
    }

    /** Node's {@code buf.readUInt32LE(offset)}: 0..4294967295 as a long. Errors as {@link #readUInt8}. */
    public long readUInt32LE(int offset) {
        return (int) ByteAccess.INT_LE.get(array, at(offset, 4)) & 0xFFFF_FFFFL;
    }

    /** Node's {@code buf.readUInt32BE(offset)}: 0..4294967295 as a long. Errors as {@link #readUInt8}. */
    public long readUInt32BE(int offset) {
        return (int) ByteAccess.INT_BE.get(array, at(offset, 4)) & 0xFFFF_FFFFL;
    }

    /** Node's {@code buf.readInt32LE(offset)}. Errors as {@link #readUInt8}. */
    public int readInt32LE(int offset) {
        return (int) ByteAccess.INT_LE.get(array, at(offset, 4));
    }

    /** Node's {@code buf.readInt32BE(offset)}. Errors as {@link #readUInt8}. */
    public int readInt32BE(int offset) {
        return (int) ByteAccess.INT_BE.get(array, at(offset, 4));
    }

    /**
     * Node's {@code buf.readUIntLE(offset, byteLength)}: an unsigned little-endian integer of
     * 1 to 6 bytes.
     *
     * @throws io.sluice.error.NodeRangeException {@code ERR_OUT_OF_RANGE} ("The value of
     *     "byteLength" is out of range. It must be &gt;= 1 and &lt;= 6") for a bad
     *     {@code byteLength}; offset errors as {@link #readUInt8}
     */
    public long readUIntLE(int offset, int byteLength) {
        checkByteLength(byteLength);
        return ByteAccess.readLE(array, at(offset, byteLength), byteLength);
    }

    /** Node's {@code buf.readUIntBE(offset, byteLength)}: 1 to 6 bytes. Errors as {@link #readUIntLE}. */
    public long readUIntBE(int offset, int byteLength) {
        checkByteLength(byteLength);
        return ByteAccess.readBE(array, at(offset, byteLength), byteLength);
    }

    /** Node's {@code buf.readIntLE(offset, byteLength)}: a signed integer of 1 to 6 bytes. Errors as {@link #readUIntLE}. */
    public long readIntLE(int offset, int byteLength) {
        checkByteLength(byteLength);
        return ByteAccess.signExtend(ByteAccess.readLE(array, at(offset, byteLength), byteLength), byteLength);
    }

    /** Node's {@code buf.readIntBE(offset, byteLength)}: a signed integer of 1 to 6 bytes. Errors as {@link #readUIntLE}. */
    public long readIntBE(int offset, int byteLength) {
        checkByteLength(byteLength);
        return ByteAccess.signExtend(ByteAccess.readBE(array, at(offset, byteLength), byteLength), byteLength);
    }

    /** Node's {@code buf.readFloatLE(offset)}: an IEEE 754 single, widened to double. Errors as {@link #readUInt8}. */
    public double readFloatLE(int offset) {
        return (float) ByteAccess.FLOAT_LE.get(array, at(offset, 4));
    }

    /** Node's {@code buf.readFloatBE(offset)}. Errors as {@link #readUInt8}. */
    public double readFloatBE(int offset) {
        return (float) ByteAccess.FLOAT_BE.get(array, at(offset, 4));
    }

    /** Node's {@code buf.readDoubleLE(offset)}. Errors as {@link #readUInt8}. */
    public double readDoubleLE(int offset) {
        return (double) ByteAccess.DOUBLE_LE.get(array, at(offset, 8));
    }

    /** Node's {@code buf.readDoubleBE(offset)}. Errors as {@link #readUInt8}. */
    public double readDoubleBE(int offset) {
        return (double) ByteAccess.DOUBLE_BE.get(array, at(offset, 8));
    }

    /** Node's {@code buf.readBigInt64LE(offset)}: a signed 64-bit integer (Node's BigInt, as a long). Errors as {@link #readUInt8}. */
    public long readBigInt64LE(int offset) {
        return (long) ByteAccess.LONG_LE.get(array, at(offset, 8));
    }

    /** Node's {@code buf.readBigInt64BE(offset)}. Errors as {@link #readUInt8}. */
    public long readBigInt64BE(int offset) {
        return (long) ByteAccess.LONG_BE.get(array, at(offset, 8));
    }

    /** Node's {@code buf.readBigUInt64LE(offset)}: 0..2^64-1 as a BigInteger. Errors as {@link #readUInt8}. */
    public BigInteger readBigUInt64LE(int offset) {
        return unsigned((long) ByteAccess.LONG_LE.get(array, at(offset, 8)));
    }

    /** Node's {@code buf.readBigUInt64BE(offset)}: 0..2^64-1 as a BigInteger. Errors as {@link #readUInt8}. */
    public BigInteger readBigUInt64BE(int offset) {
        return unsigned((long) ByteAccess.LONG_BE.get(array, at(offset, 8)));
    }

    private static BigInteger unsigned(long v) {
        BigInteger b = BigInteger.valueOf(v);
        return v >= 0 ? b : b.add(TWO_64);
    }

    // ------------------------------------------------------------------ numeric writes

    /** Node's range check for a {@code size}-byte integer value, then the offset check. */
    private int checked(long value, int offset, int size, boolean signed) {
        if (value < Bounds.min(size, signed) || value > Bounds.max(size, signed)) {
            throw Bounds.value(value, size, signed);
        }
        return at(offset, size);
    }

    /**
     * Node's {@code buf.writeUInt8(value, offset)}: stores {@code value} at {@code offset}. Like
     * every numeric writer here it checks the value first ({@code ERR_OUT_OF_RANGE} "The value of
     * "value" is out of range. It must be &gt;= 0 and &lt;= 255. Received 256"), then the offset
     * (errors as {@link #readUInt8}).
     *
     * @return {@code offset} plus the number of bytes written
     */
    public int writeUInt8(long value, int offset) {
        array[checked(value, offset, 1, false)] = (byte) value;
        return offset + 1;
    }

    /** Node's {@code buf.writeInt8(value, offset)}: -128..127. Errors as {@link #writeUInt8}. */
    public int writeInt8(long value, int offset) {
        array[checked(value, offset, 1, true)] = (byte) value;
        return offset + 1;
    }

    /** Node's {@code buf.writeUInt16LE(value, offset)}: 0..65535. Errors as {@link #writeUInt8}. */
    public int writeUInt16LE(long value, int offset) {
        ByteAccess.SHORT_LE.set(array, checked(value, offset, 2, false), (short) value);
        return offset + 2;
    }

    /** Node's {@code buf.writeUInt16BE(value, offset)}. Errors as {@link #writeUInt8}. */
    public int writeUInt16BE(long value, int offset) {
        ByteAccess.SHORT_BE.set(array, checked(value, offset, 2, false), (short) value);
        return offset + 2;
    }

    /** Node's {@code buf.writeInt16LE(value, offset)}: -32768..32767. Errors as {@link #writeUInt8}. */
    public int writeInt16LE(long value, int offset) {
        ByteAccess.SHORT_LE.set(array, checked(value, offset, 2, true), (short) value);
        return offset + 2;
    }

    /** Node's {@code buf.writeInt16BE(value, offset)}. Errors as {@link #writeUInt8}. */
    public int writeInt16BE(long value, int offset) {
        ByteAccess.SHORT_BE.set(array, checked(value, offset, 2, true), (short) value);
        return offset + 2;
    }

    /** Node's {@code buf.writeUInt32LE(value, offset)}: 0..4294967295. Errors as {@link #writeUInt8}. */
    public int writeUInt32LE(long value, int offset) {
        ByteAccess.INT_LE.set(array, checked(value, offset, 4, false), (int) value);
        return offset + 4;
    }

    /** Node's {@code buf.writeUInt32BE(value, offset)}. Errors as {@link #writeUInt8}. */
    public int writeUInt32BE(long value, int offset) {
        ByteAccess.INT_BE.set(array, checked(value, offset, 4, false), (int) value);
        return offset + 4;
    }

    /** Node's {@code buf.writeInt32LE(value, offset)}. Errors as {@link #writeUInt8}. */
    public int writeInt32LE(long value, int offset) {
        ByteAccess.INT_LE.set(array, checked(value, offset, 4, true), (int) value);
        return offset + 4;
    }

    /** Node's {@code buf.writeInt32BE(value, offset)}. Errors as {@link #writeUInt8}. */
    public int writeInt32BE(long value, int offset) {
        ByteAccess.INT_BE.set(array, checked(value, offset, 4, true), (int) value);
        return offset + 4;
    }

    /**
     * Node's {@code buf.writeUIntLE(value, offset, byteLength)}: an unsigned integer of 1 to 6
     * bytes. Out-of-range values are reported as Node does: "&gt;= 0 and &lt;= 16777215" up to 4
     * bytes, "&gt;= 0 and &lt; 2 ** 40" for 5 and 6.
     *
     * @throws io.sluice.error.NodeRangeException {@code ERR_OUT_OF_RANGE} for a bad
     *     {@code byteLength} (checked first), value or offset; {@code ERR_BUFFER_OUT_OF_BOUNDS}
     *     when the buffer is too short
     */
    public int writeUIntLE(long value, int offset, int byteLength) {
        checkByteLength(byteLength);
        ByteAccess.writeLE(array, checked(value, offset, byteLength, false), value, byteLength);
        return offset + byteLength;
    }

    /** Node's {@code buf.writeUIntBE(value, offset, byteLength)}. Errors as {@link #writeUIntLE}. */
    public int writeUIntBE(long value, int offset, int byteLength) {
        checkByteLength(byteLength);
        ByteAccess.writeBE(array, checked(value, offset, byteLength, false), value, byteLength);
        return offset + byteLength;
    }

    /** Node's {@code buf.writeIntLE(value, offset, byteLength)}: a signed integer of 1 to 6 bytes. Errors as {@link #writeUIntLE}. */
    public int writeIntLE(long value, int offset, int byteLength) {
        checkByteLength(byteLength);
        ByteAccess.writeLE(array, checked(value, offset, byteLength, true), value, byteLength);
        return offset + byteLength;
    }

    /** Node's {@code buf.writeIntBE(value, offset, byteLength)}. Errors as {@link #writeUIntLE}. */
    public int writeIntBE(long value, int offset, int byteLength) {
        checkByteLength(byteLength);
        ByteAccess.writeBE(array, checked(value, offset, byteLength, true), value, byteLength);
        return offset + byteLength;
    }

    /**
     * Node's {@code buf.writeFloatLE(value, offset)}: {@code value} rounded to single precision
     * (beyond its range it becomes an infinity; there is no value error). Offset errors as
     * {@link #readUInt8}.
     *
     * @return {@code offset + 4}
     */
    public int writeFloatLE(double value, int offset) {
        ByteAccess.FLOAT_LE.set(array, at(offset, 4), (float) value);
        return offset + 4;
    }

    /** Node's {@code buf.writeFloatBE(value, offset)}; see {@link #writeFloatLE}. */
    public int writeFloatBE(double value, int offset) {
        ByteAccess.FLOAT_BE.set(array, at(offset, 4), (float) value);
        return offset + 4;
    }

    /** Node's {@code buf.writeDoubleLE(value, offset)}. Offset errors as {@link #readUInt8}. Returns {@code offset + 8}. */
    public int writeDoubleLE(double value, int offset) {
        ByteAccess.DOUBLE_LE.set(array, at(offset, 8), value);
        return offset + 8;
    }

    /** Node's {@code buf.writeDoubleBE(value, offset)}. Offset errors as {@link #readUInt8}. Returns {@code offset + 8}. */
    public int writeDoubleBE(double value, int offset) {
        ByteAccess.DOUBLE_BE.set(array, at(offset, 8), value);
        return offset + 8;
    }

    /** Node's {@code buf.writeBigInt64LE(value, offset)} for a long (always in range). Returns {@code offset + 8}. */
    public int writeBigInt64LE(long value, int offset) {
        ByteAccess.LONG_LE.set(array, at(offset, 8), value);
        return offset + 8;
    }

    /** Node's {@code buf.writeBigInt64BE(value, offset)} for a long. Returns {@code offset + 8}. */
    public int writeBigInt64BE(long value, int offset) {
        ByteAccess.LONG_BE.set(array, at(offset, 8), value);
        return offset + 8;
    }

    /**
     * Node's {@code buf.writeBigInt64LE(value, offset)} for a BigInteger.
     *
     * @throws io.sluice.error.NodeRangeException {@code ERR_OUT_OF_RANGE} ("It must be &gt;=
     *     -(2n ** 63n) and &lt; 2n ** 63n. Received 9_223_372_036_854_775_808n") for a value
     *     outside 64 signed bits, checked before the offset
     */
    public int writeBigInt64LE(BigInteger value, int offset) {
        return writeBigInt64LE(signed64(value), offset);
    }

    /** Node's {@code buf.writeBigInt64BE(value, offset)} for a BigInteger; see {@link #writeBigInt64LE(BigInteger, int)}. */
    public int writeBigInt64BE(BigInteger value, int offset) {
        return writeBigInt64BE(signed64(value), offset);
    }

    /**
     * Node's {@code buf.writeBigUInt64LE(value, offset)} for a long: the 64 bits of {@code value}
     * as they are, so a negative long stands for its unsigned value (Java's convention, as in
     * {@link Long#toUnsignedString(long)}). Returns {@code offset + 8}.
     */
    public int writeBigUInt64LE(long value, int offset) {
        return writeBigInt64LE(value, offset);
    }

    /** Node's {@code buf.writeBigUInt64BE(value, offset)} for a long; see {@link #writeBigUInt64LE(long, int)}. */
    public int writeBigUInt64BE(long value, int offset) {
        return writeBigInt64BE(value, offset);
    }

    /**
     * Node's {@code buf.writeBigUInt64LE(value, offset)} for a BigInteger.
     *
     * @throws io.sluice.error.NodeRangeException {@code ERR_OUT_OF_RANGE} ("It must be &gt;= 0n
     *     and &lt; 2n ** 64n. Received -1n") for a value outside 0..2^64-1, checked before the
     *     offset
     */
    public int writeBigUInt64LE(BigInteger value, int offset) {
        return writeBigInt64LE(unsigned64(value), offset);
    }

    /** Node's {@code buf.writeBigUInt64BE(value, offset)} for a BigInteger; see {@link #writeBigUInt64LE(BigInteger, int)}. */
    public int writeBigUInt64BE(BigInteger value, int offset) {
        return writeBigInt64BE(unsigned64(value), offset);
    }

    private static long signed64(BigInteger value) {
        if (value.compareTo(MIN_INT64) < 0 || value.compareTo(MAX_INT64) > 0) {
            throw Bounds.bigValue(value, true);
        }
        return value.longValue();
    }

    private static long unsigned64(BigInteger value) {
        if (value.signum() < 0 || value.bitLength() > 64) {
            throw Bounds.bigValue(value, false);
        }
        return value.longValue();
    }

    // ------------------------------------------------------------------ swap

    /**
     * Node's {@code buf.swap16()}: reverses the byte order of each 16-bit unit in place. Returns this.
     *
     * @throws io.sluice.error.NodeRangeException {@code ERR_INVALID_BUFFER_SIZE} ("Buffer size
     *     must be a multiple of 16-bits") if the length is odd
     */
    public Buffer swap16() {
        if ((length & 1) != 0) {
            throw Errors.invalidBufferSize("16-bits");
        }
        for (int i = offset, end = offset + length; i < end; i += 2) {
            ByteAccess.SHORT_BE.set(array, i, (short) ByteAccess.SHORT_LE.get(array, i));
        }
        return this;
    }

    /** Node's {@code buf.swap32()}: in place; {@code ERR_INVALID_BUFFER_SIZE} ("... 32-bits") unless the length is a multiple of 4. */
    public Buffer swap32() {
        if ((length & 3) != 0) {
            throw Errors.invalidBufferSize("32-bits");
        }
        for (int i = offset, end = offset + length; i < end; i += 4) {
            ByteAccess.INT_BE.set(array, i, (int) ByteAccess.INT_LE.get(array, i));
        }
        return this;
    }

    /** Node's {@code buf.swap64()}: in place; {@code ERR_INVALID_BUFFER_SIZE} ("... 64-bits") unless the length is a multiple of 8. */
    public Buffer swap64() {
        if ((length & 7) != 0) {
            throw Errors.invalidBufferSize("64-bits");
        }
        for (int i = offset, end = offset + length; i < end; i += 8) {
            ByteAccess.LONG_BE.set(array, i, (long) ByteAccess.LONG_LE.get(array, i));
        }
        return this;
    }

    // ------------------------------------------------------------------ iteration

    /** Node's {@code buf.values()} without boxing: the bytes as unsigned ints, read lazily. */
    public IntStream values() {
        return IntStream.range(0, length).map(this::get);
    }

    /** Node's {@code buf.keys()}: the indices {@code 0..length-1}. */
    public IntStream keys() {
        return IntStream.range(0, length);
    }

    /**
     * Node's {@code buf[Symbol.iterator]()}: the bytes as unsigned values, read as the iteration
     * proceeds (so it sees writes made meanwhile). Boxes; prefer {@link #values()} or
     * {@link #get} in hot loops.
     */
    @Override
    public Iterator<Integer> iterator() {
        return new Iterator<>() {
            private int i;

            @Override
            public boolean hasNext() {
                return i < length;
            }

            @Override
            public Integer next() {
                if (i >= length) {
                    throw new NoSuchElementException();
                }
                return array[offset + i++] & 0xFF;
            }
        };
    }
}
