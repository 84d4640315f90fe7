package io.glance.ports.in;

import io.glance.domain.ImageId;
import io.glance.domain.RequestContext;

/** PUT and DELETE /v2/images/{id}/tags/{tag}. */
public interface ImageTags {

    /** Adds a tag; adding an existing tag is a no-op. @throws io.glance.domain.InvalidInputException if too long */
    void addTag(RequestContext context, ImageId id, String tag);

    /** @throws io.glance.domain.NotFoundException when the image does not have the tag */
    void removeTag(RequestContext context, ImageId id, String tag);
}
