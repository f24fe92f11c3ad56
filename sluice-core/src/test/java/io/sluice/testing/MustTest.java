package io.sluice.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.error.ErrorCodes;
import io.sluice.error.NodeException;
import io.sluice.error.NodeRangeException;
import io.sluice.loop.EventLoop;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The harness must catch what it promises to catch; a harness that never fails proves nothing. */
class MustTest {

    @Test
    void exactCallsPass() {
        int[] n = {0};
        Must.run(() -> {
            Runnable twice = Must.call(() -> n[0]++, 2);
            EventLoop.current().nextTick(twice);
            EventLoop.current().setImmediate(twice);
            Must.call().run();
            Must.<String>callConsumer(s -> n[0] += s.length()).accept("abc");
            Must.<String, Integer>callBiConsumer((a, b) -> n[0] += b).accept("x", 10);
            Must.callAtLeast(() -> {}, 1).run();
            Runnable atLeast = Must.callAtLeast(() -> {}, 1);
            atLeast.run();
            atLeast.run();
            Must.call(Must.notCall(), 0); // registered, never called: fine
        });
        assertThat(n[0]).isEqualTo(15);
    }

    @Test
    void aMissingCallFailsVerificationNamingTheCallSite() {
        int line = currentLine() + 2;
        assertThatThrownBy(() -> Must.run(() -> {
            Runnable r = Must.call(() -> {}, 2);
            EventLoop.current().nextTick(r);
        }))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Mismatched function calls. Expected exactly 2, actual 1.")
                .hasMessageContaining("MustTest.java:" + line);
    }

    @Test
    void aFunctionNeverCalledFailsVerification() {
        assertThatThrownBy(() -> Must.run(() -> Must.callConsumer(v -> {})))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected exactly 1, actual 0.");
    }

    @Test
    void anExtraCallFailsVerification() {
        assertThatThrownBy(() -> Must.run(() -> {
            Runnable once = Must.call();
            once.run();
            once.run();
        })).isInstanceOf(AssertionError.class).hasMessageContaining("Expected exactly 1, actual 2.");
    }

    @Test
    void tooFewForCallAtLeastFails() {
        assertThatThrownBy(() -> Must.run(() -> Must.callAtLeast(() -> {}, 2).run()))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Expected at least 2, actual 1.");
    }

    @Test
    void everyProblemIsListed() {
        assertThatThrownBy(() -> Must.run(() -> {
            Must.call();
            Must.call(() -> {}, 3);
        })).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected exactly 1, actual 0.")
                .hasMessageContaining("Expected exactly 3, actual 0.");
    }

    @Test
    void notCallFailsImmediatelyAndStopsTheLoop() {
        int line = currentLine() + 3;
        int[] after = {0};
        assertThatThrownBy(() -> Must.run(() -> {
            EventLoop.current().nextTick(Must.notCall("the tick is cancelled"));
            EventLoop.current().nextTick(() -> after[0]++);
        }))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("the tick is cancelled at ")
                .hasMessageContaining("MustTest.java:" + line);
        assertThat(after[0]).isZero();
    }

    @Test
    void notCallIsReportedEvenIfTheCodeUnderTestSwallowsTheError() {
        assertThatThrownBy(() -> Must.run(() -> {
            Consumer<String> c = Must.notCallConsumer();
            try {
                c.accept("value");
            } catch (AssertionError swallowed) {
                // a sloppy library catching Throwable
            }
        })).isInstanceOf(AssertionError.class)
                .hasMessageContaining("function should not have been called")
                .hasMessageContaining("(called with [value])");
    }

    @Test
    void notCallBiConsumerAndListenerFail() {
        BiConsumer<String, Integer> b = Must.notCallBiConsumer();
        assertThatThrownBy(() -> b.accept("a", 1)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("(called with [a, 1])");
        assertThatThrownBy(() -> Must.notCallListener().handle("x")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("(called with [x])");
    }

    @Test
    void expectsErrorChecksCodeTypeAndMessageAndCountsAsAMustCall() {
        Must.run(() -> {
            Consumer<Throwable> ok = Must.expectsError(ErrorCodes.ERR_OUT_OF_RANGE, NodeRangeException.class);
            EventLoop.current().nextTick(() -> ok.accept(new NodeRangeException(ErrorCodes.ERR_OUT_OF_RANGE, "r")));
            Must.expectsError(ErrorCodes.ERR_STREAM_DESTROYED, NodeException.class,
                    "Cannot call write after a stream was destroyed")
                    .accept(new NodeException(ErrorCodes.ERR_STREAM_DESTROYED,
                            "Cannot call write after a stream was destroyed"));
        });
        assertThatThrownBy(() -> Must.run(() -> Must.expectsError(ErrorCodes.ERR_OUT_OF_RANGE, NodeException.class)
                .accept(new NodeException(ErrorCodes.ERR_STREAM_DESTROYED, "x"))))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected code ERR_OUT_OF_RANGE but got ERR_STREAM_DESTROYED");
        assertThatThrownBy(() -> Must.run(() -> Must.expectsError(null, IllegalStateException.class)
                .accept(new IllegalArgumentException("x"))))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected java.lang.IllegalStateException but got java.lang.IllegalArgumentException");
        assertThatThrownBy(() -> Must.run(() -> Must.expectsError(ErrorCodes.ERR_OUT_OF_RANGE, NodeException.class)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected exactly 1, actual 0.");
    }

    @Test
    void callOutsideAScopeIsAnError() {
        assertThatThrownBy(Must::call).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("outside Must.run");
    }

    @Test
    void loopFailureIsRethrownWithCallCountProblemsAttached() {
        IllegalStateException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> Must.run(() -> {
            Must.call(); // never called because the loop dies first
            EventLoop.current().nextTick(() -> {
                throw boom;
            });
        })).isSameAs(boom).satisfies(t -> assertThat(t.getSuppressed()).singleElement()
                .satisfies(s -> assertThat(s).hasMessageContaining("Expected exactly 1, actual 0.")));
    }

    @Test
    void callsRegisteredOnAnotherThreadCountForTheActiveRun() {
        Must.run(() -> {
            EventLoop loop = EventLoop.current();
            loop.offload(() -> Must.call(), Must.callBiConsumer((r, err) -> r.run()));
        });
    }

    @Test
    void beginScopeVerifiesAStartedLoop() throws Exception {
        EventLoop loop = EventLoop.start("must-test-loop");
        try {
            CountDownLatch done = new CountDownLatch(1);
            assertThatThrownBy(() -> {
                try (Must.Scope scope = Must.begin()) {
                    Runnable twice = Must.call(done::countDown, 2);
                    loop.execute(twice);
                    assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
                    assertThat(scope.problems()).hasSize(1);
                }
            }).isInstanceOf(AssertionError.class).hasMessageContaining("Expected exactly 2, actual 1.");
        } finally {
            loop.shutdown();
            assertThat(loop.awaitTermination(Duration.ofSeconds(20))).isTrue();
        }
    }

    private static int currentLine() {
        return StackWalker.getInstance().walk(s -> s.skip(1).findFirst().orElseThrow().getLineNumber());
    }
}
