package io.sluice.zlib;

import io.sluice.buffer.Buffer;
import io.sluice.error.NodeError;
import io.sluice.event.EventEmitter;
import io.sluice.loop.EventLoop;
import io.sluice.stream.Callback;
import io.sluice.stream.ReadableStream;
import io.sluice.stream.Stream;
import io.sluice.stream.WritableStream;
import io.sluice.testing.EventLog;
import java.util.Map;

/**
 * The Java side of {@link ZlibLifecycleRandomDifferentialTest}: interprets one spec with Sluice's
 * {@link ZlibStream} on a fresh event loop and returns the same string as
 * {@link ZlibLifecycleDifferentialNodeScript} does in node (the log grouped by phase, then a state
 * snapshot once the loop has no work left). The spec language is documented on the test class.
 */
final class ZlibLifecycleDifferentialInterpreter {
    private static final byte[] PLAIN = payload(0, 6000);
    private static final Map<Character, ZlibMode> MODES = Map.of('d', ZlibMode.DEFLATE, 'i', ZlibMode.INFLATE,
            'g', ZlibMode.GZIP, 'G', ZlibMode.GUNZIP, 'r', ZlibMode.DEFLATERAW, 'R', ZlibMode.INFLATERAW,
            'u', ZlibMode.UNZIP, 'b', ZlibMode.BROTLI_ENCODE, 'B', ZlibMode.BROTLI_DECODE);
    /**
     * The decompressors' valid inputs, made by Sluice's byte-compatible engine (parallelism 1), which
     * yields zlib's and libbrotli's own bytes: the same as node's {@code xxxSync(PLAIN)}.
     */
    private static final Map<Character, byte[]> SOURCES = Map.of(
            'i', sync(ZlibMode.DEFLATE), 'G', sync(ZlibMode.GZIP), 'R', sync(ZlibMode.DEFLATERAW),
            'u', sync(ZlibMode.GZIP), 'B', sync(ZlibMode.BROTLI_ENCODE));

    private EventLog log;
    private ZlibStream st;
    private byte[] src;
    private int pos;
    private int wid;
    private long total;
    private int totalHash = 0x811c9dc5;
    private int readers;
    private int listeners;
    private String snapshot = "";
    /** The log as of the snapshot (null: take it when the loop ends). */
    private String trace;

    private ZlibLifecycleDifferentialInterpreter() {}

    static byte[] payload(int id, int n) {
        byte[] b = new byte[n];
        for (int j = 0; j < n; j++) {
            b[j] = (byte) (97 + ((j * j + id * 17 + (j >> 4)) % 23));
        }
        return b;
    }

    private static byte[] sync(ZlibMode mode) {
        return Zlib.processSync(mode, Buffer.wrap(PLAIN), new ZlibOptions().parallelism(1)).toByteArray();
    }

    /** The compressed input of a decompressor: valid, truncated, corrupt in the middle or the header. */
    static byte[] source(char kind, char data) {
        byte[] s = SOURCES.get(kind).clone();
        return switch (data) {
            case 't' -> java.util.Arrays.copyOf(s, (int) Math.floor(s.length * 0.6));
            case 'x' -> {
                s[s.length >> 1] ^= 0x55;
                yield s;
            }
            case 'h' -> {
                s[0] ^= (byte) 0xff;
                yield s;
            }
            default -> s;
        };
    }

    static int fnv(byte[] b, int h) {
        for (byte x : b) {
            h = (h ^ (x & 0xff)) * 16777619;
        }
        return h;
    }

    private static String hex(int h, int n) {
        return String.format("%08x", h).substring(0, n);
    }

    static String code(Throwable e) {
        return e == null ? "null" : e instanceof NodeError ne ? ne.code() : e.getMessage();
    }

    /** Runs {@code spec} and returns its outcome string. */
    static String run(String spec) {
        ZlibLifecycleDifferentialInterpreter in = new ZlibLifecycleDifferentialInterpreter();
        EventLog[] log = new EventLog[1];
        try {
            EventLoop.run(() -> {
                log[0] = in.log = new EventLog();
                EventLoop.current().setUncaughtExceptionHandler(e -> in.log.log("UNCAUGHT " + code(e)));
                in.runSpec(spec);
            });
        } catch (RuntimeException e) {
            log[0].log("LOOP DIED " + code(e));
        }
        return (in.trace != null ? in.trace : String.join(" | ", log[0].phases())) + " || " + in.snapshot;
    }

    /**
     * Whether the stream's job is in flight on a helper thread: the snapshot waits for that (as
     * node's waits for the threadpool); the stream has no public view of it, hence the test hook.
     */
    private boolean busy() {
        return st.engineBusy();
    }

    /**
     * Runs {@code then} once the stream has settled (node's script: once no tick or immediate is
     * pending and no zlib work is in flight): no job in flight and neither the state nor the log
     * changed for five immediate turns, more than the stream's own immediate hops need. Loop thread.
     */
    private void settle(int stable, String last, Runnable then) {
        EventLoop.current().setImmediate(() -> {
            String now = busy() ? null : snap() + "#" + log.size();
            if (now != null && now.equals(last) && stable >= 5) {
                then.run();
            } else {
                settle(now != null && now.equals(last) ? stable + 1 : 0, now, then);
            }
        });
    }

