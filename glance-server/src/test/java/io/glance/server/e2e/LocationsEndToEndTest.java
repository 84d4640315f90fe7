package io.glance.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read-only HTTP store reached through the API: an image registered with the v2 locations PATCH at a file the
 * real nginx of bin/test serves, downloaded whole and by range through glance-api; refused locations are 400s that
 * name the URL; with {@code show_multiple_locations} off the PATCH is a 403, as in Glance.
 */
class LocationsEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATCH = "application/openstack-images-v2.1-json-patch";
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path work;

    @Test
    void anImageRegisteredAtAnNginxUrlIsServedWholeAndByRange() throws Exception {
        RealServers.Nginx nginx = RealServers.nginx();
        String name = "loc-" + UUID.randomUUID() + ".img";
        byte[] data = new byte[3 * 1024 * 1024 + 11];
        new Random(17).nextBytes(data);
        Files.write(nginx.docroot().resolve(name), data);
        String url = nginx.base() + "/" + name;
        try (GlanceProcess glance = startWithWebStore(nginx)) {
            String id = create(glance);
            HttpResponse<String> added = patch(glance, id, "[{\"op\":\"add\",\"path\":\"/locations/-\","
                    + "\"value\":{\"url\":\"" + url + "\",\"metadata\":{}}}]");
            assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
            JsonNode image = JSON.readTree(added.body());
            assertThat(image.get("status").asText()).isEqualTo("active");
            assertThat(image.get("size").asLong()).isEqualTo(data.length);
            assertThat(image.get("locations").get(0).get("url").asText()).isEqualTo(url);
            assertThat(image.get("locations").get(0).get("metadata").get("store").asText()).isEqualTo("web");
            assertThat(image.get("stores").asText()).isEqualTo("web");

            HttpResponse<byte[]> whole = http.send(HttpRequest.newBuilder(glance.uri("/v2/images/" + id + "/file"))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(whole.statusCode()).isEqualTo(200);
            assertThat(whole.body()).isEqualTo(data);
            HttpResponse<byte[]> range = http.send(HttpRequest.newBuilder(glance.uri("/v2/images/" + id + "/file"))
                    .header("Range", "bytes=1000-1999").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(range.statusCode()).isEqualTo(206);
            assertThat(range.body()).isEqualTo(Arrays.copyOfRange(data, 1000, 2000));

            HttpResponse<String> last = patch(glance, id, "[{\"op\":\"remove\",\"path\":\"/locations/0\"}]");
            assertThat(last.statusCode()).as(last.body()).isEqualTo(403);

            HttpResponse<String> deleted = http.send(HttpRequest.newBuilder(glance.uri("/v2/images/" + id))
                    .DELETE().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(deleted.statusCode()).isEqualTo(204);
            assertThat(nginx.docroot().resolve(name)).as("a read-only store's data is never deleted").exists();
        }
    }

    @Test
    void refusedLocationsAre400sThatNameTheUrlAndChangeNothing() throws Exception {
        RealServers.Nginx nginx = RealServers.nginx();
        try (GlanceProcess glance = startWithWebStore(nginx)) {
            String id = create(glance);
            for (String url : new String[] {"http://10.1.2.3/image.img", "file:///etc/passwd",
                    nginx.base() + "/no-such-file-" + UUID.randomUUID(), "http://127.0.0.1:1/closed-port.img"}) {
                HttpResponse<String> refused = patch(glance, id, "[{\"op\":\"add\",\"path\":\"/locations/-\","
                        + "\"value\":{\"url\":\"" + url + "\",\"metadata\":{}}}]");
                assertThat(refused.statusCode()).as(url + ": " + refused.body()).isEqualTo(400);
                assertThat(refused.body()).contains(url);
            }
            HttpResponse<String> secret = patch(glance, id, "[{\"op\":\"add\",\"path\":\"/locations/-\","
                    + "\"value\":{\"url\":\"http://user:s3cr3t@127.0.0.1/x.img\",\"metadata\":{}}}]");
            assertThat(secret.statusCode()).isEqualTo(400);
            assertThat(secret.body()).doesNotContain("s3cr3t");
            assertThat(glance.log()).doesNotContain("s3cr3t");
            JsonNode image = JSON.readTree(http.send(HttpRequest.newBuilder(glance.uri("/v2/images/" + id)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertThat(image.get("status").asText()).isEqualTo("queued");
            assertThat(image.get("locations")).isEmpty();
        }
    }

    /**
     * Glance's legacy single-store mode with {@code stores: file,http}: no enabled_backends needed. With
     * {@code image_location_quota: 1} a second location is a 413.
     */
    @Test
    void singleStoreModeTakesTheHttpStoreFromTheStoresOption() throws Exception {
        RealServers.Nginx nginx = RealServers.nginx();
        String name = "single-" + UUID.randomUUID() + ".img";
        byte[] data = new byte[123_457];
        new Random(19).nextBytes(data);
        Files.write(nginx.docroot().resolve(name), data);
        try (GlanceProcess glance = GlanceProcess.start(work.resolve("server"), "--stores", "file,http",
                "--http_store_allowed_hosts", "127.0.0.1",
                "--http_store_allowed_ports", Integer.toString(nginx.port()), "--show_multiple_locations", "true",
                "--image_location_quota", "1")) {
            String id = create(glance);
            HttpResponse<String> added = patch(glance, id, "[{\"op\":\"add\",\"path\":\"/locations/-\","
                    + "\"value\":{\"url\":\"" + nginx.base() + "/" + name + "\",\"metadata\":{}}}]");
            assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
            assertThat(JSON.readTree(added.body()).get("size").asLong()).isEqualTo(data.length);
            HttpResponse<String> second = patch(glance, id, "[{\"op\":\"add\",\"path\":\"/locations/-\","
                    + "\"value\":{\"url\":\"" + nginx.base() + "/" + name + "?copy\",\"metadata\":{}}}]");
            assertThat(second.statusCode()).as(second.body()).isEqualTo(413);
            assertThat(second.body()).contains("image locations").contains("Maximum: 1");
            HttpResponse<byte[]> whole = http.send(HttpRequest.newBuilder(glance.uri("/v2/images/" + id + "/file"))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(whole.body()).isEqualTo(data);
        }
    }

    /** The real glanceclient: {@code glance location-add} registers the URL, {@code image-download} reads it back. */
    @Test
    void glanceclientRegistersALocationAndDownloadsThroughIt() throws Exception {
        RealServers.Nginx nginx = RealServers.nginx();
        CommandLine.requireInstalled("glance", "python3-glanceclient");
        byte[] data = new byte[200_000];
        new Random(3).nextBytes(data);
        String name = "client-" + UUID.randomUUID() + ".img";
        Files.write(nginx.docroot().resolve(name), data);
        Path home = Files.createDirectories(work.resolve("home"));
        try (GlanceProcess glance = GlanceProcess.start(work.resolve("server"), "--stores", "file,http",
                "--show_multiple_locations", "true", "--http_store_allowed_hosts", "127.0.0.1",
                "--http_store_allowed_ports", Integer.toString(nginx.port()))) {
            String id = create(glance);
            List<String> client = List.of("glance", "--os-image-url", glance.endpoint(), "--os-auth-token", "e2e",
                    "--os-image-api-version", "2");
            CommandLine.Result added = CommandLine.run(home, concat(client, "location-add", "--url",
                    nginx.base() + "/" + name, id)).requireSuccess();
            assertThat(added.output()).contains("active");
            Path copy = work.resolve("copy.img");
            CommandLine.run(home, concat(client, "image-download", "--file", copy.toString(), id)).requireSuccess();
            assertThat(Files.readAllBytes(copy)).isEqualTo(data);
        }
    }

    private static List<String> concat(List<String> first, String... rest) {
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(rest));
        return all;
    }

    @Test
    void withoutShowMultipleLocationsThePatchIsForbidden() throws Exception {
        try (GlanceProcess glance = GlanceProcess.start(work.resolve("server"))) {
            String id = create(glance);
            HttpResponse<String> refused = patch(glance, id, "[{\"op\":\"add\",\"path\":\"/locations/-\","
                    + "\"value\":{\"url\":\"http://127.0.0.1/x.img\",\"metadata\":{}}}]");
            assertThat(refused.statusCode()).isEqualTo(403);
            JsonNode image = JSON.readTree(http.send(HttpRequest.newBuilder(glance.uri("/v2/images/" + id)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertThat(image.has("locations")).isFalse();
        }
    }

    /** The filesystem store as the default and nginx's address admitted by the http store's policy. */
    private GlanceProcess startWithWebStore(RealServers.Nginx nginx) throws Exception {
        return GlanceProcess.start(work.resolve("server"), "--enabled_backends", "local:file, web:http",
                "--default_backend", "local", "--local.filesystem_store_datadir", work.resolve("images").toString(),
                "--web.http_store_allowed_hosts", "127.0.0.1",
                "--web.http_store_allowed_ports", Integer.toString(nginx.port()), "--show_multiple_locations", "true");
    }

    private String create(GlanceProcess glance) throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(glance.uri("/v2/images"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"by-location\",\"disk_format\":\"raw\",\"container_format\":\"bare\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("id").asText();
    }

    private HttpResponse<String> patch(GlanceProcess glance, String id, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(glance.uri("/v2/images/" + id)).header("Content-Type", PATCH)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
