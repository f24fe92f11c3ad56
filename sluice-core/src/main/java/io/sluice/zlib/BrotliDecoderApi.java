package io.sluice.zlib;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * The Brotli decoder's C API ({@code decode.h}), called through the FFM API in the {@code libbrotli}
 * that brotli4j loads. Used instead of brotli4j's JNI decoder wrapper, which hides how much input a
 * call consumed: it reports a stream followed by any other bytes as an error ("bytes after stream end
 * are not allowed"), where Node ignores them, and it says "needs more input" when the decoder stopped
 * for room. Available when brotli4j's native library is loaded in this class loader and exports these
 * symbols (its Linux, macOS and Windows builds do); otherwise {@link Codecs} falls back to the JNI codec.
 *
 * <p>FFM downcalls are restricted methods, like brotli4j's own {@code System.loadLibrary}: the JDK warns
 * once unless the application runs with {@code --enable-native-access=io.sluice.core} (module path) or
 * {@code ALL-UNNAMED} (class path), which the {@code sluice} launcher passes.
 */
final class BrotliDecoderApi {
    private BrotliDecoderApi() {}

    /** {@code BrotliDecoderResult} values. */
    static final int RESULT_ERROR = 0;
    static final int RESULT_SUCCESS = 1;
    static final int RESULT_NEEDS_MORE_INPUT = 2;
    static final int RESULT_NEEDS_MORE_OUTPUT = 3;

    /** {@code BrotliDecoderState* BrotliDecoderCreateInstance(alloc, free, opaque)}. */
    static final MethodHandle CREATE;
    /**
     * {@code BrotliDecoderResult BrotliDecoderDecompressStream(state, size_t* available_in,
     * const uint8_t** next_in, size_t* available_out, uint8_t** next_out, size_t* total_out)}.
     */
    static final MethodHandle DECOMPRESS_STREAM;
    /** {@code void BrotliDecoderDestroyInstance(state)}. */
    static final MethodHandle DESTROY;
    /** Why the API is not used, or null when it is. */
    static final Throwable UNAVAILABLE;

    static {
        MethodHandle create = null;
        MethodHandle stream = null;
        MethodHandle destroy = null;
        Throwable why = null;
        try {
            BrotliSupport.ensureAvailable(); // loads libbrotli in this class loader
            SymbolLookup lib = SymbolLookup.loaderLookup();
            Linker linker = Linker.nativeLinker();
            create = linker.downcallHandle(lib.findOrThrow("BrotliDecoderCreateInstance"),
                    FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS));
            stream = linker.downcallHandle(lib.findOrThrow("BrotliDecoderDecompressStream"),
                    FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
            destroy = linker.downcallHandle(lib.findOrThrow("BrotliDecoderDestroyInstance"),
                    FunctionDescriptor.ofVoid(ADDRESS));
        } catch (RuntimeException | LinkageError e) {
            why = e;
        }
        CREATE = create;
        DECOMPRESS_STREAM = stream;
        DESTROY = destroy;
        UNAVAILABLE = why;
    }

    static boolean available() {
        return UNAVAILABLE == null;
    }

    /** A new decoder state with the default allocator. */
    static MemorySegment create() {
        try {
            MemorySegment state = (MemorySegment) CREATE.invokeExact(MemorySegment.NULL, MemorySegment.NULL, MemorySegment.NULL);
            if (state.equals(MemorySegment.NULL)) {
                throw new OutOfMemoryError("BrotliDecoderCreateInstance failed");
            }
            return state;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static int decompressStream(MemorySegment state, MemorySegment availableIn, MemorySegment nextIn,
            MemorySegment availableOut, MemorySegment nextOut) {
        try {
            return (int) DECOMPRESS_STREAM.invokeExact(state, availableIn, nextIn, availableOut, nextOut, MemorySegment.NULL);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static void destroy(MemorySegment state) {
        try {
            DESTROY.invokeExact(state);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
