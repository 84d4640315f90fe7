package io.glance.application;

import io.glance.domain.ImageStatus;
import io.glance.domain.LimitExceededException;
import io.glance.domain.RequestContext;
import io.glance.ports.in.QuotaUsage;
import io.glance.ports.out.ImageTally;
import io.glance.ports.out.ProjectLimits;
import io.glance.ports.out.StorageUsage;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Keystone's unified limits with Zed's semantics ({@code glance/quota/keystone.py}): a project is over a limit when
 * its current usage plus the change asked for exceeds it, the limit is the project's own or else the registered
 * default, and a resource without any limit allows nothing. Only the new image counts as a change (delta 1); every
 * other check passes delta 0, so it refuses only a project already over, and one upload may overshoot (soft
 * limits), as in Glance. Asked afresh on every check, as Glance's per-request enforcer does.
 */
public final class UnifiedLimits implements QuotaUsage {
    /** MiB of image data the project stores, each location counted. */
    public static final String IMAGE_SIZE_TOTAL = "image_size_total";
    /** MiB of data staged for import. */
    public static final String IMAGE_STAGE_TOTAL = "image_stage_total";
    /** Images the project keeps (neither deleted nor killed). */
    public static final String IMAGE_COUNT_TOTAL = "image_count_total";
    /** Images being uploaded or imported. */
    public static final String IMAGE_COUNT_UPLOADING = "image_count_uploading";
    static final List<String> RESOURCES = List.of(IMAGE_SIZE_TOTAL, IMAGE_STAGE_TOTAL, IMAGE_COUNT_TOTAL,
            IMAGE_COUNT_UPLOADING);

    private static final long MIB = 1024 * 1024;
    private static final Set<ImageStatus> NOT_KEPT = EnumSet.of(ImageStatus.KILLED, ImageStatus.DELETED,
            ImageStatus.PENDING_DELETE);
    private static final Set<ImageStatus> UPLOADING = EnumSet.of(ImageStatus.SAVING, ImageStatus.UPLOADING,
            ImageStatus.IMPORTING);
    private static final Set<ImageStatus> STAGED = EnumSet.of(ImageStatus.UPLOADING, ImageStatus.IMPORTING);

    private final ProjectLimits limits;
    private final StorageUsage storage;
    private final ImageTally tally;

    private UnifiedLimits(ProjectLimits limits, StorageUsage storage, ImageTally tally) {
        this.limits = limits;
        this.storage = storage;
        this.tally = tally;
    }

    /** {@code use_keystone_limits: false}: nothing is checked and there is no usage to show. */
    public static UnifiedLimits off() {
        return new UnifiedLimits(null, null, null);
    }

    /** {@code use_keystone_limits: true}: limits from Keystone, usage from the image database. */
    public static UnifiedLimits of(ProjectLimits limits, StorageUsage storage, ImageTally tally) {
        return new UnifiedLimits(requireNonNull(limits, "limits is null"), requireNonNull(storage, "storage is null"),
                requireNonNull(tally, "tally is null"));
    }

    public boolean enabled() {
        return limits != null;
    }

    /** Before a new image is created (POST /v2/images): the one new image counts, so the count is a hard limit. */
    void checkNewImage(RequestContext context) {
        enforce(context, IMAGE_COUNT_TOTAL, 1);
    }

    /** Before data is written (PUT /file): the project must not already store more than its limit. */
    void checkUpload(RequestContext context) {
        enforce(context, IMAGE_SIZE_TOTAL, 0);
    }

    /** Before data is staged (PUT /stage): the project must not already have more staged than its limit. */
    void checkStage(RequestContext context) {
        enforce(context, IMAGE_STAGE_TOTAL, 0);
    }

    /** Once the image is saving: the uploads now running, this one included, must not exceed the limit. */
    void checkUploading(RequestContext context) {
        enforce(context, IMAGE_COUNT_UPLOADING, 0);
    }

    /**
     * At the start of an import task, once the image is marked as importing (Glance's {@code get_flow}):
     * glance-direct asks {@code image_size_total} for the staged size; every method that stages data itself
     * (web-download, copy-image, glance-download) asks {@code image_stage_total} for the image's size and then
     * {@code image_count_uploading}. The image's size counts in MiB, rounded down, as in Glance; an image being
     * copied already counts in the stage usage too, so copy-image counts its size twice, as Glance does.
     *
     * @param project    the caller's project (Glance's {@code context.owner}), not necessarily the image's owner
     * @param imageBytes the image's size now ({@code null}: unknown, as for web-download)
     */
    void checkImport(String project, ImportMethod method, Long imageBytes) {
        long delta = imageBytes == null ? 0 : imageBytes / MIB;
        if (method == ImportMethod.GLANCE_DIRECT) {
            enforce(project, IMAGE_SIZE_TOTAL, delta);
        } else {
            enforce(project, IMAGE_STAGE_TOTAL, delta);
            enforce(project, IMAGE_COUNT_UPLOADING, 0);
        }
    }

    @Override
    public Map<String, ResourceUsage> usage(RequestContext context) {
        if (!enabled() || context.projectId() == null) {
            return Map.of();
        }
        Map<String, Long> known = limits.limits(context.projectId(), Set.copyOf(RESOURCES));
        Map<String, Long> used = usageOf(context.projectId());
        Map<String, ResourceUsage> usage = new LinkedHashMap<>();
        for (String resource : RESOURCES) {
            usage.put(resource, new ResourceUsage(known.getOrDefault(resource, 0L), used.get(resource)));
        }
        return usage;
    }

    private void enforce(RequestContext context, String resource, long delta) {
        enforce(context.projectId(), resource, delta);
    }

    private void enforce(String project, String resource, long delta) {
        // The no-auth caller has no project to hold limits against (Glance would ask Keystone about project None).
        if (!enabled() || project == null) {
            return;
        }
        long limit = limits.limits(project, Set.of(resource)).getOrDefault(resource, 0L);
        long usage = usageOf(project).get(resource);
        if (usage + delta > limit) {
            throw new LimitExceededException("Project " + project + " is over a limit for [Resource "
                    + resource + " is over limit of " + limit + " due to current usage " + usage + " and delta "
                    + delta + "]");
        }
    }

    private Map<String, Long> usageOf(String project) {
        long kept = 0;
        long uploading = 0;
        long stagedBytes = 0;
        for (ImageTally.StatusCount count : tally.byStatus(project)) {
            if (!NOT_KEPT.contains(count.status())) {
                kept += count.images();
            }
            // Glance's user_get_uploading_count and user_get_staging_usage: an image still being copied to stores
            // (os_glance_importing_to_stores not empty) counts too, whatever its status, unless killed or deleted.
            boolean copying = count.copying() && count.status() != ImageStatus.KILLED
                    && count.status() != ImageStatus.DELETED;
            if (UPLOADING.contains(count.status()) || copying) {
                uploading += count.images();
            }
            if (STAGED.contains(count.status()) || copying) {
                stagedBytes += count.bytes();
            }
        }
        return Map.of(IMAGE_SIZE_TOTAL, storage.bytesUsed(project, null) / MIB, IMAGE_STAGE_TOTAL, stagedBytes / MIB,
                IMAGE_COUNT_TOTAL, kept, IMAGE_COUNT_UPLOADING, uploading);
    }

    @Override
    public String toString() {
        return enabled() ? "Keystone unified limits (" + String.join(", ", RESOURCES) + ")" : "no unified limits";
    }
}
