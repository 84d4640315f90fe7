package io.glance.http.v2;

import io.glance.domain.NotFoundException;
import io.glance.http.common.MethodNotAllowed;
import io.glance.http.common.PathParameters;
import io.glance.http.common.RequestBodies;
import io.glance.http.common.RequestContexts;
import io.glance.ports.in.ImageData;
import io.glance.ports.in.StoreInfo;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import static java.util.Objects.requireNonNull;

/**
 * DELETE /v2/stores/{store}/{id} (API 2.10): removes an image's data from one store. Without multi-store it is
 * Glance's 404; the rules of the removal live in the use case.
 */
final class StoresService implements HttpService {
    private final ImageData data;
    private final StoreInfo storeInfo;

    StoresService(ImageData data, StoreInfo storeInfo) {
        this.data = requireNonNull(data, "data is null");
        this.storeInfo = requireNonNull(storeInfo, "storeInfo is null");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.delete("/{store}/{id}", this::deleteFromStore)
                .any("/{store}/{id}", MethodNotAllowed.allowing("DELETE"));
    }

    private void deleteFromStore(ServerRequest req, ServerResponse res) {
        RequestBodies.requireNone(req);
        if (!storeInfo.multiStore()) {
            throw new NotFoundException("Multi backend is not supported at this site.");
        }
        data.deleteFromStore(RequestContexts.of(req), PathParameters.imageId(req), PathParameters.get(req, "store"));
        res.status(Status.NO_CONTENT_204).send();
    }
}
