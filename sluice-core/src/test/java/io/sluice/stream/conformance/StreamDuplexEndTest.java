package io.sluice.stream.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.stream.Duplex;
import io.sluice.stream.Readable;
import io.sluice.stream.StreamOptions;
import io.sluice.stream.Writable;
import io.sluice.testing.Must;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-stream-duplex-end.js: with {@code allowHalfOpen} (the default) the
 * readable side's end does not finish the writable side; with {@code allowHalfOpen:false} it
 * does; neither adds a user-visible {@code 'end'} listener.
 *
 * <p>Skipped: the third case, which sets Node's private {@code _writableState.ended}; the public
 * equivalent (a writable side that is already ended) is {@code writable:false}, which is tested
 * instead.
 */
class StreamDuplexEndTest {

    @Test
    void allowHalfOpenDoesNotFinish() {
        Must.run(() -> {
            Duplex<Object, Object> stream = new Duplex<>(StreamOptions.create().doRead((s, n) -> {}));
            assertThat(stream.allowHalfOpen()).isTrue();
            stream.on(Writable.FINISH, Must.notCallConsumer());
            assertThat(stream.listenerCount("end")).isZero();
            stream.resume();
            stream.push(null);
        });
    }

    @Test
    void noHalfOpenFinishesOnEnd() {
        Must.run(() -> {
            Duplex<Object, Object> stream = new Duplex<>(StreamOptions.create().allowHalfOpen(false)
                    .doRead((s, n) -> {}));
            assertThat(stream.allowHalfOpen()).isFalse();
            stream.on(Writable.FINISH, Must.callConsumer());
            assertThat(stream.listenerCount("end")).isZero();
            stream.resume();
            stream.push(null);
        });
    }

    @Test
    void noHalfOpenWithWritableSideAlreadyEnded() {
        Must.run(() -> {
            Duplex<Object, Object> stream = new Duplex<>(StreamOptions.create().allowHalfOpen(false).writable(false)
                    .doRead((s, n) -> {}));
            stream.on(Writable.FINISH, Must.notCallConsumer());
            stream.on(Readable.END, Must.callConsumer());
            stream.resume();
            stream.push(null);
        });
    }
}
