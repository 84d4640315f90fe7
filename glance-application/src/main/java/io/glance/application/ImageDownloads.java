package io.glance.application;

import io.glance.application.ImagePolicy.ImageRule;
import io.glance.application.cache.ImageCaching;
import io.glance.domain.ForbiddenException;
import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.ImageLocation;
import io.glance.domain.ImageStatus;
import io.glance.domain.InvalidInputException;
import io.glance.domain.NotFoundException;
import io.glance.domain.RequestContext;
import io.glance.domain.ServiceUnavailableException;
import io.glance.ports.in.ImageDownload;
import io.glance.ports.in.RangeRequest;
import io.glance.ports.out.ConfiguredStore;
import io.glance.ports.out.StoreRegistry;
import io.glance.store.spi.ByteRange;
import io.glance.store.spi.ObjectData;
import io.glance.store.spi.ObjectNotFoundException;
import io.glance.store.spi.StoreCapability;
import io.glance.store.spi.StoreUnavailableException;

import java.net.URI;
import java.util.Optional;
import java.util.logging.Logger;

import static java.util.Objects.requireNonNull;

/**
 * GET /v2/images/{id}/file (Glance v2 §2.3): whole or one byte range, from the first location whose store has the
 * object. No data, or data no store can find, is an empty answer (the API's 204), as in Glance, where a store's
 * NotFound becomes a 204. This node's image cache, when it has a verified copy, serves instead of the stores, and a
 * whole download from a store fills it.
 */
final class ImageDownloads {
    private static final Logger LOG = Logger.getLogger(ImageDownloads.class.getName());

    private final StoreRegistry stores;
    private final ImageAccess access;
    private final ImageCaching caching;

    ImageDownloads(StoreRegistry stores, ImageAccess access, ImageCaching caching) {
        this.stores = requireNonNull(stores, "stores is null");
        this.access = requireNonNull(access, "access is null");
        this.caching = requireNonNull(caching, "caching is null");
    }

    Optional<ImageDownload> download(RequestContext context, ImageId id, RangeRequest range) {
        return open(downloadable(context, id), range);
    }

    /** The image as the caller may see it, if it may download its data. */
    Image downloadable(RequestContext context, ImageId id) {
        Image image = access.properties().view(context, access.allowed(context, id, ImageRule.DOWNLOAD_IMAGE));
        if (image.status() == ImageStatus.DEACTIVATED && !context.admin()) {
            throw new ForbiddenException("The requested image " + id + " has been deactivated. Image data download"
                    + " is forbidden.");
        }
        return image;
    }

    Optional<ImageDownload> open(Image image, RangeRequest range) {
        ImageId id = image.id();
        if (image.status() != ImageStatus.ACTIVE && image.status() != ImageStatus.DEACTIVATED) {
            return Optional.empty();
        }
        Optional<ImageDownload> cached = caching.fromCache(image, range);
        if (cached.isPresent()) {
            return cached;
        }
        ServiceUnavailableException unavailable = null;
        for (ImageLocation location : image.locations()) {
            try {
                return Optional.of(caching.filling(open(image, location, range)));
            } catch (ObjectNotFoundException | NotFoundException e) {
                LOG.warning("Data of image " + id + " is missing at " + location.url() + ": " + e.getMessage());
            } catch (StoreUnavailableException e) {
                unavailable = new ServiceUnavailableException("Store holding the data of image " + id
                        + " is unavailable: " + e.getMessage(), e);
            }
        }
        if (unavailable != null) {
            throw unavailable;
        }
        return Optional.empty();
    }

    private ImageDownload open(Image image, ImageLocation location, RangeRequest range) {
        ConfiguredStore store = stores.storeFor(location);
        URI uri = URI.create(location.url());
        if (range == null) {
            ObjectData data = store.driver().get(uri, null);
            return new ImageDownload(image, data.stream(), 0, data.length(), data.objectSize(), false);
        }
        if (!store.supports(StoreCapability.READ_RANGE)) {
            throw new InvalidInputException("Store " + store.id() + " does not support ranged reads (requested "
                    + range.describe() + " of image " + image.id() + ")");
        }
        long size = image.size() != null ? image.size() : store.driver().size(uri);
        long[] resolved = range.resolve(size);
        ObjectData data = store.driver().get(uri, new ByteRange(resolved[0], resolved[1]));
        return new ImageDownload(image, data.stream(), resolved[0], data.length(), data.objectSize(), true);
    }
}
