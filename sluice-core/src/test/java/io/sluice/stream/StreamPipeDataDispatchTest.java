package io.sluice.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.event.Event;
import io.sluice.event.Listener;
import io.sluice.loop.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A pipe that is a Readable's only 'data' listener receives chunks without going through
 * {@code emit} (ReadableState.soleDataPipe). Every way the 'data' listeners can change must switch
 * back to {@code emit}, or a listener misses chunks (or a removed pipe still gets them). Expected
 * orders from node v20.20.2 running the same eight scenarios on one loop (the script is in the
 * comments of each case); no Node test file covers them together.
 */
class StreamPipeDataDispatchTest {

    private static final Event<Object> DATA = ReadableStream.DATA;

    private static Readable<Object> source() {
        return new Readable<>(StreamOptions.create().objectMode(true).doRead((s, n) -> {}));
    }

    private static Writable<Object> sink(List<String> log, String name) {
        return new Writable<>(StreamOptions.create().objectMode(true).doWrite((s, c, e, cb) -> {
            log.add(name + " " + c);
            cb.done();
        }));
    }

    /** A Readable whose subclass watches emit, as Node users sometimes do to tap 'data'. */
    static final class Tapped extends Readable<Object> {
        private final List<String> log;

        Tapped(List<String> log) {
            super(StreamOptions.create().objectMode(true).doRead((s, n) -> {}));
            this.log = log;
        }

        @Override
        public <T> boolean emit(Event<T> event, T value) {
            if (event.equals(DATA)) {
                log.add("emit " + value);
            }
            return super.emit(event, value);
        }
    }

    @Test
    void everyChangeOfTheDataListenersIsSeenByThePipeDispatch() {
        List<String> log = new ArrayList<>();
        EventLoop.run(() -> {
            EventLoop loop = EventLoop.current();
            // 1: s.pipe(d); s.prependListener('data', ...): the prepended listener first, every chunk
            Readable<Object> s1 = source();
            s1.pipe(sink(log, "d1"));
            s1.prependListener(DATA, c -> log.add("pre " + c));
            s1.push("a");
            s1.push("b");
            // 2: s.pipe(d); s.once('data', ...): after the pipe, first chunk only
            Readable<Object> s2 = source();
            s2.pipe(sink(log, "d2"));
            s2.once(DATA, c -> log.add("once " + c));
            s2.push("a");
            s2.push("b");
            // 3: s.pipe(d); s.removeAllListeners('data'): still flowing, chunks go to no one
            Readable<Object> s3 = source();
            s3.pipe(sink(log, "d3"));
            s3.removeAllListeners("data");
            s3.push("a");
            s3.push("b");
            loop.setImmediate(() -> log.add("3 flowing=" + s3.readableFlowing() + " len=" + s3.readableLength()));
            // 4: a subclass overriding emit sees every 'data' a pipe consumes
            Readable<Object> s4 = new Tapped(log);
            s4.pipe(sink(log, "d4"));
            s4.push("a");
            s4.push("b");
            // 5: s.pipe(d); s.unpipe(d); s.on('data', ...): unpipe paused the stream, nothing flows
            Readable<Object> s5 = source();
            Writable<Object> d5 = sink(log, "d5");
            s5.pipe(d5);
            s5.unpipe(d5);
            s5.on(DATA, c -> log.add("l5 " + c));
            s5.push("a");
            // 6: two pipes, both get every chunk
            Readable<Object> s6 = source();
            s6.pipe(sink(log, "d6a"));
            s6.pipe(sink(log, "d6b"));
            s6.push("a");
            s6.push("b");
            // 7: a listener and a pipe, the listener removed between two chunks
            Readable<Object> s7 = source();
            Consumer<Object> f = c -> log.add("f7 " + c);
            s7.on(DATA, f);
            s7.pipe(sink(log, "d7"));
            loop.setImmediate(() -> {
                s7.push("a");
                s7.removeListener(DATA, f);
                s7.push("b");
            });
            // 8: removeAllListeners() drops the pipe's listener; a second pipe gets the chunks
            Readable<Object> s8 = source();
            s8.pipe(sink(log, "d8"));
            s8.removeAllListeners();
            s8.pipe(sink(log, "d8b"));
            s8.push("a");
        });
        assertThat(log).containsExactly(
                "pre a", "d1 a", "pre b", "d1 b",
                "d2 a", "once a", "d2 b",
                "emit a", "d4 a", "emit b", "d4 b",
                "d6a a", "d6b a", "d6a b", "d6b b",
                "d8b a",
                "3 flowing=true len=0",
                "f7 a", "d7 a", "d7 b");
    }

    @Test
    void aStringDataListenerBesideThePipeIsCalledToo() {
        // node: s.pipe(d); s.on('data', c => log.push('l ' + c)); s.push('a') -> [ 'd a', 'l a' ]
        List<String> log = new ArrayList<>();
        EventLoop.run(() -> {
            Readable<Object> s = source();
            s.pipe(sink(log, "d"));
            s.on("data", (Listener) args -> log.add("l " + args[0]));
            s.push("a");
        });
        assertThat(log).containsExactly("d a", "l a");
    }

    @Test
    void theDispatchFollowsTheListenersAsTheyChange() {
        EventLoop.run(() -> {
            Readable<Object> s = source();
            assertThat(s.r.soleDataPipe).isNull();
            Writable<Object> d = sink(new ArrayList<>(), "d");
            s.pipe(d);
            assertThat(s.r.soleDataPipe).isNotNull();
            Consumer<Object> f = c -> {};
            s.prependListener(DATA, f);
            assertThat(s.r.soleDataPipe).isNull();
            s.removeListener(DATA, f);
            assertThat(s.r.soleDataPipe).isNotNull();
            s.unpipe(d);
            assertThat(s.r.soleDataPipe).isNull();
            Tapped t = new Tapped(new ArrayList<>());
            t.pipe(sink(new ArrayList<>(), "t"));
            assertThat(t.r.soleDataPipe).isNull(); // emit overridden: 'data' always goes through it
        });
    }
}
