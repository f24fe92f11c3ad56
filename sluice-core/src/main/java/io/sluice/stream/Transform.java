package io.sluice.stream;

/**
 * Node's {@code stream.Transform}: a {@link Duplex} whose output is computed from its input by
 * {@link #doTransform}, with backpressure driven by the reader: a chunk's callback is held back
 * while the readable side is at its highWaterMark, so the writable side stalls (and
 * {@code 'finish'} waits) until someone reads (NODE-SEMANTICS §2.9).
 *
 * <p>At the end, {@link #doFlush} runs after the last transform and before EOF is pushed; a
 * user {@code doFinal} runs before it. The relative order of {@code 'end'} and {@code 'finish'}
 * follows Node exactly and is not fixed; use {@code finished()} to wait for both.
 *
 * <p>Readable highWaterMark 0 (Node's rule): the writable side's mark becomes 0 too unless given,
 * so the stream buffers at most one chunk in total.
 *
 * @param <I> the input (writable side) chunk type
 * @param <O> the output (readable side) chunk type
 */
public class Transform<I, O> extends Duplex<O, I> {

    private final StreamOptions.TransformHook<Object, Object, Object> transformHook;
    private final StreamOptions.FlushHook<Object, Object> flushHook;
    private final boolean hasFlush;
    /** The per-chunk path (write in, callback out); also what pipes into this stream call. */
    final TransformHop hop;

    /** A Transform with default options; override {@link #doTransform}. */
    public Transform() {
        this(null);
    }

    /**
     * A Transform configured by {@code options} (null = defaults), including the
     * {@link StreamOptions#doTransform} and {@link StreamOptions#doFlush} hooks.
     *
     * @throws io.sluice.error.NodeTypeException {@code ERR_INVALID_ARG_VALUE} for a negative highWaterMark
     */
    @SuppressWarnings("unchecked")
    public Transform(StreamOptions options) {
        super(adjustForZeroReadableMark(options));
        // _read is ours and the state is ready: reads no longer need the first-read guard.
        r.state &= ~ReadableState.SYNC;
        this.transformHook = options == null ? null : (StreamOptions.TransformHook<Object, Object, Object>) options.transform;
        this.flushHook = options == null ? null : (StreamOptions.FlushHook<Object, Object>) options.flush;
        this.hasFlush = flushHook != null || Overrides.FLUSH.get(getClass());
        this.hop = new TransformHop(this, transformHook);
        w.transformHop = hop;
    }

    /**
     * A Duplex would buffer on both sides while a Transform with a readable mark of 0 wants to
     * hold at most that; so, as Node does, the writable mark defaults to 0 as well.
     */
    private static StreamOptions adjustForZeroReadableMark(StreamOptions options) {
        if (options == null) {
            return null;
        }
        long rhwm = HighWaterMarks.resolve(options, "readableHighWaterMark", options.readableHighWaterMark, true,
                options.objectMode || options.readableObjectMode);
        if (rhwm != 0) {
            return options;
        }
        StreamOptions o = options.copy();
        o.highWaterMark = null;
        o.readableHighWaterMark = rhwm;
        o.writableHighWaterMark = options.writableHighWaterMark != null && options.writableHighWaterMark != 0
                ? options.writableHighWaterMark : 0L;
        return o;
    }

    // ---------------------------------------------------------------------------------------------
    // Hooks

    /**
     * Node's {@code _transform(chunk, encoding, callback)}: push output with {@link #push} and/or
     * {@code callback.done(err, value)}, once per chunk. The default uses the
     * {@link StreamOptions#doTransform} hook or throws {@code ERR_METHOD_NOT_IMPLEMENTED}.
     */
    protected void doTransform(I chunk, String encoding, TransformCallback<O> callback) {
        if (transformHook == null) {
            throw StreamErrors.notImplemented("_transform()");
        }
        @SuppressWarnings({"unchecked", "rawtypes"})
        TransformCallback<Object> cb = (TransformCallback) callback;
        transformHook.transform(this, chunk, encoding, cb);
    }

    /**
     * Node's {@code _flush(callback)}: runs once all input is transformed, before EOF is pushed;
     * {@code callback.done(null, value)} pushes a last chunk. Used only if overridden or given as
     * {@link StreamOptions#doFlush}.
     */
    protected void doFlush(TransformCallback<O> callback) {
        if (flushHook == null) {
            callback.done();
            return;
        }
        @SuppressWarnings({"unchecked", "rawtypes"})
        TransformCallback<Object> cb = (TransformCallback) callback;
        flushHook.flush(this, cb);
    }

    /** Transform implements the writable side itself; override {@link #doTransform} instead. */
    @Override
    protected final void doWrite(Object chunk, String encoding, Callback callback) {
        // callback is always the writable state's bound onwrite: one write is in flight at a time.
        hop.write(chunk, encoding);
    }

    /** Transform implements the readable side itself: it releases a held-back write. */
    @Override
    protected final void doRead(long size) {
        hop.releaseHeld();
        readRequested(size);
    }

    /**
     * Called on the loop whenever the readable side asks for more (Node's {@code _read}), after
     * a held-back write has been released. For a Transform that stops pushing in the middle of
     * one chunk's output once the highWaterMark is reached (zlib does, so a small compressed
     * chunk cannot flood memory) and resumes when the reader has taken some. Default: nothing.
     */
    protected void readRequested(long size) {
    }

    // ---------------------------------------------------------------------------------------------
    // End: flush as the final step (or on 'prefinish' when the user supplied their own final).

    @Override
    final boolean sideHasFinal() {
        return true;
    }

    @Override
    final void sideFinal(Callback cb) {
        if (hasUserFinal()) {
            doFinal(cb);
        } else {
            flushThenEnd(cb);
        }
    }

    @Override
    final void sideBeforePrefinish() {
        if (hasUserFinal()) {
            flushThenEnd(null);
        }
    }

    private void flushThenEnd(Callback cb) {
        if (hasFlush && !destroyed()) {
            doFlush((er, data) -> {
                if (er != null) {
                    if (cb != null) {
                        cb.done(er);
                    } else {
                        destroy(er);
                    }
                    return;
                }
                if (data != null) {
                    push(data);
                }
                push(null);
                if (cb != null) {
                    cb.done();
                }
            });
        } else {
            push(null);
            if (cb != null) {
                cb.done();
            }
        }
    }
}
