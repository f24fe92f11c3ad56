/**
 * Node's {@code zlib} module: gzip, deflate (zlib and raw) and Brotli as {@link io.sluice.stream.Transform}
 * streams ({@link io.sluice.zlib.ZlibStream}), one-shot helpers and constants ({@link io.sluice.zlib.Zlib},
 * {@link io.sluice.zlib.ZlibConstants}).
 *
 * <p>gzip framing (RFC 1952 header flags, CRC32, ISIZE, concatenated members) is parsed by Sluice on top
 * of {@link java.util.zip.Inflater}, never through {@code GZIPInputStream}, whose multi-member and
 * trailing-garbage behaviour has changed between JDK update releases. Compression runs off the event loop
 * (one job per written chunk) except for small chunks, which are cheaper to do inline than to hand over.
 * Every decompressor honours {@link io.sluice.zlib.ZlibOptions#maxOutputLength}, streams included.
 */
package io.sluice.zlib;
