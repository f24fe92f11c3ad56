package io.sluice.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Method;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The hot-path promise: a typed emit (with a value or without) to 0, 1 or a few typed listeners
 * allocates nothing. Measured with the thread's allocation counter over a million emits after
 * warm-up; the bound (64 KiB, i.e. well under one byte per emit) tolerates the counter's own noise
 * and JIT bookkeeping, while a per-emit allocation would cost at least 16 MB (checked by hand: a
 * string {@code Listener} that keeps its argument array shows 24 MB per million emits).
 *
 * <p>The counter ({@code com.sun.management.ThreadMXBean}) is reached reflectively because the
 * test sources compile inside module {@code io.sluice.core}, which does not read
 * {@code java.management}; the test is skipped where the counter is unavailable.
 */
class EventEmitterAllocationTest {
    private static final int EMITS = 1_000_000;
    private long sink;

    @Test
    void typedEmitDoesNotAllocate() throws Exception {
        AllocationCounter counter = AllocationCounter.create();
        assumeTrue(counter != null, "thread allocation counter not available");

        EventEmitter ee = new EventEmitter();
        Event<Object> data = Event.of("alloc-data");
        Event<Object> none = Event.of("alloc-none");
        Event<Void> tick = Event.of("alloc-tick");
        Consumer<Object> count = v -> sink++;
        ee.on(data, count).on(tick, v -> sink++);
        EventEmitter three = new EventEmitter();
        three.on(data, count).on(data, count).on(data, count);
        Object chunk = new Object();

        for (int round = 0; round < 5; round++) {
            long before = counter.bytes();
            for (int i = 0; i < EMITS; i++) {
                ee.emit(data, chunk);
                ee.emit(none, chunk);
                three.emit(data, chunk);
                ee.emit(tick);
            }
            long allocated = counter.bytes() - before;
            if (round >= 3) { // after warm-up
                assertThat(allocated).as("bytes allocated by %d emits", 4L * EMITS).isLessThan(64 * 1024);
            }
        }
        assertThat(sink).isEqualTo(5L * EMITS * 5);
    }

    /** {@code getThreadAllocatedBytes(currentThreadId)} through reflection. */
    private record AllocationCounter(Object bean, Method method, long threadId) {
        static AllocationCounter create() {
            try {
                Object bean = Class.forName("java.lang.management.ManagementFactory")
                        .getMethod("getThreadMXBean").invoke(null);
                Class<?> type = Class.forName("com.sun.management.ThreadMXBean");
                if (!type.isInstance(bean)
                        || !(Boolean) type.getMethod("isThreadAllocatedMemorySupported").invoke(bean)
                        || !(Boolean) type.getMethod("isThreadAllocatedMemoryEnabled").invoke(bean)) {
                    return null;
                }
                return new AllocationCounter(bean, type.getMethod("getThreadAllocatedBytes", long.class),
                        Thread.currentThread().threadId());
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }

        long bytes() throws ReflectiveOperationException {
            return (Long) method.invoke(bean, threadId);
        }
    }
}
