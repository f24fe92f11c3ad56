package io.sluice.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.error.ErrorCodes;
import io.sluice.error.NodeTypeException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Port of Node's test/parallel/test-event-emitter-once.js. */
class EventEmitterOnceTest {

    @Test
    void onceFiresOnlyOnce() {
        EventEmitter e = new EventEmitter();
        int[] calls = {0};
        e.once("hello", args -> calls[0]++);
        assertThat(e.emit("hello", "a", "b")).isTrue();
        assertThat(e.emit("hello", "a", "b")).isFalse();
        e.emit("hello", "a", "b");
        e.emit("hello", "a", "b");
        assertThat(calls[0]).isEqualTo(1);
    }

    @Test
    void onceCanBeRemovedBeforeFiringByItsOriginal() {
        EventEmitter e = new EventEmitter();
        Listener remove = args -> { throw new AssertionError("once->foo should not be emitted"); };
        e.once("foo", remove);
        e.removeListener("foo", remove);
        assertThat(e.emit("foo")).isFalse();
        assertThat(e.listenerCount("foo")).isZero();
    }

    @Test
    void emitInsideOnceDoesNotReenterIt() {
        EventEmitter e = new EventEmitter();
        List<String> log = new ArrayList<>();
        e.once("e", args -> {
            log.add("first");
            e.emit("e");
        });
        e.once("e", args -> log.add("second"));
        e.emit("e");
        // The nested emit reaches only the second once-listener (the first removed itself); the
        // outer emit's snapshot still holds the second wrapper, which has already fired.
        assertThat(log).containsExactly("first", "second");
        assertThat(e.listenerCount("e")).isZero();
    }

    @Test
    void listenerMustNotBeNull() {
        EventEmitter ee = new EventEmitter();
        assertThatThrownBy(() -> ee.once("foo", (Listener) null))
                .isInstanceOf(NodeTypeException.class)
                .hasMessage("The \"listener\" argument must be of type function. Received null")
                .satisfies(x -> assertThat(((NodeTypeException) x).code()).isEqualTo(ErrorCodes.ERR_INVALID_ARG_TYPE));
        assertThatThrownBy(() -> ee.once(Event.of("foo"), null))
                .isInstanceOf(NodeTypeException.class)
                .hasMessage("The \"listener\" argument must be of type function. Received null")
                .satisfies(x -> assertThat(((NodeTypeException) x).code()).isEqualTo(ErrorCodes.ERR_INVALID_ARG_TYPE));
    }

    @Test
    void onceForwardsAnyNumberOfArguments() {
        for (int i = 0; i <= 4; i++) {
            EventEmitter ee = new EventEmitter();
            Object[] args = new Object[i];
            for (int j = 0; j < i; j++) {
                args[j] = j;
            }
            List<List<Object>> received = new ArrayList<>();
            ee.once("foo", params -> received.add(Arrays.asList(params)));
            ee.emit("foo", args);
            assertThat(received).containsExactly(Arrays.asList(args));
        }
    }

    @Test
    void wrapperIsRawListenerAndCallingItRemovesIt() {
        EventEmitter ee = new EventEmitter();
        List<Object> log = new ArrayList<>();
        Listener a = args -> log.add(List.of(args));
        ee.once("z", a);
        assertThat(ee.listeners("z")).containsExactly(a);
        OnceWrapper w = (OnceWrapper) ee.rawListeners("z").get(0);
        assertThat(w.listener()).isSameAs(a);
        assertThat(w.fired()).isFalse();
        w.handle("direct");
        assertThat(w.fired()).isTrue();
        assertThat(ee.listenerCount("z")).isZero();
        w.handle("again");
        assertThat(log).containsExactly(List.of("direct"));
    }

    @Test
    void typedOnceReceivesValueAndThrowingListenerStaysRemoved() {
        EventEmitter ee = new EventEmitter();
        Event<String> ev = Event.of("typed-once");
        List<String> got = new ArrayList<>();
        ee.once(ev, got::add);
        ee.emit(ev, "v1");
        ee.emit(ev, "v2");
        assertThat(got).containsExactly("v1");

        ee.once(ev, s -> { throw new IllegalStateException("o"); });
        assertThatThrownBy(() -> ee.emit(ev, "x")).hasMessage("o");
        assertThat(ee.listenerCount(ev)).isZero();
    }

    @Test
    void offWithOriginalRemovesMostRecentMatchingRegistration() {
        Consumer<Object> a = v -> {};
        Event<Object> z = Event.of("z");
        EventEmitter o = new EventEmitter();
        o.once(z, a).on(z, a).off(z, a);
        assertThat(o.rawListeners(z)).hasSize(1).first().isInstanceOf(OnceWrapper.class);

        EventEmitter o2 = new EventEmitter();
        o2.on(z, a).once(z, a).off(z, a);
        assertThat(o2.rawListeners(z)).containsExactly(a);
    }
}
