package io.glance.registry.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glance.domain.RequestContext;

import java.io.IOException;
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
        return Json.tree(json -> write(context, json));
    }

    /** Writes the document to a generator, the one writer of it (glance-api sends it with every list). */
    public static void write(RequestContext context, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("request_id", context.requestId());
        json.writeStringField("project_id", context.projectId());
        json.writeArrayFieldStart("roles");
        for (String role : context.roles()) {
            json.writeString(role);
        }
        json.writeEndArray();
        json.writeBooleanField("admin", context.admin());
        json.writeEndObject();
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
