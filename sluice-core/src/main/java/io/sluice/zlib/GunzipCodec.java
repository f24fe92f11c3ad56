package io.sluice.zlib;

import java.util.zip.CRC32;
import java.util.zip.Inflater;

/**
 * gzip decompression: the RFC 1952 framing parsed here ({@link GzipHeaderParser}, CRC32 and ISIZE
 * trailer) around a raw {@link Inflater} that is reset for every member.
 *
 * <p>After a member ends, Node's rule for what follows (zlib.cc's multi-member loop) decides: if the
 * next byte of the current chunk is 0x00, the rest of that chunk is ignored (padding); any other byte
 * starts a new member, whose header must then be valid ("incorrect header check" for garbage). When a
 * chunk ends exactly at a member's end, the next chunk's first byte is judged the same way. So
 * concatenated members decode as one stream, zero padding is tolerated and other trailing garbage is an
 * error, exactly as {@code zlib.gunzipSync} and {@code createGunzip()} behave in Node 20.
 *
 * <p>At the finish flush, input that stops inside a header, body or trailer is
 * {@code Z_BUF_ERROR} "unexpected end of file" (also for empty input).
 */
final class GunzipCodec extends Codec {
    private static final int HEADER = 0;
    private static final int BODY = 1;
    private static final int TRAILER = 2;
    private static final int BETWEEN = 3;

    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final GzipHeaderParser header = new GzipHeaderParser();
    private final byte[] trailer = new byte[8];
    private int state = HEADER;
    private int trailerHave;
    private long memberSize;
    private boolean feed;

    @Override
    void onInput() {
        feed = true;
    }

    @Override
    boolean run(int flush, Output out) {
        while (true) {
            switch (state) {
                case HEADER -> {
                    if (inPos == inEnd) {
                        return endOfInput(flush);
                    }
                    int p = header.parse(in, inPos, inEnd);
                    bytesRead += p - inPos;
                    inPos = p;
                    if (header.done()) {
                        state = BODY;
                        inflater.reset();
                        crc.reset();
                        memberSize = 0;
                        feed = true;
                    }
                }
                case BODY -> {
                    if (feed) {
                        feed = false;
                        inflater.setInput(in, inPos, inEnd - inPos);
                    }
                    int room = out.room();
                    if (room == 0) {
                        return true;
                    }
                    int n = inflate(inflater, out, room);
                    if (n > 0) {
                        crc.update(out.array(), out.position(), n);
                        memberSize += n;
                        out.advance(n);
                    }
                    if (inflater.finished()) {
                        state = TRAILER;
                        trailerHave = 0;
                    } else if (n == 0 && inflater.needsInput()) {
                        return endOfInput(flush);
                    }
                }
                case TRAILER -> {
                    if (inPos == inEnd) {
                        return endOfInput(flush);
                    }
                    int before = trailerHave;
                    int n = Math.min(8 - trailerHave, inEnd - inPos);
                    System.arraycopy(in, inPos, trailer, trailerHave, n);
                    trailerHave += n;
                    inPos += n;
                    bytesRead += n;
                    // zlib checks the CRC as soon as its 4 bytes are in, before ISIZE arrives: a
                    // wrong CRC followed by a cut ISIZE is "incorrect data check", not EOF.
                    if (before < 4 && trailerHave >= 4) {
                        checkCrc();
                    }
                    if (trailerHave == 8) {
                        checkLength();
                        state = BETWEEN;
                    }
                }
                default -> { // BETWEEN members
                    if (inPos == inEnd) {
                        return false;
                    }
                    if (in[inPos] == 0) {
                        inPos = inEnd; // padding: Node drops the rest of the chunk unread
                        return false;
                    }
                    header.reset();
                    state = HEADER;
                }
            }
        }
    }

    private void checkCrc() {
        long c = (trailer[0] & 0xffL) | (trailer[1] & 0xffL) << 8 | (trailer[2] & 0xffL) << 16 | (trailer[3] & 0xffL) << 24;
        if (c != crc.getValue()) {
            throw ZlibException.dataError("incorrect data check");
        }
    }

    private void checkLength() {
        long size = (trailer[4] & 0xffL) | (trailer[5] & 0xffL) << 8 | (trailer[6] & 0xffL) << 16 | (trailer[7] & 0xffL) << 24;
        // ISIZE is the size modulo 2^32: a check, never a bound.
        if (size != (memberSize & 0xffffffffL)) {
            throw ZlibException.dataError("incorrect length check");
        }
    }

    @Override
    void release() {
        inflater.end();
    }
}
