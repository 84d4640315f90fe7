package io.glance.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What Keystone vouches for about a token it validated: who holds it, what it is scoped to, its roles and until
 * when it is good. A project-scoped token has a project, a domain-scoped one a domain, a system-scoped one
 * {@code systemScope}; an unscoped token none of these.
 *
 * @param userId            the user's id
 * @param userName          the user's name
 * @param userDomainId      the user's domain id
 * @param userDomainName    the user's domain name
 * @param projectId         the project the token is scoped to, or {@code null}
 * @param projectName       its name, or {@code null}
 * @param projectDomainId   its domain's id, or {@code null}
 * @param projectDomainName its domain's name, or {@code null}
 * @param domainId          the domain a domain-scoped token is scoped to, or {@code null}
 * @param domainName        its name, or {@code null}
 * @param systemScope       whether the token is system-scoped
 * @param roles             role names, case as Keystone has them
 * @param isAdminProject    Keystone's {@code is_admin_project} ({@code true} when Keystone does not say)
 * @param expiresAt         when the token stops being valid
 * @param catalog           the service catalog the token carried (empty when it had none)
 */
public record ValidatedToken(String userId, String userName, String userDomainId, String userDomainName,
                             String projectId, String projectName, String projectDomainId, String projectDomainName,
                             String domainId, String domainName, boolean systemScope, List<String> roles,
                             boolean isAdminProject, Instant expiresAt, List<CatalogEntry> catalog) {

    public ValidatedToken {
        Objects.requireNonNull(userId, "userId is null");
        Objects.requireNonNull(expiresAt, "expiresAt is null");
        roles = List.copyOf(roles);
        catalog = List.copyOf(catalog);
    }

    /** Whether the token is still good at {@code now}: a token expiring exactly now is not. */
    public boolean isValidAt(Instant now) {
        return now.isBefore(expiresAt);
    }

    /** The role names lower-cased, as Glance's request context has them (a historic quirk of Glance's). */
    public Set<String> lowerCaseRoles() {
        return Set.copyOf(roles.stream().map(role -> role.toLowerCase(java.util.Locale.ROOT)).toList());
    }
}
