package io.sluice.stream.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.loop.EventLoop;
import io.sluice.stream.PassThrough;
import io.sluice.stream.Readable;
import io.sluice.stream.StreamOptions;
import io.sluice.stream.Writable;
import io.sluice.testing.Must;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-stream-pipe-error-handling.js: pipe does not forward a source error
 * (a source listener catches it; without one, {@code emit} throws it); when the user removes
 * their own dest error listener, pipe's handler fails the destination, and the error surfaces as
 * uncaught (node v20: no synchronous throw from {@code emit}, the dest is destroyed and the error
 * is re-emitted on a later tick with nobody listening); removing some other function changes
 * nothing; a destroyed destination's error reaches its own listener.
 *
 * <p>Node's first two cases pipe legacy {@code Stream} objects; the Java API has no public legacy
 * Stream, so Readable/Writable stand in.
 */
class StreamPipeErrorHandlingTest {

    private static Readable<Object> source() {
        return new Readable<>(StreamOptions.create().doRead((s, n) -> {}));
    }

    private static Writable<Object> dest() {
        return new Writable<>(StreamOptions.create().doWrite((s, c, e, cb) -> cb.done()));
    }

    @Test
    void errorListenerCatches() {
        Must.run(() -> {
            Readable<Object> source = source();
            Writable<Object> dest = dest();
            source.pipe(dest);
            Throwable[] gotErr = {null};
            source.on(Readable.ERROR, err -> gotErr[0] = err);
            RuntimeException err = new RuntimeException("This stream turned into bacon.");
            source.emit(Readable.ERROR, err);
            assertThat(gotErr[0]).isSameAs(err);
            assertThat(dest.destroyed()).isFalse();
            assertThat(source.destroyed()).isFalse();
        });
    }

    @Test
    void errorWithoutListenerThrows() {
        Must.run(() -> {
            Readable<Object> source = source();
            source.pipe(dest());
            RuntimeException err = new RuntimeException("This stream turned into bacon.");
            assertThatThrownBy(() -> source.emit(Readable.ERROR, err)).isSameAs(err);
        });
    }

    @Test
    void errorWithRemovedListenerBecomesUncaught() {
        boolean[] didTest = {false};
        assertThatThrownBy(() -> Must.run(() -> {
            Writable<?>[] wref = new Writable<?>[1];
            boolean[] removed = {false};
            Readable<Object> r = new Readable<>(StreamOptions.create().doRead((s, n) ->
                    EventLoop.current().setTimeout(() -> {
                        assertThat(removed[0]).isTrue();
                        wref[0].emit(Writable.ERROR, new RuntimeException("fail")); // no synchronous throw
                        assertThat(wref[0].destroyed()).isTrue();
                        didTest[0] = true;
                    }, 1)));
            Writable<Object> w = new Writable<>();
            wref[0] = w;
            Consumer<Throwable> myOnError = er -> {
                throw new AssertionError("this should not happen");
            };
            w.on(Writable.ERROR, myOnError);
            r.pipe(w);
            w.removeListener(Writable.ERROR, myOnError);
            removed[0] = true;
        })).hasMessage("fail");
        assertThat(didTest[0]).isTrue();
    }

    @Test
    void removingAnotherListenerChangesNothing() {
        boolean[] didTest = {false};
        Must.run(() -> {
            Writable<?>[] wref = new Writable<?>[1];
            int[] caught = {0};
            Readable<Object> r = new Readable<>(StreamOptions.create().doRead((s, n) ->
                    EventLoop.current().setTimeout(() -> {
                        wref[0].emit(Writable.ERROR, new RuntimeException("fail"));
                        assertThat(caught[0]).isEqualTo(1);
                        didTest[0] = true;
                    }, 1)));
            Writable<Object> w = new Writable<>(StreamOptions.create().doWrite((s, c, e, cb) -> {}));
            wref[0] = w;
            w.on(Writable.ERROR, er -> caught[0]++);
            r.pipe(w);
            // Removing some OTHER function must not affect the user's handler.
            w.removeListener(Writable.ERROR, (Consumer<Throwable>) er -> {});
        });
        assertThat(didTest[0]).isTrue();
    }

    @Test
    void destroyedDestinationErrorIsHandled() {
        Must.run(() -> {
            RuntimeException err = new RuntimeException("this should be handled");
            PassThrough<Object> destination = new PassThrough<>();
            destination.once(PassThrough.ERROR, Must.callConsumer(e -> assertThat(e).isSameAs(err)));
            source().pipe(destination);
            destination.destroy(err);
        });
    }
}
