/** Java twins of Node's benchmark scripts and JMH microbenchmarks for Sluice's hot paths. */
package io.sluice.bench;
