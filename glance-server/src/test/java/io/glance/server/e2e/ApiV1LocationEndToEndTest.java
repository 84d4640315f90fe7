package io.glance.server.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static io.glance.server.e2e.V1Http.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * §11 row 8: POST with {@code x-image-meta-location} and {@code x-image-meta-size} and no body registers data that a
 * web server already serves. Needs the nginx bin/test starts ({@code -Dglance.test.http.base},
 * {@code -Dglance.test.http.docroot}): skipped without it on a developer's machine, a failure in CI.
 */
class ApiV1LocationEndToEndTest {
    private static final long FIVE_GIB = 5L * 1024 * 1024 * 1024;

    @TempDir
    Path work;

    @Test
    void case08_locationAndSizeWithoutBodyActivatesTheImage() throws Exception {
        RealServers.Nginx nginx = RealServers.nginx();
        URI base = URI.create(nginx.base());
        Path docroot = nginx.docroot();
        String name = "v1-location-" + UUID.randomUUID() + ".img";
        Path sparse = docroot.resolve(name);
        try (RandomAccessFile file = new RandomAccessFile(sparse.toFile(), "rw")) {
            file.setLength(FIVE_GIB); // sparse: no 5 GiB written to disk
        }
        try (GlanceProcess glance = GlanceProcess.start(work, "--enabled_backends", "local:file, web:http",
                "--default_backend", "local", "--local.filesystem_store_datadir", work.resolve("images").toString(),
                "--web.http_store_allowed_hosts", base.getHost(),
                "--web.http_store_allowed_ports", Integer.toString(base.getPort()))) {
            V1Http v1 = new V1Http(glance.endpoint());

            HttpResponse<String> response = v1.send("POST", "/v1/images", null, "X-Image-Meta-Name", "remote",
                    "X-Image-Meta-Location", base.resolve("/" + name).toString(),
                    "X-Image-Meta-Size", Long.toString(FIVE_GIB));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            String id = json(response).get("image").get("id").asText();
            assertThat(response.headers().firstValue("Location")).hasValue("/v1/images/" + id);
            HttpResponse<String> head = v1.head("/v1/images/" + id);
            assertThat(head.headers().firstValue("X-Image-Meta-Size")).hasValue("5368709120");
            assertThat(head.headers().firstValue("X-Image-Meta-Status")).hasValue("active");
            assertThat(head.headers().firstValue("X-Image-Meta-Checksum")).hasValue("");
            HttpResponse<String> wrongSize = v1.send("POST", "/v1/images", null,
                    "X-Image-Meta-Location", base.resolve("/" + name).toString(), "X-Image-Meta-Size", "1");
            assertThat(wrongSize.statusCode()).isEqualTo(400);
        } finally {
            Files.deleteIfExists(sparse);
        }
    }
}
