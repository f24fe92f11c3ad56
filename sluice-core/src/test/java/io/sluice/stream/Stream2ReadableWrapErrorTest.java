package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.event.EventEmitter;
import io.sluice.testing.EventLog;
import io.sluice.testing.Must;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-stream2-readable-wrap-error.js (the v20 form, with a LegacyStream
 * class and {@code errored === err}): the old stream's 'error' reaches the wrapping stream
 * through Node's errorOrDestroy. With autoDestroy the stream is destroyed at once and 'error'
 * follows on a tick; without it the error is emitted synchronously and the stream stays
 * undestroyed.
 *
 * <p>node v20.20.2 with a log: autoDestroy true: {@code sync destroyed=true errored=true |
 * error same=true emitted=true errored=true destroyed=true | close}; autoDestroy false:
 * {@code error same=true emitted=true errored=true destroyed=false | sync destroyed=false
 * errored=true} (no 'close').
 */
class Stream2ReadableWrapErrorTest {

    /** Node's LegacyStream: an EventEmitter with no-op pause() and resume() methods. */
    static final class LegacyStream extends EventEmitter {
        void pause() { }

        void resume() { }
    }

    private static EventLog run(boolean autoDestroy) {
        EventLog[] log = new EventLog[1];
        Must.run(() -> {
            log[0] = new EventLog();
            RuntimeException err = new RuntimeException();
            LegacyStream oldStream = new LegacyStream();
            Readable<Object> r = new Readable<>(StreamOptions.create().autoDestroy(autoDestroy))
                    .wrap(oldStream, oldStream::pause, oldStream::resume);
            r.on(Readable.ERROR, Must.callConsumer(e -> {
                assertThat(e).isSameAs(err);
                assertThat(r.r.has(SideState.ERROR_EMITTED)).isTrue();
                assertThat(r.errored()).isSameAs(err);
                assertThat(r.destroyed()).isEqualTo(autoDestroy);
                log[0].log("error");
            }));
            r.onClose(() -> log[0].log("close"));
            oldStream.emit("error", err);
            log[0].log("sync destroyed=" + r.destroyed() + " errored=" + (r.errored() == err));
        });
        return log[0];
    }

    @Test
    void autoDestroyDestroysWithTheError() {
        EventLog log = run(true);
        // 'error' and 'close' in one later tick (phases() joins the entries of one callback).
        assertThat(log.phases()).containsExactly("sync: sync destroyed=true errored=true", "tick: error, close");
    }

    @Test
    void withoutAutoDestroyTheErrorIsEmittedAtOnce() {
        EventLog log = run(false);
        // 'error' inside oldStream.emit, before it returns; no 'close'.
        assertThat(log.phases()).containsExactly("sync: error, sync destroyed=false errored=true");
    }
}
