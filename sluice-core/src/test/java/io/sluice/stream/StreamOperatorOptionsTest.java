package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.error.NodeError;
import io.sluice.event.AbortController;
import io.sluice.loop.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

/**
 * The helpers' options Node 20 takes beyond map/filter/flatMap: {@code signal} on take, drop,
 * toArray, reduce and forEach; {@code concurrency} and {@code signal} on some, every and find.
 * Each case runs the same script as node (an objectMode source pushing 1..n, each on its own
 * setImmediate, whose push hook may abort) and compares the outcome, and the source's state 20 ms
 * after it, with node v20's, recorded here as the expected strings.
 */
class StreamOperatorOptionsTest {
    private static final String AB = "AbortError/ABORT_ERR/The operation was aborted";

    /** An objectMode source pushing 1..n, then null, each push on an immediate; onPush(i) runs before it. */
    private static Readable<Integer> source(int n, IntConsumer onPush) {
        int[] i = {0};
        return new Readable<>(StreamOptions.create().objectMode(true).doRead((Readable<Integer> self, long size) ->
                EventLoop.current().setImmediate(() -> {
                    i[0]++;
                    if (onPush != null) {
                        onPush.accept(i[0]);
                    }
                    self.push(i[0] <= n ? i[0] : null);
                })));
    }

    private static String describe(Throwable e) {
        if (e == null) {
            return "null";
        }
        String s = ((NodeError) e).nodeName() + "/" + ((NodeError) e).code() + "/" + e.getMessage();
        return e.getCause() == null ? s : s + " cause=" + e.getCause().getMessage();
    }

    /** node's line for one case: {@code ok <json> | src destroyed=<b> errored=<error>}. */
    private static String run(BiFunction<Readable<Integer>[], AbortController, CompletableFuture<?>> body, int n, int abortAt,
            boolean abortWithReason) {
        String[] line = {null};
        EventLoop.run(() -> {
            AbortController ac = new AbortController();
            @SuppressWarnings("unchecked")
            Readable<Integer>[] src = new Readable[1];
            src[0] = source(n, i -> {
                if (i == abortAt) {
                    abort(ac, abortWithReason);
                }
            });
            if (abortAt == 0) {
                abort(ac, abortWithReason);
            }
            body.apply(src, ac).whenComplete((v, e) -> {
                Throwable err = e instanceof CompletionException ce ? ce.getCause() : e;
                String out = err == null ? "ok " + json(v) : "err " + describe(err);
                EventLoop.current().setTimeout(() -> line[0] = out + " | src destroyed=" + src[0].destroyed()
                        + " errored=" + describe(src[0].errored()), 20);
            });
        });
        return line[0];
    }

    private static void abort(AbortController ac, boolean withReason) {
        if (withReason) {
            ac.abort(new Error("why"));
        } else {
            ac.abort();
        }
    }

    private static String json(Object v) {
        if (v instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            for (Object o : list) {
                parts.add(json(o));
            }
            return "[" + String.join(",", parts) + "]";
        }
        return v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
    }

    private static OperatorOptions signal(AbortController ac) {
        return OperatorOptions.create().signal(ac.signal());
    }

    @Test
    void toArrayChecksItsSignalAsEachItemArrives() {
        assertThat(run((s, ac) -> Operators.toList(s[0], signal(ac)), 4, 2, true))
                .isEqualTo("err " + AB + " cause=why"
                        + " | src destroyed=true errored=" + AB);
        // Aborted before the call, but no item ever comes: node resolves.
        assertThat(run((s, ac) -> Operators.toList(s[0], signal(ac)), 0, 0, false))
                .isEqualTo("ok [] | src destroyed=true errored=null");
    }

    @Test
    void reduceDestroysTheSourceWhenAlreadyAbortedAndChecksEachItemLater() {
        assertThat(run((s, ac) -> Operators.reduce(s[0], (Integer a, Integer b) -> a + b, 0, signal(ac)), 3, 0, true))
                .isEqualTo("err " + AB + " cause=why | src destroyed=true errored=" + AB + " cause=why");
        assertThat(run((s, ac) -> Operators.reduce(s[0], (Integer a, Integer b) -> a + b, 0, signal(ac)), 4, 2, true))
                .isEqualTo("err " + AB + " | src destroyed=true errored=" + AB);
    }

