/**
 * Probes: small mains that time one aspect of the library in isolation, steadier than a twin
 * because they measure the loop thread's CPU time and take the best of several runs. For finding
 * where a figure's time goes, not for reporting figures. Not run in CI.
 */
package io.sluice.bench.probe;
