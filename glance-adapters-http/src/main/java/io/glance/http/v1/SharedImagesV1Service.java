package io.glance.http.v1;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glance.domain.ImageId;
import io.glance.http.common.Json;
import io.glance.http.common.JsonResponses;
import io.glance.http.common.PathParameters;
import io.glance.http.common.RequestBodies;
import io.glance.http.common.RequestContexts;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import static java.util.Objects.requireNonNull;

/** GET /v1/shared-images/M: {@code {"shared_images": [{"image_id", "can_share"}]}}. */
final class SharedImagesV1Service implements HttpService {
    private final V1Memberships memberships;

    SharedImagesV1Service(V1Memberships memberships) {
        this.memberships = requireNonNull(memberships, "memberships is null");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/{member}", this::list);
    }

    private void list(ServerRequest req, ServerResponse res) {
        RequestBodies.requireNone(req);
        ObjectNode body = Json.object();
        ArrayNode rendered = body.putArray("shared_images");
        for (ImageId id : memberships.sharedWith(RequestContexts.of(req), PathParameters.get(req, "member"))) {
            rendered.addObject().put("image_id", id.value()).put("can_share", false);
        }
        JsonResponses.send(res, Status.OK_200, body);
    }
}
