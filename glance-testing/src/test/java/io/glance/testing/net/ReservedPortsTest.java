package io.glance.testing.net;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReservedPortsTest {

    @Test
    void portsAreDistinctOutsideTheEphemeralRangeLockedAndBindable() throws Exception {
        int first = ReservedPorts.reserve();
        int second = ReservedPorts.reserve();

        assertThat(first).isNotEqualTo(second);
        int[] ephemeral = ephemeralRange();
        for (int port : new int[] {first, second}) {
            assertThat(port).as("outside %d-%d", ephemeral[0], ephemeral[1])
                    .satisfiesAnyOf(p -> assertThat(p).isLessThan(ephemeral[0]),
                            p -> assertThat(p).isGreaterThan(ephemeral[1]));
            try (ServerSocket server = new ServerSocket()) {
                server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            }
            Path lockFile = Path.of(System.getProperty("java.io.tmpdir"), "glance-test-ports", port + ".lock");
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
                assertThatThrownBy(channel::tryLock).as("held by this JVM")
                        .isInstanceOf(java.nio.channels.OverlappingFileLockException.class);
            }
        }
    }

    private static int[] ephemeralRange() throws Exception {
        Path file = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        if (!Files.exists(file)) {
            return new int[] {32768, 60999};
        }
        try (InputStream in = Files.newInputStream(file)) {
            String[] bounds = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim().split("\\s+");
            return new int[] {Integer.parseInt(bounds[0]), Integer.parseInt(bounds[1])};
        }
    }
}
