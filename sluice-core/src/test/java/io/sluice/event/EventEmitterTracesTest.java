package io.sluice.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The EventEmitter traces of NODE-SEMANTICS.md §2.13, each checked against Node 20. */
class EventEmitterTracesTest {

    @Test
    void prependAndOnceOrder() {
        // Node 20: "preonce,pre,a,once,|,pre,a"
        EventEmitter t = new EventEmitter();
        List<String> log = new ArrayList<>();
        t.on("e", args -> log.add("a"));
        t.prependListener("e", args -> log.add("pre"));
        t.once("e", args -> log.add("once"));
        t.prependOnceListener("e", args -> log.add("preonce"));
        t.emit("e");
        log.add("|");
        t.emit("e");
        assertThat(log).containsExactly("preonce", "pre", "a", "once", "|", "pre", "a");
    }

    @Test
    void duplicateThenOffLeavesOne() {
        EventEmitter ee = new EventEmitter();
        Listener f = args -> {};
        ee.on("x", f).on("x", f).off("x", f);
        assertThat(ee.listenerCount("x")).isEqualTo(1);
        assertThat(ee.listeners("x")).containsExactly(f);
    }

    @Test
    void offWithOriginalRemovesOnceWrapper() {
        EventEmitter ee = new EventEmitter();
        Listener f = args -> { throw new AssertionError("removed"); };
        ee.once("w", f);
        assertThat(ee.rawListeners("w")).hasSize(1);
        ee.off("w", f);
        assertThat(ee.rawListeners("w")).isEmpty();
        assertThat(ee.emit("w")).isFalse();
    }

    @Test
    void newListenerSeesCountZeroAndRemoveListenerSeesItGone() {
        EventEmitter m = new EventEmitter();
        List<Object> log = new ArrayList<>();
        m.on("newListener", args -> {
            if ("x".equals(args[0])) {
                log.add("new:" + m.listenerCount("x"));
            }
        });
        m.on("removeListener", args -> log.add("remove:" + m.listenerCount("x")));
        Listener a = args -> {};
        m.on("x", a);
        log.add("after:" + m.listenerCount("x"));
        m.off("x", a);
        assertThat(log).containsExactly("new:0", "after:1", "remove:0");
    }

    @Test
    void onReturnsThisAndEmitReportsListeners() {
        // Node 20: "false true true"
        EventEmitter ee = new EventEmitter();
        assertThat(ee.emit("x")).isFalse();
        assertThat(ee.on("x", args -> {})).isSameAs(ee);
        assertThat(ee.emit("x")).isTrue();
        Event<String> typed = Event.of("typed");
        assertThat(ee.emit(typed, "v")).isFalse();
        ee.on(typed, s -> {});
        assertThat(ee.emit(typed, "v")).isTrue();
    }

    @Test
    void eventNamesFollowJavaScriptPropertyOrder() {
        // Node 20: [ '1', '2', 'b', '01', 'a', Symbol(s) ]
        EventEmitter e = new EventEmitter();
        Listener f = args -> {};
        Event<Object> s = Event.symbol("s");
        e.on("b", f).on("2", f).on("1", f).on("01", f).on(s, v -> {}).on("a", f);
        assertThat(e.eventNames()).containsExactly("1", "2", "b", "01", "a", s);

        // Re-adding after removal moves a name to the end: [ 'a', 'b', Symbol(s) ]
        EventEmitter o = new EventEmitter();
        o.on("b", f).on("a", f).on(s, v -> {}).off("b", f).on("b", f);
        assertThat(o.eventNames()).containsExactly("a", "b", s);
    }

    @Test
    void listenerCountWithListener() {
        // Node 20: o4.on('z', a); o4.once('z', a); o4.on('z', b); listenerCount('z', a) === 2
        EventEmitter o = new EventEmitter();
        Listener a = args -> {};
        Listener b = args -> {};
        o.on("z", a).once("z", a).on("z", b);
        assertThat(o.listenerCount("z", a)).isEqualTo(2);
        assertThat(o.listenerCount("z", b)).isEqualTo(1);
        assertThat(o.listenerCount("z", null)).isEqualTo(3);
        assertThat(EventEmitter.listenerCount(o, "z")).isEqualTo(3);
        assertThat(o.listenerCount("never-seen-name-q")).isZero();
    }

