package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.event.EventEmitter;
import io.sluice.testing.EventLog;
import io.sluice.testing.Must;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-stream2-readable-wrap-empty.js: an old stream that ends without
 * data ends the wrapping stream. The wrapper is a plain {@code new Readable()} without a read
 * hook; no read is ever needed, because EOF is known before the first one, so no
 * ERR_METHOD_NOT_IMPLEMENTED either (the read hook's replacement is tested elsewhere).
 *
 * <p>node v20.20.2 with a log: {@code sync | readable:null | end}: 'readable' fires once on a
 * later tick, read() finds nothing, then 'end' (each from process.nextTick, as in Node's
 * emitReadable and endReadable).
 */
class Stream2ReadableWrapEmptyTest {

    @Test
    void emptyOldStreamEndsTheWrapper() {
        EventLog[] log = new EventLog[1];
        Must.run(() -> {
            log[0] = new EventLog();
            EventEmitter oldStream = new EventEmitter();
            Readable<Object> newStream = new Readable<>().wrap(oldStream, () -> { }, () -> { });
            newStream.on(Readable.ERROR, Must.notCallConsumer("the wrap replaces the missing doRead"));
            newStream.onReadable(() -> log[0].log("readable:" + newStream.read()))
                    .onEnd(Must.call(() -> log[0].log("end")));
            oldStream.emit("end");
            log[0].log("sync");
        });
        assertThat(log[0]).containsExactly("sync", "readable:null", "end");
        assertThat(log[0].phases()).containsExactly("sync: sync", "tick: readable:null", "tick: end");
    }
}
