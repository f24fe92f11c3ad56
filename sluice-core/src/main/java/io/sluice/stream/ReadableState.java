package io.sluice.stream;

import io.sluice.buffer.Buffer;
import io.sluice.buffer.Encoding;
import io.sluice.buffer.StringDecoder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Set;

/**
 * The readable side's state machine: a port of Node v20's lib/internal/streams/readable.js
 * (ReadableState and the functions operating on it). Every flag keeps Node's name and every
 * ordering rule Node's order, because Node's tests observe them: which tick 'readable' fires on,
 * when 'data' is emitted synchronously inside push(), when 'end' follows.
 *
 * <p>Hot-path notes: the scheduled steps ({@code emitReadable_}, {@code maybeReadMore_},
 * {@code resume_}, {@code endReadableNT}) are Runnables bound once per stream, so a chunk costs no
 * allocation here beyond what the data itself needs; the buffer is an {@link ArrayDeque}.
 */
final class ReadableState extends SideState {
    static final int ENDED = 1 << 9;              // push(null) happened (EOF is known)
    static final int END_EMITTED = 1 << 10;       // 'end' was emitted
    static final int READING = 1 << 11;           // _read called, waiting for a push
    /** Inside a _read call (or before the first one): events must wait for a tick. */
    static final int SYNC = 1 << 12;
    /** The consumer saw null from read(): emit 'readable' when data arrives. */
    static final int NEED_READABLE = 1 << 13;
    static final int EMITTED_READABLE = 1 << 14;  // a 'readable' emit is scheduled
    static final int READABLE_LISTENING = 1 << 15;
    static final int RESUME_SCHEDULED = 1 << 16;
    /** awaitDrainWriters is a Set (several pipe destinations). */
    static final int MULTI_AWAIT_DRAIN = 1 << 17;
    static final int READING_MORE = 1 << 18;      // a maybeReadMore_ is scheduled
    static final int DATA_EMITTED = 1 << 19;
    /** flowing is non-null (HAS_FLOWING) and true (FLOWING): Node's tri-state readableFlowing. */
    static final int HAS_FLOWING = 1 << 20;
    static final int FLOWING = 1 << 21;
    /** Node's legacy state.paused tri-state. */
    static final int HAS_PAUSED = 1 << 22;
    static final int PAUSED = 1 << 23;
    static final int DATA_LISTENING = 1 << 24;
    /** Duplex constructed with readable:false (Node's r.readable === false). */
    static final int DISABLED = 1 << 25;

    /** Node's NaN for read() without an argument. */
    static final long READ_ALL = Long.MIN_VALUE;
    /** read(n) does not raise the highWaterMark above 1 GiB. */
    private static final long MAX_HWM = 0x40000000L;

    final Readable<?> stream;
    final ArrayDeque<Object> buffer = new ArrayDeque<>();
    ArrayList<WritableStream<?>> pipes = new ArrayList<>(1);
    /** null, the one destination we wait a 'drain' from, or (MULTI_AWAIT_DRAIN) a Set of them. */
    Object awaitDrainWriters;
    /**
     * The pipe when it is the only {@code 'data'} listener (and the stream's class does not
     * override {@code emit}), else null: a chunk for it is handed to {@link Pipe#accept} directly,
     * which is all {@code emit} would do, without the emitter's generic dispatch. Refreshed by
     * {@link #refreshSoleDataPipe} after every change to the 'data' listeners. object_mode twin
     * (thread CPU time, best of 9, interleaved builds): 15.2-15.4 to 17.1-17.3 M objects/s; the
     * full bench/compare run: object_mode 3.73x to 4.35x Node, pipe_bytes_1k 3.46x to 4.29x.
     */
    Pipe soleDataPipe;
    /** The sole pipe's {@link Pipe#destState} and {@link Pipe#destTransform}, read beside it. */
    WritableState soleDataDest;
    TransformHop soleDataTransform;
    /**
     * The options' read hook when Readable's own doRead is the one that runs (a plain Readable, no
     * subclass override), else null: read() then calls it without the two virtual calls through
     * the stream. Set by the Readable constructor.
     */
    StreamOptions.ReadHook<Object> readHook;
    /** The stream's class overrides read(n): the flowing loop calls it rather than {@link #read}. */
    private final boolean readOverridden;
    StringDecoder decoder;
    /** The decoder's encoding, for conversions (null without one). */
    Encoding encoding;
    /**
     * Node's {@code state.encoding}: the encoding option as given ('UTF-8' stays 'UTF-8'), or the
     * decoder's normalised name after setEncoding. push compares names, as Node does, so a string
     * pushed in 'utf8' into a 'UTF-8' stream goes through the decoder (where a pending partial
     * character meets it).
     */
    String encodingName;
    /** Node's {@code state.defaultEncoding}: the option as given, else 'utf8'. */
    String defaultEncoding = "utf8";

