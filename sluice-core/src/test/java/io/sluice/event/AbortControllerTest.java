package io.sluice.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.error.AbortException;
import io.sluice.error.ErrorCodes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AbortController/AbortSignal, each case checked against Node 20 (see the comments). */
class AbortControllerTest {

    @Test
    void abortDispatchesOnceDedupesAndCallsListenersAddedDuringDispatch() {
        // Node 20: [ 'f', 'g', 'h', 'late' ] true AbortError This operation was aborted
        AbortController c = new AbortController();
        AbortSignal s = c.signal();
        List<String> log = new ArrayList<>();
        Runnable f = () -> log.add("f");
        s.addEventListener(f).addEventListener(f);
        s.addEventListener(() -> {
            log.add("g");
            s.addEventListener(() -> log.add("late"));
        });
        s.addEventListener(() -> log.add("h"));
        assertThat(s.aborted()).isFalse();
        assertThat(s.reason()).isNull();
        assertThat(s.listenerCount()).isEqualTo(3);

        c.abort();
        c.abort("again");
        assertThat(log).containsExactly("f", "g", "h", "late");
        assertThat(s.aborted()).isTrue();
        assertThat(s.reason()).isInstanceOf(AbortException.class);
        AbortException reason = (AbortException) s.reason();
        assertThat(reason.getMessage()).isEqualTo("This operation was aborted");
        assertThat(reason.code()).isEqualTo(ErrorCodes.ABORT_ERR);
        assertThat(reason.nodeName()).isEqualTo("AbortError");
        assertThatThrownBy(s::throwIfAborted).isSameAs(reason);

        s.addEventListener(() -> log.add("after"));
        assertThat(s.listenerCount()).isZero();
        assertThat(log).hasSize(4);
    }

    @Test
    void removedListenerIsNotCalled() {
        AbortController c = new AbortController();
        List<String> log = new ArrayList<>();
        Runnable a = () -> log.add("a");
        Runnable b = () -> log.add("b");
        c.signal().addEventListener(() -> c.signal().removeEventListener(b)).addEventListener(a).addEventListener(b);
        c.signal().removeEventListener(a);
        c.abort("why");
        assertThat(log).isEmpty();
        assertThat(c.signal().reason()).isEqualTo("why");
    }

    @Test
    void dispatchWalksTheLiveListAsNodeDoes() {
        // Node 20: "a b e" - a removes itself (b still runs), b removes d (never runs), e removes
        // and re-adds itself while last (not run again): each handler's next is read before its call
        AbortController c = new AbortController();
        AbortSignal s = c.signal();
        List<String> log = new ArrayList<>();
        Runnable d = () -> log.add("d");
        Runnable[] self = new Runnable[2];
        self[0] = () -> {
            log.add("a");
            s.removeEventListener(self[0]);
        };
        Runnable b = () -> {
            log.add("b");
            s.removeEventListener(d);
        };
        self[1] = () -> {
            log.add("e");
            s.removeEventListener(self[1]);
            s.addEventListener(self[1]);
        };
        s.addEventListener(self[0]).addEventListener(b).addEventListener(d).addEventListener(self[1]);
        assertThat(s.listenerCount()).isEqualTo(4);
        c.abort();
        assertThat(log).containsExactly("a", "b", "e");
        assertThat(s.listenerCount()).isZero();

        // Node 20: "x" - x removes y, the last, and adds z: z hangs after x, but the walk goes on
        // from y, whose next was nothing
        AbortController c2 = new AbortController();
        List<String> log2 = new ArrayList<>();
        Runnable y = () -> log2.add("y");
        c2.signal().addEventListener(() -> {
            log2.add("x");
            c2.signal().removeEventListener(y);
            c2.signal().addEventListener(() -> log2.add("z"));
        }).addEventListener(y);
        c2.abort();
        assertThat(log2).containsExactly("x");
    }

    @Test
    void staticAbortAndAny() {
        // Node 20: true why / any fired r3
        AbortSignal a = AbortSignal.abort("why");
        assertThat(a.aborted()).isTrue();
        assertThat(a.reason()).isEqualTo("why");
        // Node 20: AbortError, "This operation was aborted" (DOMException code 20 = ABORT_ERR)
        assertThat(AbortSignal.abort().reason()).isInstanceOfSatisfying(AbortException.class, r -> {
            assertThat(r.getMessage()).isEqualTo("This operation was aborted");
            assertThat(r.code()).isEqualTo(ErrorCodes.ABORT_ERR);
        });

        AbortController c2 = new AbortController();
        AbortController c3 = new AbortController();
        AbortSignal any = AbortSignal.any(c2.signal(), c3.signal());
        List<Object> fired = new ArrayList<>();
        any.addEventListener(() -> fired.add(any.reason()));
        c3.abort("r3");
        c2.abort("r2");
        assertThat(fired).containsExactly("r3");
        assertThat(AbortSignal.any(new AbortController().signal(), a).reason()).isEqualTo("why");
    }

    @Test
    void everyListenerRunsThenTheFirstFailureIsThrown() {
        // Node 20 runs the later listener ("after throw still runs") and reports the error as uncaught.
        AbortController c = new AbortController();
        List<String> log = new ArrayList<>();
        IllegalStateException x = new IllegalStateException("x");
        c.signal().addEventListener(() -> { throw x; });
        c.signal().addEventListener(() -> log.add("after throw still runs"));
        c.signal().addEventListener(() -> { throw new IllegalArgumentException("y"); });
        assertThatThrownBy(c::abort).isSameAs(x);
        assertThat(x.getSuppressed()).hasSize(1);
        assertThat(log).containsExactly("after throw still runs");
        assertThat(c.signal().aborted()).isTrue();
    }

    @Test
    void throwIfAbortedWrapsWhatJavaCannotThrow() {
        new AbortController().signal().throwIfAborted(); // not aborted: returns
        IOException io = new IOException("io");
        assertThatThrownBy(() -> AbortSignal.abort(io).throwIfAborted())
                .isInstanceOf(AbortException.class).hasMessage("This operation was aborted").hasCause(io);
        assertThatThrownBy(() -> AbortSignal.abort("text").throwIfAborted())
                .isInstanceOf(AbortException.class).hasMessage("This operation was aborted").hasNoCause()
                .satisfies(e -> assertThat(((AbortException) e).code()).isEqualTo(ErrorCodes.ABORT_ERR));
    }
}
