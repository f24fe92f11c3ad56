package io.sluice.fs;

import io.sluice.error.Errors;
import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * Node's string open flags ({@code 'r'}, {@code 'w'}, {@code 'wx'}, {@code 'a+'}, ... as
 * {@code stringToFlags} in lib/internal/fs/utils.js accepts them) as JDK open options.
 *
 * @param read    O_RDONLY or O_RDWR
 * @param write   O_WRONLY or O_RDWR
 * @param create  O_CREAT
 * @param truncate O_TRUNC
 * @param exclusive O_EXCL
 * @param append  O_APPEND
 * @param sync    O_SYNC
 * @param text    the flags as given, for messages
 */
record OpenFlags(boolean read, boolean write, boolean create, boolean truncate, boolean exclusive,
        boolean append, boolean sync, String text) {

    /**
     * Parses Node's flags.
     *
     * @throws io.sluice.error.NodeTypeException {@code ERR_INVALID_ARG_VALUE} ("The argument
     *     'flags' is invalid. Received 'zz'") for anything Node does not accept. Node throws this
     *     inside {@code _construct}, so it arrives as an {@code 'error'} event there; Sluice throws
     *     it from the constructor (stricter: a typo fails where it is made).
     */
    static OpenFlags parse(String flags) {
        if (flags == null) {
            throw Errors.invalidArgValue("flags", null);
        }
        return switch (flags) {
            case "r" -> new OpenFlags(true, false, false, false, false, false, false, flags);
            case "rs", "sr" -> new OpenFlags(true, false, false, false, false, false, true, flags);
            case "r+" -> new OpenFlags(true, true, false, false, false, false, false, flags);
            case "rs+", "sr+" -> new OpenFlags(true, true, false, false, false, false, true, flags);
            case "w" -> new OpenFlags(false, true, true, true, false, false, false, flags);
            case "wx", "xw" -> new OpenFlags(false, true, true, true, true, false, false, flags);
            case "w+" -> new OpenFlags(true, true, true, true, false, false, false, flags);
            case "wx+", "xw+" -> new OpenFlags(true, true, true, true, true, false, false, flags);
            case "a" -> new OpenFlags(false, true, true, false, false, true, false, flags);
            case "ax", "xa" -> new OpenFlags(false, true, true, false, true, true, false, flags);
            case "as", "sa" -> new OpenFlags(false, true, true, false, false, true, true, flags);
            case "a+" -> new OpenFlags(true, true, true, false, false, true, false, flags);
            case "ax+", "xa+" -> new OpenFlags(true, true, true, false, true, true, false, flags);
            case "as+", "sa+" -> new OpenFlags(true, true, true, false, false, true, true, flags);
            default -> throw Errors.invalidArgValue("flags", flags);
        };
    }

    /**
     * The JDK options for a stream that only reads ({@code forReading}) or only writes. The JDK
     * refuses READ together with APPEND, which {@code 'a+'} means; a stream uses one direction, so a
     * write stream drops READ, and a read stream drops APPEND but keeps WRITE, without which the JDK
     * ignores CREATE (a missing file must be created, as Node's {@code 'a+'} read stream does; it
     * never writes). A flag without the stream's direction ({@code 'w'} on a read stream) keeps its
     * own direction, and the first read then fails with EBADF, as in Node.
     */
    Set<OpenOption> options(boolean forReading) {
        Set<OpenOption> o = new java.util.HashSet<>();
        boolean r = read;
        boolean appending = append;
        if (r && write && append) {
            r = forReading;
            appending = !forReading;
        }
        if (r) {
            o.add(StandardOpenOption.READ);
        }
        boolean w = write;
        if (w) {
            o.add(StandardOpenOption.WRITE);
            if (appending) {
                o.add(StandardOpenOption.APPEND);
            }
        }
        if (create) {
            o.add(exclusive ? StandardOpenOption.CREATE_NEW : StandardOpenOption.CREATE);
        }
        if (truncate && w) {
            o.add(StandardOpenOption.TRUNCATE_EXISTING);
        }
        if (sync) {
            o.add(StandardOpenOption.SYNC);
        }
        return o;
    }

}
