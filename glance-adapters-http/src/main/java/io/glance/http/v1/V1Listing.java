package io.glance.http.v1;

import io.glance.domain.Image;
import io.glance.domain.NotFoundException;
import io.glance.domain.RequestContext;
import io.glance.domain.InvalidInputException;
import io.glance.http.common.DiabloListRequest;
import io.glance.ports.in.ImageCatalog;
import io.glance.ports.out.ImageQuery;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Runs a {@link DiabloListRequest} over the catalog: checks first that the marker names a visible image (Diablo:
 * unknown marker → 400).
 */
final class V1Listing {
    private final ImageCatalog catalog;

    V1Listing(ImageCatalog catalog) {
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    List<Image> list(RequestContext context, DiabloListRequest request) {
        ImageQuery query = request.query();
        if (query.marker() != null) {
            try {
                catalog.show(context, query.marker());
            } catch (NotFoundException e) {
                throw new InvalidInputException("Invalid marker '" + query.marker() + "': image could not be found");
            }
        }
        return request.collect(page -> catalog.list(context, page));
    }
}
