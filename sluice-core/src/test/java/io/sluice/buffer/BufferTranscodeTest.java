package io.sluice.buffer;

import static io.sluice.buffer.BufferAsserts.embedded;
import static io.sluice.buffer.BufferAsserts.hex;
import static io.sluice.buffer.BufferAsserts.ofHex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.error.NodeException;
import org.junit.jupiter.api.Test;

/**
 * {@code buffer.transcode}, {@code isUtf8} and {@code isAscii} against values produced by Node 20
 * (in the spirit of test-icu-transcode.js, test-buffer-isutf8.js and test-buffer-isascii.js).
 * The input mixes ASCII, an invalid byte, é, €, 😀, an encoded surrogate and stray bytes.
 */
class BufferTranscodeTest {
    private static final Buffer MIXED = ofHex("41e9c3a9e282acf09f9880eda08080ff");

    private static String tc(Buffer b, String from, String to) {
        return hex(Buffer.transcode(b, from, to));
    }

    private static void assertIcuError(String code, Runnable r) {
        NodeException e = assertThrows(NodeException.class, r::run);
        assertEquals(code, e.code());
        assertEquals("Unable to transcode Buffer [" + code + "]", e.getMessage());
    }

    @Test
    void mixedInputEveryPair() {
        assertEquals("413f3f3f3f3f3f3f3f3f", tc(MIXED, "utf8", "ascii"));
        assertEquals("413fe93f3f3f3f3f3f3f", tc(MIXED, "utf8", "latin1"));
        assertEquals("eea581eaa783e88ba2ef82ace9a29feeb680e882a0efbe80", tc(MIXED, "ucs2", "utf8"));
        assertEquals("41c3a9c383c2a9c3a2c282c2acc3b0c29fc298c280c3adc2a0c280c280c3bf", tc(MIXED, "latin1", "utf8"));
        assertEquals("41" + "efbfbd".repeat(15), tc(MIXED, "ascii", "utf8"));
        assertEquals("4100e900c300a900e2008200ac00f0009f0098008000ed00a00080008000ff00", tc(MIXED, "ascii", "ucs2"));
        assertEquals("4100e900c300a900e2008200ac00f0009f0098008000ed00a00080008000ff00", tc(MIXED, "latin1", "ucs2"));
        assertEquals("3f3f3f3f3f3f3f3f", tc(MIXED, "ucs2", "latin1"));
        assertEquals("3f3f3f3f3f3f3f3f", tc(MIXED, "ucs2", "ascii"));
        assertEquals("41" + "3f".repeat(15), tc(MIXED, "latin1", "ascii"));
        assertEquals("41" + "3f".repeat(15), tc(MIXED, "ascii", "latin1"));
        assertEquals("41efbfbdc3a9e282acf09f9880" + "efbfbd".repeat(5), tc(MIXED, "utf8", "utf8"));
        assertEquals(hex(MIXED), tc(MIXED, "latin1", "latin1"));
        assertEquals(hex(MIXED), tc(MIXED, "ucs2", "ucs2"));
        assertEquals("41" + "3f".repeat(15), tc(MIXED, "ascii", "ascii"));
        assertIcuError("U_INVALID_CHAR_FOUND", () -> Buffer.transcode(MIXED, "utf8", "ucs2"));
    }

    @Test
    void strictConversions() {
        assertEquals("4100ac203dd800de", tc(Buffer.from("A€😀"), "utf8", "ucs2"));
        assertEquals("41e282acf09f9880", tc(Buffer.from("A€😀", "ucs2"), "ucs2", "utf8"));
        assertEquals("00004100", tc(ofHex("0041"), "utf8", "ucs2"));
        assertEquals("ffdbffdf", tc(ofHex("f48fbfbf"), "utf8", "ucs2"));
        for (String bad : new String[] {"41e282", "eda080", "c080", "f4908080"}) {
            assertIcuError("U_INVALID_CHAR_FOUND", () -> Buffer.transcode(ofHex(bad), "utf8", "ucs2"));
        }
        assertIcuError("U_INVALID_CHAR_FOUND", () -> Buffer.transcode(ofHex("00d84100"), "ucs2", "utf8"));
        assertIcuError("U_INVALID_CHAR_FOUND", () -> Buffer.transcode(ofHex("00dc4100"), "ucs2", "utf8"));
        assertIcuError("U_INVALID_CHAR_FOUND", () -> Buffer.transcode(ofHex("41"), "ucs2", "utf8"));
        assertEquals("41", tc(ofHex("410042"), "ucs2", "utf8"), "odd trailing byte dropped");
    }

