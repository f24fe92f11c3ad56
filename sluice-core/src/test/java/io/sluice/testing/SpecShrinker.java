package io.sluice.testing;

import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * The greedy minimiser the random differential tests share: while some simpler candidate of the
 * current spec still disagrees with node, take the first such candidate. Node is asked for a whole
 * round of candidates in one call (one node process per round, not per candidate); each test
 * supplies its grammar's candidates and its notion of "disagrees" (which runs the Java side).
 */
public final class SpecShrinker {
    private SpecShrinker() {}

    /**
     * @param spec a spec that disagrees
     * @param candidates the simpler specs to try for a spec, best first
     * @param runNode node's traces for a list of specs, in order
     * @param disagrees whether a candidate, given node's trace for it, still disagrees
     * @param maxRounds a bound on the rounds (each round shortens the spec by at least one step)
     * @return the smallest disagreeing spec found
     */
    public static String shrink(String spec, Function<String, List<String>> candidates,
            Function<List<String>, List<String>> runNode, BiPredicate<String, String> disagrees, int maxRounds) {
        String cur = spec;
        for (int round = 0; round < maxRounds; round++) {
            List<String> cands = candidates.apply(cur).stream().distinct().toList();
            if (cands.isEmpty()) {
                break;
            }
            List<String> node = runNode.apply(cands);
            String next = null;
            for (int i = 0; i < cands.size() && next == null; i++) {
                if (disagrees.test(cands.get(i), node.get(i))) {
                    next = cands.get(i);
                }
            }
            if (next == null) {
                break;
            }
            cur = next;
        }
        return cur;
    }
}
