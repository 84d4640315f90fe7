package io.glance.ports.in;

import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.RequestContext;
import io.glance.ports.out.ImageQuery;

import java.util.List;

/** Creating, reading, listing, changing and deleting image metadata (Glance v2 §2.1, §2.2, §3). */
public interface ImageCatalog {

    /** Creates a queued image. @throws io.glance.domain.ConflictException when the id is taken (also when deleted) */
    Image create(RequestContext context, CreateImageCommand command);

    /** @throws io.glance.domain.NotFoundException when the image does not exist or is not visible to the caller */
    Image show(RequestContext context, ImageId id);

    /** One page of visible images; the page is full when its size equals the query's limit. */
    List<Image> list(RequestContext context, ImageQuery query);

    /**
     * Applies JSON-patch operations in order and saves once.
     *
     * @throws io.glance.domain.ForbiddenException   for read-only or reserved attributes
     * @throws io.glance.domain.ConflictException    when replacing or removing an absent property
     * @throws io.glance.domain.InvalidInputException when a value is invalid
     */
    Image update(RequestContext context, ImageId id, List<PatchOperation> operations);

    /** Soft-deletes the image and deletes its data. @throws io.glance.domain.ForbiddenException when protected */
    void delete(RequestContext context, ImageId id);
}
