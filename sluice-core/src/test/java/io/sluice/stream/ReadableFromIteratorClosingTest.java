package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.error.AbortException;
import io.sluice.event.EventEmitter;
import io.sluice.testing.EventLog;
import io.sluice.testing.Must;
import java.util.Iterator;
import org.junit.jupiter.api.Test;

/**
 * Port of test/parallel/test-readable-from-iterator-closing.js: destroying the Readable closes
 * the source (Node's {@code return()} / a generator's finally), once, before 'close', and the
 * source is never pulled again afterwards.
 */
class ReadableFromIteratorClosingTest {

    /** An infinite AutoCloseable iterator that logs next() and close(). */
    static final class Counting implements Iterator<Integer>, AutoCloseable {
        final EventLog log;
        int n;
        int closes;

        Counting(EventLog log) {
            this.log = log;
        }

        @Override
        public boolean hasNext() {
            return true;
        }

        @Override
        public Integer next() {
            log.log("next " + n);
            return n++;
        }

        @Override
        public void close() {
            closes++;
            log.log("close");
        }
    }

    @Test
    void destroyDuringIterationClosesOnceAndStopsPulling() {
        EventLog log = new EventLog();
        Must.run(() -> {
            Counting it = new Counting(log);
            Readable<Integer> r = Readables.from(it);
            r.on(ReadableStream.DATA, v -> {
                log.log("data " + v);
                if ((Integer) v == 1) {
                    r.destroy();
                }
            });
            r.on(Stream.CLOSE, Must.callConsumer(v -> {
                log.log("closed");
                assertThat(it.closes).isEqualTo(1);
            }));
        });
        // Node v20 prints exactly this for a generator (checked by running node): the item pulled
        // before the destroy is still delivered from the buffer, but the source is not pulled again.
        assertThat(log.entries()).containsExactly("next 0", "next 1", "data 0", "next 2", "data 1", "close", "data 2", "closed");
    }

    @Test
    void breakFromBlockingIteratorClosesSource() throws Exception {
        EventLog log = new EventLog();
        Must.run(() -> {
            Counting it = new Counting(log);
            Readable<Integer> r = Readables.from(it);
            r.on(EventEmitter.ERROR, Must.callConsumer(e -> assertThat(e).isInstanceOf(AbortException.class)));
            r.on(Stream.CLOSE, Must.callConsumer(v -> assertThat(it.closes).isEqualTo(1)));
            StreamIterator<Integer> iter = Readables.iterator(r); // on the loop: keeps it alive
            StreamBridgesTest.onVirtualThread(() -> {
                try (StreamIterator<Integer> si = iter) {
                    while (si.hasNext()) {
                        if (si.next() == 2) {
                            break;
                        }
                    }
                }
            });
        });
        assertThat(log.entries()).endsWith("close");
    }

    @Test
    void destroyWithErrorStillCloses() {
        Must.run(() -> {
            EventLog log = new EventLog();
            Counting it = new Counting(log);
            Readable<Integer> r = Readables.from(it);
            RuntimeException boom = new RuntimeException("boom");
            r.on(EventEmitter.ERROR, Must.callConsumer(e -> assertThat(e).isSameAs(boom)));
            r.on(Stream.CLOSE, Must.callConsumer(v -> assertThat(it.closes).isEqualTo(1)));
            r.read();
            r.destroy(boom);
        });
    }
}
