package io.glance.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What the dedup end-to-end tests do over HTTP, and what they read on disk. */
final class DedupHttp {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    /** A new image, owned by {@code owner} when given (the caller is admin in noauth mode). */
    String create(GlanceProcess glance, String owner) throws Exception {
        String body = "{\"name\":\"dedup\",\"disk_format\":\"raw\",\"container_format\":\"bare\""
                + (owner == null ? "" : ",\"owner\":\"" + owner + "\"") + "}";
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(glance.uri("/v2/images"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("id").asText();
    }

    HttpResponse<String> upload(GlanceProcess glance, String id, byte[] data) throws Exception {
        return http.send(HttpRequest.newBuilder(glance.uri("/v2/images/" + id + "/file"))
                .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofByteArray(data))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> upload(GlanceProcess glance, String id, long size, long seed) throws Exception {
        return http.send(HttpRequest.newBuilder(glance.uri("/v2/images/" + id + "/file"))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new GeneratedBytes(size, seed)), size)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> copyTo(GlanceProcess glance, String id, String store) throws Exception {
        return http.send(HttpRequest.newBuilder(glance.uri("/v2/images/" + id + "/import"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"method\":{\"name\":\"copy-image\"},\"stores\":[\"" + store + "\"]}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    int delete(GlanceProcess glance, String id) throws Exception {
        return http.send(HttpRequest.newBuilder(glance.uri("/v2/images/" + id)).DELETE().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The image's JSON, or null when it is not found. */
    JsonNode image(GlanceProcess glance, String id) throws Exception {
        HttpResponse<String> shown = http.send(HttpRequest.newBuilder(glance.uri("/v2/images/" + id)).build(),
                HttpResponse.BodyHandlers.ofString());
        return shown.statusCode() == 404 ? null : JSON.readTree(shown.body());
    }

    /** The image's data as a sha256 hex digest, read as it streams. */
    String downloadDigest(GlanceProcess glance, String id) throws Exception {
        HttpResponse<InputStream> download = http.send(HttpRequest.newBuilder(glance.uri("/v2/images/" + id
                + "/file")).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(download.statusCode()).as("download of image %s", id).isEqualTo(200);
        try (InputStream in = download.body()) {
            return digest(in);
        }
    }

    /** The locations' file paths of an image (needs show_multiple_locations). */
    List<Path> files(JsonNode image) {
        List<Path> files = new ArrayList<>();
        image.path("locations").forEach(location -> files.add(Path.of(URI.create(location.get("url").asText()))));
        return files;
    }

    /** The regular files of a store directory, hidden (partial) ones included. */
    static TreeSet<Path> filesIn(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return new TreeSet<>();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile).map(path -> path.toAbsolutePath().normalize())
                    .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }

    static String digest(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    static String digest(InputStream in) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            sha.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * Deterministic bytes made as they are read (a 64 KiB random block, varied per block by the seed and block
     * number), so a 1 GiB image costs no memory and almost no CPU to produce.
     */
    static final class GeneratedBytes extends InputStream {
        private static final int BLOCK = 1 << 16;
        private final long size;
        private final byte[] block = new byte[BLOCK];
        private long position;

        GeneratedBytes(long size, long seed) {
            this.size = size;
            new java.util.Random(seed).nextBytes(block);
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (position >= size) {
                return -1;
            }
            int inBlock = (int) (position % BLOCK);
            int n = (int) Math.min(Math.min(length, BLOCK - inBlock), size - position);
            System.arraycopy(block, inBlock, target, offset, n);
            // The block's first byte carries the block number, so no two blocks are equal.
            if (inBlock == 0) {
                target[offset] = (byte) (position / BLOCK);
            }
            position += n;
            return n;
        }
    }
}
