package io.glance.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metadata-limits table against real processes: a glance-api on H2, a glance-registry on H2 and a glance-api that
 * keeps its metadata in that registry. The registry and the first glance-api run with lowered limits (values of 1000
 * bytes, 4 KiB of properties per image, JSON bodies of 64 KiB); the second glance-api keeps the defaults, so what it
 * refuses was refused by the registry. Each row gets its 400 or 413 with a message naming the value, and the images
 * listed before and after the request are the same: nothing was written.
 */
class MetadataLimitsEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PATCH_V21 = "application/openstack-images-v2.1-json-patch";
    private static final String[] LIMITS = {"--image_property_value_max_bytes", "1000",
            "--image_properties_max_bytes", "4K"};
    /** Four properties of 900 bytes: 3,608 bytes with their keys, under 4 KiB; a fifth crosses it. */
    private static final int BASE_PROPERTIES = 4;

    @TempDir
    static Path work;
    private static GlanceProcess registry;
    private static GlanceProcess api;
    private static GlanceProcess viaRegistry;

    @BeforeAll
    static void startServers() throws Exception {
        registry = GlanceProcess.startRegistry(work.resolve("registry"), LIMITS);
        String[] apiOptions = Stream.concat(Stream.of(LIMITS), Stream.of("--max_json_body_size", "64K"))
                .toArray(String[]::new);
        api = GlanceProcess.start(work.resolve("api"), apiOptions);
        viaRegistry = GlanceProcess.start(work.resolve("api-registry"), "--data_api", "registry",
                "--registry_host", "127.0.0.1", "--registry_port", Integer.toString(registry.port()));
    }

    @AfterAll
    static void stopServers() throws Exception {
        for (GlanceProcess process : new GlanceProcess[] {viaRegistry, api, registry}) {
            if (process != null) {
                process.close();
            }
        }
    }

    /** Where a row sends its request; the listing it compares before and after. */
    enum Target {
        API_V2, API_V1, REGISTRY, API_VIA_REGISTRY;

        GlanceProcess process() {
            return switch (this) {
                case API_V2, API_V1 -> api;
                case REGISTRY -> registry;
                case API_VIA_REGISTRY -> viaRegistry;
            };
        }

        String listing() throws Exception {
            String path = this == REGISTRY ? "/images/detail?limit=1000" : "/v2/images?limit=1000";
            return send(process(), "GET", path, null, null).body();
        }

        /** A new image with {@link #BASE_PROPERTIES} properties of 900 bytes; its id. */
        String baseImage() throws Exception {
            ObjectNode properties = JSON.createObjectNode();
            for (int i = 0; i < BASE_PROPERTIES; i++) {
                properties.put("p" + i, "v".repeat(900));
            }
            if (this == REGISTRY) {
                ObjectNode image = JSON.createObjectNode().put("name", "base");
                image.set("properties", properties);
                HttpResponse<String> created = send(registry, "POST", "/images", "application/json",
                        JSON.createObjectNode().set("image", image).toString());
                assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
                return JSON.readTree(created.body()).get("image").get("id").asText();
            }
            properties.put("name", "base");
            HttpResponse<String> created = send(process(), "POST", "/v2/images", "application/json",
                    properties.toString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            return JSON.readTree(created.body()).get("id").asText();
        }
    }

    /** One row: the request (given the base image's id), the status and a text the message must contain. */
    private record Row(String name, Target target, Request request, int status, String named) {
        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    private interface Request {
        Answer send(GlanceProcess process, String baseId) throws Exception;
    }

    private record Answer(int status, String body) {
    }

    static Stream<Arguments> rows() {
        String longValue = "x".repeat(1001);
        String fifth = "{\"p4\":\"" + "v".repeat(900) + "\"}";
        return Stream.of(
                // API v2, JSON
                new Row("v2 create: a value of 1001 bytes", Target.API_V2,
                        create("{\"name\":\"a\",\"big\":\"" + longValue + "\"}"), 400, "'big'"),
                new Row("v2 create: 501 two-byte characters are 1002 bytes", Target.API_V2,
                        create("{\"name\":\"a\",\"accent\":\"" + "é".repeat(501) + "\"}"), 400, "1002 bytes"),
                new Row("v2 create: five values of 900 bytes", Target.API_V2, create(fiveProperties()), 413, "4096"),
                new Row("v2 create: a space in a key", Target.API_V2,
                        create("{\"name\":\"a\",\"a b\":\"v\"}"), 400, "'a b'"),
                new Row("v2 create: CR LF in a value", Target.API_V2,
                        create("{\"name\":\"a\",\"motd\":\"hello\\r\\nX-Evil: 1\"}"), 400, "a CR"),
                new Row("v2 create: NUL in a value", Target.API_V2,
                        create("{\"name\":\"a\",\"motd\":\"a\\u0000b\"}"), 400, "a NUL"),
                new Row("v2 create: LF in the name", Target.API_V2,
                        create("{\"name\":\"line\\nbreak\"}"), 400, "an LF"),
                new Row("v2 PATCH: a value of 1001 bytes", Target.API_V2,
                        patch("[{\"op\":\"add\",\"path\":\"/big\",\"value\":\"" + longValue + "\"}]"), 400, "'big'"),
                new Row("v2 PATCH: a fifth value of 900 bytes", Target.API_V2,
                        patch("[{\"op\":\"add\",\"path\":\"/p4\",\"value\":\"" + "v".repeat(900) + "\"}]"), 413,
                        "4096"),
                new Row("v2 PATCH: NUL in the name", Target.API_V2,
                        patch("[{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"a\\u0000b\"}]"), 400, "a NUL"),
                new Row("v2 create: a JSON body of 70,000 bytes", Target.API_V2,
                        create("{\"name\":\"" + "n".repeat(70_000) + "\"}"), 413, "65536"),
                // API v1, headers (raw sockets: Java's HTTP client refuses such headers)
                new Row("v1 POST: a UTF-8 value", Target.API_V1,
                        raw("POST /v1/images", "x-image-meta-name: caf\u00c3\u00a9"), 400, "not ASCII"),
                new Row("v1 POST: NUL in a value", Target.API_V1,
                        raw("POST /v1/images", "x-image-meta-property-motd: a\0b"), 400, null),
                new Row("v1 POST: a value of 1001 bytes", Target.API_V1,
                        raw("POST /v1/images", "x-image-meta-property-big: " + longValue), 400, "'big'"),
                new Row("v1 PUT: a fifth value of 900 bytes", Target.API_V1,
                        raw("PUT /v1/images/{id}", fiveHeaders()), 413, "4096"),
                // The Registry API, straight
                new Row("registry POST: a value of 1001 bytes", Target.REGISTRY,
                        registry("POST", "/images", "{\"image\":{\"name\":\"r\",\"properties\":{\"big\":\""
                                + longValue + "\"}}}"), 400, "'big'"),
                new Row("registry POST: a space in a key", Target.REGISTRY,
                        registry("POST", "/images", "{\"image\":{\"name\":\"r\",\"properties\":{\"a b\":\"v\"}}}"),
                        400, "'a b'"),
                new Row("registry PUT: a fifth value of 900 bytes", Target.REGISTRY,
                        registry("PUT", "/images/{id}", "{\"image\":{\"properties\":" + fifth + "}}"), 413, "4096"),
                // glance-api with default limits, over the registry's lowered ones
                new Row("v2 through the registry: a value of 1001 bytes", Target.API_VIA_REGISTRY,
                        create("{\"name\":\"a\",\"big\":\"" + longValue + "\"}"), 400, "'big'"),
                new Row("v2 through the registry: a fifth value of 900 bytes", Target.API_VIA_REGISTRY,
                        patch("[{\"op\":\"add\",\"path\":\"/p4\",\"value\":\"" + "v".repeat(900) + "\"}]"), 413,
                        "4096"))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void refusedAndNothingWritten(Row row) throws Exception {
        String baseId = row.target().baseImage();
        String before = row.target().listing();
        Answer answer = row.request().send(row.target().process(), baseId);
        assertThat(answer.status()).as(answer.body()).isEqualTo(row.status());
        if (row.named() != null) {
            assertThat(answer.body()).contains(row.named());
        }
        assertThat(answer.body()).doesNotContain("x".repeat(100)).doesNotContain("\0");
        assertThat(row.target().listing()).as("nothing written").isEqualTo(before);
    }

    @Test
    void valuesAtTheLimitsAreStoredAndShownByBothApis() throws Exception {
        ObjectNode body = JSON.createObjectNode().put("name", "café").put("edge", "y".repeat(1000))
                .put("tabbed", "a\tb").put("accent", "é".repeat(500));
        HttpResponse<String> created = send(api, "POST", "/v2/images", "application/json", body.toString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).get("id").asText();
        JsonNode shown = JSON.readTree(send(api, "GET", "/v2/images/" + id, null, null).body());
        assertThat(shown.get("edge").asText()).hasSize(1000);
        assertThat(shown.get("accent").asText()).isEqualTo("é".repeat(500));
        assertThat(shown.get("name").asText()).isEqualTo("café");

        Answer head = raw("HEAD /v1/images/{id}").send(api, id);
        assertThat(head.status()).as(head.body()).isEqualTo(200);
        assertThat(head.body()).contains("X-Image-Meta-Property-Edge: " + "y".repeat(1000))
                .contains("X-Image-Meta-Property-Tabbed: a\tb")
                .as("the HTTP library writes headers as US-ASCII").contains("X-Image-Meta-Name: caf?\r\n");

        Answer v1 = raw("POST /v1/images", "x-image-meta-name: ascii", "x-image-meta-property-edge: "
                + "z".repeat(1000)).send(api, null);
        assertThat(v1.status()).as(v1.body()).isEqualTo(201);
        assertThat(v1.body()).contains("z".repeat(1000));
    }

    /**
     * Nova's {@code trait:CUSTOM_X} properties: a {@code :} in a key is accepted by v2, as by Glance; v1 cannot put it
     * in a header name, so it shows it escaped as {@code %3A} and reads {@code %3A} back as {@code :}.
     */
    @Test
    void aColonInAKeyIsStoredByV2AndEscapedByV1() throws Exception {
        HttpResponse<String> created = send(api, "POST", "/v2/images", "application/json",
                "{\"name\":\"traits\",\"trait:CUSTOM_GOLD\":\"required\",\"100%\":\"yes\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).get("id").asText();
        assertThat(JSON.readTree(send(api, "GET", "/v2/images/" + id, null, null).body())
                .get("trait:CUSTOM_GOLD").asText()).isEqualTo("required");

        Answer head = raw("HEAD /v1/images/{id}").send(api, id);
        assertThat(head.status()).as(head.body()).isEqualTo(200);
        assertThat(head.body()).contains("X-Image-Meta-Property-Trait%3acustom_gold: required\r\n")
                .contains("X-Image-Meta-Property-100%25: yes\r\n").doesNotContain("Trait:");

        Answer put = raw("PUT /v1/images/{id}", "x-image-meta-property-trait%3Acustom_silver: preferred")
                .send(api, id);
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(JSON.readTree(send(api, "GET", "/v2/images/" + id, null, null).body())
                .get("trait:custom_silver").asText()).isEqualTo("preferred");
    }

    private static String fiveProperties() {
        StringBuilder json = new StringBuilder("{\"name\":\"a\"");
        for (int i = 0; i < 5; i++) {
            json.append(",\"p").append(i).append("\":\"").append("v".repeat(900)).append('"');
        }
        return json.append('}').toString();
    }

    private static String[] fiveHeaders() {
        String[] headers = new String[5];
        for (int i = 0; i < 5; i++) {
            headers[i] = "x-image-meta-property-p" + i + ": " + "v".repeat(900);
        }
        return headers;
    }

    private static Request create(String json) {
        return (process, baseId) -> answer(send(process, "POST", "/v2/images", "application/json", json));
    }

    private static Request patch(String json) {
        return (process, baseId) -> answer(send(process, "PATCH", "/v2/images/" + baseId, PATCH_V21, json));
    }

    private static Request registry(String method, String path, String json) {
        return (process, baseId) -> answer(send(process, method, path.replace("{id}", baseId), "application/json",
                json));
    }

    /** A request written byte for byte (ISO-8859-1: each char one byte), without a body. */
    private static Request raw(String requestLine, String... headers) {
        return (process, baseId) -> {
            StringBuilder request = new StringBuilder(requestLine.replace("{id}", String.valueOf(baseId)))
                    .append(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: 0\r\n")
                    .append("Accept: application/json\r\n");
            for (String header : headers) {
                request.append(header).append("\r\n");
            }
            request.append("\r\n");
            try (Socket socket = new Socket("127.0.0.1", process.port())) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                ByteArrayOutputStream answer = new ByteArrayOutputStream();
                InputStream in = socket.getInputStream();
                in.transferTo(answer);
                String text = answer.toString(StandardCharsets.ISO_8859_1);
                int status = Integer.parseInt(text.substring(9, 12));
                return new Answer(status, text);
            }
        };
    }

    private static Answer answer(HttpResponse<String> response) {
        return new Answer(response.statusCode(), response.body());
    }

    private static HttpResponse<String> send(GlanceProcess process, String method, String path, String contentType,
                                             String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(process.uri(path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.header("Accept", "application/json");
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
