package io.sluice.loop;

/**
 * What kind of callback an {@link EventLoop} is running: a diagnostic for tests that assert in
 * which "phase" something happened (NODE-SEMANTICS.md's {@code sync}/{@code tick}/{@code micro}/
 * {@code imm} notation). See {@link EventLoop#callbackKind()}.
 */
public enum CallbackKind {
    /** No callback is running (the loop is between callbacks or not running). */
    NONE,
    /** The {@code main} passed to {@link EventLoop#run} or {@link EventLoop#call}. */
    MAIN,
    /** A {@link EventLoop#nextTick} callback. */
    TICK,
    /** A {@link EventLoop#queueMicrotask} callback. */
    MICROTASK,
    /** A {@link EventLoop#setTimeout} or {@link EventLoop#setInterval} callback. */
    TIMER,
    /** A task passed to {@link EventLoop#execute}, including {@link EventLoop#offload} completions. */
    TASK,
    /** A {@link EventLoop#setImmediate} callback. */
    IMMEDIATE
}
