package io.glance.http.v2;

import io.glance.http.common.MethodNotAllowed;
import io.glance.http.common.PathParameters;
import io.glance.http.common.RequestBodies;
import io.glance.http.common.RequestContexts;
import io.glance.ports.in.ImageTags;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import static java.util.Objects.requireNonNull;

/** PUT and DELETE /v2/images/{id}/tags/{tag}: both 204 without a body. */
final class ImageTagsService implements HttpService {
    private final ImageTags tags;

    ImageTagsService(ImageTags tags) {
        this.tags = requireNonNull(tags, "tags is null");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.put("/{id}/tags/{tag}", this::add)
                .delete("/{id}/tags/{tag}", this::remove)
                .any("/{id}/tags/{tag}", MethodNotAllowed.allowing("PUT, DELETE"));
    }

    private void add(ServerRequest req, ServerResponse res) {
        RequestBodies.requireNone(req);
        tags.addTag(RequestContexts.of(req), PathParameters.imageId(req), PathParameters.get(req, "tag"));
        res.status(Status.NO_CONTENT_204).send();
    }

    private void remove(ServerRequest req, ServerResponse res) {
        RequestBodies.requireNone(req);
        tags.removeTag(RequestContexts.of(req), PathParameters.imageId(req), PathParameters.get(req, "tag"));
        res.status(Status.NO_CONTENT_204).send();
    }
}
