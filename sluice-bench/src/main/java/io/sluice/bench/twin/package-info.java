/**
 * Java twins of the Node baseline scripts ({@code shared/bench/node/*.mjs}): one main class per
 * script, {@code <Script>Twin}, same workload, inputs, timing rule and output format, each
 * checking its results. Run side by side with Node by {@code bench/compare}; see BENCHMARKS.md.
 */
package io.sluice.bench.twin;
