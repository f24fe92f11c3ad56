package io.sluice.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Port of Node's test/parallel/test-event-emitter-error-monitor.js. */
class EventEmitterErrorMonitorTest {

    @Test
    void errorMonitorSeesEveryErrorFirstWithoutHandlingIt() {
        EventEmitter ee = new EventEmitter();
        RuntimeException theErr = new RuntimeException("MyError");
        List<String> log = new ArrayList<>();
        ee.on(EventEmitter.ERROR_MONITOR, e -> {
            assertThat(e).isSameAs(theErr);
            log.add("monitor");
        });

        // No error listener: the monitor runs, then the emit throws.
        assertThatThrownBy(() -> ee.emit(EventEmitter.ERROR, theErr)).isSameAs(theErr);
        assertThat(log).containsExactly("monitor");

        // With an error listener: monitor first, then the listener.
        ee.once(EventEmitter.ERROR, e -> {
            assertThat(e).isSameAs(theErr);
            log.add("error");
        });
        assertThat(ee.emit(EventEmitter.ERROR, theErr)).isTrue();
        assertThat(log).containsExactly("monitor", "monitor", "error");

        // events.once on another event is rejected by the error, and handles it.
        CompletableFuture<Object[]> f = EventEmitter.once(ee, "notTriggered");
        assertThat(ee.emit("error", theErr)).isTrue();
        assertThat(log).containsExactly("monitor", "monitor", "error", "monitor");
        assertThatThrownBy(f::join).isInstanceOf(CompletionException.class).hasCause(theErr);
        assertThat(ee.listenerCount("notTriggered")).isZero();
        assertThat(ee.listenerCount("error")).isZero();

        // Only 'error' triggers the monitor.
        int[] a = {0};
        ee.on("aEvent", args -> a[0]++);
        ee.emit("aEvent");
        assertThat(a[0]).isEqualTo(1);
        assertThat(log).hasSize(4);
    }

    @Test
    void monitorIsASymbolEventNotCountedAsErrorListener() {
        EventEmitter ee = new EventEmitter();
        ee.on(EventEmitter.ERROR_MONITOR, e -> {});
        assertThat(ee.listenerCount("error")).isZero();
        assertThat(ee.listenerCount(EventEmitter.ERROR_MONITOR)).isEqualTo(1);
        assertThat(EventEmitter.ERROR_MONITOR.toString()).isEqualTo("Symbol(events.errorMonitor)");
        ee.on("error", args -> {});
        assertThat(ee.eventNames()).containsExactly("error", EventEmitter.ERROR_MONITOR);
    }
}
