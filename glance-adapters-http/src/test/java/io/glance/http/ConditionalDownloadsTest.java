package io.glance.http;

import io.glance.domain.ImageId;
import io.glance.domain.RequestContext;
import io.glance.domain.Visibility;
import io.glance.ports.in.CreateImageCommand;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.helidon.webserver.testing.junit5.SetUpServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conditional-request table of image data on glance-api itself (RFC 9110 §13, §14): every precondition header
 * alone and in combination, with and without Range, for an active, a queued, a deactivated and an invisible image,
 * by GET and by HEAD, through API v2 and v1. Answers are compared with what the RFC prescribes; none may be a 5xx,
 * and none may tell a caller who cannot see the image more than a 404 does.
 */
@ServerTest
class ConditionalDownloadsTest {
    private static final TestApi API = TestApi.singleStore();
    private static final RequestContext ADMIN = new RequestContext("req-admin", "ops", Set.of("admin"), true);
    private static final RequestContext ALICE = new RequestContext("req-alice", "alice", Set.of("member"), false);
    private static final byte[] DATA = new byte[100_000];
    private static final String OLD = "Thu, 01 Jan 2015 00:00:00 GMT";
    private static final String FUTURE = "Fri, 01 Jan 2100 00:00:00 GMT";

    private static ImageId active;
    private static ImageId queued;
    private static ImageId deactivated;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI base;

    ConditionalDownloadsTest(URI base) {
        this.base = base;
    }

    @SetUpServer
    static void server(WebServerConfig.Builder server) {
        server.addProtocol(GlanceApiRouting.http1());
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        API.register(routing);
        // Stands in for authentication until it exists: X-Test-Project makes the caller a non-admin of that project.
        routing.addFilter((chain, req, res) -> {
            req.headers().first(io.helidon.http.HeaderNames.create("X-Test-Project")).ifPresent(project ->
                    req.context().register(new RequestContext("req-test", project, Set.of("member"), false)));
            chain.proceed();
        });
    }

    @BeforeAll
    static void images() {
        new Random(13).nextBytes(DATA);
        active = upload(create("alice"));
        queued = create("alice");
        deactivated = upload(create("alice"));
        API.services.activation().deactivate(ADMIN, deactivated);
    }

    private static ImageId create(String owner) {
        return API.services.catalog().create(ADMIN, new CreateImageCommand(null, "img", Visibility.PRIVATE, null,
                null, null, null, "raw", "bare", owner, true, List.of(), Map.of())).id();
    }

    private static ImageId upload(ImageId id) {
        API.services.data().upload(ALICE, id, new ByteArrayInputStream(DATA), DATA.length, null);
        return id;
    }

    private HttpResponse<byte[]> send(String method, String path, String project, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (project != null) {
            request.header("X-Test-Project", project);
        }
        headers.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String sha512Etag() throws Exception {
        return "\"sha512:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(DATA)) + "\"";
    }

    private static String md5Etag() throws Exception {
        return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(DATA)) + "\"";
    }

    /** One row: request headers and the status an active image must get; queued images get {@code queued}. */
    private record Row(Map<String, String> headers, int onActive, int onQueued) {
    }

