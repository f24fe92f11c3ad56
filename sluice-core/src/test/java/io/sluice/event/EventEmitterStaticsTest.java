package io.sluice.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.error.ErrorCodes;
import io.sluice.error.NodeTypeException;
import io.sluice.error.UnhandledErrorException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Node's events.once and EventEmitter.listenerCount statics (test-events-once.js, in part). */
class EventEmitterStaticsTest {

    @Test
    void onceResolvesWithArgumentsAndRemovesBothListeners() {
        // Node 20: once [ 1, 2 ] 0 0
        EventEmitter v = new EventEmitter();
        CompletableFuture<Object[]> f = EventEmitter.once(v, "ready");
        assertThat(v.listenerCount("ready")).isEqualTo(1);
        assertThat(v.listenerCount("error")).isEqualTo(1);
        assertThat(f).isNotDone();
        v.emit("ready", 1, 2);
        assertThat(f.join()).containsExactly(1, 2);
        assertThat(v.listenerCount("error")).isZero();
        assertThat(v.listenerCount("ready")).isZero();
    }

    @Test
    void onceRejectsOnErrorFirst() {
        // Node 20: rejected bad 0 0
        EventEmitter w = new EventEmitter();
        CompletableFuture<Object[]> f = EventEmitter.once(w, Event.of("ready"));
        IllegalStateException bad = new IllegalStateException("bad");
        assertThat(w.emit(EventEmitter.ERROR, bad)).isTrue();
        assertThatThrownBy(f::join).isInstanceOf(CompletionException.class).hasCause(bad);
        assertThat(w.listenerCount("error")).isZero();
        assertThat(w.listenerCount("ready")).isZero();

        EventEmitter x = new EventEmitter();
        CompletableFuture<Object[]> g = EventEmitter.once(x, "ready");
        x.emit("error", "not a throwable");
        assertThatThrownBy(g::join).hasCauseInstanceOf(UnhandledErrorException.class)
                .cause().hasMessage("Unhandled error. ('not a throwable')");
    }

    @Test
    void onceOnErrorResolvesWithTheError() {
        // Node 20: once error e1 0
        EventEmitter x = new EventEmitter();
        CompletableFuture<Object[]> f = EventEmitter.once(x, "error");
        RuntimeException e1 = new RuntimeException("e1");
        x.emit(EventEmitter.ERROR, e1);
        assertThat(f.join()).containsExactly(e1);
        assertThat(x.listenerCount("error")).isZero();
    }

    @Test
    void onceOnSymbolEventResolvesWithTheValue() {
        EventEmitter x = new EventEmitter();
        Event<String> s = Event.symbol("s");
        CompletableFuture<Object[]> f = EventEmitter.once(x, s);
        x.emit(s, "v");
        assertThat(f.join()).containsExactly("v");
        assertThat(x.eventNames()).isEmpty();
    }

    @Test
    void onceGoesThroughTheEmittersOn() {
        List<Object> seen = new java.util.ArrayList<>();
        EventEmitter x = new EventEmitter() {
            @Override
            public EventEmitter on(String eventName, Listener listener) {
                seen.add(eventName);
                return super.on(eventName, listener);
            }
        };
        EventEmitter.once(x, "data");
        assertThat(seen).containsExactly("data", "error");
    }

    @Test
    void badKeysAreRejected() {
        EventEmitter x = new EventEmitter();
        assertThatThrownBy(() -> x.listenerCount(42))
                .isInstanceOf(NodeTypeException.class)
                .hasMessage("The \"eventName\" argument must be of type string or an instance of Event. Received type number (42)")
                .satisfies(e -> assertThat(((NodeTypeException) e).code()).isEqualTo(ErrorCodes.ERR_INVALID_ARG_TYPE));
        assertThatThrownBy(() -> EventEmitter.once(null, "x"))
                .isInstanceOf(NodeTypeException.class)
                .hasMessage("The \"emitter\" argument must be an instance of EventEmitter. Received null")
                .satisfies(e -> assertThat(((NodeTypeException) e).code()).isEqualTo(ErrorCodes.ERR_INVALID_ARG_TYPE));
        assertThatThrownBy(() -> Event.of(null))
                .isInstanceOf(NodeTypeException.class)
                .hasMessage("The \"eventName\" argument must be of type string. Received null")
                .satisfies(e -> assertThat(((NodeTypeException) e).code()).isEqualTo(ErrorCodes.ERR_INVALID_ARG_TYPE));
    }
}
