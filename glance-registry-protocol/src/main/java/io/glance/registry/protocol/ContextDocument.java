package io.glance.registry.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glance.domain.RequestContext;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The caller a listing is made for: the registry applies the same visibility rules as a local database, so it must
 * know who asks. glance-registry trusts it, as Glance's registry trusted glance-api: it belongs on a private network.
 */
public final class ContextDocument {
    private ContextDocument() {
    }

    public static ObjectNode write(RequestContext context) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("request_id", context.requestId());
        json.put("project_id", context.projectId());
        ArrayNode roles = json.putArray("roles");
        context.roles().forEach(roles::add);
        json.put("admin", context.admin());
        return json;
    }

    public static RequestContext read(JsonNode json) {
        if (json == null || !json.isObject()) {
            return RequestContext.noAuth("registry");
        }
        Set<String> roles = new LinkedHashSet<>();
        JsonNode node = json.get("roles");
        if (node != null && node.isArray()) {
            node.forEach(role -> roles.add(role.asText()));
        }
        String requestId = Json.text(json, "request_id");
        return new RequestContext(requestId == null ? "registry" : requestId, Json.text(json, "project_id"), roles,
                Json.flag(json, "admin", false));
    }
}
