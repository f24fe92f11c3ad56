package io.sluice.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.error.ErrorCodes;
import io.sluice.error.NodeTypeException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Port of Node's test/parallel/test-event-emitter-add-listeners.js. */
class EventEmitterAddListenersTest {

    @Test
    void newListenerFiresBeforeAddingWithEventAndListener() {
        EventEmitter ee = new EventEmitter();
        List<Object> events = new ArrayList<>();
        List<Object> listenersSeen = new ArrayList<>();
        ee.on("newListener", args -> {
            if ("newListener".equals(args[0])) {
                return; // don't track registrations of 'newListener' itself
            }
            events.add(args[0]);
            listenersSeen.add(args[1]);
        });

        List<Object> helloArgs = new ArrayList<>();
        Listener hello = args -> helloArgs.add(List.of(args));
        List<Object> insideOnce = new ArrayList<>();
        ee.once("newListener", args -> {
            insideOnce.add(args[0]);
            insideOnce.add(args[1]);
            insideOnce.add(ee.listeners("hello"));
        });

        assertThat(ee.on("hello", hello)).isSameAs(ee);
        Listener fail = args -> { throw new AssertionError("foo must not be emitted"); };
        ee.once("foo", fail);

        assertThat(events).containsExactly("hello", "foo");
        assertThat(listenersSeen).containsExactly(hello, fail);
        assertThat(insideOnce).containsExactly("hello", hello, List.of());

        assertThat(ee.emit("hello", "a", "b")).isTrue();
        assertThat(helloArgs).containsExactly(List.of("a", "b"));
    }

    @Test
    void setMaxListenersZeroIsAccepted() {
        EventEmitter f = new EventEmitter();
        assertThat(f.setMaxListeners(0)).isSameAs(f);
        assertThat(f.getMaxListeners()).isZero();
    }

    @Test
    void listenerAddedFromNewListenerComesFirst() {
        Listener listen1 = args -> {};
        Listener listen2 = args -> {};
        EventEmitter ee = new EventEmitter();
        List<Object> seen = new ArrayList<>();
        ee.once("newListener", args -> {
            seen.add(ee.listeners("hello"));
            ee.once("newListener", args2 -> seen.add(ee.listeners("hello")));
            ee.on("hello", listen2);
        });
        ee.on("hello", listen1);
        // The order of listeners on an event is not always the order in which they were added.
        assertThat(ee.listeners("hello")).containsExactly(listen2, listen1);
        assertThat(seen).containsExactly(List.of(), List.of());
    }

    @Test
    void listenerMustNotBeNull() {
        EventEmitter ee = new EventEmitter();
        assertThatThrownBy(() -> ee.on("foo", (Listener) null))
                .isInstanceOf(NodeTypeException.class)
                .hasMessage("The \"listener\" argument must be of type function. Received null")
                .satisfies(e -> assertThat(((NodeTypeException) e).code()).isEqualTo(ErrorCodes.ERR_INVALID_ARG_TYPE));
        assertThatThrownBy(() -> ee.on(Event.<String>of("foo"), (Consumer<String>) null))
                .isInstanceOf(NodeTypeException.class)
                .hasMessage("The \"listener\" argument must be of type function. Received null")
                .satisfies(e -> assertThat(((NodeTypeException) e).code()).isEqualTo(ErrorCodes.ERR_INVALID_ARG_TYPE));
        assertThat(ee.eventNames()).isEmpty();
    }

    @Test
    void typedNewListenerReceivesListenerChange() {
        EventEmitter ee = new EventEmitter();
        List<ListenerChange> changes = new ArrayList<>();
        ee.on(EventEmitter.NEW_LISTENER, changes::add);
        Event<String> data = Event.of("data");
        Consumer<String> c = s -> {};
        Event<Integer> sym = Event.symbol("private");
        Consumer<Integer> d = i -> {};
        ee.on(data, c).once(sym, d);
        assertThat(changes).containsExactly(new ListenerChange("data", c), new ListenerChange(sym, d));
    }

    @Test
    void duplicatesAreAllowedAndCalledEachTime() {
        EventEmitter ee = new EventEmitter();
        List<String> log = new ArrayList<>();
        Listener f = args -> log.add("f");
        ee.on("x", f).on("x", f).addListener("x", f);
        assertThat(ee.listenerCount("x")).isEqualTo(3);
        ee.emit("x");
        assertThat(log).containsExactly("f", "f", "f");
    }
}
