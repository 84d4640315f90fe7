package io.glance.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

/** Requests of the tus protocol (and the few image calls around it) against a running glance-api. */
final class TusHttp {
    static final String OFFSET_STREAM = "application/offset+octet-stream";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;

    TusHttp(URI base) {
        this.base = base;
    }

    HttpResponse<String> send(String method, String path, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A tus request: {@code Tus-Resumable: 1.0.0} plus the given headers. */
    HttpResponse<String> tus(String method, String path, byte[] body, String... headers) throws Exception {
        String[] all = Arrays.copyOf(headers, headers.length + 2);
        all[headers.length] = "Tus-Resumable";
        all[headers.length + 1] = "1.0.0";
        return send(method, path, body, all);
    }

    HttpResponse<String> patch(String session, long offset, byte[] chunk, String... headers) throws Exception {
        String[] all = Arrays.copyOf(headers, headers.length + 4);
        all[headers.length] = "Content-Type";
        all[headers.length + 1] = OFFSET_STREAM;
        all[headers.length + 2] = "Upload-Offset";
        all[headers.length + 3] = Long.toString(offset);
        return tus("PATCH", session, chunk, all);
    }

    /** A new queued raw image; its id. */
    String createImage() throws Exception {
        HttpResponse<String> created = send("POST", "/v2/images",
                "{\"name\": \"tus\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}".getBytes(),
                "Content-Type", "application/json");
        if (created.statusCode() != 201) {
            throw new IllegalStateException(created.statusCode() + " " + created.body());
        }
        return JSON.readTree(created.body()).get("id").textValue();
    }

    /** Opens a session of {@code length} bytes; its path (the Location). */
    String open(String image, long length, String... headers) throws Exception {
        String[] all = Arrays.copyOf(headers, headers.length + 2);
        all[headers.length] = "Upload-Length";
        all[headers.length + 1] = Long.toString(length);
        HttpResponse<String> opened = tus("POST", "/v2/images/" + image + "/uploads", null, all);
        if (opened.statusCode() != 201) {
            throw new IllegalStateException(opened.statusCode() + " " + opened.body());
        }
        return opened.headers().firstValue("Location").orElseThrow();
    }

    JsonNode image(String id) throws Exception {
        return JSON.readTree(send("GET", "/v2/images/" + id, null).body());
    }

    /** POST /import glance-direct, then waits until the image is active (or failed back). */
    JsonNode importAndWait(String id) throws Exception {
        HttpResponse<String> imported = send("POST", "/v2/images/" + id + "/import",
                "{\"method\": {\"name\": \"glance-direct\"}}".getBytes(), "Content-Type", "application/json");
        if (imported.statusCode() != 202) {
            throw new IllegalStateException(imported.statusCode() + " " + imported.body());
        }
        return awaitActive(id);
    }

    JsonNode awaitActive(String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode image = image(id);
        while (!image.get("status").textValue().equals("active") && System.nanoTime() < deadline) {
            Thread.sleep(50);
            image = image(id);
        }
        return image;
    }

    byte[] download(String id) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(base.resolve("/v2/images/" + id + "/file")).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
    }
}
