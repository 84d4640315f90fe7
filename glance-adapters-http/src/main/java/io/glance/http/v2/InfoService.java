package io.glance.http.v2;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glance.domain.NotFoundException;
import io.glance.http.common.Json;
import io.glance.http.common.JsonResponses;
import io.glance.http.common.MethodNotAllowed;
import io.glance.http.common.RequestBodies;
import io.glance.http.common.RequestContexts;
import io.glance.ports.in.ImageImport;
import io.glance.ports.in.StoreDescription;
import io.glance.ports.in.QuotaUsage;
import io.glance.ports.in.StoreInfo;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** The discovery routes under /v2/info: import methods, stores (multi-store only) and usage. */
final class InfoService implements HttpService {
    private final StoreInfo storeInfo;
    private final ImageImport imports;
    private final QuotaUsage quotaUsage;

    InfoService(StoreInfo storeInfo, ImageImport imports, QuotaUsage quotaUsage) {
        this.storeInfo = requireNonNull(storeInfo, "storeInfo is null");
        this.imports = requireNonNull(imports, "imports is null");
        this.quotaUsage = requireNonNull(quotaUsage, "quotaUsage is null");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/import", this::importMethods)
                .any("/import", MethodNotAllowed.allowing("GET"))
                .get("/stores", (req, res) -> stores(req, res, false))
                .any("/stores", MethodNotAllowed.allowing("GET"))
                .get("/stores/detail", (req, res) -> stores(req, res, true))
                .any("/stores/detail", MethodNotAllowed.allowing("GET"))
                .get("/usage", this::usage);
    }

    private void importMethods(ServerRequest req, ServerResponse res) {
        RequestBodies.requireNone(req);
        ObjectNode methods = Json.object();
        methods.put("description", "Import methods available.");
        methods.put("type", "array");
        ArrayNode value = methods.putArray("value");
        imports.enabledMethods().forEach(value::add);
        ObjectNode body = Json.object();
        body.set("import-methods", methods);
        JsonResponses.send(res, Status.OK_200, body);
    }

    /** Flags are the strings "true", as Glance sends them; reserved os_glance_* stores are not shown. */
    private void stores(ServerRequest req, ServerResponse res, boolean detail) {
        RequestBodies.requireNone(req);
        if (!storeInfo.multiStore()) {
            throw new NotFoundException("Multi backend is not supported at this site.");
        }
        ObjectNode body = Json.object();
        ArrayNode stores = body.putArray("stores");
        List<StoreDescription> configured = detail ? storeInfo.storesInDetail(RequestContexts.of(req))
                : storeInfo.stores(RequestContexts.of(req));
        for (StoreDescription store : configured) {
            if (store.id().startsWith(ImageAttributes.RESERVED_NAMESPACE)) {
                continue;
            }
            ObjectNode json = stores.addObject();
            json.put("id", store.id());
            if (store.description() != null && !store.description().isEmpty()) {
                json.put("description", store.description());
            }
            if (store.isDefault()) {
                json.put("default", "true");
            }
            if (store.readOnly()) {
                json.put("read-only", "true");
            }
            if (detail) {
                json.put("type", store.type());
                ObjectNode properties = json.putObject("properties");
                for (Map.Entry<String, String> property : store.properties().entrySet()) {
                    properties.put(property.getKey(), property.getValue());
                }
            }
        }
        JsonResponses.send(res, Status.OK_200, body);
    }

    /**
     * The caller's project's Keystone limits and usage, {@code {"usage": {"image_size_total": {"limit": L, "usage":
     * U}, ...}}}; {@code {"usage": {}}} without {@code use_keystone_limits}, as in Glance.
     */
    private void usage(ServerRequest req, ServerResponse res) {
        ObjectNode body = Json.object();
        ObjectNode usage = body.putObject("usage");
        quotaUsage.usage(RequestContexts.of(req)).forEach((resource, value) -> usage.putObject(resource)
                .put("limit", value.limit()).put("usage", value.usage()));
        JsonResponses.send(res, Status.OK_200, body);
    }
}
