package io.sluice.loop;

import java.util.concurrent.atomic.AtomicBoolean;

/** A {@link KeepAlive}: one count in its loop's keep-alive counter, released at most once. */
final class KeepAliveHandle extends AtomicBoolean implements KeepAlive {
    private static final long serialVersionUID = 1L;
    private final transient EventLoop loop;

    KeepAliveHandle(EventLoop loop) {
        this.loop = loop;
    }

    @Override
    public void close() {
        if (compareAndSet(false, true)) {
            loop.releaseKeepAlive();
        }
    }

    @Override
    public String toString() {
        return "KeepAlive[" + (get() ? "closed" : "open") + "]";
    }
}
