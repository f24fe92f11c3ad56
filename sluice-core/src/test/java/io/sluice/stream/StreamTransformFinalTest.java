package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.loop.EventLoop;
import io.sluice.testing.Must;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-stream-transform-final.js and test-stream-transform-final-sync.js:
 * the global order of transform, data, final, flush, end callback, 'finish' and 'end', counted
 * 1..16. The expected sequences are node v20.20.2's (its numbering differs from the comment in
 * the indexed test file for the async variant: flush completes before 'finish' there).
 */
class StreamTransformFinalTest {

    private static List<String> run(boolean async) {
        List<String> log = new ArrayList<>();
        Must.run(() -> {
            EventLoop loop = EventLoop.current();
            int[] state = {0};
            Transform<Object, Object> t = new Transform<>(StreamOptions.create().objectMode(true)
                    .doTransform((Transform<Object, Object> self, Object chunk, String e, TransformCallback<Object> next) -> {
                        log.add("t1:" + (++state[0]) + "/" + chunk);
                        self.push(state[0]);
                        log.add("t2:" + (++state[0]));
                        if (async) {
                            loop.nextTick(next::done);
                        } else {
                            next.done();
                        }
                    })
                    .doFinal((s, done) -> {
                        state[0]++;
                        log.add("final1:" + state[0]);
                        Runnable part2 = () -> {
                            state[0]++;
                            log.add("final2:" + state[0]);
                            done.done();
                        };
                        if (async) {
                            loop.setTimeout(part2, 100);
                        } else {
                            part2.run();
                        }
                    })
                    .doFlush((s, done) -> {
                        state[0]++;
                        log.add("flush1:" + state[0]);
                        Runnable part2 = () -> {
                            state[0]++;
                            log.add("flush2:" + state[0]);
                            done.done();
                        };
                        if (async) {
                            loop.nextTick(part2);
                        } else {
                            part2.run();
                        }
                    }));
            t.on(Writable.FINISH, Must.callConsumer(v -> log.add("finish:" + (++state[0]))));
            t.on(Readable.END, Must.callConsumer(v -> log.add("end:" + (++state[0]))));
            t.on(Readable.DATA, Must.callConsumer(d -> log.add("data:" + (++state[0]) + "/" + d), 3));
            t.write(1);
            t.write(4);
            t.end(7, Must.callConsumer((Throwable e) -> log.add("endcb:" + (++state[0])))::accept);
        });
        return log;
    }

    @Test
    void asyncOrder() {
        assertThat(String.join(" ", run(true))).isEqualTo(
                "t1:1/1 data:2/1 t2:3 t1:4/4 data:5/4 t2:6 t1:7/7 data:8/7 t2:9 final1:10 final2:11 "
                        + "flush1:12 flush2:13 endcb:14 finish:15 end:16");
    }

    @Test
    void syncOrder() {
        assertThat(String.join(" ", run(false))).isEqualTo(
                "t1:1/1 data:2/1 t2:3 t1:4/4 data:5/4 t2:6 t1:7/7 data:8/7 t2:9 final1:10 final2:11 "
                        + "flush1:12 flush2:13 end:14 endcb:15 finish:16");
    }
}
