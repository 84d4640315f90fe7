package io.glance.http.v1;

import io.glance.domain.Image;
import io.glance.domain.NotFoundException;
import io.glance.domain.RequestContext;
import io.glance.domain.InvalidInputException;
import io.glance.ports.in.ImageCatalog;
import io.glance.ports.out.ImageQuery;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Runs a {@link V1ListRequest}: checks the marker names a visible image (Diablo: unknown marker → 400), then reads
 * pages until the page is full of images the request keeps. Only {@code is_public=False} ever drops images, so
 * usually one page is read.
 */
final class V1Listing {
    private final ImageCatalog catalog;

    V1Listing(ImageCatalog catalog) {
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    List<Image> list(RequestContext context, V1ListRequest request) {
        ImageQuery query = request.query();
        if (query.marker() != null) {
            try {
                catalog.show(context, query.marker());
            } catch (NotFoundException e) {
                throw new InvalidInputException("Invalid marker '" + query.marker() + "': image could not be found");
            }
        }
        List<Image> kept = new ArrayList<>();
        if (query.limit() == 0) {
            return kept;
        }
        ImageQuery page = query;
        while (true) {
            List<Image> images = catalog.list(context, page);
            for (Image image : images) {
                if (request.keep().test(image)) {
                    kept.add(image);
                    if (kept.size() == query.limit()) {
                        return kept;
                    }
                }
            }
            if (images.size() < page.limit()) {
                return kept;
            }
            page = new ImageQuery(page.filters(), page.visibility(), page.includeAllVisibility(),
                    page.memberStatus(), page.osHidden(), page.sort(), page.limit(), images.getLast().id());
        }
    }
}
