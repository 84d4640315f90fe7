package io.glance.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The body of POST /v2/images/{id}/import, as glanceclient sends it.
 *
 * @param method               {@code glance-direct}, {@code web-download} or {@code copy-image}
 * @param uri                  web-download's URI, else {@code null}
 * @param stores               the target stores (multi-store), or {@code null} for the default
 * @param allStores            every writable store
 * @param allStoresMustSucceed {@code false} lets the import succeed when some stores fail ({@code null}: server's
 *                             default, true)
 */
public record ImportRequest(String method, String uri, List<String> stores, boolean allStores,
                            Boolean allStoresMustSucceed) {

    public ImportRequest {
        Objects.requireNonNull(method, "method is null");
        stores = stores == null ? null : List.copyOf(stores);
    }

    public static ImportRequest glanceDirect() {
        return new ImportRequest("glance-direct", null, null, false, null);
    }

    public static ImportRequest webDownload(String uri) {
        return new ImportRequest("web-download", Objects.requireNonNull(uri, "uri is null"), null, false, null);
    }

    public static ImportRequest copyImage() {
        return new ImportRequest("copy-image", null, null, false, null);
    }

    public ImportRequest toStores(List<String> targetStores) {
        return new ImportRequest(method, uri, targetStores, false, allStoresMustSucceed);
    }

    public ImportRequest toAllStores() {
        return new ImportRequest(method, uri, null, true, allStoresMustSucceed);
    }

    public ImportRequest allowingFailures() {
        return new ImportRequest(method, uri, stores, allStores, false);
    }

    Map<String, Object> toJson() {
        Map<String, Object> methodJson = new LinkedHashMap<>();
        methodJson.put("name", method);
        if (uri != null) {
            methodJson.put("uri", uri);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("method", methodJson);
        if (stores != null) {
            json.put("stores", stores);
        }
        if (allStores) {
            json.put("all_stores", true);
        }
        if (allStoresMustSucceed != null) {
            json.put("all_stores_must_succeed", allStoresMustSucceed);
        }
        return json;
    }
}
