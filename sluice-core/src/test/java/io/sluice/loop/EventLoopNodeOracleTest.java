package io.sluice.loop;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.testing.EventLog;
import io.sluice.testing.Must;
import io.sluice.testing.NodeOracle;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Differential test: the same ordering scenarios run in node (one process for all of them) and
 * on Sluice's loop must log the same sequence. Scenarios whose order Node leaves to chance
 * (setTimeout(0) against setImmediate from the main script) or that depend on the process
 * exiting (unref) are in {@link EventLoopOrderTest} instead.
 */
class EventLoopNodeOracleTest {

    /** Each node scenario gets {@code L} (log) and runs alone; the runner waits 150 ms after it. */
    private static final String NODE_SCENARIOS = """
            const fs = require('fs');
            const scenarios = {
              ioCallback: (L) => fs.readFile(__filename, () => {
                L('io'); setTimeout(() => L('timeout0'), 0); setImmediate(() => L('imm'));
                process.nextTick(() => L('tick')); queueMicrotask(() => L('micro')); L('sync');
              }),
              tickInMicro: (L) => {
                queueMicrotask(() => { L('m1'); process.nextTick(() => L('t2')); queueMicrotask(() => L('m3')); });
                queueMicrotask(() => L('m2'));
                process.nextTick(() => L('t1'));
              },
              microInTick: (L) => {
                process.nextTick(() => { L('t1'); queueMicrotask(() => L('m1')); process.nextTick(() => L('t3')); });
                process.nextTick(() => L('t2'));
              },
              immFromImm: (L) => setImmediate(() => {
                setImmediate(() => { L('i1'); setImmediate(() => L('i3')); process.nextTick(() => L('t1'));
                                     queueMicrotask(() => L('m1')); });
                setImmediate(() => L('i2'));
              }),
              timersByDueThenCreation: (L) => {
                setTimeout(() => L('a30'), 30); setTimeout(() => L('b1'), 1); setTimeout(() => L('c30'), 30);
                setTimeout(() => L('d1'), 1); setTimeout(() => L('e0'), 0);
              },
              ticksBetweenTimers: (L) => {
                setTimeout(() => { L('a'); process.nextTick(() => L('ta')); queueMicrotask(() => L('ma')); }, 1);
                setTimeout(() => L('b'), 1);
              },
              ticksBetweenImmediates: (L) => {
                setImmediate(() => { L('a'); process.nextTick(() => L('ta')); queueMicrotask(() => L('ma')); });
                setImmediate(() => L('b'));
              },
              clearTimeoutInSamePhase: (L) => {
                let b; setTimeout(() => { L('a'); clearTimeout(b); }, 1); b = setTimeout(() => L('b'), 1);
              },
              clearImmediateInSamePhase: (L) => {
                let b; setImmediate(() => { L('a'); clearImmediate(b); }); b = setImmediate(() => L('b'));
              },
              interval: (L) => {
                let n = 0; const iv = setInterval(() => { L('iv' + (++n)); if (n === 3) clearInterval(iv); }, 1);
              },
              fromTimer: (L) => setTimeout(() => {
                setImmediate(() => L('imm')); setTimeout(() => L('t0'), 0); process.nextTick(() => L('tick'));
                queueMicrotask(() => L('micro')); L('sync');
              }, 1),
              nested: (L) => {
                process.nextTick(() => { L('t1'); process.nextTick(() => L('t1.1')); });
                queueMicrotask(() => { L('m1'); queueMicrotask(() => L('m1.1')); process.nextTick(() => L('t from m1')); });
                process.nextTick(() => L('t2'));
                setImmediate(() => { L('imm'); process.nextTick(() => L('t from imm')); });
                L('sync');
              },
            };
            const names = Object.keys(scenarios);
            (function next(i) {
              if (i === names.length) return;
              const log = [];
              scenarios[names[i]]((s) => log.push(s));
              setTimeout(() => { console.log(names[i] + ': ' + log.join(' ')); next(i + 1); }, 150);
            })(0);
            """;

    private static EventLoop loop() {
        return EventLoop.current();
    }

