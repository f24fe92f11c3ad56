package io.sluice.zlib;

import java.util.zip.CRC32;

/**
 * An incremental RFC 1952 member header parser: fixed 10 bytes, then FEXTRA (length-prefixed), FNAME and
 * FCOMMENT (zero-terminated) and FHCRC (CRC16 of the header). It checks what zlib checks, in zlib's
 * order and with zlib's messages, so a bad header fails as in Node: the magic once two bytes are in
 * ("incorrect header check"), method and reserved flags once four are ("unknown compression method",
 * "unknown header flags set"), and the header CRC ("header crc mismatch").
 */
final class GzipHeaderParser {
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private static final int FIXED = 0;
    private static final int XLEN = 1;
    private static final int EXTRA = 2;
    private static final int NAME = 3;
    private static final int COMMENT = 4;
    private static final int HCRC = 5;
    private static final int DONE = 6;

    private final byte[] fixed = new byte[10];
    private final CRC32 crc = new CRC32();
    private int stage;
    private int have;
    private int flags;
    private int remaining;
    private int value;

    void reset() {
        stage = FIXED;
        have = 0;
        crc.reset();
    }

    boolean done() {
        return stage == DONE;
    }

    /** Whether parsing has started (some header byte consumed) but not finished. */
    boolean started() {
        return stage != FIXED || have > 0;
    }

    /**
     * Consumes header bytes from {@code b[off, end)}.
     *
     * @return the offset after the consumed bytes ({@code end} if the header is still incomplete)
     * @throws ZlibException {@code Z_DATA_ERROR} for a bad header
     */
    int parse(byte[] b, int off, int end) {
        while (off < end && stage != DONE) {
            int x = b[off] & 0xff;
            if (stage != HCRC) {
                crc.update(x);
            }
            off++;
            switch (stage) {
                case FIXED -> {
                    fixed[have++] = (byte) x;
                    if (have == 2 && ((fixed[0] & 0xff) != 0x1f || (fixed[1] & 0xff) != 0x8b)) {
                        throw ZlibException.dataError("incorrect header check");
                    }
                    if (have == 4) {
                        if ((fixed[2] & 0xff) != 8) {
                            throw ZlibException.dataError("unknown compression method");
                        }
                        flags = fixed[3] & 0xff;
                        if ((flags & 0xe0) != 0) {
                            throw ZlibException.dataError("unknown header flags set");
                        }
                    }
                    if (have == 10) {
                        have = 0;
                        afterFixed();
                    }
                }
                case XLEN -> {
                    value |= x << (8 * have++);
                    if (have == 2) {
                        have = 0;
                        remaining = value;
                        stage = EXTRA;
                        if (remaining == 0) {
                            afterExtra();
                        }
                    }
                }
                case EXTRA -> {
                    if (--remaining == 0) {
                        afterExtra();
                    }
                }
                case NAME -> {
                    if (x == 0) {
                        afterName();
                    }
                }
                case COMMENT -> {
                    if (x == 0) {
                        afterComment();
                    }
                }
                case HCRC -> {
                    value |= x << (8 * have++);
                    if (have == 2) {
                        if (value != (int) (crc.getValue() & 0xffff)) {
                            throw ZlibException.dataError("header crc mismatch");
                        }
                        stage = DONE;
                    }
                }
                default -> throw new IllegalStateException("stage " + stage);
            }
        }
        return off;
    }

    private void afterFixed() {
        if ((flags & FEXTRA) != 0) {
            stage = XLEN;
            value = 0;
        } else {
            afterExtra();
        }
    }

    private void afterExtra() {
        if ((flags & FNAME) != 0) {
            stage = NAME;
        } else {
            afterName();
        }
    }

    private void afterName() {
        if ((flags & FCOMMENT) != 0) {
            stage = COMMENT;
        } else {
            afterComment();
        }
    }

    private void afterComment() {
        if ((flags & FHCRC) != 0) {
            stage = HCRC;
            have = 0;
            value = 0;
        } else {
            stage = DONE;
        }
    }
}
