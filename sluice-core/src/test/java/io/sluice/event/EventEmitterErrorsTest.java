package io.sluice.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.error.ErrorCodes;
import io.sluice.error.UnhandledErrorException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Ports of Node's test/parallel/test-event-emitter-errors.js and
 * test-event-emitter-no-error-provided-to-error-event.js (without domains), plus the Java rules
 * for which values are thrown as they are.
 */
class EventEmitterErrorsTest {

    @Test
    void nonErrorValueIsWrappedAsUnhandledError() {
        EventEmitter ee = new EventEmitter();
        // Node 20: "Unhandled error. ('Accepts a string')", code ERR_UNHANDLED_ERROR.
        assertThatThrownBy(() -> ee.emit("error", "Accepts a string"))
                .isInstanceOf(UnhandledErrorException.class)
                .hasMessage("Unhandled error. ('Accepts a string')")
                .satisfies(e -> {
                    UnhandledErrorException u = (UnhandledErrorException) e;
                    assertThat(u.code()).isEqualTo(ErrorCodes.ERR_UNHANDLED_ERROR);
                    assertThat(u.context()).isEqualTo("Accepts a string");
                    assertThat(u.toString()).isEqualTo("Error [ERR_UNHANDLED_ERROR]: Unhandled error. ('Accepts a string')");
                });
        // Node 20 prints the object with util.inspect ("({ message: 'Error!' })"); Java uses toString().
        assertThatThrownBy(() -> ee.emit("error", Map.of("message", "Error!")))
                .isInstanceOf(UnhandledErrorException.class)
                .hasMessage("Unhandled error. ({message=Error!})")
                .satisfies(e -> assertThat(((UnhandledErrorException) e).code()).isEqualTo(ErrorCodes.ERR_UNHANDLED_ERROR));
        assertThatThrownBy(() -> ee.emit("error", 42))
                .isInstanceOf(UnhandledErrorException.class)
                .hasMessage("Unhandled error. (42)")
                .satisfies(e -> {
                    assertThat(((UnhandledErrorException) e).code()).isEqualTo(ErrorCodes.ERR_UNHANDLED_ERROR);
                    assertThat(((UnhandledErrorException) e).context()).isEqualTo(42);
                });
    }

    @Test
    void noErrorProvidedStillThrowsUnhandledError() {
        EventEmitter ee = new EventEmitter();
        // node v20: emit('error', null) -> "Unhandled error. (null)"; emit('error') ->
        // "Unhandled error. (undefined)". Java has no undefined: both read "(null)".
        assertThatThrownBy(() -> ee.emit("error"))
                .isInstanceOf(UnhandledErrorException.class)
                .hasMessage("Unhandled error. (null)")
                .satisfies(e -> {
                    assertThat(((UnhandledErrorException) e).context()).isNull();
                    assertThat(((UnhandledErrorException) e).code()).isEqualTo(ErrorCodes.ERR_UNHANDLED_ERROR);
                });
        assertThatThrownBy(() -> ee.emit(Event.<Void>of("error")))
                .isInstanceOf(UnhandledErrorException.class)
                .hasMessage("Unhandled error. (null)");
        assertThatThrownBy(() -> ee.emit(EventEmitter.ERROR, null))
                .isInstanceOf(UnhandledErrorException.class)
                .hasMessage("Unhandled error. (null)")
                .satisfies(e -> assertThat(((UnhandledErrorException) e).code()).isEqualTo(ErrorCodes.ERR_UNHANDLED_ERROR));
    }

    @Test
    void uncheckedThrowablesAreThrownAsTheyAre() {
        EventEmitter ee = new EventEmitter();
        IllegalStateException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> ee.emit(EventEmitter.ERROR, boom)).isSameAs(boom);
        assertThatThrownBy(() -> ee.emit("error", boom, "extra")).isSameAs(boom);
        AssertionError err = new AssertionError("an Error");
        assertThatThrownBy(() -> ee.emit(EventEmitter.ERROR, err)).isSameAs(err);
    }

    @Test
    void checkedExceptionIsWrappedWithCause() {
        EventEmitter ee = new EventEmitter();
        IOException io = new IOException("disk");
        assertThatThrownBy(() -> ee.emit(EventEmitter.ERROR, io))
                .isInstanceOf(UnhandledErrorException.class)
                .hasMessage("Unhandled error. (java.io.IOException: disk)")
                .hasCause(io);
    }

    @Test
    void handledErrorReturnsTrueAndDoesNotThrow() {
        EventEmitter ee = new EventEmitter();
        List<Object> got = new ArrayList<>();
        ee.on(EventEmitter.ERROR, got::add);
        ee.on("error", args -> got.add(List.of(args)));
        IOException io = new IOException("x");
        assertThat(ee.emit(EventEmitter.ERROR, io)).isTrue();
        RuntimeException rt = new RuntimeException("s");
        assertThat(ee.emit("error", rt, "extra")).isTrue();
        assertThat(got).containsExactly(io, List.of(io), rt, List.of(rt, "extra"));
    }

    @Test
    void throwingListenerStopsTheRestAndPropagates() {
        EventEmitter s = new EventEmitter();
        List<String> log = new ArrayList<>();
        s.on("x", args -> {
            log.add("first");
            throw new IllegalStateException("stop");
        });
        s.on("x", args -> log.add("never"));
        assertThatThrownBy(() -> s.emit("x")).isInstanceOf(IllegalStateException.class).hasMessage("stop");
        assertThat(log).containsExactly("first");
        assertThat(s.listenerCount("x")).isEqualTo(2);
    }
}