    /** The same scenarios on Sluice, in the same order. */
    private static Map<String, Consumer<EventLog>> javaScenarios() {
        Map<String, Consumer<EventLog>> s = new LinkedHashMap<>();
        s.put("ioCallback", log -> loop().execute(() -> {
            log.log("io");
            loop().setTimeout(log.logger("timeout0"), 0);
            loop().setImmediate(log.logger("imm"));
            loop().nextTick(log.logger("tick"));
            loop().queueMicrotask(log.logger("micro"));
            log.log("sync");
        }));
        s.put("tickInMicro", log -> {
            loop().queueMicrotask(() -> {
                log.log("m1");
                loop().nextTick(log.logger("t2"));
                loop().queueMicrotask(log.logger("m3"));
            });
            loop().queueMicrotask(log.logger("m2"));
            loop().nextTick(log.logger("t1"));
        });
        s.put("microInTick", log -> {
            loop().nextTick(() -> {
                log.log("t1");
                loop().queueMicrotask(log.logger("m1"));
                loop().nextTick(log.logger("t3"));
            });
            loop().nextTick(log.logger("t2"));
        });
        s.put("immFromImm", log -> loop().setImmediate(() -> {
            loop().setImmediate(() -> {
                log.log("i1");
                loop().setImmediate(log.logger("i3"));
                loop().nextTick(log.logger("t1"));
                loop().queueMicrotask(log.logger("m1"));
            });
            loop().setImmediate(log.logger("i2"));
        }));
        s.put("timersByDueThenCreation", log -> {
            loop().setTimeout(log.logger("a30"), 30);
            loop().setTimeout(log.logger("b1"), 1);
            loop().setTimeout(log.logger("c30"), 30);
            loop().setTimeout(log.logger("d1"), 1);
            loop().setTimeout(log.logger("e0"), 0);
        });
        s.put("ticksBetweenTimers", log -> {
            loop().setTimeout(() -> {
                log.log("a");
                loop().nextTick(log.logger("ta"));
                loop().queueMicrotask(log.logger("ma"));
            }, 1);
            loop().setTimeout(log.logger("b"), 1);
        });
        s.put("ticksBetweenImmediates", log -> {
            loop().setImmediate(() -> {
                log.log("a");
                loop().nextTick(log.logger("ta"));
                loop().queueMicrotask(log.logger("ma"));
            });
            loop().setImmediate(log.logger("b"));
        });
        s.put("clearTimeoutInSamePhase", log -> {
            Timer[] b = new Timer[1];
            loop().setTimeout(() -> {
                log.log("a");
                b[0].cancel();
            }, 1);
            b[0] = loop().setTimeout(log.logger("b"), 1);
        });
        s.put("clearImmediateInSamePhase", log -> {
            Timer[] b = new Timer[1];
            loop().setImmediate(() -> {
                log.log("a");
                b[0].cancel();
            });
            b[0] = loop().setImmediate(log.logger("b"));
        });
        s.put("interval", log -> {
            int[] n = {0};
            Timer[] iv = new Timer[1];
            iv[0] = loop().setInterval(() -> {
                log.log("iv" + (++n[0]));
                if (n[0] == 3) {
                    iv[0].cancel();
                }
            }, 1);
        });
        s.put("fromTimer", log -> loop().setTimeout(() -> {
            loop().setImmediate(log.logger("imm"));
            loop().setTimeout(log.logger("t0"), 0);
            loop().nextTick(log.logger("tick"));
            loop().queueMicrotask(log.logger("micro"));
            log.log("sync");
        }, 1));
        s.put("nested", log -> {
            loop().nextTick(() -> {
                log.log("t1");
                loop().nextTick(log.logger("t1.1"));
            });
            loop().queueMicrotask(() -> {
                log.log("m1");
                loop().queueMicrotask(log.logger("m1.1"));
                loop().nextTick(log.logger("t from m1"));
            });
            loop().nextTick(log.logger("t2"));
            loop().setImmediate(() -> {
                log.log("imm");
                loop().nextTick(log.logger("t from imm"));
            });
            log.log("sync");
        });
        return s;
    }

    @Test
    void sluiceLogsTheSameOrderAsNode() {
        Assumptions.assumeTrue(NodeOracle.available(), NodeOracle.SKIP_MESSAGE);
        String nodeOut = new String(NodeOracle.runRaw(NODE_SCENARIOS, new byte[0]), StandardCharsets.UTF_8);
        StringBuilder ours = new StringBuilder();
        for (Map.Entry<String, Consumer<EventLog>> e : javaScenarios().entrySet()) {
            EventLog log = new EventLog();
            Must.run(() -> e.getValue().accept(log));
            ours.append(e.getKey()).append(": ").append(log).append('\n');
        }
        assertThat(ours.toString()).isEqualTo(nodeOut);
        assertThat(nodeOut.lines()).hasSize(12);
    }
}
