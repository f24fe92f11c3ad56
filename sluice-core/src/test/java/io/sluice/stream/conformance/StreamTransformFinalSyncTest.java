package io.sluice.stream.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.loop.EventLoop;
import io.sluice.stream.Callback;
import io.sluice.stream.Readable;
import io.sluice.stream.Stream;
import io.sluice.stream.StreamOptions;
import io.sluice.stream.Transform;
import io.sluice.stream.TransformCallback;
import io.sluice.stream.Writable;
import io.sluice.testing.Must;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-stream-transform-final-sync.js: the global order of transform,
 * data, a synchronous final, an asynchronous flush, the end() callback, 'finish' and 'end',
 * numbered 1..16. The numbers are those node v20.20.2 prints for the same script (Node's stored
 * test comment, written for an older version, has 13 = finish, 14 = end callback, 15 = flush part
 * 2; v20 gives flush part 2, end callback, finish).
 */
class StreamTransformFinalSyncTest {

    @Test
    void globalOrder() {
        List<String> log = new ArrayList<>();
        Must.run(() -> {
            int[] state = {0};
            Runnable transformCalled = Must.call(() -> {}, 3);
            Runnable finalCalled = Must.call();
            Transform<Object, Object> t = new Transform<>(StreamOptions.create().objectMode(true)
                    .doTransform((Transform<?, ?> self, Object chunk, String enc, TransformCallback<Object> next) -> {
                        transformCalled.run();
                        log.add("transform part 1 " + (++state[0]) + " chunk " + chunk);
                        self.push(state[0]);
                        log.add("transform part 2 " + (++state[0]));
                        EventLoop.current().nextTick(() -> next.done());
                    })
                    .doFinal((Stream self, Callback done) -> {
                        finalCalled.run();
                        log.add("final part 1 " + (++state[0]));
                        log.add("final part 2 " + (++state[0]));
                        done.done();
                    })
                    .doFlush((Transform<?, ?> self, TransformCallback<Object> done) -> {
                        log.add("flush part 1 " + (++state[0]));
                        EventLoop.current().nextTick(() -> {
                            log.add("flush part 2 " + (++state[0]));
                            done.done();
                        });
                    }));
            t.on(Writable.FINISH, Must.callConsumer(v -> log.add("finish " + (++state[0]))));
            t.on(Readable.END, Must.callConsumer(v -> log.add("end " + (++state[0]))));
            t.on(Readable.DATA, Must.callConsumer(d -> log.add("data " + (++state[0]) + " d " + d), 3));
            t.write(1);
            t.write(4);
            t.end(7, Must.callConsumer((Throwable err) -> log.add("end callback " + (++state[0])))::accept);
        });
        assertThat(log).containsExactly(
                "transform part 1 1 chunk 1", "data 2 d 1", "transform part 2 3",
                "transform part 1 4 chunk 4", "data 5 d 4", "transform part 2 6",
                "transform part 1 7 chunk 7", "data 8 d 7", "transform part 2 9",
                "final part 1 10", "final part 2 11",
                "flush part 1 12", "flush part 2 13",
                "end callback 14", "finish 15", "end 16");
    }
}
