package io.glance.http.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.ImageStatus;
import io.glance.domain.InvalidInputException;
import io.glance.domain.NotFoundException;
import io.glance.domain.RequestContext;
import io.glance.http.ApiSettings;
import io.glance.http.common.DiabloListRequest;
import io.glance.http.common.Json;
import io.glance.http.common.JsonBodies;
import io.glance.http.common.JsonResponses;
import io.glance.http.common.RequestBodies;
import io.glance.ports.out.ImageRepository;
import io.glance.registry.protocol.ContextDocument;
import io.glance.registry.protocol.ImageDocument;
import io.glance.registry.protocol.QueryDocument;
import io.glance.registry.protocol.RegistryHeaders;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static java.util.Objects.requireNonNull;

/** /images of the Registry API: list (short and detail), search, show, create, update and delete. */
final class RegistryImagesService implements HttpService {
    private static final long MAX_BODY_BYTES = 4L * 1024 * 1024;
    /**
     * Pages up to this long are generated into a byte array and sent whole: glance-api's default page (25) and
     * glanceclient's (20) are, and the 64 KiB stream buffer Helidon allocated per answer cost more than their bytes.
     */
    private static final int SMALL_PAGE = 50;
    /** Everything a local admin may see: glance-registry trusts its caller, as Glance's registry did. */
    private static final RequestContext REGISTRY_ADMIN = RequestContext.noAuth("registry");

    private final ImageRepository repository;
    private final Clock clock;

    RegistryImagesService(ImageRepository repository, Clock clock) {
        this.repository = requireNonNull(repository, "repository is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::listShort)
                .get("/detail", this::listDetail)
                .post("/search", this::search)
                .post("/", this::create)
                .get("/{id}", this::show)
                .put("/{id}", this::update)
                .delete("/{id}", this::delete);
    }

    void listShort(ServerRequest req, ServerResponse res) {
        ObjectNode body = Json.object();
        ArrayNode list = body.putArray("images");
        list(req).forEach(image -> list.add(ImageDocument.writeShort(image)));
        JsonResponses.send(res, Status.OK_200, body);
    }

    private void listDetail(ServerRequest req, ServerResponse res) {
        send(res, list(req));
    }

    private List<Image> list(ServerRequest req) {
        return DiabloListRequest.parse(req.query(), ApiSettings.defaults())
                .collect(page -> repository.list(page, REGISTRY_ADMIN));
    }

    /** The exact query of a remote repository's {@code list}, with the caller it lists for. */
    private void search(ServerRequest req, ServerResponse res) {
        JsonNode body = JsonBodies.require(req, MAX_BODY_BYTES);
        List<Image> images = repository.list(QueryDocument.read(body.get("query")),
                ContextDocument.read(body.get("context")));
        send(res, images);
    }

    private void show(ServerRequest req, ServerResponse res) {
        sendImage(res, existing(imageId(req)));
    }

    /**
     * Cactus: 200 (not 201), status {@code active} unless given, Cactus's format rules. A whole image from the
     * registry client ({@link RegistryHeaders#WHOLE_IMAGE}) is stored as the API made it and answered 204.
     */
    private void create(ServerRequest req, ServerResponse res) {
        boolean whole = req.headers().first(HeaderNames.create(RegistryHeaders.WHOLE_IMAGE))
                .map("true"::equalsIgnoreCase).orElse(false);
        if (whole) {
            // The caller made the image and keeps it: reading it back and sending it cost the registry a query and
            // both sides a JSON document per create, for an answer the registry client never read.
            repository.create(WholeImageBody.read(RequestBodies.readSmall(req, MAX_BODY_BYTES), now()));
            res.status(Status.NO_CONTENT_204).send();
            return;
        }
        Image image = ImageDocument.read(imageOf(JsonBodies.require(req, MAX_BODY_BYTES)), now());
        repository.create(RegistryRules.validated(image));
        sendImage(res, repository.findById(image.id()).orElse(image));
    }

    private void update(ServerRequest req, ServerResponse res) {
        ImageId id = imageId(req);
        JsonNode body = JsonBodies.require(req, MAX_BODY_BYTES);
        String expectedStatus = req.headers().first(HeaderNames.create(RegistryHeaders.EXPECTED_STATUS)).orElse(null);
        boolean ifUnchanged = req.headers().first(HeaderNames.create(RegistryHeaders.IF_UNCHANGED))
                .map("true"::equalsIgnoreCase).orElse(false);
        Image stored;
        if (ifUnchanged) {
            Image changed = sameId(id, ImageDocument.read(imageOf(body), now()));
            Image read = sameId(id, ImageDocument.read(body.get("read"), now()));
            // Whole images from the registry client: the API already applied its own rules.
            stored = repository.updateIfUnchanged(read, changed);
        } else if (expectedStatus != null) {
            Image image = sameId(id, ImageDocument.read(imageOf(body), now()));
            stored = repository.update(image, ImageDocument.status(expectedStatus));
        } else {
            Image current = existing(id);
            boolean purge = req.headers().first(HeaderNames.create(RegistryHeaders.PURGE_PROPS))
                    .map("true"::equalsIgnoreCase).orElse(false);
            Image merged = RegistryRules.validated(CactusUpdate.merge(current, imageOf(body), purge, now()));
            stored = repository.update(merged, current.status());
        }
        sendImage(res, stored);
    }

    /** Soft delete: the id stays reserved; Cactus answers 200 with an empty body. */
    private void delete(ServerRequest req, ServerResponse res) {
        Image current = existing(imageId(req));
        repository.update(current.markDeleted(now()), current.status());
        res.status(Status.OK_200).send();
    }

    private Image existing(ImageId id) {
        return repository.findById(id).orElseThrow(() -> new NotFoundException("Image " + id.value()
                + " not found"));
    }

    private static Image sameId(ImageId path, Image image) {
        if (!image.id().equals(path)) {
            throw new InvalidInputException("The image id in the body (" + image.id().value()
                    + ") differs from the one in the path (" + path.value() + ")");
        }
        return image;
    }

    private static JsonNode imageOf(JsonNode body) {
        JsonNode image = body.get("image");
        if (image == null || !image.isObject()) {
            throw new InvalidInputException("Expected a body of the form {\"image\": {...}}, got " + body);
        }
        return image;
    }

    static ImageId imageId(ServerRequest req) {
        String value = req.path().pathParameters().get("id");
        if (!ImageId.isValid(value)) {
            throw new NotFoundException("Image " + value + " not found");
        }
        return new ImageId(value);
    }

    /** Microseconds, what both databases keep, so that what is answered equals what is stored. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * {@code {"images": [...]}} without a tree per image: a page of up to {@link #SMALL_PAGE} images (a list of 25
     * is about 14 KB) as one byte array, a longer one written to the response as it is generated (no copy of the whole).
     */
    private static void send(ServerResponse res, List<Image> images) {
        JsonResponses.Body body = json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("images");
            for (Image image : images) {
                ImageDocument.write(image, json);
            }
            json.writeEndArray();
            json.writeEndObject();
        };
        if (images.size() <= SMALL_PAGE) {
            JsonResponses.sendSmall(res, Status.OK_200, body);
        } else {
            JsonResponses.stream(res, Status.OK_200, body);
        }
    }

    private static void sendImage(ServerResponse res, Image image) {
        JsonResponses.sendSmall(res, Status.OK_200, json -> {
            json.writeStartObject();
            json.writeFieldName("image");
            ImageDocument.write(image, json);
            json.writeEndObject();
        });
    }
}
