package io.glance.ports.out;

import io.glance.domain.ImageId;
import io.glance.domain.ImageMember;

import java.util.List;
import java.util.Optional;

/**
 * The projects an image is shared with, kept where the image's metadata is (each {@link ImageRepository}
 * implementation implements this port too). A port of its own so that decorators of the image port (upload journal,
 * metadata bounds, cache invalidation) need not forward what they do not decorate. Failures are domain exceptions, as
 * for {@link ImageRepository}.
 */
public interface MemberRepository {

    /** @throws io.glance.domain.ConflictException when the project already is a member */
    void addMember(ImageMember member);

    Optional<ImageMember> findMember(ImageId imageId, String memberId);

    List<ImageMember> listMembers(ImageId imageId);

    /** @throws io.glance.domain.NotFoundException when there is no such member */
    void updateMember(ImageMember member);

    /** @throws io.glance.domain.NotFoundException when there is no such member */
    void deleteMember(ImageId imageId, String memberId);
}
