package io.sluice.stream;

import java.util.concurrent.Flow;
import java.util.stream.LongStream;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;

/** The Reactive Streams TCK (1.0.4, Flow flavour) against {@link Readables#toPublisher}. */
public class ReadablePublisherTckTest extends FlowPublisherVerification<Long> {

    public ReadablePublisherTckTest() {
        super(new TestEnvironment(TckLoop.TIMEOUT_MS, TckLoop.NO_SIGNAL_TIMEOUT_MS),
                // Rule 3.13 is checked by waiting for the GC to collect the subscriber; on a
                // loaded 2-core machine the cancel reaches the loop late, so allow 5 s.
                5000);
    }

    @Override
    public Flow.Publisher<Long> createFlowPublisher(long elements) {
        return TckLoop.on(() -> Readables.toPublisher(
                Readables.<Long>from(LongStream.range(0, elements).boxed().iterator(), StreamOptions.create().highWaterMark(4))));
    }

    @Override
    public Flow.Publisher<Long> createFailedFlowPublisher() {
        return TckLoop.on(() -> {
            Readable<Long> r = new Readable<>(StreamOptions.create().objectMode(true).doRead((s, n) -> {}));
            r.on(io.sluice.event.EventEmitter.ERROR, e -> {});
            r.destroy(new RuntimeException("failed publisher"));
            return Readables.toPublisher(r);
        });
    }

    @Override
    public long maxElementsFromPublisher() {
        return Long.MAX_VALUE - 1;
    }
}
