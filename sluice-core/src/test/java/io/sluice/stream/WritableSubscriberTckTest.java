package io.sluice.stream;

import java.util.concurrent.Flow;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowSubscriberBlackboxVerification;

/** The Reactive Streams TCK (blackbox subscriber rules) against {@link Writables#toSubscriber}. */
public class WritableSubscriberTckTest extends FlowSubscriberBlackboxVerification<Integer> {

    public WritableSubscriberTckTest() {
        super(new TestEnvironment(TckLoop.TIMEOUT_MS, TckLoop.NO_SIGNAL_TIMEOUT_MS));
    }

    @Override
    public Flow.Subscriber<Integer> createFlowSubscriber() {
        return TckLoop.on(() -> {
            Writable<Object> w = new Writable<>(StreamOptions.create().objectMode(true).highWaterMark(2)
                    .doWrite((s, chunk, enc, cb) -> cb.done()));
            w.on(io.sluice.event.EventEmitter.ERROR, e -> {});
            return Writables.toSubscriber(w);
        });
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }
}
