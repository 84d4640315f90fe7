package io.glance.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.glance.http.common.Json;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PUT and GET /v2/images/{id}/file over a real socket (spec §2.3): chunked uploads as glanceclient sends them, sized
 * ones as openstacksdk sends them, downloads whole and ranged, and the error answers of both.
 */
@ServerTest
class ImageDataStreamingTest {
    private static final TestApi API = TestApi.singleStore();
    private static final String OCTETS = "application/octet-stream";

    /** What the server saw of the last upload, to prove which framing each client style produced. */
    private static final AtomicReference<String> LAST_UPLOAD_FRAMING = new AtomicReference<>();

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI base;

    ImageDataStreamingTest(URI base) {
        this.base = base;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        routing.addFilter((chain, req, res) -> {
            if (req.prologue().method() == Method.PUT) {
                LAST_UPLOAD_FRAMING.set(req.headers().contentLength().isPresent()
                        ? "length " + req.headers().contentLength().getAsLong()
                        : req.headers().first(HeaderNames.TRANSFER_ENCODING).orElse("none"));
            }
            chain.proceed();
        });
        API.register(routing);
    }

    private static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static String md5(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    }

    private String createQueued() throws Exception {
        HttpResponse<String> created = client.send(HttpRequest.newBuilder(base.resolve("/v2/images"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"disk_format\": \"raw\", \"container_format\": \"bare\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Json.parse(created.body().getBytes(StandardCharsets.UTF_8)).get("id").textValue();
    }

    private HttpResponse<String> upload(String id, HttpRequest.BodyPublisher body, String contentType)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/v2/images/" + id + "/file")).PUT(body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<byte[]> download(String id, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/v2/images/" + id + "/file")).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private JsonNode image(String id) throws Exception {
        HttpResponse<String> shown = client.send(HttpRequest.newBuilder(base.resolve("/v2/images/" + id)).build(),
                HttpResponse.BodyHandlers.ofString());
        return Json.parse(shown.body().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void chunkedUploadRoundTripsWithHexContentMd5() throws Exception {
        byte[] data = random(5 * 1024 * 1024 + 4321, 1);
        String id = createQueued();
        // An InputStream publisher has no length: the JDK client sends it chunked, like glanceclient.
        HttpResponse<String> uploaded = upload(id,
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(data)), OCTETS);
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(204);
        assertThat(LAST_UPLOAD_FRAMING.get()).isEqualTo("chunked");
        assertThat(uploaded.headers().firstValue("x-openstack-request-id")).isPresent();

        JsonNode image = image(id);
        assertThat(image.get("status").textValue()).isEqualTo("active");
        assertThat(image.get("size").longValue()).isEqualTo(data.length);
        assertThat(image.get("checksum").textValue()).isEqualTo(md5(data));
        assertThat(image.get("os_hash_algo").textValue()).isEqualTo("sha512");
        assertThat(image.get("os_hash_value").textValue()).matches("[0-9a-f]{128}");

        HttpResponse<byte[]> downloaded = download(id);
        assertThat(downloaded.statusCode()).isEqualTo(200);
        assertThat(downloaded.headers().firstValue("Content-Type")).contains(OCTETS);
        assertThat(downloaded.headers().firstValueAsLong("Content-Length")).hasValue(data.length);
        assertThat(downloaded.headers().firstValue("Content-MD5")).contains(md5(data));
        assertThat(Arrays.equals(downloaded.body(), data)).isTrue();
    }

    @Test
    void sizedUploadRoundTrips() throws Exception {
        byte[] data = random(3 * 1024 * 1024 + 17, 2);
        String id = createQueued();
        HttpResponse<String> uploaded = upload(id, HttpRequest.BodyPublishers.ofByteArray(data), OCTETS);
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(204);
        assertThat(LAST_UPLOAD_FRAMING.get()).isEqualTo("length " + data.length);
        assertThat(API.store.bytesOf(id)).hasValueSatisfying(stored -> assertThat(stored).isEqualTo(data));
        HttpResponse<byte[]> downloaded = download(id);
        assertThat(downloaded.headers().firstValue("Content-MD5")).contains(md5(data));
        assertThat(Arrays.equals(downloaded.body(), data)).isTrue();
    }

    @Test
    void uploadNeedsExactlyOctetStream() throws Exception {
        String id = createQueued();
        HttpResponse<String> json = upload(id, HttpRequest.BodyPublishers.ofString("x"), "application/json");
        assertThat(json.statusCode()).isEqualTo(415);
        assertThat(json.body()).contains("application/json");
        assertThat(json.headers().firstValue("Content-Type")).as("no Accept header: webob's HTML page")
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(json.body()).startsWith("<html>").contains("415 Unsupported Media Type");
        assertThat(upload(id, HttpRequest.BodyPublishers.ofString("x"), null).statusCode()).isEqualTo(415);
        assertThat(upload(id, HttpRequest.BodyPublishers.ofString("x"), OCTETS + "; charset=binary").statusCode())
                .as("parameters are not part of the media type").isEqualTo(204);
        assertThat(image(id).get("status").textValue()).isEqualTo("active");
    }

    @Test
    void uploadToAnActiveImageIsAConflictAndKeepsTheData() throws Exception {
        byte[] data = random(1000, 3);
        String id = createQueued();
        assertThat(upload(id, HttpRequest.BodyPublishers.ofByteArray(data), OCTETS).statusCode()).isEqualTo(204);
        HttpResponse<String> again = upload(id, HttpRequest.BodyPublishers.ofByteArray(random(2000, 4)), OCTETS);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(download(id).body()).isEqualTo(data);
    }

    @Test
    void aSingleStoreIgnoresTheStoreHeaderAsGlanceDoes() throws Exception {
        String id = createQueued();
        HttpResponse<String> uploaded = client.send(HttpRequest.newBuilder(base.resolve("/v2/images/" + id + "/file"))
                .header("Content-Type", OCTETS).header("X-Image-Meta-Store", "elsewhere")
                .PUT(HttpRequest.BodyPublishers.ofString("data")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(204);
    }

    @Test
    void anEmptyUploadMakesAnEmptyActiveImage() throws Exception {
        String id = createQueued();
        assertThat(upload(id, HttpRequest.BodyPublishers.noBody(), OCTETS).statusCode()).isEqualTo(204);
        assertThat(image(id).get("size").longValue()).isZero();
        HttpResponse<byte[]> downloaded = download(id);
        assertThat(downloaded.statusCode()).isEqualTo(200);
        assertThat(downloaded.body()).isEmpty();
    }

    @Test
    void uploadToAnUnknownOrInvalidImageIs404() throws Exception {
        assertThat(upload("8a1f7e5e-43c4-4a3f-9b1e-0d2c3b4a5f60", HttpRequest.BodyPublishers.ofString("x"), OCTETS)
                .statusCode()).isEqualTo(404);
        assertThat(upload("not-an-id", HttpRequest.BodyPublishers.ofString("x"), OCTETS).statusCode()).isEqualTo(404);
    }

    @Test
    void uploadAboveTheSizeCapIs413AndTheImageStaysQueued() throws Exception {
        String id = createQueued();
        HttpResponse<String> tooBig = upload(id, HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(new byte[(int) TestApi.IMAGE_SIZE_CAP + 1])), OCTETS);
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(image(id).get("status").textValue()).isEqualTo("queued");
        assertThat(API.store.bytesOf(id)).isEmpty();
    }

    @Test
    void anUnexpectedFailureIs500WithoutItsDetailsAndTheImageStaysQueued() throws Exception {
        String id = createQueued();
        API.store.failNextPut(new IllegalStateException("driver internals: /secret/path"));
        HttpResponse<String> failed = upload(id, HttpRequest.BodyPublishers.ofByteArray(random(100, 7)), OCTETS);
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.body()).contains("500 Internal Server Error").doesNotContain("secret");
        assertThat(failed.headers().firstValue("x-openstack-request-id")).isPresent();
        assertThat(image(id).get("status").textValue()).isEqualTo("queued");
    }

    @Test
    void rangesAnswer206WithContentRange() throws Exception {
        byte[] data = random(10_000, 5);
        String id = createQueued();
        upload(id, HttpRequest.BodyPublishers.ofByteArray(data), OCTETS);

        HttpResponse<byte[]> middle = download(id, "Range", "bytes=100-199");
        assertThat(middle.statusCode()).isEqualTo(206);
        assertThat(middle.headers().firstValue("Content-Range")).contains("bytes 100-199/10000");
        assertThat(middle.headers().firstValueAsLong("Content-Length")).hasValue(100);
        assertThat(middle.headers().firstValue("Content-MD5")).contains(md5(data));
        assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(data, 100, 200));

        HttpResponse<byte[]> tail = download(id, "Range", "bytes=-10");
        assertThat(tail.headers().firstValue("Content-Range")).contains("bytes 9990-9999/10000");
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(data, 9990, 10_000));

        HttpResponse<byte[]> open = download(id, "Range", "bytes=9000-");
        assertThat(open.body()).isEqualTo(Arrays.copyOfRange(data, 9000, 10_000));
    }

