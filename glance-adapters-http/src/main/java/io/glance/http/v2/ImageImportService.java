package io.glance.http.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glance.domain.ImageId;
import io.glance.domain.InvalidInputException;
import io.glance.domain.RequestContext;
import io.glance.domain.task.Task;
import io.glance.http.ApiSettings;
import io.glance.http.common.GlanceHeaders;
import io.glance.http.common.Json;
import io.glance.http.common.JsonBodies;
import io.glance.http.common.JsonResponses;
import io.glance.http.common.MethodNotAllowed;
import io.glance.http.common.PathParameters;
import io.glance.http.common.RequestBodies;
import io.glance.http.common.RequestContexts;
import io.glance.http.common.StageHostProxy;
import io.glance.http.errors.HttpStatusException;
import io.glance.ports.in.ImageCatalog;
import io.glance.ports.in.ImageImport;
import io.glance.ports.in.ImportCommand;
import io.glance.ports.in.StoreInfo;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The interoperable image import routes (spec §2 and §3): PUT /stage streams the body to the staging area (as
 * PUT /file does to a store), POST /import checks the body's shape and hands it to the import use case (which checks
 * the rest in Glance's order), GET /tasks lists the image's tasks.
 */
final class ImageImportService implements HttpService {
    private static final String OCTET_STREAM = "application/octet-stream";

    private final ImageCatalog catalog;
    private final ImageImport imports;
    private final StoreInfo storeInfo;
    private final ApiSettings settings;
    private final StageHostProxy stageHosts;

    ImageImportService(ImageCatalog catalog, ImageImport imports, StoreInfo storeInfo, ApiSettings settings,
                       StageHostProxy stageHosts) {
        this.stageHosts = requireNonNull(stageHosts, "stageHosts is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.imports = requireNonNull(imports, "imports is null");
        this.storeInfo = requireNonNull(storeInfo, "storeInfo is null");
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
        ImageId id = PathParameters.imageId(req);
        if (!imports.enabledMethods().contains("glance-direct")) {
            throw new io.glance.domain.NotFoundException("'glance-direct' method is not available at this site.");
        }
        Optional<HttpMediaType> contentType = req.headers().contentType();
        String given = contentType.map(type -> type.mediaType().text()).orElse(null);
        if (!OCTET_STREAM.equalsIgnoreCase(given)) {
            throw new HttpStatusException(415, "Invalid content type " + given
                    + " (staged data must be sent as " + OCTET_STREAM + ")");
        }
        long declaredLength = req.headers().contentLength().orElse(-1);
        InputStream body = RequestBodies.announced(req) ? req.content().inputStream() : InputStream.nullInputStream();
        imports.stage(RequestContexts.of(req), id, body, declaredLength);
        res.status(Status.NO_CONTENT_204).send();
    }

    /** The body's shape first (Glance validates it before it looks at the image), then the use case. */
    private void importImage(ServerRequest req, ServerResponse res) {
        JsonNode body = JsonBodies.require(req, settings.maxJsonBodyBytes());
        ImageId id = PathParameters.imageId(req);
        if (!body.isObject()) {
            throw new InvalidInputException("Import request body must be a JSON object");
        }
        JsonNode method = body.get("method");
        if (method == null || !method.isObject()) {
            throw new InvalidInputException("Import request requires a 'method' field.");
        }
        JsonNode name = method.get("name");
        if (name == null) {
            throw new InvalidInputException("Import request requires a 'name' field.");
        }
        String methodName = name.isTextual() ? name.textValue() : name.toString();
        if (!imports.enabledMethods().contains(methodName)) {
            throw new InvalidInputException("Unknown import method name '" + methodName + "'.");
        }
        boolean allStores = bool(body, "all_stores", false);
        boolean allStoresMustSucceed = bool(body, "all_stores_must_succeed", true);
        List<String> stores = stores(body);
        String headerStore = req.headers().first(GlanceHeaders.IMAGE_META_STORE).map(String::strip)
                .filter(store -> !store.isEmpty()).orElse(null);
        ImportCommand command = new ImportCommand(methodName, text(method, "uri"), text(method, "glance_region"),
                text(method, "glance_image_id"), text(method, "glance_service_interface"), stores, allStores,
                allStoresMustSucceed, storeInfo.multiStore() ? headerStore : null, Json.string(body));
        if (methodName.equals("glance-direct")) {
            // Staged on another node: that node runs the import (it has the data), with the caller's credentials;
            // it checks everything below itself, against the same database.
            Optional<URI> stageHost = stageHosts.target(req, id);
            if (stageHost.isPresent()) {
                stageHosts.relay(stageHosts.forward(req, res, stageHost.get(),
                        HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body))), res);
                return;
            }
        }
        RequestContext context = RequestContexts.of(req);
        imports.importImage(context, id, command);
        res.status(Status.ACCEPTED_202).send();
    }

    private static boolean bool(JsonNode body, String field, boolean absent) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (!value.isBoolean()) {
            throw new InvalidInputException("'" + field + "' must be a JSON boolean, not " + value);
        }
        return value.booleanValue();
    }

    private static List<String> stores(JsonNode body) {
        JsonNode value = body.get("stores");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw new InvalidInputException("'stores' must be a list of store ids, not " + value);
        }
        List<String> stores = new ArrayList<>();
        for (JsonNode store : value) {
            if (!store.isTextual()) {
                throw new InvalidInputException("'stores' must be a list of store ids; " + store + " is not one");
            }
            stores.add(store.textValue());
        }
        return stores;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidInputException("'" + field + "' must be a string, not " + value);
        }
        return value.textValue();
    }

    private void tasks(ServerRequest req, ServerResponse res) {
        RequestBodies.requireNone(req);
        RequestContext context = RequestContexts.of(req);
        ImageId id = PathParameters.imageId(req);
        catalog.show(context, id);
        ObjectNode body = Json.object();
        ArrayNode tasks = body.putArray("tasks");
        for (Task task : imports.imageTasks(context, id)) {
            tasks.add(TaskJson.row(task));
        }
        JsonResponses.send(res, Status.OK_200, body);
    }
}
