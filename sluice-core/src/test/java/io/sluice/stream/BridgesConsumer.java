package io.sluice.stream;

import io.sluice.buffer.Buffer;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The blocking side of a read scenario: drains a Readable through {@code toInputStream()} with a
 * random mix of read, read(byte[],off,len), readNBytes, skip, available, transferTo and
 * readAllBytes, or through {@code iterator()}, with random pauses, optionally closing after
 * {@code closeAt} bytes. Skipped bytes are filled from the expected data (skip cannot be
 * verified); the following reads show whether the position was right.
 */
final class BridgesConsumer {
    final byte[] expected;
    final Random rnd;
    final BridgesHarness.Sink got = new BridgesHarness.Sink();
    final List<Integer> chunkLengths = new ArrayList<>();
    volatile Throwable error;
    volatile boolean interruptedAtError;
    volatile boolean eof;
    volatile boolean closedEarly;
    /** Set once the first read that hands data over from the loop has returned (see the BUG tests). */
    volatile boolean started;
    /**
     * Only read() and read(byte[],off,len): readNBytes, skip, transferTo and readAllBytes lose the
     * bytes they read when a later read in the same call throws, so an exact error position can
     * only be checked without them.
     */
    boolean simpleOps;
    final List<String> problems = new java.util.concurrent.CopyOnWriteArrayList<>();

    BridgesConsumer(byte[] expected, Random rnd) {
        this.expected = expected;
        this.rnd = new Random(rnd.nextLong());
    }

    private int len() {
        return switch (rnd.nextInt(6)) {
            case 0 -> 1;
            case 1 -> 1 + 2 * rnd.nextInt(40);
            case 2 -> 8191 + rnd.nextInt(3);
            case 3 -> 65535 + rnd.nextInt(3);
            case 4 -> 1 + rnd.nextInt(5000);
            default -> 1 << 20;
        };
    }

    /** closeAt < 0: read to the end. */
    void readInputStream(InputStream in, long closeAt) {
        boolean closing = closeAt >= 0;
        int ops = 0;
        try {
            while (!eof && !(closing && ops > 0 && got.size() >= closeAt)) {
                ops++;
                int len = len();
                if (closing) {
                    len = (int) Math.max(1, Math.min(len, closeAt - got.size()));
                }
                // The first operation of an early-closing consumer always fetches: closing before the
                // first fetch does not destroy the stream (bugCloseBeforeFirstReadLeavesStreamOpen).
                int op = closing && ops == 1 ? 30 : rnd.nextInt(simpleOps ? 60 : 100);
                if (op < 10) {
                    int b = in.read();
                    if (b < 0) {
                        eof = true;
                    } else {
                        got.add(new byte[] {(byte) b}, 0, 1);
                    }
                } else if (op < 60) {
                    int off = rnd.nextInt(4);
                    byte[] buf = new byte[off + len + rnd.nextInt(4)];
                    int n = in.read(buf, off, len);
                    if (n == 0 || n > len || n < -1) {
                        problems.add("read(buf, " + off + ", " + len + ") returned " + n);
                    }
                    if (n < 0) {
                        eof = true;
                    } else {
                        got.add(buf, off, n);
                    }
                } else if (op < 68) {
                    byte[] x = in.readNBytes(len);
                    got.add(x, 0, x.length);
                    eof = x.length < len;
                } else if (op < 76) {
                    int off = rnd.nextInt(4);
                    byte[] buf = new byte[off + len];
                    int n = in.readNBytes(buf, off, len);
                    got.add(buf, off, n);
                    eof = n < len;
                } else if (op < 84) {
                    long k = in.skip(len);
                    int at = got.size();
                    if (k < 0 || k > len || at + k > expected.length) {
                        problems.add("skip(" + len + ") at " + at + " returned " + k);
                        return;
                    }
                    got.add(expected, at, (int) k);
                } else if (op < 92) {
                    int a = in.available();
                    if (a < 0 || a > expected.length - got.size()) {
                        problems.add("available() = " + a + " at " + got.size() + " of " + expected.length);
                    }
                } else if (!closing && op < 96) {
                    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
                    long n = in.transferTo(all);
                    if (n != all.size()) {
                        problems.add("transferTo returned " + n + " but wrote " + all.size());
                    }
                    byte[] b = all.toByteArray();
                    got.add(b, 0, b.length);
                    eof = true;
                } else if (!closing) {
                    byte[] b = in.readAllBytes();
                    got.add(b, 0, b.length);
                    eof = true;
                }
                if (op < 84) {
                    started = true;
                }
                BridgesHarness.pause(rnd, 15);
            }
            if (eof) {
                // EOF is sticky.
                if (in.read() != -1 || in.read(new byte[3], 0, 3) != -1 || in.available() != 0) {
                    problems.add("a read after EOF did not return -1 / available() != 0");
                }
            }
        } catch (IOException | RuntimeException e) {
            error = e;
            interruptedAtError = Thread.currentThread().isInterrupted();
        }
        closedEarly = !eof && error == null;
        try {
            in.close();
            in.close(); // idempotent
        } catch (IOException e) {
            problems.add("close() threw " + e);
        }
        try {
            int b = in.read();
            problems.add("read() after close() returned " + b + " instead of throwing");
        } catch (IOException expectedClosed) {
            // InputStream's contract for a closed stream.
        }
        if (error == null && Thread.interrupted()) {
            // An interrupt that came too late to matter: clear it so the thread ends cleanly.
        }
    }

    /** closeAt < 0: iterate to the end. */
    void iterate(StreamIterator<Buffer> it, long closeAt) {
        boolean closing = closeAt >= 0;
        int ops = 0;
        try {
            while (true) {
                if (closing && ops > 0 && got.size() >= closeAt) {
                    closedEarly = true;
                    break;
                }
                ops++;
                if (!it.hasNext()) {
                    eof = true;
                    break;
                }
                started = true;
                if (rnd.nextInt(4) == 0 && !it.hasNext()) {
                    problems.add("hasNext() turned false without next()");
                }
                Buffer b = it.next();
                byte[] a = b.toByteArray();
                chunkLengths.add(a.length);
                got.add(a, 0, a.length);
                BridgesHarness.pause(rnd, 15);
            }
            if (eof) {
                if (it.hasNext()) {
                    problems.add("hasNext() true again after the end");
                }
                try {
                    it.next();
                    problems.add("next() after the end returned");
                } catch (java.util.NoSuchElementException expectedEnd) {
                    // as Iterator requires
                }
            }
        } catch (RuntimeException e) {
            error = e;
            interruptedAtError = Thread.currentThread().isInterrupted();
            try {
                if (it.hasNext()) {
                    problems.add("hasNext() true after the error");
                }
            } catch (RuntimeException again) {
                problems.add("the error was thrown twice: " + again);
            }
        }
        it.close();
        it.close();
        if (it.hasNext()) {
            problems.add("hasNext() true after close()");
        }
        Thread.interrupted();
    }
}
