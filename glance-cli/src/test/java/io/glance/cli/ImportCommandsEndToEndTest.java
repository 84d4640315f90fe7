package io.glance.cli;

import io.glance.client.GlanceClient;
import io.glance.client.ImportRequest;
import io.glance.client.NewImage;
import io.glance.client.Task;
import io.glance.client.testing.GlanceApiProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code glance stage}, {@code import} and {@code tasks}, and the client calls under them, against a real glance-api. */
class ImportCommandsEndToEndTest {
    @TempDir
    static Path dataDir;
    private static GlanceApiProcess server;
    private static GlanceClient client;

    @TempDir
    Path work;

    @BeforeAll
    static void startServer() throws Exception {
        server = GlanceApiProcess.start(dataDir);
        client = GlanceClient.create(server.endpoint());
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static CliRun glance(String... args) {
        String[] all = Stream.concat(Stream.of("-H", "127.0.0.1", "-p", Integer.toString(server.port())),
                Stream.of(args)).toArray(String[]::new);
        return CliRun.run(all);
    }

    private static String newImage() {
        return client.create(NewImage.named("imported").diskFormat("raw").containerFormat("bare")).id();
    }

    @Test
    void stageImportWaitAndTasks() throws Exception {
        byte[] data = new byte[1024 * 1024 + 17];
        new Random(3).nextBytes(data);
        Path file = work.resolve("disk.img");
        Files.write(file, data);
        String id = newImage();

        CliRun staged = glance("stage", id, file.toString());
        assertThat(staged.status()).as(staged.err()).isZero();
        assertThat(staged.out()).contains("Staged " + data.length + " bytes");
        assertThat(client.show(id).status()).isEqualTo("uploading");

        CliRun imported = glance("import", id, "glance-direct", "--wait");
        assertThat(imported.status()).as(imported.out() + imported.err()).isZero();
        assertThat(imported.out()).contains(": success").contains("Image " + id + ": active");

        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        client.download(id, copy, io.glance.client.ProgressListener.NONE);
        assertThat(copy.toByteArray()).isEqualTo(data);

        CliRun tasks = glance("tasks", id);
        assertThat(tasks.status()).isZero();
        assertThat(tasks.out()).contains("success").contains("glance-direct");
        List<Task> listed = client.imageTasks(id);
        assertThat(listed).singleElement().satisfies(task -> {
            assertThat(task.importMethod()).isEqualTo("glance-direct");
            assertThat(task.result()).containsEntry("image_id", id);
            assertThat(client.task(task.id()).status()).isEqualTo("success");
        });
        assertThat(glance("tasks").out()).contains(listed.getFirst().id());
    }

    @Test
    void refusalsAreReportedWithTheServersReason() {
        String id = newImage();
        CliRun notStaged = glance("import", id, "glance-direct");
        assertThat(notStaged.status()).isEqualTo(3);
        assertThat(notStaged.err()).contains("staged");

        CliRun loopback = glance("import", id, "web-download", "--uri", "http://127.0.0.1:1/disk.img");
        assertThat(loopback.status()).isNotZero();
        assertThat(loopback.err()).contains("does not pass filtering");

        CliRun noUri = glance("import", id, "web-download");
        assertThat(noUri.status()).isEqualTo(1);
        assertThat(client.importMethods()).containsExactly("glance-direct", "web-download", "copy-image");
        assertThat(client.show(id).status()).isEqualTo("queued");
    }

    @Test
    void theClientImportsFromAStream() throws InterruptedException {
        String id = newImage();
        byte[] data = "streamed import".getBytes();
        client.stage(id, new java.io.ByteArrayInputStream(data), -1, io.glance.client.ProgressListener.NONE);
        client.importImage(id, ImportRequest.glanceDirect());
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!client.show(id).status().equals("active") && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(client.show(id).status()).isEqualTo("active");
        assertThat(client.show(id).size()).hasValue((long) data.length);
    }
}
