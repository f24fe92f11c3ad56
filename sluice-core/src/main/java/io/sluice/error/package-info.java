/**
 * Node's coded errors: {@link io.sluice.error.NodeError} (the {@code code()} every Sluice error
 * carries), the exception classes that map Node's {@code Error}, {@code TypeError},
 * {@code RangeError} and {@code AbortError} onto Java's hierarchy, and {@link io.sluice.error.Errors},
 * the factories that word them as Node does.
 */
package io.sluice.error;
