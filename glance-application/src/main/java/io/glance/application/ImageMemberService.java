package io.glance.application;

import io.glance.application.ImagePolicy.ImageRule;
import io.glance.domain.ForbiddenException;
import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.ImageMember;
import io.glance.domain.MemberStatus;
import io.glance.domain.NotFoundException;
import io.glance.domain.RequestContext;
import io.glance.domain.Visibility;
import io.glance.ports.in.ImageMembers;
import io.glance.ports.out.MemberRepository;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Image members (Glance v2 §2.5, legacy rules of Zed's default {@code enforce_secure_rbac=False}): only shared images
 * have members; the owner (or an admin) adds and removes them; only the member itself (or an admin) accepts or
 * rejects. A member sees its own membership only, as Glance's member query filters by the caller.
 */
final class ImageMemberService implements ImageMembers {
    private final MemberRepository repository;
    private final ImageAccess access;
    private final Clock clock;
    private final Quotas quotas;

    ImageMemberService(MemberRepository repository, ImageAccess access, Clock clock, Quotas quotas) {
        this.repository = requireNonNull(repository, "repository is null");
        this.access = requireNonNull(access, "access is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.quotas = requireNonNull(quotas, "quotas is null");
    }

    @Override
    public ImageMember add(RequestContext context, ImageId id, String memberId) {
        requireNonNull(memberId, "memberId is null");
        Image image = sharedImage(context, id, ImageRule.ADD_MEMBER);
        requireOwner(context, image, "add members to");
        quotas.checkMembers(0, repository.listMembers(id).size() + 1);
        Instant now = Timestamps.now(clock);
        ImageMember member = new ImageMember(id, memberId, MemberStatus.PENDING, now, now);
        repository.addMember(member);
        return member;
    }

    @Override
    public List<ImageMember> list(RequestContext context, ImageId id) {
        Image image = sharedImage(context, id, ImageRule.GET_MEMBERS);
        List<ImageMember> members = repository.listMembers(id);
        if (context.owns(image.owner())) {
            return members;
        }
        return members.stream().filter(member -> member.memberId().equals(context.projectId())).toList();
    }

    @Override
    public ImageMember show(RequestContext context, ImageId id, String memberId) {
        return member(context, sharedImage(context, id, ImageRule.GET_MEMBER), memberId);
    }

    /** The member as the caller may see it: the owner (or an admin) sees every member, a member only itself. */
    private ImageMember member(RequestContext context, Image image, String memberId) {
        ImageId id = image.id();
        if (!context.owns(image.owner()) && !memberId.equals(context.projectId())) {
            throw noSuchMember(id, memberId);
        }
        return member(id, memberId);
    }

    @Override
    public ImageMember updateStatus(RequestContext context, ImageId id, String memberId, MemberStatus status) {
        requireNonNull(status, "status is null");
        Image image = sharedImage(context, id, ImageRule.MODIFY_MEMBER);
        ImageMember member = member(context, image, memberId);
        if (!context.admin() && !memberId.equals(context.projectId())) {
            throw new ForbiddenException("Only project " + memberId + " may change its membership status of image "
                    + image.id());
        }
        ImageMember updated = member.withStatus(status, Timestamps.now(clock));
        repository.updateMember(updated);
        return updated;
    }

    @Override
    public void remove(RequestContext context, ImageId id, String memberId) {
        requireNonNull(memberId, "memberId is null");
        Image image = sharedImage(context, id, ImageRule.DELETE_MEMBER);
        requireOwner(context, image, "remove members of");
        member(id, memberId);
        repository.deleteMember(id, memberId);
    }

    /**
     * A visible image (404 otherwise) with visibility {@code shared} (403 otherwise) on which the policy allows the
     * member action (403 otherwise: as in Glance's {@code MemberAPIPolicy}, the caller who sees the image may learn
     * that it is refused).
     */
    private Image sharedImage(RequestContext context, ImageId id, ImageRule rule) {
        Image image = access.visible(context, id);
        if (image.visibility() != Visibility.SHARED) {
            throw new ForbiddenException("Only shared images have members; image " + id + " is "
                    + image.visibility().wireName());
        }
        access.policy().check(context, image, rule);
        return image;
    }

    private static void requireOwner(RequestContext context, Image image, String action) {
        if (!context.owns(image.owner())) {
            throw new ForbiddenException("You are not permitted to " + action + " image " + image.id()
                    + ": it is owned by another project");
        }
    }

    private ImageMember member(ImageId id, String memberId) {
        return repository.findMember(id, memberId).orElseThrow(() -> noSuchMember(id, memberId));
    }

    private static NotFoundException noSuchMember(ImageId id, String memberId) {
        return new NotFoundException("Project " + memberId + " is not a member of image " + id);
    }
}
