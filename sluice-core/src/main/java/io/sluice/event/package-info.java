/**
 * Node's {@code EventEmitter}: synchronous, ordered listeners for typed ({@link io.sluice.event.Event})
 * and string-named events, with Node's {@code 'error'}, {@code 'newListener'} and
 * {@code 'removeListener'} rules.
 */
package io.sluice.event;
