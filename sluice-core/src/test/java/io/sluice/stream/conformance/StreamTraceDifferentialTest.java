package io.sluice.stream.conformance;

import static io.sluice.stream.conformance.TestChunks.code;
import static io.sluice.stream.conformance.TestChunks.str;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.loop.EventLoop;
import io.sluice.stream.Callback;
import io.sluice.stream.Duplex;
import io.sluice.stream.Readable;
import io.sluice.stream.Stream;
import io.sluice.stream.StreamOptions;
import io.sluice.stream.Transform;
import io.sluice.stream.TransformCallback;
import io.sluice.stream.Writable;
import io.sluice.stream.WriteChunk;
import io.sluice.testing.EventLog;
import io.sluice.testing.NodeOracle;
import io.sluice.testing.NodePhases;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Differential event traces: each scenario is written once as a small Node script and once in
 * Java; both produce an ordered log whose entries are tagged with the phase they happened in, and
 * the two logs must be identical, entry for entry and phase for phase.
 *
 * <h2>Tagging, identically in both worlds</h2>
 * A log entry is {@code "<tag>: a, b"}: consecutive entries written by the same callback are
 * grouped, exactly as {@link EventLog#phases()} groups them. Tags are {@code sync} (the
 * scenario's own frame), {@code tick} (a nextTick callback), {@code micro}, {@code imm}
 * (setImmediate) and {@code timer}. In Java the event loop knows which kind of callback is
 * running. In Node the script wraps {@code process.nextTick}, {@code setImmediate},
 * {@code setTimeout} and {@code queueMicrotask} before loading anything (the stream internals look
 * {@code process.nextTick} up at call time, so they go through the wrapper too); each wrapped
 * callback sets the current tag and a fresh callback id while it runs. The same wrapper counts
 * pending callbacks, which tells the script when a scenario is quiescent, so every scenario runs
 * in one node process, one after the other, each starting from an empty queue.
 *
 * <p>Skipped, with {@link NodeOracle#SKIP_MESSAGE}, when node is not installed.
 */
class StreamTraceDifferentialTest {

    // ---------------------------------------------------------------------------------------------
    // The Node side: one script, every scenario.

    private static final String NODE_SCRIPT = """
            const { Readable, Writable, Duplex, Transform } = require('stream');
            """ + NodePhases.JS + """
            const origST = global.setTimeout, origQM = global.queueMicrotask;
            global.setTimeout = (fn, ms, ...a) => origST(wrap('timer', fn), ms, ...a);
            global.queueMicrotask = (fn) => origQM(wrap('micro', fn));
            const scenarios = {
              flowingData() {
                const items = ['a', 'b'];
                const r = new Readable({ read() { log('_read'); while (items.length) this.push(items.shift()); this.push(null); } });
                r.on('resume', () => log('resume'));
                r.on('data', (d) => log('data ' + s(d)));
                r.on('end', () => log('end'));
                r.on('close', () => log('close'));
                log('flowing=' + r.readableFlowing);
                process.nextTick(() => log('user tick'));
                setImmediate(() => log('imm'));
              },
              readableEvent() {
                const r = new Readable({ read() { log('_read'); this.push('a'); this.push('b'); this.push(null); } });
                r.on('readable', () => {
                  log('readable len=' + r.readableLength);
                  let c;
                  while ((c = r.read()) !== null) log('read ' + s(c));
                  log('read null');
                });
                r.on('end', () => log('end'));
                r.on('close', () => log('close'));
                log('flowing=' + r.readableFlowing);
              },
              hwm0Async() {
                let n = 0;
                const r = new Readable({ highWaterMark: 0, read() {
                  log('_read');
                  process.nextTick(() => { n++; if (n <= 3) log('push ' + this.push('c' + n)); else this.push(null); });
                } });
                r.on('data', (d) => log('data ' + s(d)));
                r.on('end', () => log('end'));
                r.on('close', () => log('close'));
              },
              writeSyncNoFinal() {
                const w = new Writable({ write(c, e, cb) { log('_write ' + s(c)); cb(); } });
                w.on('prefinish', () => log('prefinish'));
                w.on('finish', () => log('finish'));
                w.on('close', () => log('close'));
                w.write('ab', (e) => log('cb1 ' + code(e)));
                w.write('c', (e) => log('cb2 ' + code(e)));
                w.end((e) => log('cb3 ' + code(e)));
                log('end returned');
              },
              writeAsyncBackpressure() {
                const w = new Writable({ highWaterMark: 3, write(c, e, cb) { log('_write ' + s(c)); setImmediate(cb); } });
                w.on('drain', () => { log('drain ' + w.writableLength); w.end(() => log('end cb')); });
                w.on('prefinish', () => log('prefinish'));
                w.on('finish', () => log('finish'));
                w.on('close', () => log('close'));
                log('a ' + w.write('a') + ' ' + w.writableLength);
                log('bc ' + w.write('bc') + ' ' + w.writableLength);
                log('d ' + w.write('d', () => log('cb d')) + ' ' + w.writableLength);
              },
              finalSync() {
                const w = new Writable({
                  write(c, e, cb) { log('_write ' + s(c)); cb(); },
                  final(cb) { log('_final'); cb(); },
                });
                w.on('prefinish', () => log('prefinish'));
                w.on('finish', () => log('finish'));
                w.on('close', () => log('close'));
                w.end('last', (e) => log('end cb ' + code(e)));
                log('end returned');
              },
              finalAsync() {
                const w = new Writable({
                  write(c, e, cb) { log('_write ' + s(c)); process.nextTick(cb); },
                  final(cb) { log('_final'); setImmediate(() => { log('final done'); cb(); }); },
                });
                w.on('prefinish', () => log('prefinish'));
                w.on('finish', () => log('finish'));
                w.on('close', () => log('close'));
                w.write('a', (e) => log('cb a ' + code(e)));
                w.end((e) => log('end cb ' + code(e)));
                log('end returned');
              },
              corkUncork() {
                const w = new Writable({
                  write(c, e, cb) { log('_write ' + s(c)); cb(); },
                  writev(chunks, cb) { log('_writev ' + chunks.map((x) => s(x.chunk)).join('+')); cb(); },
                });
                w.on('finish', () => log('finish'));
                w.on('close', () => log('close'));
                w.write('first');
                w.cork(); w.write('a'); w.write('b'); w.cork(); w.write('c');
                w.uncork(); log('corked ' + w.writableCorked);
                w.uncork(); log('corked ' + w.writableCorked);
                w.write('d', () => log('cb d'));
                w.cork(); w.write('e'); w.end('f', () => log('end cb'));
                log('end returned');
              },
              destroyBeforeFlow() {
                const r = new Readable({ read() { log('_read'); this.push('a'); } });
                r.on('data', (d) => log('data ' + s(d)));
                r.on('end', () => log('end'));
                r.on('error', (e) => log('error ' + code(e)));
                r.on('close', () => log('close'));
                r.destroy();
                log('destroyed=' + r.destroyed + ' closed=' + r.closed + ' errored=' + code(r.errored));
                process.nextTick(() => log('user tick'));
              },
              destroyErrorBeforeFlow() {
                const r = new Readable({ read() { log('_read'); this.push('a'); } });
                r.on('data', (d) => log('data ' + s(d)));
                r.on('end', () => log('end'));
                r.on('error', (e) => log('error ' + code(e)));
                r.on('close', () => log('close'));
                r.destroy(new Error('early'));
                log('destroyed=' + r.destroyed + ' closed=' + r.closed + ' errored=' + code(r.errored));
                process.nextTick(() => log('user tick'));
              },
              destroyErrorDuringFlow() {
                let i = 0;
                const r = new Readable({ read() { log('_read'); this.push(String(i++)); if (i > 5) this.push(null); } });
                r.on('data', (d) => {
                  log('data ' + s(d));
                  if (s(d) === '1') { r.destroy(new Error('boom')); log('errored=' + code(r.errored)); }
                });
                r.on('end', () => log('end'));
                r.on('error', (e) => log('error ' + code(e)));
                r.on('close', () => log('close'));
              },
              destroyDuringAsyncFlow() {
                let i = 0;
                const r = new Readable({ read() { log('_read'); setImmediate(() => this.push(String(i++))); } });
                r.on('data', (d) => { log('data ' + s(d)); if (s(d) === '2') { r.destroy(); log('destroyed'); } });
                r.on('end', () => log('end'));
                r.on('error', (e) => log('error ' + code(e)));
                r.on('close', () => log('close'));
              },
              writableDestroyWithPendingWrites() {
                const w = new Writable({ write(c, e, cb) { log('_write ' + s(c)); setImmediate(() => { log('write done'); cb(); }); } });
                w.on('finish', () => log('finish'));
                w.on('error', (e) => log('error ' + code(e)));
                w.on('close', () => log('close'));
                w.write('a', (e) => log('cb a ' + code(e)));
                w.write('b', (e) => log('cb b ' + code(e)));
                w.write('c', (e) => log('cb c ' + code(e)));
                w.destroy();
                log('destroyed=' + w.destroyed);
                w.write('d', (e) => log('cb d ' + code(e)));
              },
              transformFlushNoFinal() {
                const t = new Transform({
                  transform(c, e, cb) { log('_transform ' + s(c)); cb(null, s(c).toUpperCase()); },
                  flush(cb) { log('_flush'); cb(null, 'F'); },
                });
                t.on('data', (d) => log('data ' + s(d)));
                t.on('prefinish', () => log('prefinish'));
                t.on('finish', () => log('finish'));
                t.on('end', () => log('end'));
                t.on('close', () => log('close'));
                t.write('a');
                t.end('b', () => log('end cb'));
                log('end returned');
              },
              transformAsyncFinalAsyncFlush() {
                const t = new Transform({
                  transform(c, e, cb) { log('_transform ' + s(c)); process.nextTick(cb, null, s(c).toUpperCase()); },
                  final(cb) { log('_final'); setImmediate(() => { log('final done'); cb(); }); },
                  flush(cb) { log('_flush'); setImmediate(() => { log('flush done'); cb(null, 'F'); }); },
                });
                t.on('data', (d) => log('data ' + s(d)));
                t.on('prefinish', () => log('prefinish'));
                t.on('finish', () => log('finish'));
                t.on('end', () => log('end'));
                t.on('close', () => log('close'));
                t.write('a');
                t.end('b', () => log('end cb'));
              },
              duplexNoHalfOpen() {
                const d = new Duplex({
                  allowHalfOpen: false,
                  read() { log('_read'); this.push('x'); this.push(null); },
                  write(c, e, cb) { log('_write ' + s(c)); cb(); },
                });
                d.on('data', (c) => log('data ' + s(c)));
                d.on('end', () => log('end writable=' + d.writable));
                d.on('prefinish', () => log('prefinish'));
                d.on('finish', () => log('finish'));
                d.on('close', () => log('close'));
                d.write('w1');
              },
              pipeSlowDestination() {
                let n = 0;
                const src = new Readable({ highWaterMark: 2, read() {
                  n++; log('_read ' + n); if (n <= 4) this.push('c' + n); else this.push(null);
                } });
                const dst = new Writable({ highWaterMark: 1, write(c, e, cb) { log('_write ' + s(c)); setImmediate(cb); } });
                dst.on('pipe', () => log('pipe'));
                dst.on('unpipe', () => log('unpipe'));
                dst.on('drain', () => log('drain'));
                dst.on('finish', () => log('finish'));
                dst.on('close', () => log('dst close'));
                src.on('pause', () => log('pause'));
                src.on('resume', () => log('resume'));
                src.on('end', () => log('end'));
                src.on('close', () => log('src close'));
                src.pipe(dst);
              },
              writeAfterEnd() {
                const w = new Writable({ write(c, e, cb) { cb(); } });
                w.on('finish', () => log('finish'));
                w.on('error', (e) => log('error ' + code(e)));
                w.on('close', () => log('close'));
                w.end();
                log('write ' + w.write('x', (e) => log('cb ' + code(e))));
              },
              writeErrorSync() {
                const w = new Writable({ write(c, e, cb) { log('_write ' + s(c)); cb(new Error('bad')); } });
                w.on('finish', () => log('finish'));
                w.on('error', (e) => log('error ' + code(e) + ' destroyed=' + w.destroyed));
                w.on('close', () => log('close'));
                log('a ' + w.write('a', (e) => log('cb a ' + code(e))));
                log('b ' + w.write('b', (e) => log('cb b ' + code(e))));
              },
              pauseResume() {
                const r = new Readable({ read() { log('_read'); this.push('a'); this.push('b'); this.push('c'); this.push(null); } });
                r.on('data', (d) => {
                  log('data ' + s(d));
                  if (s(d) === 'a') { r.pause(); log('paused=' + r.isPaused()); setImmediate(() => { log('resume()'); r.resume(); }); }
                });
                r.on('pause', () => log('pause'));
                r.on('resume', () => log('resume'));
                r.on('end', () => log('end'));
                r.on('close', () => log('close'));
              },
            };
            // Adversarial variants: one-byte chunks with highWaterMarks 0 and 1.
            function pipeVariant(srcHwm, dstHwm) {
              let n = 0;
              const src = new Readable({ highWaterMark: srcHwm, read() {
                n++; log('_read ' + n); if (n <= 3) this.push('abc'[n - 1]); else this.push(null);
              } });
              const dst = new Writable({ highWaterMark: dstHwm, write(c, e, cb) { log('_write ' + s(c)); setImmediate(cb); } });
              dst.on('drain', () => log('drain'));
              dst.on('finish', () => log('finish'));
              dst.on('close', () => log('dst close'));
              src.on('pause', () => log('pause'));
              src.on('resume', () => log('resume'));
              src.on('end', () => log('end'));
              src.on('close', () => log('src close'));
              src.pipe(dst);
            }
            function readableBytes(hwm) {
              let n = 0;
              const r = new Readable({ highWaterMark: hwm, read() {
                log('_read');
                process.nextTick(() => { n++; log('push ' + this.push(n <= 3 ? 'xyz'[n - 1] : null)); });
              } });
              r.on('readable', () => {
                let c;
                log('readable len=' + r.readableLength);
                while ((c = r.read()) !== null) log('read ' + s(c));
              });
              r.on('end', () => log('end'));
              r.on('close', () => log('close'));
            }
            function transformBytes(hwm) {
              const t = new Transform({ highWaterMark: hwm, transform(c, e, cb) { log('_transform ' + s(c)); cb(null, c); } });
              t.on('drain', () => log('drain'));
              t.on('finish', () => log('finish'));
              t.on('end', () => log('end'));
              t.on('close', () => log('close'));
              for (const c of ['a', 'b', 'c']) log('write ' + c + ' ' + t.write(c));
              t.end();
              setImmediate(() => t.on('data', (d) => log('data ' + s(d))));
            }
            for (const [a, b] of [[0, 0], [1, 1], [0, 1], [1, 0]]) scenarios['pipe_' + a + '_' + b] = () => pipeVariant(a, b);
            for (const h of [0, 1]) {
              scenarios['readableBytes_' + h] = () => readableBytes(h);
              scenarios['transformBytes_' + h] = () => transformBytes(h);
            }
            const names = Object.keys(scenarios);
            let i = 0;
            function next() {
              if (i >= names.length) return;
              const name = names[i++];
              entries = []; phase = 'sync'; cur = ++ids;
              try { scenarios[name](); } catch (e) { log('THREW ' + code(e)); }
              phase = 'loop'; cur = 0;
              onIdle = () => { emit(name); emit(phases().join('\\n')); next(); };
              checkIdle();
            }
            next();
            """;

    private static Map<String, List<String>> nodeTraces;

    /** Runs the script once per JVM (about 50 ms) and parses its (name, trace) frame pairs. */
    private static synchronized Map<String, List<String>> nodeTraces() {
        if (nodeTraces == null) {
            List<byte[]> frames = NodeOracle.run(NODE_SCRIPT, List.of());
            Map<String, List<String>> m = new LinkedHashMap<>();
            for (int i = 0; i + 1 < frames.size(); i += 2) {
                String trace = NodeOracle.utf16(frames.get(i + 1));
                m.put(NodeOracle.utf16(frames.get(i)), trace.isEmpty() ? List.of() : Arrays.asList(trace.split("\n")));
            }
            nodeTraces = m;
        }
        return nodeTraces;
    }

    /** Runs the Java scenario on a fresh loop and asserts that its tagged trace equals node's. */
    private static void assertSameTrace(String name, Consumer<EventLog> scenario) {
        Assumptions.assumeTrue(NodeOracle.available(), NodeOracle.SKIP_MESSAGE);
        List<String> expected = nodeTraces().get(name);
        assertThat(expected).as("node produced no trace for %s", name).isNotNull();
        EventLog[] logs = new EventLog[1];
        EventLoop.run(() -> {
            EventLog log = logs[0] = new EventLog();
            try {
                scenario.accept(log);
            } catch (RuntimeException e) {
                log.log("THREW " + code(e));
            }
        });
        List<String> actual = logs[0].phases();
        assertThat(actual)
                .as("%s%n node:  %s%n sluice: %s", name, String.join(" | ", expected), String.join(" | ", actual))
                .containsExactlyElementsOf(expected);
    }

    private static void nextTick(Runnable r) {
        EventLoop.current().nextTick(r);
    }

    private static void setImmediate(Runnable r) {
        EventLoop.current().setImmediate(r);
    }

    /** Node's {@code String(bool)} / {@code String(number)} for the values these scenarios log. */
    private static String js(Object v) {
        return String.valueOf(v);
    }

    // ---------------------------------------------------------------------------------------------
    // The Java side, scenario by scenario (same names, same logs).

    @Test
    void flowingData() {
        assertSameTrace("flowingData", log -> {
            List<String> items = new ArrayList<>(List.of("a", "b"));
            Readable<Object> r = new Readable<>(StreamOptions.create().doRead((Readable<?> self, long n) -> {
                log.log("_read");
                while (!items.isEmpty()) {
                    self.push(items.remove(0));
                }
                self.push(null);
            }));
            r.on(Readable.RESUME, v -> log.log("resume"));
            r.on(Readable.DATA, d -> log.log("data " + str(d)));
            r.on(Readable.END, v -> log.log("end"));
            r.on(Stream.CLOSE, v -> log.log("close"));
            log.log("flowing=" + r.readableFlowing());
            nextTick(() -> log.log("user tick"));
            setImmediate(() -> log.log("imm"));
        });
    }

    @Test
    void readableEvent() {
        assertSameTrace("readableEvent", log -> {
            Readable<Object> r = new Readable<>(StreamOptions.create().doRead((Readable<?> self, long n) -> {
                log.log("_read");
                self.push("a");
                self.push("b");
                self.push(null);
            }));
            r.on(Readable.READABLE, v -> {
                log.log("readable len=" + r.readableLength());
                Object c;
                while ((c = r.read()) != null) {
                    log.log("read " + str(c));
                }
                log.log("read null");
            });
            r.on(Readable.END, v -> log.log("end"));
            r.on(Stream.CLOSE, v -> log.log("close"));
            log.log("flowing=" + r.readableFlowing());
        });
    }

    @Test
    void hwm0Async() {
        assertSameTrace("hwm0Async", log -> {
            int[] n = {0};
            Readable<Object> r = new Readable<>(StreamOptions.create().highWaterMark(0)
                    .doRead((Readable<?> self, long size) -> {
                        log.log("_read");
                        nextTick(() -> {
                            n[0]++;
                            if (n[0] <= 3) {
                                log.log("push " + self.push("c" + n[0]));
                            } else {
                                self.push(null);
                            }
                        });
                    }));
            r.on(Readable.DATA, d -> log.log("data " + str(d)));
            r.on(Readable.END, v -> log.log("end"));
            r.on(Stream.CLOSE, v -> log.log("close"));
        });
    }

    @Test
    void writeSyncNoFinal() {
        assertSameTrace("writeSyncNoFinal", log -> {
            Writable<Object> w = new Writable<>(StreamOptions.create().doWrite((s, c, e, cb) -> {
                log.log("_write " + str(c));
                cb.done();
            }));
            w.on(Writable.PREFINISH, v -> log.log("prefinish"));
            w.on(Writable.FINISH, v -> log.log("finish"));
            w.on(Stream.CLOSE, v -> log.log("close"));
            w.write("ab", e -> log.log("cb1 " + code(e)));
            w.write("c", e -> log.log("cb2 " + code(e)));
            w.end(e -> log.log("cb3 " + code(e)));
            log.log("end returned");
        });
    }

    @Test
    void writeAsyncBackpressure() {
        assertSameTrace("writeAsyncBackpressure", log -> {
            Writable<Object> w = new Writable<>(StreamOptions.create().highWaterMark(3).doWrite((s, c, e, cb) -> {
                log.log("_write " + str(c));
                setImmediate(() -> cb.done());
            }));
            w.on(Writable.DRAIN, v -> {
                log.log("drain " + w.writableLength());
                w.end(e -> log.log("end cb"));
            });
            w.on(Writable.PREFINISH, v -> log.log("prefinish"));
            w.on(Writable.FINISH, v -> log.log("finish"));
            w.on(Stream.CLOSE, v -> log.log("close"));
            log.log("a " + w.write("a") + " " + w.writableLength());
            log.log("bc " + w.write("bc") + " " + w.writableLength());
            log.log("d " + w.write("d", e -> log.log("cb d")) + " " + w.writableLength());
        });
    }

    @Test
    void finalSync() {
        assertSameTrace("finalSync", log -> {
            Writable<Object> w = new Writable<>(StreamOptions.create()
                    .doWrite((s, c, e, cb) -> {
                        log.log("_write " + str(c));
                        cb.done();
                    })
                    .doFinal((Stream s, Callback cb) -> {
                        log.log("_final");
                        cb.done();
                    }));
            w.on(Writable.PREFINISH, v -> log.log("prefinish"));
            w.on(Writable.FINISH, v -> log.log("finish"));
            w.on(Stream.CLOSE, v -> log.log("close"));
            w.end("last", e -> log.log("end cb " + code(e)));
            log.log("end returned");
        });
    }

    @Test
    void finalAsync() {
        assertSameTrace("finalAsync", log -> {
            Writable<Object> w = new Writable<>(StreamOptions.create()
                    .doWrite((s, c, e, cb) -> {
                        log.log("_write " + str(c));
                        nextTick(() -> cb.done());
                    })
                    .doFinal((Stream s, Callback cb) -> {
                        log.log("_final");
                        setImmediate(() -> {
                            log.log("final done");
                            cb.done();
                        });
                    }));
            w.on(Writable.PREFINISH, v -> log.log("prefinish"));
            w.on(Writable.FINISH, v -> log.log("finish"));
            w.on(Stream.CLOSE, v -> log.log("close"));
            w.write("a", e -> log.log("cb a " + code(e)));
            w.end(e -> log.log("end cb " + code(e)));
            log.log("end returned");
        });
    }

    @Test
    void corkUncork() {
        assertSameTrace("corkUncork", log -> {
            Writable<Object> w = new Writable<>(StreamOptions.create()
                    .doWrite((s, c, e, cb) -> {
                        log.log("_write " + str(c));
                        cb.done();
                    })
                    .doWritev((Stream s, List<WriteChunk<Object>> chunks, Callback cb) -> {
                        log.log("_writev " + chunks.stream().map(x -> str(x.chunk())).collect(Collectors.joining("+")));
                        cb.done();
                    }));
            w.on(Writable.FINISH, v -> log.log("finish"));
            w.on(Stream.CLOSE, v -> log.log("close"));
            w.write("first");
            w.cork();
            w.write("a");
            w.write("b");
            w.cork();
            w.write("c");
            w.uncork();
            log.log("corked " + w.writableCorked());
            w.uncork();
            log.log("corked " + w.writableCorked());
            w.write("d", e -> log.log("cb d"));
            w.cork();
            w.write("e");
            w.end("f", e -> log.log("end cb"));
            log.log("end returned");
        });
    }

    private static Readable<Object> pushingA(EventLog log) {
        Readable<Object> r = new Readable<>(StreamOptions.create().doRead((Readable<?> self, long n) -> {
            log.log("_read");
            self.push("a");
        }));
        r.on(Readable.DATA, d -> log.log("data " + str(d)));
        r.on(Readable.END, v -> log.log("end"));
        r.on(Readable.ERROR, e -> log.log("error " + code(e)));
        r.on(Stream.CLOSE, v -> log.log("close"));
        return r;
    }

    @Test
    void destroyBeforeFlow() {
        assertSameTrace("destroyBeforeFlow", log -> {
            Readable<Object> r = pushingA(log);
            r.destroy();
            log.log("destroyed=" + r.destroyed() + " closed=" + r.closed() + " errored=" + code(r.errored()));
            nextTick(() -> log.log("user tick"));
        });
    }

    @Test
    void destroyErrorBeforeFlow() {
        assertSameTrace("destroyErrorBeforeFlow", log -> {
            Readable<Object> r = pushingA(log);
            r.destroy(new RuntimeException("early"));
            log.log("destroyed=" + r.destroyed() + " closed=" + r.closed() + " errored=" + code(r.errored()));
            nextTick(() -> log.log("user tick"));
        });
    }

    @Test
    void destroyErrorDuringFlow() {
        assertSameTrace("destroyErrorDuringFlow", log -> {
            int[] i = {0};
            Readable<?>[] ref = new Readable<?>[1];
            Readable<Object> r = new Readable<>(StreamOptions.create().doRead((Readable<?> self, long n) -> {
                log.log("_read");
                self.push(String.valueOf(i[0]++));
                if (i[0] > 5) {
                    self.push(null);
                }
            }));
            ref[0] = r;
            r.on(Readable.DATA, d -> {
                log.log("data " + str(d));
                if (str(d).equals("1")) {
                    r.destroy(new RuntimeException("boom"));
                    log.log("errored=" + code(r.errored()));
                }
            });
            r.on(Readable.END, v -> log.log("end"));
            r.on(Readable.ERROR, e -> log.log("error " + code(e)));
            r.on(Stream.CLOSE, v -> log.log("close"));
        });
    }

    @Test
    void destroyDuringAsyncFlow() {
        assertSameTrace("destroyDuringAsyncFlow", log -> {
            int[] i = {0};
            Readable<Object> r = new Readable<>(StreamOptions.create().doRead((Readable<?> self, long n) -> {
                log.log("_read");
                setImmediate(() -> self.push(String.valueOf(i[0]++)));
            }));
            r.on(Readable.DATA, d -> {
                log.log("data " + str(d));
                if (str(d).equals("2")) {
                    r.destroy();
                    log.log("destroyed");
                }
            });
            r.on(Readable.END, v -> log.log("end"));
            r.on(Readable.ERROR, e -> log.log("error " + code(e)));
            r.on(Stream.CLOSE, v -> log.log("close"));
        });
    }

    @Test
    void writableDestroyWithPendingWrites() {
        assertSameTrace("writableDestroyWithPendingWrites", log -> {
            Writable<Object> w = new Writable<>(StreamOptions.create().doWrite((s, c, e, cb) -> {
                log.log("_write " + str(c));
                setImmediate(() -> {
                    log.log("write done");
                    cb.done();
                });
            }));
            w.on(Writable.FINISH, v -> log.log("finish"));
            w.on(Writable.ERROR, e -> log.log("error " + code(e)));
            w.on(Stream.CLOSE, v -> log.log("close"));
            w.write("a", e -> log.log("cb a " + code(e)));
            w.write("b", e -> log.log("cb b " + code(e)));
            w.write("c", e -> log.log("cb c " + code(e)));
            w.destroy();
            log.log("destroyed=" + w.destroyed());
            w.write("d", e -> log.log("cb d " + code(e)));
        });
    }

    private static void transformListeners(Transform<Object, Object> t, EventLog log) {
        t.on(Readable.DATA, d -> log.log("data " + str(d)));
        t.on(Writable.PREFINISH, v -> log.log("prefinish"));
        t.on(Writable.FINISH, v -> log.log("finish"));
        t.on(Readable.END, v -> log.log("end"));
        t.on(Stream.CLOSE, v -> log.log("close"));
    }

    @Test
    void transformFlushNoFinal() {
        assertSameTrace("transformFlushNoFinal", log -> {
            Transform<Object, Object> t = new Transform<>(StreamOptions.create()
                    .doTransform((Transform<?, ?> self, Object c, String e, TransformCallback<Object> cb) -> {
                        log.log("_transform " + str(c));
                        cb.done(null, str(c).toUpperCase());
                    })
                    .doFlush((Transform<?, ?> self, TransformCallback<Object> cb) -> {
                        log.log("_flush");
                        cb.done(null, "F");
                    }));
            transformListeners(t, log);
            t.write("a");
            t.end("b", e -> log.log("end cb"));
            log.log("end returned");
        });
    }

    @Test
    void transformAsyncFinalAsyncFlush() {
        assertSameTrace("transformAsyncFinalAsyncFlush", log -> {
            Transform<Object, Object> t = new Transform<>(StreamOptions.create()
                    .doTransform((Transform<?, ?> self, Object c, String e, TransformCallback<Object> cb) -> {
                        log.log("_transform " + str(c));
                        nextTick(() -> cb.done(null, str(c).toUpperCase()));
                    })
                    .doFinal((Stream self, Callback cb) -> {
                        log.log("_final");
                        setImmediate(() -> {
                            log.log("final done");
                            cb.done();
                        });
                    })
                    .doFlush((Transform<?, ?> self, TransformCallback<Object> cb) -> {
                        log.log("_flush");
                        setImmediate(() -> {
                            log.log("flush done");
                            cb.done(null, "F");
                        });
                    }));
            transformListeners(t, log);
            t.write("a");
            t.end("b", e -> log.log("end cb"));
        });
    }

    @Test
    void duplexNoHalfOpen() {
        assertSameTrace("duplexNoHalfOpen", log -> {
            Duplex<?, ?>[] ref = new Duplex<?, ?>[1];
            Duplex<Object, Object> d = new Duplex<>(StreamOptions.create().allowHalfOpen(false)
                    .doRead((Readable<?> self, long n) -> {
                        log.log("_read");
                        self.push("x");
                        self.push(null);
                    })
                    .doWrite((s, c, e, cb) -> {
                        log.log("_write " + str(c));
                        cb.done();
                    }));
            ref[0] = d;
            d.on(Readable.DATA, c -> log.log("data " + str(c)));
            d.on(Readable.END, v -> log.log("end writable=" + d.writable()));
            d.on(Writable.PREFINISH, v -> log.log("prefinish"));
            d.on(Writable.FINISH, v -> log.log("finish"));
            d.on(Stream.CLOSE, v -> log.log("close"));
            d.write("w1");
        });
    }

    @Test
    void pipeSlowDestination() {
        assertSameTrace("pipeSlowDestination", log -> {
            int[] n = {0};
            Readable<Object> src = new Readable<>(StreamOptions.create().highWaterMark(2)
                    .doRead((Readable<?> self, long size) -> {
                        n[0]++;
                        log.log("_read " + n[0]);
                        self.push(n[0] <= 4 ? "c" + n[0] : null);
                    }));
            Writable<Object> dst = new Writable<>(StreamOptions.create().highWaterMark(1).doWrite((s, c, e, cb) -> {
                log.log("_write " + str(c));
                setImmediate(() -> cb.done());
            }));
            dst.on(Writable.PIPE, v -> log.log("pipe"));
            dst.on(Writable.UNPIPE, v -> log.log("unpipe"));
            dst.on(Writable.DRAIN, v -> log.log("drain"));
            dst.on(Writable.FINISH, v -> log.log("finish"));
            dst.on(Stream.CLOSE, v -> log.log("dst close"));
            src.on(Readable.PAUSE, v -> log.log("pause"));
            src.on(Readable.RESUME, v -> log.log("resume"));
            src.on(Readable.END, v -> log.log("end"));
            src.on(Stream.CLOSE, v -> log.log("src close"));
            src.pipe(dst);
        });
    }

    @Test
    void writeAfterEnd() {
        assertSameTrace("writeAfterEnd", log -> {
            Writable<Object> w = new Writable<>(StreamOptions.create().doWrite((s, c, e, cb) -> cb.done()));
            w.on(Writable.FINISH, v -> log.log("finish"));
            w.on(Writable.ERROR, e -> log.log("error " + code(e)));
            w.on(Stream.CLOSE, v -> log.log("close"));
            w.end();
            log.log("write " + w.write("x", e -> log.log("cb " + code(e))));
        });
    }

    @Test
    void writeErrorSync() {
        assertSameTrace("writeErrorSync", log -> {
            Writable<?>[] ref = new Writable<?>[1];
            Writable<Object> w = new Writable<>(StreamOptions.create().doWrite((s, c, e, cb) -> {
                log.log("_write " + str(c));
                cb.done(new RuntimeException("bad"));
            }));
            ref[0] = w;
            w.on(Writable.FINISH, v -> log.log("finish"));
            w.on(Writable.ERROR, e -> log.log("error " + code(e) + " destroyed=" + js(ref[0].destroyed())));
            w.on(Stream.CLOSE, v -> log.log("close"));
            log.log("a " + w.write("a", e -> log.log("cb a " + code(e))));
            log.log("b " + w.write("b", e -> log.log("cb b " + code(e))));
        });
    }

    @Test
    void pauseResume() {
        assertSameTrace("pauseResume", log -> {
            Readable<Object> r = new Readable<>(StreamOptions.create().doRead((Readable<?> self, long n) -> {
                log.log("_read");
                self.push("a");
                self.push("b");
                self.push("c");
                self.push(null);
            }));
            r.on(Readable.DATA, d -> {
                log.log("data " + str(d));
                if (str(d).equals("a")) {
                    r.pause();
                    log.log("paused=" + r.isPaused());
                    setImmediate(() -> {
                        log.log("resume()");
                        r.resume();
                    });
                }
            });
            r.on(Readable.PAUSE, v -> log.log("pause"));
            r.on(Readable.RESUME, v -> log.log("resume"));
            r.on(Readable.END, v -> log.log("end"));
            r.on(Stream.CLOSE, v -> log.log("close"));
        });
    }

    // ---------------------------------------------------------------------------------------------
    // Adversarial variants of the byte-stream scenarios: one-byte chunks, highWaterMarks 0 and 1.

    @ParameterizedTest(name = "source hwm {0}, destination hwm {1}")
    @CsvSource({"0, 0", "1, 1", "0, 1", "1, 0"})
    void pipeOneByteChunks(int srcHwm, int dstHwm) {
        assertSameTrace("pipe_" + srcHwm + "_" + dstHwm, log -> {
            int[] n = {0};
            Readable<Object> src = new Readable<>(StreamOptions.create().highWaterMark(srcHwm)
                    .doRead((Readable<?> self, long size) -> {
                        n[0]++;
                        log.log("_read " + n[0]);
                        self.push(n[0] <= 3 ? String.valueOf("abc".charAt(n[0] - 1)) : null);
                    }));
            Writable<Object> dst = new Writable<>(StreamOptions.create().highWaterMark(dstHwm)
                    .doWrite((s, c, e, cb) -> {
                        log.log("_write " + str(c));
                        setImmediate(() -> cb.done());
                    }));
            dst.on(Writable.DRAIN, v -> log.log("drain"));
            dst.on(Writable.FINISH, v -> log.log("finish"));
            dst.on(Stream.CLOSE, v -> log.log("dst close"));
            src.on(Readable.PAUSE, v -> log.log("pause"));
            src.on(Readable.RESUME, v -> log.log("resume"));
            src.on(Readable.END, v -> log.log("end"));
            src.on(Stream.CLOSE, v -> log.log("src close"));
            src.pipe(dst);
        });
    }

    @ParameterizedTest(name = "hwm {0}")
    @ValueSource(ints = {0, 1})
    void readableOneByteChunks(int hwm) {
        assertSameTrace("readableBytes_" + hwm, log -> {
            int[] n = {0};
            Readable<Object> r = new Readable<>(StreamOptions.create().highWaterMark(hwm)
                    .doRead((Readable<?> self, long size) -> {
                        log.log("_read");
                        nextTick(() -> {
                            n[0]++;
                            log.log("push " + self.push(n[0] <= 3 ? String.valueOf("xyz".charAt(n[0] - 1)) : null));
                        });
                    }));
            r.on(Readable.READABLE, v -> {
                log.log("readable len=" + r.readableLength());
                Object c;
                while ((c = r.read()) != null) {
                    log.log("read " + str(c));
                }
            });
            r.on(Readable.END, v -> log.log("end"));
            r.on(Stream.CLOSE, v -> log.log("close"));
        });
    }

    @ParameterizedTest(name = "hwm {0}")
    @ValueSource(ints = {0, 1})
    void transformOneByteChunks(int hwm) {
        assertSameTrace("transformBytes_" + hwm, log -> {
            Transform<Object, Object> t = new Transform<>(StreamOptions.create().highWaterMark(hwm)
                    .doTransform((Transform<?, ?> self, Object c, String e, TransformCallback<Object> cb) -> {
                        log.log("_transform " + str(c));
                        cb.done(null, c);
                    }));
            t.on(Writable.DRAIN, v -> log.log("drain"));
            t.on(Writable.FINISH, v -> log.log("finish"));
            t.on(Readable.END, v -> log.log("end"));
            t.on(Stream.CLOSE, v -> log.log("close"));
            for (String c : List.of("a", "b", "c")) {
                log.log("write " + c + " " + t.write(c));
            }
            t.end();
            setImmediate(() -> t.on(Readable.DATA, d -> log.log("data " + str(d))));
        });
    }
}
