package io.sluice.zlib;

import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Compression on {@link Deflater}: zlib-wrapped (DEFLATE), raw (DEFLATERAW), or raw plus a gzip header
 * and CRC32/ISIZE trailer written here (GZIP), byte-for-byte the framing zlib writes for Node: no name,
 * mtime 0, XFL from the level, OS 3 (Unix).
 *
 * <p>Flush kinds map onto what the JDK offers: Z_SYNC_FLUSH and Z_FULL_FLUSH as themselves, Z_PARTIAL_FLUSH
 * and Z_BLOCK as a sync flush (the JDK has neither; a sync flush also pushes out all pending data, a few
 * bytes larger), Z_FINISH by {@link Deflater#finish()}.
 */
final class DeflateCodec extends Codec {
    private final Deflater deflater;
    private final CRC32 crc;
    private final byte[] header;
    private boolean headerWritten;
    private boolean done;
    private boolean fresh;
    private long readBefore;
    private int pendingLevel = Integer.MIN_VALUE;
    private int pendingStrategy;

    DeflateCodec(ZlibMode mode, int level, int strategy, byte[] dictionary) {
        boolean gzip = mode == ZlibMode.GZIP;
        this.deflater = new Deflater(level, mode != ZlibMode.DEFLATE);
        deflater.setStrategy(jdkStrategy(strategy));
        if (dictionary != null && !gzip) {
            deflater.setDictionary(dictionary);
        }
        this.crc = gzip ? new CRC32() : null;
        this.headerWritten = !gzip;
        this.header = gzip ? DeflateFraming.gzipHeader(level, strategy) : null;
    }

    /** The JDK has no Z_RLE or Z_FIXED: those fall back to the default strategy (still valid deflate). */
    static int jdkStrategy(int strategy) {
        return switch (strategy) {
            case ZlibConstants.Z_FILTERED -> Deflater.FILTERED;
            case ZlibConstants.Z_HUFFMAN_ONLY -> Deflater.HUFFMAN_ONLY;
            default -> Deflater.DEFAULT_STRATEGY;
        };
    }

    @Override
    void onInput() {
        fresh = true;
    }

    @Override
    void params(int level, int strategy) {
        pendingLevel = level;
        pendingStrategy = strategy;
    }

    @Override
    boolean run(int flush, Output out) {
        if (done) {
            // After Z_FINISH zlib accepts nothing more; Node's later writes produce nothing either.
            inPos = inEnd;
            return false;
        }
        if (!headerWritten) {
            out.write(header, 0, header.length);
            headerWritten = true;
        }
        if (pendingLevel != Integer.MIN_VALUE) {
            deflater.setLevel(pendingLevel);
            deflater.setStrategy(jdkStrategy(pendingStrategy));
            pendingLevel = Integer.MIN_VALUE;
        }
        if (fresh) {
            fresh = false;
            int len = inEnd - inPos;
            if (crc != null) {
                crc.update(in, inPos, len);
            }
            deflater.setInput(in, inPos, len);
            inPos = inEnd;
        }
        boolean finish = flush == ZlibConstants.Z_FINISH;
        if (finish) {
            deflater.finish();
        }
        int mode = switch (flush) {
            case ZlibConstants.Z_NO_FLUSH, ZlibConstants.Z_FINISH -> Deflater.NO_FLUSH;
            case ZlibConstants.Z_FULL_FLUSH -> Deflater.FULL_FLUSH;
            default -> Deflater.SYNC_FLUSH;
        };
        try {
            while (true) {
                int room = out.room();
                if (room == 0) {
                    return true;
                }
                int n = deflater.deflate(out.array(), out.position(), room, mode);
                out.advance(n);
                if (finish) {
                    if (deflater.finished()) {
                        done = true;
                        if (crc != null) {
                            writeTrailer(out);
                        }
                        return false;
                    }
                } else if (n < room && deflater.needsInput()) {
                    // NO_FLUSH: all input taken; SYNC/FULL: the flush is complete once output is not full.
                    // needsInput() too, because after setLevel/setStrategy the JDK spends one deflate()
                    // call on deflateParams alone, which returns short having taken none of the input
                    // when the level keeps zlib's compress function (6 -> 7): taken as the end, that lost
                    // the chunk.
                    return false;
                }
            }
        } finally {
            long read = deflater.getBytesRead();
            bytesRead += read - readBefore;
            readBefore = read;
        }
    }

    private void writeTrailer(Output out) {
        byte[] t = DeflateFraming.gzipTrailer(crc.getValue(), deflater.getBytesRead());
        out.write(t, 0, t.length);
    }

    @Override
    void release() {
        deflater.end();
    }
}
