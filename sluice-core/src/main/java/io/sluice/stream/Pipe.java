package io.sluice.stream;

import io.sluice.event.EventEmitter;
import io.sluice.event.Listener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One {@code src.pipe(dest)} connection: a port of Node's {@code Readable.prototype.pipe} and
 * {@code unpipe}. The listeners are fields bound once per pipe, so a chunk through a pipe costs
 * the {@code write} and nothing else.
 *
 * <p>Rules kept from Node: a source error is not forwarded (dest is neither ended nor
 * destroyed); a dest error unpipes the source, which stays paused, and is rethrown if dest has no
 * other error listener; with several destinations the source waits for every one that asked
 * for a drain; {@code end == false} leaves dest open when the source ends.
 */
final class Pipe implements Consumer<Object> {
    /** The second argument of Node's {@code 'unpipe'} event. */
    static final class UnpipeInfo {
        boolean hasUnpiped;
    }

    private final Readable<?> src;
    private final ReadableState state;
    private final WritableStream<?> dest;
    /**
     * The destination's writable state when it is one of ours and does not override write():
     * ondata then skips the interface dispatch and the per-call thread check (done once in
     * start()). Worth ~10% per hop on the 1 KiB pipe benchmark.
     */
    final WritableState destState;
    /** The destination when it is a Transform writing through {@link #destState}, else null. */
    final TransformHop destTransform;
    private boolean cleanedUp;
    private Consumer<Void> ondrain;

    /**
     * The 'data' listener is the Pipe itself ({@link #accept}) rather than a bound lambda: one
     * call level and one load less per chunk, which matters because each hop of a pipe chain
     * nests inside the previous one and the JIT stops inlining at a fixed depth.
     */
    private final Consumer<Object> ondata = this;
    private final Consumer<Throwable> onerror = this::onerror;
    private final Consumer<Void> onclose = v -> onclose();
    private final Consumer<Void> onfinish = v -> onfinish();
    private final Consumer<Void> onend = v -> onend();
    private final Consumer<Void> unpipeOnEnd = v -> unpipe();
    private final Listener onunpipe = this::onunpipe;

    private Pipe(Readable<?> src, WritableStream<?> dest) {
        this.src = src;
        this.state = src.r;
        this.dest = dest;
        this.destState = dest instanceof Stream st && st.w != null && !Overrides.WRITE.get(st.getClass()) ? st.w : null;
        this.destTransform = destState != null && dest instanceof Transform<?, ?> t ? t.hop : null;
    }

    static void start(Readable<?> src, WritableStream<?> dest, boolean end) {
        if (dest instanceof Stream st) {
            // A pipe across event loops would race; fail at pipe() rather than on the first chunk.
            st.checkThread("pipe()");
        }
        ReadableState state = src.r;
        if (state.pipes.size() == 1 && (state.state & ReadableState.MULTI_AWAIT_DRAIN) == 0) {
            state.state |= ReadableState.MULTI_AWAIT_DRAIN;
            Set<Object> set = Collections.newSetFromMap(new IdentityHashMap<>());
            if (state.awaitDrainWriters != null) {
                set.add(state.awaitDrainWriters);
            }
            state.awaitDrainWriters = set;
        }
        state.pipes.add(dest);
        new Pipe(src, dest).wire(end);
    }

    private void wire(boolean end) {
        Consumer<Void> endFn = end ? onend : unpipeOnEnd;
        if (state.has(ReadableState.END_EMITTED)) {
            src.loop.nextTick(() -> endFn.accept(null));
        } else {
            src.once(ReadableStream.END, endFn);
        }
        dest.on("unpipe", onunpipe);
        src.on(ReadableStream.DATA, ondata);
        // Our error handler must run before the user's.
        dest.prependListener(EventEmitter.ERROR, onerror);
        dest.once(Stream.CLOSE, onclose);
        dest.once(WritableStream.FINISH, onfinish);
        dest.emit(WritableStream.PIPE, src);
        if (dest.writableNeedDrain()) {
            pause();
        } else if (!state.has(ReadableState.FLOWING)) {
            src.resume();
        }
    }

    private void onunpipe(Object... args) {
        if (args.length > 0 && args[0] == src) {
            if (args.length > 1 && args[1] instanceof UnpipeInfo info && !info.hasUnpiped) {
                info.hasUnpiped = true;
                cleanup();
            }
        }
    }

    private void onend() {
        dest.end();
    }

