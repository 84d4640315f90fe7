package io.glance.domain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, carried through every port.
 *
 * @param requestId      the {@code req-<uuid>} id echoed in {@code x-openstack-request-id}
 * @param projectId      the caller's project, or {@code null} (the no-auth pipeline has none)
 * @param roles          lower-cased role names
 * @param admin          whether the caller has admin rights (Glance's {@code context_is_admin})
 * @param authentication how the caller proved who it is (its token, what Keystone said about it, the service token
 *                       and the catalog), or {@code null} without authentication
 */
public record RequestContext(String requestId, String projectId, Set<String> roles, boolean admin,
                             Authentication authentication) {

    public RequestContext {
        Objects.requireNonNull(requestId, "requestId is null");
        roles = Set.copyOf(roles);
    }

    /** A caller that did not authenticate (internal callers, tests, the registry's caller document). */
    public RequestContext(String requestId, String projectId, Set<String> roles, boolean admin) {
        this(requestId, projectId, roles, admin, null);
    }

    /** Glance's unauthenticated-context: every caller is admin and has no project, so new images have owner null. */
    public static RequestContext noAuth(String requestId) {
        return new RequestContext(requestId, null, Set.of("admin"), true);
    }

    /** The same caller with admin rights decided by a rule (the composition root's {@code context_is_admin}). */
    public RequestContext withAdmin(boolean newAdmin) {
        return new RequestContext(requestId, projectId, roles, newAdmin, authentication);
    }

    /** True when the caller owns an image with the given owner (a null owner is owned by nobody but admins). */
    public boolean owns(String owner) {
        return admin || (projectId != null && projectId.equals(owner));
    }

    /** The authenticated user's id, when there is one. */
    public Optional<String> userId() {
        return Optional.ofNullable(authentication).map(auth -> auth.user().userId());
    }

    /** The caller's service catalog (empty without authentication). */
    public List<CatalogEntry> catalog() {
        return authentication == null ? List.of() : authentication.catalog();
    }
}
