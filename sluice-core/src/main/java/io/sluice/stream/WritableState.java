package io.sluice.stream;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.Encoding;
import io.sluice.error.Errors;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The writable side's state machine, shared by {@link Writable} and {@link Duplex}: a port of
 * Node v20's lib/internal/streams/writable.js. The rules that tests observe:
 * <ul>
 *   <li>{@code write()}'s result is computed after the synchronous {@code _write} attempt:
 *       {@code length < highWaterMark || length == 0}, and false once destroyed or errored.</li>
 *   <li>Write callbacks are never called synchronously; a run of synchronous completions with
 *       the same callback is batched into one tick (Node's afterWriteTickInfo).</li>
 *   <li>{@code 'drain'} precedes the callbacks of the writes it concerns, and is not emitted while
 *       ending.</li>
 *   <li>{@code 'prefinish'} (and {@code _final}) may run synchronously inside {@code end()};
 *       {@code 'finish'} never does.</li>
 * </ul>
 */
final class WritableState extends SideState {
    static final int FINAL_CALLED = 1 << 9;
    static final int NEED_DRAIN = 1 << 10;
    /** end() has been called (set at its start). */
    static final int ENDING = 1 << 11;
    /** end() has returned. */
    static final int ENDED = 1 << 12;
    static final int FINISHED = 1 << 13;
    static final int DECODE_STRINGS = 1 << 14;
    /** A _write/_writev is in flight. */
    static final int WRITING = 1 << 15;
    /** Inside a _write call: its callback must defer the user's callback to a tick. */
    static final int SYNC = 1 << 16;
    static final int BUFFER_PROCESSING = 1 << 17;
    static final int PREFINISHED = 1 << 18;
    static final int ALL_BUFFERS = 1 << 19;
    static final int ALL_NOOP = 1 << 20;
    /** end() callbacks are waiting for 'finish'. */
    static final int ON_FINISHED = 1 << 21;
    /** Duplex constructed with writable:false (Node's w.writable === false). */
    static final int DISABLED = 1 << 22;
    static final int CORKED = 1 << 23;
    /** The in-flight write's callback has not been called yet (detects double calls). */
    static final int EXPECT_WRITE_CB = 1 << 24;
    static final int AFTER_WRITE_PENDING = 1 << 25;
    /** {@link #buffered} holds unprocessed writes. */
    static final int BUFFERED = 1 << 26;

    /** The callback of writes made without one; compared by identity, as Node's nop. */
    static final Callback NOP = err -> {};

    /** One buffered write. */
    static final class WriteReq {
        final Object chunk;
        final String encoding;
        final Callback callback;

        WriteReq(Object chunk, String encoding, Callback callback) {
            this.chunk = chunk;
            this.encoding = encoding;
            this.callback = callback;
        }
    }

    /** Node's afterWriteTickInfo: a run of synchronous completions sharing one callback. */
    private final class AfterWriteTick implements Runnable {
        int count = 1;
        final Callback cb;

        AfterWriteTick(Callback cb) {
            this.cb = cb;
        }

        @Override
        public void run() {
            if (afterWriteTickInfo == this) {
                afterWriteTickInfo = null;
            }
            afterWrite(count, cb);
        }
    }

    final Stream stream;
    final WritableSide side;
    /**
     * The stream's chunk path when it is a Transform (set by its constructor), whose
     * {@code doWrite} is final: a write then calls it directly instead of through the side's
     * bridge and a virtual {@code doWrite} (two call levels and two type checks per chunk, in a
     * chain where each hop nests in the previous one). pipe_bytes twin (thread CPU time, two
     * interleaved trials): 64 KiB chunks 17.8/19.2 to 20.1/20.5 M/s, 1 KiB 17.6/18.7 to 19.3/20.8
     * M/s.
     */
    TransformHop transformHop;
    /**
     * The options' write hook when Writable's own doWrite is the one that runs (a plain Writable,
     * no subclass override), else null: a write calls it without the side's bridge and the
     * virtual doWrite. Set by the Writable constructor. Measured with ReadableState.readHook, the
     * same shortcut for reads, once the hops' load chains had been shortened (TransformHop):
     * object_mode twin medians 17.8-19.2 to 18.5-21.1 M/s (five JVMs each); each alone was within
     * the noise (before that chain change this one had measured nothing either).
     */
    StreamOptions.WriteHook<Object, Object> writeHook;
    /**
     * The name strings written without an encoding are taken in, kept as given (Node stores the
     * option as passed and setDefaultEncoding only lower-cases): with decodeStrings false, doWrite
     * sees 'UTF-8' or 'binary' as the user wrote it, not the canonical 'utf8' or 'latin1'.
     */
    String defaultEncoding = "utf8";
    int corked;
    long writelen;
    int pendingcb;
    private Callback writecb = NOP;
    private AfterWriteTick afterWriteTickInfo;
    private ArrayList<WriteReq> buffered;
    private int bufferedIndex;
    private ArrayList<Callback> onFinished;

    /** Node binds onwrite once per stream; so do we, so a write allocates no callback. */
    final Callback onwrite = this::onwrite;
    final Runnable errorBufferTask = this::errorBuffer;
    private final Runnable afterWriteNopTask = () -> afterWrite(1, NOP);
    private final Runnable finishMaybeTask = this::finishMaybeNT;
    private final Runnable finishTask = this::finish;

    WritableState(Stream stream, WritableSide side, StreamOptions o, boolean isDuplex) {
        this.stream = stream;
        this.side = side;
        state = SYNC | CONSTRUCTED | EMIT_CLOSE | AUTO_DESTROY;
        if (o != null && (o.objectMode || (isDuplex && o.writableObjectMode))) {
            state |= OBJECT_MODE;
        }
        highWaterMark = o == null ? Streams.getDefaultHighWaterMark(false)
                : HighWaterMarks.resolve(o, "writableHighWaterMark", o.writableHighWaterMark, isDuplex, objectMode());
        if (o == null || o.decodeStrings) {
            state |= DECODE_STRINGS;
        }
        if (o != null && !o.emitClose) {
            state &= ~EMIT_CLOSE;
        }
        if (o != null && !o.autoDestroy) {
            state &= ~AUTO_DESTROY;
        }
        if (o != null && o.defaultEncoding != null) {
            Encoding.of(o.defaultEncoding); // ERR_UNKNOWN_ENCODING
            defaultEncoding = o.defaultEncoding;
        }
        resetBuffer();
    }

    private void resetBuffer() {
        buffered = null;
        bufferedIndex = 0;
        state |= ALL_BUFFERS | ALL_NOOP;
        state &= ~BUFFERED;
    }

    int bufferedRequestCount() {
        return (state & BUFFERED) == 0 ? 0 : buffered.size() - bufferedIndex;
    }

    /** The chunks waiting behind the in-flight write (Node's {@code getBuffer()}), for tests and tools. */
    List<Object> bufferedChunks() {
        List<Object> out = new ArrayList<>();
        if ((state & BUFFERED) != 0) {
            for (int i = bufferedIndex; i < buffered.size(); i++) {
                out.add(buffered.get(i).chunk);
            }
        }
        return out;
    }

    void onConstructed() {
        if ((state & WRITING) == 0) {
            clearBuffer();
        }
        if ((state & ENDING) != 0) {
            finishMaybe(false);
        }
    }

    /** Node's {@code writable} getter. */
    /** Node's {@code writableNeedDrain}: a write returned false and 'drain' is still due. */
    boolean needDrain() {
        return (state & (SideState.DESTROYED | ENDING | NEED_DRAIN)) == NEED_DRAIN;
    }

    /** Node's {@code writableAborted}: destroyed or errored before 'finish'. */
    boolean aborted() {
        return !has(DISABLED) && has(SideState.DESTROYED | SideState.ERRORED) && !has(FINISHED);
    }

    boolean writableFlag() {
        return (state & (DISABLED | ERRORED | ENDING | ENDED | DESTROYED)) == 0;
    }

    // ---------------------------------------------------------------------------------------------
    // write

    /**
     * Node's internal _write: validates (throwing synchronously for null, a wrong type or an
     * unknown encoding), fails asynchronously after end or destroy, else writes or buffers.
     *
     * @return Boolean.TRUE/FALSE, or the error for a write after end/destroy
     */
    Object write(Object chunk, String encoding, Callback cb) {
        if (cb == null) {
            cb = NOP;
        }
        if (chunk == null) {
            throw StreamErrors.nullValues();
        }
        if ((state & OBJECT_MODE) == 0) {
            if (encoding != null && !"buffer".equals(encoding) && !Encoding.isEncoding(encoding)) {
                throw Errors.unknownEncoding(encoding);
            }
            if (chunk instanceof Buffer) {
                // The common case first: no default-encoding lookup for Buffers.
                encoding = "buffer";
            } else if (chunk instanceof String s) {
                if (encoding == null) {
                    encoding = defaultEncoding;
                }
                if ((state & DECODE_STRINGS) != 0) {
                    chunk = Buffer.from(s, Encoding.of(encoding));
                    encoding = "buffer";
                }
            } else {
                Object b = Chunks.asBuffer(chunk);
                if (b == null) {
                    throw StreamErrors.invalidChunk(chunk);
                }
                chunk = b;
                encoding = "buffer";
            }
        }
        Throwable err = null;
        if ((state & ENDING) != 0) {
            err = StreamErrors.writeAfterEnd();
        } else if ((state & DESTROYED) != 0) {
            err = StreamErrors.destroyed("write");
        }
        if (err != null) {
            Callback c = cb;
            Throwable e = err;
            stream.loop.nextTick(() -> c.done(e));
            stream.errorOrDestroy(err, true);
            return err;
        }
        pendingcb++;
        return writeOrBuffer(chunk, encoding, cb) ? Boolean.TRUE : Boolean.FALSE;
    }

    /**
     * {@code write(chunk, null, null)} as a pipe's 'data' listener calls it, returning write()'s
     * boolean: the common case (a Buffer, or any object in objectMode, on a stream neither ending
     * nor destroyed) goes straight to {@link #writeOrBuffer} with what {@link #write} would have
     * computed (encoding "buffer" or null, the no-op callback); anything else takes the general
     * path, which validates and fails exactly as before. With the Pipe being its own 'data'
     * listener: objects 12.3 to 13.2 M/s on the object_mode twin, two PassThroughs 54.7 to 51.0 ns
     * per 1 KiB chunk (thread CPU time; the pipe_bytes twin moved within its noise).
     */
    boolean writeFromPipe(Object chunk, TransformHop t) {
        int s = state;
        if ((s & (ENDING | DESTROYED)) == 0 && chunk != null
                && ((s & OBJECT_MODE) != 0 || chunk instanceof Buffer)) {
            pendingcb++;
            return writeOrBuffer(chunk, (s & OBJECT_MODE) != 0 ? null : "buffer", NOP, t);
        }
        return write(chunk, null, null) == Boolean.TRUE;
    }

    private boolean writeOrBuffer(Object chunk, String encoding, Callback cb) {
        return writeOrBuffer(chunk, encoding, cb, transformHop);
    }

    private boolean writeOrBuffer(Object chunk, String encoding, Callback cb, TransformHop t) {
        long len = (state & OBJECT_MODE) != 0 ? 1 : Chunks.length(chunk);
        length += len;
        if ((state & (WRITING | ERRORED | CORKED | CONSTRUCTED)) != CONSTRUCTED) {
            if ((state & BUFFERED) == 0) {
                state |= BUFFERED;
                buffered = new ArrayList<>();
            }
            buffered.add(new WriteReq(chunk, encoding, cb));
            if ((state & ALL_BUFFERS) != 0 && !"buffer".equals(encoding)) {
                state &= ~ALL_BUFFERS;
            }
            if ((state & ALL_NOOP) != 0 && cb != NOP) {
                state &= ~ALL_NOOP;
            }
        } else {
            writelen = len;
            writecb = cb;
            state |= WRITING | SYNC | EXPECT_WRITE_CB;
            StreamOptions.WriteHook<Object, Object> hook;
            if (t != null) {
                t.write(chunk, encoding);
            } else if ((hook = writeHook) != null) {
                hook.write(stream, chunk, encoding, onwrite);
            } else {
                side.invokeWrite(chunk, encoding, onwrite);
            }
            state &= ~SYNC;
        }
        // "|| length == 0": with hwm 0 a write that completed synchronously is no backpressure.
        boolean ret = length < highWaterMark || length == 0;
        if (!ret) {
            state |= NEED_DRAIN;
        }
        // False once errored or destroyed, to break synchronous while(write()) loops.
        return ret && (state & (DESTROYED | ERRORED)) == 0;
    }

    private void doWrite(boolean writev, long len, Object chunkOrList, String encoding, Callback cb) {
        writelen = len;
        writecb = cb;
        state |= WRITING | SYNC | EXPECT_WRITE_CB;
        if ((state & DESTROYED) != 0) {
            onwrite(StreamErrors.destroyed("write"));
        } else if (writev) {
            @SuppressWarnings("unchecked")
            List<WriteChunk<Object>> list = (List<WriteChunk<Object>>) chunkOrList;
            side.invokeWritev(list, onwrite);
        } else {
            side.invokeWrite(chunkOrList, encoding, onwrite);
        }
        state &= ~SYNC;
    }

    private void onwriteError(Throwable er, Callback cb) {
        --pendingcb;
        cb.done(er);
        // Fail the buffered writes even without autoDestroy; 'error' must come after cb.
        errorBuffer();
        stream.errorOrDestroy(er, false);
    }

    /**
     * The write callback, split so that its common case fits the JIT's inlining budget: a
     * synchronous, successful completion of a callback-less write with nothing buffered behind it,
     * no drain owed and not ending (every chunk of a flowing pipe) only settles the counters. This
     * is exactly what {@link #onwriteSlow} does in that case; in objectMode the first such
     * completion of a tick still goes the slow way to queue the shared after-write tick, and later
     * ones join it. The 415-byte original was never inlined ("hot method too big"), costing a call
     * per hop; inlined (pipe_bytes / object_mode twins, steady state, thread CPU time, loaded
     * 2-CPU VM): 64 KiB chunks 16.3 to 18.7 M/s, 1 KiB 16.0 to 18.4 M/s, objects 11.3 to 12.3 M/s.
     */
    void onwrite(Throwable er) {
        int s = state;
        if (er == null && writecb == NOP
                && (s & (EXPECT_WRITE_CB | SYNC | BUFFERED | NEED_DRAIN | ENDING)) == (EXPECT_WRITE_CB | SYNC)
                && (s & (OBJECT_MODE | AFTER_WRITE_PENDING)) != OBJECT_MODE) {
            state = s & ~(WRITING | EXPECT_WRITE_CB);
            length -= writelen; // writelen is read only here and in onwriteSlow, after a write set it
            pendingcb--;
            return;
        }
        onwriteSlow(er);
    }

    private void onwriteSlow(Throwable er) {
        if ((state & EXPECT_WRITE_CB) == 0) {
            stream.errorOrDestroy(StreamErrors.multipleCallback(), false);
            return;
        }
        boolean sync = (state & SYNC) != 0;
        Callback cb = writecb;
        writecb = NOP;
        state &= ~(WRITING | EXPECT_WRITE_CB);
        length -= writelen;
        writelen = 0;
        if (er != null) {
            setErroredIfNone(er);
            // A Duplex's readable side learns of the error too.
            if (stream.r != null) {
                stream.r.setErroredIfNone(er);
            }
            if (sync) {
                stream.loop.nextTick(() -> onwriteError(er, cb));
            } else {
                onwriteError(er, cb);
            }
            return;
        }
        if ((state & BUFFERED) != 0) {
            clearBuffer();
        }
        if (sync) {
            boolean needDrain = (state & NEED_DRAIN) != 0 && length == 0;
            // Node writes `state & kDestroyed !== 0`, which precedence turns into `state & 1`, the
            // objectMode bit: objectMode writes always take the tick. Kept for identical ordering.
            boolean needTick = needDrain || (state & OBJECT_MODE) != 0 || cb != NOP;
            if (cb == NOP) {
                if ((state & AFTER_WRITE_PENDING) == 0 && needTick) {
                    stream.loop.nextTick(afterWriteNopTask);
                    state |= AFTER_WRITE_PENDING;
                } else {
                    // Nothing observable to defer: settle the bookkeeping now (no tick, no garbage).
                    pendingcb--;
                    if ((state & ENDING) != 0) {
                        finishMaybe(true);
                    }
                }
            } else if (afterWriteTickInfo != null && afterWriteTickInfo.cb == cb) {
                afterWriteTickInfo.count++;
            } else if (needTick) {
                afterWriteTickInfo = new AfterWriteTick(cb);
                stream.loop.nextTick(afterWriteTickInfo);
                state |= AFTER_WRITE_PENDING;
            } else {
                pendingcb--;
                if ((state & ENDING) != 0) {
                    finishMaybe(true);
                }
            }
        } else {
            afterWrite(1, cb);
        }
    }

    private void afterWrite(int count, Callback cb) {
        state &= ~AFTER_WRITE_PENDING;
        boolean needDrain = (state & (ENDING | NEED_DRAIN | DESTROYED)) == NEED_DRAIN && length == 0;
        if (needDrain) {
            state &= ~NEED_DRAIN;
            stream.emit(WritableStream.DRAIN);
        }
        while (count-- > 0) {
            pendingcb--;
            cb.done(null);
        }
        if ((state & DESTROYED) != 0) {
            errorBuffer();
        }
        if ((state & ENDING) != 0) {
            finishMaybe(true);
        }
    }

    /** Fails buffered writes and end() callbacks (after destroy or a write error). */
    void errorBuffer() {
        if ((state & WRITING) != 0) {
            return;
        }
        // Re-read on every turn, as Node's loop re-reads state.buffered: a callback that uncorks (or
        // ends a corked stream) re-enters clearBuffer, which resets the buffer under this loop.
        for (int n = bufferedIndex; (state & BUFFERED) != 0 && n < buffered.size(); ++n) {
            WriteReq req = buffered.get(n);
            length -= (state & OBJECT_MODE) != 0 ? 1 : Chunks.length(req.chunk);
            Throwable e = erroredOrNull();
            req.callback.done(e != null ? e : StreamErrors.destroyed("write"));
        }
        Throwable e = erroredOrNull();
        callFinishedCallbacks(e != null ? e : StreamErrors.destroyed("end"));
        resetBuffer();
    }

    /** Writes out what is buffered: in one doWritev if there are several and it exists. */
    void clearBuffer() {
        // Not before construction completes (Node's !state.constructed): uncork() or end() on a stream
        // still opening would hand the buffered writes to a doWrite with nothing to write to (a file
        // stream failed them all and left its file empty). onConstructed() clears the buffer then.
        if ((state & (DESTROYED | BUFFER_PROCESSING | CORKED | BUFFERED | CONSTRUCTED)) != (BUFFERED | CONSTRUCTED)) {
            return;
        }
        boolean objectMode = (state & OBJECT_MODE) != 0;
        ArrayList<WriteReq> buf = buffered;
        int i = bufferedIndex;
        int bufferedLength = buf.size() - i;
        if (bufferedLength == 0) {
            return;
        }
        state |= BUFFER_PROCESSING;
        if (bufferedLength > 1 && side.hasWritev()) {
            pendingcb -= bufferedLength - 1;
            int from = i;
            Callback callback = (state & ALL_NOOP) != 0 ? NOP : err -> {
                for (int n = from; n < buf.size(); ++n) {
                    buf.get(n).callback.done(err);
                }
            };
            List<WriteChunk<Object>> chunks = new ArrayList<>(bufferedLength);
            for (int n = i; n < buf.size(); n++) {
                WriteReq req = buf.get(n);
                chunks.add(new WriteChunk<>(req.chunk, req.encoding));
            }
            doWrite(true, length, chunks, "", callback);
            resetBuffer();
        } else {
            do {
                WriteReq req = buf.get(i);
                buf.set(i++, null);
                long len = objectMode ? 1 : Chunks.length(req.chunk);
                doWrite(false, len, req.chunk, req.encoding, req.callback);
            } while (i < buf.size() && (state & WRITING) == 0);
            if (buffered != buf) {
                // errorBuffer() ran inside a write and already reset the buffer.
            } else if (i == buf.size()) {
                resetBuffer();
            } else if (i > 256) {
                buf.subList(0, i).clear();
                bufferedIndex = 0;
            } else {
                bufferedIndex = i;
            }
        }
        state &= ~BUFFER_PROCESSING;
    }

    // ---------------------------------------------------------------------------------------------
    // cork / end / finish

    /** Node's setDefaultEncoding: lower-cased, checked, then kept as that name. */
    void setDefaultEncoding(String encoding) {
        String name = encoding == null ? "undefined" : encoding.toLowerCase(Locale.ROOT);
        Encoding.of(name); // ERR_UNKNOWN_ENCODING
        defaultEncoding = name;
    }

    void cork() {
        state |= CORKED;
        corked++;
    }

    void uncork() {
        if (corked > 0) {
            corked--;
            if (corked == 0) {
                state &= ~CORKED;
            }
            if ((state & WRITING) == 0) {
                clearBuffer();
            }
        }
    }

    void end(Object chunk, String encoding, Callback cb) {
        Throwable err = null;
        if (chunk != null) {
            Object ret = write(chunk, encoding, null);
            if (ret instanceof Throwable t) {
                err = t;
            }
        }
        // end() fully uncorks.
        if ((state & CORKED) != 0) {
            corked = 1;
            uncork();
        }
        if (err != null) {
            // The write already reported it.
        } else if ((state & (ENDING | ERRORED)) == 0) {
            // Forgiving about repeated end() calls: a hard error there does more harm than good.
            state |= ENDING;
            finishMaybe(true);
            state |= ENDED;
        } else if ((state & FINISHED) != 0) {
            err = StreamErrors.alreadyFinished("end");
        } else if ((state & DESTROYED) != 0) {
            err = StreamErrors.destroyed("end");
        }
        if (cb != null) {
            if (err != null) {
                Throwable e = err;
                stream.loop.nextTick(() -> cb.done(e));
            } else if ((state & ERRORED) != 0) {
                Throwable e = errored;
                stream.loop.nextTick(() -> cb.done(e));
            } else if ((state & FINISHED) != 0) {
                stream.loop.nextTick(() -> cb.done(null));
            } else {
                state |= ON_FINISHED;
                if (onFinished == null) {
                    onFinished = new ArrayList<>(1);
                }
                onFinished.add(cb);
            }
        }
    }

    private boolean needFinish() {
        return (state & (ENDING | DESTROYED | CONSTRUCTED | FINISHED | WRITING | ERROR_EMITTED
                | CLOSE_EMITTED | ERRORED | BUFFERED)) == (ENDING | CONSTRUCTED) && length == 0;
    }

    private void onFinalDone(Throwable err) {
        if ((state & PREFINISHED) != 0) {
            stream.errorOrDestroy(err != null ? err : StreamErrors.multipleCallback(), false);
            return;
        }
        pendingcb--;
        if (err != null) {
            callFinishedCallbacks(err);
            stream.errorOrDestroy(err, (state & SYNC) != 0);
        } else if (needFinish()) {
            state |= PREFINISHED;
            emitPrefinish();
            // 'finish' is asynchronous relative to the _final callback (compatibility).
            pendingcb++;
            stream.loop.nextTick(finishTask);
        }
    }

    private void emitPrefinish() {
        side.beforePrefinish();
        stream.emit(WritableStream.PREFINISH);
    }

    private void prefinish() {
        if ((state & (PREFINISHED | FINAL_CALLED)) != 0) {
            return;
        }
        if (side.hasFinal() && (state & DESTROYED) == 0) {
            state |= FINAL_CALLED | SYNC;
            pendingcb++;
            Callback onFinal = new Callback() {
                @Override
                public void done(Throwable err) {
                    onFinalDone(err);
                }
            };
            try {
                side.invokeFinal(onFinal);
            } catch (Throwable t) {
                onFinalDone(t);
            }
            state &= ~SYNC;
        } else {
            state |= FINAL_CALLED | PREFINISHED;
            emitPrefinish();
        }
    }

    void finishMaybe(boolean sync) {
        if (needFinish()) {
            prefinish();
            if (pendingcb == 0) {
                if (sync) {
                    pendingcb++;
                    stream.loop.nextTick(finishMaybeTask);
                } else if (needFinish()) {
                    pendingcb++;
                    finish();
                }
            }
        }
    }

    private void finishMaybeNT() {
        if (needFinish()) {
            finish();
        } else {
            pendingcb--;
        }
    }

    private void finish() {
        pendingcb--;
        state |= FINISHED;
        callFinishedCallbacks(null);
        stream.emit(WritableStream.FINISH);
        if ((state & AUTO_DESTROY) != 0) {
            // A Duplex is destroyed only once its readable side has ended too.
            ReadableState r = stream.r;
            boolean autoDestroy = r == null || (r.has(AUTO_DESTROY)
                    && (r.has(ReadableState.END_EMITTED) || r.has(ReadableState.DISABLED)));
            if (autoDestroy) {
                stream.destroyImpl(null, null);
            }
        }
    }

    private void callFinishedCallbacks(Throwable err) {
        if ((state & ON_FINISHED) == 0) {
            return;
        }
        ArrayList<Callback> cbs = onFinished;
        onFinished = null;
        state &= ~ON_FINISHED;
        for (Callback cb : cbs) {
            cb.done(err);
        }
    }
}
