package io.glance.http.versions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glance.http.common.Json;

/** The body of GET /versions: every version with its {@code self} link to {@code <base>/v2/} or {@code <base>/v1/}. */
final class VersionsDocument {

    private VersionsDocument() {
    }

    /**
     * @param baseUrl    the public endpoint, or the scheme and authority the client used
     * @param imageCache whether the node has an image cache (v2.14 and v2.16 are listed only then)
     */
    static byte[] render(String baseUrl, boolean imageCache) {
        String base = stripTrailingSlashes(baseUrl);
        ArrayNode versions = Json.array();
        String current = ApiVersions.current(imageCache);
        for (String id : ApiVersions.v2Ids(imageCache)) {
            add(versions, id, id.equals(current) ? "CURRENT" : "SUPPORTED", base + "/v2/");
        }
        for (String id : ApiVersions.V1_IDS) {
            add(versions, id, "DEPRECATED", base + "/v1/");
        }
        ObjectNode document = Json.object();
        document.set("versions", versions);
        return Json.bytes(document);
    }

    private static void add(ArrayNode versions, String id, String status, String href) {
        ObjectNode version = versions.addObject();
        version.put("id", id);
        version.put("status", status);
        version.putArray("links").addObject().put("rel", "self").put("href", href);
    }

    private static String stripTrailingSlashes(String url) {
        int end = url.length();
        while (end > 0 && url.charAt(end - 1) == '/') {
            end--;
        }
        return url.substring(0, end);
    }
}
