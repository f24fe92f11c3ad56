package io.sluice.loop;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Node's event loop on one Java thread: the {@code process.nextTick} queue, the microtask queue,
 * timers, {@code setImmediate}, and a thread-safe inbox through which other threads hand work in.
 * Every stream belongs to one loop; its callbacks, listeners and hooks all run on the loop's thread,
 * in Node's order, without locks.
 *
 * <h2>Order</h2>
 * After every macrotask callback (the {@code main} passed to {@link #run}, each timer, each
 * {@link #execute}d task, each immediate) the loop drains the nextTick queue, then the microtask
 * queue, and repeats until both are empty — Node's {@code processTicksAndRejections}. So a tick
 * queued by a microtask runs after the microtask queue is empty, and a microtask queued by a tick
 * runs after every queued tick. Each iteration of the loop then runs three phases:
 * <ol>
 *   <li><b>timers</b>: every timer due when the phase starts, by due time, then creation order;</li>
 *   <li><b>tasks</b>: the {@link #execute}d tasks and {@link #offload} completions that were in the
 *       inbox when the phase started (Node's poll phase: these are the "I/O callbacks");</li>
 *   <li><b>immediates</b>: the immediates queued before the phase started; one queued during the
 *       phase runs in the next iteration, as in Node.</li>
 * </ol>
 * Node's pending, idle/prepare and close phases have no counterpart (Sluice has no libuv handles),
 * and its check phase is the immediates phase. {@code main} runs as a task of iteration 0, so
 * <b>an immediate set by {@code main} always runs before a {@code setTimeout(0)} set by
 * {@code main}</b>; Node leaves that order to chance (it depends on whether 1 ms passed during
 * bootstrap). From inside a task or timer the order is Node's deterministic one: immediate first.
 *
 * <h2>Lifetime</h2>
 * {@link #run} and {@link #call} run a loop on a virtual thread (the calling thread when it is
 * virtual; see {@link #run} for why) and return once no work is
 * left — no ticks, microtasks, pending immediates, ref'd timers, pending {@code execute}d tasks or
 * open {@link KeepAlive}s — the way {@code node script.js} exits. {@link #start} makes a server
 * loop on its own thread that lives until {@link #shutdown()}.
 *
 * <h2>Threads</h2>
 * {@link #execute}, {@link #keepAlive}, {@link #offload}, {@link #shutdown}, {@link #inLoop} and
 * {@link #setUncaughtExceptionHandler} may be called from any thread. Everything else is confined
 * to the loop's thread and fails fast with an {@link IllegalStateException} elsewhere, because the
 * queues are deliberately unsynchronized (that is what makes a tick cost a few nanoseconds).
 *
 * <h2>Errors</h2>
 * An exception escaping a callback is "uncaught". In a loop made by {@code run}/{@code call} the
 * first one stops the loop at once — remaining callbacks are dropped, as when Node's process
 * exits — and {@code run} rethrows it. A {@link #start}ed loop logs it and keeps running. Either
 * can instead be routed to {@link #setUncaughtExceptionHandler} (Node's
 * {@code process.on('uncaughtException')}).
 */
public final class EventLoop implements Executor {
    private static final ThreadLocal<EventLoop> CURRENT = new ThreadLocal<>();
    private static final System.Logger LOG = System.getLogger(EventLoop.class.getName());
    /** Node clamps delays above 2^31-1 ms (TIMEOUT_MAX) to 1 ms, with a warning we do not print. */
    private static final long TIMEOUT_MAX = 2147483647L;
    /** Bound on one tasks phase, so a flood of {@code execute} calls cannot starve timers and immediates. */
    private static final int MAX_TASKS_PER_PHASE = 1 << 16;

    private final Thread thread;
    /** Made by {@link #start}: stays alive until {@link #shutdown()} and logs uncaught exceptions. */
    private final boolean standalone;
    private final Inbox inbox;
    private final ArrayDeque<Runnable> ticks = new ArrayDeque<>(64);
    private final ArrayDeque<Runnable> microtasks = new ArrayDeque<>(64);
    private final ArrayDeque<ImmediateTask> immediates = new ArrayDeque<>();
    /** The inbox tasks taken for the current tasks phase. */
    private final ArrayDeque<Runnable> batch = new ArrayDeque<>();
    final TimerHeap timers = new TimerHeap();
    private final AtomicInteger keepAlives = new AtomicInteger();
    private final Set<Thread> offloadThreads = ConcurrentHashMap.newKeySet();
    private final CountDownLatch terminatedLatch = new CountDownLatch(1);

    // Loop-thread state: plain fields on purpose (no other thread touches them).
    /** Active, ref'd timeouts and intervals. */
    int refTimers;
    /** Immediates queued and neither run nor cancelled. */
    int pendingImmediates;
    /** The subset of {@link #pendingImmediates} that is ref'd. */
    int refImmediates;
    private long timerSeq;
    /** No callback will run any more: finished, or stopped by an uncaught exception. */
    private boolean stopped;
    /** The uncaught exception that stopped a run/call loop. */
    private Throwable failure;
    private long callbacks;
    private CallbackKind kind = CallbackKind.NONE;

    // Cross-thread state.
    /** Set when the loop has decided to exit; producers that then see it take their work back. */
    private volatile boolean terminated;
    private volatile boolean shutdownRequested;
    private volatile Consumer<Throwable> uncaughtHandler;

    private EventLoop(Thread thread, boolean standalone) {
        this.thread = thread;
        this.standalone = standalone;
        this.inbox = new Inbox(thread);
    }

    // ------------------------------------------------------------------------------------------
    // Creating and finding loops

    /**
     * Runs {@code main} on a new event loop and returns when no work is left (see the class
     * comment) — {@code node main.js}. {@code main} runs first, as a macrotask, followed by the
     * ticks and microtasks it queued.
     *
     * <p>The loop runs on a virtual thread: the calling thread itself if it is virtual, otherwise
     * a new one (named {@code sluice-loop}) that the caller waits for; streams made inside are
     * confined to that thread. Why: the loop hands every file call and offloaded zlib job to a
     * virtual thread and takes the result back, and between virtual threads such a handoff stays
     * on one CPU core, whereas a platform loop thread and a virtual worker wake each other across
     * cores — about 30 µs per wake-up on the 2-CPU reference VM against ~1 µs on one core
     * ({@code limit_handoff_park_*} in the benchmarks' BASELINE.md). Measured there with the
     * file_copy twin (2 GiB through createReadStream → createWriteStream, 64 KiB chunks, runs
     * interleaved): 0.95-1.19 GB/s with the loop on the platform main thread, 1.5-1.8 GB/s on a
     * virtual thread. {@code -Dsluice.loop.virtual=false} runs loops on the calling thread, as
     * before. {@link #start} still uses a platform thread, because a virtual thread cannot keep
     * the JVM alive.
     *
     * <p>If the calling thread is interrupted while it waits for a loop on a new virtual thread,
     * the interrupt is passed on to the loop thread, with the effect described below.
     *
     * <p>The first exception that escapes any callback stops the loop immediately: queued ticks,
     * microtasks, timers, immediates and tasks are dropped, blocking work started with
     * {@link #offload} is interrupted, later {@link #execute} calls are rejected, and the exception
     * is rethrown here — a {@link RuntimeException} or {@link Error} as it is, a checked exception
     * wrapped in a {@link CompletionException}. If the thread is interrupted while the loop waits
     * for work, the loop stops the same way and a {@link CancellationException} is thrown, with
     * the interrupt status set again. An uncaught-exception handler installed with
     * {@link #setUncaughtExceptionHandler} replaces the stop-and-rethrow.
     *
     * @throws IllegalStateException if the calling thread is already running an event loop
     *         (nested loops on one thread would reorder each other's callbacks)
     * @throws NullPointerException if {@code main} is null
     */
    public static void run(Runnable main) {
        Objects.requireNonNull(main, "main");
        EventLoop previous = CURRENT.get();
        if (previous != null) {
            throw new IllegalStateException("EventLoop.run() called on thread " + describe(Thread.currentThread())
                    + ", which is already running an event loop; queue the work with nextTick/setImmediate/execute instead");
        }
        if (!Thread.currentThread().isVirtual() && virtualLoops()) {
            runOnVirtualThread(main);
            return;
        }
        EventLoop loop = new EventLoop(Thread.currentThread(), false);
        CURRENT.set(loop);
        try {
            loop.runMacrotask(main, CallbackKind.MAIN);
            loop.loop();
        } finally {
            loop.finish();
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
        if (loop.failure != null) {
            throw asUnchecked(loop.failure);
        }
    }

    /** Whether {@link #run} moves a platform caller's loop to a virtual thread (see there); read per run. */
    private static boolean virtualLoops() {
        return !"false".equalsIgnoreCase(System.getProperty("sluice.loop.virtual"));
    }

    /** {@link #run} on a new virtual thread; the caller waits, passing interrupts on. */
    private static void runOnVirtualThread(Runnable main) {
        Throwable[] failure = {null};
        Thread loopThread = Thread.ofVirtual().name("sluice-loop").start(() -> {
            try {
                run(main);
            } catch (Throwable t) {
                failure[0] = t;
            }
        });
        boolean interrupted = false;
        while (true) {
            try {
                loopThread.join(); // join() makes failure[0] visible here
                break;
            } catch (InterruptedException e) {
                interrupted = true;
                loopThread.interrupt();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure[0] != null) {
            throw asUnchecked(failure[0]); // run() throws only unchecked exceptions: rethrown as they are
        }
    }

    /**
     * {@link #run} for a {@code main} that computes a value: returns what {@code main} returned
     * once the loop has no work left. A checked exception thrown by {@code main} is uncaught like
     * any other and rethrown wrapped in a {@link CompletionException}.
     *
     * @throws IllegalStateException if the calling thread is already running an event loop
     */
    public static <T> T call(Callable<T> main) {
        Objects.requireNonNull(main, "main");
        Object[] result = new Object[1];
        run(() -> {
            try {
                result[0] = main.call();
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }

    /**
     * Starts a long-lived loop on a new (non-daemon) platform thread named {@code threadName}, for
     * servers and CLIs: it stays alive with empty queues, waiting for {@link #execute}d work, until
     * {@link #shutdown()}. Uncaught exceptions are logged through {@link System.Logger} (logger
     * {@code io.sluice.loop.EventLoop}, level ERROR) and the loop keeps running, unless a handler is
     * set with {@link #setUncaughtExceptionHandler}.
     */
    public static EventLoop start(String threadName) {
        Objects.requireNonNull(threadName, "threadName");
        EventLoop[] holder = new EventLoop[1];
        Thread t = Thread.ofPlatform().name(threadName).daemon(false).unstarted(() -> holder[0].runStandalone());
        holder[0] = new EventLoop(t, true);
        t.start(); // Thread.start publishes holder[0] to the new thread
        return holder[0];
    }

    /**
     * The loop running on the calling thread.
     *
     * @throws IllegalStateException if the calling thread is not an event loop thread
     */
    public static EventLoop current() {
        EventLoop loop = CURRENT.get();
        if (loop == null) {
            throw new IllegalStateException("No event loop on thread " + describe(Thread.currentThread())
                    + "; run the code inside EventLoop.run(...) or hand it to a loop with execute(...)");
        }
        return loop;
    }

    /** The loop running on the calling thread, or null if it is not an event loop thread. */
    public static EventLoop currentOrNull() {
        return CURRENT.get();
    }

    // ------------------------------------------------------------------------------------------
    // Thread confinement

    /**
     * Whether the calling thread is this loop's thread and the loop is still running. Any thread.
     */
    public boolean inLoop() {
        return Thread.currentThread() == thread && !stopped;
    }

    /**
     * Fails fast if called anywhere but on this loop's thread while it runs.
     *
     * @throws IllegalStateException "This operation must be called on its event loop thread
     *         &lt;name&gt;, not &lt;thread&gt;", or a message saying the loop has terminated
     */
    public void checkInLoop() {
        checkInLoop("This operation");
    }

    /**
     * {@link #checkInLoop()} with the name of the operation in the message, for example
     * {@code checkInLoop("Readable.push()")}: "Readable.push() must be called on its event loop
     * thread main, not worker-1".
     *
     * @throws IllegalStateException off the loop's thread or after the loop terminated
     */
    public void checkInLoop(String operation) {
        if (Thread.currentThread() != thread || stopped) {
            throw wrongThread(operation);
        }
    }

    /** Thread check only (a terminated loop's timers may still be cancelled from its thread). */
    void checkThread(String operation) {
        if (Thread.currentThread() != thread) {
            throw wrongThread(operation);
        }
    }

    private IllegalStateException wrongThread(String operation) {
        Thread current = Thread.currentThread();
        if (current == thread) {
            return new IllegalStateException(operation + " called on event loop thread " + describe(thread)
                    + " after the loop terminated");
        }
        if (terminated) {
            // Typically a caller of run() touching its streams after run() returned: with the
            // loop on its own virtual thread that is another thread, but the end is the news.
            return new IllegalStateException(operation + " called on thread " + describe(current)
                    + " after the loop terminated (its thread was " + describe(thread) + ")");
        }
        return new IllegalStateException(operation + " must be called on its event loop thread " + describe(thread)
                + ", not " + describe(current));
    }

    private static String describe(Thread t) {
        String name = t.getName();
        return name.isEmpty() ? t.toString() : name;
    }

    // ------------------------------------------------------------------------------------------
    // Loop-thread scheduling

    /**
     * Node's {@code process.nextTick(fn)}: runs {@code task} after the current callback, before any
     * microtask and before the loop moves on. Ticks queued by a tick run in the same drain, after
     * the ticks already queued. Extra arguments are captured by the lambda instead.
     *
     * @throws IllegalStateException off the loop's thread
     * @throws NullPointerException if {@code task} is null
     */
    public void nextTick(Runnable task) {
        if (Thread.currentThread() != thread || stopped) {
            throw wrongThread("EventLoop.nextTick()");
        }
        ticks.addLast(task); // ArrayDeque rejects null
    }

    /**
     * Node's {@code queueMicrotask(fn)} (and the slot of a resolved promise's reaction): runs
     * {@code task} after the current callback and after all queued ticks. Microtasks queued by a
     * microtask run in the same drain; ticks they queue wait until the microtask queue is empty.
     * Unlike V8, there are no promises here: {@code CompletableFuture} callbacks are not
     * microtasks unless the code completing them runs on the loop and queues them here.
     *
     * @throws IllegalStateException off the loop's thread
     * @throws NullPointerException if {@code task} is null
     */
    public void queueMicrotask(Runnable task) {
        if (Thread.currentThread() != thread || stopped) {
            throw wrongThread("EventLoop.queueMicrotask()");
        }
        microtasks.addLast(task);
    }

    /**
     * Node's {@code setImmediate(fn)}: runs {@code task} in the immediates phase, after this
     * iteration's timers and tasks. An immediate set from inside an immediate runs in the next
     * iteration. Cancel with {@link Timer#cancel()} ({@code clearImmediate}); an unref'd immediate
     * does not keep the loop alive.
     *
     * @throws IllegalStateException off the loop's thread
     * @throws NullPointerException if {@code task} is null
     */
    public Timer setImmediate(Runnable task) {
        checkInLoop("EventLoop.setImmediate()");
        ImmediateTask im = new ImmediateTask(this, Objects.requireNonNull(task, "task"));
        immediates.addLast(im);
        pendingImmediates++;
        refImmediates++;
        return im;
    }

    /**
     * Node's {@code setTimeout(fn, delay)}: runs {@code task} once, in the timers phase of the
     * first iteration that starts at least {@code delayMillis} ms after this call. As in Node a
     * delay below 1 (or above 2<sup>31</sup>-1) means 1 ms, and timers due at the same time run in
     * the order they were set.
     *
     * <p>As in Node the delay is measured from this call (not from the start of the current
     * callback), so a timer never fires before its delay has passed; Sluice measures in
     * nanoseconds where libuv rounds to whole milliseconds, which can only matter for timers whose
     * due times fall in the same millisecond. Set from {@code main}, a {@code setTimeout(0)} always
     * runs after a {@link #setImmediate} set by {@code main} (Node: either order).
     *
     * @throws IllegalStateException off the loop's thread
     * @throws NullPointerException if {@code task} is null
     */
    public Timer setTimeout(Runnable task, long delayMillis) {
        return schedule("EventLoop.setTimeout()", task, delayMillis, false);
    }

    /**
     * Node's {@code setInterval(fn, period)}: runs {@code task} every {@code periodMillis} ms
     * (below 1 or above 2<sup>31</sup>-1 means 1) until cancelled. The next run is scheduled from
     * the start of the timers phase that ran the previous one, so a slow callback does not make
     * the period drift, and runs never pile up: an overdue interval runs once, not once per missed
     * period. An interval whose callback throws is re-armed when the loop survives the exception
     * (a handler or a started loop), as in Node.
     *
     * @throws IllegalStateException off the loop's thread
     * @throws NullPointerException if {@code task} is null
     */
    public Timer setInterval(Runnable task, long periodMillis) {
        return schedule("EventLoop.setInterval()", task, periodMillis, true);
    }

    private Timer schedule(String operation, Runnable task, long delayMillis, boolean repeat) {
        checkInLoop(operation);
        Objects.requireNonNull(task, "task");
        if (delayMillis < 1 || delayMillis > TIMEOUT_MAX) {
            delayMillis = 1;
        }
        long nanos = TimeUnit.MILLISECONDS.toNanos(delayMillis);
        TimerTask t = new TimerTask(this, task, repeat ? nanos : 0);
        t.due = System.nanoTime() + nanos;
        t.seq = timerSeq++;
        timers.add(t);
        refTimers++;
        return t;
    }

    // ------------------------------------------------------------------------------------------
    // Any-thread entry points

    /**
     * Queues {@code task} as a macrotask for the tasks phase and wakes the loop if it sleeps. Any
     * thread, including the loop's own (the task then runs in the next tasks phase, after the
     * current callback and its ticks, never synchronously). A pending task keeps the loop alive.
     * Tasks from one thread run in the order they were executed.
     *
     * <p>Every task either runs exactly once or this method throws: once the loop has terminated
     * (finished, or shut down and idle) it throws {@link RejectedExecutionException}. The one
     * exception is a loop stopped by an uncaught exception, which drops the tasks still pending,
     * like the rest of its queues (Node's process exit); tasks executed after that are rejected. To make sure a loop made by {@link #run} is still there
     * when a thread will post work later, hold a {@link #keepAlive()} until then.
     *
     * @throws RejectedExecutionException if the loop has terminated
     * @throws NullPointerException if {@code task} is null
     */
    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        inbox.offer(task);
        if (terminated) {
            // The loop decided to exit; it may or may not have seen our task before deciding.
            // Exactly one of us gets it: the loop (which then revives and runs it) or remove().
            if (inbox.remove(task)) {
                throw new RejectedExecutionException("Event loop " + describe(thread) + " has terminated");
            }
            return;
        }
        inbox.wake();
    }

    /**
     * Opens a {@link KeepAlive}: until it is closed the loop does not exit, even with empty queues.
     * Any thread. Closing it (from any thread) wakes the loop so it can exit if nothing else is left.
     *
     * @throws IllegalStateException if the loop has already terminated
     */
    public KeepAlive keepAlive() {
        keepAlives.incrementAndGet();
        if (terminated) {
            keepAlives.decrementAndGet();
            throw new IllegalStateException("Event loop " + describe(thread) + " has terminated");
        }
        return new KeepAliveHandle(this);
    }

    void releaseKeepAlive() {
        if (keepAlives.decrementAndGet() == 0) {
            inbox.wake();
        }
    }

    /**
     * Runs blocking {@code work} on a new virtual thread — the role of libuv's thread pool — and
     * then calls {@code onLoop.accept(result, null)} or {@code onLoop.accept(null, error)} as a
     * task on this loop. The loop stays alive until that callback has run. Any thread.
     *
     * <p>If the loop is stopped by an uncaught exception meanwhile, the virtual thread is
     * interrupted and the callback is dropped.
     *
     * @throws IllegalStateException if the loop has already terminated
     * @throws NullPointerException if an argument is null
     */
    public <T> void offload(Callable<T> work, BiConsumer<? super T, ? super Throwable> onLoop) {
        Objects.requireNonNull(work, "work");
        Objects.requireNonNull(onLoop, "onLoop");
        KeepAlive alive = keepAlive();
        Thread worker = Thread.ofVirtual().name(describe(thread) + "-offload").unstarted(() -> {
            try {
                T result = null;
                Throwable error = null;
                try {
                    result = work.call();
                } catch (Throwable e) {
                    error = e;
                }
                T r = result;
                Throwable e = error;
                try {
                    // Posted before the keep-alive closes, so the loop cannot exit in between.
                    execute(() -> onLoop.accept(r, e));
                } catch (RejectedExecutionException stopped) {
                    // The loop died of an uncaught exception; like Node's exit, the result is dropped.
                }
            } finally {
                offloadThreads.remove(Thread.currentThread());
                alive.close();
            }
        });
        offloadThreads.add(worker);
        worker.start();
    }

    /**
     * Lets a {@link #start}ed loop exit: from now on it behaves like a loop made by {@link #run},
     * finishing the work already queued, pending ref'd timers and open keep-alives, then
     * terminating. Any thread; idempotent. Has no effect on a loop made by {@code run}/{@code call},
     * which exits when idle anyway. (Node has no counterpart: its process exits when idle.)
     */
    public void shutdown() {
        shutdownRequested = true;
        inbox.wake();
    }

    /**
     * Waits up to {@code timeout} for the loop to terminate. Any thread but the loop's own.
     *
     * @return true if the loop has terminated, false on timeout or if the waiting thread was
     *         interrupted (its interrupt status is then set again)
     * @throws IllegalStateException if called on the loop's own thread while it runs (it would
     *         wait for itself)
     */
    public boolean awaitTermination(Duration timeout) {
        if (Thread.currentThread() == thread && !stopped) {
            throw new IllegalStateException("awaitTermination() called on the event loop's own thread " + describe(thread));
        }
        try {
            return terminatedLatch.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Routes uncaught exceptions to {@code handler} instead of the default (stop-and-rethrow for
     * {@code run}/{@code call}, log-and-continue for {@link #start}) — Node's
     * {@code process.on('uncaughtException', handler)}. The handler runs on the loop's thread,
     * after the throwing callback has exited; the loop then carries on with the remaining
     * callbacks. If the handler itself throws, that exception gets the default treatment.
     * {@code null} restores the default. Any thread.
     */
    public void setUncaughtExceptionHandler(Consumer<Throwable> handler) {
        this.uncaughtHandler = handler;
    }

    // ------------------------------------------------------------------------------------------
    // Diagnostics

    /**
     * Diagnostic, for tests: how many callbacks (main, ticks, microtasks, timers, tasks,
     * immediates) this loop has started. Two events logged under the same count happened in the
     * same callback, i.e. synchronously with each other. Not part of Node.
     *
     * @throws IllegalStateException off the loop's thread
     */
    public long callbackCount() {
        checkThread("EventLoop.callbackCount()");
        return callbacks;
    }

    /**
     * Diagnostic, for tests: the kind of callback now running, {@link CallbackKind#NONE} between
     * callbacks. Not part of Node.
     *
     * @throws IllegalStateException off the loop's thread
     */
    public CallbackKind callbackKind() {
        checkThread("EventLoop.callbackKind()");
        return kind;
    }

    /** The loop thread's name, for diagnostics. */
    @Override
    public String toString() {
        return "EventLoop[" + describe(thread) + (terminated ? ", terminated" : "") + "]";
    }

    // ------------------------------------------------------------------------------------------
    // The loop

    private void runStandalone() {
        CURRENT.set(this);
        try {
            loop();
        } finally {
            finish();
            CURRENT.remove();
        }
    }

    private void loop() {
        if (alive()) {
            immediatesPhase(); // the tail of iteration 0, whose tasks phase ran main
        }
        while (!stopped) {
            if (!alive()) {
                if (tryTerminate()) {
                    return;
                }
                continue;
            }
            if (pendingImmediates == 0 && inbox.isEmpty()) {
                waitForWork();
                if (stopped) {
                    return;
                }
            }
            timersPhase();
            if (!alive()) {
                // libuv checks liveness right after its timers, so unref'd immediates left over
                // (Node: setImmediate(...).unref() from a timer) never run once nothing holds the loop.
                continue;
            }
            inboxPhase();
            immediatesPhase();
        }
    }

    /** Whether anything can still produce a callback (ticks and microtasks are always drained here). */
    private boolean alive() {
        return refTimers > 0 || refImmediates > 0 || keepAlives.get() > 0 || !inbox.isEmpty()
                || (standalone && !shutdownRequested);
    }

    /**
     * Announce termination, then look again: a producer that raced with us either sees
     * {@code terminated} and takes its work back, or its work is visible here and we carry on.
     */
    private boolean tryTerminate() {
        terminated = true;
        if (!inbox.isEmpty() || keepAlives.get() > 0) {
            terminated = false;
            return false;
        }
        return true;
    }

    /** Parks until the next timer is due, work arrives, a keep-alive closes, or shutdown. */
    private void waitForWork() {
        TimerTask next = timers.peek();
        long timeout = -1;
        if (next != null) {
            timeout = next.due - System.nanoTime();
            if (timeout <= 0) {
                return;
            }
        }
        inbox.beginSleep();
        try {
            if (inbox.isEmpty() && alive()) {
                if (timeout < 0) {
                    LockSupport.park(this);
                } else {
                    LockSupport.parkNanos(this, timeout);
                }
            }
        } finally {
            inbox.endSleep();
        }
        if (Thread.interrupted()) {
            if (standalone) {
                return; // nobody but us should interrupt a started loop's thread; ignore it
            }
            Thread.currentThread().interrupt();
            stop(new CancellationException("Event loop " + describe(thread) + " was interrupted while waiting for work"));
        }
    }

    private void timersPhase() {
        if (timers.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        TimerTask t;
        while (!stopped && (t = timers.peek()) != null && t.due - now <= 0) {
            timers.poll();
            boolean repeat = t.intervalNanos > 0;
            if (!repeat) {
                t.deactivate();
            }
            kind = CallbackKind.TIMER;
            callbacks++;
            try {
                t.task.run();
            } catch (Throwable e) {
                uncaught(e);
            }
            if (repeat && t.active && !stopped) {
                t.due = now + t.intervalNanos;
                t.seq = timerSeq++;
                timers.add(t);
            }
            drainTicksAndMicrotasks();
        }
        kind = CallbackKind.NONE;
    }

    private void inboxPhase() {
        Runnable r;
        int n = 0;
        while (n < MAX_TASKS_PER_PHASE && (r = inbox.poll()) != null) {
            batch.addLast(r);
            n++;
        }
        while (!stopped && (r = batch.pollFirst()) != null) {
            runMacrotask(r, CallbackKind.TASK);
        }
    }

    private void immediatesPhase() {
        // Only the immediates queued before the phase: new ones wait for the next iteration.
        int n = immediates.size();
        while (n-- > 0 && !stopped) {
            ImmediateTask im = immediates.pollFirst();
            if (!im.active) {
                continue; // cancelled
            }
            im.deactivate();
            runMacrotask(im.task, CallbackKind.IMMEDIATE);
        }
    }

    private void runMacrotask(Runnable task, CallbackKind k) {
        kind = k;
        callbacks++;
        try {
            task.run();
        } catch (Throwable e) {
            uncaught(e);
        }
        drainTicksAndMicrotasks();
        kind = CallbackKind.NONE;
    }

    private void drainTicksAndMicrotasks() {
        if (ticks.isEmpty() && microtasks.isEmpty()) {
            return;
        }
        for (;;) {
            try {
                drain();
                return;
            } catch (Throwable e) {
                // Out of the hot loop on purpose: the try costs nothing until something throws.
                uncaught(e);
            }
        }
    }

    /** Node's processTicksAndRejections: all ticks, then all microtasks, until both are empty. */
    private void drain() {
        final ArrayDeque<Runnable> ticks = this.ticks;
        final ArrayDeque<Runnable> microtasks = this.microtasks;
        Runnable r;
        do {
            if ((r = ticks.pollFirst()) != null) {
                kind = CallbackKind.TICK;
                do {
                    callbacks++;
                    r.run();
                } while ((r = ticks.pollFirst()) != null);
            }
            if ((r = microtasks.pollFirst()) != null) {
                kind = CallbackKind.MICROTASK;
                do {
                    callbacks++;
                    r.run();
                } while ((r = microtasks.pollFirst()) != null);
            }
        } while (!ticks.isEmpty());
    }

    private void uncaught(Throwable e) {
        Consumer<Throwable> handler = uncaughtHandler;
        if (handler != null) {
            try {
                handler.accept(e);
                return;
            } catch (Throwable fromHandler) {
                if (fromHandler != e) {
                    fromHandler.addSuppressed(e);
                }
                e = fromHandler;
            }
        }
        if (standalone) {
            LOG.log(System.Logger.Level.ERROR, "Uncaught exception on event loop thread " + describe(thread), e);
            return;
        }
        stop(e);
    }

    /** Process exit: drop everything, refuse new work, interrupt blocking work. */
    private void stop(Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
        stopped = true;
        terminated = true;
        ticks.clear();
        microtasks.clear();
        immediates.clear();
        batch.clear();
        timers.clear();
        inbox.clear();
        refTimers = 0;
        pendingImmediates = 0;
        refImmediates = 0;
        for (Thread t : offloadThreads) {
            t.interrupt();
        }
    }

    private void finish() {
        stopped = true;
        terminated = true;
        kind = CallbackKind.NONE;
        terminatedLatch.countDown();
    }

    private static RuntimeException asUnchecked(Throwable t) {
        if (t instanceof RuntimeException re) {
            return re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        return new CompletionException(t);
    }
}
