package io.sluice.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Port of Node's test/parallel/test-event-emitter-modify-in-emit.js. */
class EventEmitterModifyInEmitTest {
    private final EventEmitter e = new EventEmitter();
    private final List<String> called = new ArrayList<>();

    private final Listener callback2 = new Listener() {
        @Override
        public void handle(Object... args) {
            called.add("callback2");
            e.removeListener("foo", this);
        }
    };
    private final Listener callback3 = new Listener() {
        @Override
        public void handle(Object... args) {
            called.add("callback3");
            e.removeListener("foo", this);
        }
    };
    private final Listener callback1 = new Listener() {
        @Override
        public void handle(Object... args) {
            called.add("callback1");
            e.on("foo", callback2);
            e.on("foo", callback3);
            e.removeListener("foo", this);
        }
    };

    @Test
    void changesDuringEmitAffectOnlyLaterEmits() {
        e.on("foo", callback1);
        assertThat(e.listeners("foo")).hasSize(1);

        e.emit("foo");
        assertThat(e.listeners("foo")).containsExactly(callback2, callback3);
        assertThat(called).containsExactly("callback1");

        e.emit("foo");
        assertThat(e.listeners("foo")).isEmpty();
        assertThat(called).containsExactly("callback1", "callback2", "callback3");

        e.emit("foo");
        assertThat(e.listeners("foo")).isEmpty();
        assertThat(called).containsExactly("callback1", "callback2", "callback3");

        e.on("foo", callback1);
        e.on("foo", callback2);
        assertThat(e.listeners("foo")).hasSize(2);
        e.removeAllListeners("foo");
        assertThat(e.listeners("foo")).isEmpty();
    }

    @Test
    void removingDuringEmitStillReachesEveryListenerOfTheSnapshot() {
        e.on("foo", callback2);
        e.on("foo", callback3);
        assertThat(e.listeners("foo")).hasSize(2);
        e.emit("foo");
        assertThat(called).containsExactly("callback2", "callback3");
        assertThat(e.listeners("foo")).isEmpty();
    }
}