    @Test
    void typedAndStringListenersShareOneEventInRegistrationOrder() {
        EventEmitter ee = new EventEmitter();
        Event<String> data = Event.of("data");
        assertThat(Event.<Integer>of("data")).isSameAs(data);
        assertThat(data.key()).isEqualTo("data");
        List<Object> log = new ArrayList<>();
        Consumer<String> typed = v -> log.add("typed:" + v);
        Listener untyped = args -> log.add("string:" + List.of(args));
        ee.on(data, typed);
        ee.on("data", untyped);
        assertThat(ee.listeners("data")).containsExactly(typed, untyped);
        assertThat(ee.listeners(data)).containsExactly(typed, untyped);

        ee.emit(data, "x");
        ee.emit("data", "y", "z");
        ee.emit("data");
        assertThat(log).containsExactly(
                "typed:x", "string:[x]",
                "typed:y", "string:[y, z]",
                "typed:null", "string:[]");

        Event<Void> tick = Event.of("tick");
        log.clear();
        ee.on(tick, v -> log.add("typed:" + v)).on("tick", args -> log.add("string:" + args.length));
        ee.emit(tick);
        assertThat(log).containsExactly("typed:null", "string:0");

        ee.off("data", untyped).off(data, typed);
        assertThat(ee.listenerCount(data)).isZero();
    }

    @Test
    void symbolEventsAreUniqueAndUnreachableByName() {
        Event<String> s1 = Event.symbol("same");
        Event<String> s2 = Event.symbol("same");
        assertThat(s1).isNotSameAs(s2).isNotEqualTo(s2);
        assertThat(s1.key()).isSameAs(s1);
        assertThat(s1.toString()).isEqualTo("Symbol(same)");
        assertThat(Event.symbol(null).toString()).isEqualTo("Symbol()");
        EventEmitter ee = new EventEmitter();
        List<String> log = new ArrayList<>();
        ee.on(s1, log::add);
        assertThat(ee.emit("same", "by-name")).isFalse();
        assertThat(ee.emit(s2, "other")).isFalse();
        assertThat(ee.emit(s1, "v")).isTrue();
        assertThat(ee.emitArgs(s1, "w", "ignored")).isTrue();
        assertThat(log).containsExactly("v", "w");
    }

    @Test
    void objectImplementingBothInterfacesIsCalledTheWayItWasRegistered() {
        final class Both implements Consumer<Object>, Listener {
            final List<String> calls = new ArrayList<>();

            @Override
            public void accept(Object o) {
                calls.add("accept:" + o);
            }

            @Override
            public void handle(Object... args) {
                calls.add("handle:" + List.of(args));
            }
        }
        Both both = new Both();
        EventEmitter ee = new EventEmitter();
        Event<Object> ev = Event.of("both");
        ee.on(ev, both);
        ee.on("both", (Listener) both);
        assertThat(ee.listeners(ev)).containsExactly(both, both);
        assertThat(ee.rawListeners(ev)).containsExactly(both, both);
        ee.emit(ev, "v");
        assertThat(both.calls).containsExactly("accept:v", "handle:[v]");
        ee.off(ev, both);
        assertThat(ee.listenerCount(ev)).isEqualTo(1);
    }

    @Test
    void removeAllListenersWithoutArgumentsClearsEverything() {
        EventEmitter ee = new EventEmitter();
        ee.on("a", args -> {}).on(Event.symbol("s"), v -> {});
        assertThat(ee.removeAllListeners()).isSameAs(ee);
        assertThat(ee.eventNames()).isEmpty();
        assertThat(ee.emit("a")).isFalse();
    }
}
