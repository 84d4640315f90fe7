package io.glance.client;

import io.glance.client.testing.GlanceApiProcess;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * §11 row 17 of the v1 spec: the client adds an image with a bogus status and a location; the server ignores the
 * status and the image is active. The location is a file the real nginx of bin/test serves, so the registration is
 * checked (size by HEAD) and the bytes come back through glance-api.
 */
class V1ClientRegistersLocationsTest {
    @TempDir
    Path work;

    @Test
    void case17_addImageWithABadStatusAndALocationIsActive() throws Exception {
        String base = System.getProperty("glance.test.http.base", "");
        String docroot = System.getProperty("glance.test.http.docroot", "");
        if (base.isBlank() || docroot.isBlank()) {
            String message = "No nginx to test against: run bin/test, which passes -Dglance.test.http.base/docroot";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message);
            }
            Assumptions.abort(message);
        }
        String name = "v1-client-" + UUID.randomUUID() + ".img";
        byte[] data = new byte[70_000];
        new Random(1).nextBytes(data);
        Files.write(Path.of(docroot, name), data);
        try (GlanceApiProcess server = GlanceApiProcess.start(work.resolve("server"), "--enabled_backends",
                "local:file, web:http", "--default_backend", "local",
                "--local.filesystem_store_datadir", work.resolve("images").toString(),
                "--web.http_store_allowed_hosts", "127.0.0.1",
                "--web.http_store_allowed_ports", Integer.toString(URI.create(base).getPort()))) {
            GlanceV1Client client = GlanceV1Client.create(server.endpoint());
            ImageV1 added = client.add(ImageMetaV1.empty().name("by-location").field("status", "bad status")
                    .location(base + "/" + name));
            assertThat(added.status()).isEqualTo("active");
            assertThat(added.size()).isEqualTo(data.length);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            DownloadResult result = client.download(added.id(), out, ProgressListener.NONE);
            assertThat(out.toByteArray()).isEqualTo(data);
            assertThat(result.verified()).as("a registered image has no checksum to verify against").isFalse();
        }
    }
}
