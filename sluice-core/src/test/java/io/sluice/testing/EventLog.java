package io.sluice.testing;

import io.sluice.loop.CallbackKind;
import io.sluice.loop.EventLoop;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * An ordered log of events for order assertions, which also remembers in which loop callback each
 * entry was logged, so a test can assert NODE-SEMANTICS.md's traces — what happened synchronously,
 * in which tick, microtask or immediate:
 *
 * <pre>{@code
 * EventLog log = new EventLog();           // created in main: main's entries are "sync"
 * loop.nextTick(log.logger("t1"));
 * loop.queueMicrotask(log.logger("m1"));
 * log.log("s");
 * // after the loop:
 * assertThat(log).containsExactly("s", "t1", "m1");
 * assertThat(log.phases()).containsExactly("sync: s", "tick: t1", "micro: m1");
 * }</pre>
 *
 * <p>Tags: {@code sync} for the callback that was current at {@link #mark()} (by default the one
 * that created the log; without a loop at creation, {@code main}'s callback), then {@code tick},
 * {@code micro}, {@code imm}, {@code timer}, {@code task} (an {@code execute}d task or
 * {@code offload} completion), {@code main}, or {@code thread} for entries logged off any loop.
 * Thread-safe (entries from other threads are appended in the order they arrive).
 */
public final class EventLog implements Iterable<String> {

    /** One entry: the text, its tag, and which callback it was logged in. */
    public record Entry(String text, String tag, long callback) {
        @Override
        public String toString() {
            return tag + ": " + text;
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    private EventLoop markLoop;
    private long markCallback = -1;

    /** A log marked at the current callback if the calling thread runs a loop. */
    public EventLog() {
        mark();
    }

    /**
     * Makes the current callback "sync": entries logged in it are tagged {@code sync}, later
     * callbacks by their kind. Without a loop on the calling thread this clears the mark, and the
     * {@code main} callback counts as sync.
     */
    public synchronized EventLog mark() {
        EventLoop loop = EventLoop.currentOrNull();
        if (loop != null && loop.inLoop()) {
            markLoop = loop;
            markCallback = loop.callbackCount();
        } else {
            markLoop = null;
            markCallback = -1;
        }
        return this;
    }

    /** Appends {@code text}. */
    public synchronized EventLog log(String text) {
        EventLoop loop = EventLoop.currentOrNull();
        String tag;
        long callback;
        if (loop == null || !loop.inLoop()) {
            tag = "thread";
            callback = -1;
        } else {
            callback = loop.callbackCount();
            CallbackKind kind = loop.callbackKind();
            if (loop == markLoop ? callback == markCallback : markLoop == null && kind == CallbackKind.MAIN) {
                tag = "sync";
            } else {
                tag = tag(kind);
            }
        }
        entries.add(new Entry(text, tag, callback));
        return this;
    }

    private static String tag(CallbackKind kind) {
        return switch (kind) {
            case MAIN -> "main";
            case TICK -> "tick";
            case MICROTASK -> "micro";
            case TIMER -> "timer";
            case TASK -> "task";
            case IMMEDIATE -> "imm";
            case NONE -> "loop";
        };
    }

    /** A Runnable that logs {@code text}: {@code loop.nextTick(log.logger("t1"))}. */
    public Runnable logger(String text) {
        return () -> log(text);
    }

    /** A Consumer that logs {@code prefix + " " + value}: {@code on(DATA, log.consumer("data"))}. */
    public <T> Consumer<T> consumer(String prefix) {
        return v -> log(prefix + " " + v);
    }

    /** A BiConsumer that logs {@code prefix + " " + a + " " + b}. */
    public <A, B> BiConsumer<A, B> biConsumer(String prefix) {
        return (a, b) -> log(prefix + " " + a + " " + b);
    }

    /** The texts in order (a copy). */
    public synchronized List<String> entries() {
        List<String> out = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            out.add(e.text());
        }
        return out;
    }

    /** The entries with their tags, in order (a copy). */
    public synchronized List<Entry> tagged() {
        return List.copyOf(entries);
    }

    /**
     * The log as NODE-SEMANTICS.md writes traces: consecutive entries from the same callback
     * grouped as {@code "tag: a, b"}, one string per callback, e.g.
     * {@code ["sync: on data", "tick: _read, resume, data a", "tick: end", "imm: done"]}.
     */
    public synchronized List<String> phases() {
        List<String> out = new ArrayList<>();
        StringBuilder cur = null;
        Entry prev = null;
        for (Entry e : entries) {
            boolean same = prev != null && prev.callback() == e.callback() && prev.tag().equals(e.tag())
                    && e.callback() >= 0;
            if (same) {
                cur.append(", ").append(e.text());
            } else {
                if (cur != null) {
                    out.add(cur.toString());
                }
                cur = new StringBuilder(e.tag()).append(": ").append(e.text());
            }
            prev = e;
        }
        if (cur != null) {
            out.add(cur.toString());
        }
        return out;
    }

    /** Forgets every entry (the mark stays). */
    public synchronized void clear() {
        entries.clear();
    }

    /** The number of entries. */
    public synchronized int size() {
        return entries.size();
    }

    /** Iterates over a snapshot of the texts, so {@code assertThat(log).containsExactly(...)} works. */
    @Override
    public Iterator<String> iterator() {
        return entries().iterator();
    }

    /** The texts, space-separated, in order: handy in failure messages and for comparing with node output. */
    @Override
    public synchronized String toString() {
        return String.join(" ", entries());
    }
}
