package io.glance.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Interop: the independent tus client {@code tus-js-client} (npm, run with node; installed into
 * {@code target/tus-js-client} on first use) uploads a file into a queued image in several PATCHes; the image then
 * imports with glance-direct and downloads identically.
 */
class TusJsClientEndToEndTest {
    private static final String CLIENT = "tus-js-client@4.3.1";

    @TempDir
    Path work;

    @Test
    void tusJsClientUploadsAFileThatImportsAndDownloadsIdentically() throws Exception {
        CommandLine.requireInstalled("node", "nodejs");
        CommandLine.requireInstalled("npm", "npm");
        Path client = installClient();
        byte[] data = new byte[700_000];
        new Random(21).nextBytes(data);
        Path file = work.resolve("disk.img");
        Files.write(file, data);

        try (GlanceProcess glance = GlanceProcess.start(work.resolve("api"))) {
            TusHttp http = new TusHttp(glance.uri("/"));
            String id = http.createImage();
            CommandLine.Result upload = CommandLine.run(Files.createDirectories(work.resolve("home")), List.of("node",
                    client.resolve("upload.js").toString(), glance.uri("/v2/images/" + id + "/uploads").toString(),
                    file.toString(), "200000"));
            assertThat(upload.exitCode()).as(upload.output()).isZero();
            assertThat(upload.output()).contains("DONE " + glance.uri("/v2/images/" + id + "/uploads/"));
            assertThat(http.image(id).get("status").textValue()).isEqualTo("uploading");
            assertThat(glance.log()).contains("Upload session").contains("complete: image " + id);

            JsonNode active = http.importAndWait(id);
            assertThat(active.get("status").textValue()).isEqualTo("active");
            assertThat(active.get("os_hash_value").textValue()).isEqualTo(HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-512").digest(data)));
            assertThat(http.download(id)).isEqualTo(data);
        }
    }

    /** npm installs the client once into target/ (idempotent: an installed copy is reused), beside the script. */
    private static Path installClient() throws Exception {
        Path dir = Path.of("target", "tus-js-client").toAbsolutePath();
        Files.createDirectories(dir);
        if (!Files.isDirectory(dir.resolve("node_modules/tus-js-client"))) {
            // The caller's whole environment: npm needs its configuration (registry, proxy, extra CA certificates).
            Process npm = new ProcessBuilder("npm", "install", "--prefix", dir.toString(), "--no-audit", "--no-fund",
                    CLIENT).directory(dir.toFile()).redirectErrorStream(true).start();
            npm.getOutputStream().close();
            String output = new String(npm.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(npm.waitFor(300, java.util.concurrent.TimeUnit.SECONDS)).as(output).isTrue();
            assertThat(npm.exitValue()).as(output).isZero();
        }
        try (InputStream script = TusJsClientEndToEndTest.class.getResourceAsStream("/tus/upload.js")) {
            Files.copy(script, dir.resolve("upload.js"), StandardCopyOption.REPLACE_EXISTING);
        }
        return dir;
    }
}
