package io.sluice.zlib;

import java.util.zip.Adler32;

/**
 * The bytes around raw deflate data that the compressors write themselves, as zlib writes them:
 * the gzip wrapper (RFC 1952) and the zlib wrapper (RFC 1950). The JDK's Deflater writes only
 * the zlib wrapper, and not for blocks compressed apart, so {@link DeflateCodec} (gzip) and
 * {@link ParallelDeflate} (gzip and zlib) frame their output here.
 */
final class DeflateFraming {
    private DeflateFraming() {}

    /** zlib's gzip header: no name, mtime 0, XFL from the level and strategy (zlib's rule), OS 3. */
    static byte[] gzipHeader(int level, int strategy) {
        int xfl = level == 9 ? 2 : (strategy >= ZlibConstants.Z_HUFFMAN_ONLY || (level >= 0 && level < 2)) ? 4 : 0;
        return new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, (byte) xfl, 3};
    }

    /** The gzip trailer: CRC32 of the input, then its size modulo 2^32, both little-endian. */
    static byte[] gzipTrailer(long crc, long size) {
        return new byte[] {
            (byte) crc, (byte) (crc >>> 8), (byte) (crc >>> 16), (byte) (crc >>> 24),
            (byte) size, (byte) (size >>> 8), (byte) (size >>> 16), (byte) (size >>> 24)
        };
    }

    /**
     * zlib's header: CMF 0x78 (32 KiB window), FLEVEL as zlib sets it, and with a dictionary FDICT
     * plus the dictionary's Adler-32 (DICTID).
     */
    static byte[] zlibHeader(int level, int strategy, byte[] dictionary) {
        int lvl = level == -1 ? 6 : level;
        int flevel = strategy >= ZlibConstants.Z_HUFFMAN_ONLY || lvl < 2 ? 0 : lvl < 6 ? 1 : lvl == 6 ? 2 : 3;
        int h = (0x78 << 8) | (flevel << 6) | (dictionary != null ? 0x20 : 0);
        h += 31 - h % 31;
        if (dictionary == null) {
            return new byte[] {(byte) (h >>> 8), (byte) h};
        }
        Adler32 a = new Adler32();
        a.update(dictionary);
        long id = a.getValue();
        return new byte[] {(byte) (h >>> 8), (byte) h, (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id};
    }

    /** The zlib trailer: Adler-32 of the input, big-endian. */
    static byte[] zlibTrailer(long adler) {
        return new byte[] {(byte) (adler >>> 24), (byte) (adler >>> 16), (byte) (adler >>> 8), (byte) adler};
    }
}
