package io.glance.domain;

import java.util.Objects;
import java.util.Set;

/**
 * Who is calling, carried through every port so that authentication can be added without reshaping them.
 *
 * @param requestId the {@code req-<uuid>} id echoed in {@code x-openstack-request-id}
 * @param projectId the caller's project, or {@code null} (the no-auth pipeline has none)
 * @param roles     lower-cased role names
 * @param admin     whether the caller has admin rights
 */
public record RequestContext(String requestId, String projectId, Set<String> roles, boolean admin) {

    public RequestContext {
        Objects.requireNonNull(requestId, "requestId is null");
        roles = Set.copyOf(roles);
    }

    /** Glance's unauthenticated-context: every caller is admin and has no project, so new images have owner null. */
    public static RequestContext noAuth(String requestId) {
        return new RequestContext(requestId, null, Set.of("admin"), true);
    }

    /** True when the caller owns an image with the given owner (a null owner is owned by nobody but admins). */
    public boolean owns(String owner) {
        return admin || (projectId != null && projectId.equals(owner));
    }
}
