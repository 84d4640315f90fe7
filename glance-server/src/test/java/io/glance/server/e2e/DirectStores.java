package io.glance.server.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The suite's S3 (s3proxy) and Swift as a test reaches them without glance-api, to plant objects behind its back
 * and to see what is really stored; and the plugin folder and service settings the end-to-end tests of remote
 * stores share.
 */
final class DirectStores {

    private DirectStores() {
    }

    /** The distribution's archives only (not the folders glance-api unpacks zips into). */
    static Path pluginsFolder(Path work) throws Exception {
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        try (Stream<Path> archives = Files.list(GlanceProcess.pluginsDir())) {
            for (Path archive : archives.filter(path -> path.toString().endsWith(".jar")
                    || path.toString().endsWith(".zip")).toList()) {
                Files.copy(archive, plugins.resolve(archive.getFileName()));
            }
        }
        return plugins;
    }

    /**
     * glance-api's options for three stores: filesystem {@code fast} (the default, in {@code fastDir}), S3 {@code obj}
     * on the suite's s3proxy and Swift {@code sw} (tempauth), each creating its bucket/container on first put.
     */
    static List<String> threeStoreOptions(Path plugins, Path fastDir, String s3, String bucket, String accessKey,
                                          String secretKey, String swiftAuth, String container) {
        return List.of("--plugins_dir", plugins.toString(),
                "--enabled_backends", "fast:file, obj:s3, sw:swift", "--default_backend", "fast",
                "--fast.filesystem_store_datadir", fastDir.toString(),
                "--obj.s3_store_host", s3, "--obj.s3_store_bucket", bucket, "--obj.s3_store_access_key", accessKey,
                "--obj.s3_store_secret_key", secretKey, "--obj.s3_store_create_bucket_on_put", "true",
                "--obj.s3_store_bucket_url_format", "path",
                "--sw.swift_store_auth_address", swiftAuth, "--sw.swift_store_user", "test:tester",
                "--sw.swift_store_key", "testing", "--sw.swift_store_container", container,
                "--sw.swift_store_create_container_on_put", "true");
    }

    /** Creates a raw image through glance-api and uploads {@code data} into {@code store}; returns the image id. */
    static String imageWithData(HttpClient http, GlanceProcess glance, byte[] data, String store) throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(glance.uri("/v2/images"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"s\",\"disk_format\":\"raw\",\"container_format\":\"bare\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        String id = new ObjectMapper().readTree(created.body()).get("id").asText();
        HttpResponse<String> upload = http.send(HttpRequest.newBuilder(glance.uri("/v2/images/" + id + "/file"))
                .header("Content-Type", "application/octet-stream").header("X-Image-Meta-Store", store)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(data)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(204);
        return id;
    }

    static String required(String property, String variable) {
        String value = System.getProperty(property, "");
        if (value.isBlank()) {
            value = System.getenv().getOrDefault(variable, "");
        }
        if (value.isBlank()) {
            String message = "no " + property + ": run bin/test, which starts s3proxy and Swift and passes it";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message);
            }
            Assumptions.abort(message);
        }
        return value.strip();
    }

    /** Objects put into and read from the bucket directly, signed with AWS signature version 2 (s3proxy takes it). */
    record S3(HttpClient http, String endpoint, String bucket, String accessKey, String secretKey) {
        int put(String key, byte[] data) throws Exception {
            return send("PUT", key, HttpRequest.BodyPublishers.ofByteArray(data), "application/octet-stream");
        }

        int get(String key) throws Exception {
            return send("GET", key, HttpRequest.BodyPublishers.noBody(), "");
        }

        private int send(String method, String key, HttpRequest.BodyPublisher body, String type) throws Exception {
            String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
            String resource = "/" + bucket + "/" + key;
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            String signature = Base64.getEncoder().encodeToString(mac.doFinal((method + "\n\n" + type + "\n" + date
                    + "\n" + resource).getBytes(StandardCharsets.UTF_8)));
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint + resource))
                    .header("Date", date).header("Authorization", "AWS " + accessKey + ":" + signature)
                    .method(method, body);
            if (!type.isEmpty()) {
                request.header("Content-Type", type);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    /** Objects put into and read from a container directly, with a tempauth token. */
    record Swift(HttpClient http, String storageUrl, String token) {
        static Swift login(HttpClient http, String authUrl) throws Exception {
            HttpResponse<Void> auth = http.send(HttpRequest.newBuilder(URI.create(authUrl))
                    .header("X-Auth-User", "test:tester").header("X-Auth-Key", "testing").build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(auth.statusCode()).as("tempauth login").isBetween(200, 299);
            return new Swift(http, auth.headers().firstValue("X-Storage-Url").orElseThrow(),
                    auth.headers().firstValue("X-Auth-Token").orElseThrow());
        }

        int put(String container, String name, byte[] data) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(storageUrl + "/" + container + "/" + name))
                    .header("X-Auth-Token", token).PUT(HttpRequest.BodyPublishers.ofByteArray(data)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        }

        int get(String container, String name) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(storageUrl + "/" + container + "/" + name))
                    .header("X-Auth-Token", token).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }
}
