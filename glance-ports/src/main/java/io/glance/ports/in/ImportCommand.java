package io.glance.ports.in;

import java.util.List;
import java.util.Objects;

/**
 * POST /v2/images/{id}/import, its JSON types already checked by the HTTP adapter.
 *
 * @param method                  the method name ({@code glance-direct}, {@code web-download}, ...)
 * @param uri                     web-download's {@code uri}, or {@code null}
 * @param glanceRegion            glance-download's {@code glance_region}, or {@code null}
 * @param glanceImageId           glance-download's {@code glance_image_id}, or {@code null}
 * @param glanceServiceInterface  glance-download's {@code glance_service_interface}, or {@code null}
 * @param stores                  the {@code stores} asked for, or {@code null} when none were named
 * @param allStores               {@code all_stores}
 * @param allStoresMustSucceed    {@code all_stores_must_succeed} (default true)
 * @param headerStore             the {@code X-Image-Meta-Store} header, or {@code null}
 * @param requestJson             the body as the client sent it, kept in the task's input as {@code import_req}
 */
public record ImportCommand(String method, String uri, String glanceRegion, String glanceImageId,
                            String glanceServiceInterface, List<String> stores, boolean allStores,
                            boolean allStoresMustSucceed, String headerStore, String requestJson) {
    public ImportCommand {
        Objects.requireNonNull(method, "method is null");
        stores = stores == null ? null : List.copyOf(stores);
        Objects.requireNonNull(requestJson, "requestJson is null");
    }
}
