/**
 * Node's {@code EventEmitter}: synchronous, ordered listeners for typed ({@link io.sluice.event.Event})
 * and string-named events, with Node's {@code 'error'}, {@code 'newListener'} and
 * {@code 'removeListener'} rules ({@link io.sluice.event.EventEmitter}); the max-listeners
 * warning and the hook that receives it ({@link io.sluice.event.Warnings}); and the web
 * platform's cancellation pair, {@link io.sluice.event.AbortController} and
 * {@link io.sluice.event.AbortSignal}, which streams accept as their {@code signal} option.
 *
 * <p>Everything here except {@link io.sluice.event.Event} and {@link io.sluice.event.Warnings} is
 * confined to one thread (the event loop that owns it), as in Node, and has no locks.
 */
package io.sluice.event;
