package io.glance.http.metadefs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glance.domain.metadef.MetadefObject;
import io.glance.http.ApiSettings;
import io.glance.http.common.Json;
import io.glance.http.common.JsonBodies;
import io.glance.http.common.JsonResponses;
import io.glance.http.common.MethodNotAllowed;
import io.glance.http.common.PathParameters;
import io.glance.http.common.RequestBodies;
import io.glance.http.common.RequestContexts;
import io.glance.ports.in.metadef.MetadefObjects;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import static java.util.Objects.requireNonNull;

/** /v2/metadefs/namespaces/{ns}/objects[/{name}] (spec §6). */
final class ObjectsService implements HttpService {
    private final MetadefObjects objects;
    private final ApiSettings settings;

    ObjectsService(MetadefObjects objects, ApiSettings settings) {
        this.objects = requireNonNull(objects, "objects is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/namespaces/{ns}/objects", this::list)
                .post("/namespaces/{ns}/objects", this::create)
                .delete("/namespaces/{ns}/objects", this::deleteAll)
                .any("/namespaces/{ns}/objects", MethodNotAllowed.allowing("GET, POST, DELETE"))
                .get("/namespaces/{ns}/objects/{name}", this::show)
                .put("/namespaces/{ns}/objects/{name}", this::update)
                .delete("/namespaces/{ns}/objects/{name}", this::delete)
                .any("/namespaces/{ns}/objects/{name}", MethodNotAllowed.allowing("GET, PUT, DELETE"));
    }

    private void list(ServerRequest req, ServerResponse res) {
        MetadefQueries.checkObjectList(req.query());
        String namespace = PathParameters.get(req, "ns");
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("objects");
        objects.list(RequestContexts.of(req), namespace)
                .forEach(object -> items.add(MetadefViews.object(namespace, object, "")));
        body.put("schema", "/v2/schemas/metadefs/objects");
        JsonResponses.send(res, Status.OK_200, body);
    }

    private void create(ServerRequest req, ServerResponse res) {
        String namespace = PathParameters.get(req, "ns");
        MetadefObject created = objects.create(RequestContexts.of(req), namespace,
                MetadefBodies.object(JsonBodies.require(req, settings.maxJsonBodyBytes()), true));
        JsonResponses.send(res, Status.CREATED_201, MetadefViews.object(namespace, created, ""));
    }

    private void show(ServerRequest req, ServerResponse res) {
        RequestBodies.requireNone(req);
        String namespace = PathParameters.get(req, "ns");
        MetadefObject object = objects.show(RequestContexts.of(req), namespace, PathParameters.get(req, "name"));
        JsonResponses.send(res, Status.OK_200, MetadefViews.object(namespace, object, ""));
    }

    private void update(ServerRequest req, ServerResponse res) {
        String namespace = PathParameters.get(req, "ns");
        MetadefObject updated = objects.update(RequestContexts.of(req), namespace, PathParameters.get(req, "name"),
                MetadefBodies.object(JsonBodies.require(req, settings.maxJsonBodyBytes()), true));
        JsonResponses.send(res, Status.OK_200, MetadefViews.object(namespace, updated, ""));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        RequestBodies.requireNone(req);
        objects.delete(RequestContexts.of(req), PathParameters.get(req, "ns"), PathParameters.get(req, "name"));
        res.status(Status.NO_CONTENT_204).send();
    }

    private void deleteAll(ServerRequest req, ServerResponse res) {
        objects.deleteAll(RequestContexts.of(req), PathParameters.get(req, "ns"));
        res.status(Status.NO_CONTENT_204).send();
    }
}
