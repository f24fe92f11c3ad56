package io.sluice.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Port of nodejs/node test/parallel/test-buffer-bytelength.js. Coercion of non-string arguments
 * (numbers, objects, no argument) is JS-only; views count their own length.
 */
class BufferByteLengthTest {

    @Test
    void emptyStrings() {
        assertEquals(0, Buffer.byteLength("", "ascii"));
        assertEquals(0, Buffer.byteLength("", "HeX"));
        assertEquals(0, Buffer.byteLength("", "bogus"));
    }

    @Test
    void utf8() {
        assertEquals(19, Buffer.byteLength("∑éllö wørl∂!", "utf-8"));
        assertEquals(12, Buffer.byteLength("κλμνξο", "utf8"));
        assertEquals(15, Buffer.byteLength("挵挶挷挸挹", "utf-8"));
        assertEquals(12, Buffer.byteLength("𠝹𠱓𠱸", "UTF8"));
        assertEquals(9, Buffer.byteLength("hey there"));
        assertEquals(17, Buffer.byteLength("𠱸挶νξ#xx :)"));
        assertEquals(3, Buffer.byteLength("\uD800"), "a lone surrogate counts as EF BF BD");
        // An unknown, empty or null encoding counts UTF-8, as in Node (no error).
        assertEquals(11, Buffer.byteLength("hello world", ""));
        assertEquals(11, Buffer.byteLength("hello world", "abc"));
        assertEquals(10, Buffer.byteLength("ßœ∑≈", "unkn0wn enc0ding"));
        assertEquals(10, Buffer.byteLength("ßœ∑≈", (String) null));
    }

    @Test
    void base64IsEstimated() {
        assertEquals(11, Buffer.byteLength("aGVsbG8gd29ybGQ=", "base64"));
        assertEquals(14, Buffer.byteLength("bm9kZS5qcyByb2NrcyE=", "base64"));
        assertEquals(3, Buffer.byteLength("aGkk", "base64"));
        assertEquals(25, Buffer.byteLength("bHNrZGZsa3NqZmtsc2xrZmFqc2RsZmtqcw==", "base64"));
        assertEquals(2, Buffer.byteLength("aaa=", "base64"));
        assertEquals(3, Buffer.byteLength("aaaa==", "base64"));
    }

    @Test
    void otherEncodings() {
        assertEquals(14, Buffer.byteLength("Il était tué"));
        assertEquals(14, Buffer.byteLength("Il était tué", "utf8"));
        assertEquals(12, Buffer.byteLength("Il était tué", "ascii"));
        assertEquals(12, Buffer.byteLength("Il était tué", "binary"));
        for (String enc : List.of("ucs2", "ucs-2", "utf16le", "utf-16le")) {
            assertEquals(24, Buffer.byteLength("Il était tué", enc));
        }
        assertEquals(24, Buffer.byteLength("Il était tué", Encoding.UTF16LE));
        assertEquals(2, Buffer.byteLength("abcd", Encoding.HEX));
    }

    @Test
    void buffersCountTheirViewLength() {
        Buffer big = Buffer.alloc(100);
        assertEquals(100, Buffer.byteLength(big));
        assertEquals(10, Buffer.byteLength(big.subarray(5, 15)));
    }
}
