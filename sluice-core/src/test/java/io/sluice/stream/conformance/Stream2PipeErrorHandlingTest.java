package io.sluice.stream.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.buffer.Buffer;
import io.sluice.stream.Readable;
import io.sluice.stream.ReadableStream;
import io.sluice.stream.StreamOptions;
import io.sluice.stream.Writable;
import io.sluice.testing.Must;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-stream2-pipe-error-handling.js: an error on the destination unpipes
 * the source ({@code 'unpipe'} carries the source) and reaches the destination's listener; the
 * source is not destroyed and stops flowing. Without a destination listener the error is not
 * swallowed: node v20 re-raises it as an uncaught error (on a later tick, after destroying the
 * destination) rather than throwing from {@code emit} as the stored test's older Node did.
 *
 * <p>Node's test also overrides {@code source.unpipe} to observe the call; the Java port watches
 * the destination's {@code 'unpipe'} event and the source's state instead.
 */
class Stream2PipeErrorHandlingTest {

    private static Readable<Buffer> source() {
        int[] count = {1000};
        return new Readable<>(StreamOptions.create().doRead((Readable<?> self, long n) -> {
            int k = (int) Math.min(count[0], n);
            count[0] -= k;
            self.push(Buffer.alloc(k));
        }));
    }

    private static Writable<Object> dest() {
        return new Writable<>(StreamOptions.create().doWrite((s, c, e, cb) -> cb.done()));
    }

    @Test
    void errorListenerCatches() {
        Must.run(() -> {
            Readable<Buffer> source = source();
            Writable<Object> dest = dest();
            source.pipe(dest);
            Throwable[] gotErr = {null};
            dest.on(Writable.ERROR, err -> gotErr[0] = err);
            ReadableStream<?>[] unpipedSource = {null};
            dest.on(Writable.UNPIPE, src -> unpipedSource[0] = src);
            RuntimeException err = new RuntimeException("This stream turned into bacon.");
            dest.emit(Writable.ERROR, err);
            assertThat(gotErr[0]).isSameAs(err);
            assertThat(unpipedSource[0]).isSameAs(source);
            assertThat(source.readableFlowing()).isFalse();
            assertThat(source.destroyed()).isFalse();
        });
    }

    @Test
    void errorWithoutListenerIsNotSwallowed() {
        RuntimeException err = new RuntimeException("This stream turned into bacon.");
        ReadableStream<?>[] unpipedSource = {null};
        Readable<?>[] src = {null};
        assertThatThrownBy(() -> Must.run(() -> {
            Readable<Buffer> source = source();
            src[0] = source;
            Writable<Object> dest = dest();
            source.pipe(dest);
            dest.on(Writable.UNPIPE, s -> unpipedSource[0] = s);
            dest.emit(Writable.ERROR, err);
            assertThat(dest.destroyed()).isTrue();
        })).isSameAs(err);
        assertThat(unpipedSource[0]).isSameAs(src[0]);
    }
}
