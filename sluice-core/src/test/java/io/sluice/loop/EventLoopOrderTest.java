package io.sluice.loop;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.testing.EventLog;
import io.sluice.testing.Must;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Callback order, checked against Node v20.20.2. Each expected order below was produced by running
 * the equivalent Node code (quoted in the test's comment) several times; the tests that Node
 * leaves to chance (setTimeout(0) vs setImmediate from the main script) assert Sluice's documented
 * deterministic choice instead.
 */
class EventLoopOrderTest {

    private static EventLoop loop() {
        return EventLoop.current();
    }

    /*
     * fs.readFile(__filename, () => {
     *   L('io'); setTimeout(() => L('timeout0'), 0); setImmediate(() => L('imm'));
     *   process.nextTick(() => L('tick')); queueMicrotask(() => L('micro')); L('sync');
     * });
     * → io sync tick micro imm timeout0
     */
    @Test
    void fromAnIoCallbackImmediateRunsBeforeTimeout0() {
        EventLog log = new EventLog();
        Must.run(() -> loop().execute(Must.call(() -> {
            log.mark();
            log.log("io");
            loop().setTimeout(log.logger("timeout0"), 0);
            loop().setImmediate(log.logger("imm"));
            loop().nextTick(log.logger("tick"));
            loop().queueMicrotask(log.logger("micro"));
            log.log("sync");
        })));
        assertThat(log).containsExactly("io", "sync", "tick", "micro", "imm", "timeout0");
        assertThat(log.phases()).containsExactly("sync: io, sync", "tick: tick", "micro: micro", "imm: imm",
                "timer: timeout0");
    }

    /*
     * From the main script Node's order of setTimeout(0) and setImmediate depends on whether 1 ms
     * passed during bootstrap. Sluice runs main as a task of iteration 0, so the immediate wins.
     */
    @Test
    void fromMainImmediateRunsBeforeTimeout0Deterministically() {
        for (int i = 0; i < 20; i++) {
            EventLog log = new EventLog();
            Must.run(() -> {
                loop().setTimeout(log.logger("timeout0"), 0);
                busyWaitMillis(2); // in Node this would make the timeout win
                loop().setImmediate(log.logger("imm"));
                loop().queueMicrotask(log.logger("micro"));
                loop().nextTick(log.logger("tick"));
                log.log("sync");
            });
            assertThat(log.phases()).containsExactly("sync: sync", "tick: tick", "micro: micro", "imm: imm",
                    "timer: timeout0");
        }
    }

    /*
     * queueMicrotask(() => { L('m1'); process.nextTick(() => L('t2')); queueMicrotask(() => L('m3')); });
     * queueMicrotask(() => L('m2'));
     * process.nextTick(() => L('t1'));
     * → t1 m1 m2 m3 t2
     */
    @Test
    void tickQueuedInMicrotaskRunsAfterTheMicrotaskQueueDrains() {
        EventLog log = new EventLog();
        Must.run(() -> {
            loop().queueMicrotask(() -> {
                log.log("m1");
                loop().nextTick(log.logger("t2"));
                loop().queueMicrotask(log.logger("m3"));
            });
            loop().queueMicrotask(log.logger("m2"));
            loop().nextTick(log.logger("t1"));
        });
        assertThat(log).containsExactly("t1", "m1", "m2", "m3", "t2");
    }

    /*
     * process.nextTick(() => { L('t1'); queueMicrotask(() => L('m1')); process.nextTick(() => L('t3')); });
     * process.nextTick(() => L('t2'));
     * → t1 t2 t3 m1
     */
    @Test
    void microtaskQueuedInTickRunsAfterAllTicks() {
        EventLog log = new EventLog();
        Must.run(() -> {
            loop().nextTick(() -> {
                log.log("t1");
                loop().queueMicrotask(log.logger("m1"));
                loop().nextTick(log.logger("t3"));
            });
            loop().nextTick(log.logger("t2"));
        });
        assertThat(log).containsExactly("t1", "t2", "t3", "m1");
        assertThat(log.phases()).containsExactly("tick: t1", "tick: t2", "tick: t3", "micro: m1");
    }

    /*
     * setImmediate(() => {
     *   setImmediate(() => { L('i1'); setImmediate(() => L('i3')); process.nextTick(() => L('t1'));
     *                        queueMicrotask(() => L('m1')); });
     *   setImmediate(() => L('i2'));
     * });
     * → i1 t1 m1 i2 i3
     */
    @Test
    void immediateQueuedByImmediateRunsInNextIterationAndTicksRunBetweenImmediates() {
        EventLog log = new EventLog();
        Must.run(() -> loop().setImmediate(() -> {
            loop().setImmediate(() -> {
                log.log("i1");
                loop().setImmediate(log.logger("i3"));
                loop().nextTick(log.logger("t1"));
                loop().queueMicrotask(log.logger("m1"));
            });
            loop().setImmediate(log.logger("i2"));
        }));
        assertThat(log).containsExactly("i1", "t1", "m1", "i2", "i3");
    }

    /*
     * setTimeout(() => {
     *   setImmediate(() => { L('i1'); setImmediate(() => L('i2')); busyWait(3 ms); });
     *   setTimeout(() => L('timer'), 1);
     * }, 1);
     * → i1 timer i2   (i2 waits for the next iteration, whose timers phase comes first)
     */
    @Test
    void immediateQueuedByImmediateWaitsForDueTimersOfTheNextIteration() {
        EventLog log = new EventLog();
        Must.run(() -> {
            loop().setTimeout(() -> {
                loop().setImmediate(() -> {
                    log.log("i1");
                    loop().setImmediate(log.logger("i2"));
                    busyWaitMillis(3); // make the timer below due before the next iteration
                });
                loop().setTimeout(log.logger("timer"), 1);
            }, 1);
        });
        assertThat(log).containsExactly("i1", "timer", "i2");
    }

    /*
     * setTimeout(() => L('a5'), 5); setTimeout(() => L('b1'), 1); setTimeout(() => L('c5'), 5);
     * setTimeout(() => L('d1'), 1); setTimeout(() => L('e0'), 0);
     * → b1 d1 e0 a5 c5
     */
    @Test
    void timersRunByDueTimeThenCreationOrder() {
        EventLog log = new EventLog();
        Must.run(() -> {
            // 30 ms rather than Node's 5 so a descheduled test thread cannot reorder them
            loop().setTimeout(log.logger("a5"), 30);
            loop().setTimeout(log.logger("b1"), 1);
            loop().setTimeout(log.logger("c5"), 30);
            loop().setTimeout(log.logger("d1"), 1);
            loop().setTimeout(log.logger("e0"), 0);
        });
        assertThat(log).containsExactly("b1", "d1", "e0", "a5", "c5");
    }

    @Test
    void manyTimersWithEqualDelayRunInCreationOrder() {
        List<Integer> order = new ArrayList<>();
        Must.run(() -> {
            for (int i = 0; i < 500; i++) {
                int n = i;
                loop().setTimeout(() -> order.add(n), 2);
            }
        });
        assertThat(order).hasSize(500).isSorted();
    }

    /*
     * setTimeout(() => { L('a'); process.nextTick(() => L('ta')); queueMicrotask(() => L('ma')); }, 1);
     * setTimeout(() => L('b'), 1);
     * → a ta ma b          (Node >= 11 drains ticks and microtasks between timers)
     */
    @Test
    void ticksAndMicrotasksRunBetweenTimers() {
        EventLog log = new EventLog();
        Must.run(() -> {
            loop().setTimeout(() -> {
                log.log("a");
                loop().nextTick(log.logger("ta"));
                loop().queueMicrotask(log.logger("ma"));
            }, 1);
            loop().setTimeout(log.logger("b"), 1);
        });
        assertThat(log.phases()).containsExactly("timer: a", "tick: ta", "micro: ma", "timer: b");
    }

    /*
     * let b; setTimeout(() => { L('a'); clearTimeout(b); }, 1); b = setTimeout(() => L('b'), 1);
     * let ib; setImmediate(() => { L('ia'); clearImmediate(ib); }); ib = setImmediate(() => L('ib'));
     * → ia a   (b and ib never run although both were due in the same phase)
     */
    @Test
    void cancellingATimerOrImmediateDueInTheSamePhase() {
        EventLog log = new EventLog();
        Must.run(() -> {
            Timer[] b = new Timer[2];
            loop().setTimeout(() -> {
                log.log("a");
                b[0].cancel();
            }, 1);
            b[0] = loop().setTimeout(Must.notCall("cancelled timeout"), 1);
            loop().setImmediate(() -> {
                log.log("ia");
                b[1].cancel();
            });
            b[1] = loop().setImmediate(Must.notCall("cancelled immediate"));
        });
        assertThat(log).containsExactly("ia", "a");
    }

    /*
     * let n = 0; const iv = setInterval(() => { L('iv' + (++n)); if (n === 3) clearInterval(iv); }, 1);
     * → iv1 iv2 iv3
     */
    @Test
    void intervalRepeatsUntilCancelledFromItsOwnCallback() {
        EventLog log = new EventLog();
        Must.run(() -> {
            int[] n = {0};
            Timer[] iv = new Timer[1];
            iv[0] = loop().setInterval(() -> {
                log.log("iv" + (++n[0]));
                if (n[0] == 3) {
                    iv[0].cancel();
                }
            }, 1);
        });
        assertThat(log).containsExactly("iv1", "iv2", "iv3");
    }

    /*
     * setTimeout(() => { setImmediate(() => L('imm')); setTimeout(() => L('t0'), 0);
     *                    process.nextTick(() => L('tick')); }, 1);
     * → tick imm t0
     */
    @Test
    void fromATimerImmediateRunsBeforeANewTimeout0() {
        EventLog log = new EventLog();
        Must.run(() -> loop().setTimeout(() -> {
            loop().setImmediate(log.logger("imm"));
            loop().setTimeout(log.logger("t0"), 0);
            loop().nextTick(log.logger("tick"));
        }, 1));
        assertThat(log).containsExactly("tick", "imm", "t0");
    }

    /*
     * process.nextTick(function a() { L('t1'); process.nextTick(() => L('t1.1')); });
     * queueMicrotask(() => { L('m1'); queueMicrotask(() => L('m1.1')); });
     * process.nextTick(() => L('t2'));
     * L('sync');
     * → sync t1 t2 t1.1 m1 m1.1
     */
    @Test
    void nestedTicksRunBeforeAnyMicrotaskAndNestedMicrotasksInTheSameDrain() {
        EventLog log = new EventLog();
        Must.run(() -> {
            loop().nextTick(() -> {
                log.log("t1");
                loop().nextTick(log.logger("t1.1"));
            });
            loop().queueMicrotask(() -> {
                log.log("m1");
                loop().queueMicrotask(log.logger("m1.1"));
            });
            loop().nextTick(log.logger("t2"));
            log.log("sync");
        });
        assertThat(log).containsExactly("sync", "t1", "t2", "t1.1", "m1", "m1.1");
        assertThat(log.phases()).containsExactly("sync: sync", "tick: t1", "tick: t2", "tick: t1.1", "micro: m1",
                "micro: m1.1");
    }

    /**
     * A task {@code execute}d by main is the next iteration's "I/O callback": after main's ticks and
     * after the immediates main set (Sluice-specific, no Node equivalent: Node has no execute).
     */
    @Test
    void taskExecutedFromTheLoopThreadRunsInTheNextTasksPhase() {
        EventLog log = new EventLog();
        Must.run(() -> {
            loop().execute(log.logger("task"));
            loop().setImmediate(() -> {
                log.log("imm");
                loop().setImmediate(log.logger("imm2"));
            });
            loop().nextTick(log.logger("tick"));
        });
        assertThat(log.phases()).containsExactly("tick: tick", "imm: imm", "task: task", "imm: imm2");
    }

    @Test
    void tasksFromTheLoopThreadRunInFifoOrderWithTicksBetween() {
        EventLog log = new EventLog();
        Must.run(() -> {
            loop().execute(() -> {
                log.log("a");
                loop().nextTick(log.logger("ta"));
            });
            loop().execute(log.logger("b"));
        });
        assertThat(log.phases()).containsExactly("task: a", "tick: ta", "task: b");
    }

    /** Ticks from a long chain (streams queue one per chunk) neither overflow the stack nor reorder. */
    @Test
    void longTickChainsRunIteratively() {
        int[] count = {0};
        Must.run(() -> {
            Runnable[] step = new Runnable[1];
            step[0] = () -> {
                if (++count[0] < 1_000_000) {
                    loop().nextTick(step[0]);
                }
            };
            loop().nextTick(step[0]);
        });
        assertThat(count[0]).isEqualTo(1_000_000);
    }

    @Test
    void callbackKindAndCountDescribeTheRunningCallback() {
        List<String> seen = new ArrayList<>();
        Must.run(() -> {
            EventLoop l = loop();
            long main = l.callbackCount();
            seen.add(l.callbackKind().name());
            l.nextTick(() -> seen.add(l.callbackKind() + " " + (l.callbackCount() - main)));
            l.queueMicrotask(() -> seen.add(l.callbackKind() + " " + (l.callbackCount() - main)));
            l.setImmediate(() -> seen.add(l.callbackKind() + " " + (l.callbackCount() - main)));
            l.execute(() -> {
                seen.add(l.callbackKind() + " " + (l.callbackCount() - main));
                l.setTimeout(() -> seen.add(l.callbackKind() + " " + (l.callbackCount() - main)), 1);
            });
        });
        assertThat(seen).containsExactly("MAIN", "TICK 1", "MICROTASK 2", "IMMEDIATE 3", "TASK 4", "TIMER 5");
    }

    /*
     * process.nextTick(() => { throw new Error('boom') }); process.nextTick(() => L('never'));
     * → the process dies; the second tick does not run.
     */
    @Test
    void uncaughtExceptionStopsTheLoopBeforeTheNextCallback() {
        EventLog log = new EventLog();
        RuntimeException boom = new IllegalStateException("boom");
        Throwable thrown = catchThrowable(() -> EventLoop.run(() -> {
            loop().nextTick(() -> {
                log.log("t1");
                throw boom;
            });
            loop().nextTick(log.logger("never-tick"));
            loop().queueMicrotask(log.logger("never-micro"));
            loop().setImmediate(log.logger("never-imm"));
            loop().setTimeout(log.logger("never-timer"), 0);
            loop().execute(log.logger("never-task"));
        }));
        assertThat(thrown).isSameAs(boom);
        assertThat(log).containsExactly("t1");
    }

    /*
     * process.on('uncaughtException', (e) => L('caught ' + e.message));
     * process.nextTick(() => { throw new Error('boom') }); process.nextTick(() => L('t2'));
     * setImmediate(() => L('imm'));
     * → caught boom, t2, imm
     */
    @Test
    void uncaughtExceptionHandlerLetsTheLoopContinue() {
        EventLog log = new EventLog();
        Must.run(() -> {
            loop().setUncaughtExceptionHandler(Must.callConsumer(e -> log.log("caught " + e.getMessage())));
            loop().nextTick(() -> {
                throw new IllegalStateException("boom");
            });
            loop().nextTick(log.logger("t2"));
            loop().setImmediate(log.logger("imm"));
        });
        assertThat(log).containsExactly("caught boom", "t2", "imm");
    }

    /*
     * setImmediate(() => L('unref imm')).unref(); setTimeout(() => L('unref timeout'), 0).unref();
     * → nothing runs: the loop has no ref'd work, so Node exits right after main.
     * setImmediate(() => L('ref imm')); setImmediate(() => L('unref imm')).unref();
     * → ref imm, unref imm (once the loop iterates, every queued immediate runs)
     * setTimeout(() => { L('t'); setImmediate(() => L('unref imm')).unref(); }, 1);
     * → t (libuv checks liveness right after the timers, before the next check phase)
     */
    @Test
    void unrefdImmediatesRunOnlyWhileSomethingElseKeepsTheLoopGoing() {
        Must.run(() -> {
            loop().setImmediate(Must.notCall()).unref();
            loop().setTimeout(Must.notCall(), 0).unref();
        });
        EventLog log = new EventLog();
        Must.run(() -> {
            loop().setImmediate(log.logger("ref imm"));
            loop().setImmediate(log.logger("unref imm")).unref();
        });
        assertThat(log).containsExactly("ref imm", "unref imm");
        log.clear();
        Must.run(() -> loop().setTimeout(() -> {
            log.log("t");
            loop().setImmediate(Must.notCall()).unref();
        }, 1));
        assertThat(log).containsExactly("t");
    }

    static Throwable catchThrowable(Runnable r) {
        try {
            r.run();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    static void busyWaitMillis(long ms) {
        long end = System.nanoTime() + ms * 1_000_000;
        while (System.nanoTime() - end < 0) {
            Thread.onSpinWait();
        }
    }
}
