package io.sluice.zlib;

import io.sluice.buffer.Buffer;
import io.sluice.loop.EventLoop;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The one-shot calls ({@code gzipSync}, {@code gzip}, ...): a codec run over the whole input with the finish flush. */
final class OneShot {
    private OneShot() {}

    /** Larger output arrays than a stream's: fewer native calls, and chunk boundaries are invisible here. */
    private static final int MIN_CHUNK = 64 * 1024;

    /** A validated one-shot: made on the caller's thread so bad options throw there, as Node's do. */
    interface Task {
        /** Runs the whole input through; the errors of {@link Zlib#processSync}. */
        Buffer run();
    }

    /** One codec over the whole input. */
    record Job(Codec codec, Buffer input, int finish, int chunkSize, long max) implements Task {
        @Override
        public Buffer run() {
            try {
                ByteBuffer bb = input.asByteBuffer();
                codec.setInput(bb.array(), bb.arrayOffset() + bb.position(), bb.remaining());
                Output out = new Output(Math.max(chunkSize, MIN_CHUNK));
                List<Buffer> parts = new ArrayList<>();
                long total = 0;
                boolean more = true;
                while (more) {
                    out.begin(max - total + 1);
                    more = codec.run(finish, out);
                    for (Buffer b : out.take()) {
                        total += b.length();
                        parts.add(b);
                    }
                    if (total > max) {
                        throw ZlibStream.tooLarge(max);
                    }
                }
                return parts.size() == 1 ? parts.get(0) : Buffer.concat(parts, total);
            } finally {
                codec.end();
            }
        }
    }

    static Task job(ZlibMode mode, Buffer input, ZlibOptions options) {
        if (input == null) {
            throw io.sluice.error.Errors.invalidArgType("buffer", "an instance of Buffer", null);
        }
        ZlibOptions o = options == null ? new ZlibOptions() : options;
        int chunk = o.chunkSize();
        o.flush(mode);
        int finish = o.finishFlush(mode);
        long max = Math.min(o.resolveMaxOutputLength(Buffer.MAX_LENGTH), Buffer.MAX_LENGTH);
        Task blocks = ParallelOneShot.of(mode, input, o, finish, max);
        return blocks != null ? blocks : new Job(Codecs.create(mode, o), input, finish, chunk, max);
    }

    static Buffer sync(ZlibMode mode, Buffer input, ZlibOptions options) {
        return job(mode, input, options).run();
    }

    static CompletableFuture<Buffer> async(ZlibMode mode, Buffer input, ZlibOptions options) {
        Task job = job(mode, input, options);
        CompletableFuture<Buffer> f = new CompletableFuture<>();
        EventLoop loop = EventLoop.currentOrNull();
        if (loop != null) {
            loop.offload(job::run, (r, e) -> {
                if (e != null) {
                    f.completeExceptionally(e);
                } else {
                    f.complete(r);
                }
            });
        } else {
            Thread.ofVirtual().name("sluice-zlib").start(() -> {
                try {
                    f.complete(job.run());
                } catch (Throwable e) {
                    f.completeExceptionally(e);
                }
            });
        }
        return f;
    }
}
