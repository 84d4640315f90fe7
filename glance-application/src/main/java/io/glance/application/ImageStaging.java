package io.glance.application;

import io.glance.application.ImagePolicy.ImageRule;
import io.glance.application.inspection.StreamingFormatCheck;
import io.glance.domain.ConflictException;
import io.glance.domain.GoneException;
import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.ImageStatus;
import io.glance.domain.LimitExceededException;
import io.glance.domain.NotFoundException;
import io.glance.domain.RequestContext;
import io.glance.ports.out.ImageRepository;
import io.glance.ports.out.StagingArea;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

import static java.util.Objects.requireNonNull;

/**
 * PUT /v2/images/{id}/stage (spec §2): {@code queued → uploading} before the first byte (a conditional update, so of
 * two concurrent stages one wins), then the body streamed through the same {@link UploadStream} as PUT /file (size
 * cap, storage quota, digests: whatever watches that pipeline watches staging too) into the staging area, which
 * publishes the file only once it is complete. Any failure removes the partial data and returns the image to
 * {@code queued}.
 */
final class ImageStaging {
    private static final Logger LOG = Logger.getLogger(ImageStaging.class.getName());

    private final ImageRepository repository;
    private final ImageAccess access;
    private final StagingArea staging;
    private final UploadLimits limits;
    private final Quotas quotas;
    private final Clock clock;
    /** {@code worker_self_reference_url}, recorded on the staged image; null when nodes share staging. */
    private final String selfUrl;

