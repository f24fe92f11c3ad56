package io.sluice.stream;

import io.sluice.event.AbortSignal;
import java.util.ArrayDeque;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The stream behind {@code map}, {@code filter} and {@code forEach} (a port of Node's
 * {@code map} in lib/internal/streams/operators.js). Up to {@code concurrency} calls of the
 * function run at once; each result (a value, or a {@link CompletionStage} that is awaited)
 * waits in a FIFO of slots, so output order is input order whatever order the calls finish in.
 * The FIFO holds at most {@code concurrency + highWaterMark} slots: beyond that the source is
 * not read, which is the backpressure.
 *
 * <p>A result of {@link #SKIP} produces no chunk (filter's rejected items, forEach). An
 * exception or a failed stage destroys this stream with the error, in input order, and the
 * source with an AbortError (Node's generator return). A source error takes its place in the
 * same order: the results of calls started before it are delivered first.
 */
final class MapReadable<R> extends OperatorReadable<R> {
    /** A result that yields no chunk. */
    static final Object SKIP = new Object();

    private static final class Slot {
        Object value;
        Throwable error;
        boolean done;
    }

    private final ReadableStream<?> source;
    private final Function<Object, ?> fn;
    private final long concurrency;
    private final long maxQueue;
    private final ArrayDeque<Slot> queue = new ArrayDeque<>();
    private PullIterator pull;
    private long inFlight;
    private boolean sourceDone;
    private boolean wanting;
    private boolean pumping;
    /** See {@link #consumedDirectly}. */
    private boolean direct;

    @SuppressWarnings("unchecked")
    MapReadable(ReadableStream<?> source, Function<?, ?> fn, long concurrency, long highWaterMark, AbortSignal signal) {
        super(signal);
        this.source = source;
        this.fn = (Function<Object, ?>) fn;
        this.concurrency = concurrency;
        this.maxQueue = concurrency + highWaterMark;
    }

    /**
     * This stream feeds a terminal helper (some, every, find, forEach) rather than a user: Node's
     * terminal helpers iterate the map generator itself, whose queue keeps a yielded item until
     * the consumer comes back for the next one, where a user's {@code map()} is that generator
     * wrapped in a Readable that takes the item off the queue at once. So here an item pushed but
     * not yet read counts against the queue: without it, some() would test one item past its
     * match (node v20: a synchronous source of 1..5, some(x == 2) tests 1, 2; concurrency 2
     * tests 1..4).
     */
    MapReadable<R> consumedDirectly() {
        direct = true;
        return this;
    }

    @Override
    protected void doRead(long size) {
        wanting = true;
        if (pull == null) {
            pull = new PullIterator(source);
        }
        deliver();
        pump();
    }

    /** Reads source items while there is room, starting a call for each. Iterative. */
    @Override
    void pump() {
        if (pumping) {
            return;
        }
        pumping = true;
        try {
            while (!sourceDone && !destroyed() && queue.size() + (direct ? r.length : 0) < maxQueue && inFlight < concurrency) {
                Object item = pull.poll();
                if (item == null) {
                    if (pull.failure() != null) {
                        // After the calls already started, as Node queues the source's rejection
                        // behind them: their results are delivered first, then the error.
                        Slot failed = new Slot();
                        failed.done = true;
                        failed.error = pull.failure();
                        queue.add(failed);
                        sourceDone = true;
                        deliver();
                    } else if (pull.ended()) {
                        sourceDone = true;
                        deliver();
                    } else {
                        pull.await(wakeTask);
                    }
                    return;
                }
                start(item);
            }
        } finally {
            pumping = false;
        }
    }

    private void start(Object item) {
        Slot slot = new Slot();
        queue.add(slot);
        inFlight++;
        Object result;
        try {
            result = fn.apply(item);
        } catch (Throwable t) {
            complete(slot, null, t);
            return;
        }
        if (result instanceof CompletionStage<?> stage) {
            Await.on(loop, stage, (v, e) -> {
                complete(slot, v, e);
                pump();
            });
        } else {
            complete(slot, result, null);
        }
    }

    private void complete(Slot slot, Object value, Throwable err) {
        slot.done = true;
        slot.value = value;
        slot.error = err;
        inFlight--;
        deliver();
    }

    /** Pushes finished results from the head of the FIFO while the consumer wants more. */
    private void deliver() {
        while (wanting && !destroyed()) {
            Slot head = queue.peekFirst();
            if (head == null) {
                if (sourceDone && inFlight == 0) {
                    wanting = false;
                    pushEnd();
                }
                return;
            }
            if (!head.done) {
                return;
            }
            queue.pollFirst();
            if (head.error != null) {
                destroy(head.error);
                return;
            }
            if (head.value == SKIP) {
                continue;
            }
            if (head.value == null) {
                destroy(StreamErrors.nullValues());
                return;
            }
            if (!push(head.value)) {
                wanting = false;
            }
        }
    }

    @Override
    protected void doDestroy(Throwable err, Callback callback) {
        if (pull == null) {
            pull = toCloseUnread(source); // null: never read, and Node's generator would leave it alone
        }
        if (pull != null) {
            pull.close(true);
        }
        callback.done(err);
    }
}
