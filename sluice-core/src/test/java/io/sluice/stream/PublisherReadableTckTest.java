package io.sluice.stream;

import java.util.concurrent.Flow;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowSubscriberBlackboxVerification;

/**
 * The Reactive Streams TCK (blackbox subscriber rules) against the subscriber inside
 * {@link Readables#fromPublisher}; the Readable is kept flowing so that it keeps requesting.
 */
public class PublisherReadableTckTest extends FlowSubscriberBlackboxVerification<Integer> {

    public PublisherReadableTckTest() {
        super(new TestEnvironment(TckLoop.TIMEOUT_MS, TckLoop.NO_SIGNAL_TIMEOUT_MS));
    }

    @Override
    public Flow.Subscriber<Integer> createFlowSubscriber() {
        return TckLoop.on(() -> {
            PublisherReadable<Integer> r = new PublisherReadable<>(null, Readables.objectOptions(StreamOptions.create().highWaterMark(4)));
            r.on(io.sluice.event.EventEmitter.ERROR, e -> {});
            r.resume();
            return r.subscriber;
        });
    }

    @Override
    public Integer createElement(int element) {
        return element;
    }
}
