package io.glance.http.v1;

import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.ImageMember;
import io.glance.domain.MemberStatus;
import io.glance.domain.NotFoundException;
import io.glance.domain.RequestContext;
import io.glance.domain.Visibility;
import io.glance.ports.in.ImageCatalog;
import io.glance.ports.in.ImageMembers;
import io.glance.ports.in.PatchOperation;
import io.glance.ports.out.ImageQuery;
import io.glance.ports.out.ImageQuery.SortKey;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * v1 memberships on v2's members. A v1 membership is a v2 member whose status is {@code accepted}: v1 had no
 * statuses, and a v1 member sees the image in its listings, which in v2 takes {@code accepted}. v2 keeps members
 * only on {@code shared} images, so adding a member to a {@code private} image (v1's is_public False) first makes it
 * {@code shared}, which changes nothing for v1 clients (both are is_public False); public and community images
 * refuse members with v2's 403. A private or public image simply has no members to list.
 */
final class V1Memberships {
    /** The page size used to collect an image list in full for /v1/shared-images. */
    private static final int PAGE = 1000;

    private final ImageCatalog catalog;
    private final ImageMembers members;

    V1Memberships(ImageCatalog catalog, ImageMembers members) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.members = requireNonNull(members, "members is null");
    }

    List<String> list(RequestContext context, ImageId id) {
        Image image = catalog.show(context, id);
        if (image.visibility() != Visibility.SHARED) {
            return List.of();
        }
        return members.list(context, id).stream().map(ImageMember::memberId).toList();
    }

    void add(RequestContext context, ImageId id, String memberId) {
        makeShared(context, id);
        boolean known = members.list(context, id).stream().anyMatch(member -> member.memberId().equals(memberId));
        if (!known) {
            members.add(context, id, memberId);
        }
        members.updateStatus(context, id, memberId, MemberStatus.ACCEPTED);
    }

    /** PUT /v1/images/ID/members: afterwards exactly {@code memberIds} are members. */
    void replace(RequestContext context, ImageId id, List<String> memberIds) {
        Set<String> wanted = new LinkedHashSet<>(memberIds);
        for (String current : list(context, id)) {
            if (!wanted.contains(current)) {
                members.remove(context, id, current);
            }
        }
        for (String memberId : wanted) {
            add(context, id, memberId);
        }
    }

    /** @throws NotFoundException when the project is not a member */
    void remove(RequestContext context, ImageId id, String memberId) {
        if (!list(context, id).contains(memberId)) {
            throw new NotFoundException("Project " + memberId + " is not a member of image " + id);
        }
        members.remove(context, id, memberId);
    }

    /**
     * The images shared with a project: v2's listing of {@code shared} images as that project sees them (any member
     * status), without the ones it owns. A caller other than that project (and not an admin) learns only about its own
     * images, as Glance's member query shows a non-admin only the rows of images it owns or memberships it holds.
     */
    List<ImageId> sharedWith(RequestContext context, String memberId) {
        boolean onlyOwnImages = !context.admin() && !memberId.equals(context.projectId());
        RequestContext asMember = new RequestContext(context.requestId(), memberId, Set.of(), false);
        List<ImageId> shared = new ArrayList<>();
        ImageId marker = null;
        while (true) {
            List<Image> page = catalog.list(asMember, new ImageQuery(List.of(), Visibility.SHARED, false, null, false,
                    List.of(new SortKey(SortKey.Column.CREATED_AT, SortKey.Direction.DESC)), PAGE, marker));
            page.stream().filter(image -> !memberId.equals(image.owner()))
                    .filter(image -> !onlyOwnImages || context.owns(image.owner()))
                    .forEach(image -> shared.add(image.id()));
            if (page.size() < PAGE) {
                return shared;
            }
            marker = page.getLast().id();
        }
    }

    private void makeShared(RequestContext context, ImageId id) {
        Image image = catalog.show(context, id);
        if (image.visibility() == Visibility.PRIVATE) {
            catalog.update(context, id, List.of(new PatchOperation(PatchOperation.Op.REPLACE, "visibility",
                    Visibility.SHARED.wireName(), false)));
        }
    }
}
