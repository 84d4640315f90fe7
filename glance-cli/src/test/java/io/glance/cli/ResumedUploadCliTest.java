package io.glance.cli;

import io.glance.client.GlanceClient;
import io.glance.client.Image;
import io.glance.client.NewImage;
import io.glance.client.testing.CuttingProxy;
import io.glance.client.testing.GlanceApiProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code glance upload} and {@code glance add --file} through a proxy that cuts the connection half-way: they resume
 * by themselves (the progress bar says where), unless told not to retry. Small files with a small
 * {@code --resume-threshold}; the large cases are glance-client's ResumableUploadEndToEndTest.
 */
class ResumedUploadCliTest {
    private static final int SIZE = 8 << 20;

    @TempDir
    static Path work;
    private static GlanceApiProcess server;
    private static CuttingProxy proxy;
    private static GlanceClient client;
    private static Path file;
    private static String sha512;

    @BeforeAll
    static void start() throws Exception {
        byte[] data = new byte[SIZE];
        new Random(15).nextBytes(data);
        file = Files.write(work.resolve("disk.raw"), data);
        sha512 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(data));
        server = GlanceApiProcess.start(work.resolve("glance"));
        proxy = new CuttingProxy(server.port());
        client = GlanceClient.create(URI.create("http://127.0.0.1:" + proxy.port()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static CliRun glance(String... args) {
        return CliRun.run(Stream.concat(Stream.of("--url", "http://127.0.0.1:" + proxy.port()), Stream.of(args))
                .toArray(String[]::new));
    }

    @Test
    void uploadResumesAfterACutAndShowsWhere() {
        String id = client.create(NewImage.named("cli-resume").diskFormat("raw").containerFormat("bare")).id();
        proxy.armAt(proxy.upstreamBytes() + SIZE / 2, proxy::cutAll);
        CliRun run = glance("--progress", "upload", "--resume-threshold", "1M", id, file.toString());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.err()).containsPattern("resumed at [0-9.]+ MiB of 8\\.0 MiB");
        assertThat(run.out()).contains("Uploaded image " + id + ": " + SIZE + " bytes");
        Image image = client.show(id);
        assertThat(image.status()).isEqualTo("active");
        assertThat(image.osHashValue()).contains(sha512);
    }

    @Test
    void addWithAFileResumesToo() {
        proxy.armAt(proxy.upstreamBytes() + SIZE / 2, proxy::cutAll);
        CliRun run = glance("--json", "add", "name=cli-add", "disk_format=raw", "container_format=bare", "--file",
                file.toString(), "--resume-threshold", "0");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("\"status\" ?: ?\"active\"").contains(sha512);
    }

    @Test
    void withoutRetriesACutIsAConnectionFailure() {
        String id = client.create(NewImage.named("cli-no-retry").diskFormat("raw").containerFormat("bare")).id();
        proxy.armAt(proxy.upstreamBytes() + SIZE / 2, proxy::cutAll);
        CliRun run = glance("-v", "upload", "--retries", "0", "--resume-threshold", "1M", id, file.toString());
        assertThat(run.status()).isEqualTo(ExitCodes.CONNECTION);
        assertThat(run.err()).contains("gave up at byte").contains("after 0 retries");
        assertThat(client.show(id).status()).isEqualTo("queued");
    }
}
