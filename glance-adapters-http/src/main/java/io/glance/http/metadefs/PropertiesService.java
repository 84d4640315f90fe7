package io.glance.http.metadefs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glance.domain.metadef.MetadefProperty;
import io.glance.http.ApiSettings;
import io.glance.http.common.Json;
import io.glance.http.common.JsonBodies;
import io.glance.http.common.JsonResponses;
import io.glance.http.common.MethodNotAllowed;
import io.glance.http.common.PathParameters;
import io.glance.http.common.RequestContexts;
import io.glance.ports.in.metadef.MetadefProperties;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import static java.util.Objects.requireNonNull;

/** /v2/metadefs/namespaces/{ns}/properties[/{name}] (spec §5). */
final class PropertiesService implements HttpService {
    private final MetadefProperties properties;
    private final ApiSettings settings;

    PropertiesService(MetadefProperties properties, ApiSettings settings) {
        this.properties = requireNonNull(properties, "properties is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/namespaces/{ns}/properties", this::list)
                .post("/namespaces/{ns}/properties", this::create)
                .delete("/namespaces/{ns}/properties", this::deleteAll)
                .any("/namespaces/{ns}/properties", MethodNotAllowed.allowing("GET, POST, DELETE"))
                .get("/namespaces/{ns}/properties/{name}", this::show)
                .put("/namespaces/{ns}/properties/{name}", this::update)
                .delete("/namespaces/{ns}/properties/{name}", this::delete)
                .any("/namespaces/{ns}/properties/{name}", MethodNotAllowed.allowing("GET, PUT, DELETE"));
    }

    private void list(ServerRequest req, ServerResponse res) {
        ObjectNode body = Json.object();
        body.set("properties", MetadefViews.properties(
                properties.list(RequestContexts.of(req), PathParameters.get(req, "ns")), ""));
        JsonResponses.send(res, Status.OK_200, body);
    }

    private void create(ServerRequest req, ServerResponse res) {
        MetadefProperty created = properties.create(RequestContexts.of(req), PathParameters.get(req, "ns"),
                MetadefBodies.property(JsonBodies.require(req, settings.maxJsonBodyBytes())));
        JsonResponses.send(res, Status.CREATED_201, MetadefViews.propertyWithName(created));
    }

    private void show(ServerRequest req, ServerResponse res) {
        String resourceType = MetadefQueries.value(req.query(), "resource_type").orElse(null);
        MetadefProperty property = properties.show(RequestContexts.of(req), PathParameters.get(req, "ns"),
                PathParameters.get(req, "name"), resourceType);
        JsonResponses.send(res, Status.OK_200, MetadefViews.propertyWithName(property));
    }

    private void update(ServerRequest req, ServerResponse res) {
        MetadefProperty updated = properties.update(RequestContexts.of(req), PathParameters.get(req, "ns"),
                PathParameters.get(req, "name"),
                MetadefBodies.property(JsonBodies.require(req, settings.maxJsonBodyBytes())));
        JsonResponses.send(res, Status.OK_200, MetadefViews.propertyWithName(updated));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        properties.delete(RequestContexts.of(req), PathParameters.get(req, "ns"), PathParameters.get(req, "name"));
        res.status(Status.NO_CONTENT_204).send();
    }

    private void deleteAll(ServerRequest req, ServerResponse res) {
        properties.deleteAll(RequestContexts.of(req), PathParameters.get(req, "ns"));
        res.status(Status.NO_CONTENT_204).send();
    }
}
