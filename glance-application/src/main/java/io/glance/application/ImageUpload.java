package io.glance.application;

import io.glance.application.ImagePolicy.ImageRule;
import io.glance.application.inspection.StreamingFormatCheck;
import io.glance.domain.ConflictException;
import io.glance.domain.ForbiddenException;
import io.glance.domain.GoneException;
import io.glance.domain.Image;
import io.glance.domain.ImageChecksums;
import io.glance.domain.ImageId;
import io.glance.domain.ImageLocation;
import io.glance.domain.ImageStatus;
import io.glance.domain.LimitExceededException;
import io.glance.domain.NotFoundException;
import io.glance.domain.RequestContext;
import io.glance.domain.ServiceUnavailableException;
import io.glance.ports.out.ConfiguredStore;
import io.glance.ports.out.ImageRepository;
import io.glance.ports.out.StoreRegistry;
import io.glance.store.spi.StoredObject;

import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import static java.util.Objects.requireNonNull;

/**
 * The upload pipeline (PUT /v2/images/{id}/file, Glance v2 §2.3): ownership check, {@code queued → saving} as a
 * conditional update (of two concurrent uploads only one gets past it; the other gets a 409), the data streamed
 * through {@link UploadStream} into the store, then {@code saving → active} with size, digests and location.
 * <p>
 * Any failure leaves nothing behind: the object the driver wrote is deleted and the image goes back to
 * {@code queued}, or with API v1's {@link UploadRules} becomes {@code killed}. An image deleted while its data streamed in is a 410, and its data is deleted too: the delete saw
 * no location yet, so nobody else would.
 */
final class ImageUpload {
    private final ImageRepository repository;
    private final StoreRegistry stores;
    private final ImageAccess access;
    private final StoredData storedData;
    private final Clock clock;
    private final UploadLimits limits;
    private final Executor digestExecutor;
    private final SavingReset savingReset;
    private final FailedUploadKill failedUploadKill;
    private final Quotas quotas;

