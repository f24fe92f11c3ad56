package io.sluice.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.error.ErrorCodes;
import io.sluice.error.NodeRangeException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Port of Node's test/parallel/test-event-emitter-max-listeners.js, plus the warning itself
 * (Node's test-event-emitter-check-listener-leaks.js territory), observed through {@link Warnings}.
 */
@ResourceLock("io.sluice.event.Warnings")
class EventEmitterMaxListenersTest {
    private final List<Warning> warnings = new ArrayList<>();

    @BeforeEach
    void capture() {
        Warnings.setHandler(warnings::add);
    }

    @AfterEach
    void restore() {
        Warnings.setHandler(null);
        EventEmitter.setDefaultMaxListeners(10);
    }

    @Test
    void setMaxListenersValidatesAndDoesNotDisturbListeners() {
        EventEmitter e = new EventEmitter();
        int[] calls = {0};
        e.on("maxListeners", args -> calls[0]++);
        assertThat(e.setMaxListeners(42)).isSameAs(e);
        assertThat(e.getMaxListeners()).isEqualTo(42);
        assertThatThrownBy(() -> e.setMaxListeners(-1))
                .isInstanceOf(NodeRangeException.class)
                .hasMessage("The value of \"setMaxListeners\" is out of range. It must be >= 0. Received -1")
                .satisfies(x -> assertThat(((NodeRangeException) x).code()).isEqualTo(ErrorCodes.ERR_OUT_OF_RANGE));
        assertThat(e.getMaxListeners()).isEqualTo(42);
        e.emit("maxListeners");
        assertThat(calls[0]).isEqualTo(1);
    }

    @Test
    void defaultMaxListenersIsTenAndValidated() {
        assertThat(EventEmitter.getDefaultMaxListeners()).isEqualTo(10);
        assertThat(new EventEmitter().getMaxListeners()).isEqualTo(10);
        assertThatThrownBy(() -> EventEmitter.setDefaultMaxListeners(-1))
                .isInstanceOf(NodeRangeException.class)
                .hasMessage("The value of \"defaultMaxListeners\" is out of range. It must be >= 0. Received -1")
                .satisfies(x -> assertThat(((NodeRangeException) x).code()).isEqualTo(ErrorCodes.ERR_OUT_OF_RANGE));
        EventEmitter e = new EventEmitter();
        EventEmitter.setDefaultMaxListeners(3);
        assertThat(e.getMaxListeners()).isEqualTo(3); // live default, as in Node
    }

    @Test
    void eleventhListenerWarnsOncePerEventAndIsStillAdded() {
        EventEmitter e = new EventEmitter();
        for (int i = 0; i < 12; i++) {
            e.on("foo", args -> {});
        }
        for (int i = 0; i < 12; i++) {
            e.on("bar", args -> {});
        }
        assertThat(e.listenerCount("foo")).isEqualTo(12);
        assertThat(warnings).extracting(Warning::toString).containsExactly(
                "MaxListenersExceededWarning: Possible EventEmitter memory leak detected. 11 foo listeners added to"
                        + " [EventEmitter]. MaxListeners is 10. Use emitter.setMaxListeners() to increase limit",
                "MaxListenersExceededWarning: Possible EventEmitter memory leak detected. 11 bar listeners added to"
                        + " [EventEmitter]. MaxListeners is 10. Use emitter.setMaxListeners() to increase limit");
        Warning w = warnings.get(0);
        assertThat(w.name()).isEqualTo("MaxListenersExceededWarning");
        assertThat(w.emitter()).isSameAs(e);
        assertThat(w.event()).isEqualTo("foo");
        assertThat(w.count()).isEqualTo(11);
    }

    @Test
    void warningRearmsWhenTheEventDropsBelowTwoListeners() {
        // Node 20 keeps the flag on the listener array, which disappears at one listener.
        EventEmitter e = new EventEmitter();
        List<Listener> fs = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            Listener f = args -> {};
            fs.add(f);
            e.on("foo", f);
        }
        for (int i = 0; i < 10; i++) {
            e.off("foo", fs.get(i));
        }
        assertThat(e.listenerCount("foo")).isEqualTo(1);
        for (int i = 0; i < 10; i++) {
            e.on("foo", args -> {});
        }
        assertThat(e.listenerCount("foo")).isEqualTo(11);
        assertThat(warnings).hasSize(2);
        e.removeAllListeners("foo");
        for (int i = 0; i < 11; i++) {
            e.on("foo", args -> {});
        }
        assertThat(warnings).hasSize(3);
    }

    @Test
    void warningNamesSymbolsSubclassesAndCustomLimits() {
        EventEmitter e = new EventEmitter();
        Event<Object> sym = Event.symbol("sym");
        for (int i = 0; i < 11; i++) {
            e.on(sym, v -> {});
        }
        Foo f = new Foo();
        for (int i = 0; i < 11; i++) {
            f.on("x", args -> {});
        }
        EventEmitter g = new EventEmitter().setMaxListeners(1);
        g.on("a", args -> {}).on("a", args -> {});
        g.setMaxListeners(0);
        for (int i = 0; i < 20; i++) {
            g.on("b", args -> {});
        }
        assertThat(warnings).extracting(Warning::message).containsExactly(
                "Possible EventEmitter memory leak detected. 11 Symbol(sym) listeners added to [EventEmitter]."
                        + " MaxListeners is 10. Use emitter.setMaxListeners() to increase limit",
                "Possible EventEmitter memory leak detected. 11 x listeners added to [Foo]."
                        + " MaxListeners is 10. Use emitter.setMaxListeners() to increase limit",
                "Possible EventEmitter memory leak detected. 2 a listeners added to [EventEmitter]."
                        + " MaxListeners is 1. Use emitter.setMaxListeners() to increase limit");
        assertThat(warnings.get(0).event()).isSameAs(sym);
    }

    static final class Foo extends EventEmitter {}
}
