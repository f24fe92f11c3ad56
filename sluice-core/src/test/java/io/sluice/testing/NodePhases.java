package io.sluice.testing;

/**
 * The node side of {@link EventLog#phases()}: a script fragment for {@link NodeOracle} scripts that
 * wraps {@code process.nextTick} and {@code setImmediate} so that every {@code log(text)} is tagged with
 * the phase it ran in ({@code loop}, {@code tick}, {@code imm}) and {@code phases()} joins one callback's
 * lines as EventLog does; {@code onIdle} runs once nothing wrapped is pending. Also {@code s(chunk)} and
 * {@code code(err)} (an error's code, else its message, or {@code 'null'}), and
 * {@code runEach(run)}, the random differential tests' driver: it calls {@code run(spec, done)} for
 * each input frame (a UTF-16 spec) one after another, with a fresh log in the {@code sync} phase,
 * and emits each spec's {@code done(result)} string. A script may wrap more
 * sources with {@code wrap(tag, fn)} after it (the trace test adds timers and microtasks).
 */
public final class NodePhases {
    private NodePhases() {}

    /** The fragment; put it after the script's {@code require}s. */
    public static final String JS = """
            const origNT = process.nextTick, origSI = global.setImmediate;
            let phase = 'loop', cur = 0, ids = 0, pending = 0, entries = [], onIdle = null;
            function wrap(kind, fn) {
              pending++;
              return function (...args) {
                const saved = [phase, cur];
                phase = kind; cur = ++ids;
                try { return fn.apply(this, args); }
                finally { phase = saved[0]; cur = saved[1]; pending--; checkIdle(); }
              };
            }
            function checkIdle() {
              if (pending === 0 && onIdle) { const f = onIdle; onIdle = null; origSI(f); }
            }
            process.nextTick = (fn, ...a) => origNT.call(process, wrap('tick', fn), ...a);
            global.setImmediate = (fn, ...a) => origSI(wrap('imm', fn), ...a);
            function log(text) { entries.push({ text, tag: phase, id: cur }); }
            function phases() {
              const out = []; let prev = null;
              for (const e of entries) {
                if (prev && prev.id === e.id && prev.tag === e.tag) out[out.length - 1] += ', ' + e.text;
                else out.push(e.tag + ': ' + e.text);
                prev = e;
              }
              return out;
            }
            const s = (c) => String(c);
            const code = (e) => e == null ? 'null' : (e.code || e.message);
            function runEach(run) {
              let idx = 0;
              (function next() {
                if (idx >= input.length) return;
                const spec = u16(input[idx++]);
                entries = []; phase = 'sync'; cur = ++ids;
                run(spec, (r) => { emit(r); next(); });
              })();
            }
            """;
}
