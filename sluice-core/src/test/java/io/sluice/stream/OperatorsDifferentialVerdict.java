package io.sluice.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How {@link OperatorsRandomDifferentialTest} compares node's and Sluice's trace of one spec: the
 * outcome, what the consumer received, uncaught errors, each function's calls (item and turn) and
 * the final state of every stream, with the gates listed on the test class (documented
 * divergences of {@link Operators}; G4, the read timing, unless {@code showDefects}).
 */
final class OperatorsDifferentialVerdict {
    private OperatorsDifferentialVerdict() {}

    private static final Pattern CALL = Pattern.compile("^([0-9][MFQ]|C)\\((.*)\\)$");
    private static final String ABORTED = "err AbortError/ABORT_ERR/";

    /**
     * The compared parts of a trace: the outcome ({@code none} for the 'data' and pipe consumers),
     * the consumer's entries ({@code data}, {@code w}, {@code !destroy}), each function's calls as
     * {@code turn:item}, uncaught errors and synchronous throws, and the streams' final states.
     */
    record Parts(String out, List<String> consumer, Map<String, List<String>> calls, List<String> odd, List<String> states) {
        static Parts of(String trace) {
            int cut = trace.indexOf(" || ");
            String body = trace.substring(0, cut);
            String out = "none";
            List<String> consumer = new ArrayList<>();
            Map<String, List<String>> calls = new TreeMap<>();
            List<String> odd = new ArrayList<>();
            for (String g : body.isEmpty() ? new String[0] : body.split(" \\| ")) {
                int colon = g.indexOf(": ");
                String turn = g.substring(0, colon);
                for (String e : g.substring(colon + 2).split(", ")) {
                    Matcher m = CALL.matcher(e);
                    if (e.startsWith("out ")) {
                        out = e.substring(4);
                    } else if (e.startsWith("data ") || e.startsWith("w ") || e.equals("!destroy")) {
                        consumer.add(e);
                    } else if (m.matches()) {
                        calls.computeIfAbsent(m.group(1), x -> new ArrayList<>()).add(turn + ":" + m.group(2));
                    } else if (e.startsWith("UNCAUGHT") || e.startsWith("THREW") || e.startsWith("LOOP")) {
                        odd.add(e);
                    }
                }
            }
            List<String> states = List.of(trace.substring(cut + 4).split(" (?=s[0-9]+:|w:)"));
            return new Parts(out, consumer, calls, odd, states);
        }

        /** Whether the run ended with the source's error (the outcome, or the last stream's state). */
        boolean failedWithSource() {
            if (!out.equals("none")) {
                return out.equals("err Error/-/src");
            }
            List<String> st = states.stream().filter(x -> !x.startsWith("w:")).toList();
            return st.getLast().endsWith(" Error/-/src");
        }
    }

    /** Whether one list is a prefix of the other. */
    static boolean prefix(List<String> a, List<String> b) {
        return a.size() <= b.size() ? prefixOf(a, b) : prefixOf(b, a);
    }

    /** Whether {@code a} is a prefix of {@code b}. */
    static boolean prefixOf(List<String> a, List<String> b) {
        return a.size() <= b.size() && b.subList(0, a.size()).equals(a);
    }

    private static List<String> unphased(List<String> calls) {
        return calls.stream().map(c -> c.substring(c.indexOf(':') + 1)).toList();
    }

    /** Destroyed streams compare equal whatever ended them (G3); a writable's state is kept. */
    private static String loose(String state) {
        return state.startsWith("w:") ? state : state.replaceAll(":D.*$", ":D*");
    }

    /** Why node's and Sluice's traces of {@code spec} disagree ("outcome", "calls", ...), or null. */
    static String disagreement(String spec, String node, String java, boolean showDefects) {
        Parts n = Parts.of(node);
        Parts j = Parts.of(java);
        String src = spec.substring(0, spec.indexOf(' '));
        boolean sourceFails = src.contains("x");
        boolean destroys = spec.matches(".* Cd[0-9].*");
        // G3: the run stops before the source is drained.
        boolean early = sourceFails || spec.matches(".* [MFQ][^ ]*x.*") || spec.matches(".* C.*x.*")
                || spec.contains(" K") || spec.contains(" T") || spec.matches(".* C[svf].*") || destroys;
        // G1: a helper's own signal is aborted. G2: an abort at a time that depends on read timing.
        boolean ownSignal = spec.contains(" K") && spec.matches(".* ([MFQ]|Ce)[^ ]*A.*");
        boolean timedAbort = spec.contains(" K") && !spec.contains(" Kb");
        // G4: Sluice's helpers take each item as it is read, node's a microtask later (after the ticks).
        boolean readTiming = !showDefects && (sourceFails || destroys);

        if (!n.odd().equals(j.odd())) {
            return "uncaught";
        }
        if (readTiming && n.failedWithSource()) {
            return null; // G4: node lost the race against the source's error, Sluice won it
        }
        if (!n.out().equals(j.out()) && !(ownSignal && j.out().startsWith(ABORTED))
                && !(timedAbort && (n.out().startsWith(ABORTED) || j.out().startsWith(ABORTED)))) {
            return "outcome";
        }
        boolean consumerOk = ownSignal || timedAbort ? prefix(n.consumer(), j.consumer()) : n.consumer().equals(j.consumer());
        if (!consumerOk && !(readTiming && n.out().equals(j.out()) && prefixOf(n.consumer(), j.consumer()))) {
            return "consumer";
        }
        Set<String> fns = new TreeSet<>(n.calls().keySet());
        fns.addAll(j.calls().keySet());
        for (String k : fns) {
            List<String> a = n.calls().getOrDefault(k, List.of());
            List<String> b = j.calls().getOrDefault(k, List.of());
            List<String> ua = unphased(a);
            List<String> ub = unphased(b);
            boolean same = early ? prefix(a, b) : a.equals(b);
            boolean sameItems = early ? prefix(ua, ub) : ua.equals(ub);
            if (!same && (showDefects || !sameItems)) {
                return "calls";
            }
        }
        if (n.states().size() != j.states().size()) {
            return "states";
        }
        for (int i = 0; i < n.states().size(); i++) {
            String a = n.states().get(i);
            String b = j.states().get(i);
            if (early ? loose(a).equals(loose(b)) : a.equals(b)) {
                continue;
            }
            if ((ownSignal || timedAbort) && a.startsWith("w:")) {
                continue; // G1/G2: node completed the pipe where Sluice's helper failed with ABORT_ERR
            }
            return "state";
        }
        return null;
    }
}
