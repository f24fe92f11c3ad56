package io.sluice.zlib;

import io.sluice.loop.EventLoop;
import java.util.function.BooleanSupplier;

/**
 * The loop side of an engine that pushes output it has ready ({@link ParallelDeflate},
 * {@link InflateAhead}): runs its push rounds without re-entering them, and defers the reader's
 * request for more to a tick. Re-entry happens because a push can reach a reader that at once
 * asks for more, which calls the engine back; the nested call only asks the running one to go
 * round again. The tick is needed because the readable side calls {@code _read} before it takes
 * data out of its buffer, so at that moment it still looks full. Loop thread only.
 */
final class PushRounds {
    private final EventLoop loop;
    private boolean running;
    private boolean again;
    private boolean resumeQueued;
    private final Runnable resumeTask;

    /** {@code drain} is the engine's entry point, run on the tick after a request for more. */
    PushRounds(EventLoop loop, Runnable drain) {
        this.loop = loop;
        this.resumeTask = () -> {
            resumeQueued = false;
            drain.run();
        };
    }

    /** The reader wants more: runs the engine's drain on the next tick (once, however often asked). */
    void resumeOnNextTick() {
        if (!resumeQueued) {
            resumeQueued = true;
            loop.nextTick(resumeTask);
        }
    }

    /**
     * Runs {@code round} until no nested call asked for another round, or a round returns false
     * (the stream failed or went away). A nested call only asks and returns false.
     *
     * @return true when this outermost call ran every round to the end
     */
    boolean run(BooleanSupplier round) {
        if (running) {
            again = true;
            return false;
        }
        running = true;
        try {
            do {
                again = false;
                if (!round.getAsBoolean()) {
                    return false;
                }
            } while (again);
            return true;
        } finally {
            running = false;
        }
    }
}
