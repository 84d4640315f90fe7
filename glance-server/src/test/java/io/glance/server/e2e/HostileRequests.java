package io.glance.server.e2e;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/** A seeded generator of hostile HTTP/1 requests over the v1 and v2 routes, or the Registry API's. */
final class HostileRequests {
    private static final List<String> API_ROUTES = List.of(
            "GET /versions", "GET /", "GET /v2/images", "POST /v2/images", "GET /v2/images/{id}",
            "PATCH /v2/images/{id}", "DELETE /v2/images/{other}", "PUT /v2/images/{id}/file",
            "GET /v2/images/{id}/file", "PUT /v2/images/{id}/tags/{tag}", "DELETE /v2/images/{id}/tags/{tag}",
            "GET /v2/images/{id}/members", "POST /v2/images/{id}/members", "GET /v2/images/{id}/members/{tag}",
            "PUT /v2/images/{id}/members/{tag}", "DELETE /v2/images/{id}/members/{tag}",
            "POST /v2/images/{id}/actions/deactivate", "POST /v2/images/{id}/actions/reactivate",
            "GET /v2/schemas/image", "GET /v2/schemas/images", "GET /v2/schemas/member", "GET /v2/info/stores",
            "GET /v2/info/import", "POST /v2/images/{id}/import", "PUT /v2/images/{id}/stage",
            "GET /v1/images", "GET /v1/images/detail", "POST /v1/images", "GET /v1/images/{id}",
            "HEAD /v1/images/{id}", "PUT /v1/images/{id}", "DELETE /v1/images/{other}",
            "GET /v1/images/{id}/members", "PUT /v1/images/{id}/members", "PUT /v1/images/{id}/members/{tag}",
            "DELETE /v1/images/{id}/members/{tag}", "GET /v1/shared-images/{tag}", "GET /healthcheck");
    private static final List<String> REGISTRY_ROUTES = List.of(
            "GET /images", "GET /images/detail", "POST /images", "GET /images/{id}", "PUT /images/{id}",
            "DELETE /images/{other}", "GET /images/{id}/members", "PUT /images/{id}/members",
            "PUT /images/{id}/members/{tag}", "DELETE /images/{id}/members/{tag}", "GET /shared-images/{tag}",
            "POST /images/search", "GET /healthcheck");
    private static final List<String> KEYS = List.of("name", "id", "visibility", "protected", "os_hidden",
            "min_disk", "min_ram", "disk_format", "container_format", "owner", "tags", "kernel_id", "ramdisk_id",
            "status", "size", "checksum", "locations", "member", "image", "is_public", "properties", "x", "a b",
            "k:v", "", "os_hash_value", "members", "filters", "limit", "marker", "sort_key", "sort_dir");
    private static final List<String> ODD_VALUES = List.of("null", "true", "-1", "1e400", "9223372036854775808",
            "\"\"", "[]", "{}", "[null]", "\"\\u0000\"", "\"a\\r\\nb: c\"", "\"caf\u00e9\"", "\"\\ud800\"",
            "{\"a\":{\"b\":{\"c\":[1,[2,[3]]]}}}", "\"00000000-0000-0000-0000-000000000000\"", "0.5", "\"public\"",
            "\"bogus\"", "[\"x\",1,null]");
    private static final List<String> V1_FIELDS = List.of("name", "id", "is_public", "protected", "min_disk",
            "min_ram", "disk_format", "container_format", "owner", "size", "checksum", "status", "location",
            "property-a", "property-a b", "property-", "property-k:v", "copy_from", "store");

    private final Random random;
    private final String imageId;
    private final boolean registry;

    HostileRequests(Random random, String imageId, boolean registry) {
        this.random = random;
        this.imageId = imageId;
        this.registry = registry;
    }

