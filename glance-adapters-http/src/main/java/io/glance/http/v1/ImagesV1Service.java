package io.glance.http.v1;

import io.glance.domain.ConflictException;
import io.glance.domain.ForbiddenException;
import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.ImageStatus;
import io.glance.domain.NotFoundException;
import io.glance.domain.RequestContext;
import io.glance.http.ApiSettings;
import io.glance.http.common.DiabloListRequest;
import io.glance.http.data.DataResponder;
import io.glance.http.data.DataValidator;
import io.glance.http.common.JsonResponses;
import io.glance.http.common.MethodNotAllowed;
import io.glance.http.common.PathParameters;
import io.glance.http.common.RequestBodies;
import io.glance.http.common.RequestContexts;
import io.glance.ports.in.CreateImageCommand;
import io.glance.ports.in.ImageCatalog;
import io.glance.ports.in.ImageData;
import io.glance.ports.in.StoreInfo;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * /v1/images (spec §3.2 with Diablo's changes, §10): list and detail, POST (metadata and optionally data), HEAD
 * (metadata as headers), GET (data as a stream), PUT (metadata with property purge, data on a queued image), DELETE.
 */
final class ImagesV1Service implements HttpService {
    private final ImageCatalog catalog;
    private final ImageData data;
    private final StoreInfo storeInfo;
    private final V1DataIn dataIn;
    private final V1Listing listing;
    private final ApiSettings settings;
    private final DataResponder responder;

    ImagesV1Service(ImageCatalog catalog, ImageData data, StoreInfo storeInfo, V1DataIn dataIn,
                    ApiSettings settings, DataResponder responder) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.data = requireNonNull(data, "data is null");
        this.responder = requireNonNull(responder, "responder is null");
        this.storeInfo = requireNonNull(storeInfo, "storeInfo is null");
        this.dataIn = requireNonNull(dataIn, "dataIn is null");
        this.listing = new V1Listing(catalog);
        this.settings = requireNonNull(settings, "settings is null");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", (req, res) -> list(req, res, false))
                .post("/", this::create)
                .any("/", MethodNotAllowed.allowing("GET, POST"))
                .get("/detail", (req, res) -> list(req, res, true))
                .head("/{id}", this::head)
                .get("/{id}", this::download)
                .put("/{id}", this::update)
                .delete("/{id}", this::delete)
                .any("/{id}", MethodNotAllowed.allowing("GET, HEAD, PUT, DELETE"));
    }

    private void list(ServerRequest req, ServerResponse res, boolean detailed) {
        List<Image> images = listing.list(RequestContexts.of(req), DiabloListRequest.parse(req.query(), settings));
        JsonResponses.send(res, Status.OK_200, V1Json.list(images, detailed));
    }

    private void create(ServerRequest req, ServerResponse res) {
        RequestContext context = RequestContexts.of(req);
        V1Metadata meta = metadata(req);
        CreateImageCommand command = V1CreateRequest.command(meta);
        // Checked before anything is created: a bad store or size must not leave an image behind.
        String storeId = V1Store.resolve(storeInfo, context, meta);
        V1Fields.nonNegative(meta, "size");
        Image image;
        try {
            image = catalog.create(context, command);
        } catch (ConflictException e) {
            throw new ConflictException("An image with identifier " + command.id() + " already exists", e);
        }
        image = dataIn.receive(req, context, image, meta, storeId);
        sendImage(res, Status.CREATED_201, image);
    }

    private void update(ServerRequest req, ServerResponse res) {
        RequestContext context = RequestContexts.of(req);
        ImageId id = PathParameters.imageId(req);
        V1Metadata meta = metadata(req);
        Image current = catalog.show(context, id);
        if (RequestBodies.announced(req) && current.status() != ImageStatus.QUEUED) {
            throw new ConflictException("Cannot upload to an unqueued image: image " + id + " is "
                    + V1ImageView.status(current.status()));
        }
        String storeId = V1Store.resolve(storeInfo, context, meta);
        Image updated = catalog.update(context, id, V1UpdateRequest.operations(current, meta));
        updated = dataIn.receive(req, context, updated, meta, storeId);
        sendImage(res, Status.OK_200, updated);
    }

    /**
     * The metadata as headers; for an active image also what a GET would answer about its data (Content-Length,
     * validators, conditional requests), since HEAD and GET name the same resource.
     */
    private void head(ServerRequest req, ServerResponse res) {
        RequestContext context = RequestContexts.of(req);
        Image image = catalog.show(context, PathParameters.imageId(req));
        if (image.status() == ImageStatus.ACTIVE) {
            Optional<Image> downloadable = downloadable(context, image.id());
            if (downloadable.isPresent() && respondWithData(req, res, downloadable.get())) {
                return;
            }
        }
        setImageHeaders(res.headers(), image);
        res.status(Status.OK_200).send();
    }

    /** Diablo: only active images have data to give; anything else is a 404 saying so. */
    private void download(ServerRequest req, ServerResponse res) {
        RequestBodies.requireNone(req);
        ImageId id = PathParameters.imageId(req);
        RequestContext context = RequestContexts.of(req);
        Image image = catalog.show(context, id);
        // The download policy is checked by downloadable(), after the status: Diablo's 404 comes first.
        if (image.status() != ImageStatus.ACTIVE
                || !respondWithData(req, res, data.downloadable(context, id))) {
            throw new NotFoundException("Image " + id + " is not active");
        }
    }

    /** The image if the caller may download its data; a HEAD by someone who may not shows only the metadata. */
    private Optional<Image> downloadable(RequestContext context, ImageId id) {
        try {
            return Optional.of(data.downloadable(context, id));
        } catch (ForbiddenException | NotFoundException e) {
            return Optional.empty();
        }
    }

    private boolean respondWithData(ServerRequest req, ServerResponse res, Image image) {
        return responder.respond(req, res, image, DataValidator.v1(image), headers -> setImageHeaders(headers, image));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        RequestBodies.requireNone(req);
        catalog.delete(RequestContexts.of(req), PathParameters.imageId(req));
        res.status(Status.OK_200).send();
    }

    private static V1Metadata metadata(ServerRequest req) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (Header header : req.headers()) {
            headers.add(Map.entry(header.name(), header.get()));
        }
        return V1Headers.parse(headers);
    }

    private static void sendImage(ServerResponse res, Status status, Image image) {
        setLocationAndETag(res.headers(), image);
        JsonResponses.send(res, status, V1Json.image(image));
    }

    private static void setImageHeaders(ServerResponseHeaders headers, Image image) {
        V1Headers.render(image).forEach((name, value) -> headers.set(HeaderNames.create(name), value));
        setLocationAndETag(headers, image);
    }

    /**
     * The ETag is the md5 as Glance sends it, but quoted as RFC 9110 requires (Glance's bare hex is no entity-tag,
     * and caches would not use it as a validator); images without data have none.
     */
    private static void setLocationAndETag(ServerResponseHeaders headers, Image image) {
        headers.set(HeaderNames.LOCATION, "/v1/images/" + image.id());
        String etag = DataValidator.v1(image).etag();
        if (etag != null) {
            headers.set(HeaderNames.ETAG, etag);
        }
    }
}
