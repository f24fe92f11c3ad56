/**
 * The event loop every stream runs on: one thread with Node's nextTick, microtask, timer and
 * immediate queues, in Node's order.
 *
 * <p>{@link io.sluice.loop.EventLoop} is the loop ({@code EventLoop.run(main)} is
 * {@code node main.js}); {@link io.sluice.loop.Timer} is the handle of a timeout, interval or
 * immediate; {@link io.sluice.loop.KeepAlive} holds a loop open for work that will arrive from
 * another thread; {@link io.sluice.loop.CallbackKind} is a diagnostic for tests that assert in
 * which phase something happened.
 */
package io.sluice.loop;
