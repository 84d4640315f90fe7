package io.glance.ports.in;

import io.glance.domain.ImageId;
import io.glance.domain.ImageMember;
import io.glance.domain.MemberStatus;
import io.glance.domain.RequestContext;

import java.util.List;

/** Sharing an image with other projects (Glance v2 §2.5); only images with visibility {@code shared} have members. */
public interface ImageMembers {

    /** @throws io.glance.domain.ForbiddenException when the image is not shared; ConflictException when a member */
    ImageMember add(RequestContext context, ImageId id, String memberId);

    List<ImageMember> list(RequestContext context, ImageId id);

    ImageMember show(RequestContext context, ImageId id, String memberId);

    /** Only the member itself (or an admin) may change the status. */
    ImageMember updateStatus(RequestContext context, ImageId id, String memberId, MemberStatus status);

    void remove(RequestContext context, ImageId id, String memberId);
}
