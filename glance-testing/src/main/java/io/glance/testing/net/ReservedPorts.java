package io.glance.testing.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback ports for test servers that must be told their port before they start (a restart on the same port, a node
 * that names its own URL, mariadbd, keystone), reserved so that no other process takes them meanwhile.
 *
 * <p>A port from {@code new ServerSocket(0)} is free only at that instant: every other {@code bind(0)} and outgoing
 * connection on the machine draws from the same ephemeral range, and with several test JVMs at once a server started
 * (or restarted) on such a port could find it taken, or a readiness probe could be answered by somebody else's
 * server. The ports here come from below the kernel's ephemeral range ({@code net.ipv4.ip_local_port_range}), which
 * the kernel never hands out by itself, and each is held by an exclusive lock on a file in {@code java.io.tmpdir}
 * until this JVM exits, so the test JVMs of every checkout on the machine skip the ones another holds. A server that
 * can bind port 0 and report what it bound needs none of this.
 */
public final class ReservedPorts {
    /** Above the well-known ports of the services the suite starts (MariaDB 3306, Keystone 5000, Swift 8080 ...). */
    private static final int LOWEST = 20000;
    private static final Path LOCKS = Path.of(System.getProperty("java.io.tmpdir"), "glance-test-ports");
    /** Held until the JVM exits: the operating system drops the locks with the process, however it ends. */
    private static final List<FileLock> HELD = new ArrayList<>();

    private ReservedPorts() {
    }

    /** A loopback port nobody listens on now and no other reserving JVM will hand out; never returned twice. */
    public static synchronized int reserve() {
        int[] range = candidates();
        int size = range[1] - range[0] + 1;
        int offset = ThreadLocalRandom.current().nextInt(size);
        try {
            Files.createDirectories(LOCKS);
            for (int i = 0; i < size; i++) {
                int port = range[0] + (offset + i) % size;
                FileLock lock = tryLock(port);
                if (lock == null) {
                    continue;
                }
                if (bindable(port)) {
                    HELD.add(lock);
                    return port;
                }
                lock.channel().close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot reserve a test port under " + LOCKS, e);
        }
        throw new IllegalStateException("No free port left in " + range[0] + "-" + range[1]);
    }

    private static FileLock tryLock(int port) throws IOException {
        FileChannel channel = FileChannel.open(LOCKS.resolve(port + ".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return lock;
            }
        } catch (OverlappingFileLockException heldHere) {
            // this JVM holds it already
        }
        channel.close();
        return null;
    }

    /** Something that does not reserve (a stray server) may still listen there. */
    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /** Below the ephemeral range when there is room there (Linux's default starts at 32768), else above it. */
    private static int[] candidates() {
        int first = 32768;
        int last = 60999;
        // Read as a stream: procfs reports a size of 0, and Files.readString returned only "3" of "32768\t60999".
        try (InputStream in = Files.newInputStream(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
            String[] bounds = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim().split("\\s+");
            int readFirst = Integer.parseInt(bounds[0]);
            int readLast = Integer.parseInt(bounds[1]);
            first = readFirst;
            last = readLast;
        } catch (IOException | RuntimeException notLinux) {
            // keep Linux's default range
        }
        if (first - LOWEST >= 1000) {
            return new int[] {LOWEST, first - 1};
        }
        if (65535 - last >= 1000) {
            return new int[] {last + 1, 65535};
        }
        return new int[] {LOWEST, 65535};
    }
}
