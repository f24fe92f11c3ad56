package io.sluice.testing;

import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.UnaryOperator;

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

    /** The spec {@code tokens} with token {@code i} replaced by {@code value}, joined by spaces. */
    public static String with(String[] tokens, int i, String value) {
        String[] u = tokens.clone();
        u[i] = value;
        return String.join(" ", u);
    }

    /** Candidates dropping one token each, from index {@code from} on (a spec's ops, typically). */
    public static List<String> withoutEach(String[] tokens, int from) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < tokens.length; i++) {
            List<String> l = new ArrayList<>(List.of(tokens));
            l.remove(i);
            out.add(String.join(" ", l));
        }
        return out;
    }

    /**
     * The tests' {@code -D<prefix>.shrink} output: shrinks the first {@code max} disagreeing specs and
     * prints each distinct minimal one ({@code MINIMAL <spec>}) followed by what {@code describe}
     * says of it.
     */
    public static void printMinimal(Iterable<String> disagreeing, int max, UnaryOperator<String> shrink,
            Function<String, String> describe) {
        Map<String, String> minimal = new LinkedHashMap<>();
        int n = 0;
        for (String s : disagreeing) {
            if (n++ >= max) {
                break;
            }
            minimal.computeIfAbsent(shrink.apply(s), describe);
        }
        minimal.forEach((m, d) -> System.out.println("MINIMAL " + m + d));
    }

    /** A {@code describe} for {@link #printMinimal}: node's and Sluice's traces of the spec, one line each. */
    public static Function<String, String> traces(Function<List<String>, List<String>> runNode, UnaryOperator<String> runJava) {
        return spec -> "\n node:   " + runNode.apply(List.of(spec)).get(0) + "\n sluice: " + runJava.apply(spec);
    }
}