    @Test
    void lenientConversions() {
        assertEquals("3f41", tc(ofHex("00d84100"), "ucs2", "latin1"));
        assertEquals("3f41", tc(ofHex("00dc4100"), "ucs2", "latin1"));
        assertEquals("3f41", tc(Buffer.from("😀A", "ucs2"), "ucs2", "latin1"));
        assertEquals("3f413f", tc(Buffer.from("😀A€"), "utf8", "latin1"));
        assertEquals("3f413f3f", tc(Buffer.from("😀A€é"), "utf8", "ascii"));
        assertEquals("41", tc(ofHex("410042"), "ucs2", "latin1"));
        assertEquals("ff3f", tc(ofHex("ff000001"), "ucs2", "latin1"));
        assertEquals("7f3f", tc(ofHex("7f008000"), "ucs2", "ascii"));
        assertEquals("fdff4100fdff", tc(ofHex("00d8410042"), "ucs2", "ucs2"));
        assertEquals("4100fdff", tc(ofHex("410042"), "ucs2", "ucs2"));
        assertEquals("3f3f3f41", tc(ofHex("eda08041"), "utf8", "latin1"));
        assertEquals("3f3f41", tc(ofHex("c08041"), "utf8", "ascii"));
        assertEquals("41efbfbd", tc(ofHex("41e282"), "utf8", "utf8"));
        assertEquals("c3bf", tc(ofHex("ff"), "latin1", "utf8"));
        assertEquals("7f3f", tc(ofHex("7f80"), "ascii", "latin1"));
        assertEquals("8000ff00", tc(ofHex("80ff"), "ascii", "ucs2"));
    }

    @Test
    void encodingNames() {
        assertEquals("c3a9", tc(ofHex("e9"), "binary", "utf-8"));
        assertEquals("e900", tc(ofHex("e9"), "LATIN1", "UCS-2"));
        assertEquals("6100", tc(Buffer.from("a"), "", "ucs2"), "an empty name means utf8");
        assertEquals("6100", hex(Buffer.transcode(Buffer.from("a"), Encoding.UTF8, Encoding.UTF16LE)));
        assertEquals("", tc(Buffer.alloc(0), "bogus", "utf8"), "empty input: encodings not looked at");
        assertIcuError("U_ILLEGAL_ARGUMENT_ERROR", () -> Buffer.transcode(Buffer.from("a"), "utf8", "hex"));
        assertIcuError("U_ILLEGAL_ARGUMENT_ERROR", () -> Buffer.transcode(Buffer.from("a"), "base64", "utf8"));
        assertIcuError("U_ILLEGAL_ARGUMENT_ERROR", () -> Buffer.transcode(Buffer.from("a"), "utf8", "bogus"));
        assertIcuError("U_ILLEGAL_ARGUMENT_ERROR", () -> Buffer.transcode(Buffer.from("a"), Encoding.HEX, Encoding.UTF8));
        assertEquals("c3a9", hex(Buffer.transcode(embedded(ofHex("e9")), "latin1", "utf8")));
    }

    @Test
    void isUtf8() {
        assertTrue(Buffer.isUtf8(Buffer.alloc(0)));
        assertTrue(Buffer.isUtf8(Buffer.from("héllo € 😀 and some ascii to cross a word boundary")));
        assertTrue(Buffer.isUtf8(ofHex("f48fbfbf")));
        assertTrue(Buffer.isUtf8(ofHex("efbfbd")));
        for (String bad : new String[] {"eda080", "c080", "f4908080", "e282", "80", "ff", "c1bf", "e08080",
            "f0808080", "f5808080", "41424344454647e2", "6162636465666768ed9fbfeda080"}) {
            assertFalse(Buffer.isUtf8(ofHex(bad)), bad);
        }
        assertTrue(Buffer.isUtf8(ofHex("ed9fbf")), "U+D7FF is fine");
        Buffer valid = Buffer.from("€€€");
        assertFalse(Buffer.isUtf8(valid.subarray(1)), "a view starting mid-character");
        assertTrue(Buffer.isUtf8(valid.subarray(3)));
        assertTrue(Buffer.isUtf8(embedded(valid)), "guard bytes 0xEE around the view are not read");
    }

    @Test
    void isAscii() {
        assertTrue(Buffer.isAscii(Buffer.alloc(0)));
        assertTrue(Buffer.isAscii(Buffer.from("plain ascii text that is longer than eight bytes \u007f")));
        assertFalse(Buffer.isAscii(ofHex("80")));
        assertFalse(Buffer.isAscii(Buffer.from("0123456789abcdefé")));
        assertFalse(Buffer.isAscii(Buffer.from("é0123456789abcdef")));
        assertTrue(Buffer.isAscii(embedded(Buffer.from("abc"))), "guard bytes 0xEE are outside the view");
        assertTrue(Buffer.isAscii(Buffer.from("aé").subarray(0, 1)));
    }
}
