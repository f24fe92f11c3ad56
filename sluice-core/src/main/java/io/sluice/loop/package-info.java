/**
 * The event loop every stream runs on: one thread with Node's nextTick, microtask, timer and
 * immediate queues, in Node's order.
 */
package io.sluice.loop;
