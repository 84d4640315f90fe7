package io.glance.http.connections;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The process's open-file limit and use, from Linux's {@code /proc/self}; empty elsewhere. Each connection holds a
 * descriptor, so the connection cap must leave room below the limit or {@code accept} fails.
 */
public final class FileLimit {
    /** When the limit cannot be read: Linux's usual default soft limit. */
    static final int UNKNOWN_LIMIT_CAP = 1024 / 2;
    /** Above this a single listener gains nothing but memory. */
    static final int MAX_DERIVED_CAP = 4096;
    /** The least cap that still lets a service answer. */
    static final int MIN_DERIVED_CAP = 16;

    private FileLimit() {
    }

    /**
     * The cap when none is configured: half the descriptors still free, so that every connection can open one more
     * (an image file, a connection to a remote store) while the JVM keeps what it has; at most
     * {@value #MAX_DERIVED_CAP}.
     */
    public static int derivedConnectionCap() {
        OptionalLong limit = softLimit();
        OptionalLong open = openDescriptors();
        if (limit.isEmpty() || open.isEmpty()) {
            return UNKNOWN_LIMIT_CAP;
        }
        long free = limit.getAsLong() - open.getAsLong();
        return (int) Math.clamp(free / 2, MIN_DERIVED_CAP, MAX_DERIVED_CAP);
    }

    /** The soft {@code RLIMIT_NOFILE}: {@code ulimit -n}. */
    public static OptionalLong softLimit() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                    return soft.equals("unlimited") ? OptionalLong.of(Long.MAX_VALUE / 4)
                            : OptionalLong.of(Long.parseLong(soft));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: unknown
        }
        return OptionalLong.empty();
    }

    /** Descriptors this process has open now. */
    public static OptionalLong openDescriptors() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return OptionalLong.of(fds.count());
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
