package io.glance.http.versions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glance.http.common.Json;

/** The body of GET /versions: every version with its {@code self} link to {@code <base>/v2/}. */
final class VersionsDocument {

    private VersionsDocument() {
    }

    /** @param baseUrl the public endpoint, or the scheme and authority the client used */
    static byte[] render(String baseUrl) {
        String href = stripTrailingSlashes(baseUrl) + "/v2/";
        ArrayNode versions = Json.array();
        for (String id : ApiVersions.IDS) {
            ObjectNode version = versions.addObject();
            version.put("id", id);
            version.put("status", id.equals(ApiVersions.CURRENT) ? "CURRENT" : "SUPPORTED");
            version.putArray("links").addObject().put("rel", "self").put("href", href);
        }
        ObjectNode document = Json.object();
        document.set("versions", versions);
        return Json.bytes(document);
    }

    private static String stripTrailingSlashes(String url) {
        int end = url.length();
        while (end > 0 && url.charAt(end - 1) == '/') {
            end--;
        }
        return url.substring(0, end);
    }
}
