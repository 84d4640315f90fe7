package io.glance.http.v2;

import com.fasterxml.jackson.databind.JsonNode;
import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.http.errors.HttpStatusException;
import io.glance.domain.RequestContext;
import io.glance.http.ApiSettings;
import io.glance.http.common.GlanceHeaders;
import io.glance.http.common.JsonBodies;
import io.glance.http.common.JsonResponses;
import io.glance.http.common.MethodNotAllowed;
import io.glance.http.common.PathParameters;
import io.glance.http.common.RequestBodies;
import io.glance.http.common.RequestContexts;
import io.glance.http.common.RequestUrls;
import io.glance.http.common.StageHostProxy;
import io.glance.ports.in.ImageCatalog;
import io.glance.ports.in.ImageImport;
import io.glance.ports.in.ImageLocations;
import io.glance.ports.in.PatchOperation;
import io.glance.ports.in.StoreDescription;
import io.glance.ports.in.StoreInfo;
import io.glance.ports.out.ImageQuery;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/** /v2/images and /v2/images/{id}: list, create, show, update (JSON patch) and delete (spec §2.1, §2.2, §3). */
final class ImagesService implements HttpService {
    private static final Logger LOG = Logger.getLogger(ImagesService.class.getName());
    private final ImageCatalog catalog;
    private final ImageLocations locations;
    private final StoreInfo storeInfo;
    private final ImageSchemaValidator schema;
    private final ApiSettings settings;
    private final ImageImport imports;
    private final StageHostProxy stageHosts;

    ImagesService(ImageCatalog catalog, ImageLocations locations, StoreInfo storeInfo, ImageImport imports,
                  ImageSchemaValidator schema, ApiSettings settings, StageHostProxy stageHosts) {
        this.stageHosts = requireNonNull(stageHosts, "stageHosts is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.locations = requireNonNull(locations, "locations is null");
        this.storeInfo = requireNonNull(storeInfo, "storeInfo is null");
        this.imports = requireNonNull(imports, "imports is null");
        this.schema = requireNonNull(schema, "schema is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
                .post("/", this::create)
                .any("/", MethodNotAllowed.allowing("GET, POST"))
                .get("/{id}", this::show)
                .patch("/{id}", this::update)
                .delete("/{id}", this::delete)
                .any("/{id}", MethodNotAllowed.allowing("GET, PATCH, DELETE"));
    }

    private void list(ServerRequest req, ServerResponse res) {
        RequestBodies.requireNone(req);
        ImageQuery query = ImageListRequest.parse(req.query(), settings);
        List<Image> images = catalog.list(RequestContexts.of(req), query);
        boolean multiStore = storeInfo.multiStore();
        PageLinks links = PageLinks.of(req.query().rawValue());
        String next = !images.isEmpty() && images.size() == query.limit() ? links.next(images.getLast().id()) : null;
        JsonResponses.stream(res, Status.OK_200, json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("images");
            for (Image image : images) {
                ImageJson.write(json, image, multiStore, settings);
            }
            json.writeEndArray();
            json.writeStringField("first", links.first());
            json.writeStringField("schema", "/v2/schemas/images");
            if (next != null) {
                json.writeStringField("next", next);
            }
            json.writeEndObject();
        });
    }

    private void create(ServerRequest req, ServerResponse res) {
        JsonNode body = JsonBodies.require(req, settings.maxJsonBodyBytes());
        RequestContext context = RequestContexts.of(req);
        Image image = catalog.create(context, CreateImageRequest.parse(body, schema));
        res.headers().set(HeaderNames.LOCATION, RequestUrls.base(req) + ImageJson.selfPath(image));
        // OpenStack-image-import-methods: how openstackclient decides whether `image create --import` can work.
        if (!imports.enabledMethods().isEmpty()) {
            res.headers().set(GlanceHeaders.IMPORT_METHODS, String.join(",", imports.enabledMethods()));
        }
        if (storeInfo.multiStore()) {
            res.headers().set(GlanceHeaders.STORE_IDS, storeInfo.stores(context).stream()
                    .map(StoreDescription::id)
                    .filter(id -> !id.startsWith(ImageAttributes.RESERVED_NAMESPACE))
                    .collect(Collectors.joining(",")));
        }
        JsonResponses.send(res, Status.CREATED_201, ImageJson.render(image, storeInfo.multiStore(), settings));
    }

    private void show(ServerRequest req, ServerResponse res) {
        RequestBodies.requireNone(req);
        Image image = catalog.show(RequestContexts.of(req), PathParameters.imageId(req));
        JsonResponses.send(res, Status.OK_200, ImageJson.render(image, storeInfo.multiStore(), settings));
    }

    private void update(ServerRequest req, ServerResponse res) {
        PatchMediaType dialect = PatchMediaType.of(req.headers().contentType());
        JsonNode body = JsonBodies.require(req, settings.maxJsonBodyBytes());
        List<PatchRequest.Change> changes = PatchRequest.decode(dialect, body);
        RequestContext context = RequestContexts.of(req);
        ImageId id = PathParameters.imageId(req);
        List<PatchRequest.Change> locationChanges = List.of();
        if (PatchRequest.touchesLocations(changes)) {
            // An invisible image is a 404 before anything about its locations is said.
            catalog.show(context, id);
            if (settings.showMultipleLocations()) {
                locationChanges = changes.stream().filter(PatchRequest::isLocationChange).toList();
                changes = changes.stream().filter(change -> !PatchRequest.isLocationChange(change)).toList();
            }
        }
        List<PatchOperation> operations = PatchRequest.toOperations(dialect, changes, schema);
        Image image = operations.isEmpty() && !locationChanges.isEmpty() ? null
                : catalog.update(context, id, operations);
        if (!locationChanges.isEmpty()) {
            LocationChanges.apply(locations, context, id, locationChanges);
            image = catalog.show(context, id);
        }
        JsonResponses.send(res, Status.OK_200, ImageJson.render(image, storeInfo.multiStore(), settings));
    }

    /**
     * An image staged on another node is deleted there, which also removes its staged data (Glance's
     * {@code _delete_image_on_remote}); when that node cannot be reached, the image is deleted here and the staged
     * data stays behind on that node (until its next start), as in Glance.
     */
    private void delete(ServerRequest req, ServerResponse res) {
        RequestBodies.requireNone(req);
        ImageId id = PathParameters.imageId(req);
        Optional<URI> stageHost = stageHosts.target(req, id);
        if (stageHost.isPresent()) {
            try {
                stageHosts.relay(stageHosts.forward(req, res, stageHost.get(), HttpRequest.BodyPublishers.noBody()),
                        res);
                return;
            } catch (HttpStatusException e) {
                LOG.warning("Image " + id + " is deleted here; its staged data stays on " + stageHost.get() + ": "
                        + e.getMessage());
            }
        }
        catalog.delete(RequestContexts.of(req), id);
        res.status(Status.NO_CONTENT_204).send();
    }
}
