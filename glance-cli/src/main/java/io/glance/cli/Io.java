package io.glance.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The command's streams and what is known about them, passed in rather than read from {@code System} so tests can
 * run the command in-process.
 *
 * @param stdinSize   the byte count of standard input when it is a regular file, else -1
 * @param environment the environment variables ({@code OS_AUTH_URL}, ...)
 */
record Io(InputStream in, PrintStream out, PrintStream err, boolean stdinIsTerminal, boolean stderrIsTerminal,
        long stdinSize, Map<String, String> environment) {
    Io {
        requireNonNull(in, "in is null");
        requireNonNull(out, "out is null");
        requireNonNull(err, "err is null");
        environment = Map.copyOf(environment);
    }

    /** Without environment variables. */
    Io(InputStream in, PrintStream out, PrintStream err, boolean stdinIsTerminal, boolean stderrIsTerminal,
            long stdinSize) {
        this(in, out, err, stdinIsTerminal, stderrIsTerminal, stdinSize, Map.of());
    }

    static Io system() {
        return new Io(System.in, System.out, System.err, Terminal.isTerminal(0), Terminal.isTerminal(2),
                Terminal.stdinFileSize(), System.getenv());
    }
}
