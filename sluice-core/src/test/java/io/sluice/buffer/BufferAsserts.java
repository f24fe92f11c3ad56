package io.sluice.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.error.NodeError;
import io.sluice.error.NodeRangeException;
import io.sluice.error.NodeTypeException;
import org.junit.jupiter.api.function.Executable;

/** Assertions shared by the Buffer test ports: Node's error code, class and exact message. */
final class BufferAsserts {
    private BufferAsserts() {}

    /** Asserts a RangeError with {@code code} and exactly {@code message}. */
    static NodeRangeException assertRange(String code, String message, Executable e) {
        NodeRangeException ex = assertThrows(NodeRangeException.class, e);
        assertEquals(code, ex.code());
        if (message != null) {
            assertEquals(message, ex.getMessage());
        }
        return ex;
    }

    /** Asserts a TypeError with {@code code} and exactly {@code message}. */
    static NodeTypeException assertType(String code, String message, Executable e) {
        NodeTypeException ex = assertThrows(NodeTypeException.class, e);
        assertEquals(code, ex.code());
        if (message != null) {
            assertEquals(message, ex.getMessage());
        }
        return ex;
    }

    /** Asserts any Node error with {@code code}. */
    static void assertCode(String code, Executable e) {
        Throwable t = assertThrows(Throwable.class, e);
        NodeError ne = assertInstanceOf(NodeError.class, t);
        assertEquals(code, ne.code());
    }

    /** ERR_OUT_OF_RANGE "The value of "name" is out of range. It must be range. Received received". */
    static void assertOutOfRange(String name, String range, String received, Executable e) {
        assertRange("ERR_OUT_OF_RANGE",
                "The value of \"" + name + "\" is out of range. It must be " + range + ". Received " + received, e);
    }

    /** ERR_BUFFER_OUT_OF_BOUNDS without a name. */
    static void assertOutOfBounds(Executable e) {
        assertRange("ERR_BUFFER_OUT_OF_BOUNDS", "Attempt to access memory outside buffer bounds", e);
    }

    static String hex(Buffer b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < b.length(); i++) {
            sb.append(String.format("%02x", b.get(i)));
        }
        return sb.toString();
    }

    /** A buffer from hex digits, decoded here so tests of non-string features don't rely on the codec. */
    static Buffer ofHex(String hex) {
        int[] bytes = new int[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return Buffer.from(bytes);
    }

    /**
     * {@code content} placed inside a larger array at a non-zero offset, with guard bytes 0xEE on
     * both sides, so a method that ignores the view's offset or length shows up as a wrong result.
     */
    static Buffer embedded(Buffer content) {
        byte[] big = new byte[content.length() + 16];
        java.util.Arrays.fill(big, (byte) 0xEE);
        System.arraycopy(content.toByteArray(), 0, big, 7, content.length());
        return Buffer.wrap(big, 7, content.length());
    }
}