    @Test
    void rangesPastTheEndAre416AndSeveralRangesAreMultipart() throws Exception {
        String id = createQueued();
        upload(id, HttpRequest.BodyPublishers.ofByteArray(random(500, 6)), OCTETS);
        HttpResponse<byte[]> pastEnd = download(id, "Range", "bytes=500-");
        assertThat(pastEnd.statusCode()).isEqualTo(416);
        assertThat(pastEnd.headers().firstValue("Content-Range")).contains("bytes */500");
        assertThat(pastEnd.headers().firstValue("Content-MD5")).isEmpty();
        assertThat(download(id, "Range", "bytes=oops").statusCode()).isEqualTo(416);
        // Glance's 400 is not among RFC 9110's answers: several ranges are a multipart 206.
        assertThat(download(id, "Range", "bytes=0-1,4-5").statusCode()).isEqualTo(206);
    }

    @Test
    void downloadWithoutDataIs204() throws Exception {
        String id = createQueued();
        HttpResponse<byte[]> empty = download(id);
        assertThat(empty.statusCode()).isEqualTo(204);
        assertThat(empty.body()).isEmpty();
        assertThat(download("8a1f7e5e-43c4-4a3f-9b1e-0d2c3b4a5f61").statusCode()).isEqualTo(404);
    }
}
