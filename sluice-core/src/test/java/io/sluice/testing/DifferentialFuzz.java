package io.sluice.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Assumptions;

/**
 * The random run the spec-language differential tests share: generate specs from a seed, run them
 * all in node (one batch) and each in Sluice, and fail with every disagreeing spec and both traces.
 * Knobs, all under the test's property prefix: {@code .count}, {@code .seed}, {@code .print} (the
 * first N Sluice traces), {@code .shrink} / {@code .shrinkMax} ({@link SpecShrinker#printMinimal}),
 * and {@code .spec} for {@link #oneSpec}. Skips cleanly without node.
 */
public final class DifferentialFuzz {
    /** The seed every one of these tests starts from unless {@code <prefix>.seed} says otherwise. */
    public static final long DEFAULT_SEED = 20261127L;

    private DifferentialFuzz() {}

    /** Whether node's and Sluice's traces of a spec agree (after the test's gates). */
    public interface Agreement {
        boolean agrees(String spec, String node, String java);
    }

    /** One test's spec language: how to make, run, judge and shrink its specs. */
    public record Language(String prefix, Function<Random, String> generate, Function<List<String>, List<String>> runNode,
            UnaryOperator<String> runJava, Agreement agreement, UnaryOperator<String> shrink) {}

    /** The random run: {@code <prefix>.count} specs (default {@code defaultCount}) must all agree. */
    public static void assertAgree(Language l, int defaultCount) {
        Assumptions.assumeTrue(NodeOracle.available(), NodeOracle.SKIP_MESSAGE);
        Random rnd = new Random(Long.getLong(l.prefix() + ".seed", DEFAULT_SEED));
        List<String> specs = new ArrayList<>();
        for (int i = 0; i < Integer.getInteger(l.prefix() + ".count", defaultCount); i++) {
            specs.add(l.generate().apply(rnd));
        }
        List<String> node = l.runNode().apply(specs);
        Map<String, String> diffs = new LinkedHashMap<>();
        int print = Integer.getInteger(l.prefix() + ".print", 0);
        for (int i = 0; i < specs.size(); i++) {
            String java = l.runJava().apply(specs.get(i));
            if (i < print) {
                System.out.println("SAMPLE " + specs.get(i) + "\n " + java);
            }
            if (!l.agreement().agrees(specs.get(i), node.get(i), java)) {
                diffs.put(specs.get(i), "\n node:   " + node.get(i) + "\n sluice: " + java);
            }
        }
        if (Boolean.getBoolean(l.prefix() + ".shrink") && !diffs.isEmpty()) {
            SpecShrinker.printMinimal(diffs.keySet(), Integer.getInteger(l.prefix() + ".shrinkMax", 30), l.shrink(),
                    SpecShrinker.traces(l.runNode(), l.runJava()));
        }
        assertThat(diffs).as("specs where Sluice and node disagree (%d of %d)", diffs.size(), specs.size()).isEmpty();
    }

    /** Exploration aid: prints both traces of each spec in {@code -D<prefix>.spec='a;b'}. */
    public static void oneSpec(Language l) {
        String spec = System.getProperty(l.prefix() + ".spec");
        Assumptions.assumeTrue(spec != null && NodeOracle.available(), "set -D" + l.prefix() + ".spec to run one spec");
        for (String one : spec.split(";")) {
            String node = l.runNode().apply(List.of(one)).get(0);
            String java = l.runJava().apply(one);
            System.out.println("SPEC " + one + "\n node:   " + node + "\n sluice: " + java
                    + "\n same: " + l.agreement().agrees(one, node, java));
        }
    }
}
