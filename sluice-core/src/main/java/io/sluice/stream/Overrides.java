package io.sluice.stream;

import java.lang.reflect.Method;
import java.util.Set;

/**
 * Whether a user subclass overrides an optional hook. Node tests {@code typeof stream._writev ===
 * 'function'} (and {@code _final}, {@code _construct}, {@code _flush}) because the presence of the
 * hook changes behaviour: corked writes go to {@code _writev} in one batch only if it exists,
 * {@code 'prefinish'} waits for {@code _final} only if there is one. Java methods always exist, so
 * we look for a declaration below the library classes once per class (a {@link ClassValue}, so
 * the reflection cost is paid once, not per stream).
 */
final class Overrides {
    private Overrides() {}

    private static final Set<Class<?>> LIBRARY = Set.of(
            Stream.class, Readable.class, Writable.class, Duplex.class, Transform.class, PassThrough.class);

    static final ClassValue<Boolean> WRITEV = declares("doWritev");
    static final ClassValue<Boolean> FINAL = declares("doFinal");
    static final ClassValue<Boolean> CONSTRUCT = declares("doConstruct");
    static final ClassValue<Boolean> FLUSH = declares("doFlush");
    /** A Transform subclass with its own doTransform: the options' hook is then not called directly. */
    static final ClassValue<Boolean> TRANSFORM = declares("doTransform");
    /** A subclass overriding write(): pipe must then call it instead of the state machine. */
    static final ClassValue<Boolean> WRITE = declares("write");
    /** A Writable subclass with its own doWrite: the options' hook is then not called directly. */
    static final ClassValue<Boolean> DO_WRITE = declares("doWrite");
    /** A subclass overriding read(n): the flowing loop must then call it, not the state machine. */
    static final ClassValue<Boolean> READ = declares("read");
    /** A Readable subclass with its own doRead: the options' hook is then not called directly. */
    static final ClassValue<Boolean> DO_READ = declares("doRead");
    /** A subclass overriding emit(): every event, 'data' included, must then go through it. */
    static final ClassValue<Boolean> EMIT = declares("emit");

    private static ClassValue<Boolean> declares(String name) {
        return new ClassValue<>() {
            @Override
            protected Boolean computeValue(Class<?> type) {
                for (Class<?> k = type; k != null && !LIBRARY.contains(k); k = k.getSuperclass()) {
                    for (Method m : k.getDeclaredMethods()) {
                        if (m.getName().equals(name) && !m.isBridge() && !m.isSynthetic()) {
                            return Boolean.TRUE;
                        }
                    }
                }
                return Boolean.FALSE;
            }
        };
    }
}