    /** Runs the ops from the k-th on, each after the previous one (see the test's spec language). */
    private void step(String[] ops, int k) {
        if (k == ops.length) {
            settle(0, null, () -> {
                snapshot = snap();
                trace = String.join(" | ", log.phases());
                // a stream left open (as the spec may leave it) is destroyed, unrecorded, so the
                // leak check after the loop sees only what the stream itself failed to release
                st.destroy();
            });
            return;
        }
        Runnable go = () -> {
            op(ops[k].substring(1));
            step(ops, k + 1);
        };
        switch (ops[k].charAt(0)) {
            case 's' -> go.run();
            case 't' -> EventLoop.current().nextTick(go);
            default -> settle(0, null, () -> EventLoop.current().setImmediate(go));
        }
    }

    private String snap() {
        return "bw=" + st.bytesWritten() + " D=" + st.destroyed() + " re=" + st.readableEnded() + " wf=" + st.writableFinished()
                + " wl=" + st.writableLength() + " rl=" + st.readableLength() + " out=" + total + ":" + hex(totalHash, 8);
    }

    private Buffer chunk(int n) {
        if (src == null) {
            return Buffer.wrap(payload(wid, n));
        }
        int end = Math.min(src.length, pos + n);
        Buffer c = Buffer.wrap(java.util.Arrays.copyOfRange(src, pos, end));
        pos = end;
        return c;
    }

    /** Logs a chunk; the total counts what the first 'data' listener saw, or read() while there is none. */
    private void got(String what, Buffer d, boolean counted) {
        byte[] b = d.toByteArray();
        if (counted) {
            total += b.length;
            totalHash = fnv(b, totalHash);
        }
        log.log(what + " " + b.length + ":" + hex(fnv(b, 0x811c9dc5), 4));
    }

    private void dataListener() {
        boolean first = ++listeners == 1;
        st.on(ReadableStream.DATA, d -> got("data", (Buffer) d, first));
    }

    private void readableListener() {
        int r = ++readers;
        st.on(ReadableStream.READABLE, v -> {
            log.log("readable" + r);
            Buffer d;
            while ((d = st.read()) != null) {
                got("read", d, listeners == 0);
            }
        });
    }

    private Callback cb(String what) {
        return err -> log.log(what + " " + code(err));
    }

    private void guard(String what, Runnable fn) {
        try {
            fn.run();
        } catch (RuntimeException e) {
            log.log(what + " THREW " + code(e));
        }
    }

    private void op(String t) {
        int id = ++wid;
        switch (t.charAt(0)) {
            case 'w' -> guard("w" + id, () -> log.log("w" + id + "=" + st.write(chunk(Integer.parseInt(t.substring(1))), cb("cb" + id))));
            case 'f' -> guard("f" + id, () -> st.flush());
            case 'F' -> {
                if (t.charAt(1) == 'c') {
                    guard("F" + id, () -> st.flush(cb("fcb" + id)));
                } else {
                    guard("F" + id, () -> st.flush(t.charAt(1) - '0', cb("fcb" + id)));
                }
            }
            case 'p' -> guard("p" + id, () -> st.params(t.charAt(1) - '0', t.charAt(2) - '0', cb("pcb" + id)));
            case 'e' -> guard("e" + id, () -> st.end());
            case 'E' -> guard("E" + id, () -> st.end(chunk(Integer.parseInt(t.substring(1))), cb("ecb" + id)));
            case 'c' -> guard("c" + id, () -> st.close(cb("ccb" + id)));
            case 'd' -> guard("d" + id, () -> st.destroy());
            case 'D' -> guard("D" + id, () -> st.destroy(new RuntimeException("boom")));
            case 'P' -> st.pause();
            case 'U' -> st.resume();
            case 'L' -> dataListener();
            case 'R' -> readableListener();
            default -> throw new IllegalArgumentException("bad op " + t);
        }
    }

    private void runSpec(String spec) {
        String[] t = spec.split(" ");
        char kind = t[0].charAt(0);
        src = SOURCES.containsKey(kind) ? source(kind, t[5].charAt(0)) : null;
        // parallelism 1: the classic engine, whose bytes and chunking are zlib's (the parallel
        // engines' documented differences are out of this test's scope)
        ZlibOptions o = new ZlibOptions().parallelism(1);
        if (!t[1].equals("-") && kind != 'b' && kind != 'B') {
            o.level(Integer.parseInt(t[1]));
        }
        if (!t[2].equals("-")) {
            o.chunkSize(Integer.parseInt(t[2]));
        }
        if (!t[3].equals("-")) {
            o.finishFlush(Integer.parseInt(t[3]));
        }
        if (!t[4].equals("-")) {
            o.maxOutputLength(Long.parseLong(t[4]));
        }
        try {
            st = Zlib.create(MODES.get(kind), o);
            st.on(ReadableStream.END, v -> log.log("end"));
            st.on(WritableStream.FINISH, v -> log.log("finish"));
            st.on(Stream.CLOSE, v -> log.log("close"));
            st.on(EventEmitter.ERROR, e -> log.log("error " + code(e)));
            if (t[6].equals("d")) {
                dataListener();
            }
        } catch (RuntimeException e) {
            log.log("THREW " + code(e));
        }
        if (st != null) {
            step(java.util.Arrays.copyOfRange(t, 7, t.length), 0);
        }
    }
}
