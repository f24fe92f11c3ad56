package io.sluice.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Port of Node's test/parallel/test-event-emitter-prepend.js (the EventEmitter part). */
class EventEmitterPrependTest {

    @Test
    void prependListenerAndPrependOnceListenerRunFirst() {
        EventEmitter myEE = new EventEmitter();
        List<String> log = new ArrayList<>();
        myEE.on("foo", args -> log.add("last"));
        assertThat(myEE.prependListener("foo", args -> log.add("second"))).isSameAs(myEE);
        assertThat(myEE.prependOnceListener("foo", args -> log.add("first"))).isSameAs(myEE);
        myEE.emit("foo");
        assertThat(log).containsExactly("first", "second", "last");
        log.clear();
        myEE.emit("foo");
        assertThat(log).containsExactly("second", "last");
    }

    @Test
    void typedPrependWorksTheSame() {
        EventEmitter ee = new EventEmitter();
        Event<Integer> n = Event.of("n");
        List<String> log = new ArrayList<>();
        ee.on(n, v -> log.add("on" + v));
        ee.prependListener(n, v -> log.add("pre" + v));
        ee.prependOnceListener(n, v -> log.add("preonce" + v));
        ee.emit(n, 1);
        ee.emit(n, 2);
        assertThat(log).containsExactly("preonce1", "pre1", "on1", "pre2", "on2");
    }
}
