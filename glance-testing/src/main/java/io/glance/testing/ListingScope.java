package io.glance.testing;

import io.glance.domain.Image;
import io.glance.domain.ImageMember;
import io.glance.domain.MemberStatus;
import io.glance.domain.RequestContext;
import io.glance.domain.Visibility;
import io.glance.ports.out.ImageQuery;

import java.util.Map;
import java.util.Objects;

/**
 * Which images a listing may return at all (Glance v2 §2.1), the same rules as the database adapter so that tests on
 * the fake and the real thing agree:
 * <ul>
 *     <li>admins see every image; everybody else sees public and community images, their own, and shared images
 *     they are a member of at the query's member status ({@code null}: any);</li>
 *     <li>a {@code visibility} filter keeps only that visibility, {@code visibility=all} keeps everything;</li>
 *     <li>without either, community images are listed only to their owner, admins included.</li>
 * </ul>
 * Unlike {@link Image#isVisibleTo}, an image without owner is not listed to non-admins unless public or community:
 * Glance's listing query only matches owners, and so does the database adapter.
 */
final class ListingScope {
    private final RequestContext context;
    private final MemberStatus memberStatus;
    private final Visibility only;
    private final boolean hideForeignCommunity;

    ListingScope(ImageQuery query, RequestContext context) {
        this.context = Objects.requireNonNull(context, "context is null");
        this.memberStatus = query.memberStatus();
        this.only = query.includeAllVisibility() ? null : query.visibility();
        this.hideForeignCommunity = !query.includeAllVisibility() && query.visibility() == null;
    }

    /** @param members the image's members by project id */
    boolean includes(Image image, Map<String, ImageMember> members) {
        if (!context.admin() && !visibleToCaller(image, members)) {
            return false;
        }
        if (only != null && image.visibility() != only) {
            return false;
        }
        return !hideForeignCommunity || image.visibility() != Visibility.COMMUNITY || ownedByCaller(image);
    }

    private boolean visibleToCaller(Image image, Map<String, ImageMember> members) {
        if (image.visibility() == Visibility.PUBLIC || image.visibility() == Visibility.COMMUNITY) {
            return true;
        }
        if (context.projectId() == null) {
            return false;
        }
        if (ownedByCaller(image)) {
            return true;
        }
        if (image.visibility() != Visibility.SHARED) {
            return false;
        }
        ImageMember membership = members.get(context.projectId());
        return membership != null && (memberStatus == null || membership.status() == memberStatus);
    }

    private boolean ownedByCaller(Image image) {
        return context.projectId() != null && context.projectId().equals(image.owner());
    }
}
