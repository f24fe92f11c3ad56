/**
 * JMH microbenchmarks of Sluice's hot paths (codecs, Buffer access, one stream hop), for
 * profiling the figures bench/compare reports; run with {@code bench/jmh}. Not run in CI.
 */
package io.sluice.bench.jmh;