    @Test
    void someAndFindTakeConcurrencyAndKeepInputOrder() {
        assertThat(run((s, ac) -> Operators.some(s[0], x -> x == 3, OperatorOptions.create().concurrency(2)), 5, -1, false))
                .isEqualTo("ok true | src destroyed=true errored=" + AB);
        assertThat(run((s, ac) -> Operators.some(s[0], x -> x == 9, OperatorOptions.create().concurrency(2)), 3, -1, false))
                .isEqualTo("ok false | src destroyed=true errored=null");
        assertThat(run((s, ac) -> Operators.find(s[0], x -> x % 2 == 0, OperatorOptions.create().concurrency(3)), 5, -1, false))
                .isEqualTo("ok 2 | src destroyed=true errored=" + AB);
    }

    /** Which items some/find test, node v20: one-by-one without concurrency, read ahead with it. */
    @Test
    void someAndFindTestNoItemPastTheMatchWithoutConcurrency() {
        for (boolean sync : new boolean[] {false, true}) {
            List<String> out = new ArrayList<>();
            EventLoop.run(() -> {
                AbortController ac = new AbortController();
                List<Integer> c1 = new ArrayList<>();
                List<Integer> c2 = new ArrayList<>();
                List<Integer> c3 = new ArrayList<>();
                Operators.some(numbers(sync), x -> c1.add(x) && x == 2, signal(ac)).thenCompose(r1 ->
                        Operators.find(numbers(sync), x -> c2.add(x) && x == 2, signal(ac)).thenCompose(r2 ->
                                Operators.some(numbers(sync), x -> c3.add(x) && x == 2, OperatorOptions.create().concurrency(2))
                                        .thenAccept(r3 -> out.add("some " + r1 + " " + join(c1) + " | find " + r2 + " " + join(c2)
                                                + " | some c2 " + r3 + " " + join(c3)))));
            });
            assertThat(out).as(sync ? "sync" : "imm").containsExactly(sync
                    ? "some true 1,2 | find 2 1,2 | some c2 true 1,2,3,4"
                    : "some true 1,2 | find 2 1,2 | some c2 true 1,2");
        }
    }

    private static Readable<Integer> numbers(boolean sync) {
        return sync ? Readables.from(List.of(1, 2, 3, 4, 5)) : source(5, null);
    }

    private static String join(List<Integer> xs) {
        return String.join(",", xs.stream().map(String::valueOf).toList());
    }

    @Test
    void everyFailsWithAnAbortErrorWhenItsSignalIsAborted() {
        assertThat(run((s, ac) -> Operators.every(s[0], x -> x > 0, signal(ac)), 4, 2, false))
                .isEqualTo("err " + AB + " | src destroyed=true errored=" + AB);
    }

    @Test
    void takeAndDropTakeASignal() {
        assertThat(run((s, ac) -> Operators.toList(Operators.take(s[0], 2, signal(ac))), 3, 0, false))
                .isEqualTo("err " + AB + " | src destroyed=false errored=null");
        assertThat(run((s, ac) -> Operators.toList(Operators.drop(s[0], 1, signal(ac))), 4, 3, false))
                .isEqualTo("err " + AB + " | src destroyed=true errored=" + AB);
    }

    @Test
    void anAbortedHelperClosesTheUnreadChainAboveIt() {
        // filter's signal aborted before anything is read: node's filter, once consumed, reads one
        // item through the map and returns, which destroys the map and the source.
        String[] map = {null};
        assertThat(run((s, ac) -> {
            Readable<Integer> m = Operators.map(s[0], x -> x);
            EventLoop.current().setTimeout(() -> map[0] = m.destroyed() + " " + describe(m.errored()), 19);
            return Operators.toList(Operators.filter(m, x -> true, signal(ac)));
        }, 3, 0, false)).isEqualTo("err %s | src destroyed=true errored=%s".formatted(AB, AB));
        assertThat(map[0]).isEqualTo("true " + AB);
    }

    @Test
    void someAsyncRunsConcurrentPredicates() {
        List<Integer> calls = new ArrayList<>();
        assertThat(run((s, ac) -> Operators.someAsync(s[0], x -> {
            calls.add(x);
            CompletableFuture<Boolean> f = new CompletableFuture<>();
            EventLoop.current().setImmediate(() -> f.complete(x == 4));
            return f;
        }, OperatorOptions.create().concurrency(2)), 6, -1, false))
                .isEqualTo("ok true | src destroyed=true errored=" + AB);
        // node v20 calls 1..5: two in flight plus one read ahead (highWaterMark concurrency - 1).
        assertThat(calls).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void forEachTakesASignal() {
        List<Integer> seen = new ArrayList<>();
        assertThat(run((s, ac) -> Operators.forEach(s[0], seen::add, signal(ac)).thenApply(v -> "seen " + String.join(",", seen.stream().map(String::valueOf).toList())), 4, 2, false))
                .isEqualTo("err " + AB + " | src destroyed=true errored=" + AB);
    }
}
