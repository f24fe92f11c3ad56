package io.sluice.testing;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One {@code Must.call...} registration: how often the wrapped function must run, how often it
 * did, and where the test created it (so a failure points at the line, as Node's
 * {@code common.mustCall} does).
 */
final class Expectation {
    final int expected;
    final boolean atLeast;
    final StackTraceElement site;
    final AtomicInteger actual = new AtomicInteger();

    Expectation(int expected, boolean atLeast, StackTraceElement site) {
        this.expected = expected;
        this.atLeast = atLeast;
        this.site = site;
    }

    void called() {
        actual.incrementAndGet();
    }

    boolean satisfied() {
        int n = actual.get();
        return atLeast ? n >= expected : n == expected;
    }

    /** Node's wording: "Mismatched function calls. Expected exactly 2, actual 1." plus the call site. */
    String mismatch() {
        return "Mismatched function calls. Expected " + (atLeast ? "at least " : "exactly ") + expected
                + ", actual " + actual.get() + ". (registered at " + site + ")";
    }
}
