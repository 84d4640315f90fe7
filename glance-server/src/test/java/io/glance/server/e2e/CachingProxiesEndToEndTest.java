package io.glance.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real Varnish and Squid from Debian, with etc/varnish/glance.vcl and etc/squid/glance.conf, in front of a real
 * glance-api (bin/test starts them on loopback, pointed at the port this test starts glance-api on). What glance-api
 * writes is measured from the kernel's count of the bytes its process wrote ({@code /proc/<pid>/io}): a second
 * download of a 256 MiB image through a proxy must cost glance-api no data (Squid: a 304; Varnish: the answer to its
 * authorisation HEAD), and the bytes must be the same.
 * Ranges, a download resumed with If-Range, and the purge on delete are checked through both proxies.
 */
@ResourceLock(SharedResources.PROXY_BACKEND_PORT)
class CachingProxiesEndToEndTest {
    private static final long SIZE = 256L << 20;
    private static final int BLOCK = 1 << 20;
    private static final long SEED = 13;
    /** A 304 or a HEAD's answer; anything near the image's size means the proxy fetched the data again. */
    private static final long REVALIDATION_BYTES = 64 << 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    private static GlanceProcess glance;
    private static String imageId;
    private static String sha256;
    private static String varnish;
    private static String squid;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void startGlanceBehindTheProxies() throws Exception {
        int backendPort = Integer.parseInt(RealServers.require("glance.test.proxy.backend_port", "Varnish/Squid"));
        varnish = RealServers.require("glance.test.varnish.url", "Varnish");
        squid = RealServers.require("glance.test.squid.url", "Squid");
        glance = GlanceProcess.start(work.resolve("glance"), backendPort,
                "--http_cache_purge_urls", varnish + "," + squid, "--http_cache_public_max_age", "3600");
        imageId = createImage("big", "shared");
        HttpResponse<String> upload = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        glance.uri("/v2/images/" + imageId + "/file"))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new GeneratedData(0, SIZE))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(204);
        sha256 = sha256(new GeneratedData(0, SIZE));
        awaitBackendSeenAlive(squid);
        awaitBackendSeenAlive(varnish);
    }

    /**
     * Squid probes its cache_peer when it starts, which was before this glance-api: it holds the peer dead, answers
     * 502 and probes again on the next request (at most once a second). An operator sees the same after glance-api
     * was down; the first requests through the proxy afterwards wake it up.
     */
    private static void awaitBackendSeenAlive(String proxy) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + 30_000_000_000L;
        int status;
        do {
            Thread.sleep(200);
            status = http.send(HttpRequest.newBuilder(URI.create(proxy + "/versions")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } while (status != 200 && System.nanoTime() < deadline);
        assertThat(status).as("glance-api /versions through " + proxy).isEqualTo(200);
    }

    @AfterAll
    static void stop() throws Exception {
        if (glance != null) {
            glance.close();
        }
    }

    private static String createImage(String name, String visibility) throws Exception {
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        glance.uri("/v2/images")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"" + name + "\", \"disk_format\": \"raw\","
                        + " \"container_format\": \"bare\", \"visibility\": \"" + visibility + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode image = JSON.readTree(created.body());
        return image.get("id").asText();
    }

    /** Bytes glance-api's process has written so far (sockets, files, logs): Linux's {@code wchar}. */
    private static long glanceWrote() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + glance.pid() + "/io"))) {
            if (line.startsWith("wchar:")) {
                return Long.parseLong(line.substring("wchar:".length()).strip());
            }
        }
        throw new IllegalStateException("no wchar in /proc/" + glance.pid() + "/io");
    }

    private HttpResponse<InputStream> get(String proxy, String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(proxy + path))
                .header("X-Auth-Token", "token-of-a-compute-node");
        headers.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    @Test
    void varnishServesTheSecondDownloadFromItsCacheAfterA304() throws Exception {
        secondDownloadComesFromTheProxy(varnish);
    }

    @Test
    void squidServesTheSecondDownloadFromItsCacheAfterA304() throws Exception {
        secondDownloadComesFromTheProxy(squid);
    }

    private void secondDownloadComesFromTheProxy(String proxy) throws Exception {
        String path = "/v2/images/" + imageId + "/file";
        long before = glanceWrote();
        HttpResponse<InputStream> first = get(proxy, path, Map.of());
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(sha256(first.body())).isEqualTo(sha256);
        long firstCost = glanceWrote() - before;

        long between = glanceWrote();
        HttpResponse<InputStream> second = get(proxy, path, Map.of());
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(sha256(second.body())).as("the second download's bytes").isEqualTo(sha256);
        long secondCost = glanceWrote() - between;

        assertThat(firstCost).as("glance-api wrote the image once").isGreaterThanOrEqualTo(SIZE);
        assertThat(secondCost).as("glance-api wrote only headers (304 or HEAD) for the second download")
                .isLessThan(REVALIDATION_BYTES);

        // A range of the cached image: the right bytes, and again only a revalidation behind it.
        long beforeRange = glanceWrote();
        HttpResponse<InputStream> range = get(proxy, path, Map.of("Range", "bytes=100000000-100999999"));
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.headers().firstValue("Content-Range")).hasValue("bytes 100000000-100999999/" + SIZE);
        assertThat(sha256(range.body())).isEqualTo(sha256(new GeneratedData(100_000_000, 1_000_000)));
        assertThat(glanceWrote() - beforeRange).isLessThan(REVALIDATION_BYTES);

        // An interrupted download resumed with If-Range: the rest, which completes the image.
        String etag = first.headers().firstValue("ETag").orElseThrow();
        long cut = 123_456_789;
        MessageDigest whole = MessageDigest.getInstance("SHA-256");
        try (InputStream interrupted = get(proxy, path, Map.of()).body()) {
            copy(interrupted, whole, cut);
        }
        HttpResponse<InputStream> rest = get(proxy, path, Map.of("Range", "bytes=" + cut + "-", "If-Range", etag));
        assertThat(rest.statusCode()).isEqualTo(206);
        assertThat(rest.headers().firstValue("Content-Range")).hasValue("bytes " + cut + "-" + (SIZE - 1) + "/" + SIZE);
        try (InputStream in = rest.body()) {
            copy(in, whole, Long.MAX_VALUE);
        }
        assertThat(HexFormat.of().formatHex(whole.digest())).as("the first part and the resumed rest").isEqualTo(sha256);

        // If-Range with a validator the image no longer has: the whole image, not a wrong piece.
        HttpResponse<InputStream> changed = get(proxy, path, Map.of("Range", "bytes=" + cut + "-",
                "If-Range", "\"sha512:other\""));
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(sha256(changed.body())).isEqualTo(sha256);
    }

    /**
     * A public image glance-api lets proxies keep for an hour (http_cache_public_max_age) is served by them without
     * asking; deleting it sends the PURGEs (http_cache_purge_urls), so afterwards neither proxy serves it.
     */
    @Test
    void afterADeleteNoProxyServesTheImage() throws Exception {
        String id = createImage("public", "public");
        byte[] data = new byte[1 << 20];
        new Random(7).nextBytes(data);
        HttpResponse<String> upload = client.send(HttpRequest.newBuilder(glance.uri("/v2/images/" + id + "/file"))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(data)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(204);
        for (String path : List.of("/v2/images/" + id + "/file", "/v1/images/" + id)) {
            for (String proxy : List.of(varnish, squid)) {
                HttpResponse<InputStream> first = get(proxy, path, Map.of());
                assertThat(first.headers().firstValue("Cache-Control")).hasValue("public, max-age=3600, immutable");
                assertThat(first.body().readAllBytes()).isEqualTo(data);
                long before = glanceWrote();
                assertThat(get(proxy, path, Map.of()).body().readAllBytes()).isEqualTo(data);
                assertThat(glanceWrote() - before).as(proxy + path + " served from the cache without asking")
                        .isLessThan(REVALIDATION_BYTES);
            }
        }

        HttpResponse<String> deleted = client.send(HttpRequest.newBuilder(glance.uri("/v2/images/" + id)).DELETE()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(deleted.statusCode()).isEqualTo(204);

        for (String path : List.of("/v2/images/" + id + "/file", "/v1/images/" + id)) {
            for (String proxy : List.of(varnish, squid)) {
                HttpResponse<InputStream> after = get(proxy, path, Map.of());
                assertThat(after.statusCode()).as(proxy + path + " after the delete").isEqualTo(404);
                after.body().close();
            }
        }
    }

    private static void copy(InputStream in, MessageDigest digest, long limit) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long left = limit;
        int read;
        while (left > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0) {
            digest.update(buffer, 0, read);
            left -= read;
        }
    }

    private static String sha256(InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (in) {
            copy(in, digest, Long.MAX_VALUE);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Reproducible pseudo-random bytes, any stretch of them without the rest: block i comes from Random(SEED + i). */
    private static final class GeneratedData extends InputStream {
        private final byte[] block = new byte[BLOCK];
        private long position;
        private final long end;
        private long blockIndex = -1;

        GeneratedData(long offset, long length) {
            this.position = offset;
            this.end = offset + length;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= end) {
                return -1;
            }
            long index = position / BLOCK;
            if (index != blockIndex) {
                new Random(SEED + index).nextBytes(block);
                blockIndex = index;
            }
            int inBlock = (int) (position % BLOCK);
            int n = (int) Math.min(Math.min(len, BLOCK - inBlock), end - position);
            System.arraycopy(block, inBlock, b, off, n);
            position += n;
            return n;
        }
    }
}
