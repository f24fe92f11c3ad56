package io.sluice.zlib;

/**
 * Node's Unzip: a gzip stream if the first two bytes are 1f 8b, otherwise a zlib stream, decided as
 * zlib.cc decides (waiting for the second byte when the first chunk is just 0x1f). The chosen codec
 * then does all the work; the held 0x1f byte is replayed to it.
 */
final class UnzipCodec extends Codec {
    private final byte[] dictionary;
    private Codec inner;
    private boolean sawId1;
    private boolean fresh;

    UnzipCodec(byte[] dictionary) {
        this.dictionary = dictionary;
    }

    @Override
    void onInput() {
        fresh = true;
    }

    @Override
    boolean run(int flush, Output out) {
        if (inner == null) {
            if (inPos == inEnd) {
                return endOfInput(flush);
            }
            int b = in[inPos] & 0xff;
            if (!sawId1 && b == 0x1f) {
                sawId1 = true;
                inPos++;
                if (inPos == inEnd) {
                    return endOfInput(flush);
                }
                b = in[inPos] & 0xff;
            }
            boolean gzip = sawId1 && b == 0x8b;
            inner = gzip ? new GunzipCodec() : new InflateCodec(false, dictionary);
            if (sawId1) {
                // Replay the held first byte together with this chunk's rest (one small copy, once).
                byte[] joined = new byte[1 + inEnd - inPos];
                joined[0] = 0x1f;
                System.arraycopy(in, inPos, joined, 1, inEnd - inPos);
                inner.setInput(joined, 0, joined.length);
            } else {
                inner.setInput(in, inPos, inEnd - inPos);
            }
        } else if (fresh) {
            inner.setInput(in, inPos, inEnd - inPos);
        }
        fresh = false;
        long before = inner.bytesRead;
        try {
            return inner.run(flush, out);
        } finally {
            bytesRead += inner.bytesRead - before;
            if (inner.in == in) {
                inPos = inner.inPos;
            } else {
                inPos = inEnd - (inner.inEnd - inner.inPos);
            }
        }
    }

    @Override
    void release() {
        if (inner != null) {
            inner.end();
        }
    }
}
