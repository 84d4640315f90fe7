package io.glance.application;

import io.glance.application.ImagePolicy.ImageRule;
import io.glance.application.inspection.FormatInspectionSettings;
import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.ImageLocation;
import io.glance.domain.InvalidInputException;
import io.glance.domain.NotFoundException;
import io.glance.domain.RequestContext;
import io.glance.ports.in.ImageLocations;
import io.glance.ports.out.ConfiguredStore;
import io.glance.ports.out.ImageRepository;
import io.glance.ports.out.StoreRegistry;
import io.glance.store.spi.StoreCapability;
import io.glance.store.spi.StoreException;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Registers data that already lives at a URL. The URL must belong to a store that cannot write (the HTTP store):
 * deleting an image deletes its data in writable stores, so letting callers point an image at an object in Swift, S3
 * or the filesystem would let them delete another image's data (OSSN-0065) or read any local file. The store is asked
 * for the size before anything is saved, which also runs its access policy (the HTTP store's allow/deny lists).
 */
final class ImageLocationService implements ImageLocations {
    /** Schemes Glance itself refuses for user-supplied locations (path traversal fixes, 2014-15). */
    private static final Set<String> REFUSED_SCHEMES = Set.of("file", "filesystem", "swift+config");

    private final ImageRepository repository;
    private final StoreRegistry stores;
    private final ImageAccess access;
    private final StoredData storedData;
    private final Clock clock;
    private final Quotas quotas;
    private final LocationFormatCheck formatCheck;

    ImageLocationService(ImageRepository repository, StoreRegistry stores, ImageAccess access, StoredData storedData,
                         Clock clock, Quotas quotas, FormatInspectionSettings formats) {
        this.repository = requireNonNull(repository, "repository is null");
        this.stores = requireNonNull(stores, "stores is null");
        this.access = requireNonNull(access, "access is null");
        this.storedData = requireNonNull(storedData, "storedData is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.quotas = requireNonNull(quotas, "quotas is null");
        this.formatCheck = new LocationFormatCheck(formats);
    }

    @Override
    public Image addLocation(RequestContext context, ImageId id, String url, Long expectedSize) {
        requireNonNull(url, "url is null");
        Image image = access.owned(context, id, ImageRule.SET_IMAGE_LOCATION);
        quotas.checkLocations(image.locations().size(), image.locations().size() + 1);
        URI uri = checkedUri(url);
        ConfiguredStore store = readOnlyStoreFor(url);
        long size = sizeAt(store, uri, url);
        if (expectedSize != null && expectedSize != size) {
            throw new InvalidInputException("The size given for image " + id + " (" + expectedSize
                    + ") differs from the size of the data at " + url + " (" + size + ")");
        }
        formatCheck.check(image, store, uri, url, size);
        ImageLocation location = new ImageLocation(url,
                stores.multiStore() ? Map.of("store", store.id()) : Map.of());
        Image added = OptimisticUpdate.apply(repository, image,
                () -> access.owned(context, id, ImageRule.SET_IMAGE_LOCATION), current -> {
                    int count = current.locations().size() + 1;
                    quotas.checkLocations(current.locations().size(), count);
                    // Each location counts the image's size against the caller's user_storage_quota.
                    quotas.checkStorage(context.projectId(), id, size * count);
                    return current.addLocation(location, size, Timestamps.now(clock));
                });
        return access.properties().view(context, added);
    }

    @Override
    public Image removeLocation(RequestContext context, ImageId id, int index) {
        ImageLocation[] removed = new ImageLocation[1];
        Image result = OptimisticUpdate.apply(repository,
                () -> access.owned(context, id, ImageRule.DELETE_IMAGE_LOCATION),
                current -> {
                    Image changed = current.removeLocation(index, Timestamps.now(clock));
                    removed[0] = current.locations().get(index);
                    return changed;
                });
        storedData.deleteAll(id, List.of(removed[0]));
        return access.properties().view(context, result);
    }

    /** A URL with a scheme, no credentials (they would show in answers and logs) and no scheme Glance refuses. */
    private static URI checkedUri(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidInputException("Invalid location '" + url + "': " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.isEmpty()) {
            throw new InvalidInputException("Invalid location '" + url + "': it has no scheme");
        }
        if (REFUSED_SCHEMES.contains(scheme)) {
            throw new InvalidInputException("Invalid location '" + url + "': the scheme " + scheme
                    + " is not accepted for registered locations");
        }
        if (uri.getRawUserInfo() != null) {
            // Never echo the credentials back: name the host only.
            throw new InvalidInputException("Invalid location for host " + uri.getHost()
                    + ": credentials in location URLs are not accepted");
        }
        return uri;
    }

    private ConfiguredStore readOnlyStoreFor(String url) {
        ConfiguredStore store;
        try {
            store = stores.storeFor(new ImageLocation(url, Map.of()));
        } catch (NotFoundException e) {
            throw new InvalidInputException("No configured store serves the location " + url
                    + " (configure a store of type http for http and https URLs)");
        }
        if (store.supports(StoreCapability.WRITE)) {
            throw new InvalidInputException("The location " + url + " is in store '" + store.id()
                    + "', which holds uploaded image data; only locations in read-only stores (http) can be registered");
        }
        return store;
    }

    private static long sizeAt(ConfiguredStore store, URI uri, String url) {
        long size;
        try {
            size = store.driver().size(uri);
        } catch (StoreException e) {
            throw new InvalidInputException("The location " + url + " cannot be used: " + e.getMessage());
        }
        if (size <= 0) {
            throw new InvalidInputException("The location " + url + " holds no data (size " + size + ")");
        }
        return size;
    }
}
