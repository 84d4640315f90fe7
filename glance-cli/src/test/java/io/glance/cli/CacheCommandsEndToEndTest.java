package io.glance.cli;

import io.glance.client.testing.GlanceApiProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cache-* commands (python-glanceclient's names), run in-process, against a real glance-api process with its
 * image cache on.
 */
class CacheCommandsEndToEndTest {
    @TempDir
    static Path dataDir;
    private static GlanceApiProcess server;

    @BeforeAll
    static void startServer() throws Exception {
        server = GlanceApiProcess.start(dataDir, "--image_cache_enabled", "true");
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static CliRun glance(byte[] stdin, String... args) {
        String[] all = Stream.concat(Stream.of("-H", "127.0.0.1", "-p", Integer.toString(server.port())),
                Stream.of(args)).toArray(String[]::new);
        return CliRun.run(stdin, all);
    }

    private static CliRun ok(String... args) {
        CliRun run = glance(new byte[0], args);
        assertThat(run.status()).as(String.join(" ", args) + ": " + run.err()).isZero();
        return run;
    }

    @Test
    void queueListDeleteAndClear() throws Exception {
        byte[] data = new byte[70_000];
        new Random(3).nextBytes(data);
        CliRun added = glance(data, "add", "name=cached", "disk_format=raw", "container_format=bare");
        assertThat(added.status()).as(added.err()).isZero();
        String id = added.out().lines().filter(line -> line.startsWith("Added new image with ID: ")).findFirst()
                .orElseThrow().substring("Added new image with ID: ".length());

        ok("cache-queue", id);
        long deadline = System.nanoTime() + 30_000_000_000L;
        String listed = ok("cache-list").out();
        while (!listed.contains("| cached ") && System.nanoTime() < deadline) {
            Thread.sleep(200);
            listed = ok("cache-list").out();
        }
        assertThat(listed).contains("| ID ").contains("| " + id + " | cached ").contains("| 70000 ");
        assertThat(ok("--json", "cache-list").out()).containsPattern("\"image_id\" ?: ?\"" + id + "\"")
                .contains("\"size\"");

        ok("cache-delete", id);
        assertThat(ok("cache-list").out()).doesNotContain(id);
        ok("download", id, dataDir.resolve("copy.img").toString());
        assertThat(ok("cache-list").out()).contains("| " + id + " | cached ");
        ok("cache-clear", "--target", "queue");
        assertThat(ok("cache-list").out()).contains(id);
        ok("cache-clear");
        assertThat(ok("cache-list").out()).doesNotContain(id);

        CliRun missing = glance(new byte[0], "cache-queue", "00000000-0000-0000-0000-000000000000");
        assertThat(missing.status()).isEqualTo(ExitCodes.NOT_FOUND);
        CliRun badTarget = glance(new byte[0], "cache-clear", "--target", "all");
        assertThat(badTarget.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(badTarget.err()).contains("--target must be both, cache or queue, not 'all'");
    }
}
