package io.glance.server.e2e;

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