    private static Map<String, String> h(String... pairs) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            headers.put(pairs[i], pairs[i + 1]);
        }
        return headers;
    }

    private static List<Row> table(String etag, String lastModified) {
        String other = "\"sha512:0000\"";
        return List.of(
                new Row(h(), 200, 204),
                // If-None-Match alone: weak comparison, a list, *, and a non-matching tag
                new Row(h("If-None-Match", etag), 304, 204),
                new Row(h("If-None-Match", "W/" + etag), 304, 204),
                new Row(h("If-None-Match", other + ", " + etag), 304, 204),
                new Row(h("If-None-Match", "*"), 304, 204),
                new Row(h("If-None-Match", other), 200, 204),
                // If-Modified-Since alone
                new Row(h("If-Modified-Since", lastModified), 304, 204),
                new Row(h("If-Modified-Since", FUTURE), 304, 204),
                new Row(h("If-Modified-Since", OLD), 200, 204),
                new Row(h("If-Modified-Since", "not a date"), 200, 204),
                // If-Match alone: strong comparison, so W/ never matches
                new Row(h("If-Match", etag), 200, 412),
                new Row(h("If-Match", "*"), 200, 412),
                new Row(h("If-Match", other), 412, 412),
                new Row(h("If-Match", "W/" + etag), 412, 412),
                // If-Unmodified-Since alone
                new Row(h("If-Unmodified-Since", lastModified), 200, 204),
                new Row(h("If-Unmodified-Since", OLD), 412, 204),
                new Row(h("If-Unmodified-Since", "garbage"), 200, 204),
                // precedence: If-Match over If-Unmodified-Since, If-None-Match over If-Modified-Since, 412 before 304
                new Row(h("If-Match", etag, "If-Unmodified-Since", OLD), 200, 412),
                new Row(h("If-None-Match", other, "If-Modified-Since", lastModified), 200, 204),
                new Row(h("If-None-Match", etag, "If-Modified-Since", OLD), 304, 204),
                new Row(h("If-Match", etag, "If-None-Match", etag), 304, 412),
                new Row(h("If-Match", other, "If-None-Match", etag), 412, 412),
                new Row(h("If-Unmodified-Since", OLD, "If-None-Match", etag), 412, 204),
                // ranges, alone and under conditions
                new Row(h("Range", "bytes=0-9"), 206, 204),
                new Row(h("Range", "bytes=-10"), 206, 204),
                new Row(h("Range", "bytes=99990-"), 206, 204),
                new Row(h("Range", "bytes=0-9,20-29"), 206, 204),
                new Row(h("Range", "bytes=0-9,5-29"), 200, 204),
                new Row(h("Range", "bytes=100000-"), 416, 204),
                new Row(h("Range", "bytes=100000-,0-1"), 206, 204),
                new Row(h("Range", "bytes=9-x"), 416, 204),
                new Row(h("Range", "bytes=0-9", "If-Range", etag), 206, 204),
                new Row(h("Range", "bytes=0-9", "If-Range", lastModified), 206, 204),
                new Row(h("Range", "bytes=0-9", "If-Range", other), 200, 204),
                new Row(h("Range", "bytes=0-9", "If-Range", "W/" + etag), 200, 204),
                new Row(h("Range", "bytes=0-9", "If-Range", OLD), 200, 204),
                new Row(h("Range", "bytes=0-9", "If-None-Match", etag), 304, 204),
                new Row(h("Range", "bytes=0-9", "If-None-Match", other), 206, 204),
                new Row(h("Range", "bytes=0-9", "If-Match", etag), 206, 412),
                new Row(h("Range", "bytes=0-9", "If-Match", other), 412, 412),
                new Row(h("Range", "bytes=0-9", "If-Modified-Since", lastModified), 304, 204),
                new Row(h("Range", "bytes=0-9", "If-Unmodified-Since", OLD), 412, 204),
                new Row(h("Range", "bytes=0-9", "If-Range", etag, "If-Match", etag, "If-None-Match", other), 206, 412),
                new Row(h("Range", "bytes=100000-", "If-None-Match", etag), 304, 204));
    }

    private String lastModified() throws Exception {
        return send("HEAD", "/v2/images/" + active + "/file", null, Map.of()).headers()
                .firstValue("Last-Modified").orElseThrow();
    }

    @Test
    void v2TableForEachKindOfImageByGetAndHead() throws Exception {
        List<String> failures = new ArrayList<>();
        String etag = sha512Etag();
        for (Row row : table(etag, lastModified())) {
            for (String method : List.of("GET", "HEAD")) {
                check(failures, method, "/v2/images/" + active + "/file", "alice", row, row.onActive());
                check(failures, method, "/v2/images/" + queued + "/file", "alice", row, row.onQueued());
                check(failures, method, "/v2/images/" + deactivated + "/file", "alice", row, 403);
                check(failures, method, "/v2/images/" + deactivated + "/file", null, row, row.onActive());
                check(failures, method, "/v2/images/" + active + "/file", "bob", row, 404);
                check(failures, method, "/v2/images/" + ImageId.random() + "/file", null, row, 404);
            }
        }
        assertThat(failures).isEmpty();
    }

    /** API v1 has no 204: any image that is not active is a 404, whatever the conditions. */
    @Test
    void v1TableForActiveAndOtherImages() throws Exception {
        List<String> failures = new ArrayList<>();
        String etag = md5Etag();
        for (Row row : table(etag, lastModified())) {
            check(failures, "GET", "/v1/images/" + active, "alice", row, row.onActive());
            check(failures, "GET", "/v1/images/" + queued, "alice", row, 404);
            check(failures, "GET", "/v1/images/" + deactivated, null, row, 404);
            check(failures, "GET", "/v1/images/" + active, "bob", row, 404);
        }
        assertThat(failures).isEmpty();
    }

    private void check(List<String> failures, String method, String path, String project, Row row, int expected)
            throws Exception {
        HttpResponse<byte[]> response = send(method, path, project, row.headers());
        String what = method + " " + path + " as " + project + " " + row.headers();
        if (response.statusCode() != expected) {
            failures.add(what + " -> " + response.statusCode() + ", expected " + expected);
            return;
        }
        if (method.equals("HEAD") && response.body().length != 0) {
            failures.add(what + " -> HEAD with a body");
        }
        if (expected == 304 && response.headers().firstValue("Content-Length").isPresent()) {
            failures.add(what + " -> 304 with Content-Length " + response.headers().firstValue("Content-Length"));
        }
        if (expected == 304 || expected == 200 || expected == 206) {
            for (String header : List.of("ETag", "Last-Modified", "Cache-Control", "Accept-Ranges")) {
                if (response.headers().firstValue(header).isEmpty()) {
                    failures.add(what + " -> " + expected + " without " + header);
                }
            }
        }
        if (expected == 416 && !response.headers().firstValue("Content-Range").equals(
                java.util.Optional.of("bytes */" + DATA.length))) {
            failures.add(what + " -> 416 with Content-Range " + response.headers().firstValue("Content-Range"));
        }
        if (method.equals("GET") && expected == 200 && !Arrays.equals(response.body(), DATA)) {
            failures.add(what + " -> 200 with other bytes");
        }
    }

    @Test
    void aSingleRangeIsExactlyThoseBytes() throws Exception {
        HttpResponse<byte[]> response = send("GET", "/v2/images/" + active + "/file", null,
                h("Range", "bytes=99990-"));

        assertThat(response.statusCode()).isEqualTo(206);
        assertThat(response.headers().firstValue("Content-Range")).hasValue("bytes 99990-99999/100000");
        assertThat(response.body()).isEqualTo(Arrays.copyOfRange(DATA, 99990, 100000));
        assertThat(response.headers().firstValue("ETag")).hasValue(sha512Etag());
    }

    @Test
    void severalRangesAreAMultipartAnswerWithEachPartsBytes() throws Exception {
        HttpResponse<byte[]> response = send("GET", "/v2/images/" + active + "/file", null,
                h("Range", "bytes=50-59, 0-3"));

        assertThat(response.statusCode()).isEqualTo(206);
        String type = response.headers().firstValue("Content-Type").orElseThrow();
        assertThat(type).startsWith("multipart/byteranges; boundary=");
        String boundary = type.substring(type.indexOf('=') + 1);
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(response.body().length);
        String body = new String(response.body(), StandardCharsets.ISO_8859_1);
        String expected = "--" + boundary + "\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Range: bytes 50-59/100000\r\n\r\n" + latin1(50, 60)
                + "\r\n--" + boundary + "\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Range: bytes 0-3/100000\r\n\r\n" + latin1(0, 4)
                + "\r\n--" + boundary + "--\r\n";
        assertThat(body).isEqualTo(expected);
    }

    private static String latin1(int from, int to) {
        return new String(Arrays.copyOfRange(DATA, from, to), StandardCharsets.ISO_8859_1);
    }

    @Test
    void headAnswersGetsHeadersWithoutTheBody() throws Exception {
        HttpResponse<byte[]> get = send("GET", "/v2/images/" + active + "/file", null, Map.of());
        HttpResponse<byte[]> head = send("HEAD", "/v2/images/" + active + "/file", null, Map.of());

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        for (String header : List.of("Content-Length", "Content-Type", "ETag", "Last-Modified", "Cache-Control",
                "Accept-Ranges", "Content-MD5", "Repr-Digest")) {
            assertThat(head.headers().firstValue(header)).as(header).isPresent()
                    .isEqualTo(get.headers().firstValue(header));
        }
        assertThat(head.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(head.headers().firstValue("Repr-Digest").orElseThrow()).startsWith("sha-512=:").endsWith(":");
    }

    /** Last-Modified is when the data became active: a metadata change must not move it (or the ETag). */
    @Test
    void metadataChangesKeepTheValidators() throws Exception {
        HttpResponse<byte[]> before = send("HEAD", "/v2/images/" + active + "/file", null, Map.of());
        Thread.sleep(1100);
        HttpResponse<String> patched = client.send(HttpRequest.newBuilder(base.resolve("/v2/images/" + active))
                .method("PATCH", HttpRequest.BodyPublishers.ofString(
                        "[{\"op\": \"add\", \"path\": \"/os_distro\", \"value\": \"cirros\"}]"))
                .header("Content-Type", "application/openstack-images-v2.1-json-patch").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        HttpResponse<byte[]> after = send("HEAD", "/v2/images/" + active + "/file", null, Map.of());

        assertThat(after.headers().firstValue("Last-Modified")).isEqualTo(before.headers().firstValue("Last-Modified"));
        assertThat(after.headers().firstValue("ETag")).isEqualTo(before.headers().firstValue("ETag"));
    }
}
