package io.glance.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a standard stream is a terminal. Java only says whether there is a console at all, so on Linux the
 * descriptor's link in /proc is read (a pty is /dev/pts/N); elsewhere {@link System#console()} decides.
 */
final class Terminal {
    private Terminal() {
    }

    static boolean isTerminal(int fd) {
        Path link = Path.of("/proc/self/fd/" + fd);
        try {
            if (Files.isSymbolicLink(link)) {
                String target = Files.readSymbolicLink(link).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (IOException | UnsupportedOperationException unreadable) {
            // fall back below
        }
        return System.console() != null;
    }

    /** The size of standard input when it is a regular file ({@code glance add ... < disk.img}), else -1. */
    static long stdinFileSize() {
        try {
            Path stdin = Path.of("/proc/self/fd/0");
            return Files.isRegularFile(stdin) ? Files.size(stdin) : -1;
        } catch (IOException | RuntimeException unknown) {
            return -1;
        }
    }
}
