package io.sluice.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.error.NodeTypeException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Port of Node's test/parallel/test-event-emitter-remove-listeners.js. */
class EventEmitterRemoveListenersTest {
    private final Listener listener1 = args -> {};
    private final Listener listener2 = args -> {};

    @Test
    void removeListenerEventGetsNameAndListener() {
        EventEmitter ee = new EventEmitter();
        ee.on("hello", listener1);
        List<Object> seen = new ArrayList<>();
        ee.on("removeListener", args -> seen.add(List.of(args)));
        assertThat(ee.removeListener("hello", listener1)).isSameAs(ee);
        assertThat(seen).containsExactly(List.of("hello", listener1));
        assertThat(ee.listeners("hello")).isEmpty();
    }

    @Test
    void removingAnUnregisteredListenerIsANoOp() {
        EventEmitter ee = new EventEmitter();
        ee.on("hello", listener1);
        ee.on("removeListener", args -> { throw new AssertionError("must not be called"); });
        ee.removeListener("hello", listener2);
        ee.removeListener("never-interned-name-xyz", listener2);
        assertThat(ee.listeners("hello")).containsExactly(listener1);
    }

    @Test
    void removeListenerIsEmittedAfterRemoval() {
        EventEmitter ee = new EventEmitter();
        ee.on("hello", listener1);
        ee.on("hello", listener2);
        List<Object> seen = new ArrayList<>();
        ee.once("removeListener", args -> seen.add(List.of(args[0], args[1], ee.listeners("hello"))));
        ee.removeListener("hello", listener1);
        assertThat(ee.listeners("hello")).containsExactly(listener2);
        ee.once("removeListener", args -> seen.add(List.of(args[0], args[1], ee.listeners("hello"))));
        ee.removeListener("hello", listener2);
        assertThat(ee.listeners("hello")).isEmpty();
        assertThat(seen).containsExactly(
                List.of("hello", listener1, List.of(listener2)),
                List.of("hello", listener2, List.of()));
    }

    @Test
    void removingAndEmittingFromRemoveListener() {
        EventEmitter ee = new EventEmitter();
        Listener remove1 = args -> { throw new AssertionError("remove1 should not have been called"); };
        Listener remove2 = args -> { throw new AssertionError("remove2 should not have been called"); };
        int[] calls = {0};
        ee.on("removeListener", args -> {
            calls[0]++;
            if (args[1] != remove1) {
                return;
            }
            ee.removeListener("quux", remove2);
            ee.emit("quux");
        });
        ee.on("quux", remove1);
        ee.on("quux", remove2);
        ee.removeListener("quux", remove1);
        assertThat(calls[0]).isEqualTo(2);
        assertThat(ee.listenerCount("quux")).isZero();
    }

    @Test
    void nestedOnceRemoveListener() {
        EventEmitter ee = new EventEmitter();
        ee.on("hello", listener1);
        ee.on("hello", listener2);
        List<Object> seen = new ArrayList<>();
        ee.once("removeListener", args -> {
            seen.add(List.of(args[0], args[1], ee.listeners("hello")));
            ee.once("removeListener", args2 -> seen.add(List.of(args2[0], args2[1], ee.listeners("hello"))));
            ee.removeListener("hello", listener2);
            assertThat(ee.listeners("hello")).isEmpty();
        });
        ee.removeListener("hello", listener1);
        assertThat(ee.listeners("hello")).isEmpty();
        assertThat(seen).containsExactly(
                List.of("hello", listener1, List.of(listener2)),
                List.of("hello", listener2, List.of()));
    }

    @Test
    void listenerRemovedDuringEmitIsStillCalledInThatEmit() {
        EventEmitter ee = new EventEmitter();
        List<String> log = new ArrayList<>();
        Listener[] listener4 = new Listener[1];
        Listener listener3 = args -> {
            log.add("3");
            ee.removeListener("hello", listener4[0]);
        };
        listener4[0] = args -> log.add("4");
        ee.on("hello", listener3);
        ee.on("hello", listener4[0]);
        ee.emit("hello"); // snapshot was [3, 4]
        ee.emit("hello"); // now [3]
        assertThat(log).containsExactly("3", "4", "3");
    }

    @Test
    void firedOnceReportsOriginalWhenItWasTheOnlyListener() {
        EventEmitter ee = new EventEmitter();
        ee.once("hello", listener1);
        List<Object> seen = new ArrayList<>();
        ee.on("removeListener", args -> seen.add(List.of(args)));
        ee.emit("hello");
        assertThat(seen).containsExactly(List.of("hello", listener1));
    }

    @Test
    void firedOnceAmongOthersReportsTheWrapperAsNodeDoes() {
        // Node 20: with several listeners, the self-removing once-wrapper passes itself to
        // removeListener, and that is what 'removeListener' reports ('rem q wrapper true').
        EventEmitter ee = new EventEmitter();
        ee.once("q", listener1);
        ee.on("q", listener2);
        List<Object> seen = new ArrayList<>();
        ee.on("removeListener", args -> seen.add(args[1]));
        ee.emit("q");
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0)).isInstanceOf(OnceWrapper.class);
        assertThat(((OnceWrapper) seen.get(0)).listener()).isSameAs(listener1);
    }

    @Test
    void removedListenerMustNotBeNull() {
        EventEmitter ee = new EventEmitter();
        assertThatThrownBy(() -> ee.removeListener("foo", (Listener) null))
                .isInstanceOf(NodeTypeException.class)
                .hasMessage("The \"listener\" argument must be of type function. Received null")
                .satisfies(x -> assertThat(((NodeTypeException) x).code()).isEqualTo("ERR_INVALID_ARG_TYPE"));
    }

    @Test
    void removeListenerOnFreshEmitterReturnsThis() {
        EventEmitter ee = new EventEmitter();
        assertThat(ee.removeListener("foo", listener1)).isSameAs(ee);
        assertThat(ee.off(Event.of("foo"), v -> {})).isSameAs(ee);
    }

    @Test
    void removeAllListenersReportsEachLastFirstAndRemoveListenerLast() {
        // Node 20: [["x","b"],["x","a"],["y","c"]] and no events left.
        EventEmitter r = new EventEmitter();
        Listener a = args -> {};
        Listener b = args -> {};
        Listener c = args -> {};
        r.on("x", a).on("x", b).on("y", c);
        List<Object> log = new ArrayList<>();
        r.on("removeListener", args -> log.add(List.of(args[0], args[1] == a ? "a" : args[1] == b ? "b" : args[1] == c ? "c" : "other")));
        assertThat(r.removeAllListeners()).isSameAs(r);
        assertThat(log).containsExactly(List.of("x", "b"), List.of("x", "a"), List.of("y", "c"));
        assertThat(r.eventNames()).isEmpty();

        EventEmitter r2 = new EventEmitter();
        r2.on("x", a).on("x", b);
        List<Object> log2 = new ArrayList<>();
        r2.on("removeListener", args -> log2.add(args[1] == a ? "a" : "b"));
        r2.removeAllListeners("x");
        assertThat(log2).containsExactly("b", "a");
        assertThat(r2.eventNames()).containsExactly("removeListener");
    }

    @Test
    void removeAllListenersOfOnceReportsOriginal() {
        EventEmitter r = new EventEmitter();
        r.once("x", listener1);
        List<Object> seen = new ArrayList<>();
        r.on("removeListener", args -> seen.add(List.of(args)));
        r.removeAllListeners("x");
        assertThat(seen).containsExactly(List.of("x", listener1));
    }
}