    private void cleanup() {
        dest.removeListener(Stream.CLOSE, onclose);
        dest.removeListener(WritableStream.FINISH, onfinish);
        if (ondrain != null) {
            dest.removeListener(WritableStream.DRAIN, ondrain);
        }
        dest.removeListener(EventEmitter.ERROR, onerror);
        dest.removeListener("unpipe", onunpipe);
        src.removeListener(ReadableStream.END, onend);
        src.removeListener(ReadableStream.END, unpipeOnEnd);
        src.removeListener(ReadableStream.DATA, ondata);
        cleanedUp = true;
        // If the source waits for a drain from this dest, it would never flow again: release it
        // now. When we cannot tell (a foreign dest), assume it waits.
        if (ondrain != null && state.awaitDrainWriters != null
                && (!(dest instanceof Stream s) || s.w == null || s.w.has(WritableState.NEED_DRAIN))) {
            ondrain.accept(null);
        }
    }

    void pause() {
        // The user may have unpiped inside dest.write(); a pause then would never be undone.
        if (!cleanedUp) {
            if (state.pipes.size() == 1 && state.pipes.get(0) == dest) {
                state.awaitDrainWriters = dest;
                state.state &= ~ReadableState.MULTI_AWAIT_DRAIN;
            } else if (state.pipes.size() > 1 && containsIdentity(state.pipes, dest)) {
                awaitSet().add(dest);
            }
            src.pause();
        }
        if (ondrain == null) {
            // Added once and kept: adding and removing per drain would cost more.
            ondrain = v -> pipeOnDrain();
            dest.on(WritableStream.DRAIN, ondrain);
        }
    }

    private void pipeOnDrain() {
        if (state.awaitDrainWriters == dest) {
            state.awaitDrainWriters = null;
        } else if (state.has(ReadableState.MULTI_AWAIT_DRAIN)) {
            awaitSet().remove(dest);
        }
        Object awaiting = state.awaitDrainWriters;
        boolean none = awaiting == null || (awaiting instanceof Set<?> set && set.isEmpty());
        if (none && state.has(ReadableState.DATA_LISTENING)) {
            src.resume();
        }
    }

    @SuppressWarnings("unchecked")
    private Set<Object> awaitSet() {
        return (Set<Object>) state.awaitDrainWriters;
    }

    /**
     * The 'data' listener (Node's {@code ondata}); public only because Consumer's method is. When
     * it is the source's only 'data' listener, the source calls it directly instead of emitting
     * (ReadableState.soleDataPipe).
     */
    @Override
    public void accept(Object chunk) {
        WritableState ws = destState;
        boolean ret = ws != null ? ws.writeFromPipe(chunk, destTransform) : dest.write(chunk);
        if (!ret) {
            pause();
        }
    }

    private void onerror(Throwable er) {
        unpipe();
        dest.removeListener(EventEmitter.ERROR, onerror);
        if (dest.listenerCount(EventEmitter.ERROR) == 0) {
            if (dest instanceof Stream s && (s.w != null || s.r != null)) {
                SideState st = s.w != null ? s.w : s.r;
                if (!st.has(SideState.ERROR_EMITTED)) {
                    // Someone emitted 'error' on dest by hand: treat it as the stream failing.
                    s.errorOrDestroy(er, false);
                    return;
                }
            }
            dest.emit(EventEmitter.ERROR, er);
        }
    }

    private void onclose() {
        dest.removeListener(WritableStream.FINISH, onfinish);
        unpipe();
    }

    private void onfinish() {
        dest.removeListener(Stream.CLOSE, onclose);
        unpipe();
    }

    private void unpipe() {
        src.unpipe(dest);
    }

    private static boolean containsIdentity(ArrayList<WritableStream<?>> list, Object o) {
        for (Object x : list) {
            if (x == o) {
                return true;
            }
        }
        return false;
    }

    /** Node's {@code Readable.prototype.unpipe(dest)}; {@code dest == null} detaches all. */
    static void unpipe(Readable<?> src, WritableStream<?> dest) {
        ReadableState state = src.r;
        if (state.pipes.isEmpty()) {
            return;
        }
        if (dest == null) {
            ArrayList<WritableStream<?>> dests = state.pipes;
            state.pipes = new ArrayList<>(1);
            src.pause();
            for (WritableStream<?> d : dests) {
                d.emit("unpipe", src, new UnpipeInfo());
            }
            return;
        }
        int index = -1;
        for (int i = 0; i < state.pipes.size(); i++) {
            if (state.pipes.get(i) == dest) {
                index = i;
                break;
            }
        }
        if (index == -1) {
            return;
        }
        state.pipes.remove(index);
        if (state.pipes.isEmpty()) {
            src.pause();
        }
        dest.emit("unpipe", src, new UnpipeInfo());
    }
}
