package io.glance.cli;

import java.io.InputStream;
import java.io.PrintStream;

import static java.util.Objects.requireNonNull;

/**
 * The command's streams and what is known about them, passed in rather than read from {@code System} so tests can
 * run the command in-process.
 *
 * @param stdinSize the byte count of standard input when it is a regular file, else -1
 */
record Io(InputStream in, PrintStream out, PrintStream err, boolean stdinIsTerminal, boolean stderrIsTerminal,
        long stdinSize) {
    Io {
        requireNonNull(in, "in is null");
        requireNonNull(out, "out is null");
        requireNonNull(err, "err is null");
    }

    static Io system() {
        return new Io(System.in, System.out, System.err, Terminal.isTerminal(0), Terminal.isTerminal(2),
                Terminal.stdinFileSize());
    }
}
