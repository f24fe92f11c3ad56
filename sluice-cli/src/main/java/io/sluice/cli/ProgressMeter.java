package io.sluice.cli;

import io.sluice.buffer.Buffer;
import io.sluice.loop.EventLoop;
import io.sluice.loop.Timer;
import io.sluice.stream.Transform;
import io.sluice.stream.TransformCallback;
import java.io.PrintStream;

/**
 * A pass-through stage that counts the bytes flowing by and redraws a progress line on a terminal
 * every 200 ms. The redraw timer is unref'd so it never keeps the loop alive by itself.
 */
final class ProgressMeter extends Transform<Buffer, Buffer> {
    private final long total;
    private final PrintStream out;
    private final long startNanos = System.nanoTime();
    private long done;
    private Timer timer;

    /** {@code total} bytes expected, or -1 when unknown. Call on the loop thread. */
    ProgressMeter(long total, PrintStream out) {
        this.total = total;
        this.out = out;
    }

    @Override
    protected void doTransform(Buffer chunk, String encoding, TransformCallback<Buffer> callback) {
        done += chunk.length();
        callback.done(null, chunk);
    }

    /** Starts redrawing. */
    void start() {
        timer = EventLoop.current().setInterval(this::draw, 200).unref();
    }

    /** Stops redrawing and erases the line, so that only the command's own output remains. */
    void stop() {
        if (timer != null) {
            timer.cancel();
            timer = null;
            out.print("\r\033[K");
            out.flush();
        }
    }

    private void draw() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        out.print("\r\033[K" + ProgressFormat.line(done, total, seconds));
        out.flush();
    }
}
