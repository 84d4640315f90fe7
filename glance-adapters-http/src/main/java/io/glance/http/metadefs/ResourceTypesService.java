package io.glance.http.metadefs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glance.domain.metadef.ResourceTypeAssociation;
import io.glance.http.ApiSettings;
import io.glance.http.common.Json;
import io.glance.http.common.JsonBodies;
import io.glance.http.common.JsonResponses;
import io.glance.http.common.MethodNotAllowed;
import io.glance.http.common.PathParameters;
import io.glance.http.common.RequestBodies;
import io.glance.http.common.RequestContexts;
import io.glance.ports.in.metadef.MetadefResourceTypes;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import static java.util.Objects.requireNonNull;

/** /v2/metadefs/resource_types and a namespace's associations with them (spec §8). */
final class ResourceTypesService implements HttpService {
    private final MetadefResourceTypes resourceTypes;
    private final ApiSettings settings;

    ResourceTypesService(MetadefResourceTypes resourceTypes, ApiSettings settings) {
        this.resourceTypes = requireNonNull(resourceTypes, "resourceTypes is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/resource_types", this::list)
                .any("/resource_types", MethodNotAllowed.allowing("GET"))
                .get("/namespaces/{ns}/resource_types", this::associations)
                .post("/namespaces/{ns}/resource_types", this::associate)
                .any("/namespaces/{ns}/resource_types", MethodNotAllowed.allowing("GET, POST"))
                .delete("/namespaces/{ns}/resource_types/{rt}", this::dissociate)
                .any("/namespaces/{ns}/resource_types/{rt}", MethodNotAllowed.allowing("DELETE"));
    }

    private void list(ServerRequest req, ServerResponse res) {
        RequestBodies.requireNone(req);
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("resource_types");
        resourceTypes.list(RequestContexts.of(req)).forEach(type -> items.add(MetadefViews.resourceType(type)));
        JsonResponses.send(res, Status.OK_200, body);
    }

    private void associations(ServerRequest req, ServerResponse res) {
        RequestBodies.requireNone(req);
        ObjectNode body = Json.object();
        body.set("resource_type_associations", MetadefViews.associations(
                resourceTypes.associations(RequestContexts.of(req), PathParameters.get(req, "ns"))));
        JsonResponses.send(res, Status.OK_200, body);
    }

    private void associate(ServerRequest req, ServerResponse res) {
        ResourceTypeAssociation created = resourceTypes.associate(RequestContexts.of(req),
                PathParameters.get(req, "ns"),
                MetadefBodies.association(JsonBodies.require(req, settings.maxJsonBodyBytes())));
        JsonResponses.send(res, Status.CREATED_201, MetadefViews.association(created));
    }

    private void dissociate(ServerRequest req, ServerResponse res) {
        RequestBodies.requireNone(req);
        resourceTypes.dissociate(RequestContexts.of(req), PathParameters.get(req, "ns"),
                PathParameters.get(req, "rt"));
        res.status(Status.NO_CONTENT_204).send();
    }
}
