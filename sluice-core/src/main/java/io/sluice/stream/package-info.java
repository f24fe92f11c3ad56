/**
 * Node's streams: {@code Readable}, {@code Writable}, {@code Duplex}, {@code Transform},
 * {@code PassThrough}, with {@code pipe}, {@code pipeline} and {@code finished}, highWaterMark
 * backpressure and objectMode, on an {@link io.sluice.loop.EventLoop}.
 */
package io.sluice.stream;
