package io.glance.http.metadefs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glance.domain.metadef.MetadefNamespace;
import io.glance.domain.metadef.NamespaceDocument;
import io.glance.domain.metadef.ResourceTypeAssociation;
import io.glance.http.ApiSettings;
import io.glance.http.common.Json;
import io.glance.http.common.JsonBodies;
import io.glance.http.common.JsonResponses;
import io.glance.http.common.MethodNotAllowed;
import io.glance.http.common.PathParameters;
import io.glance.http.common.RequestBodies;
import io.glance.http.common.RequestContexts;
import io.glance.http.common.RequestUrls;
import io.glance.ports.in.metadef.MetadefNamespaces;
import io.glance.ports.in.metadef.NamespaceListCommand;
import io.glance.ports.in.metadef.NamespacePage;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** /v2/metadefs/namespaces and /v2/metadefs/namespaces/{ns} (spec §3). */
final class NamespacesService implements HttpService {
    private final MetadefNamespaces namespaces;
    private final ApiSettings settings;

    NamespacesService(MetadefNamespaces namespaces, ApiSettings settings) {
        this.namespaces = requireNonNull(namespaces, "namespaces is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/namespaces", this::list)
                .post("/namespaces", this::create)
                .any("/namespaces", MethodNotAllowed.allowing("GET, POST"))
                .get("/namespaces/{ns}", this::show)
                .put("/namespaces/{ns}", this::update)
                .delete("/namespaces/{ns}", this::delete)
                .any("/namespaces/{ns}", MethodNotAllowed.allowing("GET, PUT, DELETE"));
    }

    private void list(ServerRequest req, ServerResponse res) {
        NamespaceListCommand command = MetadefQueries.namespaces(req.query(), settings);
        NamespacePage page = namespaces.list(RequestContexts.of(req), command);
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("namespaces");
        for (MetadefNamespace namespace : page.namespaces()) {
            ObjectNode item = MetadefViews.namespace(namespace);
            List<ResourceTypeAssociation> associations = page.associations().get(namespace.namespace());
            if (associations != null && !associations.isEmpty()) {
                item.set("resource_type_associations", MetadefViews.associations(associations));
            }
            items.add(item);
        }
        NamespaceLinks links = NamespaceLinks.of(req.query().rawValue());
        body.put("first", links.first());
        body.put("schema", "/v2/schemas/metadefs/namespaces");
        if (!page.namespaces().isEmpty() && page.namespaces().size() == command.limit()) {
            body.put("next", links.next(page.namespaces().getLast().namespace()));
        }
        JsonResponses.send(res, Status.OK_200, body);
    }

    private void create(ServerRequest req, ServerResponse res) {
        NamespaceDocument created = namespaces.create(RequestContexts.of(req),
                MetadefBodies.namespace(JsonBodies.require(req, settings.maxJsonBodyBytes())));
        String name = created.namespace().namespace();
        res.headers().set(HeaderNames.LOCATION, RequestUrls.base(req) + MetadefViews.self(name));
        JsonResponses.send(res, Status.CREATED_201,
                MetadefViews.namespaceWithContents(created.namespace(), created.contents(), ""));
    }

    private void show(ServerRequest req, ServerResponse res) {
        RequestBodies.requireNone(req);
        NamespaceDocument document = namespaces.show(RequestContexts.of(req), PathParameters.get(req, "ns"));
        String prefix = MetadefQueries.value(req.query(), "resource_type")
                .flatMap(type -> document.contents().associations().stream()
                        .filter(association -> association.name().equals(type)).findFirst())
                .map(ResourceTypeAssociation::prefix)
                .orElse("");
        JsonResponses.send(res, Status.OK_200,
                MetadefViews.namespaceWithContents(document.namespace(), document.contents(), prefix));
    }

    private void update(ServerRequest req, ServerResponse res) {
        MetadefNamespace updated = namespaces.update(RequestContexts.of(req), PathParameters.get(req, "ns"),
                MetadefBodies.namespace(JsonBodies.require(req, settings.maxJsonBodyBytes())));
        JsonResponses.send(res, Status.OK_200, MetadefViews.namespace(updated));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        RequestBodies.requireNone(req);
        namespaces.delete(RequestContexts.of(req), PathParameters.get(req, "ns"));
        res.status(Status.NO_CONTENT_204).send();
    }
}
