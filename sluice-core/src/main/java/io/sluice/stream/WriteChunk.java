package io.sluice.stream;

/**
 * One buffered write handed to {@code doWritev}: Node's {@code {chunk, encoding}} entry. In byte
 * mode with {@code decodeStrings} (the default) the chunk is a {@link io.sluice.buffer.Buffer} and
 * the encoding {@code "buffer"}; otherwise the chunk is what was written and the encoding the
 * one given to {@code write} (null in objectMode when none was given).
 *
 * @param chunk the written value, never null
 * @param encoding {@code "buffer"}, an encoding name, or null
 * @param <T> the writable side's chunk type
 */
public record WriteChunk<T>(T chunk, String encoding) {}
