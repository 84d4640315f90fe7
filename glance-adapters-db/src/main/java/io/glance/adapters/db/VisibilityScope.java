package io.glance.adapters.db;

import io.glance.domain.RequestContext;
import io.glance.ports.out.ImageQuery;

/**
 * Which images a listing may return at all, as Glance's {@code image_get_all} decides (glance/db/sqlalchemy/api.py,
 * Glance v2 §2.1):
 * <ul>
 *     <li>admins see every image; everybody else sees public and community images, their own, and shared images
 *     they are a member of with {@code memberStatus} ({@code null}: any status);</li>
 *     <li>a {@code visibility} filter then keeps only that visibility; {@code visibility=all} keeps everything;</li>
 *     <li>without either, community images are kept only when the caller owns them — for admins too, so a foreign
 *     community image appears only when asked for.</li>
 * </ul>
 * Glance lists shared images of any member to a non-admin without a project; that is a quirk of its query, not a
 * rule, so here such a caller is a member of nothing.
 *
 * @param admin                the caller is an admin
 * @param projectId            the caller's project, or {@code null}
 * @param memberStatus         the member status that counts for shared-with-me, or {@code null} for any
 * @param visibility           the only visibility to list, or {@code null}
 * @param hideForeignCommunity drop community images not owned by {@code projectId}
 */
record VisibilityScope(boolean admin, String projectId, String memberStatus, String visibility,
                       boolean hideForeignCommunity) {

    static VisibilityScope of(ImageQuery query, RequestContext context) {
        String only = query.includeAllVisibility() || query.visibility() == null ? null
                : query.visibility().wireName();
        boolean hideForeignCommunity = !query.includeAllVisibility() && query.visibility() == null;
        String memberStatus = query.memberStatus() == null ? null : query.memberStatus().wireName();
        return new VisibilityScope(context.admin(), context.projectId(), memberStatus, only, hideForeignCommunity);
    }
}
