package io.glance.http.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glance.domain.InvalidInputException;
import io.glance.domain.NotFoundException;
import io.glance.http.ApiSettings;
import io.glance.http.common.Json;
import io.glance.http.common.JsonBodies;
import io.glance.http.common.JsonResponses;
import io.glance.http.common.MethodNotAllowed;
import io.glance.http.common.PathParameters;
import io.glance.http.common.RequestBodies;
import io.glance.http.common.RequestContexts;
import io.glance.ports.in.ImageCatalog;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The interoperable image import routes (spec §2.4) as Glance answers them when no import method is enabled, which
 * is this server's configuration until import is implemented: {@code enabled_import_methods} is empty, /v2/info/import
 * lists nothing, POST /v2/images sends no {@code OpenStack-image-import-methods}, so neither glanceclient nor
 * openstackclient offers import. PUT /stage is 404 (glance-direct disabled), POST /import is 400 for any method,
 * and GET /tasks lists no tasks.
 */
final class ImageImportService implements HttpService {
    /** Glance's {@code enabled_import_methods}, empty here. */
    static final List<String> ENABLED_IMPORT_METHODS = List.of();

    private final ImageCatalog catalog;
    private final ApiSettings settings;

    ImageImportService(ImageCatalog catalog, ApiSettings settings) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.put("/{id}/stage", this::stage)
                .any("/{id}/stage", MethodNotAllowed.allowing("PUT"))
                .post("/{id}/import", this::importImage)
                .any("/{id}/import", MethodNotAllowed.allowing("POST"))
                .get("/{id}/tasks", this::tasks)
                .any("/{id}/tasks", MethodNotAllowed.allowing("GET"));
    }

    private void stage(ServerRequest req, ServerResponse res) {
        throw new NotFoundException("'glance-direct' method is not available at this site.");
    }

    /** Glance validates the body before it looks at the image, so an unknown method is a 400 for any image. */
    private void importImage(ServerRequest req, ServerResponse res) {
        JsonNode body = JsonBodies.require(req, settings.maxJsonBodyBytes());
        JsonNode method = body.get("method");
        if (method == null) {
            throw new InvalidInputException("Import request requires a 'method' field.");
        }
        JsonNode name = method.get("name");
        if (name == null) {
            throw new InvalidInputException("Import request requires a 'name' field.");
        }
        throw new InvalidInputException("Unknown import method name '" + (name.isTextual() ? name.textValue() : name)
                + "'. Enabled import methods: " + ENABLED_IMPORT_METHODS);
    }

    private void tasks(ServerRequest req, ServerResponse res) {
        RequestBodies.requireNone(req);
        catalog.show(RequestContexts.of(req), PathParameters.imageId(req));
        ObjectNode body = Json.object();
        body.putArray("tasks");
        JsonResponses.send(res, Status.OK_200, body);
    }
}
