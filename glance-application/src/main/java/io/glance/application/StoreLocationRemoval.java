package io.glance.application;

import io.glance.application.ImagePolicy.ImageRule;
import io.glance.domain.ConflictException;
import io.glance.domain.ForbiddenException;
import io.glance.domain.ImageId;
import io.glance.domain.ImageLocation;
import io.glance.domain.ImageStatus;
import io.glance.domain.InvalidInputException;
import io.glance.domain.NotFoundException;
import io.glance.domain.RequestContext;
import io.glance.ports.out.ImageRepository;
import io.glance.ports.out.StoreRegistry;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * DELETE /v2/stores/{store}/{id} with Glance's answers (api/v2/images.py delete_from_store): policies
 * {@code get_image_location} and {@code delete_image_location} (admin only with the new defaults; owner or admin in
 * Zed's legacy mode, which is what the ownership check adds); an unknown
 * store or an image that is not active is a conflict; a store without the image's data is not found; and the only
 * copy of the data cannot be removed, since that would leave an active image without data (delete the image instead).
 * Otherwise the store's locations leave the image first (a conditional update: a concurrent change is re-read and
 * the rules decided again) and then its data is deleted, so the image never points at deleted data.
 */
final class StoreLocationRemoval {
    private final StoreRegistry stores;
    private final ImageAccess access;
    private final ImageRepository repository;
    private final StoredData storedData;
    private final Clock clock;

    StoreLocationRemoval(StoreRegistry stores, ImageAccess access, ImageRepository repository, StoredData storedData,
                         Clock clock) {
        this.stores = requireNonNull(stores, "stores is null");
        this.access = requireNonNull(access, "access is null");
        this.repository = requireNonNull(repository, "repository is null");
        this.storedData = requireNonNull(storedData, "storedData is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    void deleteFromStore(RequestContext context, ImageId id, String storeId) {
        requireNonNull(storeId, "storeId is null");
        try {
            stores.store(storeId);
        } catch (InvalidInputException e) {
            throw new ConflictException("Unknown store " + storeId + ": " + e.getMessage());
        }
        access.allowed(context, id, ImageRule.GET_IMAGE_LOCATION);
        List<ImageLocation> removed = new ArrayList<>();
        OptimisticUpdate.apply(repository, () -> access.owned(context, id, ImageRule.DELETE_IMAGE_LOCATION),
                image -> {
                    if (image.status() != ImageStatus.ACTIVE) {
                        throw new ConflictException("Image " + id + " is " + image.status().wireName()
                                + "; data can only be removed from a store while the image is active");
                    }
                    List<ImageLocation> inStore = image.locations().stream()
                            .filter(location -> storeId.equals(location.storeId())).toList();
                    if (inStore.isEmpty()) {
                        throw new NotFoundException("Image " + id + " has no data in store " + storeId);
                    }
                    if (inStore.size() == image.locations().size()) {
                        throw new ForbiddenException("Cannot delete image data from the only store containing it ("
                                + storeId + "); consider deleting image " + id + " instead");
                    }
                    removed.clear();
                    removed.addAll(inStore);
                    List<ImageLocation> kept = new ArrayList<>(image.locations());
                    kept.removeAll(inStore);
                    return image.toBuilder().locations(kept).updatedAt(Timestamps.now(clock)).build();
                });
        storedData.deleteAll(id, removed);
    }
}
