package io.glance.application;

import io.glance.domain.ImageId;
import io.glance.domain.LimitExceededException;
import io.glance.domain.RequestContext;
import io.glance.ports.out.StorageUsage;

import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Enforces {@link ImageQuotas} (all 413 when exceeded). A change is refused only when it grows a collection past its
 * quota, so an image that is over quota (the quota was lowered) can still shrink; properties follow Glance, which
 * checks them whenever a change adds a key.
 */
final class Quotas {
    private static final String GLANCE_NAMESPACE = "os_glance";

    private final ImageQuotas quotas;
    private final StorageUsage usage;
    private final UnifiedLimits unifiedLimits;

    /** @param usage required when {@code user_storage_quota} is on, else may be {@code null} */
    Quotas(ImageQuotas quotas, StorageUsage usage) {
        this(quotas, usage, UnifiedLimits.off());
    }

    /**
     * @param usage         required when {@code user_storage_quota} is on, else may be {@code null}
     * @param unifiedLimits Keystone's limits; when enabled, {@code user_storage_quota} is ignored, as in Glance
     */
    Quotas(ImageQuotas quotas, StorageUsage usage, UnifiedLimits unifiedLimits) {
        this.quotas = requireNonNull(quotas, "quotas is null");
        this.unifiedLimits = requireNonNull(unifiedLimits, "unifiedLimits is null");
        if (quotas.storageLimited() && !unifiedLimits.enabled()) {
            requireNonNull(usage, "user_storage_quota is set but there is no way to measure storage usage");
        }
        this.usage = usage;
    }

    /** Keystone's {@code image_count_total}, before a new image (POST /v2/images, v1 POST). */
    void checkNewImage(RequestContext context) {
        unifiedLimits.checkNewImage(context);
    }

    /** Keystone's {@code image_size_total}, before data is written. */
    void checkUpload(RequestContext context) {
        unifiedLimits.checkUpload(context);
    }

    /** Keystone's {@code image_stage_total}, before data is staged (PUT /stage). */
    void checkStage(RequestContext context) {
        unifiedLimits.checkStage(context);
    }

    /** Keystone's {@code image_count_uploading}, once the image being written is saving (or uploading). */
    void checkUploading(RequestContext context) {
        unifiedLimits.checkUploading(context);
    }

    /** Keystone's limits at the start of an import task: see {@link UnifiedLimits#checkImport}. */
    void checkImport(String project, ImportMethod method, Long imageBytes) {
        unifiedLimits.checkImport(project, method, imageBytes);
    }

    void checkProperties(Set<String> before, Set<String> after) {
        if (quotas.properties() < 0 || before.containsAll(after)) {
            return;
        }
        long counted = after.stream().filter(key -> !key.startsWith(GLANCE_NAMESPACE)).count();
        if (counted > quotas.properties()) {
            throw exceeded("image properties", counted, quotas.properties());
        }
    }

    void checkTags(int before, int after) {
        check("image tags", quotas.tags(), before, after);
    }

    void checkMembers(int before, int after) {
        check("image members", quotas.members(), before, after);
    }

    void checkLocations(int before, int after) {
        check("image locations", quotas.locations(), before, after);
    }

    /**
     * Bytes the caller's project may still store, not counting the image being written; {@link Long#MAX_VALUE}
     * without {@code user_storage_quota}.
     */
    long remainingStorage(String project, ImageId excluding) {
        if (!quotas.storageLimited() || unifiedLimits.enabled()) {
            return Long.MAX_VALUE;
        }
        return quotas.userStorageBytes() - usage.bytesUsed(project, excluding);
    }

    /** @throws LimitExceededException when {@code bytes} more would exceed the project's storage quota */
    void checkStorage(String project, ImageId image, long bytes) {
        long remaining = remainingStorage(project, image);
        if (bytes > remaining) {
            throw storageExceeded(bytes, remaining);
        }
    }

    /** Glance's StorageQuotaFull message: what was attempted and what is left. */
    static LimitExceededException storageExceeded(long attempted, long remaining) {
        return new LimitExceededException("Denying attempt to upload image because it exceeds the quota: The size"
                + " of the data " + attempted + " will exceed the limit (user_storage_quota). "
                + Math.max(0, remaining) + " bytes remaining.");
    }

    private static void check(String what, int maximum, int before, int after) {
        if (maximum >= 0 && after > maximum && after > before) {
            throw exceeded(what, after, maximum);
        }
    }

    private static LimitExceededException exceeded(String what, long attempted, int maximum) {
        return new LimitExceededException("The limit has been exceeded on the number of allowed " + what
                + ". Attempted: " + attempted + ", Maximum: " + maximum);
    }
}