    final Runnable emitReadableTask = this::emitReadableNT;
    final Runnable maybeReadMoreTask = this::maybeReadMoreNT;
    final Runnable resumeTask = this::resumeNT;
    final Runnable endReadableTask = this::endReadableNT;
    final Runnable updateReadableListeningTask = this::updateReadableListening;
    final Runnable readZeroTask = this::readZero;

    ReadableState(Readable<?> stream, StreamOptions o, boolean isDuplex) {
        this.stream = stream;
        this.readOverridden = Overrides.READ.get(stream.getClass());
        state = EMIT_CLOSE | AUTO_DESTROY | CONSTRUCTED | SYNC;
        if (o != null && (o.objectMode || (isDuplex && o.readableObjectMode))) {
            state |= OBJECT_MODE;
        }
        highWaterMark = o == null ? Streams.getDefaultHighWaterMark(false)
                : HighWaterMarks.resolve(o, "readableHighWaterMark", o.readableHighWaterMark, isDuplex, objectMode());
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
        if (o != null && o.encoding != null && !o.encoding.isEmpty()) {
            decoder = new StringDecoder(o.encoding);
            encoding = decoder.encoding();
            encodingName = o.encoding;
        }
    }

    private void readZero() {
        stream.read(0);
    }

    void onConstructed() {
        if ((state & NEED_READABLE) != 0) {
            maybeReadMore();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // push / unshift

    /** push(chunk, encoding) where chunk is a String (encoding may be null = default). */
    boolean pushString(String chunk, String enc) {
        if ((state & OBJECT_MODE) != 0) {
            return pushObjectMode(chunk, enc != null);
        }
        String name = enc == null ? defaultEncoding : enc;
        if (decoder != null && name.equals(encodingName)) {
            // Already in the stream's encoding: store the string itself, bypassing the decoder.
            return pushBytesOrString(chunk, true);
        }
        return pushBytesOrString(Buffer.from(chunk, Encoding.of(name)), false);
    }

    /** push(chunk) for any chunk value; null means EOF. */
    boolean push(Object chunk) {
        if ((state & OBJECT_MODE) != 0) {
            return pushObjectMode(chunk, false);
        }
        if (chunk == null) {
            state &= ~READING;
            onEofChunk();
            return false;
        }
        if (chunk instanceof String s) {
            return pushString(s, null);
        }
        Object c = Chunks.asBuffer(chunk);
        if (c == null) {
            stream.errorOrDestroy(StreamErrors.invalidChunk(chunk), false);
            return false;
        }
        return pushBytesOrString(c, false);
    }

    private boolean pushBytesOrString(Object chunk, boolean isString) {
        if (Chunks.length(chunk) <= 0) {
            // An empty chunk is "no data yet", not EOF: release the read lock and try again.
            state &= ~READING;
            maybeReadMore();
            return canPushMore();
        }
        if ((state & ENDED) != 0) {
            stream.errorOrDestroy(StreamErrors.pushAfterEof(), false);
            return false;
        }
        if ((state & (DESTROYED | ERRORED)) != 0) {
            return false;
        }
        state &= ~READING;
        if (decoder != null && !isString) {
            String s = decoder.write((Buffer) chunk);
            if (s.isEmpty()) {
                maybeReadMore();
                return canPushMore();
            }
            chunk = s;
        }
        addChunk(chunk, false);
        return canPushMore();
    }

    private boolean pushObjectMode(Object chunk, boolean hasEncoding) {
        if (chunk == null) {
            state &= ~READING;
            onEofChunk();
            return false;
        }
        if ((state & ENDED) != 0) {
            stream.errorOrDestroy(StreamErrors.pushAfterEof(), false);
            return false;
        }
        if ((state & (DESTROYED | ERRORED)) != 0) {
            return false;
        }
        state &= ~READING;
        if (decoder != null && !hasEncoding) {
            // Node hands every item to decoder.write: bytes are decoded, strings pass, anything else
            // throws out of push() (StringDecoder's ERR_INVALID_ARG_TYPE), after kReading is cleared.
            if (chunk instanceof Buffer b) {
                chunk = decoder.write(b);
            } else if (chunk instanceof byte[] bytes) {
                chunk = decoder.write(bytes);
            } else if (!(chunk instanceof String)) {
                throw StreamErrors.notDecodable(chunk);
            }
        }
        addChunk(chunk, false);
        return canPushMore();
    }

    boolean unshift(Object chunk, String enc) {
        if (chunk == null) {
            state &= ~READING;
            onEofChunk();
            return false;
        }
        if ((state & OBJECT_MODE) == 0) {
            if (chunk instanceof String s) {
                String name = enc == null ? defaultEncoding : enc;
                Encoding e = Encoding.of(name);
                if (decoder == null) {
                    chunk = Buffer.from(s, e);
                } else if (!name.equals(encodingName)) {
                    // The buffer holds strings in the stream's encoding once one is set.
                    chunk = Buffer.from(s, e).toString(encoding);
                }
            } else {
                Object c = Chunks.asBuffer(chunk);
                if (c == null) {
                    stream.errorOrDestroy(StreamErrors.invalidChunk(chunk), false);
                    return false;
                }
                // Node would store the Buffer among strings here; decode it so read() can join them.
                chunk = decoder != null ? ((Buffer) c).toString(encoding) : c;
            }
            if (Chunks.length(chunk) <= 0) {
                return canPushMore();
            }
        }
        if ((state & END_EMITTED) != 0) {
            stream.errorOrDestroy(StreamErrors.unshiftAfterEndEvent(), false);
        } else if ((state & (DESTROYED | ERRORED)) != 0) {
            return false;
        } else {
            addChunk(chunk, true);
        }
        return canPushMore();
    }

    /** Below the mark, or empty (so hwm 0 still lets one chunk through at a time). */
    boolean canPushMore() {
        return (state & ENDED) == 0 && (length < highWaterMark || length == 0);
    }

    private void addChunk(Object chunk, boolean front) {
        if ((state & (FLOWING | SYNC | DATA_LISTENING)) == (FLOWING | DATA_LISTENING) && length == 0) {
            // Flowing with an empty buffer and outside _read: hand the chunk straight to 'data'.
            clearAwaitDrain();
            state |= DATA_EMITTED;
            emitData(chunk);
        } else {
            length += (state & OBJECT_MODE) != 0 ? 1 : Chunks.length(chunk);
            if (front) {
                buffer.addFirst(chunk);
            } else {
                buffer.addLast(chunk);
            }
            if ((state & NEED_READABLE) != 0) {
                emitReadable();
            }
        }
        maybeReadMore();
    }

    /** emit('data', chunk), straight to the pipe when it is the only listener. */
    private void emitData(Object chunk) {
        Pipe p = soleDataPipe;
        if (p != null) {
            WritableState ws = soleDataDest;
            if (ws == null) {
                p.accept(chunk);
            } else if (!ws.writeFromPipe(chunk, soleDataTransform)) {
                p.pause();
            }
        } else {
            stream.emit(ReadableStream.DATA, chunk);
        }
    }

    /** Recomputes {@link #soleDataPipe}; called after any change to the 'data' listeners. */
    void refreshSoleDataPipe() {
        Pipe p = null;
        if (stream.listenerCount(ReadableStream.DATA) == 1 && !Overrides.EMIT.get(stream.getClass())
                && stream.rawListeners(ReadableStream.DATA).get(0) instanceof Pipe pipe) {
            p = pipe;
        }
        soleDataPipe = p;
        soleDataDest = p == null ? null : p.destState;
        soleDataTransform = p == null ? null : p.destTransform;
    }

    @SuppressWarnings("unchecked")
    private void clearAwaitDrain() {
        if ((state & MULTI_AWAIT_DRAIN) != 0) {
            ((Set<Object>) awaitDrainWriters).clear();
        } else {
            awaitDrainWriters = null;
        }
    }

    boolean isPaused() {
        return (state & PAUSED) != 0 || (state & (HAS_FLOWING | FLOWING)) == HAS_FLOWING;
    }

    Boolean flowing() {
        return (state & HAS_FLOWING) == 0 ? null : Boolean.valueOf((state & FLOWING) != 0);
    }

    void setEncoding(String enc) {
        StringDecoder d = new StringDecoder(enc);
        decoder = d;
        encoding = d.encoding();
        encodingName = encoding.nodeName();
        if ((state & OBJECT_MODE) != 0) {
            // Node concatenates buffered objects into one string here; we decode Buffers one by one
            // and keep every other object as it is, so no item is lost or merged.
            int n = buffer.size();
            for (int i = 0; i < n; i++) {
                Object c = buffer.pollFirst();
                buffer.addLast(c instanceof Buffer b ? d.write(b) : c);
            }
            return;
        }
        // Re-decode what is buffered, keeping a partial character for the next chunk.
        StringBuilder content = new StringBuilder();
        for (Object c : buffer) {
            content.append(c instanceof Buffer b ? d.write(b) : (String) c);
        }
        buffer.clear();
        if (!content.isEmpty()) {
            buffer.addLast(content.toString());
        }
        length = content.length();
    }

    // ---------------------------------------------------------------------------------------------
    // read

    private static long computeNewHighWaterMark(long n) {
        if (n > MAX_HWM) {
            throw StreamErrors.readSizeOutOfRange(n);
        }
        // Next power of two, so repeated slightly larger reads do not creep the mark up.
        long p = Long.highestOneBit(n);
        return p == n ? n : p << 1;
    }

    private long howMuchToRead(long n) {
        if ((n != READ_ALL && n <= 0) || (length == 0 && (state & ENDED) != 0)) {
            return 0;
        }
        if ((state & OBJECT_MODE) != 0) {
            return 1;
        }
        if (n == READ_ALL) {
            // Flowing mode hands out one buffered chunk at a time.
            if ((state & FLOWING) != 0 && length != 0) {
                return Chunks.length(buffer.peekFirst());
            }
            return length;
        }
        if (n <= length) {
            return n;
        }
        return (state & ENDED) != 0 ? length : 0;
    }

    Object read(long n) {
        if (n == READ_ALL && (state & OBJECT_MODE) != 0) {
            return readObject();
        }
        long nOrig = n;
        if (n != READ_ALL && n > highWaterMark) {
            highWaterMark = computeNewHighWaterMark(n);
        }
        if (n != 0) {
            state &= ~EMITTED_READABLE;
        }
        // read(0) with enough buffered (or at EOF) only triggers 'readable' / 'end'.
        if (n == 0 && (state & NEED_READABLE) != 0
                && ((highWaterMark != 0 ? length >= highWaterMark : length > 0) || (state & ENDED) != 0)) {
            if (length == 0 && (state & ENDED) != 0) {
                endReadable();
            } else {
                emitReadable();
            }
            return null;
        }
        n = howMuchToRead(n);
        if (n == 0 && (state & ENDED) != 0) {
            if (length == 0) {
                endReadable();
            }
            return null;
        }
        // Decide whether to call _read before taking data out: a synchronous _read (PassThrough)
        // may fill the buffer and change how much this call can return.
        boolean doRead = (state & NEED_READABLE) != 0;
        if (length == 0 || length - n < highWaterMark) {
            doRead = true;
        }
        if ((state & (READING | ENDED | DESTROYED | ERRORED | CONSTRUCTED)) != CONSTRUCTED) {
            doRead = false;
        } else if (doRead) {
            callRead();
            if ((state & READING) == 0) {
                n = howMuchToRead(nOrig);
            }
        }
        Object ret = n > 0 ? fromList(n) : null;
        if (ret == null) {
            if (length <= highWaterMark) {
                state |= NEED_READABLE;
            }
            n = 0;
        } else {
            length -= n;
            clearAwaitDrain();
        }
        if (length == 0) {
            // Empty now: we want to hear as soon as something arrives.
            if ((state & ENDED) == 0) {
                state |= NEED_READABLE;
            }
            // Asked past EOF: 'end' on the next tick.
            if (nOrig != n && (state & ENDED) != 0) {
                endReadable();
            }
        }
        if (ret != null && (state & (ERROR_EMITTED | CLOSE_EMITTED)) == 0) {
            state |= DATA_EMITTED;
            emitData(ret);
        }
        return ret;
    }

    /**
     * {@link #read} for {@code read()} in objectMode, where n is always one item: the same steps in
     * the same order, with the branches that cannot apply gone. Why a copy: read is ~450 bytes of
     * bytecode, above the JIT's inlining limit for hot methods (325), so every object taken by the
     * flowing loop cost a call; this one is small enough to be inlined into {@link #flow}.
     * Simplifications, each exact in objectMode: howMuchToRead is 0 only when empty and ended, else
     * 1; a null push is EOF, so the buffer is empty exactly when length is 0, and fromList returns
     * null exactly then; {@code nOrig != n} always holds.
     */
    private Object readObject() {
        state &= ~EMITTED_READABLE;
        if (length == 0 && (state & ENDED) != 0) {
            endReadable();
            return null;
        }
        if ((state & (READING | ENDED | DESTROYED | ERRORED | CONSTRUCTED)) == CONSTRUCTED
                && ((state & NEED_READABLE) != 0 || length - 1 < highWaterMark)) {
            callRead(); // "length - 1 < hwm" covers read's "length == 0" (hwm is never negative)
        }
        Object ret;
        if (length == 0) {
            ret = null;
            state |= NEED_READABLE; // read's "length <= highWaterMark" holds when empty
        } else {
            ret = buffer.pollFirst();
            length--;
            clearAwaitDrain();
        }
        if (length == 0) {
            if ((state & ENDED) != 0) {
                endReadable();
            } else {
                state |= NEED_READABLE;
            }
        }
        if (ret != null && (state & (ERROR_EMITTED | CLOSE_EMITTED)) == 0) {
            state |= DATA_EMITTED;
            emitData(ret);
        }
        return ret;
    }

    /** read()'s call into _read: marks the read in progress and synchronous around the call. */
    private void callRead() {
        state |= READING | SYNC;
        if (length == 0) {
            state |= NEED_READABLE;
        }
        try {
            StreamOptions.ReadHook<Object> hook = readHook;
            if (hook != null) {
                hook.read(stream, highWaterMark);
            } else {
                stream.invokeRead(highWaterMark);
            }
        } catch (Throwable t) {
            stream.errorOrDestroy(t, false);
        }
        state &= ~SYNC;
    }

    /** Takes n bytes (characters with a decoder; one item in objectMode) off the buffer. */
    private Object fromList(long n) {
        if (length == 0) {
            return null;
        }
        if ((state & OBJECT_MODE) != 0) {
            return buffer.pollFirst();
        }
        if (n >= length) {
            if (decoder != null) {
                if (buffer.size() == 1) {
                    return buffer.pollFirst();
                }
                StringBuilder sb = new StringBuilder((int) length);
                while (!buffer.isEmpty()) {
                    sb.append((String) buffer.pollFirst());
                }
                return sb.toString();
            }
            if (buffer.isEmpty()) {
                return Buffer.alloc(0);
            }
            if (buffer.size() == 1) {
                return buffer.pollFirst();
            }
            return Chunks.concatAll(buffer, length);
        }
        Object first = buffer.peekFirst();
        int firstLen = Chunks.length(first);
        if (n < firstLen) {
            buffer.pollFirst();
            buffer.addFirst(Chunks.slice(first, (int) n, firstLen));
            return Chunks.slice(first, 0, (int) n);
        }
        if (n == firstLen) {
            return buffer.pollFirst();
        }
        return decoder != null ? Chunks.takeChars(buffer, (int) n) : Chunks.takeBytes(buffer, (int) n);
    }

    private void onEofChunk() {
        if ((state & ENDED) != 0) {
            return;
        }
        if (decoder != null) {
            String tail = decoder.end();
            if (!tail.isEmpty()) {
                buffer.addLast(tail);
                length += (state & OBJECT_MODE) != 0 ? 1 : tail.length();
            }
        }
        state |= ENDED;
        if ((state & SYNC) != 0) {
            // Inside _read: wait a tick, or the flow triggered by read() could recurse.
            emitReadable();
        } else {
            // Emit 'readable' now so that EOF is seen; ecosystem modules rely on this being sync.
            state &= ~NEED_READABLE;
            state |= EMITTED_READABLE;
            emitReadableNT();
        }
    }

    void emitReadable() {
        state &= ~NEED_READABLE;
        if ((state & EMITTED_READABLE) == 0) {
            state |= EMITTED_READABLE;
            stream.loop.nextTick(emitReadableTask);
        }
    }

    private void emitReadableNT() {
        if ((state & (DESTROYED | ERRORED)) == 0 && (length != 0 || (state & ENDED) != 0)) {
            stream.emit(ReadableStream.READABLE);
            state &= ~EMITTED_READABLE;
        }
        // Another 'readable' is needed if nothing else will drive the stream: not flowing, not
        // ended, and at or below the mark.
        if ((state & (FLOWING | ENDED)) == 0 && length <= highWaterMark) {
            state |= NEED_READABLE;
        }
        flow();
    }

    void maybeReadMore() {
        if ((state & (READING_MORE | CONSTRUCTED)) == CONSTRUCTED) {
            state |= READING_MORE;
            stream.loop.nextTick(maybeReadMoreTask);
        }
    }

    private void maybeReadMoreNT() {
        // Fill up to the mark (or, flowing with nothing buffered, keep the flow alive), unless
        // ended or a _read is already outstanding; stop as soon as a read(0) brings nothing.
        while ((state & (READING | ENDED)) == 0
                && (length < highWaterMark || ((state & FLOWING) != 0 && length == 0))) {
            long len = length;
            stream.read(0);
            if (len == length) {
                break;
            }
        }
        state &= ~READING_MORE;
    }

    // ---------------------------------------------------------------------------------------------
    // listeners, flowing, pause/resume

    void onDataListenerAdded() {
        state |= DATA_LISTENING;
        // So that resume() below is a no-op when a 'readable' listener (e.g. once) exists.
        if (stream.listenerCount(ReadableStream.READABLE) > 0) {
            state |= READABLE_LISTENING;
        }
        if ((state & (HAS_FLOWING | FLOWING)) != HAS_FLOWING) {
            stream.resume();
        }
    }

    void onReadableListenerAdded() {
        if ((state & (END_EMITTED | READABLE_LISTENING)) == 0) {
            state |= READABLE_LISTENING | NEED_READABLE | HAS_FLOWING;
            state &= ~(FLOWING | EMITTED_READABLE);
            if (length != 0) {
                emitReadable();
            } else if ((state & READING) == 0) {
                stream.loop.nextTick(readZeroTask);
            }
        }
    }

    void onDataListenerRemoved() {
        if (stream.listenerCount(ReadableStream.DATA) == 0) {
            state &= ~DATA_LISTENING;
        }
    }

    /**
     * Deferred to a tick so that once('readable') cycles (remove, then add again in the handler)
     * do not flip the stream into flowing mode in between.
     */
    void updateReadableListening() {
        if (stream.listenerCount(ReadableStream.READABLE) > 0) {
            state |= READABLE_LISTENING;
        } else {
            state &= ~READABLE_LISTENING;
        }
        if ((state & (HAS_PAUSED | PAUSED | RESUME_SCHEDULED)) == (HAS_PAUSED | RESUME_SCHEDULED)) {
            // A resume is pending: it must find flowing already true to start the flow.
            state |= HAS_FLOWING | FLOWING;
        } else if ((state & DATA_LISTENING) != 0) {
            stream.resume();
        } else if ((state & READABLE_LISTENING) == 0) {
            state &= ~(HAS_FLOWING | FLOWING);
        }
    }

    void resume() {
        if ((state & FLOWING) == 0) {
            // With a 'readable' listener the stream does not flow, but resume still runs.
            state |= HAS_FLOWING;
            if ((state & READABLE_LISTENING) == 0) {
                state |= FLOWING;
            } else {
                state &= ~FLOWING;
            }
            if ((state & RESUME_SCHEDULED) == 0) {
                state |= RESUME_SCHEDULED;
                stream.loop.nextTick(resumeTask);
            }
        }
        state |= HAS_PAUSED;
        state &= ~PAUSED;
    }

    private void resumeNT() {
        if ((state & READING) == 0) {
            stream.read(0);
        }
        state &= ~RESUME_SCHEDULED;
        stream.emit(ReadableStream.RESUME);
        flow();
        if ((state & (FLOWING | READING)) == FLOWING) {
            stream.read(0);
        }
    }

    void pause() {
        if ((state & (HAS_FLOWING | FLOWING)) != HAS_FLOWING) {
            state |= HAS_FLOWING;
            state &= ~FLOWING;
            stream.emit(ReadableStream.PAUSE);
        }
        state |= HAS_PAUSED | PAUSED;
    }

    void flow() {
        // Node calls stream.read(); unless a subclass overrides it, that is read(READ_ALL) here
        // (already on the loop thread), without the call through the stream and its thread check.
        if (readOverridden) {
            while ((state & FLOWING) != 0 && stream.read(READ_ALL) != null) {
                // read() emits 'data' for each chunk
            }
        } else if ((state & OBJECT_MODE) != 0) {
            while ((state & FLOWING) != 0 && readObject() != null) {
                // as above
            }
        } else {
            while ((state & FLOWING) != 0 && read(READ_ALL) != null) {
                // as above
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // end

    void endReadable() {
        if ((state & END_EMITTED) == 0) {
            state |= ENDED;
            stream.loop.nextTick(endReadableTask);
        }
    }

    private void endReadableNT() {
        // An unshift() after EOF may have put data back meanwhile.
        if ((state & (ERRORED | CLOSE_EMITTED | END_EMITTED)) == 0 && length == 0) {
            state |= END_EMITTED;
            stream.emit(ReadableStream.END);
            WritableState w = stream.w;
            if (w != null && w.writableFlag() && !stream.allowHalfOpen) {
                stream.loop.nextTick(this::endWritableNT);
            } else if ((state & AUTO_DESTROY) != 0) {
                // A Duplex is destroyed only once its writable side is finished too.
                boolean autoDestroy = w == null
                        || (w.has(AUTO_DESTROY) && (w.has(WritableState.FINISHED) || w.has(WritableState.DISABLED)));
                if (autoDestroy) {
                    stream.destroyImpl(null, null);
                }
            }
        }
    }

    private void endWritableNT() {
        WritableState w = stream.w;
        if (w.writableFlag() && !w.has(WritableState.ENDING) && !w.has(DESTROYED)) {
            w.end(null, null, null);
        }
    }
}
