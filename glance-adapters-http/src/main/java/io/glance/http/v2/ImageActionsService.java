package io.glance.http.v2;

import io.glance.http.common.MethodNotAllowed;
import io.glance.http.common.PathParameters;
import io.glance.http.common.RequestBodies;
import io.glance.http.common.RequestContexts;
import io.glance.ports.in.ImageActivation;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import static java.util.Objects.requireNonNull;

/** POST /v2/images/{id}/actions/deactivate and /reactivate (spec §2.5): 204 without a body. */
final class ImageActionsService implements HttpService {
    private final ImageActivation activation;

    ImageActionsService(ImageActivation activation) {
        this.activation = requireNonNull(activation, "activation is null");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/{id}/actions/deactivate", this::deactivate)
                .any("/{id}/actions/deactivate", MethodNotAllowed.allowing("POST"))
                .post("/{id}/actions/reactivate", this::reactivate)
                .any("/{id}/actions/reactivate", MethodNotAllowed.allowing("POST"));
    }

    private void deactivate(ServerRequest req, ServerResponse res) {
        RequestBodies.requireNone(req);
        activation.deactivate(RequestContexts.of(req), PathParameters.imageId(req));
        res.status(Status.NO_CONTENT_204).send();
    }

    private void reactivate(ServerRequest req, ServerResponse res) {
        RequestBodies.requireNone(req);
        activation.reactivate(RequestContexts.of(req), PathParameters.imageId(req));
        res.status(Status.NO_CONTENT_204).send();
    }
}