    byte[] next() {
        List<String> routes = registry ? REGISTRY_ROUTES : API_ROUTES;
        String[] route = routes.get(random.nextInt(routes.size())).split(" ", 2);
        String method = route[0];
        String path = route[1].replace("{id}", HostileInputFuzzEndToEndTest.randomId(random, imageId))
                .replace("{other}", java.util.UUID.randomUUID().toString())
                .replace("{tag}", pick("t", "a%20b", "%00", "x".repeat(300), "caf%C3%A9", "%zz"));
        String version = "HTTP/1.1";
        String eol = "\r\n";
        StringBuilder headers = new StringBuilder("Host: x\r\nConnection: close\r\n");
        byte[] body = new byte[0];
        boolean chunked = false;
        switch (random.nextInt(12)) {
            case 0 -> method = pick("G\u0000T", "GE T", "G\tT", "\u0001", "get", "BREW", "G\u00e9T", "");
            case 1 -> {
                chunked = true;
                body = ("{}".length() + "").getBytes(StandardCharsets.US_ASCII);
                String size = pick("zz", "-3", "8000000000000000", "ffffffffffffffffffff", " 2", "2;x=\u0001", "");
                body = (size + "\r\n{}\r\n0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
            }
            case 2 -> {
                headers.append("Transfer-Encoding: ").append(pick("gzip, chunked", "chunked, chunked", "identity",
                        "gzip", "chunked;x", "\u0000")).append(eol);
                body = "2\r\n{}\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            }
            case 3 -> {
                String length = pick("-1", "abc", "1, 2", "99999999999999999999", "0x10", " ");
                headers.append("Content-Length: ").append(length).append(eol);
                if (random.nextBoolean()) {
                    headers.append("Content-Length: 3").append(eol);
                }
                body = "{}".getBytes(StandardCharsets.US_ASCII);
            }
            case 4 -> {
                eol = "\n";
                headers = new StringBuilder("Host: x\nConnection: close\n");
            }
            case 5 -> version = pick("HTTP/1.0", "HTTP/2.0", "HTTP/9.9", "HTTP/1.1x", "HTTP/", "http/1.1", "");
            case 6 -> path = path + pick("/../../etc/passwd", "%00", "%zz", "/" + "a".repeat(9000), "?%",
                    "/\u00e9", "//", ";x", "#frag", "?limit=-1&marker=%00&sort_key=\u0001");
            case 7 -> path = path + "?" + pick("limit", "marker", "sort_key", "sort_dir", "sort", "name",
                    "visibility", "member_status", "size_min", "created_at", "is_public", "tag") + "="
                    + pick("-1", "%00", "zz", "in:", "gte:x", "999999999999999999999", "a".repeat(5000), "%C3%28",
                    "name:asc,,", "lt:2026-13-45");
            case 8 -> body = jsonBody().getBytes(StandardCharsets.UTF_8);
            case 9 -> {
                for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
                    headers.append("x-image-meta-").append(pick(V1_FIELDS.toArray(String[]::new))).append(": ")
                            .append(pick("x".repeat(256), "x".repeat(20_000), "a\u0000b", "caf\u00e9", "true",
                                    "-5", "", "99999999999999999999", "ami", "http://127.0.0.1:1/x"))
                            .append(eol);
                }
                body = random.nextBoolean() ? "data".getBytes(StandardCharsets.US_ASCII) : body;
                headers.append("Content-Type: application/octet-stream").append(eol);
            }
            case 10 -> headers.append(pick("NoColon", " Leading: space", "X-Big: " + "b".repeat(20_000),
                    "X:\u0000", "X-Request-Id: " + "r".repeat(500), "Content-Type: application/json; charset=\u0001",
                    "Range: bytes=9-1", "Range: bytes=-0", "If-Match: \"x", "Accept: \u00ff")).append(eol);
            default -> {
                headers.append("Content-Type: ").append(pick("application/openstack-images-v2.1-json-patch",
                        "application/openstack-images-v2.0-json-patch", "application/json")).append(eol);
                body = ("[{\"op\":" + pick("\"add\"", "\"replace\"", "\"remove\"", "\"move\"", "null", "1")
                        + ",\"path\":" + pick("\"/name\"", "\"/x\"", "\"\"", "\"/tags/-\"", "\"/locations/9\"",
                        "\"/~2\"", "\"/a/b/c\"", "null") + ",\"value\":" + pick(ODD_VALUES.toArray(String[]::new))
                        + "}]").getBytes(StandardCharsets.UTF_8);
            }
        }
        if (body.length > 0 && !headers.toString().contains("Content-Type")) {
            headers.append("Content-Type: application/json").append(eol);
        }
        if (chunked) {
            headers.append("Transfer-Encoding: chunked").append(eol);
        } else if (body.length > 0 && !headers.toString().contains("Content-Length")
                && !headers.toString().contains("Transfer-Encoding")) {
            headers.append("Content-Length: ").append(body.length).append(eol);
        }
        byte[] head = (method + " " + path + " " + version + eol + headers + eol).getBytes(StandardCharsets.UTF_8);
        return HostileInputFuzzEndToEndTest.concat(head, body);
    }

    private String jsonBody() {
        if (random.nextInt(10) == 0) {
            return pick("{", "[", "{} {}", "{\"a\":tru}", "\u0000", "{\"a\":\"" + "z".repeat(30_000) + "\"}",
                    "[".repeat(5000), "\"just a string\"", "null");
        }
        StringBuilder json = new StringBuilder("{");
        for (int i = 0, n = 1 + random.nextInt(5); i < n; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append('"').append(pick(KEYS.toArray(String[]::new))).append("\":")
                    .append(random.nextInt(8) == 0 ? "\"" + "v".repeat(300 + random.nextInt(20_000)) + "\""
                            : pick(ODD_VALUES.toArray(String[]::new)));
        }
        return json.append('}').toString();
    }

    private String pick(String... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
