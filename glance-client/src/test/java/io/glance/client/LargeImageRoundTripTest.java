package io.glance.client;

import io.glance.client.testing.GlanceApiProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A large image (512 MiB in the suite, 2 GiB with {@code -Dglance.test.bigUploadMiB=2048}) through a client JVM limited to
 * {@code -Xmx128m}: the data is generated while uploading and discarded while downloading, so only streaming keeps
 * the heap small. The figures go to the test's output.
 */
class LargeImageRoundTripTest {
    @Test
    void roundTripsWithA128MiBHeap(@TempDir Path dataDir) throws Exception {
        String mib = System.getProperty("glance.test.bigUploadMiB", "512");
        try (GlanceApiProcess server = GlanceApiProcess.start(dataDir)) {
            String java = ProcessHandle.current().info().command().orElse("java");
            Path output = Files.createTempFile(dataDir, "round-trip", ".log");
            Process client = new ProcessBuilder(List.of(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                    LargeRoundTripMain.class.getName(), server.endpoint().toString(), mib))
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            boolean finished = client.waitFor(5, TimeUnit.MINUTES);
            if (!finished) {
                client.destroyForcibly();
            }
            String log = Files.readString(output);
            System.out.println(log);
            assertThat(finished).as("finished within 5 minutes: %s", log).isTrue();
            assertThat(client.exitValue()).as(log).isZero();
            assertThat(log).contains("RESULT size=" + mib + "MiB maxHeap=128MiB").contains("sha512 verified");
        }
    }
}
