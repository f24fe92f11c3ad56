package io.sluice.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The typed emit's fast paths (the emitter's cached slot of the last emitted event and the slot's
 * single-listener shortcut) must be invisible: same calls, same order, same snapshot rules as the
 * general path, through every way listeners change. Expected values follow Node's EventEmitter
 * (checked against node 20 with the equivalent script: snapshot per emit, once removes itself
 * before the call, removeAllListeners drops everything).
 */
class EventEmitterEmitFastPathTest {
    private static final Event<String> DATA = Event.of("data");
    private static final Event<String> OTHER = Event.symbol("other");

    private final EventEmitter e = new EventEmitter();
    private final List<String> calls = new ArrayList<>();

    @Test
    void listenerAddedBySoleListenerRunsFromTheNextEmitOn() {
        Consumer<String> second = v -> calls.add("second:" + v);
        e.on(DATA, v -> {
            calls.add("first:" + v);
            if (v.equals("a")) {
                e.on(DATA, second);
            }
        });

        assertThat(e.emit(DATA, "a")).isTrue();
        assertThat(calls).containsExactly("first:a");
        assertThat(e.emit(DATA, "b")).isTrue();
        assertThat(calls).containsExactly("first:a", "first:b", "second:b");
    }

    @Test
    void removingTheOtherOfTwoListenersLeavesASoleOneThatStillGetsEveryEmit() {
        Consumer<String> a = v -> calls.add("a:" + v);
        Consumer<String> b = v -> calls.add("b:" + v);
        e.on(DATA, a).on(DATA, b);
        e.emit(DATA, "1");
        e.removeListener(DATA, a);
        e.emit(DATA, "2");
        e.removeListener(DATA, b);
        assertThat(e.emit(DATA, "3")).isFalse();
        e.on(DATA, a);
        e.emit(DATA, "4");
        assertThat(calls).containsExactly("a:1", "b:1", "b:2", "a:4");
    }

    @Test
    void soleListenerRemovedByAnEarlierOneInTheSameEmitIsStillCalled() {
        Consumer<String> victim = v -> calls.add("victim:" + v);
        e.on(DATA, v -> {
            calls.add("killer:" + v);
            e.removeListener(DATA, victim);
        });
        e.on(DATA, victim);
        e.emit(DATA, "x");
        e.emit(DATA, "y");
        assertThat(calls).containsExactly("killer:x", "victim:x", "killer:y");
    }

    @Test
    void soleOnceListenerFiresOnceAndLeavesNoListener() {
        e.once(DATA, v -> calls.add("once:" + v));
        assertThat(e.emit(DATA, "1")).isTrue();
        assertThat(e.emit(DATA, "2")).isFalse();
        assertThat(e.listenerCount(DATA)).isZero();
        assertThat(calls).containsExactly("once:1");
    }

    @Test
    void soleStringListenerReceivesTheValueAsAnArgumentArray() {
        List<Object[]> got = new ArrayList<>();
        e.on("data", args -> got.add(args));
        e.emit(DATA, "v");
        assertThat(got).hasSize(1);
        assertThat(got.get(0)).containsExactly("v");
    }

    @Test
    void soleObjectThatIsBothKindsIsCalledAsAConsumerWhenAddedTyped() {
        class Both implements Consumer<Object>, Listener {
            @Override
            public void accept(Object value) {
                calls.add("accept:" + value);
            }

            @Override
            public void handle(Object... args) {
                calls.add("handle:" + args.length);
            }
        }
        e.on(DATA, new Both());
        e.emit(DATA, "v");
        assertThat(calls).containsExactly("accept:v");
    }

    @Test
    void removeAllListenersForgetsTheCachedSlot() {
        e.on(DATA, v -> calls.add("old:" + v));
        e.emit(DATA, "1");
        e.removeAllListeners();
        assertThat(e.emit(DATA, "2")).isFalse();
        e.on(DATA, v -> calls.add("new:" + v));
        e.emit(DATA, "3");
        assertThat(calls).containsExactly("old:1", "new:3");
    }

    @Test
    void removeAllListenersReportingRemovalsForgetsTheCachedSlot() {
        List<Object> removed = new ArrayList<>();
        e.on(EventEmitter.REMOVE_LISTENER, change -> removed.add(change.event()));
        e.on(DATA, v -> calls.add("old:" + v));
        e.emit(DATA, "1");
        e.removeAllListeners();
        assertThat(removed).containsExactly("data");
        assertThat(e.emit(DATA, "2")).isFalse();
        e.on(DATA, v -> calls.add("new:" + v));
        e.emit(DATA, "3");
        assertThat(calls).containsExactly("old:1", "new:3");
    }

    @Test
    void removeAllListenersOfOneEventEmptiesItsSlot() {
        e.on(DATA, v -> calls.add("d:" + v));
        e.emit(DATA, "1");
        e.removeAllListeners(DATA);
        assertThat(e.emit(DATA, "2")).isFalse();
        assertThat(calls).containsExactly("d:1");
    }

    @Test
    void alternatingEventsReachTheirOwnListeners() {
        e.on(DATA, v -> calls.add("data:" + v));
        e.on(OTHER, v -> calls.add("other:" + v));
        for (int i = 0; i < 3; i++) {
            e.emit(DATA, "d" + i);
            e.emit(OTHER, "o" + i);
        }
        assertThat(e.emit(Event.<String>of("never-listened"), "n")).isFalse();
        e.emit(DATA, "last");
        assertThat(calls).containsExactly(
                "data:d0", "other:o0", "data:d1", "other:o1", "data:d2", "other:o2", "data:last");
    }

    @Test
    void prependedListenerEndsTheSoleShortcutAndRunsFirst() {
        e.on(DATA, v -> calls.add("b:" + v));
        e.emit(DATA, "1");
        e.prependListener(DATA, v -> calls.add("a:" + v));
        e.emit(DATA, "2");
        assertThat(calls).containsExactly("b:1", "a:2", "b:2");
    }

    @Test
    void nullEventStillThrowsWhenAnotherEventIsCached() {
        e.on(DATA, v -> {});
        e.emit(DATA, "1");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> e.emit((Event<String>) null, "x"))
                .isInstanceOf(io.sluice.error.NodeTypeException.class)
                .hasMessage("The \"eventName\" argument must be an instance of Event. Received null")
                .satisfies(x -> assertThat(((io.sluice.error.NodeTypeException) x).code()).isEqualTo("ERR_INVALID_ARG_TYPE"));
    }
}