    ImageStaging(ImageRepository repository, ImageAccess access, StagingArea staging, UploadLimits limits,
                 Quotas quotas, Clock clock, String selfUrl) {
        this.selfUrl = selfUrl;
        this.repository = requireNonNull(repository, "repository is null");
        this.access = requireNonNull(access, "access is null");
        this.staging = requireNonNull(staging, "staging is null");
        this.limits = requireNonNull(limits, "limits is null");
        this.quotas = requireNonNull(quotas, "quotas is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    void stage(RequestContext context, ImageId id, InputStream data, long declaredLength) {
        requireNonNull(data, "data is null");
        long remaining = quotas.remainingStorage(context.projectId(), id);
        Image uploading = begin(context, id, declaredLength, remaining);
        // Staged data is inspected like uploaded data: unsafe data or data of another format never reaches staging.
        StreamingFormatCheck formatCheck = limits.formats().checkFor(uploading.diskFormat(),
                uploading.containerFormat());

        UploadStream stream = null;
        long written;
        try {
            // Counted once this image is uploading, as Glance does; over the limit, it goes back to queued.
            quotas.checkUploading(context);
            long cap = Math.min(limits.imageSizeCap(), remaining);
            stream = UploadStream.undigested(data, cap, declaredLength, cap < limits.imageSizeCap()
                    ? count -> Quotas.storageExceeded(count, remaining) : UploadStream.overImageSizeCap(cap),
                    formatCheck);
            written = staging.write(id, stream);
            stream.finishUndigested();
        } catch (Throwable failure) {
            if (stream != null) {
                stream.abort();
            }
            throw failed(id, failure, stream == null ? null : stream.sourceFailure());
        }
        finish(id, written);
    }

    /**
     * The end of a resumable upload: the same checks and {@code queued → uploading} as PUT /stage, then the data,
     * complete in its session's file, is inspected ({@code inspect}, which reads only as much as the format check
     * needs) and published into the staging area ({@code publish}, without a copy). Any failure returns the image
     * to {@code queued} and leaves the session's data to the caller.
     *
     * @param length the session's length, all of which has arrived
     */
    void stageComplete(RequestContext context, ImageId id, long length, ResumedData data) {
        long remaining = quotas.remainingStorage(context.projectId(), id);
        Image uploading = begin(context, id, length, remaining);
        StreamingFormatCheck formatCheck = limits.formats().checkFor(uploading.diskFormat(),
                uploading.containerFormat());
        try {
            quotas.checkUploading(context);
            data.inspect(formatCheck);
            formatCheck.finish();
            data.publish();
        } catch (Throwable failure) {
            throw failed(id, failure, null);
        }
        finish(id, length);
    }

    /** A resumable upload's complete data, for {@link #stageComplete}. */
    interface ResumedData {
        /** Feeds the data to the check (at least until it is decided, the rest may be skipped). */
        void inspect(StreamingFormatCheck check) throws IOException;

        /** Makes the data the image's staged data. */
        void publish() throws IOException;
    }

    /** PUT /stage's checks before any data, then {@code queued → uploading}; returns the uploading image. */
    private Image begin(RequestContext context, ImageId id, long declaredLength, long remaining) {
        // Keystone's image_stage_total comes first, before the image is even looked up, as in Glance.
        quotas.checkStage(context);
        Image queued = access.owned(context, id, ImageRule.UPLOAD_IMAGE);
        if (declaredLength > limits.imageSizeCap()) {
            throw new LimitExceededException("Image data of " + declaredLength + " bytes exceeds the image_size_cap"
                    + " of " + limits.imageSizeCap() + " bytes");
        }
        if (declaredLength < 0 ? remaining <= 0 : declaredLength > remaining) {
            throw Quotas.storageExceeded(Math.max(declaredLength, 0), remaining);
        }
        if (queued.status() == ImageStatus.QUEUED && staging.size(id).isPresent()) {
            throw new ConflictException("The image " + id + " has data on staging");
        }
        return OptimisticUpdate.apply(repository, queued,
                () -> access.owned(context, id, ImageRule.UPLOAD_IMAGE),
                image -> image.startStaging(Timestamps.now(clock)));
    }

    /** A failed write: the partial staged data removed (unless another stage holds the name), back to queued. */
    private RuntimeException failed(ImageId id, Throwable failure, Exception clientFailure) {
        if (!(failure instanceof ConflictException)) {
            staging.delete(id);
        }
        returnToQueued(id);
        if (failure instanceof Error error) {
            throw error;
        }
        return UploadFailures.map(id, "staging", failure, clientFailure);
    }

    /** The staged data is complete: the image stays uploading with its size. */
    private void finish(ImageId id, long written) {
        try {
            OptimisticUpdate.apply(repository, () -> repository.findById(id)
                            .filter(image -> image.status() == ImageStatus.UPLOADING)
                            .orElseThrow(() -> ImageAccess.notFound(id)),
                    image -> withStageHost(image.staged(written, Timestamps.now(clock))));
        } catch (NotFoundException | ConflictException e) {
            staging.delete(id);
            throw new GoneException("Image " + id + " was deleted while its data was being staged", e);
        }
    }

    /**
     * Multi-node staging (as Glance's image_data.stage): the image names the node that holds its staged data, so that
     * the import or a delete arriving at another node is forwarded here. Hidden from every answer.
     */
    private Image withStageHost(Image image) {
        if (selfUrl == null) {
            return image;
        }
        java.util.Map<String, String> properties = new java.util.LinkedHashMap<>(image.properties());
        properties.put(ImportProperties.STAGE_HOST, selfUrl);
        return image.toBuilder().properties(properties).build();
    }

    /** {@code uploading → queued}; an image deleted or moved on meanwhile is left as it is. */
    private void returnToQueued(ImageId id) {
        try {
            OptimisticUpdate.apply(repository, () -> repository.findById(id).orElseThrow(() -> ImageAccess.notFound(id)),
                    image -> image.status() == ImageStatus.UPLOADING ? image.returnToQueued(Timestamps.now(clock))
                            : image);
        } catch (NotFoundException | ConflictException e) {
            // Deleted or changed meanwhile: nothing to restore.
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Image " + id + " could not be returned to queued after a failed stage", e);
        }
    }
}