    ImageUpload(ImageRepository repository, StoreRegistry stores, ImageAccess access, StoredData storedData,
                Clock clock, UploadLimits limits, Quotas quotas, Executor digestExecutor, SavingReset savingReset) {
        this.repository = requireNonNull(repository, "repository is null");
        this.stores = requireNonNull(stores, "stores is null");
        this.access = requireNonNull(access, "access is null");
        this.storedData = requireNonNull(storedData, "storedData is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.limits = requireNonNull(limits, "limits is null");
        this.quotas = requireNonNull(quotas, "quotas is null");
        this.digestExecutor = requireNonNull(digestExecutor, "digestExecutor is null");
        this.savingReset = requireNonNull(savingReset, "savingReset is null");
        this.failedUploadKill = new FailedUploadKill(repository, clock);
    }

    Image upload(RequestContext context, ImageId id, InputStream data, long declaredLength, String storeId) {
        return upload(context, id, data, declaredLength, storeId, UploadRules.v2());
    }

    Image upload(RequestContext context, ImageId id, InputStream data, long declaredLength, String storeId,
                 UploadRules rules) {
        requireNonNull(data, "data is null");
        requireNonNull(rules, "rules is null");
        Image queued = access.owned(context, id, ImageRule.UPLOAD_IMAGE);
        ConfiguredStore store = writableStore(storeId);
        if (declaredLength > limits.imageSizeCap()) {
            throw new LimitExceededException("Image data of " + declaredLength + " bytes exceeds the image_size_cap"
                    + " of " + limits.imageSizeCap() + " bytes");
        }
        // user_storage_quota counts against the caller's project, as in Glance; of unknown size, only an upload that
        // has no room at all is refused up front, the others are cut where the quota ends.
        long remaining = quotas.remainingStorage(context.projectId(), id);
        if (declaredLength < 0 ? remaining <= 0 : declaredLength > remaining) {
            throw Quotas.storageExceeded(Math.max(declaredLength, 0), remaining);
        }
        quotas.checkUpload(context);
        // startUpload checks status and formats; the optimistic update makes the check hold against racing uploads:
        // of several, one moves the image to saving and the others, on re-reading it, get a 409 from startUpload.
        Image saving = OptimisticUpdate.apply(repository, queued, () -> access.owned(context, id, ImageRule.UPLOAD_IMAGE),
                image -> image.startUpload(Timestamps.now(clock), rules.requireFormats()));

        StoredObject stored = null;
        UploadDigests digests;
        UploadStream stream = null;
        ContentDeduplication dedup = storedData.dedup();
        ContentDeduplication.Write write = null;
        try {
            // Counted once this image is saving, as Glance does; over the limit, the image goes back to queued.
            quotas.checkUploading(context);
            stream = newStream(data, declaredLength, remaining,
                    limits.formats().checkFor(saving.diskFormat(), saving.containerFormat()));
            write = dedup.begin(store, id);
            stored = store.driver().put(write.name(), stream, declaredLength < 0 ? -1 : declaredLength);
            digests = stream.finish();
            // Uploads of the same project running side by side each saw the room before the others used it.
            quotas.checkStorage(context.projectId(), id, digests.size());
            if (digests.size() != stored.size()) {
                throw new IllegalStateException("Store " + store.id() + " recorded " + stored.size()
                        + " bytes for image " + id + " but " + digests.size() + " were sent");
            }
            rules.checkMd5(id, digests.md5());
            // A dedup store: the image points at the object already holding these bytes, if there is one.
            stored = dedup.adopt(write, stored, digests.sha512());
        } catch (Throwable failure) {
            if (stream != null) {
                stream.abort();
            }
            if (stored != null) {
                storedData.delete(id, store, stored.location());
            }
            if (write != null) {
                dedup.finish(write);
            }
            afterFailure(id, rules);
            throw rethrowable(id, store, failure, stream);
        }
        try {
            return access.properties().view(context, activate(id, store, stored, digests, rules));
        } finally {
            // The redundant copy goes once the image points at the content's object (or the upload was undone).
            dedup.finish(write);
        }
    }

    /**
     * The data cut at {@code image_size_cap} or at what the storage quota leaves, whichever is lower, and inspected
     * for its format.
     */
    private UploadStream newStream(InputStream data, long declaredLength, long remainingStorage,
                                   StreamingFormatCheck formatCheck) {
        if (remainingStorage < limits.imageSizeCap()) {
            return new UploadStream(data, remainingStorage, declaredLength,
                    count -> Quotas.storageExceeded(count, remainingStorage), formatCheck, digestExecutor);
        }
        return new UploadStream(data, limits.imageSizeCap(), declaredLength,
                UploadStream.overImageSizeCap(limits.imageSizeCap()), formatCheck, digestExecutor);
    }

    /**
     * The named store, or the default; it must take writes. Like Glance, the client's choice counts only in
     * multi-store mode: with a single store, {@code X-Image-Meta-Store} is ignored.
     */
    private ConfiguredStore writableStore(String storeId) {
        ConfiguredStore store = storeId == null || !stores.multiStore() ? stores.defaultStore()
                : stores.store(storeId);
        if (store.readOnly()) {
            throw new ForbiddenException("Store " + store.id() + " is read-only and does not accept image data");
        }
        return store;
    }

    /** {@code saving → active}, re-reading the image so that changes made meanwhile (a PATCH) are kept. */
    private Image activate(ImageId id, ConfiguredStore store, StoredObject stored, UploadDigests digests,
                           UploadRules rules) {
        Map<String, String> metadata = new HashMap<>(stored.metadata());
        metadata.put("store", store.id());
        ImageLocation location = new ImageLocation(stored.location().toString(), metadata);
        ImageChecksums checksums = new ImageChecksums(digests.md5(), ImageChecksums.DEFAULT_HASH_ALGO,
                digests.sha512());
        try {
            return OptimisticUpdate.apply(repository, () -> repository.findById(id)
                            .filter(image -> image.status() == ImageStatus.SAVING)
                            .orElseThrow(() -> ImageAccess.notFound(id)),
                    saving -> withVirtualSize(saving.completeUpload(digests.size(), checksums, location,
                            Timestamps.now(clock)), digests.virtualSize()));
        } catch (NotFoundException | ConflictException e) {
            storedData.delete(id, store, stored.location());
            throw new GoneException("Image " + id + " was deleted while its data was being uploaded", e);
        } catch (RuntimeException e) {
            storedData.delete(id, store, stored.location());
            afterFailure(id, rules);
            throw e;
        }
    }

    /** The virtual size the format check found, unless the image already has one (as Glance keeps it). */
    private static Image withVirtualSize(Image active, Long virtualSize) {
        return virtualSize == null || active.virtualSize() != null ? active
                : active.toBuilder().virtualSize(virtualSize).build();
    }

    /** {@code saving → queued} (v2) or {@code saving → killed} (v1); an image deleted meanwhile stays deleted. */
    private void afterFailure(ImageId id, UploadRules rules) {
        if (rules.killOnFailure()) {
            failedUploadKill.kill(id);
        } else {
            savingReset.reset(id);
        }
    }

    private static RuntimeException rethrowable(ImageId id, ConfiguredStore store, Throwable failure,
                                                UploadStream stream) {
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure instanceof RejectedExecutionException rejected) {
            return new ServiceUnavailableException("The service is shutting down; upload of image " + id
                    + " refused", rejected);
        }
        if (failure instanceof InterruptedIOException interrupted && stream != null
                && stream.sourceFailure() != interrupted) {
            return new ServiceUnavailableException("Upload of image " + id + " was interrupted", interrupted);
        }
        return UploadFailures.map(id, store.id(), failure, stream == null ? null : stream.sourceFailure());
    }
}
