package io.glance.http.v2;

import io.glance.domain.NotFoundException;
import io.glance.http.common.MethodNotAllowed;
import io.glance.http.common.PathParameters;
import io.glance.http.common.RequestBodies;
import io.glance.http.common.RequestContexts;
import io.glance.http.errors.HttpStatusException;
import io.glance.ports.in.ImageCatalog;
import io.glance.ports.in.StoreInfo;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import static java.util.Objects.requireNonNull;

/**
 * DELETE /v2/stores/{store}/{id} (API 2.10). Without multi-store it is Glance's 404; with multi-store it is not
 * implemented yet (no port deletes one location), which the client learns as a 501 once the image is known to
 * exist, never as a silent success.
 */
final class StoresService implements HttpService {
    private final ImageCatalog catalog;
    private final StoreInfo storeInfo;

    StoresService(ImageCatalog catalog, StoreInfo storeInfo) {
        this.catalog = requireNonNull(catalog, "catalog is null");
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
        catalog.show(RequestContexts.of(req), PathParameters.imageId(req));
        throw new HttpStatusException(501, "Deleting the data of image " + PathParameters.get(req, "id")
                + " from store " + PathParameters.get(req, "store") + " alone is not implemented by this server.");
    }
}
