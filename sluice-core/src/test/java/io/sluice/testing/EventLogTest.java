package io.sluice.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.loop.EventLoop;
import org.junit.jupiter.api.Test;

class EventLogTest {

    @Test
    void tagsEntriesWithThePhaseTheyHappenedIn() {
        EventLog log = new EventLog(); // created off the loop: main's entries count as sync
        Must.run(() -> {
            EventLoop loop = EventLoop.current();
            loop.setImmediate(log.logger("imm"));
            loop.queueMicrotask(log.logger("m"));
            loop.nextTick(() -> {
                log.log("t1a");
                log.log("t1b");
            });
            loop.nextTick(log.logger("t2"));
            loop.setTimeout(log.logger("timer"), 1);
            log.log("s1");
            log.log("s2");
        });
        assertThat(log).containsExactly("s1", "s2", "t1a", "t1b", "t2", "m", "imm", "timer");
        assertThat(log.phases()).containsExactly("sync: s1, s2", "tick: t1a, t1b", "tick: t2", "micro: m", "imm: imm",
                "timer: timer");
        assertThat(log.tagged().get(2)).hasToString("tick: t1a");
        assertThat(log).hasToString("s1 s2 t1a t1b t2 m imm timer");
        assertThat(log.size()).isEqualTo(8);
    }

    @Test
    void markMovesSyncToTheCurrentCallback() {
        EventLog log = new EventLog();
        Must.run(() -> {
            EventLoop loop = EventLoop.current();
            log.log("main");
            loop.setImmediate(() -> {
                log.mark();
                log.log("now sync");
                loop.nextTick(log.logger("tick"));
            });
        });
        // Tags are fixed when an entry is logged: "main" stays sync (it was, at the time).
        assertThat(log.phases()).containsExactly("sync: main", "sync: now sync", "tick: tick");
        assertThat(log.tagged()).extracting(EventLog.Entry::tag).containsExactly("sync", "sync", "tick");
    }

    @Test
    void entriesFromOtherThreadsAreTaggedThread() {
        EventLog log = new EventLog();
        Must.run(() -> EventLoop.current().offload(() -> log.log("work"),
                Must.callBiConsumer((r, e) -> log.log("done"))));
        assertThat(log.phases()).containsExactly("thread: work", "task: done");
        log.clear();
        assertThat(log.entries()).isEmpty();
    }
}
