package io.glance.application;

import io.glance.application.ImagePolicy.ImageRule;
import io.glance.domain.ConflictException;
import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.ImageStatus;
import io.glance.domain.RequestContext;
import io.glance.ports.in.ImageUploadV1;
import io.glance.ports.out.ImageRepository;

import java.io.InputStream;
import java.time.Clock;

import static java.util.Objects.requireNonNull;

/** {@link ImageUploadV1}: the v2 upload pipeline with {@link UploadRules#v1}, plus killing a queued image. */
final class ImageUploadV1Service implements ImageUploadV1 {
    private final ImageUpload upload;
    private final ImageRepository repository;
    private final ImageAccess access;
    private final Clock clock;

    ImageUploadV1Service(ImageUpload upload, ImageRepository repository, ImageAccess access, Clock clock) {
        this.upload = requireNonNull(upload, "upload is null");
        this.repository = requireNonNull(repository, "repository is null");
        this.access = requireNonNull(access, "access is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public Image upload(RequestContext context, ImageId id, InputStream data, long declaredLength, String storeId,
                        String expectedChecksum) {
        return upload.upload(context, id, data, declaredLength, storeId, UploadRules.v1(expectedChecksum));
    }

    @Override
    public void kill(RequestContext context, ImageId id) {
        try {
            OptimisticUpdate.apply(repository, () -> access.owned(context, id, ImageRule.UPLOAD_IMAGE),
                    image -> image.status() == ImageStatus.QUEUED ? image.kill(Timestamps.now(clock)) : image);
        } catch (ConflictException e) {
            // Another request moved the image on meanwhile; its status is that request's business.
        }
    }
}
